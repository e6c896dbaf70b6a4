"""Hotspots: which areas sit in a cluster of high (or low) values, with false discoveries controlled.

Neighbours
----------
Two areas are neighbours when their polygons share at least one point (*queen*
contiguity, found with a shapely STRtree on the display coverage, whose shared borders
are identical by construction) **or** when one is among the ``k`` nearest of the other
(default :data:`DEFAULT_K` = 4) measured between representative points. The union matters
in an archipelago: Kepulauan Riau has 52 villages that touch no other polygon, and
contiguity alone would leave them without neighbours (and without a statistic).

Distances are straight lines between points in geocentric coordinates on a sphere of
radius 6,371 km (the spherical form of EPSG:4978). This is a metric CRS without the
distortion of a map projection: ordering points by straight-line distance orders them
exactly as great-circle distance does, over all of Indonesia at once, so one set of
coordinates serves every province and the whole country.

The neighbour graph of a level (and area) is cached on disk under the boundary cache
(``<cache>/weights/``) together with each area's representative point, so a warm run
reads neither polygons nor builds anything.

Statistic
---------
Getis-Ord Gi* (``star``: an area counts in its own neighbourhood) on binary weights.
Up to :data:`PERMUTATION_LIMIT` areas the p-values come from esda ``G_Local`` with
9,999 conditional permutations; above it from the analytical normal approximation
(the same moments as ``G_Local.Zs``, computed here on the sparse matrix because building
esda's weights object alone takes seconds for the 83,000 villages of Indonesia). Each
p-value is two-sided. Because every area is tested, the p-values are adjusted with the
Benjamini–Hochberg procedure (:func:`scipy.stats.false_discovery_control`) and an area is
``"hot"`` (``"cold"``) when its adjusted p-value is at most ``alpha`` (default 0.05) and its
z-score positive (negative).

Local Moran's I (``hotspots(..., method="moran")``) is the alternative: on the same
neighbours (row-standardised) and with the same FDR control, it labels each significant area
by quadrant — ``HH`` (high among high: a hot spot), ``LL`` (cold), ``HL`` and ``LH`` (outliers
unlike their neighbours). Its p-values come from esda ``Moran_Local``'s conditional
permutations up to :data:`PERMUTATION_LIMIT` areas, else from the normal approximation with
the conditional-randomisation moments (:func:`local_moran_z`).
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sparse
import shapely
from scipy import stats
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from geo.data.files import write_atomically
from geo.errors import RiskmapError

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG), km."""

DEFAULT_K = 4
"""Nearest neighbours added to contiguity: enough that an island has a neighbourhood, not a region."""

PERMUTATION_LIMIT = 3000
"""Up to this many areas p-values come from 9,999 permutations; above, from the normal approximation."""

PERMUTATIONS = 9999
DEFAULT_ALPHA = 0.05
HOT, COLD = "hot", "cold"
GI, MORAN = "gi", "moran"
METHODS: tuple[str, ...] = (GI, MORAN)
"""Hotspot statistics: Getis-Ord Gi* (default) and Local Moran's I."""

_GRAPH_FORMAT = "1"  # bump when the cached file's content changes meaning


class HotspotError(RiskmapError):
    """Hotspots cannot be computed for this input (the message says why)."""


@dataclass(frozen=True)
class AreaGraph:
    """Areas with a polygon, their representative points and who neighbours whom.

    Attributes
    ----------
    codes : numpy.ndarray of str
        Area codes, in the order of every other array.
    lon, lat : numpy.ndarray of float
        Representative point of each area (inside its polygon), degrees.
    neighbours : scipy.sparse.csr_matrix
        Symmetric 0/1 matrix with an empty diagonal; row ``i`` lists the neighbours of ``codes[i]``.
    """

    codes: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    neighbours: sparse.csr_matrix

    def __len__(self) -> int:
        return len(self.codes)

    def position(self) -> pd.Series:
        """Row of each code (a Series from code to position).

        Returns
        -------
        pandas.Series
            Integer positions indexed by code.
        """
        return pd.Series(np.arange(len(self.codes)), index=pd.Index(self.codes, name="code"))


def geocentric_km(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Points as geocentric x, y, z in km on a sphere (straight-line distances in a metric space).

    Parameters
    ----------
    lon, lat : numpy.ndarray
        Degrees.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, 3)``.

    Examples
    --------
    >>> import numpy as np
    >>> xyz = geocentric_km(np.array([0.0, 1.0]), np.array([0.0, 0.0]))
    >>> round(float(np.linalg.norm(xyz[0] - xyz[1])), 1)  # one degree of the equator
    111.2
    """
    lon_rad, lat_rad = np.radians(np.asarray(lon, dtype=float)), np.radians(np.asarray(lat, dtype=float))
    cos_lat = np.cos(lat_rad)
    return EARTH_RADIUS_KM * np.column_stack([cos_lat * np.cos(lon_rad), cos_lat * np.sin(lon_rad), np.sin(lat_rad)])


def chord_km(great_circle_km: float) -> float:
    """The straight-line (chord) length between two points ``great_circle_km`` apart on the sphere.

    Parameters
    ----------
    great_circle_km : float
        Distance along the surface.

    Returns
    -------
    float
        The chord, which :func:`geocentric_km` coordinates measure.

    Examples
    --------
    >>> round(chord_km(10.0), 6)
    9.999999
    """
    return float(2 * EARTH_RADIUS_KM * np.sin(great_circle_km / (2 * EARTH_RADIUS_KM)))


def build_area_graph(codes: list[str] | np.ndarray, geometries: np.ndarray, k: int = DEFAULT_K) -> AreaGraph:
    """Queen contiguity united with ``k`` nearest neighbours, for polygons in longitude/latitude.

    Parameters
    ----------
    codes : sequence of str
        One code per geometry.
    geometries : numpy.ndarray of shapely geometries
        Polygons (EPSG:4326), sharing their borders (a coverage) for contiguity to be found.
    k : int
        Nearest neighbours added to every area (fewer when there are fewer other areas).

    Returns
    -------
    AreaGraph
        No area is without a neighbour when there are at least two areas.

    Examples
    --------
    >>> import shapely
    >>> squares = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), shapely.box(5, 5, 6, 6)]
    >>> graph = build_area_graph(["a", "b", "island"], np.array(squares), k=1)
    >>> graph.neighbours.toarray().astype(int).tolist()
    [[0, 1, 0], [1, 0, 1], [0, 1, 0]]
    """
    geometries = np.asarray(geometries, dtype=object)
    codes = np.asarray([str(code) for code in codes], dtype=object)
    count = len(codes)
    points = shapely.point_on_surface(geometries)
    lon, lat = shapely.get_x(points), shapely.get_y(points)
    tree = shapely.STRtree(geometries)
    left, right = tree.query(geometries, predicate="intersects")
    rows, cols = [left[left != right]], [right[left != right]]
    nearest = min(k, count - 1)
    if nearest > 0:
        _, found = cKDTree(geocentric_km(lon, lat)).query(geocentric_km(lon, lat), k=nearest + 1)
        found = np.asarray(found).reshape(count, nearest + 1)[:, 1:]  # the first is the point itself
        rows.append(np.repeat(np.arange(count), nearest))
        cols.append(found.ravel())
    row, col = np.concatenate(rows), np.concatenate(cols)
    matrix = sparse.csr_matrix((np.ones(len(row)), (row, col)), shape=(count, count))
    matrix = ((matrix + matrix.T) > 0).astype(np.float64).tocsr()  # symmetric: neighbourhood is mutual
    matrix.setdiag(0)
    matrix.eliminate_zeros()
    return AreaGraph(codes=codes, lon=np.asarray(lon), lat=np.asarray(lat), neighbours=matrix)


def _graph_path(level: str, within: str | None, k: int) -> Path:
    from geo.data.boundaries import cache_folder

    return cache_folder() / "weights" / f"{level}-{within or 'all'}-k{k}-f{_GRAPH_FORMAT}.npz"


def _fingerprint(codes: np.ndarray) -> str:
    return hashlib.sha256("\n".join(codes.tolist()).encode()).hexdigest()


def _save_graph(graph: AreaGraph, path: Path) -> None:
    coo = graph.neighbours.tocoo()

    def write(temporary: Path) -> None:
        with open(temporary, "wb") as handle:
            np.savez(
                handle, codes=graph.codes.astype(str), lon=graph.lon, lat=graph.lat, row=coo.row.astype(np.int32),
                col=coo.col.astype(np.int32), fingerprint=np.array(_fingerprint(graph.codes)),
            )

    write_atomically(path, write)


def _load_graph(path: Path) -> AreaGraph | None:
    try:
        with np.load(path, allow_pickle=False) as stored:
            codes = stored["codes"].astype(object)
            count = len(codes)
            matrix = sparse.csr_matrix(
                (np.ones(len(stored["row"])), (stored["row"], stored["col"])), shape=(count, count)
            )
            graph = AreaGraph(codes=codes, lon=stored["lon"], lat=stored["lat"], neighbours=matrix)
            if str(stored["fingerprint"]) != _fingerprint(codes):
                return None
    except (OSError, KeyError, ValueError):
        return None  # missing or damaged: rebuilt by the caller
    return graph


def _level_polygons(level: str, within: str | None) -> tuple[np.ndarray, np.ndarray]:
    """(codes, display geometries) of ``level`` inside ``within``; villages of every province when None."""
    from geo.data import boundaries

    if level == "village" and within is None:
        frames = [boundaries.display_layer("village", province) for province in boundaries.province_codes()]
        frame = pd.concat(frames, ignore_index=True)
    else:
        frame = boundaries.display_layer(level, within)
        if within is not None:
            frame = frame[frame["level"] == level]
    return frame["code"].astype(str).to_numpy(dtype=object), frame.geometry.to_numpy()


def area_graph(level: str, within: str | None = None, k: int = DEFAULT_K) -> AreaGraph:
    """The neighbour graph of the areas at ``level`` inside ``within`` (cached on disk).

    Parameters
    ----------
    level : str
        One of :data:`geo.LEVELS`.
    within : str, optional
        A province, regency or district code; None: the whole country (villages: every
        province, which prepares every province's boundaries the first time).
    k : int
        Nearest neighbours united with contiguity.

    Returns
    -------
    AreaGraph
        Areas with a polygon; built once per (level, area, k), then read from the cache.
    """
    path = _graph_path(level, within, k)
    if path.exists():
        graph = _load_graph(path)
        if graph is not None:
            return graph
    codes, geometries = _level_polygons(level, within)
    if len(codes) == 0:
        raise HotspotError(f"No {level} polygons inside {within or 'Indonesia'}: hotspots need boundaries.")
    graph = build_area_graph(codes, geometries, k=k)
    _save_graph(graph, path)
    return graph


def _aligned(values: pd.Series, graph: AreaGraph) -> np.ndarray:
    """Values in the graph's order; no record counts as zero, as an identified count of none."""
    aligned = pd.to_numeric(values, errors="coerce").reindex(graph.codes).to_numpy(dtype=float)
    return np.nan_to_num(aligned, nan=0.0)


def gi_star_z(values: np.ndarray, neighbours: sparse.csr_matrix) -> np.ndarray:
    """Analytical Gi* z-scores with binary weights plus self (Getis & Ord 1992; as esda ``G_Local.Zs``).

    Parameters
    ----------
    values : numpy.ndarray
        One non-negative value per area.
    neighbours : scipy.sparse.csr_matrix
        0/1 neighbour matrix with an empty diagonal.

    Returns
    -------
    numpy.ndarray
        z-scores (NaN when every value is equal: there is nothing to find).

    Examples
    --------
    >>> import scipy.sparse as sparse
    >>> chain = sparse.diags([np.ones(4), np.ones(4)], [-1, 1], format="csr")  # 5 areas in a row
    >>> np.round(gi_star_z(np.array([9.0, 8.0, 1.0, 0.0, 0.0]), chain), 2).tolist()
    [1.99, 1.46, -0.36, -1.99, -1.46]
    """
    y = np.asarray(values, dtype=float)
    count = len(y)
    weights = neighbours + sparse.identity(count, format="csr")
    total = y.sum()
    statistic = (weights @ y) / total
    mean = total / count
    variance = (y**2).sum() / count - mean**2
    cardinality = np.asarray(weights.sum(axis=1)).ravel()
    expected = cardinality / count
    expected_variance = cardinality * (count - cardinality) / (count - 1) / count**2 * variance / mean**2
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray((statistic - expected) / np.sqrt(expected_variance))


def _esda_gi_star(y: np.ndarray, neighbours: sparse.csr_matrix, permutations: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from esda.getisord import G_Local
    from libpysal.graph import Graph

    graph = Graph.from_sparse(neighbours.tocsr(), ids=np.arange(len(y)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # z_sim of areas whose permutations never vary
        # esda announces a future two-sided default; the p-value is made two-sided below either way.
        warnings.filterwarnings("ignore", "The alternative hypothesis", DeprecationWarning)
        statistic = G_Local(y, graph, transform="B", star=True, permutations=permutations, seed=seed,
                            keep_simulations=False, n_jobs=1)
    # p_sim is one-sided (the tail the observed value lies in): doubled for a two-sided test.
    return np.asarray(statistic.Zs), np.minimum(1.0, 2 * np.asarray(statistic.p_sim))


def hotspots(
    values: pd.Series,
    graph: AreaGraph,
    *,
    method: str = GI,
    alpha: float = DEFAULT_ALPHA,
    permutations: int = PERMUTATIONS,
    seed: int = 20251,
) -> pd.DataFrame:
    """Hot and cold spots of ``values`` (Gi* or Local Moran), with Benjamini–Hochberg control of false discoveries.

    Parameters
    ----------
    values : pandas.Series
        Indicator per area code; codes missing or NaN count as 0 (no identified case).
    graph : AreaGraph
        Neighbours (see :func:`area_graph`).
    method : str
        ``"gi"`` (default): Getis-Ord Gi* on binary weights plus self; ``"moran"``: Local Moran's I
        on row-standardised weights, whose quadrants also tell outliers (``HL``, ``LH``) apart.
    alpha : float
        False discovery rate.
    permutations : int
        Permutations when ``len(graph) <= PERMUTATION_LIMIT`` (0: analytical p-values always).
    seed : int
        Seed of the permutations (results repeat).

    Returns
    -------
    pandas.DataFrame
        Index: the graph's codes; columns ``z``, ``p`` (two-sided), ``q`` (BH-adjusted), ``hotspot``
        (``"hot"``, ``"cold"`` or None: Gi* z above or below 0, Moran ``HH`` or ``LL``), ``quadrant``
        (Moran: ``"HH"``, ``"LL"``, ``"HL"``, ``"LH"`` where significant, else None; Gi*: always None)
        and ``method`` (``"permutation"`` or ``"analytical"``).

    Raises
    ------
    HotspotError
        Fewer than three areas, or an unknown ``method``.

    Examples
    --------
    >>> import shapely
    >>> squares = np.array([shapely.box(i, j, i + 1, j + 1) for j in range(5) for i in range(5)])
    >>> graph = build_area_graph([f"a{n}" for n in range(25)], squares, k=1)
    >>> centre = pd.Series([9.0 if 1 <= n % 5 <= 3 and 1 <= n // 5 <= 3 else 1.0 for n in range(25)], index=graph.codes)
    >>> found = hotspots(centre, graph, method="moran", permutations=0)
    >>> found.loc["a12", ["hotspot", "quadrant"]].tolist()
    ['hot', 'HH']
    """
    if method not in METHODS:
        raise HotspotError(f"Unknown hotspot method {method!r}; use one of: {', '.join(METHODS)}.")
    if len(graph) < 3:
        raise HotspotError("Hotspots need at least three areas with a polygon.")
    y = _aligned(values, graph)
    permuted = 0 < permutations and len(graph) <= PERMUTATION_LIMIT
    quadrant = None
    if np.ptp(y) == 0:
        z, p = np.full(len(y), np.nan), np.ones(len(y))
    elif method == MORAN:
        z, p, quadrant = _local_moran(y, graph.neighbours, permutations if permuted else 0, seed)
    elif permuted:
        z, p = _esda_gi_star(y, graph.neighbours, permutations, seed)
    else:
        z = gi_star_z(y, graph.neighbours)
        p = 2 * stats.norm.sf(np.abs(z))
    return _label(graph.codes, z, np.nan_to_num(p, nan=1.0), alpha, "permutation" if permuted else "analytical",
                  quadrant)


def _label(codes: np.ndarray, z: np.ndarray, p: np.ndarray, alpha: float, method: str,
           quadrant: np.ndarray | None) -> pd.DataFrame:
    q = stats.false_discovery_control(p, method="bh")
    significant = q <= alpha
    label = np.full(len(codes), None, dtype=object)
    quadrants = np.full(len(codes), None, dtype=object)
    if quadrant is None:  # Gi*: the sign of z says high or low
        label[significant & (z > 0)] = HOT
        label[significant & (z < 0)] = COLD
    else:  # Moran: a cluster is a high (low) value among high (low) neighbours; HL/LH are outliers
        quadrants[significant] = quadrant[significant]
        label[quadrants == "HH"] = HOT
        label[quadrants == "LL"] = COLD
    index = pd.Index(codes, name="code")
    return pd.DataFrame({
        "z": z, "p": p, "q": q,
        # object dtype keeps None (pandas would infer strings and turn None into NaN)
        "hotspot": pd.Series(label, index=index, dtype=object),
        "quadrant": pd.Series(quadrants, index=index, dtype=object), "method": method,
    }, index=index)


def _quadrants(deviation: np.ndarray, lag: np.ndarray) -> np.ndarray:
    """``HH``, ``LH``, ``LL``, ``HL`` from the signs of a value's and its neighbours' deviations (esda's q)."""
    high, high_around = deviation > 0, lag > 0
    return np.where(high, np.where(high_around, "HH", "HL"), np.where(high_around, "LH", "LL")).astype(object)


def _row_standardised(neighbours: sparse.csr_matrix) -> sparse.csr_matrix:
    degree = np.asarray(neighbours.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        inverse = np.where(degree > 0, 1 / degree, 0.0)
    return sparse.csr_matrix(sparse.diags(inverse) @ neighbours)


def local_moran_z(values: np.ndarray, neighbours: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Analytical Local Moran's I z-scores on row-standardised weights, and each area's neighbour lag.

    ``I_i = z_i · Σ_j w_ij z_j / m2`` with ``z`` the deviations from the mean and ``m2`` their
    mean square; the moments are those of conditional randomisation (``z_i`` held fixed, the
    other values permuted: Sokal, Oden & Thomson 1998, eqs. A7–A8, as esda's ``EIc``/``VIc``),
    i.e. the normal approximation of the permutation test esda runs.

    Parameters
    ----------
    values : numpy.ndarray
        One value per area.
    neighbours : scipy.sparse.csr_matrix
        0/1 neighbour matrix with an empty diagonal.

    Returns
    -------
    tuple of numpy.ndarray
        z-scores (NaN when every value is equal) and the lag ``Σ_j w_ij z_j``.

    Examples
    --------
    >>> import scipy.sparse as sparse
    >>> chain = sparse.diags([np.ones(5), np.ones(5)], [-1, 1], format="csr")  # 6 areas in a row
    >>> z, lag = local_moran_z(np.array([9.0, 8.0, 9.0, 1.0, 0.0, 1.0]), chain)
    >>> bool(z[1] > 0 and lag[1] > 0 and z[4] > 0 and lag[4] < 0)  # high among high, low among low
    True
    """
    y = np.asarray(values, dtype=float)
    count = len(y)
    deviation = y - y.mean()
    weights = _row_standardised(neighbours)
    lag = weights @ deviation
    m2 = (deviation**2).sum() / count
    row_sum = np.asarray(weights.sum(axis=1)).ravel()
    row_square_sum = np.asarray(weights.multiply(weights).sum(axis=1)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        statistic = deviation * lag / m2
        expected = -(deviation**2) * row_sum / ((count - 1) * m2)
        variance = ((deviation / m2) ** 2 * count / (count - 2) * (row_square_sum - row_sum**2 / (count - 1))
                    * (m2 - deviation**2 / (count - 1)))
        return np.asarray((statistic - expected) / np.sqrt(variance)), np.asarray(lag)


def _local_moran(
    y: np.ndarray, neighbours: sparse.csr_matrix, permutations: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(z, two-sided p, quadrant): p from esda ``Moran_Local``'s permutations when ``permutations``, else normal."""
    z, lag = local_moran_z(y, neighbours)
    quadrant = _quadrants(y - y.mean(), lag)
    if not permutations:
        return z, 2 * stats.norm.sf(np.abs(z)), quadrant
    from esda.moran import Moran_Local
    from libpysal.graph import Graph

    lisa_graph = Graph.from_sparse(neighbours.tocsr(), ids=np.arange(len(y)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.filterwarnings("ignore", "The alternative hypothesis", DeprecationWarning)
        lisa = Moran_Local(y, lisa_graph, transformation="r", permutations=permutations, seed=seed,
                           keep_simulations=False, n_jobs=1)
    # p_sim is one-sided (the tail the observed value lies in): doubled for a two-sided test.
    return z, np.minimum(1.0, 2 * np.asarray(lisa.p_sim)), quadrant


def hot_clusters(labels: pd.Series, graph: AreaGraph) -> pd.Series:
    """Number the connected groups of hot areas (neighbours of each other), 0, 1, …; others NaN.

    Parameters
    ----------
    labels : pandas.Series
        ``hotspot`` column of :func:`hotspots` (indexed by code).
    graph : AreaGraph
        The neighbours used for the statistic.

    Returns
    -------
    pandas.Series
        Cluster number (float, NaN for areas not hot) indexed by the hot areas' codes.

    Examples
    --------
    >>> import shapely
    >>> squares = [shapely.box(i, 0, i + 1, 1) for i in range(4)]
    >>> graph = build_area_graph(list("abcd"), np.array(squares), k=1)
    >>> hot_clusters(pd.Series(["hot", "hot", None, "hot"], index=list("abcd")), graph).tolist()
    [0.0, 0.0, 1.0]
    """
    hot = (labels.reindex(graph.codes) == HOT).to_numpy()
    positions = np.flatnonzero(hot)
    if len(positions) == 0:
        return pd.Series(dtype=float)
    sub = graph.neighbours[positions][:, positions]
    _, component = connected_components(sub, directed=False)
    return pd.Series(component.astype(float), index=pd.Index(graph.codes[positions], name="code"))
