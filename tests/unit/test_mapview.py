"""geo.web.mapview: records → indicator table → classes → colours → legend → style payload, on hand-made data."""

from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pytest

from geo.analysis.classify import NO_DATA, SUPPRESSED
from geo.analysis.indicators import combine_records
from geo.analysis.palettes import NO_DATA_COLOUR, SUPPRESSED_COLOUR, palette_colours
from geo.data.sample import SOURCES
from geo.web.export import table_to_csv, table_to_xlsx
from geo.web.mapview import (
    DataSelection,
    DatasetRef,
    build_choropleth,
    display_table,
    export_table,
    sample_notice,
)
from geo.web.viewstate import View

HOSTILE = "<img src=x onerror=alert(1)>"
KEPRI_REGENCIES = ["21.71", "21.72", "21.01", "21.02", "21.03", "21.04", "21.05"]
NAMES = {
    "21": "Kepulauan Riau", "21.71": HOSTILE, "21.72": "Kota Tanjung Pinang", "21.01": "Kabupaten Bintan",
    "21.02": "Kabupaten Karimun", "21.03": "Kabupaten Natuna", "21.04": "Kabupaten Lingga",
    "21.05": "Kabupaten Kepulauan Anambas",
}
POPULATION = pd.Series({code: 100_000.0 for code in KEPRI_REGENCIES})


def selection(is_sample: bool = False) -> DataSelection:
    migration = pd.DataFrame({
        "area_code": ["21.71.01.1001", "21.72.01.1001", "21.01.01.2001", "21.02.01.2001", "21.03.01.2001",
                      "21.71.01.1001", "21.72.01.1001", "21.01.01.2001"],
        "period": ["2024"] * 5 + ["2023"] * 3,
        "count": [900, 400, 120, 60, 3, 100, 50, 20],
    })
    cases = pd.DataFrame({
        "area_code": ["21.71.01.1001", "21.01.01.2001", "21.02.01.2001", "21.71.01.1001"],
        "period": ["2024-01", "2024-02", "2024-03", "2023-05"],
        "count": [40, 12, 2, 7],
    })
    sources = json.dumps(SOURCES["cases"]) if is_sample else None
    return DataSelection(
        datasets=(
            DatasetRef(id=1, kind="migration", name="Uploaded <b>2024</b>", version=2),
            DatasetRef(id=2, kind="cases", name="Sample cases", version=1, is_sample=is_sample, sources=sources),
        ),
        records=combine_records(migration=migration, cases=cases),
    )


def choropleth(**options: object):  # type: ignore[no-untyped-def]
    view = View(level="regency", area="21", **options)  # type: ignore[arg-type]
    result = build_choropleth(view, KEPRI_REGENCIES, selection(), names=NAMES, lang="en", population=POPULATION)
    assert result is not None
    return result


def test_default_is_the_first_indicator_in_the_latest_year_with_classes_colours_and_legend() -> None:
    result = choropleth(k=3)
    assert (result.indicator, result.period, result.measure) == ("migrants", "2024", "value")
    assert result.indicators == ("migrants", "migrants_per_1000", "cases", "cases_per_1000_migrants")
    labels = result.table["class"]
    assert labels["21.03"] == SUPPRESSED  # 3 migrants: a small count
    assert labels["21.04"] == NO_DATA and labels["21.05"] == NO_DATA  # no record is not zero
    assert labels["21.71"] == result.classification.k - 1  # the highest value is in the top class
    colours = palette_colours("YlOrRd", 3)
    assert result.table.loc["21.71", "colour"] == colours[-1]
    assert result.table.loc["21.04", "colour"] == NO_DATA_COLOUR
    assert result.table.loc["21.03", "colour"] == SUPPRESSED_COLOUR
    kinds = [entry.kind for entry in result.legend.entries]
    assert kinds[-2:] == ["no_data", "suppressed"]
    # 21.02 (60) is hidden too: with the province total, it and the others would give away 21.03's 3
    assert [entry.count for entry in result.legend.entries][-2:] == [2, 2]
    assert "Migrant workers · 2024" in result.legend_html and "No data" in result.legend_html


def test_payload_has_classes_values_ranks_and_escaped_texts_only() -> None:
    result = choropleth(k=3)
    payload = result.payload
    assert payload["areas"]["21.71"] == [2, "900", "1 of 3"]  # 21.03 and its complement 21.02 unranked
    assert payload["areas"]["21.03"] == [SUPPRESSED, "", ""]  # value not sent
    assert "21.04" not in payload["areas"]  # no data: drawn grey by default
    assert payload["colours"] == list(palette_colours("YlOrRd", 3))
    text = json.dumps({key: value for key, value in payload.items() if key != "legend"})
    assert "<" not in text.replace("<b>", "")  # only escaped texts (tags are added by the map's own code)
    assert payload["source"] == "Uploaded &lt;b&gt;2024&lt;/b&gt; v2"
    assert HOSTILE not in text
    # legend markup is escaped by geo.web.legend; no raw tag from data reaches it
    assert "<img" not in payload["legend"]  # type: ignore[operator]


def test_hostile_area_name_is_escaped_in_parent_names_of_the_tooltips() -> None:
    view = View(level="district", area="21.71")
    result = build_choropleth(view, ["21.71.01", "21.71.02"], selection(), names=NAMES, lang="en")
    assert result is not None
    parents = result.payload["parents"]
    assert parents == {"21.71": "&lt;img src=x onerror=alert(1)&gt; › Kepulauan Riau"}


def test_indicator_not_available_at_the_level_falls_back_with_a_message() -> None:
    view = View(level="district", area="21.71", indicator="migrants_per_1000")
    result = build_choropleth(view, ["21.71.01"], selection(), names=NAMES, lang="en")
    assert result is not None and result.indicator == "migrants"
    assert result.messages == (
        "Indicator Migrant workers per 1,000 residents is not available for District with this data; "
        "showing Migrant workers.",
    )


def test_period_without_records_falls_back_and_all_periods_sum_everything() -> None:
    result = choropleth(indicator="cases", period="2019")
    assert result.period == "2024" and result.messages == (
        "There are no records for the period 2019; showing the latest year.",
    )
    everything = choropleth(indicator="cases", period="all")
    assert everything.table.loc["21.71", "value"] == 47.0
    assert everything.periods == ("2023", "2024", "2023-05", "2024-01", "2024-02", "2024-03")


def test_month_range_and_change_from_the_previous_period() -> None:
    result = choropleth(indicator="cases", period=("2024-01", "2024-02"))
    assert result.table.loc["21.71", "value"] == 40.0 and result.table.loc["21.01", "value"] == 12.0
    change = choropleth(measure="change", period="2024")
    assert change.table.loc["21.71", "value"] == 800.0
    assert change.payload["areas"]["21.71"][1] == "+800"
    assert change.palette == "YlOrRd"  # the URL's choice; the map draws the diverging default
    assert change.payload["colours"] == list(reversed(palette_colours("RdBu", change.classification.k)))


def test_change_over_all_periods_is_explained() -> None:
    result = choropleth(measure="change", period="all")
    assert result.measure == "value"
    assert result.messages == ("A change needs one period or a range (not all periods); showing the value.",)


def test_user_defined_breaks_and_fixed_breaks() -> None:
    own = choropleth(scheme="user_defined", breaks=(100.0, 500.0))
    assert own.classification.bins[:2] == (100.0, 500.0)
    assert own.table.loc["21.71", "class"] == 2 and own.table.loc["21.01", "class"] == 1
    fixed_2023 = choropleth(period="2023", fixed=True, scheme="equal_interval", k=3)
    fixed_2024 = choropleth(period="2024", fixed=True, scheme="equal_interval", k=3)
    assert fixed_2023.classification.bins == fixed_2024.classification.bins  # same colours, same values
    assert fixed_2023.fixed and fixed_2023.classification.fixed
    free_2023 = choropleth(period="2023", scheme="equal_interval", k=3)
    assert free_2023.classification.bins != fixed_2023.classification.bins


def test_no_records_gives_no_choropleth() -> None:
    empty = DataSelection(datasets=(), records=None)
    assert build_choropleth(View(level="province"), ["21"], empty, names=NAMES) is None


def test_display_and_export_tables_neutralise_formulas() -> None:
    names = {**NAMES, "21.72": "=HYPERLINK(\"http://x\")"}
    result = build_choropleth(View(level="regency", area="21"), KEPRI_REGENCIES, selection(), names=names,
                              lang="en", population=POPULATION)
    assert result is not None
    shown = display_table(result, "en")
    assert list(shown.columns) == ["Area name", "Area code", "Value", "Rank in parent", "Note"]
    assert shown.iloc[0]["Area code"] == "21.71"  # highest first
    assert set(shown.iloc[-3:]["Note"]) == {"No data", "Suppressed (small count)"}
    exported = export_table(result, "en")
    csv_text = table_to_csv(exported).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "Uploaded <b>2024</b> v2" in csv_text
    sheet = openpyxl.load_workbook(io.BytesIO(table_to_xlsx(exported))).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in cells


def test_sample_label_cites_the_anchor_sources() -> None:
    view = View(level="regency", area="21", indicator="cases")
    result = build_choropleth(view, KEPRI_REGENCIES, selection(is_sample=True), names=NAMES, lang="en",
                              population=POPULATION)
    notices = sample_notice(result, "en")
    assert len(notices) == 1
    assert notices[0].startswith("SAMPLE DATA (synthetic), not real data — Sample cases v1.")
    assert "BP3MI Kepulauan Riau (March 2025)" in notices[0]
    migrants = build_choropleth(View(level="regency", area="21"), KEPRI_REGENCIES, selection(is_sample=True),
                                names=NAMES, lang="en", population=POPULATION)
    assert sample_notice(migrants, "en") == []  # the migration dataset shown is not a sample


@pytest.mark.parametrize("lang", ["id", "en"])
def test_value_texts_follow_the_language(lang: str) -> None:
    view = View(level="regency", area="21", lang=lang, indicator="migrants_per_1000")
    result = build_choropleth(view, KEPRI_REGENCIES, selection(), names=NAMES, lang=lang, population=POPULATION)
    assert result is not None
    assert result.payload["areas"]["21.71"][1] == ("9,00" if lang == "id" else "9.00")
