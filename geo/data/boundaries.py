"""Indonesian administrative boundaries: parse, repair, derive, cache, display copies.

Source: the upstream dumps of cahyadsn/wilayah_boundaries (see ``data/registry.tsv``),
obtained through :mod:`geo.data.sources`. Each level is cached as GeoParquet under
``RISKMAP_HOME/boundaries/<version>/`` (or ``RISKMAP_BOUNDARY_CACHE/<version>/``) —
villages one file per province, built the first time that province is asked for —
together with a *display copy*: the level cleaned into a proper coverage (no overlaps,
thin gaps closed, shared edges identical) and then simplified with
:func:`shapely.coverage_simplify`, so that
neighbours keep sharing their borders at every zoom.

Upstream traps handled here (see the mirror's README): points are ``[lat, lng]``;
nesting depth varies (polygon or multipolygon); some polygons are invalid; an
area may have no polygon of its own, in which case it is derived from the union
of its children.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import shapely

from geo import LEVELS
from geo.config import boundary_cache_root
from geo.data._sqldump import iter_rows
from geo.data.codes import CodeList, area_km2, level_of, parent_of, population
from geo.data.files import write_atomically
from geo.data.sources import open_text, registry
from geo.errors import InvalidCodeError, RiskmapError

log = logging.getLogger(__name__)

CACHE_VERSION = "v1"
"""Bump when the parsing or display rules change: old caches are then ignored."""

COLUMNS: list[str] = [
    "code",
    "name",
    "level",
    "parent_code",
    "province_code",
    "population",
    "area_km2",
    "derived",
    "geometry",
]

_UPSTREAM_FOLDER = {"province": "prov", "regency": "kab", "district": "kec", "village": "kel"}


@dataclass(frozen=True)
class DisplayRule:
    """How a level is simplified for the browser.

    ``gap_width``: gaps narrower than this (degrees) are given to a neighbour.
    ``tolerance``: coverage simplification tolerance (≈ √area of removed triangles, degrees).
    ``min_part_area``: island parts smaller than this (degrees²) are dropped, except an
    area's largest part, so no area ever disappears.
    ``max_sliver_area``: holes in the coverage smaller than this (degrees²; 1e-6 ≈ 1.2 ha)
    are slivers between neighbours and are filled.
    """

    gap_width: float
    tolerance: float
    min_part_area: float
    max_sliver_area: float = 1e-6


DISPLAY_RULES: dict[str, DisplayRule] = {
    "province": DisplayRule(gap_width=0.002, tolerance=0.02, min_part_area=4e-4),
    "regency": DisplayRule(gap_width=0.002, tolerance=0.012, min_part_area=2e-4),
    "district": DisplayRule(gap_width=0.001, tolerance=0.003, min_part_area=1e-5),
    "village": DisplayRule(gap_width=0.0005, tolerance=0.0018, min_part_area=2e-7),
}

DEFAULT_VILLAGE_PROVINCES: tuple[str, ...] = ("21", "35")
"""Provinces whose villages `riskmap data fetch` prepares by default (others on demand)."""


# --------------------------------------------------------------------------- parsing


def path_to_geometry(path_json: str | None) -> shapely.Polygon | shapely.MultiPolygon | None:
    """Turn an upstream ``path`` (JSON rings of ``[lat, lng]``) into a shapely geometry.

    Examples
    --------
    >>> path_to_geometry("[[[0,100],[0,101],[1,101],[0,100]]]").wkt
    'POLYGON ((100 0, 101 0, 101 1, 100 0))'
    >>> path_to_geometry("[[[[0,100],[0,101],[1,101],[0,100]]],[[[5,5],[5,6],[6,6],[5,5]]]]").geom_type
    'MultiPolygon'
    >>> path_to_geometry("") is None
    True
    """
    if not path_json:
        return None
    try:
        data = orjson.loads(path_json)
    except orjson.JSONDecodeError:
        return None
    depth, probe = 0, data
    while isinstance(probe, list) and probe:
        depth, probe = depth + 1, probe[0]
    if depth == 3:
        polygons_data = [data]
    elif depth == 4:
        polygons_data = data
    else:
        return None
    polygons = []
    for polygon_data in polygons_data:
        rings = [np.asarray(ring, dtype=float)[:, ::-1] for ring in polygon_data if len(ring) >= 3]
        rings = [ring if (ring[0] == ring[-1]).all() else np.vstack([ring, ring[:1]]) for ring in rings]
        rings = [ring for ring in rings if len(ring) >= 4]
        if rings:
            polygons.append(shapely.Polygon(rings[0], rings[1:]))
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def polygonal_only(geometries: np.ndarray) -> np.ndarray:
    """Keep only the polygonal parts of each geometry (``None`` where nothing is left)."""
    result = np.empty(len(geometries), dtype=object)
    for index, geometry in enumerate(geometries):
        if geometry is None or geometry.is_empty:
            result[index] = None
        elif geometry.geom_type in ("Polygon", "MultiPolygon"):
            result[index] = geometry
        else:
            parts = [part for part in shapely.get_parts(geometry) if part.geom_type in ("Polygon", "MultiPolygon")]
            result[index] = shapely.union_all(parts) if parts else None
    return result


def repair(geometries: Iterable[object]) -> np.ndarray:
    """Make every geometry valid and polygonal (``make_valid`` structure method).

    Examples
    --------
    >>> bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])
    >>> fixed = repair([bowtie])[0]
    >>> fixed.is_valid, fixed.geom_type, round(fixed.area, 3)
    (True, 'MultiPolygon', 0.5)
    """
    array = np.asarray(list(geometries), dtype=object)
    valid = shapely.make_valid(array, method="structure", keep_collapsed=False)
    return polygonal_only(valid)


def parse_boundary_rows(lines: Iterable[str]) -> gpd.GeoDataFrame:
    """Parse upstream dump lines into ``code, name, geometry`` (repaired, EPSG:4326).

    Rows without a usable polygon are dropped here; :func:`build_level` derives them.
    """
    codes, names, geometries = [], [], []
    for row in iter_rows(lines):
        if len(row) < 5:
            continue
        code, name, _lat, _lng, path = row[:5]
        codes.append(str(code))
        names.append(str(name))
        geometries.append(path_to_geometry(path if isinstance(path, str) else None))
    frame = gpd.GeoDataFrame(
        {"code": codes, "name": names}, geometry=repair(geometries) if geometries else [], crs="EPSG:4326"
    )
    frame = frame[~frame.geometry.isna() & ~frame.geometry.is_empty]
    # A code listed twice upstream: keep the first polygon.
    return frame.drop_duplicates("code").reset_index(drop=True)


def upstream_files(level: str, province: str | None = None) -> list[str]:
    """Relative paths of the upstream files holding ``level`` (villages: of one province)."""
    folder = _UPSTREAM_FOLDER[level]
    if level == "village":
        if province is None:
            raise ValueError("villages are read one province at a time")
        prefix = f"boundaries/db/kel/{province}/"
    else:
        prefix = f"boundaries/db/{folder}/"
    paths = [path for path in registry() if path.startswith(prefix) and path.endswith(".sql")]
    if level in ("regency", "district") and province is not None:
        paths = [path for path in paths if path.endswith(f"_{province}.sql")]
    return sorted(paths)


def read_upstream_level(level: str, province: str | None = None) -> gpd.GeoDataFrame:
    """Parse and repair every upstream polygon of ``level`` (optionally one province)."""
    frames = []
    for relative_path in upstream_files(level, province):
        with open_text(relative_path) as handle:
            frames.append(parse_boundary_rows(handle))
    frame = pd.concat(frames, ignore_index=True) if frames else parse_boundary_rows([])
    frame = frame[frame["code"].map(level_of) == level]
    if province is not None:
        frame = frame[frame["code"].str.split(".").str[0] == province]
    return gpd.GeoDataFrame(frame.drop_duplicates("code"), crs="EPSG:4326").reset_index(drop=True)


# --------------------------------------------------------------------------- building


def attach_attributes(frame: gpd.GeoDataFrame, level: str, code_list: CodeList) -> gpd.GeoDataFrame:
    """Add official names, parent and province codes, population and area to ``frame``."""
    frame = frame.copy()
    known = frame["code"].isin(code_list.frame.index)
    if not known.all():
        log.warning("dropping %d %s polygons whose code is not in the code list", (~known).sum(), level)
        frame = frame[known]
    frame["name"] = code_list.frame.loc[frame["code"], "name"].to_numpy()
    frame["level"] = level
    frame["parent_code"] = [parent_of(code) for code in frame["code"]]
    frame["province_code"] = frame["code"].str.slice(0, 2)
    population_by_code = population().set_index("code")["population"]
    frame["population"] = frame["code"].map(population_by_code).astype("float64")
    area_by_code = area_km2().set_index("code")["area_km2"]
    frame["area_km2"] = frame["code"].map(area_by_code).astype("float64")
    if "derived" not in frame:
        frame["derived"] = False
    return gpd.GeoDataFrame(frame[COLUMNS], crs="EPSG:4326").sort_values("code").reset_index(drop=True)


def derive_missing(
    own: gpd.GeoDataFrame, children: gpd.GeoDataFrame | None, expected_codes: Iterable[str]
) -> gpd.GeoDataFrame:
    """Add an area for every expected code without a polygon, as the union of its children.

    Examples
    --------
    >>> own = gpd.GeoDataFrame({"code": ["11"], "name": ["A"]}, geometry=[shapely.box(0, 0, 1, 1)])
    >>> kids = gpd.GeoDataFrame({"code": ["12.01", "12.02"], "name": ["x", "y"]},
    ...                         geometry=[shapely.box(2, 0, 3, 1), shapely.box(3, 0, 4, 1)])
    >>> out = derive_missing(own, kids, ["11", "12"])
    >>> out.set_index("code").loc["12", "geometry"].area, bool(out.set_index("code").loc["12", "derived"])
    (2.0, True)
    """
    own = own.copy()
    own["derived"] = False
    missing = sorted(set(expected_codes) - set(own["code"]))
    if not missing or children is None or children.empty:
        return own
    parents = children["code"].str.rsplit(".", n=1).str[0]
    derived_rows = []
    for code in missing:
        parts = children.geometry[parents == code]
        if len(parts):
            derived_rows.append({"code": code, "name": "", "derived": True, "geometry": shapely.union_all(parts.values)})
    if not derived_rows:
        return own
    derived = gpd.GeoDataFrame(derived_rows, geometry="geometry", crs=own.crs)
    return gpd.GeoDataFrame(pd.concat([own, derived], ignore_index=True), crs=own.crs)


def clean_coverage(geometries: np.ndarray, gap_width: float, groups: np.ndarray | None = None) -> np.ndarray:
    """Turn overlapping, gappy polygons into a coverage (shared edges identical).

    Closing gaps is the expensive part of GEOS' cleaner and grows faster than linearly,
    so for many polygons we close gaps within each group (e.g. the villages of one
    regency) and then clean the whole set without gap closing, which still removes
    overlaps and matches edges along the seams between groups.
    """
    geometries = np.asarray(geometries, dtype=object)
    if len(geometries) == 0:
        return geometries
    if groups is None:
        cleaned = shapely.coverage_clean(geometries, gap_width=gap_width)
    else:
        cleaned = geometries.copy()
        for group in np.unique(groups):
            members = groups == group
            cleaned[members] = shapely.coverage_clean(geometries[members], gap_width=gap_width)
        cleaned = shapely.coverage_clean(cleaned, gap_width=0.0)
    return polygonal_only(cleaned)


def fill_slivers(geometries: np.ndarray, max_area: float) -> np.ndarray:
    """Give every hole of the coverage smaller than ``max_area`` to the neighbour sharing most of its edge.

    Gaps that survive cleaning (e.g. along seams between groups) become holes in the
    union of the coverage. A hole's ring is made of its neighbours' edges, so adding it
    to one neighbour keeps the coverage edge-matched.

    Examples
    --------
    >>> left = shapely.Polygon([(0, 0), (1, 0), (1, 0.4), (0.99, 0.5), (1, 0.6), (1, 1), (0, 1)])
    >>> right = shapely.Polygon([(1, 0), (2, 0), (2, 1), (1, 1), (1, 0.6), (1, 0.4), (1, 0)])
    >>> filled = fill_slivers(np.array([left, right], dtype=object), max_area=0.01)
    >>> round(float(shapely.area(filled).sum()), 3)
    2.0
    """
    geometries = np.asarray(geometries, dtype=object).copy()
    present = ~shapely.is_missing(geometries)
    union = shapely.coverage_union_all(geometries[present])
    holes = [
        shapely.Polygon(ring)
        for part in shapely.get_parts(union)
        for ring in part.interiors
        if shapely.Polygon(ring).area < max_area
    ]
    if not holes:
        return geometries
    tree = shapely.STRtree(geometries)
    for hole in holes:
        candidates = [index for index in tree.query(hole, predicate="intersects") if present[index]]
        if not candidates:
            continue
        shared = [shapely.length(shapely.intersection(hole.boundary, geometries[index].boundary)) for index in candidates]
        target = candidates[int(np.argmax(shared))]
        geometries[target] = shapely.union(geometries[target], hole)
    return polygonal_only(geometries)


def drop_small_parts(geometries: np.ndarray, min_part_area: float) -> np.ndarray:
    """Drop small islands: parts below ``min_part_area`` that touch no other area.

    An area's largest part is always kept, so no area disappears; a small part that
    touches a neighbour is kept too, since dropping it would open a gap.

    Examples
    --------
    >>> two = shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(5, 5, 5.01, 5.01)])
    >>> drop_small_parts(np.array([two], dtype=object), 0.01)[0].geom_type
    'Polygon'
    """
    geometries = np.asarray(geometries, dtype=object)
    result = geometries.copy()
    tree = shapely.STRtree(geometries)
    for index, geometry in enumerate(geometries):
        if geometry is None or geometry.geom_type == "Polygon":
            continue
        parts = shapely.get_parts(geometry)
        areas = shapely.area(parts)
        keep = (areas >= min_part_area) | (areas == areas.max())
        for part_index in np.flatnonzero(~keep):
            neighbours = tree.query(parts[part_index], predicate="intersects")
            keep[part_index] = bool((neighbours != index).any())
        kept = parts[keep]
        result[index] = kept[0] if len(kept) == 1 else shapely.MultiPolygon(list(kept))
    return result


PREPARATION_STEPS: tuple[str, ...] = ("parse", "repair", "clean", "simplify", "write")
"""Steps of :func:`prepare_level`, in order, as passed to its ``step`` callback."""

PreparationCallback = Callable[[str], None]
"""Called with each step of :data:`PREPARATION_STEPS` as it starts."""


def _no_report(step: str) -> None:
    """The default step callback: report nothing."""


def make_display_copy(
    frame: gpd.GeoDataFrame, rule: DisplayRule, group_level: str | None = None, step: PreparationCallback = _no_report,
) -> gpd.GeoDataFrame:
    """Cleaned, coverage-simplified copy of a level for the browser (``step``: told "clean", then "simplify")."""
    step("clean")
    geometries = frame.geometry.to_numpy()
    groups = None
    if group_level is not None:
        depth = LEVELS.index(group_level) + 1
        groups = frame["code"].str.split(".").str[:depth].str.join(".").to_numpy()
    cleaned = fill_slivers(clean_coverage(geometries, rule.gap_width, groups), rule.max_sliver_area)
    step("simplify")
    simplified = np.empty(len(cleaned), dtype=object)
    # The cleaner may give all of a tiny polygon to its neighbours; simplify what is left.
    present = ~shapely.is_missing(cleaned) & ~shapely.is_empty(cleaned)
    simplified[present] = shapely.coverage_simplify(cleaned[present], rule.tolerance)
    simplified = drop_small_parts(polygonal_only(simplified), rule.min_part_area)
    # Simplifying the outer edges of two neighbours can pinch off a new tiny hole.
    simplified = fill_slivers(simplified, rule.max_sliver_area)
    display = frame.copy()
    display["geometry"] = simplified
    display = display[~display.geometry.isna() & ~display.geometry.is_empty]
    return gpd.GeoDataFrame(display, crs="EPSG:4326").reset_index(drop=True)


OVERVIEW_TOLERANCE = 0.006
"""Coverage simplification (degrees) of a level's overview, on top of its display copy's.

A province's villages are framed at zoom 7–8, where a pixel is 0.011°–0.0055°: the
overview's changes are under a pixel there, and it has about half the vertices (Jawa
Timur's villages: 75,325 instead of 168,058). A map of thousands of areas is drawn from
it first (``geo.web.layers``).
"""

OVERVIEW_LEVELS: tuple[str, ...] = ("district", "village")
"""Levels whose cache has an overview: the only ones with thousands of areas in one view."""


def make_overview(display: gpd.GeoDataFrame, tolerance: float = OVERVIEW_TOLERANCE) -> gpd.GeoDataFrame:
    """The same areas as a display copy, coverage-simplified further: neighbours keep their shared edges.

    No area is lost: one the simplification would leave empty keeps its display geometry.

    Parameters
    ----------
    display : geopandas.GeoDataFrame
        Areas (a display copy, or part of one) with their attributes and polygons.
    tolerance : float
        Simplification tolerance in degrees (:data:`OVERVIEW_TOLERANCE`).

    Returns
    -------
    geopandas.GeoDataFrame
        A copy with simplified geometry, rows and attributes as given.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> frame = gpd.GeoDataFrame({"code": ["21"]}, geometry=[box(103, 0, 105, 2)], crs="EPSG:4326")
    >>> make_overview(frame)["code"].tolist()
    ['21']
    """
    geometries = np.asarray(display.geometry.array)
    present = ~(shapely.is_missing(geometries) | shapely.is_empty(geometries))
    simplified = geometries.copy()
    simplified[present] = shapely.coverage_simplify(geometries[present], tolerance)
    lost = present & shapely.is_empty(simplified)
    simplified[lost] = geometries[lost]
    return display.set_geometry(gpd.GeoSeries(simplified, index=display.index, crs=display.crs))


def build_level(level: str, province: str | None = None, step: PreparationCallback = _no_report) -> gpd.GeoDataFrame:
    """Full-detail polygons of ``level`` with attributes; missing areas derived from children.

    ``step`` is told "parse" as reading starts and "repair" once the polygons are read and
    repaired, as missing areas are derived and the attributes attached.
    """
    code_list = CodeList.load()
    step("parse")
    own = read_upstream_level(level, province)
    step("repair")
    expected = code_list.level(level)["code"]
    if province is not None:
        expected = expected[expected.str.slice(0, 2) == province]
    missing = set(expected) - set(own["code"])
    children = None
    if missing and level != "village":
        child_level = LEVELS[LEVELS.index(level) + 1]
        if child_level != "village":
            children = load_level(child_level)
        else:
            provinces_needed = sorted({code[:2] for code in missing})
            children = pd.concat([load_level("village", code) for code in provinces_needed], ignore_index=True)
    frame = derive_missing(own, children, expected)
    return attach_attributes(gpd.GeoDataFrame(frame, crs="EPSG:4326"), level, code_list)


# --------------------------------------------------------------------------- cache


def cache_folder() -> Path:
    """Folder of the current cache version (created on demand).

    Returns
    -------
    Path
        ``<boundary cache root>/<CACHE_VERSION>``; see :func:`geo.config.boundary_cache_root`.
    """
    folder = boundary_cache_root() / CACHE_VERSION
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _cache_path(kind: str, level: str, province: str | None) -> Path:
    name = f"{level}-{province}.parquet" if level == "village" else f"{level}.parquet"
    return cache_folder() / kind / name


def _write_parquet(frame: gpd.GeoDataFrame, path: Path) -> None:
    # Atomically: an interrupted write never leaves a half-written cache under the final name.
    write_atomically(path, lambda temporary: frame.to_parquet(temporary, index=False))


_build_locks: dict[tuple[str, str | None], threading.Lock] = {}
_build_locks_guard = threading.Lock()


def _lock_for(level: str, province: str | None) -> threading.Lock:
    with _build_locks_guard:
        return _build_locks.setdefault((level, province), threading.Lock())


def _check_level(level: str, province: str | None) -> None:
    if level not in LEVELS:
        raise InvalidCodeError(f"Unknown level {level!r}; use one of {', '.join(LEVELS)}.")
    if level == "village" and province is None:
        raise RiskmapError("Villages are prepared one province at a time: name a province code (e.g. 21).")
    if province is not None and province not in CodeList.load().level("province")["code"].to_numpy():
        raise InvalidCodeError(f"{province!r} is not a province code of the Kepmendagri 2025 list.")


def prepare_level(
    level: str, province: str | None = None, force: bool = False, step: PreparationCallback = _no_report,
) -> tuple[Path, Path]:
    """Build (if needed) the full, display and overview GeoParquet files of a level; return the first two's paths.

    The overview (:func:`make_overview`, levels of :data:`OVERVIEW_LEVELS` only) is made
    here, once, rather than by each app process on its first large map (Jawa Timur's
    villages: 0.75 s). ``step`` is called with each step of :data:`PREPARATION_STEPS` that
    runs, as it starts (a page shows progress with it; nothing when the files exist already).
    """
    _check_level(level, province)
    if level != "village":
        province = None
    full_path, display_path = _cache_path("full", level, province), _cache_path("display", level, province)
    overview_path = _cache_path("overview", level, province)
    with _lock_for(level, province):
        full = build_level(level, province, step) if force or not full_path.exists() else None
        display = None
        if force or not display_path.exists():
            source = full if full is not None else gpd.read_parquet(full_path)
            group_level = "regency" if level == "village" else None
            display = make_display_copy(source, DISPLAY_RULES[level], group_level, step)
        overview = None
        if level in OVERVIEW_LEVELS and (display is not None or not overview_path.exists()):
            if display is None:  # a cache made before overviews: only the overview is missing
                step("simplify")
            overview = make_overview(display if display is not None else gpd.read_parquet(display_path))
        if full is not None or display is not None or overview is not None:
            step("write")  # every file at the end: the steps run once each, in order
        if full is not None:
            _write_parquet(full, full_path)
        if display is not None:
            _write_parquet(display, display_path)
        if overview is not None:
            _write_parquet(overview, overview_path)
    return full_path, display_path


def is_prepared(level: str, province: str | None = None) -> bool:
    """Whether the cache files of a level (villages: of a province) exist: full, display and overview."""
    kinds = ("full", "display", "overview") if level in OVERVIEW_LEVELS else ("full", "display")
    return all(_cache_path(kind, level, province if level == "village" else None).exists() for kind in kinds)


def polygon_codes(level: str, province: str | None = None) -> set[str] | None:
    """Codes of ``level`` (villages: of ``province``) that have a polygon, or ``None`` when not prepared yet.

    Reads the prepared cache only (its code column); never builds it.

    Parameters
    ----------
    level : str
        One of :data:`geo.LEVELS`.
    province : str, optional
        Province code; needed for villages, ignored for the other levels.

    Returns
    -------
    set of str or None
        The codes with a (possibly derived) polygon.
    """
    path = _cache_path("full", level, province if level == "village" else None)
    if not path.exists():
        return None
    return set(pd.read_parquet(path, columns=["code"])["code"].astype(str))


@cache
def _read_cached(kind: str, level: str, province: str | None) -> gpd.GeoDataFrame:
    prepare_level(level, province)
    return gpd.read_parquet(_cache_path(kind, level, province))


def load_level(level: str, province: str | None = None) -> gpd.GeoDataFrame:
    """Full-detail (repaired) polygons of ``level``; villages of one province.

    The result is shared between callers (and Streamlit sessions): copy before changing it.
    """
    _check_level(level, province)
    return _read_cached("full", level, province if level == "village" else None)


def display_layer(level: str, within: str | None = None, *, overview: bool = False) -> gpd.GeoDataFrame:
    """Display copy of ``level`` (or its overview), optionally only the areas inside the area ``within``.

    Villages always need ``within`` (a province, regency or district code): the
    whole village level is far too large for a browser. ``overview`` (levels of
    :data:`OVERVIEW_LEVELS`): the same areas from the overview file (:func:`make_overview`).
    The result is cached and shared: copy before changing it.
    """
    if overview and level not in OVERVIEW_LEVELS:
        raise RiskmapError(f"{level} areas have no overview; only {', '.join(OVERVIEW_LEVELS)} do.")
    return _display_layer_cached(level, within, "overview" if overview else "display")


@lru_cache(maxsize=256)  # one entry per view; villages of every district would otherwise pile up
def _display_layer_cached(level: str, within: str | None, kind: str) -> gpd.GeoDataFrame:
    if level == "village" and within is None:
        raise RiskmapError("Villages are shown inside a province, regency or district: choose an area first.")
    if within is not None:
        if within not in CodeList.load():
            raise InvalidCodeError(f"Kode wilayah {within!r} is not in the Kepmendagri 2025 code list.")
        if LEVELS.index(level_of(within)) >= LEVELS.index(level):
            raise RiskmapError(f"{level} areas cannot be shown inside {within}: choose a lower level.")
    province = within[:2] if (level == "village" and within) else None
    _check_level(level, province)
    frame = _read_cached(kind, level, province)
    if within is not None:
        frame = frame[(frame["code"] == within) | frame["code"].str.startswith(within + ".")]
    return gpd.GeoDataFrame(frame, crs="EPSG:4326").reset_index(drop=True)


def area_label(code: str) -> str:
    """Official name of an area ("Kota Batam")."""
    return CodeList.load().name(code)


# --------------------------------------------------------------------------- fetch / info


def province_codes() -> list[str]:
    """Codes of every province of the code list, sorted."""
    return sorted(CodeList.load().level("province")["code"])


def prepare(
    levels: Iterable[str] = LEVELS,
    provinces: Iterable[str] | None = None,
    progress: Callable[[str], None] | None = None,
    force: bool = False,
) -> list[tuple[str, str | None]]:
    """Prepare the cache for ``levels``; villages for ``provinces`` (default set if ``None``).

    Idempotent: what is already cached is skipped. Returns the (level, province) pairs built.
    """
    report = progress or (lambda message: None)
    built = []
    village_provinces = list(DEFAULT_VILLAGE_PROVINCES if provinces is None else provinces)
    for level in LEVELS:
        if level not in levels:
            continue
        targets: list[str | None] = list(village_provinces) if level == "village" else [None]
        for index, province in enumerate(targets, start=1):
            label = f"{level} {province}" if province else level
            if not force and is_prepared(level, province):
                report(f"[{index}/{len(targets)}] {label}: cached")
                continue
            report(f"[{index}/{len(targets)}] {label}: building…")
            prepare_level(level, province, force=force)
            built.append((level, province))
            report(f"[{index}/{len(targets)}] {label}: done")
    return built


def coverage_info() -> dict[str, dict[str, int]]:
    """Per level: how many codes the code list has and how many have a polygon (prepared ones)."""
    code_list = CodeList.load()
    info: dict[str, dict[str, int]] = {}
    for level in LEVELS:
        codes = int((code_list.frame["level"] == level).sum())
        if level == "village":
            paths = sorted((cache_folder() / "full").glob("village-*.parquet"))
            polygons = sum(len(pd.read_parquet(path, columns=["code"])) for path in paths)
            info[level] = {"codes": codes, "polygons": polygons}
        else:
            path = _cache_path("full", level, None)
            polygons = len(pd.read_parquet(path, columns=["code"])) if path.exists() else 0
            info[level] = {"codes": codes, "polygons": polygons}
    return info
