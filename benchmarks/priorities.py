"""Time priorities: rank villages nationally (cold and warm weights) and plan Jawa Timur (20 sites, 10 km).

Prints one JSON object: for ``rank`` the number of villages, the seconds to build and cache
the neighbour graph (cold), and the seconds of a warm ranking (graph read from the cache,
disclosure control decided for the first time in the process, Empirical Bayes, Gi*, score,
why-texts; wall-clock and CPU) split into its stages, a second call (disclosure cached) and a
call with Local Moran instead of Gi*; for ``plan`` the seconds and
the peak resident memory of planning Jawa Timur's villages. Records are the deterministic
sample datasets (:mod:`geo.data.sample`), public audience.

The national ranking uses the village files already prepared in the boundary cache (all 38
provinces give the ~83,000 villages; preparing them takes long): the JSON says how many
provinces and villages were ranked. The machine may be shared: figures are wall-clock.

``store`` ranks from a store as ``riskmap rank``, the Priorities page and the brief do, each
view in a fresh child process (nothing warm but the neighbour graph file): the roll-up rows
of the ranked level and area in the period and the one before it
(:func:`geo.web.priority_layer.score_rows`), beside the old path (every record of the
datasets loaded into pandas) for the views in ``--old-path``; seconds (selection, rows read,
score), rows read, peak memory, and whether both paths gave the same table. The store is
``--store-db URL`` (e.g. a copy of issue #14's national monthly store) or, by default, a
fresh one holding the sample datasets. ``--only-store`` leaves the in-memory sections out.

Run: ``RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/priorities.py``
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd


def _records() -> pd.DataFrame:
    from geo.analysis.indicators import combine_records
    from geo.data.codes import CodeList
    from geo.data.sample import case_records, migration_records

    codes = CodeList.load()
    return combine_records(migration_records(codes), case_records(codes))


def _prepared_provinces() -> list[str]:
    from geo.data import boundaries

    return [province for province in boundaries.province_codes() if boundaries.is_prepared("village", province)]


def _national_graph(provinces: list[str]) -> tuple[object, float]:
    """The graph of every prepared province's villages, built and cached once (cold), and its seconds."""
    from geo.analysis import hotspots
    from geo.data import boundaries

    start = time.perf_counter()
    frame = pd.concat([boundaries.display_layer("village", province) for province in provinces], ignore_index=True)
    graph = hotspots.build_area_graph(frame["code"].astype(str).to_numpy(dtype=object), frame.geometry.to_numpy())
    path = hotspots._graph_path("village", "bench-" + "-".join(provinces), hotspots.DEFAULT_K)
    hotspots._save_graph(graph, path)
    cold = time.perf_counter() - start
    return path, cold


def bench_rank(records: pd.DataFrame) -> dict[str, object]:
    from geo.analysis import hotspots
    from geo.analysis.priority import priority_table

    provinces = _prepared_provinces()
    path, cold = _national_graph(provinces)
    start, start_cpu = time.perf_counter(), time.process_time()
    graph = hotspots._load_graph(path)  # type: ignore[arg-type]
    loaded = time.perf_counter()
    assert graph is not None
    # The first ranking of the process also decides disclosure control (cached per records object).
    table = priority_table(records, graph.codes.tolist(), "2024", graph=graph, lang="id")
    done, done_cpu = time.perf_counter(), time.process_time()
    priority_table(records, graph.codes.tolist(), "2024", graph=graph, lang="id")  # same process, modules loaded
    again, again_cpu = time.perf_counter() - done, time.process_time() - done_cpu
    moran_start = time.perf_counter()
    moran = priority_table(records, graph.codes.tolist(), "2024", graph=graph, lang="id", hotspot_method="moran")
    moran_seconds = time.perf_counter() - moran_start
    hot = int((table["hotspot"] == "hot").sum())
    path.unlink(missing_ok=True)  # type: ignore[attr-defined]
    return {
        "provinces": len(provinces), "villages": len(graph), "hot": hot,
        "hot_moran_hh": int((moran["hotspot"] == "hot").sum()),
        "cold_graph_seconds": round(cold, 2), "warm_seconds": round(done - start, 2),
        "warm_cpu_seconds": round(done_cpu - start_cpu, 2),
        "warm_graph_read_seconds": round(loaded - start, 3), "warm_score_seconds": round(done - loaded, 2),
        "second_call_seconds": round(again, 2), "second_call_cpu_seconds": round(again_cpu, 2),
        "moran_call_seconds": round(moran_seconds, 2),
    }


def bench_plan(records: pd.DataFrame) -> dict[str, object]:
    from geo.analysis.hotspots import area_graph
    from geo.analysis.plan import plan_sites
    from geo.analysis.priority import priority_table

    graph = area_graph("village", "35")
    table = priority_table(records, graph.codes.tolist(), "2024", graph=graph, lang="id")
    score = table["score"].where(~table["insufficient_data"], 0).reindex(graph.codes).to_numpy(dtype=float)
    start = time.perf_counter()
    plan = plan_sites(graph.lon, graph.lat, score, 20, 10.0)
    seconds = time.perf_counter() - start
    return {
        "villages": len(graph), "sites": len(plan.sites), "method": plan.method, "seconds": round(seconds, 2),
        "covered_share": round(plan.covered_share, 3),
        "bound_ratio": round(float(sum(plan.covered_score) / plan.upper_bound), 3) if plan.upper_bound else None,
        "peak_rss_mb_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


STORE_VIEWS: tuple[tuple[str, str], ...] = (("village", "2024"), ("village", "2024-03"), ("regency", "2024"))
"""National rankings timed from the store: (level, period); a month's "recent change" is the month before."""


def _all_records(selection: object) -> pd.DataFrame:
    """The old path: every record of the selection's datasets, loaded and combined in pandas."""
    from geo.analysis.indicators import combine_records
    from geo.data.store import Store

    source = selection.source  # type: ignore[attr-defined]
    frames = {kind: Store(source.database).load_records(dataset_id) for kind, dataset_id in source.ids_by_kind}
    return combine_records(migration=frames.get("migration"), cases=frames.get("cases"))


def store_child(level: str, period: str, graph_path: str, old_path: bool, out: str) -> dict[str, object]:
    """Rank one national view in this fresh process, from roll-ups or from every record; pickle the table to ``out``."""
    from geo.analysis import hotspots
    from geo.analysis.priority import priority_table
    from geo.web.mapview import select_datasets
    from geo.web.priority_layer import score_rows

    graph = hotspots._load_graph(Path(graph_path))
    assert graph is not None
    start, start_cpu = time.perf_counter(), time.process_time()
    selection = select_datasets(None, "en")
    selected = time.perf_counter()
    if old_path:
        records, whole = _all_records(selection), None
    else:
        scored = score_rows(selection, level, None, period)
        assert scored is not None
        records, whole = scored
    read = time.perf_counter()
    thresholds = [d.disclosure_threshold for d in selection.datasets if d.disclosure_threshold]
    table = priority_table(records, graph.codes.tolist(), period, graph=graph, lang="id",
                           threshold=max(thresholds) if thresholds else None, whole=whole)
    done, done_cpu = time.perf_counter(), time.process_time()
    Path(out).write_bytes(pickle.dumps(table))
    return {
        "level": level, "period": period, "path": "records" if old_path else "rollups", "areas": len(table),
        "rows_read": len(records), "seconds": round(done - start, 2), "cpu_seconds": round(done_cpu - start_cpu, 2),
        "select_seconds": round(selected - start, 2), "read_seconds": round(read - selected, 2),
        "score_seconds": round(done - read, 2), "peak_rss_mb": round(_peak_rss_mb()),
    }


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: ru_maxrss would carry the parent's peak across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _level_graph(level: str, folder: Path) -> Path:
    """Every area of ``level`` with a polygon (villages: of every prepared province), saved for the children."""
    from geo.analysis import hotspots
    from geo.data import boundaries

    if level == "village":
        frame = pd.concat([boundaries.display_layer("village", province) for province in _prepared_provinces()],
                          ignore_index=True)
    else:
        frame = boundaries.display_layer(level)
    graph = hotspots.build_area_graph(frame["code"].astype(str).to_numpy(dtype=object), frame.geometry.to_numpy())
    path = folder / f"{level}.graph"
    hotspots._save_graph(graph, path)
    return path


def bench_store(database: str | None, old_views: set[int]) -> dict[str, object]:
    """Each national view ranked in fresh processes from roll-ups (and from every record for ``old_views``)."""
    folder = Path(tempfile.mkdtemp(prefix="riskmap-priorities-bench-"))
    env = {**os.environ, "RISKMAP_HOME": str(folder)}
    if database:
        env["RISKMAP_DB_URL"] = database
    else:  # the sample datasets in a fresh store of this run
        env.pop("RISKMAP_DB_URL", None)
        subprocess.run([sys.executable, "-c", "from geo.data import store; store.ensure_default_data()"], env=env,
                       check=True, cwd=Path(__file__).resolve().parent.parent)
    graphs = {level: _level_graph(level, folder) for level in {level for level, _ in STORE_VIEWS}}
    views: list[dict[str, object]] = []
    for index, (level, period) in enumerate(STORE_VIEWS):
        tables = {}
        first = len(views)  # the roll-up path's entry; the old path's follows it
        for old in (False, True) if index in old_views else (False,):
            out = folder / f"{index}-{int(old)}.pickle"
            output = subprocess.run(
                [sys.executable, __file__, "--store-child", level, period, str(graphs[level]), "1" if old else "0",
                 str(out)], env=env, capture_output=True, text=True, check=True,
            ).stdout
            views.append(json.loads(output.strip().splitlines()[-1]))
            tables[old] = pickle.loads(out.read_bytes())
        views[first]["hot"] = int((tables[False]["hotspot"] == "hot").sum())
        if len(tables) == 2:
            try:
                pd.testing.assert_frame_equal(tables[False], tables[True])
                views[-1]["equal_to_rollups"] = True
            except AssertionError:
                views[-1]["equal_to_rollups"] = False
    shutil.rmtree(folder, ignore_errors=True)  # graphs, tables and the sample store: tens of MB
    return {"database": database or "sample datasets (fresh SQLite)", "views": views}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store-db", default=None, help="SQLAlchemy URL of a store to rank from (default: samples)")
    parser.add_argument("--old-path", default="0,2", help="indices of STORE_VIEWS also ranked from every record")
    parser.add_argument("--only-store", action="store_true", help="leave the in-memory sections out")
    parser.add_argument("--store-child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store_child:
        level, period, graph_path, old, out = args.store_child
        print(json.dumps(store_child(level, period, graph_path, old == "1", out)))
        return
    load_before = list(np.round(os.getloadavg(), 1))
    result: dict[str, object] = {}
    if not args.only_store:
        records = _records()
        result["rank"] = bench_rank(records)
        result["plan_jawa_timur"] = bench_plan(records)
    result["store"] = bench_store(args.store_db, {int(i) for i in args.old_path.split(",") if i.strip()})
    # Load average (1, 5, 15 min) before and after: on a shared machine wall-clock seconds stretch with it,
    # CPU seconds (this process's own) much less.
    result["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "load_before": load_before,
                         "load_after": list(np.round(os.getloadavg(), 1))}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
