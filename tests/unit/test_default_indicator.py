"""The indicator a view opens on: the first one with data inside the view (issue #10, item 2)."""

from __future__ import annotations

import pandas as pd

from geo.analysis.indicators import combine_records
from geo.web.mapview import DataSelection, DatasetRef, build_choropleth, default_indicator
from geo.web.viewstate import View

KEPRI_REGENCIES = ["21.71", "21.72", "21.01", "21.02"]
NAMES = {"21.71": "Kota Batam", "21.72": "Kota Tanjung Pinang", "21.01": "Kabupaten Bintan",
         "21.02": "Kabupaten Karimun"}
POPULATION = pd.Series({code: 100_000.0 for code in KEPRI_REGENCIES})


def _selection(migration: pd.DataFrame, cases: pd.DataFrame) -> DataSelection:
    return DataSelection(
        datasets=(DatasetRef(id=1, kind="migration", name="m", version=1),
                  DatasetRef(id=2, kind="cases", name="c", version=1)),
        records=combine_records(migration=migration, cases=cases),
    )


def _kepri_view(**options: object):  # type: ignore[no-untyped-def]
    return View(level="regency", area="21", **options)  # type: ignore[arg-type]


# Migrants only in Jawa Barat; cases only in Kepri.
MIGRATION_ELSEWHERE = pd.DataFrame({"area_code": ["32.12.01.2001", "32.09.01.2001"], "period": ["2024", "2024"],
                                    "count": [900, 400]})
KEPRI_CASES = pd.DataFrame({"area_code": ["21.71.01.1001", "21.01.01.2001"], "period": ["2024-03", "2024-04"],
                            "count": [40, 25]})


def test_a_view_without_migrants_opens_on_cases() -> None:
    result = build_choropleth(_kepri_view(), KEPRI_REGENCIES, _selection(MIGRATION_ELSEWHERE, KEPRI_CASES),
                              names=NAMES, lang="en", population=POPULATION)
    assert result is not None
    assert result.indicator == "cases" and result.period == "2024"
    assert result.table.loc["21.71", "value"] == 40 and result.table.loc["21.01", "value"] == 25
    assert not result.messages  # a default, not a fallback from the user's choice


def test_the_first_indicator_stays_when_it_has_data() -> None:
    migration = pd.concat([MIGRATION_ELSEWHERE, pd.DataFrame(
        {"area_code": ["21.71.01.1001"], "period": ["2024"], "count": [70]})])
    result = build_choropleth(_kepri_view(), KEPRI_REGENCIES, _selection(migration, KEPRI_CASES),
                              names=NAMES, lang="en", population=POPULATION)
    assert result is not None and result.indicator == "migrants"


def test_a_chosen_indicator_is_kept_even_without_data() -> None:
    result = build_choropleth(_kepri_view(indicator="migrants"), KEPRI_REGENCIES,
                              _selection(MIGRATION_ELSEWHERE, KEPRI_CASES), names=NAMES, lang="en",
                              population=POPULATION)
    assert result is not None and result.indicator == "migrants"
    assert result.table["value"].isna().all()


def test_small_counts_hidden_from_the_public_are_not_data() -> None:
    migration = pd.concat([MIGRATION_ELSEWHERE, pd.DataFrame(
        {"area_code": ["21.71.01.1001"], "period": ["2024"], "count": [2]})])  # below the threshold of 5
    records = combine_records(migration=migration, cases=KEPRI_CASES)
    chosen = default_indicator(records, ["migrants", "cases"], KEPRI_REGENCIES, _kepri_view())
    assert chosen == ("cases", None)
    analyst = default_indicator(records, ["migrants", "cases"], KEPRI_REGENCIES, _kepri_view(), audience="analyst")
    assert analyst == ("migrants", None)


def test_without_data_in_the_default_year_the_latest_year_with_data_inside_is_used() -> None:
    # Elsewhere the data reach 2025; in Kepri migrants stop in 2023.
    migration = pd.DataFrame({"area_code": ["32.12.01.2001", "21.71.01.1001"], "period": ["2025", "2023-06"],
                              "count": [900, 60]})
    cases = pd.DataFrame({"area_code": ["32.12.01.2001"], "period": ["2025-01"], "count": [30]})
    result = build_choropleth(_kepri_view(), KEPRI_REGENCIES, _selection(migration, cases), names=NAMES, lang="en",
                              population=POPULATION)
    assert result is not None
    assert (result.indicator, result.period) == ("migrants", "2023")
    assert result.table.loc["21.71", "value"] == 60
    # A period the user chose is not changed.
    chosen = build_choropleth(_kepri_view(period="2025"), KEPRI_REGENCIES, _selection(migration, cases),
                              names=NAMES, lang="en", population=POPULATION)
    assert chosen is not None and chosen.period == "2025"
