"""`riskmap ingest` and `riskmap datasets` (real code list: needs the mirror)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from geo.cli import main

from .support import MESSY, write

pytestmark = pytest.mark.integration

KEYS = ["dataset_id", "kind", "rows_read", "rows_accepted", "rows_rejected", "rejected", "matched_by",
        "dropped_columns", "total"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ingest_json_prints_exactly_one_object(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(home / "messy.csv", MESSY)
    code, out, err = run(capsys, "ingest", str(path), "--kind", "migration", "--name", "Kepri", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert list(summary) == KEYS
    assert out.strip().count("\n") == 0
    assert summary["kind"] == "migration" and isinstance(summary["dataset_id"], int)
    assert (summary["rows_read"], summary["rows_accepted"], summary["rows_rejected"]) == (11, 6, 5)
    assert summary["matched_by"] == {"code": 4, "name": 1, "fuzzy": 1}
    assert summary["dropped_columns"] == ["Nama PMI", "No HP"]
    assert [item["row"] for item in summary["rejected"]] == [8, 9, 10, 12, 13]
    assert summary["total"] == 2263

    code, out, _ = run(capsys, "datasets", "--json")
    listed = json.loads(out)
    mine = [item for item in listed if item["id"] == summary["dataset_id"]][0]
    assert (mine["name"], mine["version"], mine["total"], mine["is_active"], mine["is_sample"]) == (
        "Kepri", 1, 2263, True, False)
    assert not any(item["is_sample"] for item in listed)  # samples only fill a store that was empty


def test_map_option_and_sheet(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Catatan"
    book.active.append(["lihat lembar Data"])
    sheet = book.create_sheet("Data")
    sheet.append(["wil", "orang", "thn"])
    sheet.append([2171031003, 5, 2023])
    sheet.append(["21.01", 7, 2023])
    path = home / "pmi.xlsx"
    book.save(path)
    code, out, err = run(capsys, "ingest", str(path), "--kind", "migration", "--sheet", "Data",
                         "--map", "wil=area_code", "--map", "orang=count", "--map", "thn=year", "--json")
    assert code == 0, err
    assert json.loads(out)["total"] == 12 and json.loads(out)["matched_by"]["code"] == 2


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("kode,tahun\n2171031003,2023\n", [], "no column with the number of migrant workers"),
        ("kode,jumlah\n99.99,1\n", [], "no row could be used, nothing was stored. row 2: Kode wilayah '99.99'"),
        ("kode,jumlah\n21.71,1\n", ["--map", "Nope=count"], "column 'Nope' that the file does not have"),
        ("", [], "is empty"),
    ],
)
def test_rejected_file_exits_2_with_reason_on_stderr(home: Path, capsys: pytest.CaptureFixture[str], content: str,
                                                     args: list[str], message: str) -> None:
    path = write(home / "bad.csv", content)
    code, out, err = run(capsys, "ingest", str(path), "--kind", "migration", "--json", *args)
    assert code == 2
    assert out == ""
    assert err.startswith("riskmap: ") and message in err


def test_text_report_and_dry_run(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(home / "messy.csv", MESSY)
    code, out, _ = run(capsys, "ingest", str(path), "--kind", "migration", "--dry-run")
    assert code == 0
    assert "messy.csv: 11 rows read, 6 accepted, 5 rejected; total 2,263." in out
    assert "row 13: village (desa/kelurahan) 'Desa Antah Berantah' not found in Kota Batam (21.71)" in out
    assert "dropped as personal data: 'Nama PMI'" in out and "nothing stored (dry run)" in out
    code, out, _ = run(capsys, "datasets", "--json")
    assert all(item["is_sample"] for item in json.loads(out))


def test_datasets_activate_and_delete(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "datasets")  # seeds the samples
    path = write(home / "a.csv", "kode,jumlah\n21.71,1\n")
    _, out, _ = run(capsys, "ingest", str(path), "--kind", "migration", "--json")
    new_id = json.loads(out)["dataset_id"]
    _, out, _ = run(capsys, "datasets", "--kind", "migration", "--json")
    sample_id = [item["id"] for item in json.loads(out) if item["is_sample"]][0]
    code, _, err = run(capsys, "datasets", "--activate", str(sample_id))
    assert code == 0 and "is now the active migration dataset" in err
    code, _, err = run(capsys, "datasets", "--delete", str(new_id))
    assert code == 2 and "add --yes" in err
    code, out, _ = run(capsys, "datasets", "--delete", str(new_id), "--yes")
    assert code == 0 and f"{new_id:>4}" not in out
    _, out, _ = run(capsys, "datasets", "--all", "--json")
    assert [item["deleted_at"] is not None for item in json.loads(out) if item["id"] == new_id] == [True]
    code, _, err = run(capsys, "datasets", "--activate", "999")
    assert code == 2 and "There is no dataset with id 999" in err


def test_console_script(home: Path) -> None:
    path = write(home / "messy.csv", MESSY)
    script = Path(sys.executable).with_name("riskmap")
    env = {**os.environ, "RISKMAP_HOME": str(home)}
    done = subprocess.run([str(script), "ingest", str(path), "--kind", "migration", "--json"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows_accepted"] == 6
