"""Area layers ready for the browser: GeoJSON text with rounded coordinates and escaped names.

The geometry of a view is turned into GeoJSON text once per ``(level, within)``
(:func:`cached_layer`) and shared by every session; a map is then a thin folium
object around it (:func:`geo.web.render.build_live_map`), cheap to rebuild on each
rerun. Colours and values are kept apart from the geometry (a style payload keyed by
area code) so that a choropleth is recoloured without preparing the geometry again.

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
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import numpy as np
import shapely

from geo.data.boundaries import OVERVIEW_LEVELS, OVERVIEW_TOLERANCE, make_overview
from geo.web.escape import html_escape, script_json

COORDINATE_DECIMALS = 5
"""Decimals kept in the GeoJSON sent to the browser (5 ≈ 1 m, well below display simplification)."""

INDONESIA_BOUNDS: tuple[float, float, float, float] = (94.9, -11.1, 141.1, 6.1)
"""Fallback (min lng, min lat, max lng, max lat) for an empty layer."""

CANVAS_FROM_AREAS = 2000
"""A layer of this many areas or more is large: drawn on a canvas, first from its overview.

On a canvas rather than as SVG paths (``js/choropleth.js``): measured in Chromium on Jawa
Timur's 8,494 villages, the canvas draws them in 0.49 s against 0.84 s for SVG paths; a few
hundred regencies draw as fast either way and keep their SVG paths (one element per area,
which the page and its tests can address). First from its overview (:func:`overview_of`).
"""

DETAIL_FROM_ZOOM = 9
"""Zoom from which a large layer is drawn with its full geometry instead of its overview."""


@dataclass(frozen=True)
class PreparedLayer:
    """A layer ready for the browser: GeoJSON text with rounded coordinates and escaped names.

    ``geojson`` is a FeatureCollection whose features carry the properties ``code``
    and ``name`` (HTML-escaped); it is safe inside ``<script>``. ``bounds`` is
    (min lng, min lat, max lng, max lat).
    """

    level: str | None
    within: str | None
    geojson: str
    bounds: tuple[float, float, float, float]
    codes: tuple[str, ...]
    overview: bool = False
    """Whether this is a large layer's simplified overview (:func:`overview_of`)."""

    @property
    def count(self) -> int:
        """Number of areas (features)."""
        return len(self.codes)

    @property
    def nbytes(self) -> int:
        """Size of the GeoJSON text in bytes (what the browser receives for geometry)."""
        return len(self.geojson.encode())


def round_coordinates(geometries: np.ndarray, decimals: int = COORDINATE_DECIMALS) -> np.ndarray:
    """Geometries with every coordinate rounded (fewer bytes; topology of the display copy kept).

    Parameters
    ----------
    geometries : numpy.ndarray
        Shapely geometries.
    decimals : int
        Decimals kept.

    Returns
    -------
    numpy.ndarray
        New geometries.

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
    overview: bool = False,
) -> PreparedLayer:
    """Turn a GeoDataFrame with ``code``, ``name`` and polygons into a :class:`PreparedLayer`.

    Parameters
    ----------
    layer : geopandas.GeoDataFrame
        Areas (any CRS; reprojected to EPSG:4326). The frame is not changed; empty
        geometries are left out.
    level, within : str, optional
        The view the layer belongs to (names its cache file).
    decimals : int
        Decimals kept of every coordinate.
    overview : bool
        The layer is an overview (:func:`overview_of`); its file is named apart.

    Returns
    -------
    PreparedLayer
    """
    if layer.crs is not None and not layer.crs.equals("EPSG:4326"):
        layer = layer.to_crs("EPSG:4326")
    keep = ~(layer.geometry.isna() | layer.geometry.is_empty)
    layer = layer[keep.to_numpy()]
    geometries = round_coordinates(np.asarray(layer.geometry.array), decimals)
    geometry_texts = shapely.to_geojson(geometries) if len(geometries) else np.array([], dtype=object)
    codes = [str(code) for code in layer["code"]]
    names = [html_escape(name) for name in layer["name"]]
    features = [
        f'{{"type":"Feature","properties":{script_json({"code": code, "name": name})},"geometry":{geometry}}}'
        for code, name, geometry in zip(codes, names, geometry_texts, strict=True)
    ]
    geojson = '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"
    if len(geometries):
        min_x, min_y, max_x, max_y = (float(v) for v in shapely.total_bounds(geometries))
        bounds = (min_x, min_y, max_x, max_y)
    else:
        bounds = INDONESIA_BOUNDS
    return PreparedLayer(level=level, within=within, geojson=geojson, bounds=bounds, codes=tuple(codes),
                         overview=overview)


@lru_cache(maxsize=48)
def cached_layer(level: str, within: str | None = None) -> PreparedLayer:
    """The display layer of ``level`` inside ``within``, prepared once per process and shared.

    Keys are plain strings (never GeoDataFrames), so sessions share the result; at most
    48 views are kept (Jawa Timur's villages are about 6 MB of text).

    Parameters
    ----------
    level : str
        ``province``, ``regency``, ``district`` or ``village``.
    within : str, optional
        Code of the area the layer is inside (all of Indonesia when None).

    Returns
    -------
    PreparedLayer
    """
    from geo.data.boundaries import display_layer

    return prepare_layer(display_layer(level, within), level=level, within=within)


def overview_of(layer: gpd.GeoDataFrame, tolerance: float = OVERVIEW_TOLERANCE) -> gpd.GeoDataFrame | None:
    """A large layer's overview: the same areas, coverage-simplified further; ``None`` for a small layer.

    The map draws a layer of :data:`CANVAS_FROM_AREAS` areas or more from its overview
    first, and from its full geometry once zoomed in to :data:`DETAIL_FROM_ZOOM`
    (``js/choropleth.js``). Neighbours keep their shared edges (the simplification is of the
    coverage), and no area is lost.

    Parameters
    ----------
    layer : geopandas.GeoDataFrame
        Areas with ``code``, ``name`` and polygons, as :func:`prepare_layer` takes them.
    tolerance : float
        Simplification tolerance in degrees (:data:`OVERVIEW_TOLERANCE`).

    Returns
    -------
    geopandas.GeoDataFrame or None
        A simplified copy; ``None`` when the layer has fewer than :data:`CANVAS_FROM_AREAS` areas.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> frame = gpd.GeoDataFrame({"code": ["21"], "name": ["Kepri"]}, geometry=[box(103, 0, 105, 2)], crs="EPSG:4326")
    >>> overview_of(frame) is None  # one area: drawn from its full geometry only
    True
    """
    if len(layer) < CANVAS_FROM_AREAS:
        return None
    return make_overview(layer, tolerance)


@lru_cache(maxsize=48)
def cached_overview_layer(level: str, within: str | None = None) -> PreparedLayer | None:
    """The overview of the display layer of ``level`` inside ``within`` (``None`` for a small layer).

    Prepared once per process and shared, as :func:`cached_layer`, from the boundary cache's
    overview file (made once, when the level is prepared: :func:`geo.data.boundaries.make_overview`).

    Parameters
    ----------
    level : str
        ``province``, ``regency``, ``district`` or ``village``.
    within : str, optional
        Code of the area the layer is inside (all of Indonesia when None).

    Returns
    -------
    PreparedLayer or None
    """
    from geo.data.boundaries import display_layer

    if level not in OVERVIEW_LEVELS or len(display_layer(level, within)) < CANVAS_FROM_AREAS:
        return None
    return prepare_layer(display_layer(level, within, overview=True), level=level, within=within, overview=True)
