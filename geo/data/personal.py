"""Personal data inside free text: NIK, phone numbers, e-mail, passport numbers and titled names, masked.

The one detector for text that people type: the upload guard (:mod:`geo.ingest`, every kept
cell) and saved views and stories (:mod:`geo.data.views`, every title, note and caption) both
call it, so a value refused in one place is refused in the other. It lives in ``geo.data``
because both layers may import from here; it knows nothing of tables, columns or pandas.

* :func:`identifier_kind` — a NIK (16 digits, also spaced or dotted), a phone number (+62…,
  08…, other +countries), an e-mail address or a passport number (``C 1234567``) anywhere in
  the text;
* :func:`find_personal` — for free text (titles, notes, captions): those, or a title or role
  followed by a name ("a.n. Siti", "agen Yohanes", "binti Ahmad", "korban Maria"), with the
  kind and a masked excerpt; place words keep "Ibu Kota Nusantara" a place, and common words
  keep title-case prose ("Korban Perdagangan Orang", "Ibu Rumah Tangga") from reading as names.
  Bare capitalised words never count, so place names ("Batam → Phnom Penh") pass;
* :func:`cell_kind` — the same for an upload cell (without the prose words), optionally also a
  bare person-like name (for cells whose real values never look like one);
* :func:`mask_personal` and :func:`masked_excerpt` — what a message may show of it: the kind and
  a few characters (``NIK 3174…7777``), never the value.

Examples
--------
>>> find_personal("Korban Maria Goreti 081298765432"), find_personal("Kepri → Phnom Penh, 120 kasus")
(PersonalFinding(kind='phone', masked='081…32'), None)
>>> find_personal("Cerita korban Maria Goreti dari Batam")
PersonalFinding(kind='name', masked='korban M… G…')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Searched anywhere in a text ("Malaysia (agen Yohanes 0812…)"), not only as the whole text.
_NIK_IN_TEXT = re.compile(r"(?<![\d.])\d(?:[ .]?\d){15}(?![\d])")
_PHONE_IN_TEXT = re.compile(r"(?<![\w+])(?:\+\s?62|62|0)[\s\-.()]*8(?:[\s\-.()]*\d){7,11}(?!\d)")
_INTERNATIONAL_PHONE = re.compile(r"(?<![\w+])\+\s?\d(?:[\s\-.()]*\d){8,13}(?!\d)")
_EMAIL_IN_TEXT = re.compile(r"[^@\s(),;]+@[^@\s(),;]+\.[A-Za-z]{2,}")
_PASSPORT_IN_TEXT = re.compile(r"(?<![\w])[A-Z]{1,2} ?\d{6,7}(?![\w])")
_NAME_WORD = r"[A-Z][a-z'\u00c0-\u024f]+"
# A title or role followed by a capitalised word: "a.n. Siti", "agen Yohanes Bria", "Ibu Ratna".
_TITLED_NAME = re.compile(
    r"(?<![\w.])(?i:a\.\s?n\.|atas nama|bin|binti|bapak|bpk\.?|ibu|agen|majikan|korban|calo|sponsor|"
    r"sdr\.?|sdri\.?|saudara|saudari|tuan|tn\.|nyonya|ny\.|mr\.?|mrs\.?|ms\.?|miss)\s+(" + _NAME_WORD + r")"
)
# Words that make "Ibu Kota", "Bu Selatan" or "Agen Resmi" a place or an institution, not a person.
_PLACE_WORDS = {
    "kota", "kabupaten", "kab", "kecamatan", "desa", "kelurahan", "kampung", "dusun", "provinsi", "negara", "negeri",
    "pulau", "tanjung", "teluk", "sungai", "gunung", "bukit", "danau", "pantai", "pelabuhan", "bandara", "bandar",
    "kuala", "muara", "batu", "air", "city", "town", "port", "island", "bay", "beach", "airport", "district",
    "province", "state", "county", "new", "old", "san", "santa", "saint", "st", "north", "south", "east", "west",
    "central", "utara", "selatan", "barat", "timur", "tengah", "raya", "baru", "lama", "jaya", "indah", "makmur",
    "resmi", "tenaga", "kerja", "perusahaan", "pt", "cv", "via", "lewat", "melalui", "transit", "dan", "and",
}
# Capitalised words that follow a title or role in title-case prose ("Korban Perdagangan Orang", "Ibu Rumah
# Tangga", "Bapak Bupati") without naming anyone: free text only, upload cells keep the stricter _PLACE_WORDS.
_PROSE_WORDS = {
    "perdagangan", "orang", "kekerasan", "penipuan", "eksploitasi", "paksa", "pekerja", "migran", "pmi", "tki",
    "anak", "perempuan", "laki", "wanita", "pria", "meninggal", "selamat", "dipulangkan", "rumah", "tangga",
    "hamil", "menyusui", "tunggal", "penyalur", "perekrut", "ilegal", "lokal", "asing", "perjalanan", "kita",
    "camat", "bupati", "gubernur", "walikota", "lurah", "kepala", "menteri", "presiden", "dari", "di", "asal",
    "yang", "per", "tahun", "the", "of", "in", "from", "trafficking", "human", "victims", "victim", "workers",
}
_NOT_NAMES_IN_PROSE = _PLACE_WORDS | _PROSE_WORDS
_NAME_CONTINUATION = re.compile(rf"(?:\s+{_NAME_WORD}){{0,2}}")
_SEGMENT_SPLIT = re.compile(r"\s*(?:[,;/()|+>]|->|\s-\s|\b(?:via|lewat|melalui|dan|and|ke|to)\b)\s*", re.IGNORECASE)
_PERSON_NAME = re.compile(rf"^{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}$")
_DIGIT_RUN = re.compile(r"\d{5,}")
# The word a masked form starts with, per kind (English, as in the upload report's reasons).
_MASK_LABELS = {"nik": "NIK", "phone": "phone", "email": "e-mail", "passport": "passport", "name": "name"}


@dataclass(frozen=True)
class PersonalFinding:
    """Personal data found in a text: its kind and the masked excerpt a message may show."""

    kind: str
    """``nik``, ``phone``, ``email``, ``passport`` or ``name``."""
    masked: str
    """A few characters of it (``3174…7777``, ``081…32``, ``korban M… G…``), never the value."""


def _titled_name(text: str, not_names: set[str] = _PLACE_WORDS) -> re.Match[str] | None:
    for found in _TITLED_NAME.finditer(text):
        if found.group(1).lower() not in not_names:
            return found
    return None


def identifier_kind(text: str) -> str | None:
    """Kind of identifier found anywhere in ``text`` (``nik``, ``phone``, ``email``, ``passport``) or ``None``.

    Parameters
    ----------
    text : str
        Any text (a cell, a caption).

    Returns
    -------
    str or None
        The first kind found, in that order.

    Examples
    --------
    >>> identifier_kind("Malaysia (agen 081298765432)"), identifier_kind("2023 NIK 3174.9999.8888.7777")
    ('phone', 'nik')
    >>> identifier_kind("paspor C 1234567"), identifier_kind("Kuala Lumpur 2023"), identifier_kind("2171031003")
    ('passport', None, None)
    """
    if _NIK_IN_TEXT.search(text):
        return "nik"
    if _PHONE_IN_TEXT.search(text) or _INTERNATIONAL_PHONE.search(text):
        return "phone"
    if "@" in text and _EMAIL_IN_TEXT.search(text):
        return "email"
    if _PASSPORT_IN_TEXT.search(text):
        return "passport"
    return None


def looks_like_person_name(text: str) -> bool:
    """Whether ``text`` is two or three capitalised words with no place word ("Ratna Kusumawardhani").

    Parameters
    ----------
    text : str
        One part of a text (see :func:`name_segments`).

    Returns
    -------
    bool
        ``True`` when it reads like a person's name.

    Examples
    --------
    >>> looks_like_person_name("Maria Goreti Seran"), looks_like_person_name("Kota Batam")
    (True, False)
    >>> looks_like_person_name("Batam"), looks_like_person_name("Maria goreti")
    (False, False)
    """
    text = text.strip()
    if not _PERSON_NAME.match(text):
        return False
    return not any(word.lower() in _PLACE_WORDS for word in text.split())


def name_segments(text: str) -> list[str]:
    """The parts of a text separated by punctuation, "via", "dan", " - " … ("Batam via Ratna K." -> two parts).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        The non-empty parts, in order.

    Examples
    --------
    >>> name_segments("Batam via Ratna Kusumawardhani"), name_segments("P - Maria Goreti Seran")
    (['Batam', 'Ratna Kusumawardhani'], ['P', 'Maria Goreti Seran'])
    """
    return [segment for segment in _SEGMENT_SPLIT.split(text) if segment and segment.strip()]


def find_personal(text: object) -> PersonalFinding | None:
    """Personal data in free text (a title, note or caption): an identifier or a titled name, else ``None``.

    Identifiers (NIK, phone, e-mail, passport; :func:`identifier_kind`) and a title or role
    followed by a capitalised name ("a.n. Siti", "agen Yohanes", "binti Ahmad", "korban
    Maria") count, as in an upload cell; common words after a title ("Korban Perdagangan
    Orang", "Ibu Rumah Tangga", "Bapak Bupati") and bare capitalised words do not, so place
    names ("Batam", "Phnom Penh") pass.

    Parameters
    ----------
    text : object
        The text; anything but text gives ``None``.

    Returns
    -------
    PersonalFinding or None
        The first kind found and its masked excerpt.

    Examples
    --------
    >>> find_personal("Batam dan Bintan: desa asal tertinggi 2024"), find_personal("Korban Perdagangan Orang")
    (None, None)
    >>> find_personal("Ibu Kota Nusantara"), find_personal("tulis ke y@example.org")
    (None, PersonalFinding(kind='email', masked='y…@…'))
    >>> find_personal("dijemput a.n. Siti Aminah")
    PersonalFinding(kind='name', masked='a.n. S… A…')
    """
    if not isinstance(text, str) or not text.strip():
        return None
    kind = identifier_kind(text)
    if kind is not None:
        return PersonalFinding(kind, masked_excerpt(kind, text))
    found = _titled_name(text, _NOT_NAMES_IN_PROSE)
    if found is None:
        return None
    following = _NAME_CONTINUATION.match(text, found.end())
    words = [found.group(1), *(following.group().split() if following else [])]
    title = text[found.start():found.start(1)].strip()  # "korban", "a.n.": says which words were taken for a name
    return PersonalFinding("name", " ".join([title, *(f"{word[0]}…" for word in words)]))


def cell_kind(value: object, *, names: bool = True) -> str | None:
    """Kind of personal data anywhere in a kept cell, or ``None``.

    Identifiers (NIK, phone, e-mail, passport) and titled names ("a.n. Siti", "agen
    Yohanes", "binti Ahmad") are looked for everywhere; with ``names`` also a part of the
    cell that is a bare person-like name (use it where no real value looks like one:
    period, sex, codes; the upload guard checks place columns against the gazetteer first).

    Parameters
    ----------
    value : object
        The cell; anything but text gives ``None``.
    names : bool
        Whether a bare person-like part ("Maria Goreti Seran") counts too.

    Returns
    -------
    str or None
        ``nik``, ``phone``, ``email``, ``passport`` or ``name``.

    Examples
    --------
    >>> cell_kind("Malaysia (agen Yohanes Bria 081298765432)"), cell_kind("sex P - Maria Goreti Seran")
    ('phone', 'name')
    >>> cell_kind("Ibu Kota Nusantara"), cell_kind("a.n. Siti"), cell_kind("2023-01")
    (None, 'name', None)
    """
    if not isinstance(value, str) or not value.strip():
        return None
    kind = identifier_kind(value)
    if kind is not None:
        return kind
    if _titled_name(value) is not None:
        return "name"
    if names and any(looks_like_person_name(segment) for segment in name_segments(value)):
        return "name"
    return None


def mask_digits(text: str) -> str:
    """Runs of five or more digits as their first and last two digits ("3174999988887777" -> "31…77").

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text with its long digit runs masked.

    Examples
    --------
    >>> mask_digits("period 2023 NIK 3174999988887777")
    'period 2023 NIK 31…77'
    """
    return _DIGIT_RUN.sub(lambda found: f"{found.group()[:2]}…{found.group()[-2:]}", text)


def masked_excerpt(kind: str, value: str) -> str:
    """The few characters of personal data a message may show ("3174…7777"); empty when none is found.

    Parameters
    ----------
    kind : str
        What :func:`cell_kind` or :func:`identifier_kind` found in ``value``.
    value : str
        The text holding it.

    Returns
    -------
    str
        A NIK's first and last four digits, a phone number's first three and last two, an
        e-mail's first character, a passport's first letter, a name's initials.

    Examples
    --------
    >>> masked_excerpt("nik", "2023 NIK 3174 9999 8888 7777"), masked_excerpt("name", "korban Maria Goreti")
    ('3174…7777', 'M… G…')
    """
    if kind == "nik":
        found = _NIK_IN_TEXT.search(value)
        digits = re.sub(r"\D", "", found.group()) if found else ""
        return f"{digits[:4]}…{digits[-4:]}" if digits else ""
    if kind == "phone":
        found = _PHONE_IN_TEXT.search(value) or _INTERNATIONAL_PHONE.search(value)
        digits = re.sub(r"[^\d+]", "", found.group()) if found else ""
        return f"{digits[:3]}…{digits[-2:]}" if digits else ""
    if kind == "email":
        found = _EMAIL_IN_TEXT.search(value)
        return f"{found.group()[0]}…@…" if found else ""
    if kind == "passport":
        found = _PASSPORT_IN_TEXT.search(value)
        return f"{found.group()[0]}…" if found else ""
    words = [word for segment in name_segments(value) for word in segment.split()
             if re.fullmatch(_NAME_WORD, word)]
    return " ".join(f"{word[0]}…" for word in words[-3:])


def mask_personal(kind: str, value: str) -> str:
    """A masked form of personal data for a reason: the kind and a few characters, never the value.

    Parameters
    ----------
    kind : str
        What :func:`cell_kind` or :func:`identifier_kind` found in ``value``.
    value : str
        The text holding it.

    Returns
    -------
    str
        ``NIK``, ``phone``, ``e-mail``, ``passport`` or ``name`` and :func:`masked_excerpt`.

    Examples
    --------
    >>> mask_personal("nik", "2023 NIK 3174 9999 8888 7777"), mask_personal("phone", "HP +62 812-9876-5432")
    ('NIK 3174…7777', 'phone +62…32')
    >>> mask_personal("name", "P - Maria Goreti Seran"), mask_personal("email", "agen yohanes@example.org")
    ('name M… G… S…', 'e-mail y…@…')
    """
    label = _MASK_LABELS.get(kind, "name")
    excerpt = masked_excerpt(kind, value)
    return f"{label} {excerpt}" if excerpt else label
