"""geo.web.viewstate: the Map and Flows views <-> URL query strings, the validators, and the one message."""

from __future__ import annotations

import math
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.data.codes import CodeList
from geo.web.viewstate import (
    FLOW_QUERY_KEYS,
    MAX_ID,
    MAX_TOP,
    QUERY_KEYS,
    SHOWN_VALUE_LENGTH,
    TILE_CHOICES,
    FlowView,
    View,
    corrected_level,
    default_tiles,
    drill_down,
    flow_view_to_query,
    levels_within,
    parse_breaks,
    parse_choice,
    parse_decimal,
    parse_flag,
    parse_flow_view,
    parse_id_list,
    parse_period,
    parse_single_period,
    parse_view,
    parse_whole_number,
    period_to_text,
    shown_value,
    view_to_query,
    with_area,
    with_level,
)

CODES = CodeList.from_rows(
    [
        ("21", "Kepulauan Riau"),
        ("21.71", "Kota Batam"),
        ("21.71.01", "Batam Kota"),
        ("21.71.01.1001", "Teluk Tering"),
        ("35", "Jawa Timur"),
        ("35.10", "Kabupaten Banyuwangi"),
    ]
)

HOSTILE_NUMBERS = ["²", "٣", "१२", "1_0", "5" * 5000, "-1", "-0", "+5", "NaN", "nan", "inf", "1e9", "1e+09", "0x10",
                   " ", "3.0", "3,5", "½", "Ⅻ", "9" * 19]
"""Texts that str.isdigit(), int() or float() would take (or choke on) and that no integer key accepts."""

LINK = "[Session expired](https://evil.example/login)"
IMAGE = "![](http://127.0.0.1:8809/x.png)"


def parse(**query: str | list[str]) -> tuple[View, list[str]]:
    return parse_view(query, codes=CODES)


def parse_flows(**query: str | list[str]) -> tuple[FlowView, list[str]]:
    return parse_flow_view(query, codes=CODES)


# --------------------------------------------------------------------------- validators


@pytest.mark.parametrize("text", HOSTILE_NUMBERS)
def test_whole_numbers_are_ascii_digits_only(text: str) -> None:
    with pytest.raises(ValueError):
        parse_whole_number(text, low=0, high=10**18)


@given(st.integers(min_value=0, max_value=10**12))
def test_whole_numbers_in_range_round_trip(number: int) -> None:
    assert parse_whole_number(str(number), low=0, high=10**12) == number
    assert parse_whole_number(f" {number} ", low=0, high=10**12) == number


@given(st.text(max_size=30))
@settings(max_examples=300)
def test_no_text_makes_a_validator_raise_anything_but_value_error(text: str) -> None:
    for validate in (
        lambda value: parse_whole_number(value, low=1, high=9),
        parse_id_list,
        lambda value: parse_decimal(value, high=1e9),
        lambda value: parse_choice(value, ("a", "b")),
        parse_flag,
        parse_single_period,
        parse_period,
        parse_breaks,
    ):
        try:
            validate(text)
        except ValueError:
            pass


@given(st.text(alphabet=string.digits + "²٣१_-+.,eE", max_size=12))
def test_accepted_whole_numbers_are_plain_ascii(text: str) -> None:
    try:
        number = parse_whole_number(text, low=0, high=10**12)
    except ValueError:
        return
    assert text.strip().isascii() and text.strip().isdecimal() and int(text) == number


@pytest.mark.parametrize(("low", "high", "text"), [(3, 9, "2"), (3, 9, "10"), (1, MAX_ID, "0"), (1, MAX_ID, str(MAX_ID + 1))])
def test_whole_numbers_out_of_bounds(low: int, high: int, text: str) -> None:
    with pytest.raises(ValueError):
        parse_whole_number(text, low=low, high=high)


def test_id_lists() -> None:
    assert parse_id_list("3,4") == (3, 4)
    assert parse_id_list(" 4 , 4,3") == (4, 3)
    assert parse_id_list("NONE") == ()
    assert parse_id_list(str(MAX_ID)) == (MAX_ID,)
    for text in ["", ",", "0", "3,x", "99999999999999999999999", "3,²", ",".join(["1"] * 9), "-3"]:
        with pytest.raises(ValueError):
            parse_id_list(text)


@pytest.mark.parametrize(("text", "number"), [("0", 0.0), ("5", 5.0), ("2.5", 2.5), ("2,5", 2.5), ("1000000000", 1e9)])
def test_decimals(text: str, number: float) -> None:
    assert parse_decimal(text, high=1e9) == number


@pytest.mark.parametrize(
    "text", [*(n for n in HOSTILE_NUMBERS[:-1] if n not in ("3.0", "3,5")), "1000000001", "1.", ".5", "1.2.3", "1.1234567"]
)
def test_decimals_refuse_everything_else(text: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(text, high=1e9)


def test_choices_and_flags() -> None:
    assert parse_choice("osm", ("osm", "none")) == "osm"
    with pytest.raises(ValueError):
        parse_choice("OSM", ("osm", "none"))
    assert [parse_flag(text) for text in ("1", "true", "YES", "0", "false", "no")] == [True] * 3 + [False] * 3
    for text in ("2", "maybe", "", "١"):
        with pytest.raises(ValueError):
            parse_flag(text)


@pytest.mark.parametrize("text", ["2024", "2024-01", "2024-12", " 2024-03 "])
def test_single_periods(text: str) -> None:
    assert parse_single_period(text) == text.strip()


@pytest.mark.parametrize("text", ["2024-13", "2024-00", "2024-1", "24", "2024-03-01", "٢٠٢٤", "all", "2024..2025"])
def test_single_periods_refuse_everything_else(text: str) -> None:
    with pytest.raises(ValueError):
        parse_single_period(text)


def test_periods_and_ranges() -> None:
    assert parse_period("ALL") == "all"
    assert parse_period("2024-01..2024-06") == ("2024-01", "2024-06")
    assert parse_period("2024..2024") == "2024"
    for text in ["2024..2024-06", "2025..2024", "2024-13..2024-14", "..2024", "2024..", "2024...2025"]:
        with pytest.raises(ValueError):
            parse_period(text)


@given(st.integers(2000, 2040), st.integers(1, 12), st.integers(0, 30))
def test_period_ranges_round_trip(year: int, month: int, months_later: int) -> None:
    first = f"{year}-{month:02d}"
    total = year * 12 + month - 1 + months_later
    last = f"{total // 12}-{total % 12 + 1:02d}"
    period = parse_period(f"{first}..{last}")
    text = period_to_text(period)
    assert text is not None and parse_period(text) == period


def test_breaks() -> None:
    assert parse_breaks("1;2, 3") == (1.0, 2.0, 3.0)
    for text in ["", "nan", "1,inf", "2,1", "1,1", "1,2,3,4,5,6,7,8,9", "1" * 5000, "1e999"]:
        with pytest.raises(ValueError):
            parse_breaks(text)


def test_shown_values_are_shortened() -> None:
    assert shown_value("short") == "short"
    long = shown_value("9" * 5000)
    assert len(long) == SHOWN_VALUE_LENGTH and long.endswith("…")


# --------------------------------------------------------------------------- the Map page: places


def test_empty_query_is_indonesia_by_province() -> None:
    assert parse() == (View(level="province", area=None, lang="id", tiles=None), [])


@pytest.mark.parametrize("area", ["21", " 21 ", "21.71", "2171", "21.71.01", "217101"])
def test_area_codes_dotted_or_undotted_are_normalised(area: str) -> None:
    view, messages = parse(area=area)
    assert messages == []
    assert view.area == CODES.validate(area)
    assert view.level == levels_within(view.area)[0]  # no level: one level below the area


def test_villages_of_kepulauan_riau() -> None:
    assert parse(level="village", area="21") == (View(level="village", area="21"), [])


def test_regency_code_with_lost_zero_is_settled_by_the_code_list() -> None:
    view, messages = parse(area="35.1")  # 35.10 written as a number
    assert (view.area, messages) == ("35.10", [])


@pytest.mark.parametrize("level", ["district", "village"])
def test_national_view_falls_back_to_regency_with_message(level: str) -> None:
    view, messages = parse(level=level, lang="en")
    assert view == View(level="regency", lang="en")
    name = "District" if level == "district" else "Village"
    assert messages == [
        f"This link was corrected: level={level}: {name} is not shown for all of Indonesia; showing Regency/City. "
        f"Pick a province to see {name}."
    ]


def test_level_above_the_area_is_corrected_with_message() -> None:
    view, messages = parse(level="province", area="21.71")
    assert view == View(level="district", area="21.71")
    assert messages == [
        "Tautan ini diperbaiki: level=province: Provinsi tidak berada di bawah Kota Batam; "
        "menampilkan Kecamatan di Kota Batam."
    ]
    view, messages = parse(level="regency", area="21.71.01", lang="en")
    assert view == View(level="village", area="21.71.01", lang="en")
    assert messages == [
        "This link was corrected: level=regency: Regency/City is not below Batam Kota; showing Village in Batam Kota."
    ]


def test_village_as_area_shows_the_villages_of_its_district() -> None:
    view, messages = parse(area="2171011001", lang="en")
    assert view == View(level="village", area="21.71.01", lang="en")
    assert messages == [
        "This link was corrected: area=2171011001: Teluk Tering is a village; "
        "showing the villages of its district (Batam Kota)."
    ]


def test_an_invalid_level_falls_back_alone() -> None:
    view, messages = parse(level="foo", area="21", lang="en")
    assert view == View(level="regency", area="21", lang="en")  # the area is kept
    assert messages == [
        "This link was corrected: level='foo' is not known (choices: province, regency, district, village); "
        "using regency."
    ]


@pytest.mark.parametrize("area", ["21.71.xx.1001", "abc", "2", "99999", "9" * 5000, "²¹"])
def test_malformed_area_gives_message_and_national_view(area: str) -> None:
    view, messages = parse(area=area, level="regency", lang="en")
    assert view == View(level="regency", lang="en")
    assert messages == [
        f"This link was corrected: area='{shown_value(area)}' is not an area code (examples: 21, 21.71 or 2171); "
        "showing all of Indonesia."
    ]


def test_unknown_area_gives_message_and_national_view() -> None:
    view, messages = parse(area="21.99", level="regency")
    assert view == View(level="regency")
    assert messages == [
        "Tautan ini diperbaiki: area='21.99' tidak ada dalam daftar kode Kepmendagri 2025; "
        "menampilkan seluruh Indonesia."
    ]


def test_unknown_key_is_ignored_with_a_note() -> None:
    view, messages = parse(level="village", area="21", zoom="7", lang="en")
    assert view == View(level="village", area="21", lang="en")
    assert messages == [
        f"This link was corrected: the key 'zoom' is not one of this page's (known keys: {', '.join(QUERY_KEYS)}); "
        "it is ignored."
    ]


def test_invalid_lang_and_tiles_reset_only_that_key_in_one_message() -> None:
    view, messages = parse(lang="fr", tiles="google", level="regency")
    assert view == View(level="regency", lang="id", tiles=None)
    assert messages == [
        "Tautan ini diperbaiki: lang='fr' tidak tersedia (pilihan: id, en); memakai Bahasa Indonesia. "
        f"tiles='google' tidak dikenal (pilihan: {', '.join(TILE_CHOICES)}); memakai bawaan."
    ]


def test_repeated_key_uses_the_last_value_and_empty_values_are_absent() -> None:
    assert parse(level=["province", "regency"], area="") == (View(level="regency"), [])


# --------------------------------------------------------------------------- one message per URL (#10.8)


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ({"level": "foo", "area": "99.99"}, ["level='foo'", "area='99.99'"]),
        ({"level": "village", "area": "99.99"}, ["area='99.99'", "level=village"]),
        ({"k": "²", "dataset": "99999999999999999999999", "period": "2024-13", "zoom": "1"},
         ["k='²'", "dataset='99999999999999999999999'", "period='2024-13'", "'zoom'"]),
        ({"lang": "xx", "tiles": "x", "indicator": "x", "measure": "x", "scheme": "x", "palette": "x",
          "breaks": "x", "fixed": "x", "flows": "x"},
         ["lang='xx'", "tiles='x'", "indicator='x'", "measure='x'", "scheme='x'", "palette='x'", "breaks='x'",
          "fixed='x'", "flows='x'"]),
    ],
)
def test_every_corrected_key_is_named_in_one_message(query: dict[str, str], keys: list[str]) -> None:
    view, messages = parse_view(query, codes=CODES)
    assert len(messages) == 1
    for key in keys:
        assert key in messages[0], (key, messages[0])
    # and the corrected view is valid: reading it back gives no message
    assert parse_view(view_to_query(view), codes=CODES) == (view, [])


@given(st.dictionaries(st.sampled_from([*QUERY_KEYS, "zoom"]), st.text(max_size=60), max_size=8))
@settings(max_examples=200, deadline=None)
def test_any_query_gives_a_valid_view_and_at_most_one_message(query: dict[str, str]) -> None:
    view, messages = parse_view(query, codes=CODES)
    assert len(messages) <= 1
    assert parse_view(view_to_query(view), codes=CODES) == (view, [])


@given(st.dictionaries(st.sampled_from([*FLOW_QUERY_KEYS, "zoom"]), st.text(max_size=60), max_size=8))
@settings(max_examples=200, deadline=None)
def test_any_flows_query_gives_a_valid_view_and_at_most_one_message(query: dict[str, str]) -> None:
    view, messages = parse_flow_view(query, codes=CODES)
    assert len(messages) <= 1
    assert 1 <= view.top <= MAX_TOP and view.min_count >= 0 and math.isfinite(view.min_count)
    assert parse_flow_view(flow_view_to_query(view), codes=CODES) == (view, [])


def test_rejected_values_are_quoted_shortened() -> None:
    _, messages = parse(k="5" * 5000, lang="en")
    assert f"k='{'5' * (SHOWN_VALUE_LENGTH - 1)}…' must be a whole number" in messages[0]
    assert len(messages[0]) < 200


@pytest.mark.parametrize("hostile", [LINK, IMAGE, "<img src=x onerror=alert(1)>"])
def test_hostile_values_are_reported_as_plain_text_not_used(hostile: str) -> None:
    # The message is plain text; the page Markdown-escapes it whole (geo.app.ui.show_message).
    view, messages = parse(level=hostile, k=hostile)
    assert view == View()
    assert hostile[:SHOWN_VALUE_LENGTH - 1] in messages[0]


# --------------------------------------------------------------------------- the Map page: round trips, helpers


@pytest.mark.parametrize(
    "view",
    [
        View(),
        View(level="regency"),
        View(level="village", area="21"),
        View(level="district", area="21.71", lang="en", tiles="none"),
        View(level="village", area="21.71.01", tiles="carto"),
    ],
)
def test_round_trip(view: View) -> None:
    assert parse_view(view_to_query(view), codes=CODES) == (view, [])


def test_view_to_query_leaves_defaults_out() -> None:
    assert view_to_query(View(level="village", area="21")) == {"level": "village", "area": "21"}
    assert view_to_query(View(lang="en", tiles="osm")) == {"level": "province", "lang": "en", "tiles": "osm"}


def test_view_is_frozen_and_hashable() -> None:
    view = View(level="regency")
    with pytest.raises(AttributeError):
        view.level = "province"  # type: ignore[misc]
    assert {view: 1}[View(level="regency")] == 1


def test_levels_and_corrections() -> None:
    assert levels_within(None) == ("province", "regency")
    assert levels_within("21.71") == ("district", "village")
    assert corrected_level("21", "province") == "regency"
    assert corrected_level(None, "village") == "regency"
    assert corrected_level(None, "village", ("province", "regency", "district"), "regency") == "district"
    assert corrected_level(None, None, ("province", "regency", "district"), "regency") == "regency"
    assert with_area(View(level="district", area="21.71"), "21") == View(level="district", area="21")
    assert with_area(View(level="district", area="21"), "21.71.01") == View(level="village", area="21.71.01")
    assert with_level(View(area="21.71"), "province") == View(level="district", area="21.71")


def test_drill_down_one_level_per_click() -> None:
    assert drill_down(View(level="province"), "21") == View(level="regency", area="21")
    assert drill_down(View(level="regency", lang="en"), "21.71") == View(level="district", area="21.71", lang="en")
    assert drill_down(View(level="district", area="21.71"), "21.71.01") == View(level="village", area="21.71.01")
    assert drill_down(View(level="village", area="21"), "21.71.01.1001") is None


def test_default_tiles_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RISKMAP_TILES", raising=False)
    assert default_tiles() == "auto"
    monkeypatch.setenv("RISKMAP_TILES", "none")
    assert default_tiles() == "none"
    monkeypatch.setenv("RISKMAP_TILES", "bogus")
    assert default_tiles() == "auto"


def test_every_url_correction_has_both_languages_and_the_same_placeholders() -> None:
    from geo.strings.flows import STRINGS as FLOW_STRINGS
    from geo.strings.map import STRINGS as MAP_STRINGS

    url_strings = {key: value for key, value in {**MAP_STRINGS, **FLOW_STRINGS}.items() if key.startswith("url.")}
    assert len(url_strings) >= 20
    for key, translations in url_strings.items():
        assert set(translations) == {"id", "en"}, key
        fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in translations.values()]
        assert fields[0] == fields[1], f"{key}: placeholders differ between id and en"
        if "value" in fields[0]:
            assert "key" in fields[0], f"{key}: a note quoting a value names its key too"


# --------------------------------------------------------------------------- choropleth keys


def test_choropleth_keys_round_trip() -> None:
    view, messages = parse(
        level="regency", area="21", dataset="3,4", indicator="cases", measure="change",
        period="2024-01..2024-06", k="7", palette="Blues", fixed="1",
    )
    assert messages == []
    assert (view.datasets, view.indicator, view.measure, view.period, view.k, view.palette, view.fixed) == (
        (3, 4), "cases", "change", ("2024-01", "2024-06"), 7, "Blues", True,
    )
    assert view_to_query(view) == {
        "level": "regency", "area": "21", "dataset": "3,4", "indicator": "cases", "measure": "change",
        "period": "2024-01..2024-06", "k": "7", "palette": "Blues", "fixed": "1",
    }
    assert parse(**view_to_query(view))[0] == view


def test_user_defined_breaks_imply_the_scheme_and_round_trip() -> None:
    view, messages = parse(breaks="10, 50,100.5")
    assert messages == []
    assert view.scheme == "user_defined" and view.breaks == (10.0, 50.0, 100.5)
    assert view_to_query(view)["breaks"] == "10,50,100.5"
    assert "scheme" not in view_to_query(view)
    assert parse(**view_to_query(view))[0] == view


@pytest.mark.parametrize(
    ("key", "value", "field", "default", "fragment"),
    [
        ("dataset", "abc", "datasets", None, "dataset='abc' must be dataset numbers"),
        ("dataset", "0", "datasets", None, "dataset='0' must be dataset numbers"),
        ("dataset", "99999999999999999999999", "datasets", None, "dataset='99999999999999999999999' must be"),
        ("indicator", "<img src=x onerror=alert(1)>", "indicator", None, "indicator='<img src=x onerror=alert(1)>' is not known"),
        ("measure", "delta", "measure", "value", "measure='delta' is not known"),
        ("period", "2024-13", "period", None, "period='2024-13' is not a period"),
        ("period", "2024..2024-06", "period", None, "period='2024..2024-06'"),
        ("period", "2025..2024", "period", None, "period='2025..2024'"),
        ("scheme", "jenks", "scheme", "quantiles", "scheme='jenks' is not known"),
        ("k", "2", "k", 5, "k='2' must be a whole number from 3 to 9; using 5."),
        ("k", "x", "k", 5, "from 3 to 9"),
        ("k", "²", "k", 5, "k='²' must be a whole number"),
        ("k", "٣", "k", 5, "k='٣' must be a whole number"),
        ("k", "1e9", "k", 5, "k='1e9'"),
        ("k", "-4", "k", 5, "k='-4'"),
        ("k", "NaN", "k", 5, "k='NaN'"),
        ("palette", "Rainbow", "palette", "YlOrRd", "palette='Rainbow' is not a known colour palette"),
        ("breaks", "50,10", "breaks", None, "breaks='50,10'"),
        ("breaks", "a,b", "breaks", None, "breaks='a,b'"),
        ("fixed", "maybe", "fixed", False, "fixed='maybe' must be 1 or 0"),
        ("scheme", "user_defined", "scheme", "quantiles", "scheme=user_defined needs the key breaks"),
    ],
)
def test_an_invalid_choropleth_key_gives_a_message_and_only_it_falls_back(
    key: str, value: str, field: str, default: object, fragment: str
) -> None:
    view, messages = parse(**{"level": "regency", "area": "21", "palette": "Blues", "lang": "en", key: value})
    assert len(messages) == 1 and fragment in messages[0], messages
    assert getattr(view, field) == default
    assert (view.level, view.area) == ("regency", "21")  # the rest of the view is kept
    if key != "palette":
        assert view.palette == "Blues"


def test_choropleth_options_survive_drill_down_and_level_changes() -> None:
    view = View(level="province", indicator="cases", period="2024", palette="Blues")
    below = drill_down(view, "21")
    assert below is not None and (below.indicator, below.period, below.palette) == ("cases", "2024", "Blues")
    assert with_level(below, "village").indicator == "cases"
    assert with_area(below, None).palette == "Blues"


def test_no_dataset_and_all_periods() -> None:
    view, messages = parse(dataset="none", period="all")
    assert messages == [] and view.datasets == () and view.period == "all"
    assert view_to_query(view) == {"level": "province", "dataset": "none", "period": "all"}


# --------------------------------------------------------------------------- the Flows page


def test_flows_defaults_and_round_trip() -> None:
    assert parse_flows() == (FlowView(), [])
    view = FlowView(dataset=3, level="district", area="21.71", country="KH", city="Phnom Penh",
                    period_from="2024-01", period_to="2024-06", min_count=2.5, top=20, lang="en", tiles="none")
    assert parse_flow_view(flow_view_to_query(view), codes=CODES) == (view, [])
    assert flow_view_to_query(FlowView()) == {}


def test_flows_accept_districts_nationally_but_not_villages() -> None:
    assert parse_flows(level="district") == (FlowView(level="district"), [])
    view, messages = parse_flows(level="village", lang="en")
    assert view.level == "district"
    assert messages == [
        "This link was corrected: level=village: Village is not shown for all of Indonesia; showing District. "
        "Pick a province to see Village."
    ]


def test_flows_area_rules_are_the_map_pages() -> None:
    assert parse_flows(area="2171")[0] == FlowView(level="district", area="21.71")
    view, messages = parse_flows(area="2171011001")
    assert (view.level, view.area) == ("village", "21.71.01") and "Teluk Tering" in messages[0]
    view, messages = parse_flows(area="21.99", level="province")
    assert (view.level, view.area) == ("province", None) and "area='21.99'" in messages[0]


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("top", "²", "top='²' must be a whole number from 1 to 500; using 50."),
        ("top", "0", "top='0'"),
        ("top", "501", "top='501'"),
        ("top", "9" * 5000, "top='999"),
        ("dataset", "99999999999999999999999", "dataset='99999999999999999999999' must be one dataset number"),
        ("dataset", "-1", "dataset='-1'"),
        ("from", "2024-13", "from='2024-13' is not a period"),
        ("to", "٢٠٢٤", "to='٢٠٢٤' is not a period"),
        ("min", "-1", "min='-1' must be a number from 0"),
        ("min", "NaN", "min='NaN'"),
        ("min", "1e9", "min='1e9'"),
        ("country", "Narnia", "country='Narnia' is not a known country"),
        ("country", "x" * 5000, "country='xxx"),
        ("tiles", "google", "tiles='google' is not known"),
        ("lang", "fr", "lang='fr' tidak tersedia"),  # the language is unknown: Bahasa Indonesia
    ],
)
def test_an_invalid_flows_key_gives_a_message_and_falls_back(key: str, value: str, fragment: str) -> None:
    view, messages = parse_flows(**{"lang": "en", "area": "21", key: value})
    assert len(messages) == 1 and fragment in messages[0], messages
    assert view.area == "21"
    assert view == parse_flow_view(flow_view_to_query(view), codes=CODES)[0]


def test_flows_period_order() -> None:
    view, messages = parse_flows(**{"from": "2024-06", "to": "2024-01", "lang": "en"})
    assert (view.period_from, view.period_to) == ("2024-06", None)
    assert messages == [
        "This link was corrected: to='2024-01' does not fit from='2024-06' (earlier, or year against month); "
        "no end is used."
    ]
    assert parse_flows(**{"from": "2024", "to": "2025"})[1] == []


def test_flows_unavailable_dataset_is_one_more_note() -> None:
    view, messages = parse_flow_view({"dataset": "7", "top": "x", "lang": "en"}, codes=CODES, dataset_ids=[1, 2])
    assert view.dataset is None and view.top == 50
    assert len(messages) == 1
    assert "dataset='7': this dataset is not available" in messages[0] and "top='x'" in messages[0]
    assert parse_flow_view({"dataset": "2"}, codes=CODES, dataset_ids=[1, 2])[0].dataset == 2


def test_flows_unknown_key_and_long_city() -> None:
    view, messages = parse_flows(zoom="3", city="x" * 500, lang="en")
    assert view.city == "x" * 120
    assert messages == [
        f"This link was corrected: the key 'zoom' is not one of this page's (known keys: {', '.join(FLOW_QUERY_KEYS)}); "
        "it is ignored."
    ]


def test_both_pages_agree_on_periods() -> None:
    # Issue #9.3: the Flows page accepted from=2024-13 while the Map page refused period=2024-13.
    for text in ["2024-13", "2024-1", "2024-03-01", "٢٠٢٤"]:
        assert parse(period=text)[0].period is None
        assert parse_flows(**{"from": text})[0].period_from is None
    for text in ["2024", "2024-03"]:
        assert parse(period=text)[0].period == text
        assert parse_flows(**{"from": text})[0].period_from == text


def test_flow_view_aggregate_options() -> None:
    options = FlowView(area="21", city="Johor Bahru", top=7).aggregate_options()
    assert options["within"] == "21" and options["destination_cities"] == ["Johor Bahru"] and options["top"] == 7
