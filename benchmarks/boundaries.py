"""Benchmark the boundary pipeline; prints one JSON object.

Measures, in a fresh RISKMAP_HOME (unless --home is given):
- time and peak memory (RSS) of preparing all levels from the mirror (villages of the
  provinces given with --provinces, default 21,35; use --provinces all for everything);
- load time per level (cold read of the cache, then warm, i.e. shared in memory);
- GeoJSON bytes sent to the browser for national regencies, Kepri villages and
  Jawa Timur villages, as prepared by geo.web.layers (5-decimal coordinates); for a large
  layer (Jawa Timur's villages) also its overview, the geometry the page downloads first,
  with its vertices against the full layer's and the seconds to read it from the boundary
  cache's overview file and prepare it (simplified once, when the level was prepared).

Usage: RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/boundaries.py
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _prepare_in_subprocess(home: Path, provinces: str) -> dict[str, float]:
    # A child process so its peak RSS is the preparation's alone.
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).with_name("riskmap")), "data", "fetch", "--provinces", provinces],
        check=True,
        cwd=ROOT,
        env={**os.environ, "RISKMAP_HOME": str(home)},
        stderr=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(peak_kb / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--provinces", default="21,35")
    parser.add_argument("--home", type=Path, default=None, help="reuse this RISKMAP_HOME (skips a cold prepare)")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="riskmap-bench-"))
    result: dict[str, object] = {"provinces_with_villages": args.provinces}
    result["prepare"] = _prepare_in_subprocess(home, args.provinces)

    os.environ["RISKMAP_HOME"] = str(home)
    sys.path.insert(0, str(ROOT))
    import numpy as np
    import shapely

    from geo.data import boundaries
    from geo.web import layers

    loads = {}
    for level, within in [("province", None), ("regency", None), ("district", None), ("village", "21"), ("village", "35")]:
        started = time.perf_counter()
        boundaries.display_layer(level, within)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        boundaries.display_layer(level, within)
        warm = time.perf_counter() - started
        loads[f"{level}:{within or 'ID'}"] = {"cold_s": round(cold, 3), "warm_s": round(warm, 6)}
    result["display_load"] = loads

    sizes = {}
    for label, level, within in [
        ("national_regencies", "regency", None),
        ("kepri_villages", "village", "21"),
        ("jawa_timur_villages", "village", "35"),
    ]:
        started = time.perf_counter()
        payload = layers.cached_layer(level, within).geojson
        first = time.perf_counter() - started
        started = time.perf_counter()
        layers.cached_layer(level, within)
        warm = time.perf_counter() - started
        text = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
        sizes[label] = {
            "features": len(boundaries.display_layer(level, within)),
            "geojson_mb": round(len(text.encode()) / 1e6, 3),
            "first_build_s": round(first, 3),
            "warm_s": round(warm, 6),
        }
        started = time.perf_counter()
        overview = layers.cached_overview_layer(level, within)
        if overview is not None:
            prepared_s = time.perf_counter() - started  # read from the cache's overview file, then prepared
            frame = boundaries.display_layer(level, within)
            overview_frame = boundaries.display_layer(level, within, overview=True)
            sizes[label]["overview"] = {
                "geojson_mb": round(len(overview.geojson.encode()) / 1e6, 3),
                "first_build_s": round(prepared_s, 3),
                "vertices": int(shapely.get_num_coordinates(np.asarray(overview_frame.geometry.array)).sum()),
                "full_vertices": int(shapely.get_num_coordinates(np.asarray(frame.geometry.array)).sum()),
            }
    result["browser_payload"] = sizes
    result["targets"] = {"national_regencies_mb": 1.5, "jawa_timur_villages_mb": 6.0, "warm_view_s": 0.5}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
