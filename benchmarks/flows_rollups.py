"""Publish a national monthly cases dataset with destinations and time flow views read from roll-ups; print JSON.

Builds cases records for every village of the code list (``--villages N``: the first N),
every month of 2024, each village sending to one destination (cities and countries of
the gazetteer, a few by transit; fixed seed), publishes them to a fresh store, then,
each in a fresh child process so nothing is warm: the flows of all regencies (all
periods, a month), of Kepri's villages for a six-month range and of Jawa Timur's
villages for the year (public audience, as the map and the Flows page compute them),
with the rows read and the process's peak memory, then once more in the same process
(warm: the gazetteer and the code list, loaded once per process, are then in memory). The old path (every record loaded
into pandas, then aggregated) is timed beside it for two of the views.

Run: ``RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/flows_rollups.py [--villages N] [--db URL]``
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.rollups import peak_rss_mb  # noqa: E402

MONTHS = [f"2024-{month:02d}" for month in range(1, 13)]
DESTINATIONS = (  # (city, country, transit, weight)
    ("Kuala Lumpur", "Malaysia", None, 0.30), ("Johor Baru", "Malaysia", None, 0.15),
    (None, "Arab Saudi", None, 0.15), ("Hong Kong", "Hong Kong", None, 0.10), ("Taipei", "Taiwan", None, 0.10),
    ("Phnom Penh", "Kamboja", "Batam", 0.08), (None, "Singapura", None, 0.07), ("Kota Entah", "Malaysia", None, 0.05),
)
VIEWS = (  # level, area, from, to, old path too
    ("regency", None, None, None, True), ("regency", None, "2024-03", "2024-03", False),
    ("village", "21", "2024-01", "2024-06", False), ("village", "35", "2024", "2024", True),
)


def national_cases(villages: int | None) -> pd.DataFrame:
    """Every village × month of 2024, one destination per village, small Poisson counts (fixed seed)."""
    from geo.data.codes import CodeList

    codes = CodeList.load().level("village")["code"].astype(str).tolist()
    codes = codes if villages is None else codes[:villages]
    rng = np.random.default_rng(14)
    weights = np.asarray([weight for *_, weight in DESTINATIONS])
    chosen = np.repeat(rng.choice(len(DESTINATIONS), size=len(codes), p=weights / weights.sum()), len(MONTHS))
    column = {name: np.asarray([row[index] for row in DESTINATIONS], dtype=object)[chosen]
              for index, name in enumerate(("destination_city", "destination_country", "transit"))}
    return pd.DataFrame({
        "area_code": pd.Categorical(np.repeat(np.asarray(codes, dtype=object), len(MONTHS))),
        "level": "village",
        "period": pd.Categorical(np.tile(np.asarray(MONTHS, dtype=object), len(codes))),
        "count": rng.poisson(np.repeat(rng.gamma(shape=0.5, scale=2.0, size=len(codes)), len(MONTHS))),
        **column,
    })


def view_child(level: str, area: str | None, period_from: str | None, period_to: str | None,
               old_path: bool) -> dict[str, object]:
    """Time one flow view in this (fresh) process; peak memory."""
    from geo.analysis.flows import aggregate_flows
    from geo.config import database_url
    from geo.data.store import Store
    from geo.web.flowdata import flow_rows, stored_flows

    store = Store()
    dataset_id = store.active_dataset("cases").id  # type: ignore[union-attr]
    view = {"level": level, "within": area, "period_from": period_from, "period_to": period_to}
    rss_before = peak_rss_mb()
    start = time.perf_counter()
    if old_path:  # the previous way: every record of the dataset in pandas
        result = aggregate_flows(store.load_records(dataset_id), unit="cases", **view)  # type: ignore[arg-type]
    else:
        result = stored_flows(database_url(), dataset_id, unit="cases", **view)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    start = time.perf_counter()  # again in the same process: gazetteer and code list warm
    if old_path:
        aggregate_flows(store.load_records(dataset_id), unit="cases", **view)  # type: ignore[arg-type]
    else:
        stored_flows(database_url(), dataset_id, unit="cases", **view)  # type: ignore[arg-type]
    warm_seconds = time.perf_counter() - start
    rows_read = -1 if old_path else len(flow_rows(store, dataset_id, **view))  # type: ignore[arg-type]  # untimed
    return {**view, "old_path": old_path, "seconds": round(seconds, 2), "warm_seconds": round(warm_seconds, 2),
            "rows_read": rows_read,
            "flows": result.flow_count, "drawn": len(result.flows), "total_count": result.total_count,
            "suppressed_flows": result.suppressed_flows,
            "peak_rss_mb_before": round(rss_before, 1), "peak_rss_mb": round(peak_rss_mb(), 1)}


def main() -> None:
    """Publish, then time each view in a fresh child process; print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=None)
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: SQLite in a new RISKMAP_HOME)")
    parser.add_argument("--home", default=None, help="reuse this RISKMAP_HOME's store (published before): views only")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        level, area, period_from, period_to, old = (None if value == "-" else value for value in args.child)
        print(json.dumps(view_child(str(level), area, period_from, period_to, old == "1")))
        return
    home = args.home or tempfile.mkdtemp(prefix="riskmap-flows-bench-")
    env = {**os.environ, "RISKMAP_HOME": home, **({"RISKMAP_DB_URL": args.db} if args.db else {})}
    os.environ.update(env)
    from geo.data.store import Store

    store = Store()
    result: dict[str, object] = {"home": home, "load_before": os.getloadavg()[0], "views": []}
    if args.home is None:
        store.mark_once("sample-data")  # no sample datasets: the national one is the only one
        records = national_cases(args.villages)
        start = time.perf_counter()
        dataset_id = store.save_dataset(kind="cases", name="national cases", records=records)
        result.update(records=len(records), rollup_rows=store.rollup_count(dataset_id),
                      publish_seconds=round(time.perf_counter() - start, 1))
    runs = [(level, area, low, high, False) for level, area, low, high, _ in VIEWS]
    runs += [(level, area, low, high, True) for level, area, low, high, old in VIEWS if old]
    for level, area, low, high, old in runs:
        output = subprocess.run(
            [sys.executable, __file__, "--child", level, area or "-", low or "-", high or "-", "1" if old else "0"],
            env=env, capture_output=True, text=True, check=True,
        ).stdout
        result["views"].append(json.loads(output.strip().splitlines()[-1]))  # type: ignore[union-attr]
    result["load_after"] = os.getloadavg()[0]
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
