"""Map views with the national monthly dataset active (issue #14 item 5); prints one JSON object.

1. The national monthly file (``benchmarks/national_monthly.py``, or ``--dataset FILE``) is stored
   by ``riskmap ingest`` into this run's own ``RISKMAP_HOME`` (SQLite there, or the database of
   ``RISKMAP_DB_URL``, e.g. PostgreSQL) and made the active migration dataset.
2. For each view (national regencies, Kepri villages, Jawa Timur villages) a fresh app server is
   started and the view loaded once: the *cold* first view after a server start. Then the view
   and the one-polygon floor page are loaded in turns, ``--repeat`` rounds, each in a fresh
   browser context: the *warm* view. Ratios are to the floor median of the same run
   (``warm_ratio``) and, for the warm view, also to the floor loads of its own rounds
   (``warm_ratio_own_rounds``: the machine's speed drifts between views' rounds).
3. The server's resident memory (``VmRSS``; and ``VmHWM``, its peak) after its view.

Targets (issue #14): cold <= 3x the floor, warm <= 1.3x (Jawa Timur <= 1.6x), server RSS <= 500 MB.
The helpers (servers, timing in Chromium, views) are those of ``benchmarks/browser_map.py``.

Run: ``RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/national_views.py``
(``--boundary-cache DIR`` reuses a prepared boundary cache; ``RISKMAP_DB_URL=postgresql://…`` for PostgreSQL).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.browser_map import (  # noqa: E402
    CHROMIUM_ARGS,
    SERVER_PIDS,
    VIEWS,
    streamlit_server,
    time_to_polygons,
)

TARGETS = {"cold_ratio": 3.0, "warm_ratio": {"national_regencies": 1.3, "kepri_villages": 1.3,
                                              "jawa_timur_villages": 1.6}, "server_rss_mb": 500}
COLD_TIMEOUT_S = 300.0


def _memory_mb(pid: int) -> dict[str, int]:
    """``VmRSS`` and ``VmHWM`` of a process in MB (Linux ``/proc``)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return {name: int(re.search(rf"{name}:\s+(\d+)", status).group(1)) // 1024  # type: ignore[union-attr]
            for name in ("VmRSS", "VmHWM")}


def ingest(dataset: Path) -> dict[str, object]:
    """Store ``dataset`` with ``riskmap ingest`` (active migration dataset); seconds and the summary."""
    started = time.perf_counter()
    completed = subprocess.run(
        [str(Path(sys.executable).with_name("riskmap")), "ingest", str(dataset), "--kind", "migration", "--name",
         "national monthly", "--json"], cwd=ROOT, capture_output=True, text=True, check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"riskmap ingest failed: {completed.stderr.strip()[-2000:]}")
    summary = json.loads(completed.stdout)
    return {"seconds": round(time.perf_counter() - started, 1), "dataset_id": summary["dataset_id"],
            "rows_accepted": summary["rows_accepted"], "total": summary["total"]}


def view_figures(browser: object, floor_url: str, name: str, repeat: int) -> dict[str, object]:
    """Cold first view on a fresh app server, then ``repeat`` warm rounds interleaved with the floor."""
    query, minimum = VIEWS[name]
    with streamlit_server("app.py") as app_url:
        url = f"{app_url}/?{query}"
        cold = time_to_polygons(browser, url, minimum, timeout_s=COLD_TIMEOUT_S)
        floors, warms = [], []
        for _ in range(repeat):
            floors.append(time_to_polygons(browser, floor_url, 1))
            warms.append(time_to_polygons(browser, url, minimum))
        memory = _memory_mb(SERVER_PIDS[app_url])
    return {"cold_s": round(cold, 3), "warm_s": round(statistics.median(warms), 3),
            "warm_all_s": [round(x, 3) for x in warms], "floor_samples_s": floors,
            "server_rss_mb": memory["VmRSS"], "server_peak_mb": memory["VmHWM"]}


def _prepare_environment(work: Path, boundary_cache: Path | None) -> None:
    """This run's own RISKMAP_HOME (and boundary cache unless one is given); children inherit it."""
    os.environ["RISKMAP_HOME"] = str(work / "home")
    (work / "home").mkdir()
    if boundary_cache is not None:
        os.environ["RISKMAP_BOUNDARY_CACHE"] = str(boundary_cache)


def _dataset(args: argparse.Namespace, work: Path) -> tuple[Path, dict[str, object]]:
    if args.dataset is not None:
        return args.dataset, {"path": str(args.dataset), "bytes": args.dataset.stat().st_size}
    from benchmarks.national_monthly import village_codes, write_national_monthly

    path = work / "national_monthly.csv"
    return path, write_national_monthly(path, village_codes(args.villages))


def main() -> None:
    """Ingest the dataset, measure the views, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, help="CSV to ingest (default: generate the national monthly file)")
    parser.add_argument("--villages", type=int, default=None, help="generated file: only the first N villages")
    parser.add_argument("--repeat", type=int, default=3, help="warm rounds per view (default 3)")
    parser.add_argument("--boundary-cache", type=Path, help="a prepared boundary cache to reuse (read only)")
    parser.add_argument("--views", nargs="+", choices=list(VIEWS), default=list(VIEWS))
    parser.add_argument("--home", type=Path,
                        help="a RISKMAP_HOME whose store already holds the dataset, active: no generation or ingest")
    args = parser.parse_args()
    result: dict[str, object] = {"database": "postgresql" if os.environ.get("RISKMAP_DB_URL", "").startswith(
        "postgres") else "sqlite", "repeat": args.repeat, "targets": TARGETS}
    with tempfile.TemporaryDirectory(prefix="riskmap-views-") as folder, ExitStack() as stack:
        work = Path(folder)
        _prepare_environment(work, args.boundary_cache)
        from geo.data import boundaries

        boundaries.prepare(provinces=["21", "35"])
        if args.home is not None:  # measure views again on a store ingested before
            os.environ["RISKMAP_HOME"] = str(args.home.resolve())
            result["home"] = str(args.home)
        else:
            dataset, result["dataset"] = _dataset(args, work)
            result["ingest"] = ingest(dataset)
        from playwright.sync_api import sync_playwright

        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        floor_url = stack.enter_context(streamlit_server("benchmarks/apps/floor.py"))
        # The floor's own first load after its server start, for comparison with the cold views.
        result["floor_cold_s"] = round(time_to_polygons(browser, floor_url, 1), 3)
        views = {name: view_figures(browser, floor_url, name, args.repeat) for name in args.views}
        floor = statistics.median(sample for figures in views.values() for sample in figures["floor_samples_s"])
        for figures in views.values():
            # The floor of the view's own rounds too: a machine slower during one view's rounds
            # weighs on that view and on these floor loads alike.
            figures["floor_own_rounds_s"] = round(statistics.median(figures.pop("floor_samples_s")), 3)
        browser.close()
    result["floor_s"] = round(floor, 3)
    for figures in views.values():
        figures["cold_ratio"] = round(float(figures["cold_s"]) / floor, 2)  # type: ignore[arg-type]
        figures["warm_ratio"] = round(float(figures["warm_s"]) / floor, 2)  # type: ignore[arg-type]
        figures["warm_ratio_own_rounds"] = round(
            float(figures["warm_s"]) / float(figures["floor_own_rounds_s"]), 2)  # type: ignore[arg-type]
    result["views"] = views
    result["server_rss_mb_max"] = max(int(figures["server_rss_mb"]) for figures in views.values())  # type: ignore[call-overload]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
