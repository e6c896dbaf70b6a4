"""geo.web.viewstate: the view <-> URL query string, its corrections and messages (tiny code list)."""

from __future__ import annotations

import pytest

from geo.data.codes import CodeList
from geo.web.viewstate import (
    QUERY_KEYS,
    View,
    corrected_level,
    default_tiles,
    drill_down,
    levels_within,
    parse_view,
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


def parse(**query: str | list[str]) -> tuple[View, list[str]]:
    return parse_view(query, codes=CODES)


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
    assert len(messages) == 1
    assert messages[0].startswith(f"Level {'District' if level == 'district' else 'Village'} is not shown for all")
    assert "showing Regency/City" in messages[0]


def test_level_above_the_area_is_corrected_with_message() -> None:
    view, messages = parse(level="province", area="21.71")
    assert view == View(level="district", area="21.71")
    assert messages == ["Tingkat Provinsi tidak berada di bawah Kota Batam; menampilkan Kecamatan di Kota Batam."]

    view, messages = parse(level="regency", area="21.71.01", lang="en")
    assert view == View(level="village", area="21.71.01", lang="en")
    assert messages == ["Level Regency/City is not below Batam Kota; showing Village in Batam Kota."]


def test_village_as_area_shows_the_villages_of_its_district() -> None:
    view, messages = parse(area="2171011001", lang="en")
    assert view == View(level="village", area="21.71.01", lang="en")
    assert messages == ["Teluk Tering is a village; showing the villages of its district (Batam Kota)."]


def test_invalid_level_gives_message_and_national_view() -> None:
    view, messages = parse(level="foo", area="21")
    assert view == View()
    assert messages == ["Tingkat wilayah 'foo' tidak dikenal; menampilkan tampilan nasional."]
    view, messages = parse(level="foo", lang="en")
    assert messages == ["Unknown level 'foo'; showing the national view."]


@pytest.mark.parametrize("area", ["21.71.xx.1001", "abc", "2", "99999"])
def test_malformed_area_gives_message_and_national_view(area: str) -> None:
    view, messages = parse(area=area, level="regency", lang="en")
    assert view == View(level="regency", lang="en")
    assert messages == [
        f"Area code '{area}' in the URL is not valid (examples: 21, 21.71 or 2171); showing the national view."
    ]


def test_unknown_area_gives_message_and_national_view() -> None:
    view, messages = parse(area="21.99", level="district")
    assert view == View(level="regency")
    assert messages == [
        "Kode wilayah '21.99' tidak ada dalam daftar kode Kepmendagri 2025; menampilkan tampilan nasional."
    ]


def test_unknown_key_gives_message_and_national_view() -> None:
    view, messages = parse(level="village", area="21", zoom="7", lang="en")
    assert view == View(level="regency", lang="en")
    assert messages == [
        f"Unknown URL key 'zoom' (known keys: {', '.join(QUERY_KEYS)}); showing the national view."
    ]


def test_hostile_values_are_reported_not_used() -> None:
    hostile = "<img src=x onerror=alert(1)>"
    view, messages = parse(level=hostile)
    assert view == View()
    assert hostile in messages[0]  # shown with st.warning (Markdown, no HTML), never as raw HTML


def test_invalid_lang_and_tiles_reset_only_that_key() -> None:
    view, messages = parse(lang="fr", tiles="google", level="regency")
    assert view == View(level="regency", lang="id", tiles=None)
    assert messages == [
        "Bahasa 'fr' tidak tersedia (pilihan: id, en); memakai Bahasa Indonesia.",
        "Peta dasar 'google' tidak dikenal (pilihan: osm, carto, none); memakai bawaan.",
    ]


def test_repeated_key_uses_the_last_value_and_empty_values_are_absent() -> None:
    assert parse(level=["province", "regency"], area="") == (View(level="regency"), [])


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
    assert default_tiles() == "osm"
    monkeypatch.setenv("RISKMAP_TILES", "none")
    assert default_tiles() == "none"
    monkeypatch.setenv("RISKMAP_TILES", "bogus")
    assert default_tiles() == "osm"


def test_every_ui_string_has_both_languages_and_fills_its_placeholders() -> None:
    import string

    from geo.strings.ui import STRINGS

    for key, translations in STRINGS.items():
        assert key.startswith("ui."), key
        assert set(translations) == {"id", "en"}, key
        assert all(text.strip() for text in translations.values()), key
        fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in translations.values()]
        assert fields[0] == fields[1], f"{key}: placeholders differ between id and en"


# --------------------------------------------------------------------------- choropleth keys (issue 4)


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
        ("dataset", "abc", "datasets", None, "Dataset 'abc' in the URL is not valid"),
        ("dataset", "0", "datasets", None, "Dataset '0' in the URL is not valid"),
        ("indicator", "<img src=x onerror=alert(1)>", "indicator", None, "Unknown indicator"),
        ("measure", "delta", "measure", "value", "Unknown measure 'delta'"),
        ("period", "2024-13", "period", None, "Period '2024-13' in the URL is not valid"),
        ("period", "2024..2024-06", "period", None, "Period '2024..2024-06'"),
        ("period", "2025..2024", "period", None, "Period '2025..2024'"),
        ("scheme", "jenks", "scheme", "quantiles", "Unknown classification 'jenks'"),
        ("k", "2", "k", 5, "from 3 to 9"),
        ("k", "x", "k", 5, "from 3 to 9"),
        ("palette", "Rainbow", "palette", "YlOrRd", "Unknown colour palette 'Rainbow'"),
        ("breaks", "50,10", "breaks", None, "Class breaks '50,10'"),
        ("breaks", "a,b", "breaks", None, "Class breaks 'a,b'"),
        ("fixed", "maybe", "fixed", False, "fixed='maybe'"),
        ("scheme", "user_defined", "scheme", "quantiles", "need the URL key breaks"),
    ],
)
def test_an_invalid_choropleth_key_gives_a_message_and_only_it_falls_back(
    key: str, value: str, field: str, default: object, fragment: str
) -> None:
    view, messages = parse(**{"level": "regency", "area": "21", "palette": "Blues", "lang": "en", key: value})
    assert len(messages) == 1 and fragment in messages[0], messages
    assert getattr(view, field) == default
    # the rest of the view is kept
    assert (view.level, view.area) == ("regency", "21")
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
