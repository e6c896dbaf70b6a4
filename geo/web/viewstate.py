"""The map view and its URL query string, both ways (no Streamlit here).

A :class:`View` says what the Map page shows: a ``level`` of areas, optionally
``area`` — the Kemendagri code of the province, regency or district they lie in
(``None`` is all of Indonesia) — plus the interface language and basemap.

URL keys (documented in the README):

=========  ===================================================================
``level``  ``province`` | ``regency`` | ``district`` | ``village``
``area``   a Kemendagri code, dotted (``21.71``) or not (``2171``); absent: all Indonesia
``lang``   ``id`` (default) | ``en``
``tiles``  ``osm`` | ``carto`` | ``none``; absent: the server default (``RISKMAP_TILES``)
=========  ===================================================================

Choropleth keys (issue 4); an invalid value gives a message and only that key falls back:

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
``fixed``      ``1``: class breaks computed over every period (the same colour
               means the same value whatever the period)
=============  ==============================================================

Layer keys (issue 5):

=========  ===================================================================
``flows``  ``1``: draw the flow lines (origins at ``level`` inside ``area`` →
           destinations) of the cases dataset shown, over the choropleth;
           absent or ``0``: no flow lines
=========  ===================================================================

Rules: all Indonesia shows provinces or regencies (district/village fall back to
regency); inside an area only levels below it can be shown (the area wins, the
level is corrected); a village as ``area`` shows the villages of its district.
An unknown key, a malformed or unknown code, or an unknown level gives a message
and the national view; an unknown ``lang`` or ``tiles`` only resets that key.

Adding a key: add a field to :class:`View` with a default, parse it in
:func:`parse_view`, write it in :func:`view_to_query`, and add it to
:data:`QUERY_KEYS`. The choropleth keys are checked here for their form only;
whether a dataset exists or an indicator is available for the data is checked by
:mod:`geo.web.mapview`, which again explains and falls back.

Examples
--------
>>> from geo.data.codes import CodeList
>>> codes = CodeList.from_rows([("21", "Kepulauan Riau"), ("21.71", "Kota Batam")])
>>> view, messages = parse_view({"level": "village", "area": "21"}, codes=codes)
>>> view.level, view.area
('village', '21')
>>> view_to_query(view)
{'level': 'village', 'area': '21'}
>>> view, messages = parse_view({"level": "foo"}, codes=codes)
>>> view.level, messages
('province', ["Tingkat wilayah 'foo' tidak dikenal; menampilkan tampilan nasional."])
>>> view, _ = parse_view({"indicator": "cases", "period": "2024-01..2024-06", "k": "7"}, codes=codes)
>>> view.indicator, view.period, view.k
('cases', ('2024-01', '2024-06'), 7)
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from geo import LEVELS
from geo.data.codes import CodeList, code_candidates, level_of, truncate_to_level
from geo.errors import InvalidCodeError
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

NATIONAL_LEVELS: tuple[str, ...] = ("province", "regency")
"""Levels shown for all of Indonesia (villages of the whole country are never one layer)."""

TILE_CHOICES: tuple[str, ...] = ("osm", "carto", "none")
"""Basemap settings: OpenStreetMap, Carto Positron, or none (our own province outlines)."""

DEFAULT_TILES = "osm"

CHOROPLETH_KEYS: tuple[str, ...] = (
    "dataset", "indicator", "measure", "period", "scheme", "k", "palette", "breaks", "fixed",
)
"""URL keys of the choropleth (data, indicator, period, classification)."""

LAYER_KEYS: tuple[str, ...] = ("flows",)
"""URL keys of layers drawn over the choropleth."""

QUERY_KEYS: tuple[str, ...] = ("level", "area", "lang", "tiles", *CHOROPLETH_KEYS, *LAYER_KEYS)
"""URL keys the Map page understands."""

DEFAULT_SCHEME = "quantiles"
DEFAULT_K = 5
DEFAULT_PALETTE = "YlOrRd"
DEFAULT_MEASURE = "value"
ALL_PERIODS = "all"
"""``period=all``: every period summed."""

_PERIOD = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2]))?$")

PeriodChoice = str | tuple[str, str] | None
"""``None``: the default (latest year of the data); ``"all"``; a period; or an inclusive range."""


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


def default_tiles() -> str:
    """Basemap used when the URL does not choose one: ``RISKMAP_TILES`` or ``osm``.

    Examples
    --------
    >>> default_tiles() in TILE_CHOICES
    True
    """
    setting = os.environ.get("RISKMAP_TILES", "").strip().lower()
    return setting if setting in TILE_CHOICES else DEFAULT_TILES


def effective_tiles(view: View) -> str:
    """The basemap to draw for ``view``."""
    return view.tiles or default_tiles()


def levels_within(area: str | None) -> tuple[str, ...]:
    """Levels that can be shown inside ``area`` (``None``: all Indonesia).

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
        return NATIONAL_LEVELS
    return LEVELS[LEVELS.index(level_of(area)) + 1 :]


def corrected_level(area: str | None, wanted: str | None) -> str:
    """``wanted`` if it can be shown inside ``area``, else the closest level that can.

    Nationally a level below regency falls back to regency; inside an area a level
    at or above the area falls back to the level just below it.

    Examples
    --------
    >>> corrected_level(None, "village"), corrected_level(None, None)
    ('regency', 'province')
    >>> corrected_level("21.71", "province"), corrected_level("21", "village")
    ('district', 'village')
    """
    allowed = levels_within(area)
    if wanted in allowed:
        return wanted  # type: ignore[return-value]
    if area is None:
        return "regency" if wanted in ("district", "village") else "province"
    return allowed[0]


def with_area(view: View, area: str | None) -> View:
    """The view moved to ``area`` keeping the level where it still makes sense.

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
    """The view showing ``level`` (corrected to one that fits the area)."""
    return replace(view, level=corrected_level(view.area, level))


def drill_down(view: View, clicked_code: str) -> View | None:
    """The view after clicking the area ``clicked_code``: its children one level down.

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


def _single(value: str | Sequence[str]) -> str:
    # A key given twice (?level=a&level=b): the last one wins, as in st.query_params[key].
    if isinstance(value, str):
        return value.strip()
    return str(value[-1]).strip() if len(value) else ""


def _level_name(level: str, lang: str) -> str:
    return t(f"level.{level}", lang)


def parse_view(query: Mapping[str, str | list[str]], *, codes: CodeList | None = None) -> tuple[View, list[str]]:
    """Read a view from URL query parameters; return it with messages for the user.

    ``codes`` is the code list used to check ``area`` (default: the official one).
    Messages are in the view's language and say what was wrong and what is shown instead.

    Examples
    --------
    >>> codes = CodeList.from_rows([("21", "Kepulauan Riau"), ("21.71", "Kota Batam")])
    >>> view, messages = parse_view({"area": "2171", "level": "province", "lang": "en"}, codes=codes)
    >>> view.level, view.area, view.lang, messages
    ('district', '21.71', 'en', ['Level Province is not below Kota Batam; showing District in Kota Batam.'])
    >>> view, messages = parse_view({"level": ["regency"], "k": "12", "lang": "en"}, codes=codes)
    >>> view.level, view.k, messages
    ('regency', 5, ["Number of classes '12' in the URL must be a whole number from 3 to 9; using 5."])
    """
    values = {key: _single(value) for key, value in query.items()}
    view, messages = _parse_place(values, codes)
    options, option_messages = parse_choropleth(values, view.lang)
    return replace(view, **options), messages + option_messages


def _parse_place(values: Mapping[str, str], codes: CodeList | None) -> tuple[View, list[str]]:
    """Level, area, language and basemap of the view (the foundation's keys)."""
    messages: list[str] = []

    lang = values.get("lang") or DEFAULT_LANGUAGE
    if lang not in LANGUAGES:
        messages.append(t("ui.share.invalid_lang", DEFAULT_LANGUAGE, value=lang, known=", ".join(LANGUAGES)))
        lang = DEFAULT_LANGUAGE

    tiles: str | None = values.get("tiles") or None
    if tiles is not None and tiles not in TILE_CHOICES:
        messages.append(t("ui.share.invalid_tiles", lang, value=tiles, known=", ".join(TILE_CHOICES)))
        tiles = None

    raw_level = values.get("level") or None
    level_is_valid = raw_level is None or raw_level in LEVELS
    national = View(level=corrected_level(None, raw_level if level_is_valid else None), lang=lang, tiles=tiles)

    unknown_keys = [key for key in values if key not in QUERY_KEYS]
    if unknown_keys:
        for key in unknown_keys:
            messages.append(t("ui.share.unknown_key", lang, key=key, known=", ".join(QUERY_KEYS)))
        return national, messages
    if not level_is_valid:
        messages.append(t("view.invalid_level", lang, value=raw_level))
        return national, messages

    raw_area = values.get("area") or None
    if raw_area is None:
        if raw_level is not None and raw_level not in NATIONAL_LEVELS:
            messages.append(
                t(
                    "ui.share.national_level",
                    lang,
                    level=_level_name(raw_level, lang),
                    fallback=_level_name(national.level, lang),
                )
            )
        return national, messages

    try:
        code_candidates(raw_area)  # malformed codes get their own message
    except InvalidCodeError:
        messages.append(t("ui.share.invalid_area", lang, value=raw_area))
        return national, messages
    codes = codes if codes is not None else CodeList.load()
    try:
        area = codes.validate(raw_area)
    except InvalidCodeError:
        messages.append(t("ui.share.unknown_area", lang, value=raw_area))
        return national, messages

    if level_of(area) == "village":
        district = truncate_to_level(area, "district")
        assert district is not None
        messages.append(t("ui.share.village_area", lang, area=_area_name(area, codes), district=_area_name(district, codes)))
        return View(level="village", area=district, lang=lang, tiles=tiles), messages

    level = corrected_level(area, raw_level)
    if raw_level is not None and level != raw_level:
        messages.append(
            t(
                "ui.share.level_not_below",
                lang,
                level=_level_name(raw_level, lang),
                area=_area_name(area, codes),
                fallback=_level_name(level, lang),
            )
        )
    return View(level=level, area=area, lang=lang, tiles=tiles), messages


def _parse_int_list(text: str) -> tuple[int, ...]:
    if text.lower() == "none":
        return ()
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts or not all(part.isdigit() and int(part) > 0 for part in parts):
        raise ValueError(text)
    return tuple(dict.fromkeys(int(part) for part in parts))


def parse_period(text: str) -> PeriodChoice:
    """A period as written in the URL: ``all``, ``2024``, ``2024-03`` or ``2024-01..2024-06``.

    Raises ``ValueError`` for anything else (including a range whose ends differ in
    granularity or run backwards).

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
    if ".." in text:
        first, _, last = text.partition("..")
        first, last = first.strip(), last.strip()
        if not (_PERIOD.match(first) and _PERIOD.match(last)) or len(first) != len(last) or first > last:
            raise ValueError(text)
        return first if first == last else (first, last)
    if not _PERIOD.match(text):
        raise ValueError(text)
    return text


def period_to_text(period: PeriodChoice) -> str | None:
    """The URL form of a period (inverse of :func:`parse_period`).

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
    try:
        numbers = tuple(float(part) for part in parts)
    except ValueError:
        raise ValueError(text) from None
    if not numbers or len(numbers) > 8 or not all(math.isfinite(n) for n in numbers):
        raise ValueError(text)
    if any(b <= a for a, b in zip(numbers, numbers[1:], strict=False)):
        raise ValueError(text)
    return numbers


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def parse_choropleth(values: Mapping[str, str], lang: str) -> tuple[dict[str, object], list[str]]:
    """The choropleth and layer options of a URL query (``dataset`` … ``fixed``, ``flows``), checked for form only.

    Each invalid value gives a message (in ``lang``) and falls back to its default.

    Examples
    --------
    >>> parse_choropleth({"dataset": "3,4", "palette": "Blues", "breaks": "10,100"}, "en")
    ({'datasets': (3, 4), 'palette': 'Blues', 'breaks': (10.0, 100.0), 'scheme': 'user_defined'}, [])
    >>> parse_choropleth({"flows": "1", "fixed": "0"}, "en")
    ({'flows': True}, [])
    >>> parse_choropleth({"indicator": "<b>"}, "en")[1]
    ["Unknown indicator '<b>' in the URL (choices: migrants, migrants_per_1000, cases, cases_per_1000_migrants, non_procedural_share); using the default."]
    """
    from geo.analysis.classify import SCHEMES
    from geo.analysis.indicators import INDICATORS, MEASURES
    from geo.analysis.palettes import MAX_CLASSES, MIN_CLASSES, PALETTES

    options: dict[str, object] = {}
    messages: list[str] = []

    def bad(key: str, value: str, **extra: object) -> None:
        messages.append(t(f"ui.share.invalid_{key}", lang, value=value, **extra))

    if values.get("dataset"):
        try:
            options["datasets"] = _parse_int_list(values["dataset"])
        except ValueError:
            bad("dataset", values["dataset"])
    if values.get("indicator"):
        if values["indicator"] in INDICATORS:
            options["indicator"] = values["indicator"]
        else:
            bad("indicator", values["indicator"], known=", ".join(INDICATORS))
    if values.get("measure"):
        if values["measure"] in MEASURES:
            options["measure"] = values["measure"]
        else:
            bad("measure", values["measure"], known=", ".join(MEASURES))
    if values.get("period"):
        try:
            options["period"] = parse_period(values["period"])
        except ValueError:
            bad("period", values["period"])
    if values.get("scheme"):
        if values["scheme"] in SCHEMES:
            options["scheme"] = values["scheme"]
        else:
            bad("scheme", values["scheme"], known=", ".join(SCHEMES))
    if values.get("k"):
        raw = values["k"]
        if raw.isdigit() and MIN_CLASSES <= int(raw) <= MAX_CLASSES:
            options["k"] = int(raw)
        else:
            bad("k", raw, low=MIN_CLASSES, high=MAX_CLASSES, default=DEFAULT_K)
    if values.get("palette"):
        if values["palette"] in PALETTES:
            options["palette"] = values["palette"]
        else:
            bad("palette", values["palette"], default=DEFAULT_PALETTE)
    if values.get("breaks"):
        try:
            options["breaks"] = parse_breaks(values["breaks"])
            options["scheme"] = "user_defined"
        except ValueError:
            bad("breaks", values["breaks"])
    if options.get("scheme") == "user_defined" and "breaks" not in options:
        messages.append(t("ui.share.breaks_missing", lang))
        options["scheme"] = DEFAULT_SCHEME
    for key in ("fixed", "flows"):
        if values.get(key):
            flag = values[key].lower()
            if flag in ("1", "true", "yes"):
                options[key] = True
            elif flag not in ("0", "false", "no"):
                bad(key, values[key])
    return options, messages


def choropleth_query(view: View) -> dict[str, str]:
    """URL keys of the view's choropleth options (defaults left out).

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
    return query


def _area_name(code: str, codes: CodeList) -> str:
    return codes.name(code) if code in codes else code


def view_to_query(view: View) -> dict[str, str]:
    """URL query parameters for ``view``; defaults are left out so links stay short.

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
