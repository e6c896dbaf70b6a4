"""The map: one live-map builder for every page, its restyling, and the standalone export.

:func:`build_live_map` draws a view's areas whose geometry the browser fetches from a
file the app serves (:mod:`geo.web.layer_files`); the map's script depends only on the
geometry, basemap and language, so streamlit-folium keeps the same map (centre, zoom)
while the page sends small feature groups on each rerun: :func:`restyle_group` (colours,
values, legend) and overlays such as the flows (:mod:`geo.web.flow_layer`). The Map page
and the Flows page both use it. :func:`standalone_map_html` inlines the same layer code,
Leaflet and the GeoJSON in one file that opens offline.

Never cache the folium ``Map`` itself: passed to ``st_folium`` a second time it draws an
empty map. The JavaScript is in ``geo/web/js/``, the legend style in
``geo/web/css/legend.css``, the page templates in ``geo/web/templates/``.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import box
>>> from geo.web.layers import prepare_layer
>>> frame = gpd.GeoDataFrame({"code": ["21"], "name": ["Kepri"]}, geometry=[box(103, 0, 105, 2)], crs="EPSG:4326")
>>> m = build_live_map(prepare_layer(frame), url="/app/static/cache/x.json", tiles="none")
>>> [name for name, _ in m.default_js]
['riskmap_geometry', 'leaflet']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import folium
from branca.element import Figure, MacroElement
from folium.map import FitBounds

from geo.i18n import DEFAULT_LANGUAGE
from geo.web.assets import LeafletUrls, leaflet_source_dir, leaflet_urls, render_template, trusted, web_file
from geo.web.basemap import TILE_LAYERS, base_layer_or_none, own_base_layers
from geo.web.elements import (
    ChoroplethLayer,
    GroupLegend,
    RawText,
    Restyle,
    prefetch_script_url,
    stylesheet,
)
from geo.web.layers import CANVAS_FROM_AREAS, DETAIL_FROM_ZOOM, PreparedLayer
from geo.web.map_controls import WheelAfterFocus, frame_padding

TILE_HOSTS: tuple[str, ...] = ("tile.openstreetmap.org", "basemaps.cartocdn.com")
"""Hosts the browser may contact for tiles (every other asset comes from the app)."""

ATTRIBUTION_HOSTS: tuple[str, ...] = ("www.openstreetmap.org", "carto.com")
"""Hosts that only appear as attribution links (never requested by the map)."""

Bounds = tuple[float, float, float, float]
"""(min lng, min lat, max lng, max lat)."""


def external_urls(text: str) -> list[str]:
    """Every ``http(s)://`` URL in ``text`` (for tests and checks of generated pages).

    Parameters
    ----------
    text : str
        HTML or script.

    Returns
    -------
    list of str

    Examples
    --------
    >>> external_urls('<a href="https://x.org/a">x</a> src="/app/static/l.js"')
    ['https://x.org/a']
    """
    return re.findall(r"https?://[^\s\"'<>)]+", text)


def _base_map(bounds: Bounds, tiles: str, urls: LeafletUrls | None) -> folium.Map:
    if tiles not in (*TILE_LAYERS, "auto", "none"):
        raise ValueError(f"Unknown basemap {tiles!r}; use auto, osm, carto or none.")
    min_x, min_y, max_x, max_y = bounds
    # The wheel scrolls the page until the map is clicked or focused (WheelAfterFocus).
    folium_map = folium.Map(
        location=[(min_y + max_y) / 2, (min_x + max_x) / 2], zoom_start=5, tiles=None, control_scale=True,
        zoom_snap=0.25, scroll_wheel_zoom=False,
    )
    # Replace folium's CDN links (Leaflet, jQuery, Bootstrap, awesome-markers) entirely:
    # with no internet a failing <script src> means nothing is drawn at all. Without urls
    # (a standalone file) the caller inlines Leaflet itself.
    folium_map.default_js = [("leaflet", urls.js)] if urls is not None else []
    folium_map.default_css = [("leaflet_css", urls.css)] if urls is not None else []
    _figure(folium_map).header.add_child(stylesheet("legend.css"), name="riskmap_css")
    folium_map.add_child(WheelAfterFocus())
    return folium_map


def _figure(folium_map: folium.Map) -> Figure:
    root = folium_map.get_root()
    assert isinstance(root, Figure)  # a folium Map always sits in a Figure
    return root


def _fit(folium_map: folium.Map, bounds: Bounds) -> None:
    min_x, min_y, max_x, max_y = bounds
    # The browser frames again once the areas and their colours are there (js/legend_place.js).
    padding = frame_padding()
    fit = FitBounds(
        [[min_y, min_x], [max_y, max_x]],
        padding_top_left=tuple(padding["topLeft"]), padding_bottom_right=tuple(padding["bottomRight"]),
    )
    # Without animation: framing waits for a zoom animation to end before it measures, and
    # the areas are drawn only once framed.
    fit.options["animate"] = False
    folium_map.add_child(fit)


def build_live_map(
    layer: PreparedLayer,
    *,
    url: str,
    tiles: str,
    base_outlines_url: str | None = None,
    land_url: str | None = None,
    lang: str = DEFAULT_LANGUAGE,
    assets: LeafletUrls | None = None,
    bounds: Bounds | None = None,
    canvas_from: int = CANVAS_FROM_AREAS,
    overview_url: str | None = None,
    detail_from_zoom: int = DETAIL_FROM_ZOOM,
) -> folium.Map:
    """The app's map of ``layer``: geometry fetched from ``url``, styled later by :func:`restyle_group`.

    The map's script depends only on the view's geometry, basemap, language and bounds,
    so streamlit-folium keeps the same map (and the user's centre and zoom) while the
    indicator, period, classification or overlays change. It fits ``bounds`` (default:
    the layer's) once, when created.

    Parameters
    ----------
    layer : PreparedLayer
        The areas (only their bounds travel with the script; the geometry is fetched).
    url : str
        URL of the layer's file (:func:`geo.web.layer_files.static_url`).
    tiles : str
        ``"auto"``, ``"osm"``, ``"carto"`` or ``"none"`` (:mod:`geo.web.basemap`).
    base_outlines_url : str, optional
        URL of outlines drawn on our own base under the areas (province borders).
    land_url : str, optional
        URL of our own base's land and place names (:func:`geo.web.basemap.write_base_file`);
        without it the base is sea and outlines only.
    lang : str
        Language of the tooltips and messages.
    assets : LeafletUrls, optional
        Where the browser loads Leaflet from (default: the app's static serving at ``/``).
    bounds : tuple of float, optional
        (min lng, min lat, max lng, max lat) to show, e.g. around the flows of the Flows page.
    canvas_from : int
        Areas drawn on a canvas from this many on (:data:`geo.web.layers.CANVAS_FROM_AREAS`).
    overview_url : str, optional
        The layer's overview (:func:`geo.web.layers.overview_of`): drawn first, and the only
        geometry downloaded with the page; ``url`` is fetched once the reader zooms in to
        ``detail_from_zoom``.
    detail_from_zoom : int
        Zoom from which the full geometry replaces the overview (:data:`geo.web.layers.DETAIL_FROM_ZOOM`).

    Returns
    -------
    folium.Map

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> from geo.web.layers import prepare_layer
    >>> frame = gpd.GeoDataFrame({"code": ["21"], "name": ["Kepri"]}, geometry=[box(103, 0, 105, 2)], crs="EPSG:4326")
    >>> html = build_live_map(prepare_layer(frame), url="/app/static/cache/x.json", tiles="none").get_root().render()
    >>> "/app/static/cache/x.json" in html and '"Kepri"' not in html
    True
    """
    leaflet = assets or leaflet_urls()
    folium_map = _base_map(layer.bounds, tiles, leaflet)
    # Before Leaflet: the geometry downloads while Leaflet loads.
    folium_map.default_js = [
        ("riskmap_geometry", prefetch_script_url([overview_url or url, land_url, base_outlines_url], [leaflet.css])),
        *folium_map.default_js,
    ]
    # The base (land, outlines, names) is drawn once the areas are painted: it never delays them.
    own_base_layers(
        folium_map, tiles=tiles, land_url=land_url, outlines_url=base_outlines_url, lang=lang, after_areas=True
    )
    folium_map.add_child(ChoroplethLayer(
        layer, url=url, lang=lang, frame=frame_padding(), canvas_from=canvas_from, overview_url=overview_url,
        detail_from_zoom=detail_from_zoom,
    ))
    _fit(folium_map, bounds or layer.bounds)
    return folium_map


def restyle_group(payload: Mapping[str, object] | None) -> folium.FeatureGroup:
    """A (geometry-free) feature group whose script recolours the live map.

    Pass it to ``st_folium(feature_group_to_add=...)``; streamlit-folium evaluates it in
    the existing map.

    Parameters
    ----------
    payload : mapping or None
        The style payload (see ``geo/web/js/choropleth.js``); colours are checked.

    Returns
    -------
    folium.FeatureGroup
    """
    group = folium.FeatureGroup(name="riskmap-style", control=False)
    group.add_child(Restyle(payload))
    return group


def add_group_legend(
    group: folium.FeatureGroup, html_text: str, *, position: str = "bottomleft", css_class: str = "riskmap-group-legend"
) -> folium.FeatureGroup:
    """Give ``group`` a legend control (already escaped ``html_text``) shown while the group is on the map.

    Parameters
    ----------
    group : folium.FeatureGroup
        The group (e.g. the flows).
    html_text : str
        Escaped legend markup.
    position : str
        Leaflet control position.
    css_class : str
        Class of the legend's box (styled by ``geo/web/css/legend.css``).

    Returns
    -------
    folium.FeatureGroup
        ``group`` itself.

    Examples
    --------
    >>> group = add_group_legend(folium.FeatureGroup(), "<b>Flows</b>", css_class="riskmap-flow-legend")
    >>> m = folium.Map(tiles=None); _ = group.add_to(m)
    >>> html = m.get_root().render()
    >>> '"riskmap-flow-legend"' in html and "riskmapGroupLegend(" in html
    True
    """
    group.add_child(GroupLegend(html_text, position=position, css_class=css_class))
    return group


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

    Parameters
    ----------
    layer : PreparedLayer
        The areas.
    payload : mapping or None
        Their style payload (colours, values, legend).
    tiles : str
        ``"none"`` (default), ``"auto"``, ``"osm"`` or ``"carto"``; our own base (land,
        place names, ``base_outlines``) is inlined whatever the choice.
    base_outlines : PreparedLayer, optional
        Outlines drawn on our own base under the areas.
    lang : str
        Language of the tooltips.
    title, notes, sample_notes : str, sequence of str
        Heading, lines shown above the map (sources) and the sample-data labels
        (highlighted); every text is escaped by the template.
    extra_layers : sequence
        folium elements added to the map, or callables taking the folium map (they add themselves).

    Returns
    -------
    str
        The page.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> from geo.web.layers import prepare_layer
    >>> frame = gpd.GeoDataFrame({"code": ["21"], "name": ["<img src=x onerror=alert(1)>"]},
    ...                          geometry=[box(103, 0, 105, 2)], crs="EPSG:4326")
    >>> page = standalone_map_html(prepare_layer(frame), payload=None, title="<b>t</b>")
    >>> "<img src=x" in page, "&lt;img src=x onerror=alert(1)&gt;" in page, "&lt;b&gt;t&lt;/b&gt;" in page
    (False, True, True)
    >>> re.findall(r"<(?:script|link)[^>]+(?:src|href)=.?https?://", page)
    []
    """
    folium_map = _base_map(layer.bounds, tiles, None)
    source = leaflet_source_dir()
    root = _figure(folium_map)
    inline_assets = render_template(
        "inline_assets.html.j2",
        leaflet_css=trusted((source / "leaflet.css").read_text(encoding="utf-8"), "style"),
        leaflet_js=trusted((source / "leaflet.js").read_text(encoding="utf-8"), "script"),
        stylesheets=[trusted(web_file("css/standalone.css"), "style")],
    )
    # Leaflet first in <head>: the map's script at the end of <body> needs it.
    root.header.add_child(RawText(inline_assets), name="leaflet_inline", index=0)
    header = render_template("standalone_header.html.j2", title=title, notes=notes, sample_notes=sample_notes)
    root.html.add_child(RawText(header), name="riskmap_header", index=0)
    own_base_layers(folium_map, tiles=tiles, land=base_layer_or_none(), outlines=base_outlines, lang=lang)
    folium_map.add_child(ChoroplethLayer(layer, payload=payload, lang=lang, frame=frame_padding()))
    for extra in extra_layers:
        if isinstance(extra, MacroElement):
            folium_map.add_child(extra)
        elif callable(extra):
            extra(folium_map)
        else:
            raise TypeError(f"An extra layer is a folium element or a callable taking the map, not {extra!r}.")
    _fit(folium_map, layer.bounds)
    return root.render()
