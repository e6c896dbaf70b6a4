"""The view state of the Map and Flows pages and their URL query strings, both ways (no Streamlit here).

This is the one module that reads a page's view from its URL. Every key goes through one
set of validators (:func:`parse_whole_number`, :func:`parse_id_list`, :func:`parse_decimal`,
:func:`parse_choice`, :func:`parse_flag`, :func:`parse_single_period`, :func:`parse_period`,
:func:`parse_breaks`, and the level/area rules), so the two pages agree on what a valid
value is. Numbers are ASCII digits only: ``²``, ``٣``, ``1e9``, ``-1``, ``NaN`` and numbers of
thousands of digits are refused before ``int()`` or ``float()`` sees them, so no URL can
raise an exception.

A :class:`View` says what the Map page shows, a :class:`FlowView` what the Flows page shows.
Both parsers return the view and **at most one message**: every key that was corrected is
named in it, with the value it had (shortened to :data:`SHOWN_VALUE_LENGTH` characters) and
what is used instead, in the view's language. Messages are plain text (no Markdown): the
page escapes them when it shows them, the CLI prints them as they are.

Map page keys (documented in the README):

=========  ===================================================================
``level``  ``province`` | ``regency`` | ``district`` | ``village``
``area``   a Kemendagri code, dotted (``21.71``) or not (``2171``); absent: all Indonesia
``lang``   ``id`` (default) | ``en``
``tiles``  ``auto`` | ``osm`` | ``carto`` | ``none``; absent: the server default (``RISKMAP_TILES``)
=========  ===================================================================

Choropleth keys:

=============  ==============================================================
``dataset``    dataset version ids, comma-separated (``3,4``: one migration and
               one cases dataset); ``none`` shows no data; absent: the active ones
``indicator``  ``migrants`` | ``migrants_per_1000`` | ``cases`` |
               ``cases_per_1000_migrants`` | ``non_procedural_share``
``measure``    ``value`` (default) | ``change`` (against the previous period)
``period``     ``all``, a year ``2024``, a month ``2024-03``, or a range
               ``2024-01..2024-06`` (same granularity); absent: the latest year
``scheme``     ``quantiles`` (default) | ``natural_breaks`` | ``equal_interval`` |
               ``head_tail_breaks`` | ``user_defined``
``k``          number of classes, 3..9 (default 5)
``palette``    a ColorBrewer name such as ``YlOrRd`` (default) or ``Blues``
``breaks``     user-defined class breaks, comma-separated increasing numbers
               (``10,50,100``); implies ``scheme=user_defined``
``fixed``      ``1``: class breaks computed over every period
``flows``      ``1``: draw the flow lines of the cases dataset shown over the choropleth
``top``        flows drawn when ``flows=1``: the largest 1..500 (default 50)
``country``    flows drawn when ``flows=1``: only to this destination country (name or
               ISO code, as on the Flows page)
``min``        flows drawn when ``flows=1``: only those of at least this many cases (≥ 0)
=============  ==============================================================

Flows page keys (:data:`FLOW_QUERY_KEYS`): ``dataset`` (one id), ``level`` (origin level;
all Indonesia: province, regency or district), ``area``, ``country`` (a destination
country, name or ISO code), ``city``, ``from`` and ``to`` (a year or a month), ``min``
(smallest flow drawn, ≥ 0), ``top`` (1..500), ``lang`` and ``tiles``.

Rules: every invalid key falls back to its own default and the rest of the view is kept;
an unknown key is ignored. Inside an area only levels below it can be shown (the area
wins, the level is corrected); a village as ``area`` shows the villages of its district.
All of Indonesia is never drawn by village (the Map page also not by district).

Adding a key: add a field to the view with a default, parse it with one of the
validators, write it in the ``*_to_query`` function, and add it to the key list.

Examples
--------
>>> from geo.data.codes import CodeList
>>> codes = CodeList.from_rows([("21", "Kepulauan Riau"), ("21.71", "Kota Batam")])
>>> view, messages = parse_view({"level": "village", "area": "21"}, codes=codes)
>>> view.level, view.area, messages
('village', '21', [])
>>> view_to_query(view)
{'level': 'village', 'area': '21'}
>>> view, messages = parse_view({"level": "foo", "k": "²", "lang": "en"}, codes=codes)
>>> view.level, view.k
('province', 5)
>>> print(messages[0])
This link was corrected: level='foo' is not known (choices: province, regency, district, village); using province. k='²' must be a whole number from 3 to 9; using 5.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from geo import LEVELS
from geo.analysis.periods import ALL_PERIODS, PERIOD_PATTERN, PeriodChoice
from geo.data.codes import CodeList, code_candidates, level_of, truncate_to_level
from geo.errors import InvalidCodeError
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

NATIONAL_LEVELS: tuple[str, ...] = ("province", "regency")
"""Levels the Map page shows for all of Indonesia (villages of the whole country are never one layer)."""

FLOW_NATIONAL_LEVELS: tuple[str, ...] = ("province", "regency", "district")
"""Origin levels the Flows page shows for all of Indonesia (points, not polygons, so districts fit)."""

TILE_CHOICES: tuple[str, ...] = ("auto", "osm", "carto", "none")
"""Basemap settings: ``auto`` (OpenStreetMap tiles when the tile server answers, drawn over
our own base: land, province outlines, place names), OpenStreetMap, Carto Positron, or
none (our own base only; the browser asks no other host)."""

DEFAULT_TILES = "auto"

CHOROPLETH_KEYS: tuple[str, ...] = (
    "dataset", "indicator", "measure", "period", "scheme", "k", "palette", "breaks", "fixed",
)
"""URL keys of the choropleth (data, indicator, period, classification)."""

LAYER_KEYS: tuple[str, ...] = ("flows", "top", "country", "min")
"""URL keys of layers drawn over the choropleth (the flow filters mean what they mean on the Flows page)."""

PRESENTATION_KEYS: tuple[str, ...] = ("present", "embed", "v", "story", "step")
"""URL keys of presentation mode, saved views and stories (every page understands them; see
:class:`Presentation` in the block at the end of this module). They never change what the map shows."""

QUERY_KEYS: tuple[str, ...] = ("level", "area", "lang", "tiles", *CHOROPLETH_KEYS, *LAYER_KEYS, *PRESENTATION_KEYS)
"""URL keys the Map page understands."""

FLOW_QUERY_KEYS: tuple[str, ...] = (
    "dataset", "level", "area", "country", "city", "from", "to", "min", "top", "lang", "tiles", *PRESENTATION_KEYS,
)
"""URL keys of the Flows page (``level``/``area``/``lang``/``tiles`` mean what they mean on the Map page)."""

DEFAULT_SCHEME = "quantiles"
DEFAULT_K = 5
DEFAULT_PALETTE = "YlOrRd"
DEFAULT_MEASURE = "value"

MAX_ID = 2**31 - 1
"""Largest dataset id (the store's integer column); larger numbers are refused, not looked up."""

MAX_IDS = 8
"""Most dataset ids one ``dataset`` key may list."""

MAX_TOP = 500
"""Most flows the Flows page draws."""

MAX_MIN_COUNT = 1_000_000_000
"""Largest ``min`` (smallest flow drawn) of the Flows page."""

FLOW_DEFAULT_LEVEL = "regency"

MAX_CITY_LENGTH = 120
"""A destination city longer than this is cut (no real city name is that long)."""

SHOWN_VALUE_LENGTH = 40
"""A rejected value is quoted in a message up to this many characters."""

_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")  # ASCII only: str.isdigit() and int() also take "²", "٣", "1_0"
_DECIMAL = re.compile(r"[0-9]{1,12}(?:[.,][0-9]{1,6})?")
_MAX_AREA_LENGTH = 24  # the longest code form, with spaces around: "21.71.01.1001" or "2171011001.0"
_MAX_COUNTRY_LENGTH = 60


# --------------------------------------------------------------------------- views


@dataclass(frozen=True)
class View:
    """What the Map page shows; immutable, so it can be compared and used as a cache key.

    Examples
    --------
    >>> View(level="regency").level, View().scheme
    ('regency', 'quantiles')
    """

    level: str = "province"
    area: str | None = None
    lang: str = DEFAULT_LANGUAGE
    tiles: str | None = None
    """``None``: the server's default basemap (:func:`default_tiles`)."""
    datasets: tuple[int, ...] | None = None
    """Dataset version ids shown; ``None``: the active dataset of each kind; ``()``: none."""
    indicator: str | None = None
    """A key of :data:`geo.analysis.indicators.INDICATORS`; ``None``: the first one the data can give."""
    measure: str = DEFAULT_MEASURE
    period: PeriodChoice = None
    scheme: str = DEFAULT_SCHEME
    k: int = DEFAULT_K
    palette: str = DEFAULT_PALETTE
    breaks: tuple[float, ...] | None = None
    """User-defined class breaks (then ``scheme`` is ``user_defined``)."""
    fixed: bool = False
    """Class breaks computed over every period."""
    flows: bool = False
    """Flow lines of the cases dataset drawn over the choropleth (``flows=1``)."""
    flow_top: int | None = None
    """How many of the largest flows are drawn (``top``); ``None``: the Flows page's default."""
    flow_country: str | None = None
    """Only flows to this ISO alpha-2 destination country (``country``)."""
    flow_min: float = 0.0
    """Only flows of at least this count (``min``)."""


def _default_top() -> int:
    from geo.analysis.flows import DEFAULT_TOP

    return DEFAULT_TOP


@dataclass(frozen=True)
class FlowView:
    """What the Flows page shows; immutable so it can be compared and used as a cache key.

    ``level`` is the origin level, ``area`` restricts origins (``within``), ``country`` is an
    ISO alpha-2 destination country, ``city`` a destination name as drawn.

    Examples
    --------
    >>> FlowView().level, FlowView().top
    ('regency', 50)
    """

    dataset: int | None = None
    level: str = FLOW_DEFAULT_LEVEL
    area: str | None = None
    country: str | None = None
    city: str | None = None
    period_from: str | None = None
    period_to: str | None = None
    min_count: float = 0.0
    top: int = field(default_factory=_default_top)
    lang: str = DEFAULT_LANGUAGE
    tiles: str | None = None

    def aggregate_options(self) -> dict[str, object]:
        """Keyword arguments of :func:`geo.analysis.flows.aggregate_flows` for this view.

        Returns
        -------
        dict
            ``level``, ``within``, destination filters, period bounds, ``min_count`` and ``top``.

        Examples
        --------
        >>> FlowView(area="21", country="KH").aggregate_options()["destination_countries"]
        ['KH']
        """
        return {
            "level": self.level,
            "within": self.area,
            "destination_countries": [self.country] if self.country else None,
            "destination_cities": [self.city] if self.city else None,
            "period_from": self.period_from,
            "period_to": self.period_to,
            "min_count": self.min_count,
            "top": self.top,
        }


def default_tiles() -> str:
    """Basemap used when the URL does not choose one: ``RISKMAP_TILES`` or ``auto``.

    Returns
    -------
    str
        One of :data:`TILE_CHOICES`.

    Examples
    --------
    >>> default_tiles() in TILE_CHOICES
    True
    """
    setting = os.environ.get("RISKMAP_TILES", "").strip().lower()
    return setting if setting in TILE_CHOICES else DEFAULT_TILES


def effective_tiles(view: View | FlowView | PriorityView) -> str:
    """The basemap to draw for ``view``.

    Parameters
    ----------
    view : View or FlowView
        A view whose ``tiles`` may be ``None`` (the server default).

    Returns
    -------
    str
        One of :data:`TILE_CHOICES`.

    Examples
    --------
    >>> effective_tiles(View(tiles="none"))
    'none'
    """
    return view.tiles or default_tiles()


# --------------------------------------------------------------------------- levels and areas


def levels_within(area: str | None, national: Sequence[str] = NATIONAL_LEVELS) -> tuple[str, ...]:
    """Levels that can be shown inside ``area`` (``None``: all Indonesia, where ``national`` apply).

    Parameters
    ----------
    area : str or None
        A dotted Kemendagri code, or ``None`` for all of Indonesia.
    national : sequence of str
        Levels allowed for all of Indonesia (the Map page's by default).

    Returns
    -------
    tuple of str
        The levels, from the highest.

    Examples
    --------
    >>> levels_within(None)
    ('province', 'regency')
    >>> levels_within("21")
    ('regency', 'district', 'village')
    >>> levels_within("21.71.01")
    ('village',)
    """
    if area is None:
        return tuple(national)
    return LEVELS[LEVELS.index(level_of(area)) + 1 :]


def corrected_level(
    area: str | None, wanted: str | None, national: Sequence[str] = NATIONAL_LEVELS, default: str = "province"
) -> str:
    """``wanted`` if it can be shown inside ``area``, else the closest level that can.

    Parameters
    ----------
    area : str or None
        A dotted code, or ``None`` for all of Indonesia.
    wanted : str or None
        The level asked for (``None``: none asked).
    national : sequence of str
        Levels allowed for all of Indonesia.
    default : str
        The level shown for all of Indonesia when none is asked for.

    Returns
    -------
    str
        Nationally a level below the deepest national one falls back to it; inside an area a
        level at or above the area falls back to the level just below it.

    Examples
    --------
    >>> corrected_level(None, "village"), corrected_level(None, None)
    ('regency', 'province')
    >>> corrected_level("21.71", "province"), corrected_level("21", "village")
    ('district', 'village')
    """
    allowed = levels_within(area, national)
    if wanted is not None and wanted in allowed:
        return wanted
    if area is None:
        return allowed[-1] if wanted in LEVELS else default
    return allowed[0]


def with_area(view: View, area: str | None) -> View:
    """The view moved to ``area`` keeping the level where it still makes sense.

    Parameters
    ----------
    view : View
        The current view.
    area : str or None
        The new area (``None``: all Indonesia).

    Returns
    -------
    View
        The moved view.

    Examples
    --------
    >>> view = with_area(View(level="village", area="21.71"), "21")
    >>> view.level, view.area
    ('village', '21')
    >>> view = with_area(View(level="village", area="21"), None)
    >>> view.level, view.area
    ('regency', None)
    """
    return replace(view, area=area, level=corrected_level(area, view.level))


def with_level(view: View, level: str) -> View:
    """The view showing ``level`` (corrected to one that fits the area).

    Parameters
    ----------
    view : View
        The current view.
    level : str
        The level wanted.

    Returns
    -------
    View
        The view at that level, or the closest one allowed.

    Examples
    --------
    >>> with_level(View(area="21.71"), "province").level
    'district'
    """
    return replace(view, level=corrected_level(view.area, level))


def drill_down(view: View, clicked_code: str) -> View | None:
    """The view after clicking the area ``clicked_code``: its children one level down.

    Parameters
    ----------
    view : View
        The current view (its choropleth options are kept).
    clicked_code : str
        A dotted code of the official list.

    Returns
    -------
    View or None
        ``None`` when there is nothing below (a village was clicked).

    Examples
    --------
    >>> view = drill_down(View(level="province"), "21")
    >>> view.level, view.area
    ('regency', '21')
    >>> view = drill_down(View(level="regency", area="21", indicator="cases"), "21.71")
    >>> view.level, view.area, view.indicator
    ('district', '21.71', 'cases')
    >>> drill_down(View(level="village", area="21"), "21.71.01.1001") is None
    True
    """
    below = levels_within(clicked_code) if level_of(clicked_code) != "village" else ()
    if not below:
        return None
    return replace(view, area=clicked_code, level=below[0])


# --------------------------------------------------------------------------- validators


def shown_value(text: str) -> str:
    """A rejected value as quoted in a message: at most :data:`SHOWN_VALUE_LENGTH` characters.

    Parameters
    ----------
    text : str
        The value from the URL.

    Returns
    -------
    str
        The value, cut with "…" when longer.

    Examples
    --------
    >>> shown_value("9" * 5000) == "9" * 39 + "…"
    True
    """
    return text if len(text) <= SHOWN_VALUE_LENGTH else text[: SHOWN_VALUE_LENGTH - 1] + "…"


def parse_whole_number(text: str, *, low: int, high: int) -> int:
    """A whole number written in ASCII digits, from ``low`` to ``high``.

    Parameters
    ----------
    text : str
        The value from the URL.
    low, high : int
        Inclusive bounds.

    Returns
    -------
    int
        The number.

    Raises
    ------
    ValueError
        For anything else: signs, exponents, Unicode digits (``²``, ``٣``), underscores,
        numbers out of range or too long to be sensible (``int()`` never sees them).

    Examples
    --------
    >>> parse_whole_number(" 7 ", low=3, high=9)
    7
    >>> parse_whole_number("²", low=0, high=9)
    Traceback (most recent call last):
    ...
    ValueError: ²
    """
    text = text.strip()
    if not _WHOLE_NUMBER.fullmatch(text):
        raise ValueError(text)
    number = int(text)  # at most 18 ASCII digits: always a valid, small int()
    if not low <= number <= high:
        raise ValueError(text)
    return number


def parse_id_list(text: str) -> tuple[int, ...]:
    """Dataset ids, comma-separated (``3,4``), or ``none`` for no dataset.

    Parameters
    ----------
    text : str
        The value from the URL.

    Returns
    -------
    tuple of int
        The ids (1 .. :data:`MAX_ID`), duplicates dropped, in order; ``()`` for ``none``.

    Raises
    ------
    ValueError
        When a part is not such an id, or there are more than :data:`MAX_IDS`.

    Examples
    --------
    >>> parse_id_list("3, 4,3"), parse_id_list("none")
    ((3, 4), ())
    """
    if text.strip().lower() == "none":
        return ()
    parts = [part for part in text.split(",") if part.strip()]
    if not parts or len(parts) > MAX_IDS:
        raise ValueError(text)
    return tuple(dict.fromkeys(parse_whole_number(part, low=1, high=MAX_ID) for part in parts))


def parse_decimal(text: str, *, high: float) -> float:
    """A number ≥ 0 written with ASCII digits and at most one decimal point or comma.

    Parameters
    ----------
    text : str
        The value from the URL (``5``, ``2.5`` or ``2,5``).
    high : float
        Largest value accepted.

    Returns
    -------
    float
        The number.

    Raises
    ------
    ValueError
        For signs, exponents (``1e9``), ``nan``/``inf``, Unicode digits, or a value above ``high``.

    Examples
    --------
    >>> parse_decimal("2,5", high=10)
    2.5
    """
    text = text.strip()
    if not _DECIMAL.fullmatch(text):
        raise ValueError(text)
    number = float(text.replace(",", "."))
    if number > high:
        raise ValueError(text)
    return number


def parse_choice(text: str, choices: Collection[str]) -> str:
    """``text`` if it is one of ``choices`` (case-sensitive).

    Parameters
    ----------
    text : str
        The value from the URL.
    choices : collection of str
        The accepted values.

    Returns
    -------
    str
        The value.

    Raises
    ------
    ValueError
        When it is not a choice.

    Examples
    --------
    >>> parse_choice("osm", TILE_CHOICES)
    'osm'
    """
    if text not in choices:
        raise ValueError(text)
    return text


def parse_flag(text: str) -> bool:
    """``1``/``true``/``yes`` or ``0``/``false``/``no``.

    Parameters
    ----------
    text : str
        The value from the URL.

    Returns
    -------
    bool
        The flag.

    Raises
    ------
    ValueError
        For anything else.

    Examples
    --------
    >>> parse_flag("1"), parse_flag("No")
    (True, False)
    """
    flag = text.strip().lower()
    if flag in ("1", "true", "yes"):
        return True
    if flag in ("0", "false", "no"):
        return False
    raise ValueError(text)


def parse_single_period(text: str) -> str:
    """One period: a year ``2024`` or a month ``2024-03`` (ASCII digits, month 01..12).

    Parameters
    ----------
    text : str
        The value from the URL.

    Returns
    -------
    str
        The period.

    Raises
    ------
    ValueError
        For anything else (``2024-13``, ``2024-1``, ``2024-03-01``).

    Examples
    --------
    >>> parse_single_period("2024-03")
    '2024-03'
    """
    text = text.strip()
    if not PERIOD_PATTERN.fullmatch(text):
        raise ValueError(text)
    return text


def parse_period(text: str) -> PeriodChoice:
    """A period as written in the URL: ``all``, ``2024``, ``2024-03`` or ``2024-01..2024-06``.

    Parameters
    ----------
    text : str
        The value from the URL.

    Returns
    -------
    str or tuple of str
        ``"all"``, one period, or an inclusive range (a range of one period is that period).

    Raises
    ------
    ValueError
        For anything else (including a range whose ends differ in granularity or run backwards).

    Examples
    --------
    >>> parse_period("2024-01..2024-06"), parse_period("2023"), parse_period("all")
    (('2024-01', '2024-06'), '2023', 'all')
    >>> parse_period("2024..2023")
    Traceback (most recent call last):
    ...
    ValueError: 2024..2023
    """
    text = text.strip()
    if text.lower() == ALL_PERIODS:
        return ALL_PERIODS
    if ".." not in text:
        return parse_single_period(text)
    first_text, _, last_text = text.partition("..")
    first, last = parse_single_period(first_text), parse_single_period(last_text)
    if len(first) != len(last) or first > last:
        raise ValueError(text)
    return first if first == last else (first, last)


def period_to_text(period: PeriodChoice) -> str | None:
    """The URL form of a period (inverse of :func:`parse_period`).

    Parameters
    ----------
    period : str, tuple of str or None
        A period choice.

    Returns
    -------
    str or None
        Its URL text; ``None`` for the default.

    Examples
    --------
    >>> period_to_text(("2024-01", "2024-06")), period_to_text("2024"), period_to_text(None)
    ('2024-01..2024-06', '2024', None)
    """
    if period is None:
        return None
    if isinstance(period, tuple):
        return f"{period[0]}..{period[1]}"
    return period


def parse_breaks(text: str) -> tuple[float, ...]:
    """User-defined class breaks: comma-separated (or semicolon-separated) increasing numbers.

    Parameters
    ----------
    text : str
        The value from the URL or the breaks field.

    Returns
    -------
    tuple of float
        1 to 8 finite, strictly increasing numbers.

    Raises
    ------
    ValueError
        For anything else.

    Examples
    --------
    >>> parse_breaks("10, 50,100")
    (10.0, 50.0, 100.0)
    >>> parse_breaks("50,10")
    Traceback (most recent call last):
    ...
    ValueError: 50,10
    """
    parts = [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
    if not parts or len(parts) > 8 or any(len(part) > 30 for part in parts):
        raise ValueError(text)
    try:
        numbers = tuple(float(part) for part in parts)
    except ValueError:
        raise ValueError(text) from None
    if not all(math.isfinite(n) for n in numbers):
        raise ValueError(text)
    if any(b <= a for a, b in zip(numbers, numbers[1:], strict=False)):
        raise ValueError(text)
    return numbers


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# --------------------------------------------------------------------------- corrections


class Corrections:
    """The notes about a URL's corrected keys, in one language; joined into one message.

    Examples
    --------
    >>> fix = Corrections("en")
    >>> fix.note("url.whole_number", key="k", value="x", low=3, high=9, default=5)
    >>> fix.messages()
    ["This link was corrected: k='x' must be a whole number from 3 to 9; using 5."]
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.notes: list[str] = []

    def note(self, string_key: str, /, **values: object) -> None:
        """Add one note (``value`` is shortened to :data:`SHOWN_VALUE_LENGTH` characters).

        Parameters
        ----------
        string_key : str
            The note's key in ``geo/strings``.
        **values
            Its placeholders.
        """
        if "value" in values:
            values["value"] = shown_value(str(values["value"]))
        self.notes.append(t(string_key, self.lang, **values))

    def messages(self) -> list[str]:
        """One message naming every corrected key, or none.

        Returns
        -------
        list of str
            ``[]`` or a single message.
        """
        if not self.notes:
            return []
        return [t("url.corrected", self.lang, notes=" ".join(self.notes))]

    def check(self, values: Mapping[str, str], key: str, parse: Callable[[str], object], string_key: str,
              **extra: object) -> object | None:
        """``parse(values[key])``; ``None`` when the key is absent or invalid (then with a note).

        Parameters
        ----------
        values : mapping
            The URL's keys and values (one value each).
        key : str
            The key to read.
        parse : callable
            A validator raising ``ValueError`` for a bad value.
        string_key : str
            The note given for a bad value (it receives ``key``, ``value`` and ``extra``).
        **extra
            More placeholders of the note.

        Returns
        -------
        object or None
            The parsed value.
        """
        raw = values.get(key)
        if not raw:
            return None
        try:
            return parse(raw)
        except ValueError:
            self.note(string_key, key=key, value=raw, **extra)
            return None


def _single(value: str | Sequence[str] | None) -> str:
    # A key given twice (?level=a&level=b): the last one wins, as in st.query_params[key].
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return str(value[-1]).strip() if len(value) else ""


def _single_values(query: Mapping[str, str | Sequence[str]]) -> dict[str, str]:
    return {key: _single(value) for key, value in query.items()}


def _language(values: Mapping[str, str]) -> tuple[str, list[tuple[str, dict[str, object]]]]:
    """The view's language, and the note about a bad ``lang`` (given once the language is known)."""
    lang = values.get("lang") or DEFAULT_LANGUAGE
    if lang in LANGUAGES:
        return lang, []
    return DEFAULT_LANGUAGE, [("url.lang", {"key": "lang", "value": lang, "known": ", ".join(LANGUAGES)})]


def _start(values: Mapping[str, str], known_keys: Sequence[str]) -> tuple[Corrections, str | None]:
    """Language, unknown keys and basemap: the corrections of every page's common keys."""
    lang, lang_notes = _language(values)
    fix = Corrections(lang)
    for string_key, note_values in lang_notes:
        fix.note(string_key, **note_values)
    for key in values:
        if key not in known_keys:
            fix.note("url.unknown_key", key=shown_value(key), known=", ".join(known_keys))
    tiles = fix.check(values, "tiles", lambda text: parse_choice(text, TILE_CHOICES), "url.choice",
                      known=", ".join(TILE_CHOICES), default=t("url.default", lang))
    return fix, tiles if isinstance(tiles, str) else None


def _level_name(level: str, lang: str) -> str:
    return t(f"level.{level}", lang)


def _area_name(code: str, codes: CodeList) -> str:
    return codes.name(code) if code in codes else code


def _check_area(raw: str, codes: CodeList | None, fix: Corrections) -> tuple[str | None, CodeList | None]:
    """The dotted code of ``area`` (``None`` with a note when malformed or unknown) and the code list used."""
    try:
        if len(raw) > _MAX_AREA_LENGTH:
            raise InvalidCodeError(raw)
        code_candidates(raw)  # malformed codes get their own note
    except InvalidCodeError:
        fix.note("url.area_form", key="area", value=raw)
        return None, codes
    codes = codes if codes is not None else CodeList.load()
    try:
        return codes.validate(raw), codes
    except InvalidCodeError:
        fix.note("url.area_unknown", key="area", value=raw)
        return None, codes


def _parse_place(
    values: Mapping[str, str], codes: CodeList | None, fix: Corrections, *, national: Sequence[str], default: str
) -> tuple[str, str | None]:
    """Level and area, corrected so the level can be shown inside the area (the area wins)."""
    lang = fix.lang
    raw_level = values.get("level") or None
    level_is_known = raw_level is None or raw_level in LEVELS
    raw_area = values.get("area") or None
    area, codes = _check_area(raw_area, codes, fix) if raw_area is not None else (None, codes)
    wanted = raw_level if level_is_known else None
    if area is not None and level_of(area) == "village":
        assert codes is not None
        district = truncate_to_level(area, "district")
        fix.note("url.village_area", key="area", value=raw_area, area=_area_name(area, codes),
                 district=_area_name(district or area, codes))
        area, wanted = district, "village"
    level = corrected_level(area, wanted, national, default)
    if not level_is_known:
        fix.note("url.choice", key="level", value=raw_level, known=", ".join(LEVELS), default=level)
    elif raw_level is not None and level != raw_level and area is None:
        fix.note("url.national_level", key="level", value=raw_level, level=_level_name(raw_level, lang),
                 fallback=_level_name(level, lang))
    elif raw_level is not None and level != raw_level and wanted == raw_level:
        assert codes is not None and area is not None
        fix.note("url.level_not_below", key="level", value=raw_level, level=_level_name(raw_level, lang),
                 area=_area_name(area, codes), fallback=_level_name(level, lang))
    return level, area


# --------------------------------------------------------------------------- the Map page


def parse_view(query: Mapping[str, str | Sequence[str]], *, codes: CodeList | None = None) -> tuple[View, list[str]]:
    """Read the Map page's view from URL query parameters; return it with at most one message.

    Parameters
    ----------
    query : mapping
        Key → value, or key → values (the last one counts).
    codes : CodeList, optional
        The code list used to check ``area`` (default: the official one).

    Returns
    -------
    tuple
        The corrected :class:`View`, and ``[]`` or one message (in the view's language) naming
        every corrected key, its value and what is shown instead.

    Examples
    --------
    >>> codes = CodeList.from_rows([("21", "Kepulauan Riau"), ("21.71", "Kota Batam")])
    >>> view, messages = parse_view({"area": "2171", "level": "province", "lang": "en"}, codes=codes)
    >>> view.level, view.area, view.lang
    ('district', '21.71', 'en')
    >>> print(messages[0])
    This link was corrected: level=province: Province is not below Kota Batam; showing District in Kota Batam.
    """
    values = _single_values(query)
    fix, tiles = _start(values, QUERY_KEYS)
    level, area = _parse_place(values, codes, fix, national=NATIONAL_LEVELS, default="province")
    options = parse_choropleth(values, fix)
    view = View(level=level, area=area, lang=fix.lang, tiles=tiles)
    return replace(view, **options), fix.messages()  # type: ignore[arg-type]


def _choropleth_checks() -> list[tuple[str, str, Callable[[str], object], str, dict[str, object]]]:
    """(URL key, View field, validator, note, note placeholders) of each choropleth key."""
    from geo.analysis.classify import SCHEMES
    from geo.analysis.indicators import INDICATORS, MEASURES
    from geo.analysis.palettes import MAX_CLASSES, MIN_CLASSES, PALETTES

    def choice(choices: Collection[str]) -> Callable[[str], str]:
        return lambda text: parse_choice(text, choices)

    return [
        ("dataset", "datasets", parse_id_list, "url.dataset", {"high": MAX_ID}),
        ("indicator", "indicator", choice(INDICATORS), "url.choice_default", {"known": ", ".join(INDICATORS)}),
        ("measure", "measure", choice(MEASURES), "url.choice", {"known": ", ".join(MEASURES), "default": DEFAULT_MEASURE}),
        ("period", "period", parse_period, "url.period", {}),
        ("scheme", "scheme", choice(SCHEMES), "url.choice", {"known": ", ".join(SCHEMES), "default": DEFAULT_SCHEME}),
        ("k", "k", lambda text: parse_whole_number(text, low=MIN_CLASSES, high=MAX_CLASSES), "url.whole_number",
         {"low": MIN_CLASSES, "high": MAX_CLASSES, "default": DEFAULT_K}),
        ("palette", "palette", choice(PALETTES), "url.palette", {"default": DEFAULT_PALETTE}),
        ("breaks", "breaks", parse_breaks, "url.breaks", {}),
        ("fixed", "fixed", parse_flag, "url.flag", {}),
        ("flows", "flows", parse_flag, "url.flag", {}),
        ("top", "flow_top", lambda text: parse_whole_number(text, low=1, high=MAX_TOP), "url.whole_number",
         {"low": 1, "high": MAX_TOP, "default": _default_top()}),
        ("country", "flow_country", _parse_country, "url.flow_country", {}),
        ("min", "flow_min", lambda text: parse_decimal(text, high=MAX_MIN_COUNT), "url.flow_min", {"high": MAX_MIN_COUNT}),
    ]


def parse_choropleth(values: Mapping[str, str], fix: Corrections) -> dict[str, object]:
    """The choropleth and layer options of a URL query (``dataset`` … ``fixed``, ``flows``), checked for form only.

    Whether a dataset exists or an indicator is available for the data is checked by
    :mod:`geo.web.mapview`, which again explains and falls back.

    Parameters
    ----------
    values : mapping
        The URL's keys and values (one value each).
    fix : Corrections
        Receives a note for each invalid key (which then keeps its default).

    Returns
    -------
    dict
        :class:`View` fields of the valid keys.

    Examples
    --------
    >>> parse_choropleth({"dataset": "3,4", "palette": "Blues", "breaks": "10,100"}, Corrections("en"))
    {'datasets': (3, 4), 'palette': 'Blues', 'breaks': (10.0, 100.0), 'scheme': 'user_defined'}
    >>> fix = Corrections("en")
    >>> parse_choropleth({"flows": "1", "fixed": "0", "k": "1e9"}, fix), len(fix.notes)
    ({'fixed': False, 'flows': True}, 1)
    """
    options: dict[str, object] = {}
    for key, name, parse, string_key, extra in _choropleth_checks():
        value = fix.check(values, key, parse, string_key, **extra)
        if value is not None:
            options[name] = value
    if "breaks" in options:
        options["scheme"] = "user_defined"
    elif options.get("scheme") == "user_defined":
        fix.note("url.breaks_missing")
        options["scheme"] = DEFAULT_SCHEME
    return options


def choropleth_query(view: View) -> dict[str, str]:
    """URL keys of the view's choropleth options (defaults left out).

    Parameters
    ----------
    view : View
        The view.

    Returns
    -------
    dict
        Key → value.

    Examples
    --------
    >>> choropleth_query(View(indicator="cases", period=("2024-01", "2024-03"), breaks=(5.0, 10.5),
    ...                       scheme="user_defined", fixed=True))
    {'indicator': 'cases', 'period': '2024-01..2024-03', 'breaks': '5,10.5', 'fixed': '1'}
    """
    query: dict[str, str] = {}
    if view.datasets is not None:
        query["dataset"] = ",".join(str(i) for i in view.datasets) if view.datasets else "none"
    if view.indicator is not None:
        query["indicator"] = view.indicator
    if view.measure != DEFAULT_MEASURE:
        query["measure"] = view.measure
    period = period_to_text(view.period)
    if period is not None:
        query["period"] = period
    if view.scheme == "user_defined" and view.breaks:
        query["breaks"] = ",".join(_number_text(b) for b in view.breaks)
    elif view.scheme != DEFAULT_SCHEME:
        query["scheme"] = view.scheme
    if view.k != DEFAULT_K and view.scheme != "user_defined":
        query["k"] = str(view.k)
    if view.palette != DEFAULT_PALETTE:
        query["palette"] = view.palette
    if view.fixed:
        query["fixed"] = "1"
    if view.flows:
        query["flows"] = "1"
    query.update(_flow_filter_query(view))
    return query


def _flow_filter_query(view: View) -> dict[str, str]:
    """The Map page's flow filters (``top``, ``country``, ``min``) as URL keys, defaults left out."""
    query: dict[str, str] = {}
    if view.flow_top is not None:
        query["top"] = str(view.flow_top)
    if view.flow_country is not None:
        query["country"] = view.flow_country
    if view.flow_min:
        query["min"] = _decimal_text(view.flow_min)
    return query


def view_to_query(view: View) -> dict[str, str]:
    """URL query parameters for ``view``; defaults are left out so links stay short.

    Parameters
    ----------
    view : View
        The view.

    Returns
    -------
    dict
        Key → value (``level`` is always written).

    Examples
    --------
    >>> view_to_query(View(level="village", area="21.71", lang="en", tiles="none"))
    {'level': 'village', 'area': '21.71', 'lang': 'en', 'tiles': 'none'}
    >>> view_to_query(View())
    {'level': 'province'}
    """
    query = {"level": view.level}
    if view.area is not None:
        query["area"] = view.area
    if view.lang != DEFAULT_LANGUAGE:
        query["lang"] = view.lang
    if view.tiles is not None:
        query["tiles"] = view.tiles
    query.update(choropleth_query(view))
    return query


# --------------------------------------------------------------------------- the Flows page


def _parse_country(text: str) -> str:
    from geo.data.gazetteer import resolve_country

    match = resolve_country(text) if len(text) <= _MAX_COUNTRY_LENGTH else None
    if match is None:
        raise ValueError(text)
    return match[0]


def _flow_periods(values: Mapping[str, str], fix: Corrections) -> dict[str, object]:
    """``from`` and ``to``: one period each, the same granularity, not backwards."""
    fields: dict[str, object] = {}
    for key, name in (("from", "period_from"), ("to", "period_to")):
        period = fix.check(values, key, parse_single_period, "url.flow_period")
        if period is not None:
            fields[name] = period
    start, end = fields.get("period_from"), fields.get("period_to")
    if isinstance(start, str) and isinstance(end, str) and (len(start) != len(end) or end < start):
        fix.note("url.flow_period_order", key="to", value=end, start=start)
        del fields["period_to"]
    return fields


def parse_flow_view(
    query: Mapping[str, str | Sequence[str]],
    *,
    codes: CodeList | None = None,
    dataset_ids: Collection[int] | None = None,
) -> tuple[FlowView, list[str]]:
    """Read the Flows page's view from URL query parameters; return it with at most one message.

    Parameters
    ----------
    query : mapping
        Key → value, or key → values (the last one counts).
    codes : CodeList, optional
        Checks ``area``; default: the official list.
    dataset_ids : collection of int, optional
        The datasets that exist; a ``dataset`` not among them is noted and dropped
        (the page then shows the active one). ``None``: not checked.

    Returns
    -------
    tuple
        The corrected :class:`FlowView`, and ``[]`` or one message naming every corrected key.

    Examples
    --------
    >>> codes = CodeList.from_rows([("21", "Kepulauan Riau"), ("21.71", "Kota Batam")])
    >>> parse_flow_view({"dataset": "2", "area": "2171", "country": "Kamboja", "top": "10"}, codes=codes)
    (FlowView(dataset=2, level='district', area='21.71', country='KH', city=None, period_from=None, period_to=None, min_count=0.0, top=10, lang='id', tiles=None), [])
    >>> view, messages = parse_flow_view({"top": "²", "from": "2024-13", "lang": "en"}, codes=codes)
    >>> view.top, view.period_from
    (50, None)
    >>> print(messages[0])
    This link was corrected: from='2024-13' is not a period (a year 2024 or a month 2024-03); no limit is used. top='²' must be a whole number from 1 to 500; using 50.
    """
    values = _single_values(query)
    fix, tiles = _start(values, FLOW_QUERY_KEYS)
    fields: dict[str, object] = {"lang": fix.lang, "tiles": tiles}
    dataset = fix.check(values, "dataset", lambda text: parse_whole_number(text, low=1, high=MAX_ID), "url.flow_dataset")
    if isinstance(dataset, int) and dataset_ids is not None and dataset not in dataset_ids:
        fix.note("url.flow_dataset_unknown", key="dataset", value=values["dataset"])
        dataset = None
    fields["dataset"] = dataset
    fields["level"], fields["area"] = _parse_place(
        values, codes, fix, national=FLOW_NATIONAL_LEVELS, default=FLOW_DEFAULT_LEVEL
    )
    fields["country"] = fix.check(values, "country", _parse_country, "url.flow_country")
    if values.get("city"):
        fields["city"] = values["city"][:MAX_CITY_LENGTH]
    fields.update(_flow_periods(values, fix))
    minimum = fix.check(values, "min", lambda text: parse_decimal(text, high=MAX_MIN_COUNT), "url.flow_min",
                        high=MAX_MIN_COUNT)
    if minimum is not None:
        fields["min_count"] = minimum
    top = fix.check(values, "top", lambda text: parse_whole_number(text, low=1, high=MAX_TOP), "url.whole_number",
                    low=1, high=MAX_TOP, default=_default_top())
    if top is not None:
        fields["top"] = top
    return FlowView(**fields), fix.messages()  # type: ignore[arg-type]


def _decimal_text(value: float) -> str:
    # parse_decimal reads at most 6 decimals; "g" would write 1e+09, which it refuses.
    return f"{value:.6f}".rstrip("0").rstrip(".")


def flow_view_to_query(view: FlowView) -> dict[str, str]:
    """URL query parameters of ``view``; defaults are left out so links stay short.

    Parameters
    ----------
    view : FlowView
        The view.

    Returns
    -------
    dict
        Key → value.

    Examples
    --------
    >>> flow_view_to_query(FlowView(dataset=3, level="district", area="21.71", country="KH", top=20))
    {'dataset': '3', 'level': 'district', 'area': '21.71', 'country': 'KH', 'top': '20'}
    >>> flow_view_to_query(FlowView(min_count=1e9))
    {'min': '1000000000'}
    """
    default = FlowView()
    query: dict[str, str] = {}
    if view.dataset is not None:
        query["dataset"] = str(view.dataset)
    if view.level != default.level:
        query["level"] = view.level
    for key, value in (
        ("area", view.area),
        ("country", view.country),
        ("city", view.city),
        ("from", view.period_from),
        ("to", view.period_to),
    ):
        if value:
            query[key] = value
    if view.min_count:
        query["min"] = _decimal_text(view.min_count)
    if view.top != default.top:
        query["top"] = str(view.top)
    if view.lang != default.lang:
        query["lang"] = view.lang
    if view.tiles is not None:
        query["tiles"] = view.tiles
    return query


# --------------------------------------------------------------------------- presentation, saved views, stories
#
# present=1, embed=1, v=TOKEN, story=TOKEN, step=N (issue #13). Every page understands them
# (PRESENTATION_KEYS is part of both key lists); none of them changes what the map shows, so
# they are parsed here apart from the pages' own views and written back beside them.

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")
"""Form of a saved view's or a story's token (URL-safe base64, as ``secrets.token_urlsafe`` makes)."""

MAX_STORY_STEPS = 100
"""Largest ``step`` read from a URL (a story has far fewer steps; the page says when it has fewer)."""

SAVED_PAGE_KEY = "_page"
"""Key of a saved view's query naming its page (absent: the Map page); never a URL key (those are plain words)."""

SAVED_PAGES: tuple[str, ...] = ("map", "flows", "priorities")
"""Pages a saved view can open on."""


@dataclass(frozen=True)
class Presentation:
    """How a page is shown and which saved view or story step the URL asks for.

    Examples
    --------
    >>> Presentation(embed=True).full_window, Presentation().full_window
    (True, False)
    """

    present: bool = False
    """``present=1``: the map over the whole window, with a title bar and an exit button."""
    embed: bool = False
    """``embed=1``: the same for an iframe in another page, without the exit button."""
    view_token: str | None = None
    """``v=TOKEN``: open this saved view (the page rewrites the URL to the view's keys)."""
    story_token: str | None = None
    """``story=TOKEN``: show a step of this story."""
    step: int = 1
    """``step=N``: the story's step shown, from 1."""

    @property
    def full_window(self) -> bool:
        """Whether the page shows the map alone (``present=1`` or ``embed=1``)."""
        return self.present or self.embed


def parse_token(text: str) -> str:
    """A saved view's or a story's token: 8 to 64 characters of ``A-Z a-z 0-9 _ -``.

    Parameters
    ----------
    text : str
        The value from the URL.

    Returns
    -------
    str
        The token (surrounding spaces removed).

    Raises
    ------
    ValueError
        For any other form (never looked up in the store).

    Examples
    --------
    >>> parse_token(" Ab3_x-9QzR12 ")
    'Ab3_x-9QzR12'
    >>> parse_token("../etc")
    Traceback (most recent call last):
    ...
    ValueError: ../etc
    """
    text = text.strip()
    if not TOKEN_PATTERN.fullmatch(text):
        raise ValueError(text)
    return text


def parse_presentation(query: Mapping[str, str | Sequence[str]], lang: str | None = None) -> tuple[Presentation, list[str]]:
    """Read ``present``, ``embed``, ``v``, ``story`` and ``step``; return them with at most one message.

    Parameters
    ----------
    query : mapping
        The URL's keys and values (other keys are ignored: the page reads them).
    lang : str, optional
        Language of the message (default: the URL's ``lang``).

    Returns
    -------
    tuple
        The :class:`Presentation` and ``[]`` or one message naming every corrected key.

    Examples
    --------
    >>> parse_presentation({"present": "1", "story": "Ab3_x-9QzR12", "step": "3", "level": "x"})
    (Presentation(present=True, embed=False, view_token=None, story_token='Ab3_x-9QzR12', step=3), [])
    >>> shown, messages = parse_presentation({"v": "<b>", "step": "0"}, "en")
    >>> shown.view_token, shown.step
    (None, 1)
    >>> print(messages[0])
    This link was corrected: v='<b>' is not a link token (8 to 64 letters, digits, '_' or '-'); it is ignored. step='0' must be a whole number from 1 to 100; using 1.
    """
    values = _single_values(query)
    fix = Corrections(lang if lang in LANGUAGES else _language(values)[0])
    fields: dict[str, object] = {}
    for key in ("present", "embed"):
        fields[key] = bool(fix.check(values, key, parse_flag, "url.flag"))
    for key, name in (("v", "view_token"), ("story", "story_token")):
        fields[name] = fix.check(values, key, parse_token, "url.token")
    step = fix.check(values, "step", lambda text: parse_whole_number(text, low=1, high=MAX_STORY_STEPS),
                     "url.whole_number", low=1, high=MAX_STORY_STEPS, default=1)
    if isinstance(step, int):
        fields["step"] = step
    return Presentation(**fields), fix.messages()  # type: ignore[arg-type]


def presentation_to_query(shown: Presentation) -> dict[str, str]:
    """The presentation keys of a page's canonical URL (``v`` is never written back: it is resolved).

    Parameters
    ----------
    shown : Presentation
        How the page is shown.

    Returns
    -------
    dict
        Key → value; ``step`` only with ``story``.

    Examples
    --------
    >>> presentation_to_query(Presentation(present=True, view_token="Ab3_x-9QzR12", story_token="Zz9_x-9QzR12", step=2))
    {'present': '1', 'story': 'Zz9_x-9QzR12', 'step': '2'}
    """
    query: dict[str, str] = {}
    if shown.present:
        query["present"] = "1"
    if shown.embed:
        query["embed"] = "1"
    if shown.story_token is not None:
        query["story"] = shown.story_token
        query["step"] = str(shown.step)
    return query


def without_presentation(query: Mapping[str, str]) -> dict[str, str]:
    """A URL's keys without the presentation keys (what a saved view stores).

    Parameters
    ----------
    query : mapping
        Key → value.

    Returns
    -------
    dict
        The same without :data:`PRESENTATION_KEYS`.

    Examples
    --------
    >>> without_presentation({"level": "village", "area": "21", "present": "1", "step": "2"})
    {'level': 'village', 'area': '21'}
    """
    return {key: value for key, value in query.items() if key not in PRESENTATION_KEYS}


# --------------------------------------------------------------------------- the Priorities page

PRIORITY_QUERY_KEYS: tuple[str, ...] = (
    "level", "area", "lang", "tiles", "dataset", "period", "weights", "hotspots", "hotspot_on", "sites", "radius",
    "served", "page", *PRESENTATION_KEYS,
)
"""URL keys of the Priorities page (``level``/``area``/``lang``/``tiles``/``dataset``/``period`` as on the Map page;
the presentation keys are understood by every page)."""

PRIORITY_DEFAULT_LEVEL = "regency"
"""All of Indonesia is ranked by regency unless the URL asks for provinces."""

HOTSPOT_METHODS: tuple[str, ...] = ("gi", "moran")
"""Map layers of the ``hotspots`` key: Getis-Ord Gi* hot/cold spots, or Local Moran's I clusters."""

HOTSPOT_ON_CHOICES: tuple[str, ...] = ("cases", "case_rate")
"""Indicators the hotspots are computed on (:data:`geo.analysis.priority.HOTSPOT_INDICATORS`)."""

MAX_WEIGHT = 10.0
"""Largest weight a URL may give a component or dimension."""

MAX_SITES = 50
"""Most outreach sites one plan places."""

MAX_RADIUS_KM = 500.0
"""Largest reach of a site, in km."""

DEFAULT_RADIUS_KM = 15.0
MAX_TABLE_PAGE = 100_000


@dataclass(frozen=True)
class PriorityView:
    """What the Priorities page shows; immutable, so it can be compared and used as a cache key.

    Examples
    --------
    >>> PriorityView().level, PriorityView().radius_km, PriorityView().sites
    ('regency', 15.0, None)
    """

    level: str = PRIORITY_DEFAULT_LEVEL
    area: str | None = None
    lang: str = DEFAULT_LANGUAGE
    tiles: str | None = None
    datasets: tuple[int, ...] | None = None
    """Migration and cases dataset ids; ``None``: the active ones."""
    period: PeriodChoice = None
    """``None``: the latest year of the data."""
    weights: tuple[tuple[str, float], ...] = ()
    """Weights that differ from :data:`geo.analysis.priority.DEFAULT_WEIGHTS`, in that order."""
    hotspots: str | None = None
    """Map layer: ``None`` (the score), ``"gi"`` (hot/cold/not significant) or ``"moran"`` (Local Moran clusters)."""
    hotspot_on: str = "cases"
    sites: int | None = None
    """Outreach sites of the plan; ``None``: no plan."""
    radius_km: float = DEFAULT_RADIUS_KM
    served: int | None = None
    """A dataset of served areas (programme villages, posts) that count as covered."""
    page: int = 1
    """Page of the ranked table (1 is the top)."""

    def weight_text(self) -> str | None:
        """The weights as ``name=value,…`` (``None``: the defaults), the form of ``riskmap rank --weights``.

        Returns
        -------
        str or None

        Examples
        --------
        >>> PriorityView(weights=(("cases", 2.0), ("exposure", 0.5))).weight_text()
        'cases=2,exposure=0.5'
        """
        if not self.weights:
            return None
        return ",".join(f"{name}={_decimal_text(value)}" for name, value in self.weights)


def parse_weight_list(text: str) -> tuple[tuple[str, float], ...]:
    """Weights from ``cases=2,exposure=0.5``: known names, numbers 0 .. :data:`MAX_WEIGHT` (ASCII digits).

    Parameters
    ----------
    text : str
        The value from the URL.

    Returns
    -------
    tuple of (str, float)
        The weights that differ from the defaults, in the order of
        :data:`geo.analysis.priority.DEFAULT_WEIGHTS`.

    Raises
    ------
    ValueError
        An unknown name, a value that is not such a number, or every component or every
        dimension at zero (nothing left to score).

    Examples
    --------
    >>> parse_weight_list("exposure=0.5, cases=2,change=0.5")
    (('cases', 2.0), ('exposure', 0.5))
    >>> parse_weight_list("cases=1e9")
    Traceback (most recent call last):
    ...
    ValueError: cases=1e9
    """
    from geo.analysis.priority import COMPONENTS, DEFAULT_WEIGHTS, DIMENSIONS

    weights = dict(DEFAULT_WEIGHTS)
    for item in (part for part in text.split(",") if part.strip()):
        name, _, value = item.partition("=")
        try:
            if name.strip() not in weights:
                raise ValueError(name)
            weights[name.strip()] = parse_decimal(value, high=MAX_WEIGHT)
        except ValueError:
            raise ValueError(text) from None  # the whole value is quoted back
    if not any(weights[name] > 0 for name in COMPONENTS) or not any(weights[name] > 0 for name in DIMENSIONS):
        raise ValueError(text)
    return tuple((name, value) for name, value in weights.items() if value != DEFAULT_WEIGHTS[name])


def _parse_radius(text: str) -> float:
    radius = parse_decimal(text, high=MAX_RADIUS_KM)
    if radius <= 0:
        raise ValueError(text)
    return radius


def _priority_checks(lang: str) -> list[tuple[str, str, Callable[[str], object], str, dict[str, object]]]:
    """(URL key, PriorityView field, validator, note, note placeholders) of the Priorities page's own keys."""
    from geo.analysis.priority import DEFAULT_WEIGHTS

    def choice(choices: Collection[str]) -> Callable[[str], str]:
        return lambda text: parse_choice(text, choices)

    return [
        ("dataset", "datasets", parse_id_list, "url.dataset", {"high": MAX_ID}),
        ("period", "period", parse_period, "url.period", {}),
        ("weights", "weights", parse_weight_list, "url.weights",
         {"known": ", ".join(DEFAULT_WEIGHTS), "high": _decimal_text(MAX_WEIGHT)}),
        ("hotspots", "hotspots", choice(HOTSPOT_METHODS), "url.choice",
         {"known": ", ".join(HOTSPOT_METHODS), "default": t("url.hotspots_off", lang)}),
        ("hotspot_on", "hotspot_on", choice(HOTSPOT_ON_CHOICES), "url.choice",
         {"known": ", ".join(HOTSPOT_ON_CHOICES), "default": HOTSPOT_ON_CHOICES[0]}),
        ("sites", "sites", lambda text: parse_whole_number(text, low=1, high=MAX_SITES), "url.whole_number",
         {"low": 1, "high": MAX_SITES, "default": t("url.no_plan", lang)}),
        ("radius", "radius_km", _parse_radius, "url.radius",
         {"high": _decimal_text(MAX_RADIUS_KM), "default": _decimal_text(DEFAULT_RADIUS_KM)}),
        ("served", "served", lambda text: parse_whole_number(text, low=1, high=MAX_ID), "url.served", {}),
        ("page", "page", lambda text: parse_whole_number(text, low=1, high=MAX_TABLE_PAGE), "url.whole_number",
         {"low": 1, "high": MAX_TABLE_PAGE, "default": 1}),
    ]


def parse_priority_view(
    query: Mapping[str, str | Sequence[str]], *, codes: CodeList | None = None
) -> tuple[PriorityView, list[str]]:
    """Read the Priorities page's view from URL query parameters; return it with at most one message.

    Parameters
    ----------
    query : mapping
        Key → value, or key → values (the last one counts).
    codes : CodeList, optional
        The code list used to check ``area`` (default: the official one).

    Returns
    -------
    tuple
        The corrected :class:`PriorityView`, and ``[]`` or one message naming every corrected key.

    Examples
    --------
    >>> codes = CodeList.from_rows([("21", "Kepulauan Riau"), ("21.71", "Kota Batam")])
    >>> view, messages = parse_priority_view({"area": "21", "level": "village", "weights": "cases=2",
    ...                                       "hotspots": "gi", "sites": "3", "radius": "15"}, codes=codes)
    >>> view.level, view.area, view.weights, view.hotspots, view.sites, view.radius_km, messages
    ('village', '21', (('cases', 2.0),), 'gi', 3, 15.0, [])
    >>> view, messages = parse_priority_view({"sites": "0", "weights": "x=1", "radius": "-5", "lang": "en"}, codes=codes)
    >>> view.sites, view.weights, view.radius_km
    (None, (), 15.0)
    >>> print(messages[0])  # doctest: +ELLIPSIS
    This link was corrected: weights='x=1' must be name=number pairs ... sites='0' must be a whole number from 1 to 50; using no plan. radius='-5' must be a number above 0 and at most 500 (km); using 15.
    """
    values = _single_values(query)
    fix, tiles = _start(values, PRIORITY_QUERY_KEYS)
    level, area = _parse_place(values, codes, fix, national=NATIONAL_LEVELS, default=PRIORITY_DEFAULT_LEVEL)
    fields: dict[str, object] = {"level": level, "area": area, "lang": fix.lang, "tiles": tiles}
    for key, name, parse, string_key, extra in _priority_checks(fix.lang):
        value = fix.check(values, key, parse, string_key, **extra)
        if value is not None:
            fields[name] = value
    return PriorityView(**fields), fix.messages()  # type: ignore[arg-type]


def priority_view_to_query(view: PriorityView) -> dict[str, str]:
    """URL query parameters of ``view``; defaults are left out so links stay short.

    Parameters
    ----------
    view : PriorityView
        The view.

    Returns
    -------
    dict
        Key → value (``level`` is always written).

    Examples
    --------
    >>> priority_view_to_query(PriorityView(level="village", area="21", weights=(("cases", 2.0),), hotspots="moran",
    ...                                     sites=3, radius_km=12.5))
    {'level': 'village', 'area': '21', 'weights': 'cases=2', 'hotspots': 'moran', 'sites': '3', 'radius': '12.5'}
    """
    default = PriorityView()
    datasets = None if view.datasets is None else ",".join(str(i) for i in view.datasets) or "none"

    def unless_default(value: object, default_value: object, text: str) -> str | None:
        return None if value == default_value else text

    written = (
        ("area", view.area),
        ("lang", unless_default(view.lang, default.lang, view.lang)),
        ("tiles", view.tiles),
        ("dataset", datasets),
        ("period", period_to_text(view.period)),
        ("weights", view.weight_text()),
        ("hotspots", view.hotspots),
        ("hotspot_on", unless_default(view.hotspot_on, default.hotspot_on, view.hotspot_on)),
        ("sites", None if view.sites is None else str(view.sites)),
        ("radius", unless_default(view.radius_km, default.radius_km, _decimal_text(view.radius_km))),
        ("served", None if view.served is None else str(view.served)),
        ("page", unless_default(view.page, default.page, str(view.page))),
    )
    return {"level": view.level, **{key: value for key, value in written if value is not None}}
