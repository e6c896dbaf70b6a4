"""Hostile-file benchmark (issue #12 item 5); prints one JSON object (figures, not a pass/fail test).

Each file is ingested by ``riskmap ingest --dry-run`` in a fresh child process; the child
reports its own wall and CPU seconds (modules imported before the clock starts, as in the
running app) and its peak resident memory (``ru_maxrss``). The parent also reports
``resource.getrusage(RUSAGE_CHILDREN)`` after each run (the largest child so far).

* sparse-column workbook bomb: 20,000 rows, one value in column XFD each (target <= 5 s, <= 500 MB);
* one-huge-cell workbook: a 1 GB shared string deflated to about 1 MB (target <= 5 s, <= 500 MB);
* a valid 190 MB village-by-month CSV, checked end to end (target <= 2 GB).

Run (heavy: about a minute of generation and a few minutes of checking; ``--csv-mb 20`` first):
``RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/hostile_files.py [--csv-mb 190]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.data.codes import CodeList  # noqa: E402
from tests.ingest.hostile import huge_cell_workbook, sparse_column_workbook, valid_csv  # noqa: E402

CHILD = """
import json, resource, sys, time
from geo.cli import main
import geo.ingest.pipeline
start, cpu = time.perf_counter(), time.process_time()
code = main(sys.argv[1:])
print(json.dumps({"exit_code": code, "seconds": round(time.perf_counter() - start, 2),
                  "cpu_seconds": round(time.process_time() - cpu, 2),
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}), file=sys.stderr)
sys.exit(code)
"""


def run(path: Path) -> dict[str, object]:
    """Ingest ``path`` (dry run) in a child process; its figures and the first line of its message."""
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, "ingest", str(path), "--kind", "migration", "--dry-run", "--json"],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"},
    )
    lines = completed.stderr.strip().splitlines()
    figures: dict[str, object] = json.loads(lines[-1])
    figures["file_mb"] = round(path.stat().st_size / (1 << 20), 2)
    figures["message"] = lines[0][:160] if len(lines) > 1 else None
    if completed.stdout.strip():
        summary = json.loads(completed.stdout)
        figures["rows_read"], figures["rows_accepted"] = summary["rows_read"], summary["rows_accepted"]
    figures["children_peak_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return figures


def main() -> None:
    """Generate the three files in a temporary folder, ingest each, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv-mb", type=float, default=190.0, help="size of the valid CSV (default 190)")
    args = parser.parse_args()
    codes = CodeList.load().level("village")["code"].astype(str).head(50_000).tolist()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="riskmap-hostile-") as folder:
        work = Path(folder)
        results["sparse_column_workbook"] = run(sparse_column_workbook(work / "sparse.xlsx"))
        results["one_huge_cell_workbook"] = run(huge_cell_workbook(work / "huge-cell.xlsx"))
        results[f"valid_csv_{args.csv_mb:g}mb"] = run(valid_csv(work / "valid.csv", args.csv_mb, codes))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
