"""geo.analysis.indicators: aggregation by code prefix, indicators, change, suppression, rank."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.analysis.indicators import (
    INDICATORS,
    TABLE_COLUMNS,
    aggregate_counts,
    available_indicators,
    combine_records,
    indicator_table,
    parent_code,
    periods_of,
    previous_period,
    rank_within_parent,
    validate_records,
)
from geo.errors import IndicatorUnavailableError, InvalidRecordsError, RiskmapError


def records(*rows: tuple, columns: tuple[str, ...] = ("area_code", "period", "count", "kind")) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(columns))


VILLAGES = records(
    ("21.71.01.1001", "2024", 10, "migration"),
    ("21.71.01.1002", "2024", 5, "migration"),
    ("21.71.02.1001", "2024", 0, "migration"),
    ("21.01.01.2001", "2024", 7, "migration"),
    ("31.71.01.1001", "2024", 100, "migration"),
)


# --- aggregation -------------------------------------------------------------------------------


def test_village_counts_add_up_to_every_level_above():
    areas = ["21", "31", "21.71", "21.01", "21.71.01", "21.71.02", "21.71.01.1001"]
    totals = aggregate_counts(VILLAGES, areas, "2024")
    assert totals.to_dict() == {
        "21": 22.0,
        "31": 100.0,
        "21.71": 15.0,
        "21.01": 7.0,
        "21.71.01": 15.0,
        "21.71.02": 0.0,
        "21.71.01.1001": 10.0,
    }
    assert totals.index.name == "code"


def test_higher_level_record_is_not_spread_down():
    data = records(("21", "2024", 50, "migration"), ("21.71.01.1001", "2024", 3, "migration"))
    totals = aggregate_counts(data, ["21", "21.71", "21.01", "21.71.01.1001"], "2024")
    assert totals["21"] == 53.0
    assert totals["21.71"] == 3.0  # the province record does not reach its regencies
    assert math.isnan(totals["21.01"])


def test_area_without_records_is_nan_and_zero_record_is_zero():
    totals = aggregate_counts(VILLAGES, ["21.71.02", "21.71.03"], "2024")
    assert totals["21.71.02"] == 0.0
    assert math.isnan(totals["21.71.03"])


def test_prefix_matches_whole_parts_only():
    # "21.1" is not a code; but make sure 21.71 never picks up 21.07.1x-style neighbours by string prefix.
    data = records(("21.07.10.1001", "2024", 4, "migration"), ("21.71.01.1001", "2024", 6, "migration"))
    totals = aggregate_counts(data, ["21.07", "21.71", "21.07.10"], "2024")
    assert totals.tolist() == [4.0, 6.0, 4.0]


def test_year_selection_takes_its_months_but_month_selection_not_the_year():
    data = records(
        ("21.71", "2024-01", 1, "migration"),
        ("21.71", "2024-12", 2, "migration"),
        ("21.71", "2023-12", 4, "migration"),
        ("21.01", "2024", 8, "migration"),
    )
    codes = ["21.71", "21.01"]
    assert aggregate_counts(data, codes, "2024").tolist() == [3.0, 8.0]
    january = aggregate_counts(data, codes, "2024-01")
    assert january["21.71"] == 1.0 and math.isnan(january["21.01"])
    month_range = aggregate_counts(data, codes, ("2023-12", "2024-01"))
    assert month_range["21.71"] == 5.0 and math.isnan(month_range["21.01"])  # a year is not split into months
    assert aggregate_counts(data, codes, ("2023", "2024"))["21.71"] == 7.0
    assert aggregate_counts(data, codes, None).tolist() == [7.0, 8.0]


def test_kind_and_procedural_filters():
    data = records(
        ("21.71", "2024", 10, "migration", True),
        ("21.71", "2024", 4, "migration", False),
        ("21.71", "2024", 2, "migration", None),
        ("21.71", "2024", 9, "cases", None),
        columns=("area_code", "period", "count", "kind", "procedural"),
    )
    assert aggregate_counts(data, ["21.71"], "2024", "migration").iloc[0] == 16.0
    assert aggregate_counts(data, ["21.71"], "2024", "cases").iloc[0] == 9.0
    assert aggregate_counts(data, ["21.71"], "2024", "migration", procedural=False).iloc[0] == 4.0


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "bad", "fragment"),
    [
        ("area_code", "2171", "row 1, column 'area_code'"),
        ("area_code", "21.7", "row 1, column 'area_code'"),
        ("period", "24", "row 1, column 'period'"),
        ("period", "2024-13", "row 1, column 'period'"),
        ("count", -1, "row 1, column 'count'"),
        ("count", 2.5, "row 1, column 'count'"),
        ("count", None, "row 1, column 'count'"),
        ("kind", "deaths", "row 1, column 'kind'"),
    ],
)
def test_bad_records_name_row_and_column(column, bad, fragment):
    data = records(("21.71", "2024", 1, "migration"), ("21.72", "2024", 1, "migration"))
    data[column] = data[column].astype(object)
    data.loc[1, column] = bad
    with pytest.raises(InvalidRecordsError, match=fragment) as caught:
        validate_records(data)
    assert isinstance(caught.value, RiskmapError)


def test_missing_columns_are_listed():
    with pytest.raises(InvalidRecordsError, match="count, kind"):
        validate_records(pd.DataFrame({"area_code": ["21"], "period": ["2024"]}))


def test_level_column_must_agree_with_code():
    data = records(("21.71", "2024", 1, "migration", "province"), columns=("area_code", "period", "count", "kind", "level"))
    with pytest.raises(InvalidRecordsError, match="level"):
        validate_records(data)
    data.loc[0, "level"] = "regency"
    assert validate_records(data)["level"].tolist() == ["regency"]


def test_procedural_must_be_boolean():
    data = records(("21.71", "2024", 1, "migration", "yes"), columns=("area_code", "period", "count", "kind", "procedural"))
    with pytest.raises(InvalidRecordsError, match="procedural"):
        validate_records(data)


# --- periods ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2024", "2023"),
        ("2024-03", "2024-02"),
        ("2024-01", "2023-12"),
        (("2023", "2024"), ("2021", "2022")),
        (("2024-01", "2024-03"), ("2023-10", "2023-12")),
    ],
)
def test_previous_period(period, expected):
    assert previous_period(period) == expected


@pytest.mark.parametrize("period", ["24", ("2024", "2024-03"), ("2024", "2023"), "2024-00"])
def test_bad_periods_are_refused(period):
    with pytest.raises(InvalidRecordsError):
        previous_period(period)


def test_periods_of_sorted():
    assert periods_of(records(("21", "2024", 1, "migration"), ("21", "2023-05", 1, "migration"))) == ["2023-05", "2024"]


# --- indicators ---------------------------------------------------------------------------------


def test_migrants_per_1000_uses_population_and_needs_it():
    data = records(("21.71.01.1001", "2024", 300, "migration"), ("21.01.01.2001", "2024", 50, "migration"))
    population = pd.Series({"21.71": 1_500_000.0, "21.01": 0.0})
    table = indicator_table(data, "migrants_per_1000", ["21.71", "21.01", "21.02"], "2024", population=population)
    assert table.loc["21.71", "value"] == pytest.approx(0.2)
    assert table.loc["21.71", "denominator"] == 1_500_000.0
    assert math.isnan(table.loc["21.01", "value"])  # zero population: no rate, not infinity
    assert math.isnan(table.loc["21.02", "value"])


def test_population_frame_from_codes_module_is_accepted():
    data = records(("21", "2024", 20, "migration"))
    population = pd.DataFrame({"code": ["21"], "population": [2_000.0]})
    assert indicator_table(data, "migrants_per_1000", ["21"], "2024", population=population)["value"].iloc[0] == 10.0


@pytest.mark.parametrize("level_code", ["21.71.01", "21.71.01.1001"])
def test_migrants_per_1000_unavailable_below_regency(level_code):
    with pytest.raises(IndicatorUnavailableError, match="province and regency"):
        indicator_table(VILLAGES, "migrants_per_1000", [level_code], "2024", population=pd.Series(dtype=float))


def test_migrants_per_1000_without_population_is_unavailable():
    with pytest.raises(IndicatorUnavailableError, match="population"):
        indicator_table(VILLAGES, "migrants_per_1000", ["21.71"], "2024")


def test_cases_per_1000_migrants():
    data = records(
        ("21.71.01.1001", "2024", 2000, "migration"),
        ("21.71.01.1001", "2024", 30, "cases"),
        ("21.01", "2024", 0, "migration"),
        ("21.01", "2024", 0, "cases"),
        ("21.02", "2024", 500, "migration"),
    )
    table = indicator_table(data, "cases_per_1000_migrants", ["21.71", "21.01", "21.02"], "2024")
    assert table.loc["21.71", "value"] == 15.0
    assert table.loc["21.71", "numerator"] == 30.0 and table.loc["21.71", "denominator"] == 2000.0
    assert math.isnan(table.loc["21.01", "value"])  # 0 cases of 0 migrants: undefined
    assert math.isnan(table.loc["21.02", "value"])  # no case records: no data, not zero


def test_cases_indicator_needs_case_records():
    with pytest.raises(IndicatorUnavailableError, match="cases records"):
        indicator_table(VILLAGES, "cases", ["21.71"], "2024")


def test_non_procedural_share_counts_only_known_procedure():
    data = records(
        ("21.71.01.1001", "2024", 30, "migration", True),
        ("21.71.01.1002", "2024", 10, "migration", False),
        ("21.71.01.1002", "2024", 500, "migration", None),
        ("21.01.01.2001", "2024", 20, "migration", True),
        ("21.02.01.2001", "2024", 9, "migration", None),
        columns=("area_code", "period", "count", "kind", "procedural"),
    )
    table = indicator_table(data, "non_procedural_share", ["21.71", "21.01", "21.02"], "2024")
    assert table.loc["21.71", "value"] == 25.0
    assert table.loc["21.71", "denominator"] == 40.0
    assert table.loc["21.01", "value"] == 0.0  # known, none non-procedural
    assert math.isnan(table.loc["21.02", "value"])  # procedure never known


def test_non_procedural_share_unavailable_without_the_column_or_values():
    with pytest.raises(IndicatorUnavailableError, match="procedural"):
        indicator_table(VILLAGES, "non_procedural_share", ["21.71"], "2024")
    unknown = VILLAGES.assign(procedural=None)
    with pytest.raises(IndicatorUnavailableError, match="procedural"):
        indicator_table(unknown, "non_procedural_share", ["21.71"], "2024")


def test_available_indicators_by_data_and_level():
    data = records(
        ("21.71", "2024", 10, "migration", True),
        ("21.71", "2024", 10, "cases", None),
        columns=("area_code", "period", "count", "kind", "procedural"),
    )
    population = pd.Series({"21.71": 100.0})
    assert available_indicators(data, "regency", population) == list(INDICATORS)
    assert available_indicators(data, "village", population) == [
        "migrants",
        "cases",
        "cases_per_1000_migrants",
        "non_procedural_share",
    ]
    assert available_indicators(VILLAGES, "regency") == ["migrants"]


def test_unknown_indicator_and_measure():
    with pytest.raises(IndicatorUnavailableError, match="choose one of"):
        indicator_table(VILLAGES, "deaths", ["21"], "2024")
    with pytest.raises(IndicatorUnavailableError, match="measure"):
        indicator_table(VILLAGES, "migrants", ["21"], "2024", measure="ratio")


# --- change -------------------------------------------------------------------------------------


CHANGE = records(
    ("21.71", "2023", 100, "migration"),
    ("21.71", "2024", 150, "migration"),
    ("21.01", "2024", 40, "migration"),  # no previous data
    ("21.02", "2023", 80, "migration"),
    ("21.02", "2024", 20, "migration"),
    ("21.03", "2023", 0, "migration"),
    ("21.03", "2024", 30, "migration"),
)


def test_change_against_previous_period():
    table = indicator_table(CHANGE, "migrants", ["21.71", "21.01", "21.02", "21.03"], "2024")
    assert table["previous_value"].tolist()[0] == 100.0
    assert table.loc["21.71", "change"] == 50.0 and table.loc["21.71", "change_percent"] == 50.0
    assert math.isnan(table.loc["21.01", "change"])
    assert table.loc["21.02", "change"] == -60.0 and table.loc["21.02", "change_percent"] == -75.0
    assert table.loc["21.03", "change"] == 30.0 and math.isnan(table.loc["21.03", "change_percent"])


def test_change_measure_puts_change_in_value_and_ranks_it():
    table = indicator_table(CHANGE, "migrants", ["21.71", "21.01", "21.02", "21.03"], "2024", measure="change")
    assert table["value"].tolist()[0] == 50.0
    assert table.loc["21.02", "value"] == -60.0
    assert table["rank"].tolist() == [1, pd.NA, 3, 2]


def test_all_periods_has_no_change():
    table = indicator_table(CHANGE, "migrants", ["21.71"], None)
    assert table.loc["21.71", "value"] == 250.0
    assert math.isnan(table.loc["21.71", "change"])


# --- suppression --------------------------------------------------------------------------------


def test_small_counts_are_suppressed_and_blanked_but_zero_is_shown():
    data = records(
        ("21.71", "2024", 4, "migration"),  # 0 < 4 < 5: small
        ("21.01", "2024", 6, "migration"),
        ("21.02", "2024", 1, "migration"),  # small
        ("21.03", "2024", 0, "migration"),  # zero identifies nobody
        ("21.05", "2024", 5, "migration"),  # the threshold itself is not small
    )
    table = indicator_table(data, "migrants", ["21.71", "21.01", "21.02", "21.03", "21.04", "21.05"], "2024")
    assert table["suppressed"].tolist() == [True, False, True, False, False, False]
    assert table.loc["21.71", ["value", "numerator"]].isna().all()
    assert table.loc["21.01", "value"] == 6.0
    assert table.loc["21.03", "value"] == 0.0
    assert table["rank"].tolist() == [pd.NA, 1, pd.NA, 3, pd.NA, 2]
    assert table["rank_of"].tolist() == [pd.NA, 3, pd.NA, 3, pd.NA, 3]


def test_threshold_is_configurable_and_analysts_see_everything():
    data = records(("21.71", "2024", 8, "migration"), ("31.71", "2024", 900, "migration"))
    assert not indicator_table(data, "migrants", ["21.71"], "2024")["suppressed"].iloc[0]
    assert indicator_table(data, "migrants", ["21.71"], "2024", threshold=10)["suppressed"].iloc[0]
    tiny = records(("21.71", "2024", 2, "migration"), ("31.71", "2024", 900, "migration"))
    internal = indicator_table(tiny, "migrants", ["21.71"], "2024", audience="analyst")
    assert internal["value"].iloc[0] == 2.0 and not internal["suppressed"].iloc[0]
    with pytest.raises(RiskmapError, match="audience"):
        indicator_table(tiny, "migrants", ["21.71"], "2024", audience="everyone")


def test_cases_default_threshold_is_ten_migration_five():
    data = records(("21.71", "2024", 9, "cases"), ("21.01", "2024", 9, "cases"), ("21.02", "2024", 30, "cases"),
                   ("21.71", "2024", 9, "migration"), ("21.01", "2024", 9, "migration"))
    cases = indicator_table(data, "cases", ["21.71", "21.01", "21.02"], "2024")
    assert cases["suppressed"].tolist() == [True, True, False]
    migrants = indicator_table(data, "migrants", ["21.71", "21.01"], "2024")
    assert migrants["value"].tolist() == [9.0, 9.0]


def test_rate_suppressed_when_either_count_is_small_and_denominator_blanked():
    data = records(
        ("21.71", "2024", 1000, "migration"),
        ("21.71", "2024", 3, "cases"),
        ("21.01", "2024", 4, "migration"),
        ("21.01", "2024", 0, "cases"),
        ("21.02", "2024", 1000, "migration"),
        ("21.02", "2024", 0, "cases"),
        ("21.03", "2024", 800, "migration"),
        ("21.03", "2024", 20, "cases"),
        ("21.04", "2024", 30, "cases"),
    )
    table = indicator_table(data, "cases_per_1000_migrants", ["21.71", "21.01", "21.02", "21.03"], "2024")
    # 21.71: 3 cases (< 10); 21.01: 4 migrants (< 5, strictest threshold 10 applies to both counts);
    # 21.03: 20 cases is the complementary cell of 21.71 (province total 53 - 30 would give 3 away).
    assert table["suppressed"].tolist() == [True, True, False, True]
    assert table.loc[["21.71", "21.01", "21.03"], ["value", "numerator", "denominator"]].isna().all().all()
    assert table.loc["21.02", "value"] == 0.0


def test_population_denominator_is_not_a_small_count():
    data = records(("21.71", "2024", 10, "migration"))
    table = indicator_table(data, "migrants_per_1000", ["21.71"], "2024", population=pd.Series({"21.71": 3.0}))
    assert not table["suppressed"].iloc[0] and table["value"].iloc[0] == pytest.approx(3333.333, rel=1e-4)


def test_change_hidden_when_previous_value_is_small():
    data = records(("21.71", "2023", 3, "migration"), ("21.71", "2024", 40, "migration"))
    table = indicator_table(data, "migrants", ["21.71"], "2024")
    row = table.loc["21.71"]
    assert row["value"] == 40.0 and not row["suppressed"]
    assert math.isnan(row["previous_value"]) and math.isnan(row["change"])  # 40 - change would reveal 3
    as_change = indicator_table(data, "migrants", ["21.71"], "2024", measure="change")
    assert as_change["suppressed"].iloc[0] and math.isnan(as_change["value"].iloc[0])


# --- rank and table shape -----------------------------------------------------------------------


def test_rank_within_parent_groups_by_parent_and_shares_ties():
    values = pd.Series(
        {"21.71.01": 5.0, "21.71.02": 9.0, "21.71.03": 5.0, "21.01.01": 1.0, "21.01.02": np.nan}
    )
    ranks = rank_within_parent(values)
    assert ranks["rank"].tolist() == [2, 1, 2, 1, pd.NA]
    assert ranks["rank_of"].tolist() == [3, 3, 3, 1, pd.NA]


def test_table_columns_order_and_parent():
    table = indicator_table(VILLAGES, "migrants", ["21.71.01.1002", "21.71.01.1001"], "2024", audience="analyst")
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert table.index.tolist() == ["21.71.01.1002", "21.71.01.1001"]
    assert table["parent_code"].tolist() == ["21.71.01", "21.71.01"]
    assert table["rank"].tolist() == [2, 1]


def test_parent_code():
    assert [parent_code(c) for c in ("21", "21.71", "21.71.01", "21.71.01.1001")] == [None, "21", "21.71", "21.71.01"]


# --- properties ---------------------------------------------------------------------------------

village_rows = st.lists(
    st.tuples(
        st.sampled_from(["21", "31"]),
        st.sampled_from(["71", "01"]),
        st.sampled_from(["01", "02"]),
        st.sampled_from(["1001", "2002"]),
        st.integers(min_value=0, max_value=50),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(village_rows)
def test_totals_are_consistent_across_levels(rows):
    data = records(*[(f"{p}.{r}.{d}.{v}", "2024", n, "migration") for p, r, d, v, n in rows])
    provinces = aggregate_counts(data, ["21", "31"], "2024")
    regencies = aggregate_counts(data, ["21.71", "21.01", "31.71", "31.01"], "2024")
    assert np.nansum(provinces) == sum(n for *_, n in rows)
    for province in ("21", "31"):
        children = regencies[[code.startswith(province + ".") for code in regencies.index]]
        if children.notna().any():
            assert provinces[province] == children.sum()
        else:
            assert math.isnan(provinces[province])


# --- input forms and reuse ----------------------------------------------------------------------


def test_validated_records_are_reused_not_revalidated():
    tidy = validate_records(VILLAGES)
    assert validate_records(tidy) is tidy
    assert indicator_table(tidy, "migrants", ["21.71"], "2024", audience="analyst")["value"].iloc[0] == 15.0


def test_numeric_periods_and_categorical_codes_are_accepted():
    data = pd.DataFrame(
        {
            "area_code": pd.Categorical(["21.71.01.1001", "21.71.01.1002"]),
            "period": [2024, 2024],
            "count": np.array([7, 8], dtype=np.int32),
            "kind": ["migration", "migration"],
        }
    )
    assert aggregate_counts(data, ["21.71"], "2024").iloc[0] == 15.0


def test_area_codes_of_the_view_must_be_dotted_codes():
    with pytest.raises(InvalidRecordsError, match="2171"):
        aggregate_counts(VILLAGES, ["2171"], "2024")


def test_duplicate_rows_add_up():
    data = records(("21.71", "2024", 7, "migration"), ("21.71", "2024", 7, "migration"))
    assert aggregate_counts(data, ["21.71", "21"], "2024").tolist() == [14.0, 14.0]


def test_combine_records_adds_kind_and_missing_kind_hints_at_it():
    migration = pd.DataFrame({"area_code": ["21.71"], "level": ["regency"], "period": ["2024"], "count": [100]})
    with pytest.raises(InvalidRecordsError, match="combine_records"):
        validate_records(migration)
    both = combine_records(migration=migration, cases=pd.DataFrame({"area_code": ["21.71"], "period": ["2024"], "count": [9]}))
    assert both["kind"].tolist() == ["migration", "cases"]
    assert combine_records(cases=migration)["kind"].tolist() == ["cases"]
    with pytest.raises(InvalidRecordsError, match="No records"):
        combine_records()


def test_procedural_as_numbers_and_after_concat_with_missing():
    numeric = records(("21.71", "2024", 10, "migration", 1.0), ("21.71", "2024", 30, "migration", 0.0),
                      ("21.71", "2024", 5, "migration", np.nan),
                      columns=("area_code", "period", "count", "kind", "procedural"))
    assert indicator_table(numeric, "non_procedural_share", ["21.71"], "2024")["value"].iloc[0] == 75.0
    with pytest.raises(InvalidRecordsError, match="procedural"):
        validate_records(numeric.assign(procedural=[1.0, 2.0, 0.0]))
    migration = pd.DataFrame({"area_code": ["21.71"], "period": ["2024"], "count": [40], "procedural": [np.nan]})
    cases = pd.DataFrame({"area_code": ["21.71"], "period": ["2024"], "count": [9], "procedural": [False]})
    both = combine_records(migration=migration, cases=cases)
    assert both["procedural"].isna().tolist() == [True, False]


def test_a_changed_validated_frame_is_checked_again():
    tidy = validate_records(VILLAGES)
    subset = tidy[tidy["area_code"].astype(str).str.startswith("21.")]
    assert validate_records(subset) is subset  # row selection keeps it valid
    tampered = tidy.assign(area_code=["bad"] * len(tidy))
    with pytest.raises(InvalidRecordsError, match="area_code"):
        validate_records(tampered)
