"""Publish a national monthly dataset and time the Map page's views read from roll-ups; print JSON.

Builds the records of issue #14's national monthly file (every village of the code list,
every month 2023-01 .. 2025-12, a procedural split; ``--villages N``: the first N villages
only) in memory, publishes them to a fresh store (records and roll-ups in one transaction),
then, each in a fresh child process so nothing is warm: the choropleth of all regencies and
of Kepri's villages for a month, a year and a six-month range (public audience, so the
disclosure hierarchy is read too), with the process's peak memory. The old path (every
record of the dataset loaded into pandas) is timed beside it for the regency view.

Run: ``RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/rollups.py [--villages N] [--db URL]``
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

MONTHS = [f"{year}-{month:02d}" for year in (2023, 2024, 2025) for month in range(1, 13)]
VIEWS = (
    ("regency", None, "2024-03"), ("regency", None, "2024"), ("regency", None, "2024-01..2024-06"),
    ("village", "21", "2024-03"), ("village", "21", "2024"),
)


def national_records(villages: int | None) -> pd.DataFrame:
    """Every village × month with a count and a procedural split (fixed seed)."""
    from geo.data.codes import CodeList

    codes = CodeList.load().level("village")["code"].astype(str).tolist()
    codes = codes if villages is None else codes[:villages]
    rng = np.random.default_rng(14)
    level = rng.gamma(shape=0.6, scale=8.0, size=len(codes))
    return pd.DataFrame({
        "area_code": pd.Categorical(np.repeat(np.asarray(codes, dtype=object), len(MONTHS))),
        "level": "village",
        "period": pd.Categorical(np.tile(np.asarray(MONTHS, dtype=object), len(codes))),
        "count": rng.poisson(np.repeat(level, len(MONTHS))),
        "procedural": rng.random(len(codes) * len(MONTHS)) < 0.8,
    })


def view_child(level: str, area: str | None, period: str, old_path: bool) -> dict[str, object]:
    """Time one view in this (fresh) process: selection, choropleth; peak memory."""
    from dataclasses import replace

    from geo.data.codes import CodeList
    from geo.web.mapview import build_choropleth, select_datasets
    from geo.web.viewstate import View

    chosen = tuple(period.split("..")) if ".." in period else period
    view = View(level=level, area=area, period=chosen, indicator="migrants")  # type: ignore[arg-type]
    codes = CodeList.load().level(level)["code"].astype(str)
    codes = codes[codes.str.startswith(area + ".")] if area else codes
    rss_before = peak_rss_mb()
    start = time.perf_counter()
    selection = select_datasets(None, "en")
    if old_path:  # the previous way: every record of the dataset in pandas
        selection = replace(selection, records=all_records(selection.source), source=None)
    result = build_choropleth(view, codes.tolist(), selection, names={}, lang="en")
    seconds = time.perf_counter() - start
    assert result is not None
    return {"level": level, "area": area, "period": period, "old_path": old_path, "seconds": round(seconds, 2),
            "areas_with_values": int(result.table["value"].notna().sum()),
            "peak_rss_mb_before": round(rss_before, 1), "peak_rss_mb": round(peak_rss_mb(), 1)}


def all_records(source: object) -> pd.DataFrame:
    """The old path: every record of the selection's datasets loaded from the store and combined in pandas."""
    from geo.analysis.indicators import combine_records
    from geo.data.store import Store

    frames = {kind: Store(source.database).load_records(dataset_id)  # type: ignore[attr-defined]
              for kind, dataset_id in source.ids_by_kind}  # type: ignore[attr-defined]
    return combine_records(migration=frames.get("migration"), cases=frames.get("cases"))


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: ru_maxrss would carry the parent's peak across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    """Publish, then time each view in a fresh child process; print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=None)
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: SQLite in a new RISKMAP_HOME)")
    parser.add_argument("--home", default=None, help="reuse this RISKMAP_HOME's store (published before): views only")
    parser.add_argument("--child", nargs=4, metavar=("LEVEL", "AREA", "PERIOD", "OLD"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        level, area, period, old = args.child
        print(json.dumps(view_child(level, None if area == "-" else area, period, old == "1")))
        return
    home = args.home or tempfile.mkdtemp(prefix="riskmap-rollups-bench-")
    env = {**os.environ, "RISKMAP_HOME": home, **({"RISKMAP_DB_URL": args.db} if args.db else {})}
    os.environ.update(env)
    from geo.data.store import Store

    store = Store()
    result: dict[str, object] = {"home": home, "load_before": os.getloadavg()[0], "views": []}
    if args.home is None:
        store.mark_once("sample-data")  # no sample datasets: the national one is the only one
        records = national_records(args.villages)
        start = time.perf_counter()
        dataset_id = store.save_dataset(kind="migration", name="national monthly", records=records)
        result.update(records=len(records), rollup_rows=store.rollup_count(dataset_id),
                      publish_seconds=round(time.perf_counter() - start, 1))
    for level, area, period in VIEWS + (("regency", None, "2024-03"),):
        old = len(result["views"]) == len(VIEWS)  # type: ignore[arg-type]
        output = subprocess.run(
            [sys.executable, __file__, "--child", level, area or "-", period, "1" if old else "0"],
            env=env, capture_output=True, text=True, check=True,
        ).stdout
        result["views"].append(json.loads(output.strip().splitlines()[-1]))  # type: ignore[union-attr]
    result["load_after"] = os.getloadavg()[0]
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
