"""Roll-ups equal the aggregation of the raw records, for every level and period form, on SQLite and PostgreSQL.

Random small datasets (hypothesis) are published to a store; every view — each level,
the whole country or one province, a month, a year, a month range, a year range and all
periods — is computed twice: from every record in memory (the old path) and from the
roll-up rows the store returns for the view (the new path). The tables must be equal,
values, ranks, changes and suppression alike.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import LEVELS
from geo.analysis.indicators import INDICATORS, combine_records, indicator_table
from geo.data.codes import CODE_LENGTHS
from geo.data.rollups import ROLLUP_COLUMNS, compute_rollups
from geo.data.store import Store
from geo.errors import IndicatorUnavailableError
from geo.web.viewdata import StoreSource

CODES = (
    "21", "31",
    "21.71", "21.01", "31.71",
    "21.71.01", "21.71.02", "21.01.01", "31.71.01",
    "21.71.01.1001", "21.71.01.1002", "21.71.02.1001", "21.01.01.2001", "31.71.01.1001", "31.71.01.1002",
)
VILLAGES = tuple(code for code in CODES if len(code) == CODE_LENGTHS["village"])
PERIODS = ("2023", "2024", "2023-11", "2023-12", "2024-01", "2024-02", "2024-06")
PERIOD_FORMS = ("2024-01", "2024", ("2024-01", "2024-06"), ("2023", "2024"), None)
POPULATION = pd.Series({"21": 7.0e6, "31": 1.1e7, "21.71": 1.2e6, "21.01": 1.6e5, "31.71": 2.0e6})

record = st.fixed_dictionaries({
    # mostly villages (as uploads are), some records coded at a coarser level
    "area_code": st.one_of(st.sampled_from(VILLAGES), st.sampled_from(CODES)),
    "period": st.sampled_from(PERIODS),
    "count": st.integers(min_value=0, max_value=30),
    "procedural": st.sampled_from([True, False, None]),
    "destination_country": st.sampled_from([None, "Malaysia", "Kamboja"]),
    "sex": st.sampled_from([None, "F", "M"]),
})
records_of = st.lists(record, min_size=1, max_size=25).map(pd.DataFrame)


def with_levels(frame: pd.DataFrame) -> pd.DataFrame:
    level_of = {length: level for level, length in CODE_LENGTHS.items()}
    return frame.assign(level=frame["area_code"].str.len().map(level_of))


def view_codes(level: str, within: str | None) -> list[str]:
    """Every code of the level inside the area, plus one that never has data."""
    codes = [code for code in CODES if len(code) == CODE_LENGTHS[level]
             and (within is None or code.startswith(within + "."))]
    missing = {"province": "32", "regency": "21.02", "district": "21.71.03", "village": "21.71.01.1009"}[level]
    return [*codes, missing] if within is None or missing.startswith(within + ".") else codes


def table_or_error(*args: object, **options: object) -> pd.DataFrame | str:
    try:
        return indicator_table(*args, **options)  # type: ignore[arg-type]
    except IndicatorUnavailableError as error:
        return f"unavailable: {error}"


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(migration=records_of, cases=records_of, indicator=st.sampled_from(list(INDICATORS)),
       audience=st.sampled_from(["public", "analyst"]), measure=st.sampled_from(["value", "change"]),
       area=st.sampled_from([None, "21"]))
def test_every_view_from_rollups_equals_the_view_from_all_records(
    store: Store, migration: pd.DataFrame, cases: pd.DataFrame, indicator: str, audience: str, measure: str,
    area: str | None,
) -> None:
    ids = (
        ("migration", store.save_dataset(kind="migration", name="m", records=with_levels(migration))),
        ("cases", store.save_dataset(kind="cases", name="c", records=with_levels(cases))),
    )
    source = StoreSource.of(store.url, ids)
    everything = combine_records(migration=migration, cases=cases)
    for level in LEVELS:
        for within in (None if level == "province" else area,):
            codes = view_codes(level, within)
            population = POPULATION.reindex(codes) if level in ("province", "regency") else None
            for period in PERIOD_FORMS:
                chosen_measure = "value" if period is None else measure
                options = {"population": population, "measure": chosen_measure, "audience": audience, "threshold": 5}
                expected = table_or_error(everything, indicator, codes, period, **options)
                periods = (None,) if period is None else (period, _previous(period))
                rows = source.rows(level, within, periods)
                got = table_or_error(rows, indicator, codes, period, whole=source, **options)
                if isinstance(expected, str):
                    assert got == expected
                else:
                    assert isinstance(got, pd.DataFrame), got
                    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12)
                    # the view's query returned its areas only
                    assert set(rows["area_code"].astype(str)) <= set(codes)


def _previous(period: str | tuple[str, str]) -> str | tuple[str, str]:
    from geo.analysis.indicators import previous_period

    return previous_period(period)


@settings(max_examples=25, deadline=None)
@given(records=records_of)
def test_rollups_are_the_sums_of_the_records_below_each_area(records: pd.DataFrame) -> None:
    rollups = compute_rollups(records)
    assert list(rollups.columns) == list(ROLLUP_COLUMNS)
    for level, length in CODE_LENGTHS.items():
        below = records[records["area_code"].str.len() >= length].assign(
            code=lambda frame, n=length: frame["area_code"].str.slice(0, n))
        rows = rollups[rollups["level"] == level]
        assert (rows["code"].str.len() == length).all()
        # months: the monthly records; years: every record of the year
        monthly = below[below["period"].str.len() == 7]
        yearly = below.assign(period=below["period"].str.slice(0, 4))
        for form, raw in (("month", monthly), ("year", yearly)):
            shown = rows[rows["period"].str.len() == (7 if form == "month" else 4)]
            expected = raw.groupby(["code", "period"])["count"].agg(["sum", "size"])
            got = shown.groupby(["code", "period"])[["count", "records"]].sum()
            assert got["count"].to_dict() == expected["sum"].to_dict()
            assert got["records"].to_dict() == expected["size"].to_dict()


def test_records_without_period_or_known_code_length_get_no_rollup() -> None:
    records = pd.DataFrame({"area_code": ["21.71", "21.7", "21.71"], "period": [None, "2024", "2024-13-01"],
                            "count": [5, 6, 7]})
    assert compute_rollups(records).empty


@pytest.mark.parametrize("period", PERIOD_FORMS, ids=str)
def test_a_kepri_view_reads_only_kepri_rows(store: Store, period: str | tuple[str, str] | None) -> None:
    villages = [f"{province}.{regency:02d}.{district:02d}.{village:04d}" for province in ("21", "31", "32")
                for regency in (1, 71) for district in (1, 2) for village in (1001, 1002, 1003)]
    months = ["2023-12", "2024-01", "2024-02", "2024-06"]
    records = pd.DataFrame([{"area_code": code, "level": "village", "period": month, "count": 7}
                            for code in villages for month in months])
    dataset_id = store.save_dataset(kind="migration", name="national", records=records)
    source = StoreSource.of(store.url, [("migration", dataset_id)])
    kepri_villages = [code for code in villages if code.startswith("21.")]

    rows = source.rows("village", "21", (period,))
    assert sorted(set(rows["area_code"].astype(str))) == kepri_villages
    assert len(rows) <= 2 * len(kepri_villages)  # one row per village and period selection (summed by SQL)
    assert len(rows) < store.rollup_count(dataset_id) / 10  # not the dataset's rows
    totals = rows.groupby(rows["area_code"].astype(str))["count"].sum()
    months_in = {"2024-01": 1, "2024": 3, ("2024-01", "2024-06"): 3, ("2023", "2024"): 4, None: 4}[period]
    assert (totals == 7 * months_in).all()

    regencies = source.rows("regency", "21", (period,))
    assert sorted(set(regencies["area_code"].astype(str))) == ["21.01", "21.71"]
