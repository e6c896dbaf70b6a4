"""Destination text in Indonesian and English → places; unknown text is kept, never dropped."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from geo.data.gazetteer import (
    Place,
    Unresolved,
    capital_of,
    country_label,
    normalize_name,
    resolve_country,
    resolve_frame,
    resolve_place,
)

# (city, country) -> expected (ISO country, place name in English, precision)
CITY_TABLE = [
    ("Phnom Penh", "Kamboja", "KH", "Phnom Penh", "city"),
    ("phnom penh", "Cambodia", "KH", "Phnom Penh", "city"),
    ("Sihanoukville", None, "KH", "Sihanoukville", "city"),
    ("Preah Sihanouk", "Kamboja", "KH", "Sihanoukville", "city"),
    ("Kampong Som", None, "KH", "Sihanoukville", "city"),
    ("Bavet", "Kamboja", "KH", "Bavet", "city"),
    ("Poipet", None, "KH", "Poipet", "city"),
    ("Paoy Paet", "Cambodia", "KH", "Poipet", "city"),
    ("Myawaddy", "Myanmar", "MM", "Myawaddy", "city"),
    ("Myawadi", None, "MM", "Myawaddy", "city"),
    ("Shwe Kokko", "Myanmar", "MM", "Shwe Kokko", "city"),
    ("KK Park", None, "MM", "KK Park", "city"),
    ("Golden Triangle SEZ", "Laos", "LA", "Golden Triangle SEZ", "city"),
    ("Segitiga Emas", None, "LA", "Golden Triangle SEZ", "city"),
    ("Mae Sot", "Thailand", "TH", "Mae Sot", "city"),
    ("Manila", "Filipina", "PH", "Manila", "city"),
    ("Bamban", "Philippines", "PH", "Bamban", "city"),
    ("Johor Bahru", "Malaysia", "MY", "Johor Bahru", "city"),
    ("Johor Baru", None, "MY", "Johor Bahru", "city"),
    ("JB", "Malaysia", "MY", "Johor Bahru", "city"),
    ("Kuala Lumpur", None, "MY", "Kuala Lumpur", "city"),
    ("Tawau", None, "MY", "Tawau", "city"),
    ("Kuching", "Malaysia", "MY", "Kuching", "city"),
    ("Singapore", None, "SG", "Singapore", "city"),
    ("Singapura", "Singapura", "SG", "Singapore", "city"),
    ("Batam", None, "ID", "Batam", "city"),
    ("Tanjung Pinang", None, "ID", "Tanjung Pinang", "city"),
    ("Tanjungpinang", "Indonesia", "ID", "Tanjung Pinang", "city"),
    ("Nunukan", None, "ID", "Nunukan", "city"),
    ("Entikong", None, "ID", "Entikong", "city"),
    ("Dumai", None, "ID", "Dumai", "city"),
    ("Hongkong", None, "HK", "Hong Kong", "city"),
    ("Hong Kong", "Hong Kong", "HK", "Hong Kong", "city"),
    ("Taipei", "Taiwan", "TW", "Taipei", "city"),
    ("Jedah", "Arab Saudi", "SA", "Jeddah", "city"),
    ("Riyadh", "Saudi Arabia", "SA", "Riyadh", "city"),
    ("Seoul", "Korea Selatan", "KR", "Seoul", "city"),
    ("Osaka", "Jepang", "JP", "Osaka", "city"),
    ("Dubai", "Uni Emirat Arab", "AE", "Dubai", "city"),
    ("Bandar Seri Begawan", "Brunei Darussalam", "BN", "Bandar Seri Begawan", "city"),
    # spacing, case, accents and punctuation do not matter
    ("  PHNOM-PENH ", "kamboja", "KH", "Phnom Penh", "city"),
    ("Kota Johor Bahru", None, "MY", "Johor Bahru", "city"),
    ("Phnom Penh, Kamboja", None, "KH", "Phnom Penh", "city"),
]

COUNTRY_TABLE = [
    ("Kamboja", "KH", "Kamboja", "Cambodia"),
    ("Cambodia", "KH", "Kamboja", "Cambodia"),
    ("Arab Saudi", "SA", "Arab Saudi", "Saudi Arabia"),
    ("Saudi Arabia", "SA", "Arab Saudi", "Saudi Arabia"),
    ("Hongkong", "HK", "Hong Kong", "Hong Kong"),
    ("Hong Kong", "HK", "Hong Kong", "Hong Kong"),
    ("Korea Selatan", "KR", "Korea Selatan", "South Korea"),
    ("South Korea", "KR", "Korea Selatan", "South Korea"),
    ("Taiwan", "TW", "Taiwan", "Taiwan"),
    ("Malaysia", "MY", "Malaysia", "Malaysia"),
    ("Singapura", "SG", "Singapura", "Singapore"),
    ("Jepang", "JP", "Jepang", "Japan"),
    ("Japan", "JP", "Jepang", "Japan"),
    ("Brunei Darussalam", "BN", "Brunei Darussalam", "Brunei"),
    ("Uni Emirat Arab", "AE", "Uni Emirat Arab", "United Arab Emirates"),
    ("Filipina", "PH", "Filipina", "Philippines"),
    ("Thailand", "TH", "Thailand", "Thailand"),
    ("Thailan", "TH", "Thailand", "Thailand"),
    ("Myanmar", "MM", "Myanmar", "Myanmar"),
    ("Laos", "LA", "Laos", "Laos"),
    ("Belanda", "NL", "Belanda", "Netherlands"),
    ("Tiongkok", "CN", "Tiongkok", "China"),
    ("KHM", "KH", "Kamboja", "Cambodia"),
]


@pytest.mark.parametrize(("city", "country", "code", "name", "precision"), CITY_TABLE)
def test_cities_resolve_in_indonesian_and_english(city, country, code, name, precision):
    place = resolve_place(city, country)
    assert isinstance(place, Place), place
    assert (place.country_code, place.name, place.precision) == (code, name, precision)
    assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


@pytest.mark.parametrize(("text", "code", "label_id", "label_en"), COUNTRY_TABLE)
def test_countries_resolve_and_have_both_labels(text, code, label_id, label_en):
    assert resolve_country(text)[0] == code
    assert country_label(code, "id") == label_id
    assert country_label(code, "en") == label_en


@pytest.mark.parametrize(
    ("country", "capital", "lat", "lon"),
    [
        ("Kamboja", "Phnom Penh", 11.56, 104.93),
        ("Arab Saudi", "Riyadh", 24.69, 46.72),
        ("Taiwan", "Taipei", 25.05, 121.53),
        ("Hongkong", "Hong Kong", 22.28, 114.17),
        ("Malaysia", "Kuala Lumpur", 3.14, 101.69),
        ("Myanmar", "Nay Pyi Taw", 19.75, 96.13),
    ],
)
def test_country_without_city_is_its_capital_marked_as_country(country, capital, lat, lon):
    place = resolve_place(None, country)
    assert place.precision == "country"
    assert place.matched_by == "capital"
    assert place.name == capital
    assert place.lat == pytest.approx(lat, abs=0.05) and place.lon == pytest.approx(lon, abs=0.05)
    # labelled by the country, not the capital: a reader must not think the city is known
    assert place.label("id") == country_label(place.country_code, "id")


def test_country_point_and_city_point_coincide_for_capitals():
    """A "Kamboja" record and a "Phnom Penh" record meet at one point on the map."""
    country, city = resolve_place(None, "Kamboja"), resolve_place("Phnom Penh", None)
    assert (country.lat, country.lon) == (city.lat, city.lon)


@pytest.mark.parametrize(
    ("city", "country", "reason"),
    [
        ("Negeri Antah Berantah", None, "unknown_city"),
        ("Kampung Fiktif", "Narnia", "unknown_country"),
        (None, "Narnia", "unknown_country"),
        (None, None, "empty"),
        ("   ", "", "empty"),
        (float("nan"), None, "empty"),
    ],
)
def test_unknown_text_is_returned_as_unresolved_with_its_text(city, country, reason):
    result = resolve_place(city, country)
    assert isinstance(result, Unresolved)
    assert result.reason == reason
    if isinstance(city, str) and city.strip():
        assert result.city == city.strip()


def test_unknown_city_in_known_country_falls_back_to_capital_and_keeps_the_text():
    place = resolve_place("Kampung Entah", "Kamboja")
    assert isinstance(place, Place)
    assert place.precision == "country"
    assert place.unresolved_city == "Kampung Entah"
    assert place.country_code == "KH"


def test_a_city_named_in_another_country_is_not_borrowed():
    """ "Batam" with country Kamboja must not be placed in Indonesia."""
    place = resolve_place("Batam", "Kamboja")
    assert place.country_code == "KH" and place.precision == "country" and place.unresolved_city == "Batam"


def test_fuzzy_fallback_is_reported_in_matched_by():
    place = resolve_place("Sihanoukvile", None)
    assert place.name == "Sihanoukville"
    assert place.matched_by.startswith("fuzzy:")
    assert int(place.matched_by.split(":")[1]) >= 90
    swapped = resolve_place("Phnom Pehn", "Kamboja")  # a transposition
    assert swapped.name == "Phnom Penh" and swapped.precision == "city" and swapped.matched_by.startswith("fuzzy:")


def test_short_names_are_never_fuzzy_matched():
    """ "Batem" is one letter from Batam, but five letters leave too many near neighbours."""
    assert resolve_place("Batem", None) == Unresolved("Batem", None, "unknown_city")
    assert resolve_place("Bavot", None) == Unresolved("Bavot", None, "unknown_city")
    assert resolve_place("Kuchng", None).name == "Kuching"  # six letters: fuzzy is allowed


def test_explicit_coordinates_override_the_lookup():
    place = resolve_place("Phnom Penh", "Kamboja", lat=11.0, lon=105.0)
    assert (place.lat, place.lon, place.precision, place.matched_by) == (11.0, 105.0, "coordinates", "coordinates")
    assert place.name == "Phnom Penh" and place.country_code == "KH"
    unnamed = resolve_place("Pos Lintas 7", None, lat="16.6", lon="98.6")
    assert unnamed.name == "Pos Lintas 7" and unnamed.precision == "coordinates"
    assert resolve_place(None, None, lat=91, lon=0).reason == "bad_coordinates"
    assert resolve_place(None, None, lat=10, lon=None).reason == "bad_coordinates"


def test_normalize_name_ignores_case_accents_spacing_punctuation():
    assert normalize_name("Hong Kong") == normalize_name("HONGKONG") == normalize_name("hong-kong")
    assert normalize_name("Tanjung Pinang") == normalize_name("Tanjungpinang")
    assert normalize_name("Shwe Kökko") == "shwekokko"


def test_iso_codes_only_in_capitals():
    assert resolve_country("MY") == ("MY", "iso")
    assert resolve_country("my") is None or resolve_country("my")[1] != "iso"


def test_capital_of_every_country_in_the_region_exists():
    for code in (
        "KH",
        "MM",
        "LA",
        "TH",
        "MY",
        "SG",
        "BN",
        "PH",
        "VN",
        "TL",
        "HK",
        "MO",
        "TW",
        "KR",
        "JP",
        "SA",
        "AE",
        "QA",
    ):
        capital = capital_of(code)
        assert capital is not None and capital.precision == "country", code


def test_resolve_frame_adds_columns_and_keeps_every_row():
    rows = pd.DataFrame(
        {
            "destination_city": ["Phnom Penh", "Negeri Antah Berantah", None, "Pos 7", "phnom penh"],
            "destination_country": ["Kamboja", None, "Taiwan", None, "kamboja"],
            "destination_lat": [np.nan, np.nan, np.nan, 16.6, np.nan],
            "destination_lon": [np.nan, np.nan, np.nan, 98.6, np.nan],
        },
        index=[10, 11, 12, 13, 14],
    )
    resolved = resolve_frame(rows)
    assert list(resolved.index) == [10, 11, 12, 13, 14]
    assert resolved["dest_name"].tolist()[0] == "Phnom Penh" and resolved.loc[14, "dest_name"] == "Phnom Penh"
    assert resolved.loc[11, "dest_problem"] == "unknown_city" and math.isnan(resolved.loc[11, "dest_lat"])
    assert resolved.loc[12, "dest_precision"] == "country" and resolved.loc[12, "dest_country_code"] == "TW"
    assert resolved.loc[13, "dest_precision"] == "coordinates" and resolved.loc[13, "dest_lat"] == 16.6
    assert resolved["dest_problem"].isna().sum() == 4


def test_resolve_frame_with_missing_columns_and_another_prefix():
    resolved = resolve_frame(
        pd.DataFrame({"transit": ["Johor Baru", None]}),
        city_column="transit",
        country_column=None,
        lat_column=None,
        lon_column=None,
        prefix="transit_",
    )
    assert resolved["transit_name"].tolist()[0] == "Johor Bahru"
    assert resolved["transit_problem"].tolist()[1] == "empty"


@pytest.mark.parametrize(
    ("city", "country", "code"),
    [
        ("Taiwan", "Taiwan", "TW"),
        ("Malaysia", None, "MY"),
        ("Arab Saudi", "Saudi Arabia", "SA"),
        ("Kamboja", None, "KH"),
    ],
)
def test_a_country_written_as_city_is_that_country(city, country, code):
    place = resolve_place(city, country)
    assert (place.country_code, place.precision, place.unresolved_city) == (code, "country", None)


def test_a_city_written_in_the_country_column_is_still_placed():
    place = resolve_place(None, "Phnom Penh")
    assert (place.name, place.precision) == ("Phnom Penh", "city")
