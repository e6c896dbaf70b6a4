"""UI strings in Bahasa Indonesia (default) and English.

Strings live in ``geo/strings/<topic>.py`` modules, each defining
``STRINGS = {key: {"id": ..., "en": ...}}``; this module merges them.

Examples
--------
>>> t("app.title", "en")
'Migration & trafficking risk map'
>>> t("app.title")
'Peta risiko migrasi & perdagangan orang'
>>> t("view.invalid_level", "en", value="x")
"Unknown level 'x'; showing the national view."

Numbers shown to people go through :func:`format_number`, the one number formatter.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from functools import cache

from babel import Locale
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

LANGUAGES: tuple[str, ...] = ("id", "en")
DEFAULT_LANGUAGE = "id"

# Babel locale of each UI language: separators, digit grouping and month names come from CLDR.
_BABEL_LOCALES: dict[str, str] = {"id": "id_ID", "en": "en"}

MINUS_SIGN = "\u2212"
"""The minus sign of every shown number, in both languages.

U+2212 rather than ASCII ``-``: it is as wide as ``+`` (signed changes line up), never
breaks a line like a hyphen, and stays distinct from the en dash of ranges
("−20 – −5"). Only text for people is formatted; CSV, JSON and URLs keep plain numbers.
"""


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    import geo.strings

    merged: dict[str, dict[str, str]] = {}
    for module_info in sorted(pkgutil.iter_modules(geo.strings.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"geo.strings.{module_info.name}")
        for key, translations in module.STRINGS.items():
            if key in merged:
                raise KeyError(f"UI string {key!r} is defined twice (geo/strings/{module_info.name}.py)")
            merged[key] = translations
    return merged


def keys() -> list[str]:
    """Every known string key."""
    return sorted(_catalogue())


def t(key: str, language: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """Translate ``key`` into ``language`` and fill ``{placeholders}`` from ``values``.

    An unknown language falls back to Bahasa Indonesia; an unknown key raises
    ``KeyError`` so that a missing string is caught by the tests, not shown as a key.
    """
    translations = _catalogue()[key]
    text = translations.get(language) or translations[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


@cache
def babel_locale(language: str) -> Locale:
    """The Babel locale of a UI language (number and month-name rules); unknown ones fall back to Bahasa Indonesia.

    Parameters
    ----------
    language : str
        UI language code (``"id"``, ``"en"``).

    Returns
    -------
    babel.Locale
        ``id_ID`` or ``en``.

    Examples
    --------
    >>> str(babel_locale("en")), str(babel_locale("fr"))
    ('en', 'id_ID')
    """
    return Locale.parse(_BABEL_LOCALES.get(language, _BABEL_LOCALES[DEFAULT_LANGUAGE]))


@cache
def _separators(language: str) -> tuple[str, str]:
    # The group and decimal symbols of the language's CLDR locale (Babel's data).
    locale = babel_locale(language)
    return get_group_symbol(locale), get_decimal_symbol(locale)


def _magnitude_text(value: float, number: float, decimals: int | None, language: str) -> str:
    # Python's own formatting rounds the exact binary value half-even, as CLDR does: 12.345
    # is stored as 12.3450000000000006… and shows as 12.35. It is ~50 times faster than a
    # Babel pattern, which matters for the 8,000 village values of one map.
    if isinstance(value, int):  # exact for integers beyond 2**53 too
        text = f"{abs(value):,}" + ("." + "0" * decimals if decimals else "")
    else:
        text = f"{abs(number):,.{3 if decimals is None else decimals}f}"
        if decimals is None:
            text = text.rstrip("0").rstrip(".")
    group, decimal = _separators(language)
    symbols: dict[str, str | int | None] = {",": group, ".": decimal}
    return text.translate(str.maketrans(symbols))


def format_number(
    value: float, language: str = DEFAULT_LANGUAGE, decimals: int | None = None, *, signed: bool = False
) -> str:
    """Format a number for people, with the separators of ``language`` (the one number formatter).

    Bahasa Indonesia writes ``1.234,5``, English ``1,234.5`` (Babel/CLDR rules). The minus
    sign is :data:`MINUS_SIGN` in both languages, and a value that rounds to zero carries no
    sign (``-0.004`` with 2 decimals is ``0.00``).

    Parameters
    ----------
    value : float
        The number (an ``int`` is fine).
    language : str
        UI language; an unknown one falls back to Bahasa Indonesia.
    decimals : int or None
        Exactly this many decimals; ``None``: whole numbers without decimals, others with
        as many as needed, at most 3.
    signed : bool
        Write ``+`` before positive values (for changes); zero stays unsigned.

    Returns
    -------
    str
        The formatted number; ``NaN`` and infinities as Babel writes them.

    Examples
    --------
    >>> format_number(1234.5, "id"), format_number(1234.5, "en")
    ('1.234,5', '1,234.5')
    >>> format_number(2.5, "id"), format_number(-1500, "id"), format_number(-1500, "en")
    ('2,5', '−1.500', '−1,500')
    >>> format_number(12.345, "en", 2), format_number(-0.004, "en", 2), format_number(12, "en", signed=True)
    ('12.35', '0.00', '+12')
    """
    number = float(value)
    if not math.isfinite(number):
        return format_decimal(number, locale=babel_locale(language))
    magnitude = _magnitude_text(value, number, decimals, language)
    if not any(digit in "123456789" for digit in magnitude):
        return magnitude  # rounds to zero: "-0.00" would announce a negative value that is not there
    if number < 0:
        return MINUS_SIGN + magnitude
    return "+" + magnitude if signed else magnitude
