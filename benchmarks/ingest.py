"""Ingest benchmarks; prints one JSON object (figures, not a pass/fail test).

* a 200,000-row village-by-month CSV (Indonesian headers and numbers, ``;``):
  ingest time (check + store in a fresh SQLite file) and the process' peak memory
  (targets: <= 10 s, <= 1.5 GB);
* a 5,000-row file whose rows are 20 % name-only (half of those misspelt, so
  fuzzy matching runs): time (target <= 5 s);
* the national monthly file of issue #14 (every village x 36 months, 3,015,432 rows,
  ``benchmarks/national_monthly.py``) stored by ``riskmap ingest`` in a child process with its
  own fresh ``RISKMAP_HOME`` (or ``RISKMAP_DB_URL`` when set): wall and CPU seconds and the
  child's peak memory from ``VmHWM`` (targets: <= 60 s, <= 1.5 GB) and the load average before
  and after. ``--national-villages N`` makes it smaller; ``--national-villages 0`` leaves it
  out; ``--national-file FILE`` ingests an existing file; ``--national-only`` skips the rest;
* ``--xlsx-rows N``: an .xlsx of N village-by-month rows x 5 columns (written once with openpyxl's
  write-only mode to ``--xlsx-file``, default ``/tmp/xlsx-bench/village_by_month_N.xlsx``, and
  reused when it is there), checked by ``riskmap ingest --dry-run`` in a child process: wall and
  CPU seconds and the child's peak memory (``--xlsx-store`` stores it into a fresh
  ``RISKMAP_HOME`` instead); ``--xlsx-only`` skips the rest.

Run: ``RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/ingest.py``
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

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.data.codes import CodeList  # noqa: E402
from geo.data.store import Store  # noqa: E402
from geo.ingest.pipeline import check, publish  # noqa: E402

SEED = 7
ROOT = Path(__file__).resolve().parent.parent

# The child times itself after its imports (as in a running CLI) and reads its own peak memory
# (VmHWM: ru_maxrss would carry the parent's peak across the fork).
CHILD = """
import json, re, sys, time
from geo.cli import main
import geo.ingest.pipeline
start, cpu = time.perf_counter(), time.process_time()
code = main(sys.argv[1:])
status = open("/proc/self/status").read()
print(json.dumps({"exit_code": code, "seconds": round(time.perf_counter() - start, 1),
                  "cpu_seconds": round(time.process_time() - cpu, 1),
                  "peak_mb": int(re.search(r"VmHWM:\\s+(\\d+)", status).group(1)) // 1024}), file=sys.stderr)
sys.exit(code)
"""


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def village_by_month_csv(codes: CodeList, path: Path, rows: int = 200_000) -> Path:
    rng = np.random.default_rng(SEED)
    villages = codes.level("village")["code"].to_numpy()
    chosen = rng.choice(villages, size=rows // 12, replace=False)
    months = np.tile(np.arange(1, 13), len(chosen))
    village_codes = np.repeat(chosen, 12)
    counts = rng.integers(0, 3000, size=len(months))
    countries = rng.choice(["Malaysia", "Taiwan", "Hong Kong", "Arab Saudi", "Korea Selatan"], size=len(months))
    undotted = rng.random(len(months)) < 0.5  # mixed code styles
    code_text = np.where(undotted, np.char.replace(village_codes.astype(str), ".", ""), village_codes)
    count_text = [f"{count:,}".replace(",", ".") for count in counts]  # Indonesian thousands
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write("Kode Desa;Tahun;Bulan;Jumlah PMI;Negara Tujuan\r\n")
        for code, month, count, country in zip(code_text, months, count_text, countries, strict=True):
            handle.write(f"{code};2023;{month};{count};{country}\r\n")
    return path


def _misspell(name: str, rng: np.random.Generator) -> str:
    if len(name) < 6:
        return name
    position = int(rng.integers(1, len(name) - 1))
    return name[:position] + name[position + 1 :]  # drop one letter


def mixed_names_csv(codes: CodeList, path: Path, rows: int = 5_000) -> Path:
    rng = np.random.default_rng(SEED + 1)
    villages = codes.level("village").sample(rows, random_state=SEED)
    names = codes.frame["name"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("kode_desa,nama_desa,kecamatan,kabupaten_kota,tahun,jumlah\n")
        for index, row in enumerate(villages.itertuples(index=False)):
            district, regency = row.code[:8], row.code[:5]
            if index % 5 == 0:  # 20 % name-only; half of them misspelt
                village = _misspell(row.name, rng) if index % 10 == 0 else row.name
                handle.write(f',"{village}","{names[district]}","{names[regency]}",2023,{index % 50}\n')
            else:
                handle.write(f"{row.code},,,,2023,{index % 50}\n")
    return path


def _ingest_in_child(path: Path, home: Path, *options: str) -> dict[str, object]:
    """``riskmap ingest PATH --kind migration --json [options]`` in a child process with its own
    ``RISKMAP_HOME``: its figures, with the machine's load average before and after (the machine is shared)."""
    home.mkdir(exist_ok=True)
    load_before = os.getloadavg()[0]
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, "ingest", str(path), "--kind", "migration", "--json", *options],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "RISKMAP_HOME": str(home), "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"},
    )
    lines = completed.stderr.strip().splitlines()
    figures: dict[str, object] = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {
        "error": lines[-3:]}
    figures["load_average_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]  # before, after
    if completed.stdout.strip():
        summary = json.loads(completed.stdout)
        figures["rows_read"], figures["rows_accepted"] = summary["rows_read"], summary["rows_accepted"]
        figures["total"] = summary["total"]
    return figures


def national_ingest(folder: Path, villages: int | None, existing: Path | None = None) -> dict[str, object]:
    """Write the national monthly file (or take ``existing``) and store it with ``riskmap ingest`` in a
    child process; its figures, with the machine's load average before and after (the machine is shared)."""
    from benchmarks.national_monthly import village_codes, write_national_monthly

    if existing is not None:
        with existing.open("rb") as handle:
            written = {"path": existing, "rows": sum(1 for _ in handle) - 1, "bytes": existing.stat().st_size}
    else:
        written = write_national_monthly(folder / "national_monthly.csv", village_codes(villages))
    figures: dict[str, object] = {"rows": written["rows"], "bytes": written["bytes"], "target_s": 60,
                                  "target_peak_mb": 1536, "database": "postgresql" if os.environ.get(
                                      "RISKMAP_DB_URL", "").startswith("postgres") else "sqlite"}
    figures.update(_ingest_in_child(Path(str(written["path"])), folder / "home"))
    return figures


def village_by_month_xlsx(path: Path, rows: int) -> dict[str, object]:
    """Write an .xlsx of ``rows`` village-by-month rows x 5 columns with openpyxl's write-only mode.

    Columns: ``Kode Desa`` (undotted text), ``Tahun``, ``Bulan``, ``Jumlah PMI`` (numbers) and
    ``Negara Tujuan``; villages of the code list in order, twelve months each (2023, then 2024 when the
    villages run out), counts from a fixed seed.
    Returns the path, rows, bytes and seconds taken.
    """
    import openpyxl

    from benchmarks.national_monthly import village_codes

    started = time.perf_counter()
    villages = [code.replace(".", "") for code in village_codes(-(-rows // 12))]
    counts = np.random.default_rng(SEED).integers(0, 300, size=rows).tolist()
    countries = ["Malaysia", "Taiwan", "Hong Kong", "Arab Saudi", "Korea Selatan"]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("PMI")
    sheet.append(["Kode Desa", "Tahun", "Bulan", "Jumlah PMI", "Negara Tujuan"])
    for row in range(rows):
        village = villages[row // 12 % len(villages)]  # a full sheet has more rows than 12 per village
        sheet.append([village, 2023 + row // 12 // len(villages), 1 + row % 12, counts[row],
                      countries[row % len(countries)]])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return {"path": path, "rows": rows, "bytes": path.stat().st_size,
            "written_s": round(time.perf_counter() - started, 1)}


def xlsx_ingest(folder: Path, rows: int, path: Path | None, store: bool) -> dict[str, object]:
    """Check (or, with ``store``, store) an .xlsx of ``rows`` rows with ``riskmap ingest`` in a child process.

    The workbook is written to ``path`` (default under ``/tmp/xlsx-bench/``) unless it is already there:
    a million rows take minutes to write.
    """
    path = path or Path("/tmp/xlsx-bench") / f"village_by_month_{rows}.xlsx"
    figures: dict[str, object] = {"file": str(path), "rows": rows, "columns": 5, "stored": store}
    if not path.is_file():
        figures.update(village_by_month_xlsx(path, rows), path=str(path))
    figures["bytes"] = path.stat().st_size
    figures.update(_ingest_in_child(path, folder / "home", *(() if store else ("--dry-run",))))
    return figures


def main() -> None:
    """Run the benchmarks and print their figures as one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--national-villages", type=int, default=None,
                        help="villages in the national monthly file (default: all; 0: leave it out)")
    parser.add_argument("--national-file", type=Path, default=None,
                        help="an existing national monthly CSV to ingest instead of writing one")
    parser.add_argument("--national-only", action="store_true", help="only the national monthly ingest")
    parser.add_argument("--xlsx-rows", type=int, default=0, help="rows of the .xlsx benchmark (default 0: none)")
    parser.add_argument("--xlsx-file", type=Path, default=None,
                        help="where the .xlsx is written, or read when it is already there")
    parser.add_argument("--xlsx-store", action="store_true", help="store the .xlsx instead of --dry-run")
    parser.add_argument("--xlsx-only", action="store_true", help="only the .xlsx benchmark")
    args = parser.parse_args()
    if args.xlsx_only:
        with tempfile.TemporaryDirectory(prefix="riskmap-xlsx-") as folder:
            print(json.dumps({"xlsx": xlsx_ingest(Path(folder), args.xlsx_rows, args.xlsx_file, args.xlsx_store)},
                             indent=2))
        return
    national: dict[str, object] | None = None
    if args.national_villages != 0:
        with tempfile.TemporaryDirectory(prefix="riskmap-national-") as folder:
            national = national_ingest(Path(folder), args.national_villages, args.national_file)
    if args.national_only:
        print(json.dumps({"national_monthly": national}, indent=2))
        return
    xlsx: dict[str, object] | None = None
    if args.xlsx_rows:
        with tempfile.TemporaryDirectory(prefix="riskmap-xlsx-") as folder:
            xlsx = xlsx_ingest(Path(folder), args.xlsx_rows, args.xlsx_file, args.xlsx_store)
    started = time.perf_counter()
    codes = CodeList.load()
    load_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        big = village_by_month_csv(codes, folder_path / "village_by_month.csv")
        big_bytes = big.stat().st_size
        store = Store(f"sqlite:///{folder_path / 'bench.sqlite'}")
        rss_before = _peak_rss_mb()
        started = time.perf_counter()
        result = check(big, kind="migration", codelist=codes)
        checked_s = time.perf_counter() - started
        publish(result, name="benchmark", store=store)
        big_s = time.perf_counter() - started
        big_report = result.report

        mixed = mixed_names_csv(codes, folder_path / "names.csv")
        started = time.perf_counter()
        mixed_result = check(mixed, kind="migration", codelist=codes)
        publish(mixed_result, name="names", store=store)
        mixed_s = time.perf_counter() - started
    print(json.dumps({
        "codelist_load_s": round(load_s, 2),
        "village_by_month": {
            "rows": big_report.rows_read, "bytes": big_bytes,
            "check_s": round(checked_s, 2), "ingest_s": round(big_s, 2), "target_s": 10,
            "rows_accepted": big_report.rows_accepted, "records_stored": len(result.records),
            "peak_rss_mb": round(_peak_rss_mb(), 1), "peak_rss_before_ingest_mb": round(rss_before, 1),
            "target_peak_mb": 1536,
        },
        "names_20pct": {
            "rows": mixed_result.report.rows_read, "ingest_s": round(mixed_s, 2), "target_s": 5,
            "matched_by": mixed_result.report.matched_by, "rows_rejected": mixed_result.report.rows_rejected,
        },
        "national_monthly": national,
        "xlsx": xlsx,
    }, indent=2))


if __name__ == "__main__":
    main()
