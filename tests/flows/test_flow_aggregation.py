"""Aggregation of origin → destination records: levels, filters, top-N rest, transit, reporting."""

from __future__ import annotations

from functools import partial

import pandas as pd
import pytest

from geo.analysis.flows import aggregate_flows as aggregate_flows_for
from geo.analysis.flows import flows_json, standardise_records
from geo.analysis.periods import years_label
from geo.errors import FlowDataError

# These tests check aggregation and drawing on small hand-made counts, seen by an analyst;
# disclosure control of flows is tested in tests/analysis/test_disclosure.py.
aggregate_flows = partial(aggregate_flows_for, audience="analyst")

NAMES = {
    "21": "Kepulauan Riau",
    "21.71": "Kota Batam",
    "21.01": "Kabupaten Bintan",
    "21.71.01": "Batam Kota",
    "21.71.02": "Sekupang",
    "21.71.01.1001": "Teluk Tering",
    "32": "Jawa Barat",
    "32.12": "Kabupaten Indramayu",
}


def frame(
    rows: list[tuple], columns=("area_code", "destination_city", "destination_country", "period", "count")
) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns))


@pytest.fixture
def records() -> pd.DataFrame:
    return frame(
        [
            ("21.71.01.1001", "Phnom Penh", "Kamboja", "2025", 500),
            ("21.71.01.1002", "Phnom Penh", "Cambodia", "2025-03", 300),
            ("21.71.02.1001", "phnom penh", None, "2024", 12),
            ("21.71.02.1001", "Sihanoukville", "Kamboja", "2025", 40),
            ("21.01.01.2001", "Johor Baru", "Malaysia", "2025", 25),
            ("21.01.01.2001", None, "Myanmar", "2024", 9),
            ("32.12.01.2001", None, "Arab Saudi", "2023", 200),
            ("32.12.01.2002", "Taipei", "Taiwan", "2025", 150),
        ]
    )


@pytest.mark.parametrize(
    ("level", "expected_first"),
    [
        ("province", ("21", "Kepulauan Riau", "Phnom Penh", 812.0)),
        ("regency", ("21.71", "Kota Batam", "Phnom Penh", 812.0)),
        ("district", ("21.71.01", "Batam Kota", "Phnom Penh", 800.0)),
        ("village", ("21.71.01.1001", "Teluk Tering", "Phnom Penh", 500.0)),
    ],
)
def test_aggregation_at_every_origin_level(records, level, expected_first):
    result = aggregate_flows(records, level=level, origin_names=NAMES)
    first = result.flows.iloc[0]
    assert (first["origin_code"], first["origin_name"], first["destination"], first["count"]) == expected_first
    assert result.total_count == pytest.approx(records["count"].sum())
    assert all(
        code.count(".") == ("province", "regency", "district", "village").index(level)
        for code in result.flows["origin_code"]
    )


def test_many_records_between_one_pair_make_one_flow(records):
    result = aggregate_flows(records, level="regency", origin_names=NAMES)
    batam_phnom_penh = result.flows[
        (result.flows["origin_code"] == "21.71") & (result.flows["destination"] == "Phnom Penh")
    ]
    assert len(batam_phnom_penh) == 1
    assert batam_phnom_penh.iloc[0]["records"] == 3 and batam_phnom_penh.iloc[0]["count"] == 812


def test_top_n_keeps_the_largest_and_reports_the_rest(records):
    result = aggregate_flows(records, level="regency", top=2, origin_names=NAMES)
    assert result.flows["count"].tolist() == [812.0, 200.0]
    assert result.flow_count == 6
    assert (result.rest_flows, result.rest_count) == (4, 150.0 + 40 + 25 + 9)
    assert result.flows["count"].sum() + result.rest_count == result.total_count


def test_minimum_volume_hides_small_flows_and_says_so(records):
    result = aggregate_flows(records, level="regency", min_count=30, origin_names=NAMES)
    assert result.flows["count"].min() >= 30
    assert (result.below_minimum_flows, result.below_minimum_count) == (2, 34.0)


def test_filters_within_country_city_period(records):
    within = aggregate_flows(records, level="district", within="21.71", origin_names=NAMES)
    assert set(within.flows["origin_code"]) == {"21.71.01", "21.71.02"}
    cambodia = aggregate_flows(records, level="regency", destination_countries=["Kamboja"], origin_names=NAMES)
    assert set(cambodia.flows["destination_country_code"]) == {"KH"}
    by_iso = aggregate_flows(records, level="regency", destination_countries=["KH"], origin_names=NAMES)
    assert by_iso.flows.equals(cambodia.flows)
    city = aggregate_flows(records, level="regency", destination_cities=["Sihanoukville"], origin_names=NAMES)
    assert city.flows["destination"].tolist() == ["Sihanoukville"]
    city_alias = aggregate_flows(records, level="regency", destination_cities=["Kampong Som"], origin_names=NAMES)
    assert city_alias.flows["destination"].tolist() == ["Sihanoukville"]
    year_2025 = aggregate_flows(records, level="regency", period_from="2025", period_to="2025", origin_names=NAMES)
    assert year_2025.total_count == 500 + 300 + 40 + 25 + 150
    assert year_2025.period_label == "2025"
    range_ = aggregate_flows(records, level="regency", period_from="2024", origin_names=NAMES)
    assert range_.period_label == "2024–2025" and range_.total_count == 812 + 40 + 25 + 9 + 150
    with pytest.raises(FlowDataError, match="Narnia"):
        aggregate_flows(records, destination_countries=["Narnia"])


def test_country_only_destination_is_labelled_by_country(records):
    result = aggregate_flows(records, level="regency", origin_names=NAMES)
    saudi = result.flows[result.flows["destination_country_code"] == "SA"].iloc[0]
    assert (saudi["destination"], saudi["destination_id"], saudi["precision"]) == (
        "Saudi Arabia",
        "Arab Saudi",
        "country",
    )
    assert saudi["lat"] == pytest.approx(24.69, abs=0.05)


def test_unresolved_destinations_are_reported_not_dropped():
    records = frame(
        [
            ("21.71.01.1001", "Phnom Penh", "Kamboja", "2025", 10),
            ("21.71.01.1001", "Negeri Antah Berantah", None, "2025", 4),
            ("21.71.01.1001", "Kampung Entah", "Kamboja", "2025", 3),
            ("21.71.01.1001", None, None, "2025", 1),
        ]
    )
    result = aggregate_flows(records, origin_names=NAMES)
    unresolved = result.unresolved.set_index("text")
    assert unresolved.loc["Negeri Antah Berantah", "reason"] == "unknown_city"
    assert unresolved.loc["Negeri Antah Berantah", "count"] == 4
    assert unresolved.loc["Kampung Entah, Kamboja", "reason"] == "country_only"
    assert unresolved.loc["", "reason"] == "empty"
    # the country-only record is still drawn (to Cambodia); the others are not
    assert result.flows["count"].sum() == 13
    assert result.unresolved_count == 5


def test_records_coded_above_the_level_are_reported():
    records = frame([("21.71", "Phnom Penh", None, "2025", 7), ("21.71.01.1001", "Phnom Penh", None, "2025", 2)])
    result = aggregate_flows(records, level="district", origin_names=NAMES)
    assert result.flows["count"].tolist() == [2.0]
    assert result.above_level.to_dict("records") == [{"origin_code": "21.71", "records": 1, "count": 7.0}]


def test_transit_legs_are_kept_apart_and_summed_over_when_asked():
    records = pd.DataFrame(
        {
            "area_code": ["21.71.01.1001", "21.71.01.1002", "21.71.01.1003"],
            "destination_city": ["Phnom Penh", "Phnom Penh", "Phnom Penh"],
            "transit": ["Johor Bahru", "Johor Baru", None],
            "count": [5, 3, 2],
        }
    )
    result = aggregate_flows(records, level="regency", origin_names=NAMES)
    via = result.flows.set_index(result.flows["transit"].fillna("-"))
    assert via.loc["Johor Bahru", "count"] == 8 and via.loc["-", "count"] == 2
    assert via.loc["Johor Bahru", "transit_lat"] == pytest.approx(1.4655)
    total = aggregate_flows(records, level="regency", by_transit=False, origin_names=NAMES)
    assert total.flows["count"].tolist() == [10.0] and total.flows["transit"].isna().all()


def test_unknown_transit_is_reported_and_the_flow_drawn_direct():
    records = pd.DataFrame(
        {"area_code": ["21.71"], "destination_city": ["Bavet"], "transit": ["Negeri Antah Berantah"], "count": [4]}
    )
    result = aggregate_flows(records, level="regency", origin_names=NAMES)
    assert result.flows["count"].tolist() == [4.0] and result.flows["transit"].isna().all()
    assert result.unresolved[["role", "reason"]].values.tolist() == [["transit", "unknown_city"]]


def test_case_level_rows_count_one_each_and_alias_columns_are_read():
    records = pd.DataFrame(
        {"kode_wilayah": ["21.71.01.1001"] * 3, "negara_tujuan": ["Kamboja"] * 3, "tahun": [2025] * 3}
    )
    result = aggregate_flows(records, origin_names=NAMES)
    assert result.flows["count"].tolist() == [3.0] and result.period_label == "2025"


def test_bad_input_gets_a_clear_error():
    with pytest.raises(FlowDataError, match="no origin area column"):
        standardise_records(pd.DataFrame({"destination_country": ["Kamboja"]}))
    with pytest.raises(FlowDataError, match="name no destination"):
        standardise_records(pd.DataFrame({"area_code": ["21"]}))
    with pytest.raises(FlowDataError, match="Row 2"):
        standardise_records(
            pd.DataFrame({"area_code": ["21", "21"], "destination_country": ["X", "Y"], "count": [1, -1]})
        )
    with pytest.raises(FlowDataError, match="Unknown origin level"):
        aggregate_flows(pd.DataFrame({"area_code": ["21"], "destination_country": ["Kamboja"]}), level="kecamatan")


def test_years_label():
    assert years_label(["2025-01", "2025"]) == "2025"
    assert years_label(["2023", "2025-12", None]) == "2023–2025"
    assert years_label([]) is None


def test_json_records_for_the_cli(records):
    rows = flows_json(aggregate_flows(records, level="regency", top=1, origin_names=NAMES))
    assert rows == [
        {
            "origin_code": "21.71",
            "origin_name": "Kota Batam",
            "destination": "Phnom Penh",
            "destination_country": "Cambodia",
            "lat": 11.5564,
            "lon": 104.9282,
            "count": 812,
        }
    ]
    indonesian = flows_json(aggregate_flows(records, level="regency", top=1, origin_names=NAMES), "id")
    assert indonesian[0]["destination_country"] == "Kamboja"


def test_empty_records_give_an_empty_result():
    empty = pd.DataFrame({"area_code": pd.Series([], dtype=object), "destination_country": pd.Series([], dtype=object)})
    result = aggregate_flows(empty)
    assert result.flows.empty and result.total_count == 0 and result.destinations.empty


def test_records_without_an_origin_code_are_reported_too():
    records = frame([(None, "Phnom Penh", None, "2025", 3), ("21.71.01.1001", "Phnom Penh", None, "2025", 2)])
    result = aggregate_flows(records, origin_names=NAMES)
    assert result.flows["count"].tolist() == [2.0]
    assert result.above_level.to_dict("records") == [{"origin_code": "", "records": 1, "count": 3.0}]


def test_city_filter_leaves_out_country_level_points_at_that_city():
    records = frame([("21.71.01.1001", "Phnom Penh", None, "2025", 5), ("21.71.01.1001", None, "Kamboja", "2025", 7)])
    result = aggregate_flows(records, destination_cities=["Phnom Penh"], origin_names=NAMES)
    assert result.flows[["destination", "precision", "count"]].values.tolist() == [["Phnom Penh", "city", 5.0]]
