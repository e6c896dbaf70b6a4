"""Parse the upstream MySQL dumps (``INSERT ... VALUES`` one tuple per line).

The upstream files put one row per line, e.g.::

    ('21.72.01.1001','Tanjung Pinang Barat',0.9158,104.4422,'[[[...]]]'),

Names may contain SQL-escaped quotes (``'Ombolata Salo''O'``). We parse line by
line with one regular expression instead of a SQL engine: the files are large
(hundreds of MB in total) and this format is fixed by upstream.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# A quoted SQL string: '' is an escaped quote, backslash escapes are MySQL's.
_SQL_STRING = r"'((?:[^'\\]|''|\\.)*)'"
_NUMBER_OR_NULL = r"(-?[0-9.eE+-]+|NULL)"

_TUPLE_START = re.compile(r"^\s*\(")
_FIELD = re.compile(r"\s*(?:" + _SQL_STRING + r"|" + _NUMBER_OR_NULL + r")\s*(,|\))")


def unescape_sql_string(text: str) -> str:
    r"""Undo MySQL string escaping.

    Examples
    --------
    >>> unescape_sql_string("Ombolata Salo''O")
    "Ombolata Salo'O"
    >>> unescape_sql_string(r"Kampung \'Baru\'")
    "Kampung 'Baru'"
    """
    if "'" not in text and "\\" not in text:
        return text
    text = text.replace("''", "'")
    return re.sub(r"\\(.)", lambda match: {"n": "\n", "t": "\t", "0": ""}.get(match.group(1), match.group(1)), text)


def parse_tuple(line: str) -> tuple[str | float | None, ...] | None:
    r"""Parse one ``(v1, v2, ...)`` row of a dump; return ``None`` for other lines.

    Strings come back unescaped, numbers as ``float``, ``NULL`` as ``None``.

    Examples
    --------
    >>> parse_tuple("\t('11.01','Kabupaten Aceh Selatan'),")
    ('11.01', 'Kabupaten Aceh Selatan')
    >>> parse_tuple("('73.22.05.2001','Ombolata Salo''O',-2.5,NULL,''),")
    ('73.22.05.2001', "Ombolata Salo'O", -2.5, None, '')
    >>> parse_tuple("INSERT INTO wilayah (kode, nama)") is None
    True
    """
    start = _TUPLE_START.match(line)
    if start is None:
        return None
    position = start.end()
    values: list[str | float | None] = []
    while True:
        field = _FIELD.match(line, position)
        if field is None:
            return None
        string_value, number_value, terminator = field.groups()
        if string_value is not None:
            values.append(unescape_sql_string(string_value))
        elif number_value == "NULL":
            values.append(None)
        else:
            try:
                values.append(float(number_value))
            except ValueError:
                return None
        position = field.end()
        if terminator == ")":
            return tuple(values)


def iter_rows(lines: Iterable[str]) -> Iterator[tuple[str | float | None, ...]]:
    """Yield every data row found in the lines of a dump.

    Examples
    --------
    >>> dump = ["INSERT INTO t(kode,nama) VALUES", "('11','Aceh'),", "('12','Sumatera Utara');"]
    >>> list(iter_rows(dump))
    [('11', 'Aceh'), ('12', 'Sumatera Utara')]
    """
    for line in lines:
        row = parse_tuple(line)
        if row is not None:
            yield row
