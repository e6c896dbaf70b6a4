"""Hostile files are refused in bounded time and memory, with a clear message (issue #12 item 5).

The workbooks and CSV files are generated here; the command-line runs happen in a child
process whose address space is capped, so a regression that loads a bomb fails the test
instead of the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo.errors import InputFileError
from geo.ingest._reading import MAX_CELL_CHARS, read_table

from .hostile import huge_cell_workbook, sparse_column_workbook
from .support import write

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP = 1536 * 1024 * 1024  # address space of the child: imports take ~0.9 GB of it
# The modules are imported before the clock starts, as in the running app; CPU seconds are
# asserted because the wall clock of a machine shared by many test runs says little.
CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
from geo.cli import main
import geo.ingest.pipeline
start, cpu = time.perf_counter(), time.process_time()
code = main(sys.argv[1:])
# VmHWM belongs to this program's own memory map; ru_maxrss would carry over the peak of the
# pytest process this child was forked from (Linux keeps it across exec).
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({{"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
                  "peak_mb": peak_kb / 1024}}), file=sys.stderr)
sys.exit(code)
"""


def _ingest_in_capped_child(path: Path, tmp_path: Path) -> tuple[int, str, dict[str, float]]:
    environment = {**os.environ, "RISKMAP_HOME": str(tmp_path / "home"), "OPENBLAS_NUM_THREADS": "1",
                   "OMP_NUM_THREADS": "1"}
    environment.pop("RISKMAP_DB_URL", None)
    completed = subprocess.run(
        [sys.executable, "-c", CHILD.format(cap=MEMORY_CAP), "ingest", str(path), "--kind", "migration",
         "--dry-run"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=False)
    lines = completed.stderr.strip().splitlines()
    assert lines and lines[-1].startswith("{"), completed.stderr[-3000:]
    return completed.returncode, "\n".join(lines[:-1]), json.loads(lines[-1])


def _late_nul_csv(path: Path) -> Path:
    return write(path, "kode;jumlah\n" + "2171031003;3\n" * 5000 + "2171031003;4\x00\n")


def _long_field_csv(path: Path) -> Path:
    return write(path, "kode;jumlah;catatan\n2171031003;3;ok\n2171031003;4;" + "x" * 200_000 + "\n")


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda tmp: sparse_column_workbook(tmp / "sparse.xlsx"),
         "has 16,384 (XFD) columns; at most 500 are read"),
        (lambda tmp: sparse_column_workbook(tmp / "sparse-no-dimension.xlsx", dimension=None),
         "has 16,384 (XFD) columns"),
        (lambda tmp: huge_cell_workbook(tmp / "huge-cell.xlsx", 100_000_000),
         "the part xl/sharedStrings.xml unpacks"),
        (lambda tmp: _long_field_csv(tmp / "long-field.csv"), "row 3, column 'catatan' holds more than 32,767"),
        (lambda tmp: _late_nul_csv(tmp / "nul.csv"), "row 5002 holds a NUL byte"),
    ],
    ids=["sparse-xfd-workbook", "sparse-workbook-without-dimension", "one-huge-cell-workbook", "csv-field-200kb",
         "csv-late-nul"],
)
def test_cli_refuses_hostile_files_quickly_in_bounded_memory(make, expected: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    code, message, figures = _ingest_in_capped_child(path, tmp_path)
    assert code == 2
    assert "Traceback" not in message
    assert message.startswith(f"riskmap: {path.name}") and expected in message
    assert figures["cpu_seconds"] <= 5 and figures["peak_mb"] <= 500, figures


def test_a_long_cell_in_a_workbook_names_row_and_column(tmp_path: Path) -> None:
    path = huge_cell_workbook(tmp_path / "long.xlsx", MAX_CELL_CHARS + 1)
    with pytest.raises(InputFileError) as raised:
        read_table(path)
    assert raised.value.key == "file_error.cell_too_long"
    assert "row 2, column 'C' holds more than 32,767 characters" in str(raised.value)


def test_a_cell_just_under_the_limit_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "ok.csv", "kode;catatan\n2171031003;" + "y" * MAX_CELL_CHARS + "\n")
    assert read_table(path).frame["catatan"].str.len().tolist() == [MAX_CELL_CHARS]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path / "u.csv", "kode;jumlah;negara tujuan\n2171031003;3;Malaysia\n", encoding)
    table = read_table(path)
    assert (table.encoding, table.delimiter) == (encoding, ";")
    assert table.frame.iloc[0].tolist() == ["2171031003", "3", "Malaysia"]


def test_bounds_messages_exist_in_bahasa_indonesia(tmp_path: Path) -> None:
    from geo.errors import message_in

    with pytest.raises(InputFileError) as raised:
        read_table(sparse_column_workbook(tmp_path / "s.xlsx", rows=10))
    assert message_in(raised.value, "id").startswith("s.xlsx memiliki 16,384 (XFD) kolom; paling banyak 500")


def test_a_large_csv_is_read_in_chunks_with_row_numbers_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.ingest import _reading

    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", 1000)
    rows = "".join(f"2171031003;{number}\n" if number % 1000 else "\n" for number in range(1, 2501))
    table = read_table(write(tmp_path / "big.csv", "kode;jumlah\n" + rows))
    assert table.more_chunks is not None
    chunks = [(table.frame, table.row_numbers), *table.more_chunks]
    assert len(chunks) == 3
    numbers = [int(number) for frame, _rows in chunks for number in frame["jumlah"]]
    row_numbers = [int(row) for _frame, rows in chunks for row in rows]
    assert len(numbers) == 2498 and row_numbers[-1] == 2501
    assert all(row == number + 1 for row, number in zip(row_numbers, numbers, strict=True))


def test_checking_in_chunks_gives_the_same_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, codes) -> None:  # type: ignore[no-untyped-def]
    from geo.ingest import _reading
    from geo.ingest.pipeline import check

    villages = ["2171031003", "2171031001", "2101062002", "3201012001", "9999", "2172011001"]
    rows = "".join(f"{villages[n % 6]};{2019 + n % 3};{1 + n % 12};{n % 7 if n % 50 else 'x'}\n" for n in range(3500))
    path = write(tmp_path / "chunks.csv", "kode desa;tahun;bulan;jumlah\n" + rows)
    whole = check(path, kind="migration", codelist=codes)
    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", 1000)
    chunked = check(path, kind="migration", codelist=codes)
    assert whole.records.equals(chunked.records)
    assert whole.report.to_dict() == chunked.report.to_dict()
    assert whole.matches.equals(chunked.matches)
