"""What each column means (header recognition) and how its values are parsed.

Headers are compared after :func:`normalize_header` (lower case, punctuation and
repeated spaces removed), so ``Kode_Desa``, ``KODE DESA`` and ``kode-desa`` are one header.

Examples
--------
>>> detect_mapping(["Kode Wilayah", "Nama Desa/Kelurahan", "TAHUN", "Jumlah PMI"])
{'Kode Wilayah': 'area_code', 'Nama Desa/Kelurahan': 'village_name', 'TAHUN': 'year', 'Jumlah PMI': 'count'}
>>> parse_number("1.234,5", "id"), parse_number("1,234.5", "en")
(1234.5, 1234.5)
>>> parse_period("Januari 2023"), parse_period("15/03/2024"), parse_period("2023")
('2023-01', '2024-03', '2023')
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from geo.errors import InputFileError

FIELDS: dict[str, str] = {
    "area_code": "Kemendagri code of the area (village, district, regency or province)",
    "province_name": "province name (provinsi)",
    "regency_name": "regency/city name (kabupaten/kota)",
    "district_name": "district name (kecamatan)",
    "village_name": "village name (desa/kelurahan)",
    "period": "period: year, year-month or a date",
    "year": "year (tahun)",
    "month": "month (bulan), combined with the year",
    "date": "date (tanggal); stored as year-month",
    "count": "number of people (jumlah)",
    "destination_country": "destination country (negara tujuan)",
    "destination_city": "destination city (kota tujuan)",
    "transit": "transit place",
    "sex": "sex (jenis kelamin): L/P, male/female",
    "procedural": "procedural (prosedural) or not",
}
"""Fields a column can be mapped to; ``ignore`` (or ``-``) leaves a column out."""

IGNORE = "ignore"
NAME_FIELDS: tuple[str, ...] = ("province_name", "regency_name", "district_name", "village_name")
NUMBER_FORMATS: dict[str, str] = {
    "id": "Indonesian: 1.234 and 1.234,5",
    "en": "English: 1,234 and 1,234.5",
}

# Normalised headers, most specific first within a field. Exact matches win over
# the token rules below.
_HEADERS: dict[str, tuple[str, ...]] = {
    "area_code": (
        "kode wilayah", "kode desa", "kode kelurahan", "kode desa kelurahan", "kode kel", "kode kel desa",
        "kd desa", "kd kel", "kode", "kode bps", "kode kemendagri", "village code", "area code", "code",
        "kode kecamatan", "kode kec", "kode kabupaten", "kode kab", "kode kota", "kode kab kota",
        "kode kabupaten kota", "kode provinsi", "kode prov", "district code", "regency code", "province code",
        "kode daerah asal", "kode asal", "origin code",
    ),
    "village_name": (
        "nama desa", "nama kelurahan", "nama desa kelurahan", "nama kel desa", "desa", "kelurahan",
        "desa kelurahan", "kelurahan desa", "desa kel", "kel desa", "kel", "village", "village name",
        "desa asal", "kelurahan asal",
    ),
    "district_name": ("nama kecamatan", "kecamatan", "kec", "district", "district name", "kecamatan asal"),
    "regency_name": (
        "nama kabupaten", "nama kota", "nama kabupaten kota", "kabupaten", "kabupaten kota", "kab kota",
        "kota kabupaten", "kab", "kota", "regency", "regency city", "regency name", "city regency",
        "kabupaten asal", "kab kota asal", "daerah asal", "asal",
    ),
    "province_name": ("nama provinsi", "provinsi", "prov", "propinsi", "province", "province name", "provinsi asal"),
    "period": ("periode", "period", "bulan tahun", "month year", "year month", "tahun bulan"),
    "year": ("tahun", "year", "thn"),
    "month": ("bulan", "month", "bln"),
    "date": (
        "tanggal", "tgl", "date", "tanggal kejadian", "tanggal keberangkatan", "tgl keberangkatan",
        "tanggal berangkat", "tgl berangkat", "tanggal kasus", "tanggal laporan", "tanggal pemulangan",
        "waktu", "waktu kejadian", "date of departure", "departure date", "incident date", "report date",
    ),
    "count": (
        "jumlah", "jumlah pmi", "jml", "jml pmi", "count", "total", "jumlah korban", "korban", "victims",
        "number of victims", "jumlah penempatan", "penempatan", "placements", "number", "n", "nilai", "value",
        "jumlah orang", "jumlah pekerja migran", "pmi",
    ),
    "destination_country": (
        "negara tujuan", "negara penempatan", "negara", "destination country", "country", "destination",
        "tujuan", "country of destination", "negara tujuan penempatan",
    ),
    "destination_city": (
        "kota tujuan", "destination city", "city of destination", "kota negara tujuan", "lokasi tujuan",
        "kota penempatan", "city",
    ),
    "transit": ("transit", "kota transit", "negara transit", "tempat transit", "transit via", "via", "melalui",
                "transit point", "lokasi transit"),
    "sex": ("jenis kelamin", "jk", "kelamin", "sex", "gender", "l p", "jenis kelamin l p"),
    "procedural": (
        "prosedural", "procedural", "status prosedural", "prosedural non prosedural", "jalur", "jalur keberangkatan",
        "status keberangkatan", "procedural status", "non prosedural", "prosedural nonprosedural",
    ),
}
_EXACT: dict[str, str] = {header: field for field, headers in _HEADERS.items() for header in headers}

# Priority of code columns when a file has several (the most specific is the area).
_CODE_LEVEL_WORDS: tuple[tuple[str, ...], ...] = (
    ("desa", "kel", "kelurahan", "village", "wilayah", "kemendagri", "bps", "asal", "origin", "area"),
    ("kec", "kecamatan", "district"),
    ("kab", "kabupaten", "kota", "regency", "city"),
    ("prov", "provinsi", "province"),
)


def normalize_header(header: str) -> str:
    """Lower case, accents and punctuation removed, single spaces.

    Examples
    --------
    >>> normalize_header("  Kode_Desa/Kel. ")
    'kode desa kel'
    >>> normalize_header("Jumlah (PMI)")
    'jumlah pmi'
    """
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^0-9a-z]+", " ", text.lower())
    return " ".join(text.split())


def _guess_field(header: str) -> str | None:
    key = normalize_header(header)
    if key in _EXACT:
        return _EXACT[key]
    tokens = key.split()
    if not tokens:
        return None
    if tokens[0] in ("kode", "kd", "code") or "code" in tokens or "kode" in tokens:
        return "area_code"
    if {"jumlah", "jml", "total", "count"} & set(tokens):
        return "count"
    if "tujuan" in tokens or "destination" in tokens:
        return "destination_city" if {"kota", "city"} & set(tokens) else "destination_country"
    if "transit" in tokens:
        return "transit"
    if "kelamin" in tokens or "gender" in tokens:
        return "sex"
    if any(token.startswith("prosedural") or token == "procedural" for token in tokens):
        return "procedural"
    if {"tanggal", "tgl", "date"} & set(tokens):
        return "date"
    return None


def _code_rank(header: str) -> int:
    tokens = set(normalize_header(header).split())
    for rank, words in enumerate(_CODE_LEVEL_WORDS):
        if tokens & set(words):
            return rank
    return 0


def detect_mapping(headers: Iterable[str]) -> dict[str, str]:
    """Guess the field of each header; each field is given to one column at most.

    With several code columns the most specific (village before district …) is the
    area code; the others stay unmapped (they are not needed once the area is known).

    Examples
    --------
    >>> detect_mapping(["kode_kab", "kode_desa", "desa", "jml"])
    {'kode_desa': 'area_code', 'desa': 'village_name', 'jml': 'count'}
    >>> detect_mapping(["Negara Tujuan", "Kota Tujuan", "JK", "Prosedural"])
    {'Negara Tujuan': 'destination_country', 'Kota Tujuan': 'destination_city', 'JK': 'sex', 'Prosedural': 'procedural'}
    """
    headers = list(headers)
    guesses = {header: _guess_field(header) for header in headers}
    mapping: dict[str, str] = {}
    code_columns = [header for header in headers if guesses[header] == "area_code"]
    if code_columns:
        mapping[min(code_columns, key=lambda header: (_code_rank(header), headers.index(header)))] = "area_code"
    taken = {"area_code"} if code_columns else set()
    for header in headers:
        field = guesses[header]
        if field is None or field == "area_code" or field in taken:
            continue
        mapping[header] = field
        taken.add(field)
    return {header: mapping[header] for header in headers if header in mapping}


def parse_field_name(text: str) -> str:
    """A field name given by a user (``count``, ``jumlah``, ``-``) -> canonical field or ``ignore``."""
    key = normalize_header(text).replace(" ", "_")
    if key in ("", "ignore", "abaikan", "none", "skip") or text.strip() == "-":
        return IGNORE
    if key in FIELDS:
        return key
    guessed = _EXACT.get(normalize_header(text))
    if guessed:
        return guessed
    raise InputFileError(
        f"Unknown field {text!r} in the column mapping. Use one of: {', '.join(FIELDS)}, or 'ignore'.",
        key="file_error.unknown_field", values={"field": text, "fields": ", ".join(FIELDS)},
    )


def apply_overrides(headers: list[str], detected: Mapping[str, str],
                    overrides: Mapping[str, str] | None) -> dict[str, str]:
    """Combine a detected mapping with the user's ``{column: field}`` corrections.

    A column the user maps to a field takes that field away from any other column;
    mapping a column to ``ignore`` leaves it out.

    Examples
    --------
    >>> apply_overrides(["a", "b"], {"a": "count"}, {"b": "count"})
    {'b': 'count'}
    >>> apply_overrides(["a", "b"], {"a": "count"}, {"a": "ignore"})
    {}
    """
    mapping = dict(detected)
    for column, field in (overrides or {}).items():
        if column not in headers:
            matches = [header for header in headers if normalize_header(header) == normalize_header(column)]
            if len(matches) != 1:
                raise InputFileError(
                    f"The mapping names a column {column!r} that the file does not have; columns: "
                    f"{', '.join(headers)}.",
                    key="file_error.unknown_column", values={"column": column, "columns": ", ".join(headers)},
                )
            column = matches[0]
        field = parse_field_name(field)
        if field == IGNORE:
            mapping.pop(column, None)
            continue
        for other in [other for other, other_field in mapping.items() if other_field == field]:
            del mapping[other]
        mapping[column] = field
    return {header: mapping[header] for header in headers if header in mapping}


def parse_mapping_options(options: Iterable[str]) -> dict[str, str]:
    """``["Jumlah PMI=count", "Nama=ignore"]`` (CLI ``--map``) -> ``{column: field}``.

    Examples
    --------
    >>> parse_mapping_options(["Jumlah PMI=count"])
    {'Jumlah PMI': 'count'}
    """
    result: dict[str, str] = {}
    for option in options:
        column, separator, field = option.rpartition("=")
        if not separator or not column.strip():
            raise InputFileError(f"--map {option!r}: write COLUMN=FIELD, for example --map 'Jumlah PMI=count'.",
                                 key="file_error.map_option", values={"option": option})
        result[column.strip()] = field.strip()
    return result


# --- numbers -----------------------------------------------------------------

_ID_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")
_EN_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f']")


def detect_number_format(values: Iterable[object], default: str = "id") -> str:
    """``"id"`` or ``"en"``: the format the number cells of a file are written in.

    Evidence: a decimal comma or dotted thousands (``1.234.567``, ``1.234,5``) is
    Indonesian; comma thousands or a decimal point after them is English. A lone
    ``1.234`` counts as Indonesian thousands (counts are whole numbers), a lone
    ``2.5`` or ``1,5`` decides by its separator.

    Examples
    --------
    >>> detect_number_format(["12", "1.234", "7"])
    'id'
    >>> detect_number_format(["12", "1,234", "3.5"])
    'en'
    >>> detect_number_format(["12", "7"], default="en")
    'en'
    """
    votes = {"id": 0, "en": 0}
    for value in values:
        if not isinstance(value, str):
            continue
        text = _SPACES.sub("", value)
        if not text or not any(character.isdigit() for character in text):
            continue
        if "." in text and "," in text:
            votes["id" if text.rfind(",") > text.rfind(".") else "en"] += 1
        elif "," in text:
            groups = text.lstrip("+-").split(",")
            thousands = len(groups) > 2 or (len(groups) == 2 and len(groups[1]) == 3 and groups[0] != "0")
            votes["en" if thousands else "id"] += 1
        elif "." in text:
            groups = text.lstrip("+-").split(".")
            thousands = len(groups) > 2 or (len(groups) == 2 and len(groups[1]) == 3 and groups[0] != "0")
            votes["id" if thousands else "en"] += 1
    if votes["id"] == votes["en"]:
        return default
    return "id" if votes["id"] > votes["en"] else "en"


def parse_number(text: object, number_format: str) -> float | None:
    """Parse one number in the given format; ``None`` when it is not a number.

    Examples
    --------
    >>> parse_number("1.234", "id"), parse_number("1.234", "en")
    (1234.0, 1.234)
    >>> parse_number("12 345", "en"), parse_number("abc", "en")
    (12345.0, None)
    """
    parsed = parse_numbers(pd.Series([text], dtype=object), number_format)
    value = parsed.iloc[0]
    return None if pd.isna(value) else float(value)


def parse_numbers(values: pd.Series, number_format: str) -> pd.Series:
    """Vectorised :func:`parse_number`: float Series, ``NaN`` where not a number (or empty)."""
    text = values.astype("str").str.replace(_SPACES, "", regex=True)
    if number_format == "id":
        valid = text.str.fullmatch(_ID_NUMBER).fillna(False).astype(bool)
        cleaned = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    elif number_format == "en":
        valid = text.str.fullmatch(_EN_NUMBER).fillna(False).astype(bool)
        cleaned = text.str.replace(",", "", regex=False)
    else:
        raise InputFileError(f"Unknown number format {number_format!r}; use 'id' or 'en'.",
                             key="file_error.number_format_short", values={"number_format": number_format})
    numbers = pd.to_numeric(cleaned.where(valid), errors="coerce")
    return numbers.astype(float)


# --- periods -------------------------------------------------------------------

_MONTHS: dict[str, int] = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "february": 2, "feb": 2, "pebruari": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}
_YEAR_RANGE = range(1990, 2101)


def _year(text: str) -> int | None:
    if text.isdigit() and len(text) == 4 and int(text) in _YEAR_RANGE:
        return int(text)
    return None


def _month(text: str) -> int | None:
    if text.isdigit() and 1 <= int(text) <= 12 and len(text) <= 2:
        return int(text)
    return _MONTHS.get(text.lower().rstrip("."))


def _check_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def parse_period(value: object) -> str | None:
    """A year (``"2023"``) or year-month (``"2023-01"``) from the many ways people write them.

    Dates keep only their month (a day adds nothing to a map and helps identify a person).
    Numeric dates are read day first (``15/03/2024``), as written in Indonesia.
    Returns ``None`` when the text is not a period.

    Examples
    --------
    >>> [parse_period(v) for v in ("2023-01", "01/2023", "Jan-23", "2024-03-15 00:00:00", "Mei 2024", "13/2023")]
    ['2023-01', '2023-01', '2023-01', '2024-03', '2024-05', None]
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value).strip()
    if not text:
        return None
    text = re.sub(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", text).strip()
    parts = [part for part in re.split(r"[\s/\-.,_]+", text) if part]
    if len(parts) == 1:
        return _period_of_one(parts[0])
    if len(parts) == 2:
        return _period_of_two(parts[0], parts[1])
    if len(parts) == 3:
        return _period_of_three(parts[0], parts[1], parts[2])
    return None


def _period_of_one(part: str) -> str | None:
    """``2023``, ``202301`` or ``20230115``."""
    if (year := _year(part)) is not None:
        return f"{year}"
    if re.fullmatch(r"\d{6}", part) and _year(part[:4]) and _month(part[4:]):
        return f"{part[:4]}-{int(part[4:]):02d}"  # 202301
    if re.fullmatch(r"\d{8}", part) and _year(part[:4]) and _check_day(int(part[:4]), int(part[4:6]), int(part[6:])):
        return f"{part[:4]}-{part[4:6]}"  # 20230115
    return None


def _period_of_two(first: str, second: str) -> str | None:
    """``2023 01``, ``Januari 2023`` or ``Jan-23``."""
    if (year := _year(first)) is not None and (month := _month(second)) is not None:
        return f"{year}-{month:02d}"
    if (year := _year(second)) is not None and (month := _month(first)) is not None:
        return f"{year}-{month:02d}"
    if second.isdigit() and len(second) == 2 and first.isalpha() and (month := _month(first)) is not None:
        return f"{2000 + int(second)}-{month:02d}"  # Jan-23 (Excel's short month format)
    return None


def _period_of_three(first: str, second: str, third: str) -> str | None:
    """``2023-01-15``, ``15/01/2023`` or ``15 Januari 2023``."""
    if (year := _year(first)) is not None:  # 2023-01-15
        month = _month(second)
        if month is not None and third.isdigit() and _check_day(year, month, int(third)):
            return f"{year}-{month:02d}"
        return None
    if (year := _year(third)) is not None and first.isdigit():  # 15/01/2023, 15 Januari 2023
        month = _month(second)
        if month is not None and _check_day(year, month, int(first)):
            return f"{year}-{month:02d}"
    return None


def parse_periods(values: pd.Series) -> pd.Series:
    """:func:`parse_period` over a Series, computed once per distinct value."""
    positions, distinct = pd.factorize(values, use_na_sentinel=True)
    parsed = np.array([*(parse_period(value) for value in distinct), None], dtype=object)  # last: missing
    return pd.Series(parsed[positions], index=values.index, dtype=object)


def combine_year_month(years: pd.Series, months: pd.Series) -> pd.Series:
    """``"2023"`` + ``"Januari"`` -> ``"2023-01"``; a year alone -> ``"2023"``; else ``None``.

    Examples
    --------
    >>> combine_year_month(pd.Series(["2023", "2023", "x"]), pd.Series(["Januari", None, "1"])).tolist()
    ['2023-01', '2023', None]
    """
    def combine(year_text: str, month_text: str) -> str | None:
        year = _year(year_text)
        if year is None:
            return None
        if not month_text:
            return f"{year}"
        month = _month(month_text)
        return f"{year}-{month:02d}" if month else None

    year_texts = years.astype("str").fillna("").str.strip()
    month_texts = months.astype("str").fillna("").str.strip()
    keys = year_texts + "\x00" + month_texts
    positions, distinct = pd.factorize(keys, use_na_sentinel=False)
    combined = np.array([combine(*str(key).split("\x00")) for key in distinct], dtype=object)
    return pd.Series(combined[positions], index=years.index, dtype=object)


# --- categorical values ----------------------------------------------------------

_SEX: dict[str, str] = {
    "l": "male", "lk": "male", "laki laki": "male", "laki": "male", "lakilaki": "male", "pria": "male",
    "m": "male", "male": "male", "man": "male", "men": "male",
    "p": "female", "pr": "female", "perempuan": "female", "wanita": "female", "w": "female",
    "f": "female", "female": "female", "woman": "female", "women": "female",
}
_PROCEDURAL: dict[str, bool] = {
    "prosedural": True, "procedural": True, "p": True, "ya": True, "y": True, "yes": True, "true": True,
    "1": True, "resmi": True, "legal": True, "regular": True, "reguler": True,
    "non prosedural": False, "nonprosedural": False, "np": False, "tidak": False, "t": False, "no": False,
    "n": False, "false": False, "0": False, "non procedural": False, "nonprocedural": False,
    "tidak prosedural": False, "ilegal": False, "illegal": False, "unprocedural": False, "non resmi": False,
}


def parse_sex(value: object) -> str | None:
    """``"male"``/``"female"``, or ``None`` when not recognised.

    Examples
    --------
    >>> parse_sex("L"), parse_sex("Perempuan"), parse_sex("x")
    ('male', 'female', None)
    """
    return _SEX.get(normalize_header(str(value)))


def parse_procedural(value: object) -> bool | None:
    """``True`` (procedural), ``False`` (non-procedural) or ``None`` when not recognised.

    Examples
    --------
    >>> parse_procedural("Non-Prosedural"), parse_procedural("ya"), parse_procedural("?")
    (False, True, None)
    """
    return _PROCEDURAL.get(normalize_header(str(value)))


def clean_text(values: pd.Series, max_length: int = 120) -> pd.Series:
    """Collapse whitespace and cut overly long text (destination names)."""
    text = values.astype("str").str.replace(r"\s+", " ", regex=True).str.strip().str.slice(0, max_length)
    return text.mask(text == "").astype(object)
