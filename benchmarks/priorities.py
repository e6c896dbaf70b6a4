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

Run: ``RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/priorities.py``
"""

from __future__ import annotations

import json
import os
import platform
import resource
import time

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


def main() -> None:
    records = _records()
    load_before = list(np.round(os.getloadavg(), 1))
    result = {
        "rank": bench_rank(records),
        "plan_jawa_timur": bench_plan(records),
    }
    # Load average (1, 5, 15 min) before and after: on a shared machine wall-clock seconds stretch with it,
    # CPU seconds (this process's own) much less.
    result["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "load_before": load_before,
                         "load_after": list(np.round(os.getloadavg(), 1))}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
