"""Disclosure control in what a viewer receives: map payload, legend, table, CSV/XLSX and `riskmap export-table`."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from geo.analysis.classify import SUPPRESSED
from geo.analysis.indicators import combine_records
from geo.cli import main
from geo.web.mapview import DataSelection, DatasetRef, build_choropleth, display_table, export_table
from geo.web.viewstate import View

REGENCIES = ["21.71", "21.72", "21.01", "21.02", "21.03", "21.04", "21.05"]
NAMES = {code: f"Area {code}" for code in REGENCIES}
# Cases per regency in 2024 (villages under them): 21.02 has 2 (< 10), so the next smallest,
# 21.01 with 13, is hidden too — else the province total 453 minus the others gives 2 away.
CASES = pd.DataFrame({
    "area_code": ["21.71.01.1001", "21.72.01.1001", "21.01.01.2001", "21.02.01.2001", "21.03.01.2001"],
    "period": ["2024"] * 5,
    "count": [397, 41, 13, 2, 0],
})
MIGRATION = pd.DataFrame({
    "area_code": ["21.71.01.1001", "21.72.01.1001", "21.01.01.2001", "21.02.01.2001", "21.03.01.2001"],
    "period": ["2024"] * 5,
    "count": [9001, 4003, 1207, 611, 17],
})


def selection(cases_threshold: int | None = None) -> DataSelection:
    return DataSelection(
        datasets=(
            DatasetRef(id=1, kind="migration", name="Departures", version=1),
            DatasetRef(id=2, kind="cases", name="Cases", version=1, disclosure_threshold=cases_threshold),
        ),
        records=combine_records(migration=MIGRATION, cases=CASES),
    )


def cases_view(audience: str = "public", cases_threshold: int | None = None):  # type: ignore[no-untyped-def]
    view = View(level="regency", area="21", indicator="cases", period="2024", k=3)
    return build_choropleth(view, REGENCIES, selection(cases_threshold), names=NAMES, lang="en", audience=audience,
                            population=pd.Series({code: 100_000.0 for code in REGENCIES}))


def test_public_payload_legend_and_tables_hold_no_suppressed_number() -> None:
    result = cases_view()
    assert result is not None
    hidden = sorted(result.table.index[result.table["suppressed"]])
    assert hidden == ["21.01", "21.02"]
    payload_text = json.dumps(result.payload)
    for code in hidden:
        assert result.payload["areas"][code] == [SUPPRESSED, "", ""]  # type: ignore[index]
    assert '"2"' not in payload_text and '"13"' not in payload_text  # the numbers never reach the browser
    assert "41" in payload_text  # visible values do
    assert [entry.count for entry in result.legend.entries if entry.kind == "suppressed"] == [2]
    assert result.table.loc[hidden, ["value", "numerator", "rank"]].isna().all().all()
    shown = display_table(result, "en")
    assert set(shown.loc[shown["Area code"].isin(hidden), "Value"]) == {"–"}  # never the hidden number
    exported = export_table(result, "en")
    rows = exported[exported["Area code"].isin(hidden)].drop(columns=["Area code", "Area name", "Parent code",
                                                                      "Class", "Period", "Data source"])
    assert rows.drop(columns=["Suppressed"]).isna().all().all()  # value, counts, change, rank: all empty
    # breaks never rest on a hidden value
    assert 2.0 not in result.classification.bins and 13.0 not in result.classification.bins


def test_analyst_sees_small_counts_and_dataset_threshold_is_used() -> None:
    analyst = cases_view(audience="analyst")
    assert analyst is not None
    assert not analyst.table["suppressed"].any()
    assert analyst.table.loc["21.02", "value"] == 2.0
    assert json.dumps(analyst.payload).count('"2"') == 1
    strict = cases_view(cases_threshold=50)  # this dataset's own k: 41 and 13 are now small too
    assert strict is not None
    assert sorted(strict.table.index[strict.table["suppressed"]]) == ["21.01", "21.02", "21.72"]  # three: no cover
    assert strict.legend.notes[-1] == ("risk.legend.note.suppressed", {"threshold": 50})


def test_rate_takes_the_strictest_threshold_of_its_datasets() -> None:
    view = View(level="regency", area="21", indicator="cases_per_1000_migrants", period="2024", k=3)
    result = build_choropleth(view, REGENCIES, selection(), names=NAMES, lang="en")
    assert result is not None
    assert sorted(result.table.index[result.table["suppressed"]]) == ["21.01", "21.02"]
    assert result.table.loc[["21.01", "21.02"], ["numerator", "denominator"]].isna().all().all()


# --- riskmap export-table ------------------------------------------------------------------------

needs_mirror = pytest.mark.skipif(
    not os.environ.get("RISKMAP_DATA_MIRROR"), reason="needs RISKMAP_DATA_MIRROR (the code list)"
)


@pytest.fixture
def store_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    from geo.data.store import Store

    url = f"sqlite:///{tmp_path / 'export-table.sqlite'}"
    monkeypatch.setenv("RISKMAP_DB_URL", url)
    store = Store(url)
    migration, cases = MIGRATION.assign(level="village"), CASES.assign(level="village")
    return {
        "migration": store.save_dataset(kind="migration", name="Departures", records=migration),
        "cases": store.save_dataset(kind="cases", name="Cases", records=cases),
        "restricted": store.save_dataset(kind="cases", name="Police cases", records=cases, restricted=True,
                                         activate=False),
    }


def export(ids: list[int], out: Path, audience: str, *extra: str) -> int:
    arguments = ["export-table"]
    for dataset_id in ids:
        arguments += ["--dataset", str(dataset_id)]
    return main([*arguments, "--level", "regency", "--within", "21", "--indicator", "cases", "--period", "2024",
                 "--audience", audience, "--out", str(out), *extra])


@needs_mirror
def test_export_table_csv_public_and_analyst(store_ids: dict[str, int], tmp_path: Path) -> None:
    ids = [store_ids["migration"], store_ids["cases"]]
    public = tmp_path / "public.csv"
    assert export(ids, public, "public") == 0
    rows = list(csv.DictReader(io.StringIO(public.read_text(encoding="utf-8-sig"))))
    assert list(rows[0])[:2] == ["code", "name"] and {"value", "suppressed"} <= set(rows[0])
    by_code = {row["code"]: row for row in rows}
    assert set(by_code) == {"21.01", "21.02", "21.03", "21.04", "21.05", "21.71", "21.72"}
    for code in ("21.01", "21.02"):
        assert by_code[code]["suppressed"] == "true"
        assert by_code[code]["value"] == "" and by_code[code]["numerator"] == "" and by_code[code]["rank"] == ""
    assert by_code["21.71"]["suppressed"] == "false" and float(by_code["21.71"]["value"]) == 397.0
    assert by_code["21.03"]["value"] in ("0", "0.0")  # zero is shown
    assert by_code["21.04"]["value"] == "" and by_code["21.04"]["suppressed"] == "false"  # no data
    counts = ("value", "numerator", "denominator", "previous_value", "change")
    cells = {row[column] for row in rows for column in counts}  # (ranks such as "2" are not counts)
    assert not cells & {"2", "2.0", "13", "13.0"}

    analyst = tmp_path / "analyst.csv"
    assert export(ids, analyst, "analyst") == 0
    rows = list(csv.DictReader(io.StringIO(analyst.read_text(encoding="utf-8-sig"))))
    values = {row["code"]: row for row in rows}
    assert float(values["21.02"]["value"]) == 2.0 and values["21.02"]["suppressed"] == "false"


@needs_mirror
def test_export_table_xlsx_has_empty_suppressed_cells(store_ids: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "public.xlsx"
    assert export([store_ids["cases"]], out, "public") == 0
    sheet = openpyxl.load_workbook(out).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    code, value, suppressed = header.index("code"), header.index("value"), header.index("suppressed")
    by_code = {row[code]: row for row in rows[1:]}
    assert by_code["21.02"][value] is None and by_code["21.02"][suppressed] == "true"
    assert by_code["21.71"][value] == 397 and by_code["21.71"][suppressed] == "false"
    numerator = header.index("numerator")
    assert not {row[value] for row in rows[1:]} & {2, 13} and not {row[numerator] for row in rows[1:]} & {2, 13}


@needs_mirror
def test_export_table_hides_restricted_datasets_from_the_public(
    store_ids: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "restricted.csv"
    assert export([store_ids["restricted"]], out, "public") == 2
    assert "not available" in capsys.readouterr().err
    assert not out.exists()
    assert export([store_ids["restricted"]], out, "analyst") == 0
    assert out.exists()


@needs_mirror
def test_export_table_rejects_bad_requests_with_a_message(
    store_ids: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export([store_ids["cases"]], tmp_path / "table.pdf", "public") == 2
    assert ".csv or .xlsx" in capsys.readouterr().err
    assert export([store_ids["cases"]], tmp_path / "t.csv", "public", "--period", "2019") == 2
    assert "2019" in capsys.readouterr().err
    assert export([999], tmp_path / "t.csv", "public") == 2
    assert "999" in capsys.readouterr().err
