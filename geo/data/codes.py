"""Kemendagri area codes: normalise, level, parents, validate against the code list.

A code is ``PP`` (province), ``PP.KK`` (regency/city; KK 01–69 kabupaten, 71–99
kota), ``PP.KK.CC`` (district) or ``PP.KK.CC.DDDD`` (village; 1xxx kelurahan,
2xxx desa). Codes are always strings: ``11.10`` is not ``11.1``.

People write codes in many forms: dotted ``21.71.01.1001``, undotted
``2171011001``, with spaces, or as numbers that went through Excel
(``2171011001.0``, ``21.1`` for ``21.10``, ``21.71.1`` for ``21.71.01``).
:func:`normalize_code` turns every unambiguous form into the dotted one;
:meth:`CodeList.validate` also settles the ambiguous ones the code list can settle.

Examples
--------
>>> normalize_code(" 2171011001 ")
'21.71.01.1001'
>>> level_of("21.71")
'regency'
>>> ancestors("21.71.01.1001")
['21', '21.71', '21.71.01']
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, cached_property
from numbers import Number
from pathlib import Path
from typing import Any

import pandas as pd

from geo import LEVELS
from geo.errors import InvalidCodeError

_PART_LENGTHS: tuple[int, ...] = (2, 2, 2, 4)  # digits of the province, regency, district and village parts

CODE_LENGTHS: dict[str, int] = {
    level: sum(_PART_LENGTHS[:depth]) + depth - 1 for depth, level in enumerate(LEVELS, start=1)
}
"""Characters of a dotted code at each level (``21``, ``21.71``, ``21.71.01``, ``21.71.01.1001``).

The one place for these rules: every module that reads a level from a code's length or
cuts a code to a level uses this (or :func:`level_of` / :func:`truncate_to_level`).

Examples
--------
>>> CODE_LENGTHS
{'province': 2, 'regency': 5, 'district': 8, 'village': 13}
>>> LEVEL_BY_CODE_LENGTH[8], UNDOTTED_CODE_LENGTHS["village"]
('district', 10)
"""

LEVEL_BY_CODE_LENGTH: dict[int, str] = {length: level for level, length in CODE_LENGTHS.items()}
"""Level of a dotted code from its number of characters (the inverse of :data:`CODE_LENGTHS`)."""

UNDOTTED_CODE_LENGTHS: dict[str, int] = {
    level: sum(_PART_LENGTHS[:depth]) for depth, level in enumerate(LEVELS, start=1)
}
"""Digits of an undotted code at each level (``2171011001`` is a village)."""

DOTTED_CODE_PATTERN = r"\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?"
"""Regular expression of a dotted code at any level (form only; use ``fullmatch``)."""

_UNDOTTED_LENGTHS: dict[int, int] = {  # digits -> number of parts
    length: depth for depth, length in enumerate(UNDOTTED_CODE_LENGTHS.values(), start=1)
}
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


def _split_undotted(digits: str) -> list[str]:
    parts, start = [], 0
    for length in _PART_LENGTHS[: _UNDOTTED_LENGTHS[len(digits)]]:
        parts.append(digits[start : start + length])
        start += length
    return parts


def _check_parts(parts: list[str], raw: object) -> str:
    province = parts[0]
    if not ("11" <= province <= "99"):
        raise InvalidCodeError(f"Kode wilayah {raw!r}: province part {province!r} is not a province number (11–99).",
                               key="code_error.province_range", values={"raw": raw, "province": province})
    for part in parts[1:3]:
        if part == "00":
            raise InvalidCodeError(f"Kode wilayah {raw!r}: part {part!r} cannot be 00.",
                                   key="code_error.part_zero", values={"raw": raw, "part": part})
    if len(parts) == 4 and parts[3][0] not in "123":
        raise InvalidCodeError(
            f"Kode wilayah {raw!r}: village part {parts[3]!r} must start with 1 (kelurahan) or 2 (desa).",
            key="code_error.village_start", values={"raw": raw, "part": parts[3]},
        )
    return ".".join(parts)


def code_candidates(raw: str | int | float) -> list[str]:
    """Every dotted code that ``raw`` could stand for (one unless it is ambiguous).

    Raises :class:`InvalidCodeError` with the reason when ``raw`` is no code at all.

    Examples
    --------
    >>> code_candidates("21.1")   # Excel drops the trailing zero of 21.10, a typist the leading one of 21.01
    ['21.10', '21.01']
    >>> code_candidates(21.1)     # a number: only Excel's reading makes sense
    ['21.10']
    >>> code_candidates("21.71.1.1001")
    ['21.71.01.1001']
    """
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        raise InvalidCodeError("Kode wilayah is empty.", key="code_error.empty")
    if isinstance(raw, bool):
        raise InvalidCodeError(f"Kode wilayah {raw!r} is not a code.", key="code_error.not_code", values={"raw": raw})
    if isinstance(raw, Number):
        return [normalize_code(_number_as_code_text(raw))]
    text = _code_text(raw)
    if text.isdigit():
        if len(text) not in _UNDOTTED_LENGTHS:
            raise InvalidCodeError(
                f"Kode wilayah {raw!r} has {len(text)} digits; a code has 2 (province), 4 (regency), "
                "6 (district) or 10 (village) digits.",
                key="code_error.digit_count", values={"raw": raw, "digits": len(text)},
            )
        return [_check_parts(_split_undotted(text), raw)]
    return _dotted_candidates(text, raw)


def _number_as_code_text(raw: Number) -> str:
    number = float(raw)  # type: ignore[arg-type]  # numbers.Number declares no __float__
    if number.is_integer():
        return str(int(number))
    if number < 100 and round(number, 2) == number:
        return f"{number:.2f}"  # a dotted regency code stored as a number: 21.1 came from 21.10
    raise InvalidCodeError(f"Kode wilayah {raw!r} is a number with decimals; write the code as text.",
                           key="code_error.decimals", values={"raw": raw})


def _code_text(raw: str | int | float) -> str:
    """``raw`` without spaces, with what spreadsheets did to numbers undone (1e9 forms, a trailing .0)."""
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        raise InvalidCodeError("Kode wilayah is empty.", key="code_error.empty")
    if _SCIENTIFIC.match(text):
        number = float(text)
        if not number.is_integer():
            raise InvalidCodeError(f"Kode wilayah {raw!r} lost digits in scientific notation; format the column as text.",
                                   key="code_error.scientific", values={"raw": raw})
        text = str(int(number))
    whole = text.split(".")[0]
    if re.fullmatch(r"\d+\.0+", text) and len(whole) in (UNDOTTED_CODE_LENGTHS["district"], UNDOTTED_CODE_LENGTHS["village"]):
        text = whole  # 2171011001.0 from a float column
    return text


def _part_options(part: str, index: int, last: int, raw: object) -> list[str]:
    if index == 3 or len(part) == 2:
        return [part]
    if len(part) == 1 and index == last:
        # Last part of one digit: "21.1" is 21.10 (float lost the trailing zero) or 21.01.
        return [part + "0", "0" + part]
    if len(part) == 1:
        return ["0" + part]  # a middle part lost its leading zero
    raise InvalidCodeError(f"Kode wilayah {raw!r}: part {part!r} must have 2 digits.",
                           key="code_error.part_digits", values={"raw": raw, "part": part})


def _dotted_candidates(text: str, raw: object) -> list[str]:
    parts = text.split(".")
    if len(parts) > 4 or not all(part.isdigit() for part in parts):
        raise InvalidCodeError(
            f"Kode wilayah {raw!r} is not a code: use digits with dots, such as 21.71.01.1001 or 2171011001.",
            key="code_error.format", values={"raw": raw},
        )
    if len(parts[0]) != 2:
        raise InvalidCodeError(f"Kode wilayah {raw!r}: the province part must have 2 digits.",
                               key="code_error.province_digits", values={"raw": raw})
    if len(parts) == 4 and len(parts[3]) != 4:
        raise InvalidCodeError(f"Kode wilayah {raw!r}: the village part must have 4 digits.",
                               key="code_error.village_digits", values={"raw": raw})
    candidates: list[list[str]] = [[parts[0]]]
    for index, part in enumerate(parts[1:], start=1):
        options = _part_options(part, index, len(parts) - 1, raw)
        candidates = [prefix + [option] for prefix in candidates for option in options]
    return [_check_parts(parts_, raw) for parts_ in candidates if "00" not in parts_[1:3]] or [
        _check_parts(candidates[0], raw)
    ]


def normalize_code(raw: str | int | float) -> str:
    """Return the dotted form of a Kemendagri code, or raise :class:`InvalidCodeError`.

    Examples
    --------
    >>> normalize_code("21.71.01.1001")
    '21.71.01.1001'
    >>> normalize_code(2171)
    '21.71'
    >>> normalize_code("2171011001.0")
    '21.71.01.1001'
    >>> normalize_code("21.71.xx.1001")
    Traceback (most recent call last):
    ...
    geo.errors.InvalidCodeError: Kode wilayah '21.71.xx.1001' is not a code: use digits with dots, such as 21.71.01.1001 or 2171011001.
    """
    candidates = code_candidates(raw)
    if len(candidates) > 1:
        raise InvalidCodeError(
            f"Kode wilayah {raw!r} is ambiguous: it could be {' or '.join(candidates)}. Write all digits, as text.",
            key="code_error.ambiguous_form", values={"raw": raw, "options": " or ".join(candidates)},
        )
    return candidates[0]


def level_of(code: str) -> str:
    """Administrative level of a dotted code.

    Examples
    --------
    >>> [level_of(c) for c in ("21", "21.71", "21.71.01", "21.71.01.1001")]
    ['province', 'regency', 'district', 'village']
    """
    return LEVELS[code.count(".")]


def parent_of(code: str) -> str | None:
    """The code one level up, or ``None`` for a province.

    Examples
    --------
    >>> parent_of("21.71.01"), parent_of("21")
    ('21.71', None)
    """
    return code.rsplit(".", 1)[0] if "." in code else None


def ancestors(code: str) -> list[str]:
    """All codes above ``code``, top down."""
    parts = code.split(".")
    return [".".join(parts[:depth]) for depth in range(1, len(parts))]


def truncate_to_level(code: str, level: str) -> str | None:
    """The ancestor (or self) of ``code`` at ``level``; ``None`` when ``code`` is above it.

    Examples
    --------
    >>> truncate_to_level("21.71.01.1001", "regency")
    '21.71'
    >>> truncate_to_level("21", "district") is None
    True
    """
    depth = LEVELS.index(level) + 1
    parts = code.split(".")
    return ".".join(parts[:depth]) if len(parts) >= depth else None


def is_kota(code: str) -> bool:
    """Whether a regency-level code is a city (kota: 71–99)."""
    return code.count(".") >= 1 and int(code.split(".")[1]) >= 71


@dataclass(frozen=True)
class CodeList:
    """The official list of codes and names (upstream ``codes/db/wilayah.sql``).

    ``frame`` has the columns ``code``, ``name``, ``level`` and ``parent_code``,
    indexed by ``code``.
    """

    frame: pd.DataFrame

    @classmethod
    def from_rows(cls, rows: list[tuple[str, str]]) -> CodeList:
        """Build from ``(code, name)`` pairs.

        Examples
        --------
        >>> codes = CodeList.from_rows([("21", "Kepulauan Riau"), ("21.71", "Kota Batam")])
        >>> codes.name("21.71"), "21.72" in codes
        ('Kota Batam', False)
        """
        frame = pd.DataFrame(rows, columns=["code", "name"], dtype=str)
        frame["level"] = [LEVELS[code.count(".")] for code in frame["code"]]
        frame["parent_code"] = [parent_of(code) for code in frame["code"]]
        return cls(frame.set_index("code", drop=False).rename_axis(None))

    @classmethod
    def load(cls) -> CodeList:
        """The code list of the pinned upstream version (cached per process)."""
        return _load_code_list()

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self.frame.index

    def __len__(self) -> int:
        return len(self.frame)

    def name(self, code: str) -> str:
        """Official name of ``code``; raises :class:`InvalidCodeError` if unknown."""
        try:
            return self._names[code]
        except (KeyError, TypeError):
            raise InvalidCodeError(f"Kode wilayah {code!r} is not in the Kepmendagri 2025 code list.",
                                   key="code_error.unknown", values={"code": code}) from None

    @cached_property
    def _names(self) -> dict[str, str]:
        # A dict, not ``frame.at``: a map names its 8,000 villages one by one (0.25 ms each via .at).
        return dict(zip(self.frame["code"].tolist(), self.frame["name"].tolist(), strict=True))

    def level(self, level: str) -> pd.DataFrame:
        """All areas of one level."""
        return self.frame[self.frame["level"] == level]

    def children(self, code: str | None, level: str | None = None) -> pd.DataFrame:
        """Areas below ``code`` (all Indonesia for ``None``): direct children, or those at ``level``."""
        if level is None:
            level = LEVELS[0] if code is None else LEVELS[min(code.count(".") + 1, len(LEVELS) - 1)]
        frame = self.level(level)
        if code is None:
            return frame
        return frame[frame["code"].str.startswith(code + ".")]

    def validate(self, raw: str | int | float) -> str:
        """Normalise ``raw`` and check it exists; settle ambiguous forms by the code list.

        Examples
        --------
        >>> codes = CodeList.from_rows([("21", "Kepulauan Riau"), ("21.01", "Kabupaten Bintan")])
        >>> codes.validate("21.1")
        '21.01'
        >>> codes.validate("21.99")
        Traceback (most recent call last):
        ...
        geo.errors.InvalidCodeError: Kode wilayah '21.99' is well formed but not in the Kepmendagri 2025 code list.
        """
        candidates = code_candidates(raw)
        existing = [code for code in candidates if code in self]
        if len(existing) == 1:
            return existing[0]
        if len(existing) > 1:
            raise InvalidCodeError(
                f"Kode wilayah {raw!r} is ambiguous: both {' and '.join(existing)} exist. Write all digits, as text.",
                key="code_error.ambiguous_existing", values={"raw": raw, "options": " and ".join(existing)},
            )
        raise InvalidCodeError(f"Kode wilayah {raw!r} is well formed but not in the Kepmendagri 2025 code list.",
                               key="code_error.not_in_list", values={"raw": raw})


def _read_table(relative_path: str) -> list[tuple[Any, ...]]:
    from geo.data._sqldump import iter_rows
    from geo.data.sources import open_text

    with open_text(relative_path) as handle:
        return list(iter_rows(handle))


CODE_TABLE = "codes/db/wilayah.sql"


def _code_list_cache() -> Path:
    from geo.config import boundary_cache_root
    from geo.data.sources import entry

    # Named by the upstream file's registry hash: a new code list never meets an old table.
    return boundary_cache_root() / "codes" / f"wilayah-{entry(CODE_TABLE).sha256[:16]}.parquet"


@cache
def _load_code_list() -> CodeList:
    # Parsing the 91,000-row SQL dump takes about 4 s, paid by every new app process before
    # its first map; the parsed table is kept beside the boundary cache and read in ~0.1 s.
    from geo.data.files import write_atomically
    from geo.data.sources import fetch

    # The upstream file is still fetched and verified (a stat once verified): a missing or
    # wrong mirror is reported by name, never hidden by a table parsed from an earlier one.
    fetch(CODE_TABLE)
    cached = _code_list_cache()
    if cached.exists():
        try:
            frame = pd.read_parquet(cached)
            return CodeList(frame.set_index("code", drop=False).rename_axis(None))
        except (OSError, ValueError):
            pass  # unreadable (e.g. cut short by a full disk): parse the dump again below
    rows = [(str(row[0]), str(row[1])) for row in _read_table(CODE_TABLE)]
    codes = CodeList.from_rows(rows)
    try:
        write_atomically(cached, lambda path: codes.frame.to_parquet(path, index=False))
    except OSError:
        pass  # a read-only cache folder: the next process parses the dump again
    return codes


@cache
def population() -> pd.DataFrame:
    """Population (``total``, ``male``, ``female``) of provinces and regencies, by ``code``."""
    rows = [row for row in _read_table("codes/db/wilayah_penduduk.sql") if row[0] != "0"]
    frame = pd.DataFrame(
        {
            "code": [str(row[0]) for row in rows],
            "male": [int(row[2]) for row in rows],
            "female": [int(row[3]) for row in rows],
            "population": [int(row[4]) for row in rows],
        }
    )
    return frame


@cache
def area_km2() -> pd.DataFrame:
    """Official area in km² per ``code`` (every level the upstream file lists)."""
    rows = _read_table("codes/db/wilayah_luas.sql")
    return pd.DataFrame({"code": [str(row[0]) for row in rows], "area_km2": [float(row[2]) for row in rows]})
