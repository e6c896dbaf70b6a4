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
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import orjson
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.analysis.palettes import SUPPRESSED_HATCH
from geo.i18n import DEFAULT_LANGUAGE, format_number, t
from geo.web.assets import LeafletUrls, leaflet_urls

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
    from geo.data.boundaries import display_layer

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
    if isinstance(layer, gpd.GeoDataFrame):
        if value_column is not None and values is None:
            values = {
                str(code): _format_value(value, lang)
                for code, value in zip(layer["code"], layer[value_column], strict=True)
            }
        prepared = prepare_layer(layer)
    else:
        prepared = layer
    folium_map = _base_map(prepared.bounds, tiles, assets or leaflet_urls())

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
    min_x, min_y, max_x, max_y = prepared.bounds
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


def _format_value(value: object, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, int | float):
        return format_number(value, lang, 2 if isinstance(value, float) else None)
    return str(value)


def external_urls(text: str) -> list[str]:
    """Every ``http(s)://`` URL in ``text`` (for tests and checks of generated pages).

    Examples
    --------
    >>> external_urls('<a href="https://x.org/a">x</a> src="/app/static/l.js"')
    ['https://x.org/a']
    """
    return re.findall(r"https?://[^\s\"'<>)]+", text)


# --------------------------------------------------------------------------- choropleth (issue 4)
#
# The live map fetches its geometry once from a content-hashed file the app serves
# (static/cache/<level>-<area>-<hash>.json), so the component's script is small and
# identical for every indicator, period and classification of a view: streamlit-folium
# keeps the same map (centre, zoom) and only evaluates the small style payload sent as
# a "feature group" (see :func:`restyle_group`). The standalone export inlines the
# same layer code, Leaflet and the GeoJSON in one file.

CACHE_SUBDIR = "cache"
"""Folder under the app's static folder holding prepared layers as GeoJSON files."""

_CHOROPLETH_STYLE: dict[str, object] = {
    "color": "#4d4d4d", "weight": 0.6, "opacity": 0.9, "fillColor": DEFAULT_FILL, "fillOpacity": 0.45,
}


def layer_file_name(prepared: PreparedLayer) -> str:
    """File name of a prepared layer under ``static/cache/`` (content-hashed: never stale).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> frame = gpd.GeoDataFrame({"code": ["21"], "name": ["Kepri"]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:4326")
    >>> layer_file_name(prepare_layer(frame, level="province"))[:13]
    'province-all-'
    """
    import hashlib

    digest = hashlib.sha256(prepared.geojson.encode()).hexdigest()[:16]
    area = (prepared.within or "all").replace(".", "")
    return f"{prepared.level or 'layer'}-{area}-{digest}.json"


GZIP_SUFFIX = ".gz"
#: Files of an older build of the same layer are removed after this long (a page opened
#: before the rebuild has fetched its copy by then).
STALE_LAYER_FILE_AGE_S = 3600.0


def _cache_folder(static_dir: object | None) -> Path:
    from geo.web.assets import STATIC_DIR

    return Path(static_dir if static_dir is not None else STATIC_DIR) / CACHE_SUBDIR  # type: ignore[arg-type]


def layer_files_present(name: str, static_dir: object | None = None) -> bool:
    """Whether both the GeoJSON file ``name`` and its gzip twin are under ``static/cache/``."""
    folder = _cache_folder(static_dir)
    return (folder / name).is_file() and (folder / (name + GZIP_SUFFIX)).is_file()


def _prune_stale_layer_files(folder: Path, current: str, now: float) -> None:
    """Remove files of the same (level, area) whose content hash is not ``current``'s and that are old."""
    stem = current.rsplit("-", 1)[0] + "-"
    for path in folder.glob(f"{stem}*"):
        if path.name in (current, current + GZIP_SUFFIX) or path.name.rsplit("-", 1)[0] + "-" != stem:
            continue
        try:
            if now - path.stat().st_mtime > STALE_LAYER_FILE_AGE_S:
                path.unlink()
        except FileNotFoundError:  # another server process pruned it first
            pass


def write_layer_file(prepared: PreparedLayer, static_dir: object | None = None) -> str:
    """Write the layer's GeoJSON to ``static/cache/`` once (atomically); return its file name.

    The name holds a hash of the content, so an existing file is never rewritten, and
    a browser never sees half of one (temporary file, then rename). A gzip twin
    (``NAME.gz``) is written beside it: the server hands it out as it is, so it need
    not compress megabytes on every request, and the page unpacks it itself
    (``DecompressionStream``). Files an older build of the same layer left behind
    are removed once they are :data:`STALE_LAYER_FILE_AGE_S` old.
    """
    import gzip
    import time

    from geo.web.assets import write_atomically

    folder = _cache_folder(static_dir)
    name = layer_file_name(prepared)
    if not layer_files_present(name, static_dir):
        content = prepared.geojson.encode()
        # The twin first: whoever sees NAME may rely on NAME.gz being there.
        write_atomically(folder / (name + GZIP_SUFFIX), gzip.compress(content, compresslevel=9, mtime=0))
        write_atomically(folder / name, content)
        _prune_stale_layer_files(folder, name, time.time())
    return name


#: ``riskmapFetchJSON(url)``: the gzip twin unpacked in the page where the browser can
#: (every current one), else the plain file (compressed on the fly by the server).
_FETCH_JSON_JS = """
window.riskmapFetchJSON = window.riskmapFetchJSON || function (url) {
    var packed = typeof DecompressionStream === "function" && typeof Response === "function";
    return fetch(packed ? url + "%s" : url, {cache: "force-cache"}).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        if (!packed) { return response.json(); }
        return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json();
    });
};
""" % GZIP_SUFFIX


def static_url(name: str, base_url_path: str = "") -> str:
    """URL of a file under ``static/cache/`` as Streamlit serves it.

    Examples
    --------
    >>> static_url("regency-all-ab.json", "/riskmap/")
    '/riskmap/app/static/cache/regency-all-ab.json'
    """
    prefix = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    return f"{prefix}/app/static/{CACHE_SUBDIR}/{name}"


class _ChoroplethLayer(MacroElement):
    """Areas styled from a payload ``{colours, areas: {code: [class, value, rank]}, parents, legend, labels}``.

    The geometry is either inlined (standalone export) or fetched from ``url`` (the
    app). ``window.riskmapApply(payload)`` restyles the layer and rewrites the legend
    without touching the geometry. Every text in the payload is escaped by its maker.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (map) {
            var base = {{ this.style_json }};
            var fallbackLabels = {{ this.labels_json }};
            var state = {payload: null};
            function entry(code) {
                var p = state.payload;
                return p && p.areas ? p.areas[code] : undefined;
            }
            function fillOf(code) {
                var p = state.payload;
                if (!p || !p.colours) { return base.fillColor; }
                var e = p.areas[code];
                if (e === undefined || e[0] === -1) { return p.no_data; }
                if (e[0] === -2) { return "url(#" + HATCH_ID + ")"; }
                return p.colours[e[0]];
            }
            var HATCH_ID = "riskmap-suppressed-hatch";
            function ensureHatch() {
                // Suppressed areas are filled with an SVG pattern (grey with darker stripes),
                // as in the legend; it lives in the renderer's <svg>, which exists once areas are drawn.
                var p = state.payload;
                var svg = map.getPanes().overlayPane.querySelector("svg");
                if (!svg || !p || !p.suppressed) { return; }
                var ns = svg.namespaceURI;
                var pattern = svg.querySelector("#" + HATCH_ID);
                if (!pattern) {
                    var defs = svg.querySelector("defs") || svg.insertBefore(document.createElementNS(ns, "defs"), svg.firstChild);
                    pattern = document.createElementNS(ns, "pattern");
                    pattern.setAttribute("id", HATCH_ID);
                    pattern.setAttribute("patternUnits", "userSpaceOnUse");
                    pattern.setAttribute("width", "6");
                    pattern.setAttribute("height", "6");
                    pattern.setAttribute("patternTransform", "rotate(45)");
                    var ground = document.createElementNS(ns, "rect");
                    ground.setAttribute("width", "6");
                    ground.setAttribute("height", "6");
                    var stripe = document.createElementNS(ns, "rect");
                    stripe.setAttribute("width", "2");
                    stripe.setAttribute("height", "6");
                    stripe.setAttribute("fill", {{ this.hatch_json }});
                    pattern.appendChild(ground);
                    pattern.appendChild(stripe);
                    defs.appendChild(pattern);
                }
                pattern.firstChild.setAttribute("fill", p.suppressed);
            }
            function styleOf(feature) {
                var style = Object.assign({}, base);
                style.fillColor = fillOf(feature.properties.code);
                if (state.payload && state.payload.colours) { style.fillOpacity = 0.78; }
                return style;
            }
            function parentOf(code) {
                var cut = code.lastIndexOf(".");
                return cut < 0 ? null : code.slice(0, cut);
            }
            function tipOf(feature) {
                var p = feature.properties, d = state.payload || {};
                var labels = d.labels || fallbackLabels;
                var tip = "<b>" + p.name + "</b><br>" + labels.code + " " + p.code;
                var parent = parentOf(p.code);
                if (d.parents && parent && d.parents[parent]) { tip += "<br>" + d.parents[parent]; }
                if (d.colours) {
                    var e = entry(p.code);
                    if (e === undefined || e[0] === -1) {
                        tip += "<br>" + labels.value + ": " + labels.no_data;
                    } else if (e[0] === -2) {
                        tip += "<br>" + labels.value + ": " + labels.suppressed;
                    } else {
                        tip += "<br>" + labels.value + ": <b>" + e[1] + "</b>";
                        if (e[2]) { tip += "<br>" + labels.rank + ": " + e[2]; }
                    }
                    if (d.source) { tip += "<br><i>" + labels.source + ": " + d.source + "</i>"; }
                }
                return tip;
            }
            var layer = L.geoJSON(null, {
                style: styleOf,
                onEachFeature: function (feature, featureLayer) {
                    featureLayer.bindTooltip(function () { return tipOf(feature); }, {sticky: true});
                    featureLayer.on("mouseover", function () { this.setStyle({weight: base.weight * 3}); });
                    featureLayer.on("mouseout", function () { this.setStyle(styleOf(feature)); });
                }
            }).addTo(map);
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "riskmap-legend-box");
                div.style.display = "none";
                L.DomEvent.disableClickPropagation(div);
                legend.div = div;
                return div;
            };
            legend.addTo(map);
            function apply(payload) {
                state.payload = payload;
                layer.setStyle(styleOf);
                ensureHatch();
                var html = payload && payload.legend ? payload.legend : "";
                legend.div.innerHTML = html;
                legend.div.style.display = html ? "" : "none";
                map.getContainer().setAttribute("data-riskmap-style", payload && payload.key ? payload.key : "");
            }
            window.riskmapApply = apply;
            window.riskmapLayer = layer;
            apply({{ this.payload_json }});
            {% if this.inline %}
            layer.addData({{ this.geojson }});
            ensureHatch();
            window.riskmapLoaded = true;
            {% else %}
            {{ this.fetch_js }}
            ((window.riskmapGeometry || {})[{{ this.url_json }}] || riskmapFetchJSON({{ this.url_json }}))
                .then(function (data) {
                layer.addData(data);
                ensureHatch();
                window.riskmapLoaded = true;
                map.fire("riskmapgeometry");  // layers drawn over the areas (flows) come back to the front
            })
                .catch(function () {
                    legend.div.style.display = "";
                    legend.div.textContent = {{ this.error_json }};
                });
            {% endif %}
            return layer;
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        prepared: PreparedLayer,
        *,
        url: str | None = None,
        payload: Mapping[str, object] | None = None,
        lang: str = DEFAULT_LANGUAGE,
    ) -> None:
        super().__init__()
        self._name = "Choropleth"
        self.inline = url is None
        self.geojson = prepared.geojson if url is None else "null"
        self.url_json = script_json(url or "")
        self.style_json = script_json(_CHOROPLETH_STYLE)
        self.hatch_json = script_json(_valid_colour(SUPPRESSED_HATCH))
        self.labels_json = script_json({"code": escape(t("ui.map.code", lang))})
        self.payload_json = script_json(_checked_payload(payload)) if payload is not None else "null"
        self.error_json = script_json(t("map.export.geometry_error", lang))
        self.fetch_js = _FETCH_JSON_JS

    def render(self, **kwargs: object) -> None:
        script = self._template.module.__dict__["script"]
        self.get_root().script.add_child(_RenderedScript(script(self, kwargs)), name=self.get_name())


def _checked_payload(payload: Mapping[str, object]) -> dict[str, object]:
    """The payload with its colours checked (they reach style attributes)."""
    checked = dict(payload)
    checked["colours"] = [_valid_colour(str(colour)) for colour in payload.get("colours", [])]  # type: ignore[union-attr]
    for key in ("no_data", "suppressed"):
        if key in payload:
            checked[key] = _valid_colour(str(payload[key]))
    return checked


class _FetchedOutlines(MacroElement):
    """Non-interactive outlines (provinces under a map without tiles), fetched from the app."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON(null, {interactive: false, style: {{ this.style_json }}})
            .addTo({{ this._parent.get_name() }});
        {{ this.fetch_js }}
        ((window.riskmapGeometry || {})[{{ this.url_json }}] || riskmapFetchJSON({{ this.url_json }}))
            .then(function (data) { {{ this.get_name() }}.addData(data); {{ this.get_name() }}.bringToBack(); });
        {% endmacro %}
        """
    )

    def __init__(self, url: str) -> None:
        super().__init__()
        self._name = "BaseOutlines"
        self.fetch_js = _FETCH_JSON_JS
        self.url_json = script_json(url)
        self.style_json = script_json(
            {"color": "#8a8a8a", "weight": 1, "fill": True, "fillColor": "#ffffff", "fillOpacity": 0.6}
        )


class _Restyle(MacroElement):
    """Script that applies a style payload to the map's choropleth (sent on each rerun, geometry untouched)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (window.riskmapApply) { window.riskmapApply({{ this.payload_json }}); }
        {% endmacro %}
        """
    )

    def __init__(self, payload: Mapping[str, object] | None) -> None:
        super().__init__()
        self._name = "Restyle"
        self.payload_json = script_json(_checked_payload(payload)) if payload is not None else "null"

    def render(self, **kwargs: object) -> None:
        script = self._template.module.__dict__["script"]
        self.get_root().script.add_child(_RenderedScript(script(self, kwargs)), name=self.get_name())


class _GroupLegend(MacroElement):
    """A legend control shown while its feature group is on the map, and kept in front of the areas.

    Added to a :class:`folium.FeatureGroup`. streamlit-folium removes and re-adds the
    groups passed as ``feature_group_to_add`` on each change, so the control follows
    the group's ``add``/``remove`` events (``L.control().addTo(group)`` would fail).
    The app's area geometry arrives later than the group (it is fetched): when it is
    drawn (``riskmapgeometry``) the group is brought back in front of it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
            var control = L.control({position: {{ this.position_json }}});
            control.onAdd = function () {
                var div = L.DomUtil.create("div", {{ this.class_json }});
                div.style.cssText = "background:rgba(255,255,255,0.92);padding:6px 8px;font:12px sans-serif;"
                    + "max-width:260px;border-radius:4px";
                div.innerHTML = {{ this.html_json }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            var shownOn = null;
            function front() { if (group._map) { group.bringToFront(); } }
            function shown() {
                var map = group._map;
                if (!map) { return; }
                if (!control._map) { control.addTo(map); }
                if (shownOn !== map) { map.on("riskmapgeometry", front); shownOn = map; }
                front();
            }
            group.on("add", shown);
            group.on("remove", function () {
                control.remove();
                if (shownOn) { shownOn.off("riskmapgeometry", front); shownOn = null; }
            });
            shown();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, *, position: str, css_class: str) -> None:
        super().__init__()
        self._name = "GroupLegend"
        self.html_json = script_json(html_text)  # escaped markup from its maker
        self.position_json = script_json(position)
        self.class_json = script_json(css_class)

    def render(self, **kwargs: object) -> None:
        script = self._template.module.__dict__["script"]
        self.get_root().script.add_child(_RenderedScript(script(self, kwargs)), name=self.get_name())


def add_group_legend(
    group: folium.FeatureGroup, html_text: str, *, position: str = "bottomleft", css_class: str = "riskmap-group-legend"
) -> folium.FeatureGroup:
    """Give ``group`` a legend control (already escaped ``html_text``) shown while the group is on the map.

    Examples
    --------
    >>> group = add_group_legend(folium.FeatureGroup(), "<b>Flows</b>", css_class="riskmap-flow-legend")
    >>> m = folium.Map(tiles=None); _ = group.add_to(m)
    >>> html = m.get_root().render()
    >>> '"riskmap-flow-legend"' in html and 'group.on("remove"' in html
    True
    """
    group.add_child(_GroupLegend(html_text, position=position, css_class=css_class))
    return group


def restyle_group(payload: Mapping[str, object] | None) -> folium.FeatureGroup:
    """A (geometry-free) feature group whose script recolours the live map: pass it to
    ``st_folium(feature_group_to_add=...)``; streamlit-folium evaluates it in the existing map.
    """
    group = folium.FeatureGroup(name="riskmap-style", control=False)
    group.add_child(_Restyle(payload))
    return group


def _base_map(bounds: tuple[float, float, float, float], tiles: str, urls: LeafletUrls | None) -> folium.Map:
    if tiles not in (*TILE_LAYERS, "none"):
        raise ValueError(f"Unknown basemap {tiles!r}; use osm, carto or none.")
    min_x, min_y, max_x, max_y = bounds
    folium_map = folium.Map(
        location=[(min_y + max_y) / 2, (min_x + max_x) / 2], zoom_start=5, tiles=None, control_scale=True,
        zoom_snap=0.25,
    )
    # Replace folium's CDN links (Leaflet, jQuery, Bootstrap, awesome-markers) entirely:
    # with no internet a failing <script src> means nothing is drawn at all. Without urls
    # (a standalone file) the caller inlines Leaflet itself.
    if urls is not None:
        folium_map.default_js = [("leaflet", urls.js)]
        folium_map.default_css = [("leaflet_css", urls.css)]
    else:
        folium_map.default_js = []
        folium_map.default_css = []
    folium_map.get_root().header.add_child(Element(_MAP_CSS), name="riskmap_css")
    if tiles == "none":
        folium_map.add_child(_NoBasemapClass())
    else:
        url, attribution = TILE_LAYERS[tiles]
        folium.TileLayer(tiles=url, attr=attribution, name=tiles, max_zoom=19).add_to(folium_map)
    return folium_map


def _prefetch_script_url(urls: Sequence[str | None]) -> str:
    """A ``data:`` script, loaded before Leaflet, that starts downloading the map's geometry files.

    streamlit-folium loads the map's scripts one after the other and runs the map's own
    script last; started here, the download runs while Leaflet loads. The map's script
    then takes the promise from ``window.riskmapGeometry``.
    """
    from urllib.parse import quote

    starts = "".join(
        f"window.riskmapGeometry[{script_json(url)}] = riskmapFetchJSON({script_json(url)});" for url in urls if url
    )
    return "data:text/javascript;charset=utf-8," + quote(_FETCH_JSON_JS + "window.riskmapGeometry = {};" + starts)


def build_live_map(
    layer: PreparedLayer,
    *,
    url: str,
    tiles: str,
    base_outlines_url: str | None = None,
    lang: str = DEFAULT_LANGUAGE,
    assets: LeafletUrls | None = None,
) -> folium.Map:
    """The app's map of ``layer``: geometry fetched from ``url``, styled later by :func:`restyle_group`.

    The map's script depends only on the view's geometry, basemap and language, so
    streamlit-folium keeps the same map (and the user's centre and zoom) while the
    indicator, period or classification change. It fits the layer's bounds once, when created.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> frame = gpd.GeoDataFrame({"code": ["21"], "name": ["Kepri"]}, geometry=[box(103, 0, 105, 2)], crs="EPSG:4326")
    >>> html = build_live_map(prepare_layer(frame), url="/app/static/cache/x.json", tiles="none").get_root().render()
    >>> "/app/static/cache/x.json" in html and '"Kepri"' not in html
    True
    """
    folium_map = _base_map(layer.bounds, tiles, assets or leaflet_urls())
    # Before Leaflet: the geometry downloads while Leaflet loads.
    folium_map.default_js = [("riskmap_geometry", _prefetch_script_url([url, base_outlines_url])), *folium_map.default_js]
    if base_outlines_url is not None:
        folium_map.add_child(_FetchedOutlines(base_outlines_url))
    folium_map.add_child(_ChoroplethLayer(layer, url=url, lang=lang))
    min_x, min_y, max_x, max_y = layer.bounds
    folium_map.fit_bounds([[min_y, min_x], [max_y, max_x]])
    return folium_map


_STANDALONE_CSS = """
<style>
html, body { height: 100%; margin: 0; font: 13px/1.4 sans-serif; }
#riskmap-page { display: flex; flex-direction: column; height: 100%; }
#riskmap-header { padding: 6px 10px; background: #f4f4f4; border-bottom: 1px solid #ccc; }
#riskmap-header h1 { font-size: 16px; margin: 0 0 2px 0; }
#riskmap-header p { margin: 2px 0; color: #333; }
#riskmap-header p.riskmap-sample { color: #8a4b00; font-weight: 600; }
.folium-map { flex: 1; }
</style>
"""


def standalone_map_html(
    layer: PreparedLayer,
    *,
    payload: Mapping[str, object] | None,
    tiles: str = "none",
    base_outlines: PreparedLayer | None = None,
    lang: str = DEFAULT_LANGUAGE,
    title: str = "",
    notes: Sequence[str] = (),
    sample_notes: Sequence[str] = (),
    extra_layers: Sequence[object] = (),
) -> str:
    """One HTML file with Leaflet's JS and CSS, the GeoJSON and the styles inlined (opens offline).

    ``notes`` are lines shown above the map (sources), ``sample_notes`` the
    sample-data labels (highlighted); every text is escaped. ``extra_layers`` are folium elements added to the map, or
    callables taking the folium map (they add themselves).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> frame = gpd.GeoDataFrame({"code": ["21"], "name": ["<img src=x onerror=alert(1)>"]},
    ...                          geometry=[box(103, 0, 105, 2)], crs="EPSG:4326")
    >>> page = standalone_map_html(prepare_layer(frame), payload=None, title="<b>t</b>")
    >>> "<img src=x" in page, "&lt;img src=x onerror=alert(1)&gt;" in page, "&lt;b&gt;t&lt;/b&gt;" in page
    (False, True, True)
    >>> re.findall(r"<(?:script|link)[^>]+(?:src|href)=.?https?://", page)
    []
    """
    from geo.web.assets import leaflet_source_dir

    folium_map = _base_map(layer.bounds, tiles, None)
    source = leaflet_source_dir()
    leaflet_js = (source / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    leaflet_css = (source / "leaflet.css").read_text(encoding="utf-8").replace("</style", "<\\/style")
    root = folium_map.get_root()
    # Leaflet first in <head>: the map's script at the end of <body> needs it.
    root.header.add_child(Element(f"<style>{leaflet_css}</style>\n<script>{leaflet_js}</script>"), name="leaflet_inline", index=0)
    root.header.add_child(Element(_STANDALONE_CSS), name="riskmap_standalone_css")
    lines = "".join(f'<p class="riskmap-sample">{escape(note)}</p>' for note in sample_notes)
    lines += "".join(f'<p class="riskmap-note">{escape(note)}</p>' for note in notes)
    root.html.add_child(
        Element(f'<div id="riskmap-header"><h1>{escape(title)}</h1>{lines}</div>'), name="riskmap_header", index=0
    )
    if base_outlines is not None:
        folium_map.add_child(
            _GeoJsonLayer(
                base_outlines,
                style={"color": "#8a8a8a", "weight": 1, "fill": True, "fillColor": "#ffffff", "fillOpacity": 0.6},
                interactive=False,
                name="BaseOutlines",
            )
        )
    folium_map.add_child(_ChoroplethLayer(layer, payload=payload, lang=lang))
    for extra in extra_layers:
        if callable(extra) and not isinstance(extra, MacroElement):
            extra(folium_map)
        else:
            folium_map.add_child(extra)  # type: ignore[arg-type]
    min_x, min_y, max_x, max_y = layer.bounds
    folium_map.fit_bounds([[min_y, min_x], [max_y, max_x]])
    return root.render()
