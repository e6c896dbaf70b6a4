"""folium elements of the riskmap maps: each calls one function of ``geo/web/js/``.

The JavaScript lives in files (``geo/web/js/*.js``); each file defines one
``window.riskmapX`` function. An element's script is that file followed by one call
whose arguments are JSON from :func:`geo.web.escape.script_json` (the one helper that
places data into ``<script>``), so no user text is ever spliced into code. Every
element shares :class:`ScriptElement`'s ``render``.

Examples
--------
>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = m.add_child(Restyle({"key": "k", "colours": ["#ff0000"], "areas": {}, "no_data": "#d9d9d9"}))
>>> 'riskmapRestyle({"key":"k"' in m.get_root().render()
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import ClassVar

from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geo.analysis.palettes import SUPPRESSED_HATCH
from geo.i18n import DEFAULT_LANGUAGE, t
from geo.web.assets import render_template, web_file
from geo.web.escape import html_escape, script_json
from geo.web.layers import CANVAS_FROM_AREAS, DETAIL_FROM_ZOOM, PreparedLayer

DEFAULT_FILL = "#6c8ebf"
"""Fill of the areas before (or without) a style payload."""

_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$")

CHOROPLETH_STYLE: dict[str, object] = {
    "color": "#4d4d4d", "weight": 0.6, "opacity": 0.9, "fillColor": DEFAULT_FILL, "fillOpacity": 0.45,
}
"""Base style of the areas (fill and opacity replaced by the payload)."""

OUTLINE_STYLE: dict[str, object] = {
    "color": "#8a8a8a", "weight": 1, "fill": True, "fillColor": "#ffffff", "fillOpacity": 0.6,
}
"""Style of the province outlines on our own base (under the tiles, if any)."""


def checked_colour(colour: str) -> str:
    """``colour`` if it is a hex colour (it reaches style attributes), else a ``ValueError``.

    Parameters
    ----------
    colour : str
        ``#rgb`` or ``#rrggbb``.

    Returns
    -------
    str
        The same colour.

    Examples
    --------
    >>> checked_colour("#1f78b4")
    '#1f78b4'
    """
    if not _HEX_COLOUR.match(colour):
        raise ValueError(f"Colour {colour!r} is not a hex colour such as #1f78b4.")
    return colour


def checked_payload(payload: Mapping[str, object]) -> dict[str, object]:
    """The style payload with its colours checked (they reach style attributes).

    Parameters
    ----------
    payload : mapping
        ``{colours, no_data, suppressed, fill, areas, ...}`` (see ``js/choropleth.js``).

    Returns
    -------
    dict
        A copy; a ``ValueError`` names a colour that is not a hex colour.
    """
    checked = dict(payload)
    colours = payload.get("colours")
    if colours is not None:
        checked["colours"] = [checked_colour(str(colour)) for colour in colours]  # type: ignore[attr-defined]
    for key in ("no_data", "suppressed", "fill"):
        if key in payload:
            checked[key] = checked_colour(str(payload[key]))
    return checked


class RawText(Element):
    """Text added to the page as it is (already rendered script, or trusted HTML).

    branca wraps each element's rendered script in ``Element(text)``, which compiles
    the text as a Jinja template: for a megabyte of GeoJSON that lexing alone took
    about 0.15 s per rerun. This element skips the compilation.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        """The text itself."""
        return self.text


class ScriptElement(MacroElement):
    """An element whose script is a ``geo/web/js`` file and one call of the function it defines.

    Subclasses name the files (:attr:`script_files`, loaded in order; the last one
    defines :attr:`function`) and give the call's arguments after the parent's name
    (:meth:`arguments`, JavaScript expressions made by :func:`script_json`).
    """

    script_files: ClassVar[tuple[str, ...]] = ()
    function: ClassVar[str] = ""
    passes_parent: ClassVar[bool] = True
    """Whether the parent (map or group) is the call's first argument."""

    def arguments(self) -> Sequence[str]:
        """JavaScript expressions passed after the parent (map or group)."""
        return ()

    # streamlit-folium reads each element's script through this macro (not through render).
    _template = Template("{% macro script(this, kwargs) %}{{ this.script_text() }}{% endmacro %}")

    def script_text(self) -> str:
        """The element's JavaScript: its files, then the call of :attr:`function`."""
        sources = "\n".join(web_file(f"js/{name}") for name in self.script_files)
        parent = (self._parent.get_name(),) if self.passes_parent and self._parent is not None else ()
        call_arguments = ", ".join((*parent, *self.arguments()))
        return f"{sources}\nvar {self.get_name()} = window.{self.function}({call_arguments});\n"

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # as MacroElement.render
        """Add the script to the page as it is (no Jinja compilation of the text: see :class:`RawText`)."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("A map element is rendered inside a folium Map (a branca Figure).")
        figure.script.add_child(RawText(self.script_text()), name=self.get_name())


class ChoroplethLayer(ScriptElement):
    """The areas, styled from a payload (``js/choropleth.js``); geometry inlined or fetched from ``url``.

    ``frame`` (``{"topLeft": [x, y], "bottomRight": [x, y]}`` padding in pixels) makes the
    map frame itself once on the areas with data and put the legend where it covers none
    (:mod:`geo.web.map_controls`). Layers of ``canvas_from`` areas or more are drawn on a
    canvas (:data:`geo.web.layers.CANVAS_FROM_AREAS`). With ``overview_url`` the areas are
    drawn first from that simplified geometry (:func:`geo.web.layers.overview_of`) and from
    ``url`` once the map is zoomed in to ``detail_from_zoom``.
    """

    script_files = ("fetch_json.js", "prefetch.js", "tooltip_inside.js", "legend_place.js", "choropleth.js")
    function = "riskmapChoropleth"

    def __init__(
        self,
        prepared: PreparedLayer,
        *,
        url: str | None = None,
        payload: Mapping[str, object] | None = None,
        lang: str = DEFAULT_LANGUAGE,
        frame: Mapping[str, object] | None = None,
        canvas_from: int = CANVAS_FROM_AREAS,
        overview_url: str | None = None,
        detail_from_zoom: int = DETAIL_FROM_ZOOM,
    ) -> None:
        super().__init__()
        self._name = "Choropleth"
        # The prepared GeoJSON is already safe inside <script> (names escaped, JSON made by script_json).
        self.inline_geojson = prepared.geojson if url is None else "null"
        self.options = script_json({
            "style": CHOROPLETH_STYLE,
            "hatch": checked_colour(SUPPRESSED_HATCH),
            "labels": {"code": html_escape(t("ui.map.code", lang)), "legend": html_escape(t("map.legend.toggle", lang))},
            "payload": checked_payload(payload) if payload is not None else None,
            "url": url or "",
            "error": t("map.export.geometry_error", lang),
            "frame": frame,
            "canvas_from": int(canvas_from),
            "overview_url": overview_url if url is not None and overview_url else "",
            "detail_from_zoom": int(detail_from_zoom),
        })

    def arguments(self) -> Sequence[str]:
        """The options and the inline geometry (``null``: fetched)."""
        return (self.options, self.inline_geojson)


class Outlines(ScriptElement):
    """Non-interactive outlines under the areas (``js/outlines.js``), inlined or fetched from ``url``."""

    script_files = ("fetch_json.js", "prefetch.js", "after_areas.js", "outlines.js")
    function = "riskmapOutlines"

    def __init__(self, *, url: str | None = None, prepared: PreparedLayer | None = None) -> None:
        super().__init__()
        if (url is None) == (prepared is None):
            raise ValueError("Outlines need either a url or a prepared layer.")
        self._name = "BaseOutlines"
        self.inline_geojson = prepared.geojson if prepared is not None else "null"
        # In our own base's pane (geo.web.basemap), under the tiles, when the map has one.
        self.options = script_json({"style": OUTLINE_STYLE, "url": url or "", "pane": "riskmapBase"})

    def arguments(self) -> Sequence[str]:
        """The options and the inline geometry (``null``: fetched)."""
        return (self.options, self.inline_geojson)


class Restyle(ScriptElement):
    """Applies a style payload to the map's areas (``js/restyle.js``); sent on each rerun, geometry untouched."""

    script_files = ("restyle.js",)
    function = "riskmapRestyle"
    passes_parent = False  # it acts on the map's areas, whichever group carries it

    def __init__(self, payload: Mapping[str, object] | None) -> None:
        super().__init__()
        self._name = "Restyle"
        self.payload_json = script_json(checked_payload(payload) if payload is not None else None)

    def arguments(self) -> Sequence[str]:
        """The style payload."""
        return (self.payload_json,)


class GroupLegend(ScriptElement):
    """A legend control shown while its feature group is on the map (``js/group_legend.js``)."""

    script_files = ("group_legend.js",)
    function = "riskmapGroupLegend"

    def __init__(self, html_text: str, *, position: str, css_class: str) -> None:
        super().__init__()
        self._name = "GroupLegend"
        # html_text is escaped markup from its maker (e.g. geo.web.flow_layer.legend_html).
        self.options = script_json({"position": position, "className": css_class, "html": html_text})

    def arguments(self) -> Sequence[str]:
        """Position, CSS class and markup."""
        return (self.options,)


def stylesheet(name: str) -> RawText:
    """A style element holding ``geo/web/css/NAME`` (for a page's header).

    Parameters
    ----------
    name : str
        File name under ``geo/web/css/``, e.g. ``"legend.css"``.

    Returns
    -------
    RawText
        Element to add to ``figure.header``.

    Examples
    --------
    >>> ".riskmap-legend" in stylesheet("legend.css").render()
    True
    """
    from geo.web.assets import trusted

    return RawText(render_template("stylesheet.html.j2", css=trusted(web_file(f"css/{name}"), "style")))


def prefetch_script_url(urls: Sequence[str | None], stylesheets: Sequence[str] = ()) -> str:
    """A ``data:`` script, loaded before Leaflet, that starts downloading the map's geometry files.

    streamlit-folium loads the map's scripts one after the other, then links the map's
    stylesheets, then runs the map's own script; started here (``js/prefetch.js``), the
    downloads run while Leaflet loads. The layers then take the promise from
    ``window.riskmapGeometry``; the stylesheets are linked at once, so the map can frame
    itself (which needs Leaflet's control layout) as soon as its areas are there.

    Parameters
    ----------
    urls : sequence of str or None
        Geometry file URLs (``None`` entries are skipped).
    stylesheets : sequence of str
        Stylesheet URLs to link now (Leaflet's).

    Returns
    -------
    str
        A ``data:text/javascript`` URL.

    Examples
    --------
    >>> from urllib.parse import unquote
    >>> 'riskmapPrefetch(["/app/static/cache/x.json"],[])' in unquote(prefetch_script_url(["/app/static/cache/x.json"]))
    True
    """
    from urllib.parse import quote

    wanted = [url for url in urls if url]
    source = (web_file("js/fetch_json.js") + web_file("js/prefetch.js")
              + f"window.riskmapPrefetch({script_json(wanted)},{script_json(list(stylesheets))});")
    return "data:text/javascript;charset=utf-8," + quote(source)
