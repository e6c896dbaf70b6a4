"""Periods of records and how they are named: the one place for the label rules.

A period is a year (``2024``) or a month (``2024-01``). Two questions use these rules:

- :func:`period_label` names a *period choice* of the map: one period, a range of two
  or "all periods".
- :func:`years_label` sums up *a set of periods* (the records behind a flow map) as the
  years they cover: ``2025`` or ``2023–2025``.

Rules: a month reads as its name and year in the UI language (``Januari 2024``, month
names from Babel/CLDR); a range joins its ends with an en dash, closed up between two
bare years (``2023–2025``) and spaced when an end has a space (``Januari 2024 – Juni 2024``).

Examples
--------
>>> period_label("2024-01"), period_label("2024-01", "en")
('Januari 2024', 'January 2024')
>>> period_label(("2024-01", "2024-06"), "en"), period_label(("2023", "2025"))
('January 2024 – June 2024', '2023–2025')
>>> period_label("all", "en")
'all periods'
>>> years_label(["2025-01", "2025-12"]), years_label(["2023", "2025-02", None]), years_label([])
('2025', '2023–2025', None)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import pandas as pd
from babel.dates import get_month_names

from geo.i18n import DEFAULT_LANGUAGE, babel_locale, t

ALL_PERIODS = "all"
"""The period choice "every period together"."""

PeriodChoice = str | tuple[str, str] | None
"""A period choice: ``None`` (the default: latest year of the data), :data:`ALL_PERIODS`, a period or an inclusive ``(first, last)`` range."""

PERIOD_PATTERN = re.compile(r"[0-9]{4}(?:-(?:0[1-9]|1[0-2]))?")
"""Form of one period, a year or a month (use ``fullmatch``)."""


@cache
def _month_names(language: str) -> dict[int, str]:
    return dict(get_month_names("wide", locale=babel_locale(language)))


def period_name(period: str, language: str = DEFAULT_LANGUAGE) -> str:
    """One period as people read it: a year as is, a month as its name and year.

    Parameters
    ----------
    period : str
        ``YYYY`` or ``YYYY-MM``; any other text is returned unchanged.
    language : str
        UI language.

    Returns
    -------
    str
        ``2024``, ``Maret 2024`` / ``March 2024``.

    Examples
    --------
    >>> period_name("2024-03"), period_name("2024-03", "en"), period_name("2024")
    ('Maret 2024', 'March 2024', '2024')
    """
    if PERIOD_PATTERN.fullmatch(period) and len(period) == 7:
        return f"{_month_names(language)[int(period[5:])]} {period[:4]}"
    return period


def range_label(first: str, last: str, language: str = DEFAULT_LANGUAGE) -> str:
    """Two periods as a range; one period when both ends are the same.

    Parameters
    ----------
    first, last : str
        The ends (periods as in :func:`period_name`).
    language : str
        UI language.

    Returns
    -------
    str
        ``2023–2025`` (years: closed en dash) or ``Jan 2024 – Jun 2024`` style (spaced).

    Examples
    --------
    >>> range_label("2023", "2025"), range_label("2024", "2024"), range_label("2024-01", "2024", "en")
    ('2023–2025', '2024', 'January 2024 – 2024')
    """
    if first == last:
        return period_name(first, language)
    start, end = period_name(first, language), period_name(last, language)
    dash = " – " if " " in start + end else "–"
    return f"{start}{dash}{end}"


def period_label(period: PeriodChoice, language: str = DEFAULT_LANGUAGE) -> str:
    """A period choice of the map as shown to people (titles, menus, messages).

    Parameters
    ----------
    period : PeriodChoice
        One period, a ``(first, last)`` range, :data:`ALL_PERIODS` or ``None``.
    language : str
        UI language.

    Returns
    -------
    str
        ``Januari 2024``, ``2023–2025`` or "all periods" in ``language``.

    Examples
    --------
    >>> period_label(None, "en"), period_label("2024")
    ('all periods', '2024')
    """
    if period is None or period == ALL_PERIODS:
        return t("map.period.all", language)
    if isinstance(period, tuple):
        return range_label(period[0], period[1], language)
    return period_name(period, language)


def years_label(periods: Iterable[str | None]) -> str | None:
    """The years a set of periods covers: ``2025``, ``2023–2025``; ``None`` without periods.

    Parameters
    ----------
    periods : iterable of str or None
        Periods of records (missing ones are skipped).

    Returns
    -------
    str or None
        The first and last year as a range (:func:`range_label`), or ``None``.

    Examples
    --------
    >>> years_label(["2024-12", "2025-01"]), years_label([None, float("nan")])
    ('2024–2025', None)
    """
    years = sorted({str(period)[:4] for period in periods if period is not None and not pd.isna(period)})
    if not years:
        return None
    return range_label(years[0], years[-1])
