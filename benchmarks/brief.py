"""Time the one-page brief of Kota Batam's villages (64 areas); prints one JSON object.

The issue's target: a brief renders in ≤ 5 s for a regency's villages. Measured in one
process on the deterministic sample datasets (public audience), in a temporary
RISKMAP_HOME (the boundary cache is the usual one, prepared beforehand):

- ``cold_seconds``: the first brief of the process — imports (matplotlib, fpdf2, esda),
  loading the sample records from the store, the display layer, the neighbour graph;
- ``render_seconds``: a brief of a view whose data is loaded (what the Map page's button
  and a second ``riskmap brief`` view in a warm server cost), median of ``--repeat`` runs,
  and its CPU seconds (``render_cpu_seconds``: the wall time on an idle core, as the
  machine is shared), with the median of some stages (priorities, map image, flows);
- ``pdf_kb`` / ``png_kb``: sizes of the outputs.

The machine may be shared: figures are wall-clock, the load average is printed beside them.

Run: ``RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/brief.py``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

AREA, LEVEL = "21.71", "village"


def _seconds(started: float) -> float:
    return round(time.perf_counter() - started, 2)


def main() -> None:
    """Print the timings as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="warm renders timed (median reported)")
    args = parser.parse_args()
    os.environ.setdefault("RISKMAP_HOME", tempfile.mkdtemp(prefix="riskmap-bench-brief-"))
    os.environ.pop("RISKMAP_DB_URL", None)

    from geo.data.store import ensure_default_data

    started = time.perf_counter()
    ensure_default_data()
    setup = _seconds(started)

    from geo.web.brief import brief_data, brief_pdf, map_png, priority_top
    from geo.web.mapview import map_flows
    from geo.web.viewstate import View

    view = View(level=LEVEL, area=AREA, lang="en")
    started = time.perf_counter()
    data = brief_data(view)
    pdf = brief_pdf(data)
    cold = _seconds(started)

    renders, cpu, stages = [], [], []
    for _ in range(args.repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        pdf = brief_pdf(brief_data(view))
        renders.append(_seconds(started))
        cpu.append(round(time.process_time() - cpu_started, 2))
        parts = {}
        for name, step in (("priorities", lambda: priority_top(data)),
                           ("map_png", lambda: map_png(data, dpi=200, standalone=False)),
                           ("flows", lambda: map_flows(data))):
            started = time.perf_counter()
            step()
            parts[name] = _seconds(started)
        stages.append(parts)
    png = map_png(data)
    print(json.dumps({
        "view": f"{LEVEL} in {AREA} (Kota Batam)",
        "areas": len(data.layer.codes),  # type: ignore[attr-defined]
        "sample_setup_seconds": setup,
        "cold_seconds": cold,
        "render_seconds": statistics.median(renders),
        "render_runs": renders,
        "render_cpu_seconds": statistics.median(cpu),  # what the render costs on an idle core
        "stages_median": {name: statistics.median(s[name] for s in stages) for name in stages[0]},
        "pdf_kb": round(len(pdf) / 1024),
        "png_kb": round(len(png) / 1024),
        "target_seconds": 5,
        "load_average": [round(value, 1) for value in os.getloadavg()],
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "home": str(Path(os.environ["RISKMAP_HOME"])),
    }, indent=2))


if __name__ == "__main__":
    main()
