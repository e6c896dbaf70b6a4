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

Rules: all Indonesia shows provinces or regencies (district/village fall back to
regency); inside an area only levels below it can be shown (the area wins, the
level is corrected); a village as ``area`` shows the villages of its district.
An unknown key, a malformed or unknown code, or an unknown level gives a message
and the national view; an unknown ``lang`` or ``tiles`` only resets that key.

Adding a key (issue 4: dataset, indicator, period, classification): add a field
to :class:`View` with a default, parse it in :func:`parse_view`, write it in
:func:`view_to_query`, and add it to :data:`QUERY_KEYS`.

Examples
--------
>>> from geo.codes import CodeList
>>> codes = CodeList.from_rows([("21", "Kepulauan Riau"), ("21.71", "Kota Batam")])
>>> view, messages = parse_view({"level": "village", "area": "21"}, codes=codes)
>>> view
View(level='village', area='21', lang='id', tiles=None)
>>> view_to_query(view)
{'level': 'village', 'area': '21'}
>>> parse_view({"level": "foo"}, codes=codes)
(View(level='province', area=None, lang='id', tiles=None), ["Tingkat wilayah 'foo' tidak dikenal; menampilkan tampilan nasional."])
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from geo import LEVELS
from geo._errors import InvalidCodeError
from geo.codes import CodeList, code_candidates, level_of, truncate_to_level
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

NATIONAL_LEVELS: tuple[str, ...] = ("province", "regency")
"""Levels shown for all of Indonesia (villages of the whole country are never one layer)."""

TILE_CHOICES: tuple[str, ...] = ("osm", "carto", "none")
"""Basemap settings: OpenStreetMap, Carto Positron, or none (our own province outlines)."""

DEFAULT_TILES = "osm"

QUERY_KEYS: tuple[str, ...] = ("level", "area", "lang", "tiles")
"""URL keys the Map page understands."""


@dataclass(frozen=True)
class View:
    """What the Map page shows; immutable, so it can be compared and used as a cache key.

    Examples
    --------
    >>> View(level="regency")
    View(level='regency', area=None, lang='id', tiles=None)
    """

    level: str = "province"
    area: str | None = None
    lang: str = DEFAULT_LANGUAGE
    tiles: str | None = None
    """``None``: the server's default basemap (:func:`default_tiles`)."""


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
    >>> with_area(View(level="village", area="21.71"), "21")
    View(level='village', area='21', lang='id', tiles=None)
    >>> with_area(View(level="village", area="21"), None)
    View(level='regency', area=None, lang='id', tiles=None)
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
    >>> drill_down(View(level="province"), "21")
    View(level='regency', area='21', lang='id', tiles=None)
    >>> drill_down(View(level="regency", area="21"), "21.71")
    View(level='district', area='21.71', lang='id', tiles=None)
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
    >>> parse_view({"area": "2171", "level": "province", "lang": "en"}, codes=codes)
    (View(level='district', area='21.71', lang='en', tiles=None), ['Level Province is not below Kota Batam; showing District in Kota Batam.'])
    >>> parse_view({"level": ["regency"]}, codes=codes)
    (View(level='regency', area=None, lang='id', tiles=None), [])
    """
    values = {key: _single(value) for key, value in query.items()}
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
    return query
