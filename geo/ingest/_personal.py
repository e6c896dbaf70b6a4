"""Personal-data guard: find columns and cells that identify a person.

A column is personal when its header says so (``Nama``, ``NIK``, ``No HP``,
``Paspor``, ``Email``, ``Alamat`` …) or when enough of its values look like a
NIK (16 digits), a phone number, a passport number, an e-mail address, a street
address or a person's name. Such columns are dropped before anything is stored
and listed in the report. A single personal value in a column that is kept
(a phone number typed into "kota tujuan") rejects that row instead.

The search inside a cell (identifiers, titled names, masking) is :mod:`geo.data.personal`,
the one detector that saved views and stories use as well; its names used here are
re-exported.

Examples
--------
>>> frame = pd.DataFrame({"Nama": ["Siti Aminah"], "kode": ["21.71"], "HP": ["0812-3456-7890"]})
>>> [(found.column, found.kind) for found in personal_columns(frame)]
[('Nama', 'name'), ('HP', 'phone')]
>>> value_kind("3201010101010001"), value_kind("budi@example.org"), value_kind("Phnom Penh")
('nik', 'email', None)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from geo.data.personal import cell_kind as cell_kind
from geo.data.personal import identifier_kind as identifier_kind
from geo.data.personal import looks_like_person_name as looks_like_person_name
from geo.data.personal import mask_digits as mask_digits
from geo.data.personal import mask_personal as mask_personal
from geo.data.personal import name_segments as name_segments
from geo.ingest.columns import normalize_header

KINDS: dict[str, str] = {
    "name": "people's names",
    "nik": "NIK (national identity numbers)",
    "phone": "phone numbers",
    "passport": "passport numbers",
    "email": "e-mail addresses",
    "address": "street addresses",
    "birth": "dates or places of birth",
}

# Header tokens that name personal data (normalised headers, see normalize_header).
_HEADER_PHRASES: tuple[tuple[str, str], ...] = (
    ("nik", "nik"), ("no ktp", "nik"), ("nomor ktp", "nik"), ("ktp", "nik"), ("nomor induk kependudukan", "nik"),
    ("no kk", "nik"), ("nomor kk", "nik"), ("kartu keluarga", "nik"), ("national id", "nik"), ("id number", "nik"),
    ("telepon", "phone"), ("telp", "phone"), ("tlp", "phone"), ("no hp", "phone"), ("nomor hp", "phone"),
    ("hp", "phone"), ("handphone", "phone"), ("phone", "phone"), ("whatsapp", "phone"), ("wa", "phone"),
    ("mobile", "phone"), ("kontak", "phone"), ("contact", "phone"),
    ("paspor", "passport"), ("passport", "passport"), ("no paspor", "passport"),
    ("email", "email"), ("e mail", "email"), ("surel", "email"),
    ("alamat", "address"), ("address", "address"), ("jalan", "address"), ("rt rw", "address"), ("street", "address"),
    ("tanggal lahir", "birth"), ("tgl lahir", "birth"), ("tempat lahir", "birth"), ("date of birth", "birth"),
    ("dob", "birth"), ("ttl", "birth"), ("birth", "birth"), ("lahir", "birth"),
)
# "nama" is personal unless the header names an area, a place or an organisation.
_NAME_HEADER_WORDS = {"nama", "name", "korban", "pelapor", "pmi", "pekerja", "tersangka", "pelaku", "victim",
                      "worker", "person", "orang", "lengkap", "full"}
_NOT_A_PERSON = {
    "desa", "kelurahan", "kel", "kecamatan", "kec", "kabupaten", "kab", "kota", "provinsi", "prov", "wilayah",
    "daerah", "negara", "tujuan", "transit", "village", "district", "regency", "province", "city", "country",
    "area", "destination", "perusahaan", "p3mi", "pptkis", "agency", "company", "instansi", "kantor", "lokasi",
    "tempat", "bulan", "month", "jabatan", "pekerjaan", "sektor", "jumlah",
}
_NAME_ONLY_HEADERS = {"nama", "name", "nama lengkap", "full name", "korban", "pelapor", "pelaku", "tersangka"}

_NIK = re.compile(r"^\d{16}$")
_NIK_SCIENTIFIC = re.compile(r"^\d\.\d+[eE]\+15$")  # a NIK that went through Excel as a number
_PHONE = re.compile(r"^(?:\+?62|0)8\d{7,11}$|^\+\d{9,14}$")
_PASSPORT = re.compile(r"^[A-Z]{1,2}\d{6,7}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_ADDRESS = re.compile(
    r"\b(?:jl|jln|jalan|gg|gang|street|road)\b\.?\s+\S+.*\d|\brt\.?\s*0*\d+\s*/\s*rw\.?\s*0*\d+|\brt\s*\d+\s+rw\s*\d+",
    re.IGNORECASE,
)
_PHONE_JUNK = re.compile(r"[\s\-().]")
# Very common Indonesian given names and name particles: a column full of them holds names.
_PERSON_TOKENS = {
    "bin", "binti", "muhammad", "muhamad", "mohammad", "moh", "mochamad", "ahmad", "achmad", "siti", "nur", "sri",
    "dewi", "agus", "budi", "putri", "rina", "andi", "abdul", "dwi", "eko", "wahyu", "yuli", "rizki", "rahmat",
    "fitri", "nurul", "ika", "ayu", "indah", "lestari", "wati", "sari", "yanti", "susanti", "hidayat", "setiawan",
    "kurniawan", "saputra", "pratama", "rahayu", "wulandari", "ibu", "bapak", "sdr", "sdri", "tn", "ny",
}
_PERSON_FRACTION = 0.3
_PATTERN_FRACTION = 0.2
_SAMPLE = 2000


@dataclass(frozen=True)
class PersonalColumn:
    """A column dropped as personal data, with how it was recognised."""

    column: str
    kind: str
    evidence: str  # "header" or "content"

    def describe(self) -> str:
        """One line for the report.

        Examples
        --------
        >>> PersonalColumn("NIK", "nik", "header").describe()
        "'NIK': NIK (national identity numbers), recognised by its header"
        """
        how = "its header" if self.evidence == "header" else "its content"
        return f"{self.column!r}: {KINDS[self.kind]}, recognised by {how}"

    def describe_in(self, language: str) -> str:
        """:meth:`describe` in a UI language (``"id"`` or ``"en"``), for the Data page.

        Examples
        --------
        >>> PersonalColumn("No HP", "phone", "content").describe_in("id")
        "'No HP': nomor telepon, dikenali dari isinya"
        >>> nik = PersonalColumn("NIK", "nik", "header")
        >>> nik.describe_in("en") == nik.describe()
        True
        """
        from geo.i18n import t  # imported here: geo.i18n loads every strings module

        return t("ingest_reason.personal_column", language, column=self.column,
                 kinds=t(f"ingest_reason.kind.{self.kind}", language),
                 how=t(f"ingest_reason.evidence.{self.evidence}", language))


def header_kind(header: str) -> str | None:
    """The kind of personal data a header names, if any.

    Examples
    --------
    >>> header_kind("Nama Lengkap"), header_kind("Nama Desa"), header_kind("No. HP"), header_kind("Jumlah")
    ('name', None, 'phone', None)
    """
    key = normalize_header(header)
    tokens = key.split()
    padded = f" {key} "
    for phrase, kind in _HEADER_PHRASES:
        if f" {phrase} " in padded:
            if kind == "address" and {"tujuan", "negara", "destination"} & set(tokens):
                continue
            return kind
    if key in _NAME_ONLY_HEADERS:
        return "name"
    if ("nama" in tokens or "name" in tokens) and not (set(tokens) & _NOT_A_PERSON):
        return "name"
    if set(tokens) & {"korban", "pelaku", "tersangka", "pelapor"} and "nama" in tokens:
        return "name"
    return None


def value_kind(value: object) -> str | None:
    """Kind of personal data one cell holds (``nik``, ``phone``, ``passport``, ``email``, ``address``) or ``None``.

    Examples
    --------
    >>> [value_kind(v) for v in ("+62 812 3456 7890", "B1234567", "Jl. Merdeka No. 5", "RT 02/RW 03", "2171011001")]
    ['phone', 'passport', 'address', 'address', None]
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    compact = _PHONE_JUNK.sub("", text)
    if _NIK.match(compact) or _NIK_SCIENTIFIC.match(text):
        return "nik"
    if _PHONE.match(compact):
        return "phone"
    if _PASSPORT.match(text.upper()) and text[0].isalpha():
        return "passport"
    if "@" in text and _EMAIL.match(text):
        return "email"
    if _ADDRESS.search(text):
        return "address"
    return None


def _looks_like_person(text: str) -> bool:
    tokens = re.findall(r"[a-z]+", text.lower())
    return 1 <= len(tokens) <= 6 and any(token in _PERSON_TOKENS for token in tokens)


def content_kind(values: pd.Series, *, names_possible: bool = True) -> str | None:
    """The kind of personal data a column holds judging by its values (a sample), or ``None``.

    ``names_possible=False`` skips the person-name test (area-name and destination
    columns, where "Sri Mulya" is a village, not a woman).
    """
    sample = values.dropna()
    sample = sample[sample.astype("str").str.strip() != ""]
    if sample.empty:
        return None
    if len(sample) > _SAMPLE:
        sample = sample.sample(_SAMPLE, random_state=0)
    texts = [str(value) for value in sample]
    kinds = pd.Series([value_kind(text) for text in texts], dtype=object)
    counts = kinds.value_counts()
    if not counts.empty and counts.iloc[0] / len(texts) >= _PATTERN_FRACTION:
        return str(counts.index[0])
    if names_possible:
        letters_only = [text for text in texts if not any(character.isdigit() for character in text)]
        if letters_only and sum(_looks_like_person(text) for text in letters_only) / len(texts) >= _PERSON_FRACTION:
            return "name"
    return None


def personal_columns(frame: pd.DataFrame, mapping: dict[str, str] | None = None) -> list[PersonalColumn]:
    """Every column of ``frame`` that holds personal data (header first, then content).

    ``mapping`` (column -> field) tells which columns are area names or places, where
    person-name content is not looked for.
    """
    mapping = mapping or {}
    place_fields = {"province_name", "regency_name", "district_name", "village_name", "destination_country",
                    "destination_city", "transit"}
    found: list[PersonalColumn] = []
    for column in frame.columns:
        kind = header_kind(column)
        if kind is not None:
            found.append(PersonalColumn(column, kind, "header"))
            continue
        if mapping.get(column) in ("count", "year", "month", "sex", "procedural"):
            continue  # parsed into whitelisted values; a phone number there fails parsing anyway
        kind = content_kind(frame[column], names_possible=mapping.get(column) not in place_fields)
        if kind is not None:
            found.append(PersonalColumn(column, kind, "content"))
    return found


def personal_cells(values: pd.Series) -> pd.Series:
    """Kind of personal data in each cell (``None`` where none); for columns that are kept."""
    uniques = values.dropna().unique()
    lookup = {value: value_kind(value) for value in uniques}
    return pd.Series([lookup.get(value) if not pd.isna(value) else None for value in values],
                     index=values.index, dtype=object)


# --- personal data inside a kept cell -------------------------------------------------

CELL_EXCERPT_CHARS = 24
"""Longest excerpt of a cell that a reason may quote (after masking digit runs)."""
IDENTIFIER_DIGITS = 10
"""A count with this many digits or more is an identifier (NIK, phone, account number), not a count."""


def place_cell_kind(value: object) -> str | None:
    """:func:`cell_kind` for a destination or transit cell: a bare name counts only if no gazetteer knows it.

    "Phnom Penh" and "Johor Bahru" look like two capitalised words, as do people's names;
    :mod:`geo.data.gazetteer` tells them apart.

    Examples
    --------
    >>> place_cell_kind("Batam via Ratna Kusumawardhani"), place_cell_kind("Phnom Penh"), place_cell_kind("Arab Saudi")
    ('name', None, None)
    """
    kind = cell_kind(value, names=False)
    if kind is not None or not isinstance(value, str):
        return kind
    for segment in name_segments(value):
        if looks_like_person_name(segment) and not _known_place(segment):
            return "name"
    return None


def _known_place(text: str) -> bool:
    from geo.data.gazetteer import Place, resolve_country, resolve_place

    return resolve_country(text) is not None or isinstance(resolve_place(text, None), Place)


def describe_cell(value: object) -> str:
    """A short, masked excerpt of a cell for a reason: at most ``CELL_EXCERPT_CHARS`` characters.

    Personal data is replaced by :func:`mask_personal`; other text has its long digit runs
    masked and is cut to the limit, so that no reason (and no stored report) repeats a cell.

    Examples
    --------
    >>> describe_cell("banyak"), describe_cell("2023 NIK 3174999988887777")
    ('banyak', 'NIK 3174…7777')
    >>> describe_cell("x" * 100)
    'xxxxxxxxxxxxxxxxxxxxxxx…'
    """
    text = re.sub(r"\s+", " ", str(value)).strip()
    kind = cell_kind(text, names=False)  # bare names ("Suka Maju") are judged by the callers, who know the column
    if kind is not None:
        return mask_personal(kind, text)[:CELL_EXCERPT_CHARS]
    text = mask_digits(text)
    return text if len(text) <= CELL_EXCERPT_CHARS else text[: CELL_EXCERPT_CHARS - 1] + "…"


def describe_kinds(kinds: Iterable[str]) -> str:
    """``["nik", "phone"]`` -> ``"NIK (national identity numbers), phone numbers"``."""
    return ", ".join(KINDS[kind] for kind in kinds)
