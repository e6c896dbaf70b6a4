"""folium maps of area layers: offline Leaflet, escaped tooltips, prepared (cached) GeoJSON.

The geometry of a view is turned into GeoJSON text once per ``(level, within)``
(:func:`cached_layer`) and shared by every session; a map is then a thin folium
object around that text (:func:`build_map`), cheap to rebuild on each rerun. Never
cache the folium ``Map`` itself: passed to ``st_folium`` a second time it draws an
empty map.

Colours and values are kept apart from the geometry (``colors`` / ``values``
mappings keyed by area code) so that a choropleth can be recoloured without
preparing the geometry again.

Every string that reaches HTML is escaped: area names when the layer is prepared,
labels, values and legend entries when the map is built.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import box
>>> layer = gpd.GeoDataFrame(
...     {"code": ["21.71"], "name": ["Kota <b>Batam</b>"]},
...     geometry=[box(103.9, 0.9, 104.2, 1.2)], crs="EPSG:4326")
>>> prepared = prepare_layer(layer, level="regency")
>>> prepared.count, prepared.bounds
(1, (103.9, 0.9, 104.2, 1.2))
>>> "Kota &lt;b&gt;Batam&lt;/b&gt;" in prepared.geojson
True
>>> html = build_map(prepared, tiles="none").get_root().render()
>>> "https://" in html
False
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import folium
import geopandas as gpd
import numpy as np
import orjson
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.assets import LeafletUrls, leaflet_urls
from geo.i18n import DEFAULT_LANGUAGE, t

COORDINATE_DECIMALS = 5
"""Decimals kept in the GeoJSON sent to the browser (5 ≈ 1 m, well below display simplification)."""

TILE_LAYERS: dict[str, tuple[str, str]] = {
    "osm": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
    "carto": (
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors '
        '&copy; <a href="https://carto.com/attributions">CARTO</a>',
    ),
}
"""Basemap tile URL templates and their attributions; ``none`` has no tiles."""

TILE_HOSTS: tuple[str, ...] = ("tile.openstreetmap.org", "basemaps.cartocdn.com")
"""Hosts the browser may contact for tiles (every other asset comes from the app)."""

ATTRIBUTION_HOSTS: tuple[str, ...] = ("www.openstreetmap.org", "carto.com")
"""Hosts that only appear as attribution links (never requested by the map)."""

DEFAULT_FILL = "#6c8ebf"
NO_DATA_FILL = "#d9d9d9"
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$")

INDONESIA_BOUNDS: tuple[float, float, float, float] = (94.9, -11.1, 141.1, 6.1)
"""Fallback (min lng, min lat, max lng, max lat) for an empty layer."""


@dataclass(frozen=True)
class PreparedLayer:
    """A layer ready for the browser: GeoJSON text with rounded coordinates and escaped names.

    ``geojson`` is a FeatureCollection whose features carry the properties ``code``
    and ``name`` (HTML-escaped). ``bounds`` is (min lng, min lat, max lng, max lat).
    """

    level: str | None
    within: str | None
    geojson: str
    bounds: tuple[float, float, float, float]
    codes: tuple[str, ...]

    @property
    def count(self) -> int:
        """Number of areas (features)."""
        return len(self.codes)

    @property
    def nbytes(self) -> int:
        """Size of the GeoJSON text in bytes (what the browser receives for geometry)."""
        return len(self.geojson.encode())


def escape(text: object) -> str:
    """HTML-escape any value for the page (quotes too, so it is safe in attributes).

    Examples
    --------
    >>> escape("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
    """
    return html.escape(str(text), quote=True)


def script_json(value: object) -> str:
    """JSON for embedding in a ``<script>``: ``</`` cannot close the script element.

    Examples
    --------
    >>> script_json({"a": "</script>"})
    '{"a":"<\\\\/script>"}'
    """
    return orjson.dumps(value).decode().replace("</", "<\\/")


def round_coordinates(geometries: np.ndarray, decimals: int = COORDINATE_DECIMALS) -> np.ndarray:
    """Geometries with every coordinate rounded (fewer bytes; topology of the display copy kept).

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> round_coordinates(np.array([Point(104.123456789, 1.000004)]))[0].wkt
    'POINT (104.12346 1)'
    """
    return shapely.transform(geometries, lambda coords: np.round(coords, decimals))


def prepare_layer(
    layer: gpd.GeoDataFrame,
    *,
    level: str | None = None,
    within: str | None = None,
    decimals: int = COORDINATE_DECIMALS,
) -> PreparedLayer:
    """Turn a GeoDataFrame with ``code``, ``name`` and polygons (EPSG:4326) into a :class:`PreparedLayer`.

    The frame is not changed. Empty geometries are left out.
    """
    if layer.crs is not None and not layer.crs.equals("EPSG:4326"):
        layer = layer.to_crs("EPSG:4326")
    keep = ~(layer.geometry.isna() | layer.geometry.is_empty)
    layer = layer[keep.to_numpy()]
    geometries = round_coordinates(np.asarray(layer.geometry.array), decimals)
    geometry_texts = shapely.to_geojson(geometries) if len(geometries) else np.array([], dtype=object)
    codes = [str(code) for code in layer["code"]]
    names = [escape(name) for name in layer["name"]]
    features = [
        '{"type":"Feature","properties":%s,"geometry":%s}' % (script_json({"code": code, "name": name}), geometry)
        for code, name, geometry in zip(codes, names, geometry_texts, strict=True)
    ]
    geojson = '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"
    if len(geometries):
        min_x, min_y, max_x, max_y = (float(v) for v in shapely.total_bounds(geometries))
        bounds = (min_x, min_y, max_x, max_y)
    else:
        bounds = INDONESIA_BOUNDS
    return PreparedLayer(level=level, within=within, geojson=geojson, bounds=bounds, codes=tuple(codes))


@lru_cache(maxsize=48)
def cached_layer(level: str, within: str | None = None) -> PreparedLayer:
    """The display layer of ``level`` inside ``within``, prepared once per process and shared.

    Keys are plain strings (never GeoDataFrames), so sessions share the result; at most
    48 views are kept (Jawa Timur's villages are about 6 MB of text).
    """
    from geo.boundaries import display_layer

    return prepare_layer(display_layer(level, within), level=level, within=within)


def _valid_colour(colour: str) -> str:
    if not _HEX_COLOUR.match(colour):
        raise ValueError(f"Colour {colour!r} is not a hex colour such as #1f78b4.")
    return colour


class _RenderedScript(Element):
    """Already rendered JavaScript, added to the page as is.

    branca wraps each element's rendered script in ``Element(text)``, which compiles
    the text as a Jinja template: for a megabyte of GeoJSON that lexing alone took
    about 0.15 s per rerun. This element skips the compilation.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


class _GeoJsonLayer(MacroElement):
    """A Leaflet GeoJSON layer around prepared GeoJSON text (styles looked up by area code)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var colours = {{ this.colours_json }};
            var values = {{ this.values_json }};
            var labels = {{ this.labels_json }};
            var base = {{ this.style_json }};
            function styleOf(feature) {
                var code = feature.properties.code;
                var style = Object.assign({}, base);
                if (code in colours) { style.fillColor = colours[code]; }
                return style;
            }
            var layer = L.geoJSON({{ this.geojson }}, {
                interactive: {{ this.interactive|tojson }},
                style: styleOf,
                onEachFeature: function (feature, featureLayer) {
                    if (!{{ this.interactive|tojson }}) { return; }
                    var p = feature.properties;
                    var tip = "<b>" + p.name + "</b><br>" + labels.code + " " + p.code;
                    if (p.code in values) { tip += "<br>" + values[p.code]; }
                    featureLayer.bindTooltip(tip, {sticky: true});
                    featureLayer.on("mouseover", function () {
                        this.setStyle({weight: base.weight * 2.5});
                    });
                    featureLayer.on("mouseout", function () {
                        this.setStyle(styleOf(feature));
                    });
                }
            });
            return layer;
        })().addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        prepared: PreparedLayer,
        *,
        style: Mapping[str, object],
        interactive: bool,
        colours: Mapping[str, str] | None = None,
        values: Mapping[str, str] | None = None,
        labels: Mapping[str, str] | None = None,
        name: str = "GeoJsonLayer",
    ) -> None:
        super().__init__()
        self._name = name
        self.geojson = prepared.geojson  # already safe inside <script> (names escaped)
        self.interactive = interactive
        self.style_json = script_json(dict(style))
        self.colours_json = script_json({str(k): _valid_colour(v) for k, v in (colours or {}).items()})
        self.values_json = script_json({str(k): escape(v) for k, v in (values or {}).items()})
        self.labels_json = script_json({str(k): escape(v) for k, v in (labels or {}).items()})

    def render(self, **kwargs: object) -> None:
        # Same as MacroElement.render (this template has only a script macro), minus
        # the Jinja compilation of the rendered text (see _RenderedScript).
        script = self._template.module.__dict__["script"]
        self.get_root().script.add_child(_RenderedScript(script(self, kwargs)), name=self.get_name())


class _HtmlLegend(MacroElement):
    """A legend drawn as a Leaflet control with escaped HTML (no branca colormap: that pulls d3 from a CDN)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "riskmap-legend");
            div.innerHTML = {{ this.html_json }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, title: str, entries: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._name = "HtmlLegend"
        self.html = legend_html(title, entries)
        self.html_json = script_json(self.html)


def legend_html(title: str, entries: Sequence[tuple[str, str]]) -> str:
    """Legend markup: a title and one ``(colour, label)`` row each; labels escaped, colours checked.

    Examples
    --------
    >>> legend_html("Cases", [("#ff0000", "1 – 5 <script>")])
    '<div class="riskmap-legend-title">Cases</div><div><i style="background:#ff0000"></i>1 – 5 &lt;script&gt;</div>'
    """
    rows = "".join(
        f'<div><i style="background:{_valid_colour(colour)}"></i>{escape(label)}</div>' for colour, label in entries
    )
    return f'<div class="riskmap-legend-title">{escape(title)}</div>{rows}'


_MAP_CSS = """
<style>
.riskmap-legend { background: rgba(255,255,255,0.9); padding: 6px 8px; border-radius: 4px;
  font: 12px/1.4 sans-serif; box-shadow: 0 0 4px rgba(0,0,0,0.3); }
.riskmap-legend i { display: inline-block; width: 14px; height: 10px; margin-right: 6px; opacity: 0.8; }
.riskmap-legend-title { font-weight: bold; margin-bottom: 2px; }
.riskmap-nobasemap.leaflet-container { background: #e6eef4; }
</style>
"""


def build_map(
    layer: gpd.GeoDataFrame | PreparedLayer,
    *,
    tiles: str,
    value_column: str | None = None,
    colours: Mapping[str, str] | None = None,
    values: Mapping[str, str] | None = None,
    legend: tuple[str, Sequence[tuple[str, str]]] | None = None,
    base_outlines: gpd.GeoDataFrame | PreparedLayer | None = None,
    lang: str = DEFAULT_LANGUAGE,
    assets: LeafletUrls | None = None,
) -> folium.Map:
    """A folium map of ``layer`` that loads Leaflet from the app (no CDN) and fits the layer.

    Parameters
    ----------
    layer
        The areas to draw (``code``, ``name``, polygons) or a :class:`PreparedLayer`.
    tiles
        ``"osm"``, ``"carto"`` or ``"none"`` (no tiles; pass ``base_outlines`` for context).
    value_column
        With a GeoDataFrame: a column whose values the tooltips show (when ``values`` is not given).
    colours
        Fill colour per area code (hex); areas without one get the default fill.
    values
        Text per area code shown in the tooltip (escaped here).
    legend
        ``(title, [(colour, label), ...])`` drawn as an HTML control.
    base_outlines
        Non-interactive outlines drawn under ``layer`` (province borders when there are no tiles).
    lang
        Language of the tooltip labels.
    assets
        Where the browser loads Leaflet from (default: the app's static serving at ``/``).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> frame = gpd.GeoDataFrame({"code": ["21"], "name": ["Kepulauan Riau"], "cases": [3]},
    ...                          geometry=[box(103, 0, 105, 2)], crs="EPSG:4326")
    >>> m = build_map(frame, tiles="osm", value_column="cases")
    >>> [src for _, src in m.default_js]
    ['/app/static/vendor/leaflet/leaflet.js']
    """
    if tiles not in (*TILE_LAYERS, "none"):
        raise ValueError(f"Unknown basemap {tiles!r}; use osm, carto or none.")
    if isinstance(layer, gpd.GeoDataFrame):
        if value_column is not None and values is None:
            values = {
                str(code): _format_value(value)
                for code, value in zip(layer["code"], layer[value_column], strict=True)
            }
        prepared = prepare_layer(layer)
    else:
        prepared = layer
    urls = assets or leaflet_urls()

    min_x, min_y, max_x, max_y = prepared.bounds
    folium_map = folium.Map(
        location=[(min_y + max_y) / 2, (min_x + max_x) / 2],
        zoom_start=5,
        tiles=None,
        control_scale=True,
        zoom_snap=0.25,
    )
    # Replace folium's CDN links (Leaflet, jQuery, Bootstrap, awesome-markers) entirely:
    # with no internet a failing <script src> means nothing is drawn at all.
    folium_map.default_js = [("leaflet", urls.js)]
    folium_map.default_css = [("leaflet_css", urls.css)]
    folium_map.get_root().header.add_child(Element(_MAP_CSS), name="riskmap_css")

    if tiles == "none":
        folium_map.add_child(_NoBasemapClass())
    else:
        url, attribution = TILE_LAYERS[tiles]
        folium.TileLayer(tiles=url, attr=attribution, name=tiles, max_zoom=19).add_to(folium_map)

    if base_outlines is not None:
        base = base_outlines if isinstance(base_outlines, PreparedLayer) else prepare_layer(base_outlines)
        folium_map.add_child(
            _GeoJsonLayer(
                base,
                style={"color": "#8a8a8a", "weight": 1, "fill": True, "fillColor": "#ffffff", "fillOpacity": 0.6},
                interactive=False,
                name="BaseOutlines",
            )
        )
    folium_map.add_child(
        _GeoJsonLayer(
            prepared,
            style={"color": "#2b2b2b", "weight": 0.6, "opacity": 0.9, "fillColor": DEFAULT_FILL, "fillOpacity": 0.45},
            interactive=True,
            colours=colours,
            values=values,
            labels={"code": t("ui.map.code", lang)},
            name="Areas",
        )
    )
    if legend is not None:
        folium_map.add_child(_HtmlLegend(*legend))
    folium_map.fit_bounds([[min_y, min_x], [max_y, max_x]])
    return folium_map


class _NoBasemapClass(MacroElement):
    """Give the map container a sea-like background when there are no tiles."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.DomUtil.addClass({{ this._parent.get_name() }}.getContainer(), "riskmap-nobasemap");
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "NoBasemap"


def _format_value(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def external_urls(text: str) -> list[str]:
    """Every ``http(s)://`` URL in ``text`` (for tests and checks of generated pages).

    Examples
    --------
    >>> external_urls('<a href="https://x.org/a">x</a> src="/app/static/l.js"')
    ['https://x.org/a']
    """
    return re.findall(r"https?://[^\s\"'<>)]+", text)
