"""Outreach plan: choose sites so that the priority within their reach is as large as possible.

This is the maximal covering location problem (Church & ReVelle 1974): every area is a
candidate site and a demand point weighted by its priority score; a site covers the
areas whose representative points lie within ``radius_km`` of its own (great-circle
distance, measured as the equivalent chord in geocentric coordinates, see
:mod:`geo.analysis.hotspots`). Areas already served by a programme (Desmigratif villages,
P4MI posts: a dataset of kind ``served``, see :func:`served_flags`) count as covered and add
nothing to a new site.

Method
------
* ``"exact"``: up to :data:`EXACT_LIMIT` candidates, spopt's ``MCLP`` solved to optimality by
  CBC (pulp's bundled solver) within :data:`EXACT_SECONDS`.
* ``"greedy"``: above that size, or when CBC does not finish in time, lazy greedy on sparse
  coverage sets (a KD-tree finds each area's neighbours within the radius): repeatedly add
  the site that covers the most still-uncovered priority. Coverage is monotone and
  submodular, so greedy covers at least ``1 − 1/e`` (≈ 63 %) of the optimum (Nemhauser,
  Wolsey & Fisher 1978); the plan also reports an instance bound, the greedy total plus
  the ``n`` largest remaining marginal gains, which the optimum cannot exceed.

Gaps are the high-priority areas (the top :data:`GAP_SHARE` of positive scores, at least
:data:`GAP_MIN` areas) that neither a site nor a programme reaches.
"""

from __future__ import annotations

import heapq
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sparse
from scipy.spatial import cKDTree

from geo.analysis.hotspots import chord_km, geocentric_km
from geo.errors import RiskmapError

EXACT_LIMIT = 1000
"""Largest number of candidate sites solved exactly (Kepri's 419 villages: a few seconds, mostly building the model)."""

EXACT_SECONDS = 20
GAP_SHARE = 0.10
GAP_MIN = 10


class PlanError(RiskmapError):
    """The plan cannot be made as asked (the message says why)."""


@dataclass
class Plan:
    """Chosen sites and what they reach.

    Attributes
    ----------
    sites : list of int
        Positions of the chosen sites, in the order chosen (greedy) or of position (exact).
    covered : list of numpy.ndarray
        For each site, positions of the areas it reaches.
    covered_score : list of float
        For each site, the priority it adds (areas already served or reached by an
        earlier site counted once, to the first).
    covered_share : float
        Share of all priority reached by sites or programmes (0–1).
    method : str
        ``"exact"`` or ``"greedy"``.
    upper_bound : float
        An upper bound of the best possible new coverage (exact: equal to the coverage).
    gaps : list of int
        Positions of high-priority areas outside every reach, highest first.
    """

    sites: list[int]
    covered: list[np.ndarray]
    covered_score: list[float]
    covered_share: float
    method: str
    upper_bound: float
    gaps: list[int] = field(default_factory=list)


def coverage_matrix(lon: np.ndarray, lat: np.ndarray, radius_km: float) -> sparse.csr_matrix:
    """Sparse 0/1 matrix: row = candidate site, column = area within ``radius_km`` of it.

    Parameters
    ----------
    lon, lat : numpy.ndarray
        Representative points, degrees.
    radius_km : float
        Reach of a site.

    Returns
    -------
    scipy.sparse.csr_matrix
        Symmetric; every site covers itself.

    Examples
    --------
    >>> import numpy as np
    >>> coverage_matrix(np.array([0.0, 0.05, 1.0]), np.zeros(3), 10).toarray().astype(int).tolist()
    [[1, 1, 0], [1, 1, 0], [0, 0, 1]]
    """
    tree = cKDTree(geocentric_km(lon, lat))
    matrix = tree.sparse_distance_matrix(tree, chord_km(radius_km), output_type="coo_matrix")
    count = len(lon)
    rows = np.concatenate([matrix.row, np.arange(count)])
    cols = np.concatenate([matrix.col, np.arange(count)])
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(count, count)).astype(bool).astype(np.float64)


def greedy_cover(coverage: sparse.csr_matrix, weight: np.ndarray, sites: int) -> tuple[list[int], float]:
    """Lazy greedy maximal cover: sites in the order chosen, and the bound on the optimum.

    Parameters
    ----------
    coverage : scipy.sparse.csr_matrix
        Row ``i``: areas site ``i`` reaches.
    weight : numpy.ndarray
        Priority of each area still to cover (0 for areas already served).
    sites : int
        How many sites.

    Returns
    -------
    (list of int, float)
        Chosen sites; an upper bound of the best coverage (greedy total + the ``sites``
        largest marginal gains left).

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sparse
    >>> cover = sparse.csr_matrix(np.array([[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1]], dtype=float))
    >>> greedy_cover(cover, np.array([1.0, 1.0, 1.0, 1.0]), 2)[0]
    [0, 2]
    """
    remaining = np.asarray(weight, dtype=float).copy()
    gains = np.asarray(coverage @ remaining).ravel()
    heap = [(-gain, site) for site, gain in enumerate(gains)]
    heapq.heapify(heap)
    chosen: list[int] = []
    while heap and len(chosen) < sites:
        stale_gain, site = heapq.heappop(heap)
        row = coverage.indices[coverage.indptr[site]:coverage.indptr[site + 1]]
        gain = float(remaining[row].sum())
        if heap and gain < -heap[0][0] - 1e-12 and gain < -stale_gain - 1e-12:
            heapq.heappush(heap, (-gain, site))  # gains only shrink: re-check later with the fresh value
            continue
        chosen.append(site)
        remaining[row] = 0.0
    total = float(np.asarray(weight, dtype=float).sum() - remaining.sum())
    left = np.sort(np.asarray(coverage @ remaining).ravel())[::-1][:sites]
    return chosen, total + float(left.sum())


def exact_cover(coverage: sparse.csr_matrix, weight: np.ndarray, sites: int, seconds: float = EXACT_SECONDS) -> list[int] | None:
    """Optimal maximal cover with spopt ``MCLP`` and CBC; None when CBC does not prove it in time.

    Parameters
    ----------
    coverage : scipy.sparse.csr_matrix
        Row ``i``: areas site ``i`` reaches (square: every area is a candidate).
    weight : numpy.ndarray
        Priority of each area still to cover.
    sites : int
        How many sites.
    seconds : float
        Time limit of CBC.

    Returns
    -------
    list of int or None
        Chosen sites (position order).
    """
    import pulp
    from spopt.locate import MCLP

    # spopt reads a cost matrix (demand × candidate) against a radius: 0 inside reach, 2 outside.
    cost = np.where(coverage.T.toarray() > 0, 0.0, 2.0)
    with warnings.catch_warnings():
        # spopt builds its model with the PuLP 3 API, which PuLP announces will change in 4.0.
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="pulp")
        model = MCLP.from_cost_matrix(cost, weight, service_radius=1.0, p_facilities=sites, name="riskmap-outreach")
        model = model.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=seconds))
    if model.problem.sol_status != pulp.LpSolutionOptimal:
        return None  # stopped by the time limit: a feasible cover proves nothing, greedy's bound does
    return [index for index, variable in enumerate(model.fac_vars) if (variable.value() or 0) > 0.5]


def plan_sites(
    lon: np.ndarray,
    lat: np.ndarray,
    score: np.ndarray,
    sites: int,
    radius_km: float,
    served: np.ndarray | None = None,
    *,
    exact_limit: int = EXACT_LIMIT,
) -> Plan:
    """Choose ``sites`` areas as outreach sites that reach the most priority.

    Parameters
    ----------
    lon, lat : numpy.ndarray
        Representative points of the areas (candidates and demand alike).
    score : numpy.ndarray
        Priority of each area (≥ 0; NaN counts as 0).
    sites : int
        Number of sites (> 0).
    radius_km : float
        Reach of a site (> 0).
    served : numpy.ndarray of bool, optional
        Areas a programme already reaches (covered, worth nothing more).
    exact_limit : int
        Largest number of areas solved exactly.

    Returns
    -------
    Plan
        Sites, their coverage, the share covered and the gaps.

    Raises
    ------
    PlanError
        ``sites`` or ``radius_km`` not positive, or no areas.
    """
    if sites <= 0 or not radius_km > 0:
        raise PlanError("The number of sites and the radius must be above zero.")
    count = len(lon)
    if count == 0:
        raise PlanError("There are no areas with a location to plan for.")
    priority = np.nan_to_num(np.clip(np.asarray(score, dtype=float), 0, None))
    already = np.zeros(count, dtype=bool) if served is None else np.asarray(served, dtype=bool)
    demand = np.where(already, 0.0, priority)
    coverage = coverage_matrix(lon, lat, radius_km)
    sites = min(sites, count)
    chosen: list[int] | None = None
    method = "greedy"
    if count <= exact_limit:
        chosen = exact_cover(coverage, demand, sites)
        method = "exact" if chosen is not None else "greedy"
    if chosen is None:
        chosen, bound = greedy_cover(coverage, demand, sites)
    return _plan_result(coverage, priority, demand, already, chosen, method, bound if method == "greedy" else None)


def _plan_result(coverage: sparse.csr_matrix, priority: np.ndarray, demand: np.ndarray, already: np.ndarray,
                 chosen: list[int], method: str, bound: float | None) -> Plan:
    reached = already.copy()
    covered, covered_score = [], []
    for site in chosen:
        row = coverage.indices[coverage.indptr[site]:coverage.indptr[site + 1]]
        covered.append(np.sort(row))
        covered_score.append(float(demand[row][~reached[row]].sum()))
        reached[row] = True
    total = priority.sum()
    share = float(priority[reached].sum() / total) if total > 0 else 0.0
    new = float(sum(covered_score))
    return Plan(sites=list(chosen), covered=covered, covered_score=covered_score, covered_share=share, method=method,
                upper_bound=new if bound is None else bound, gaps=_gaps(priority, reached))


def _gaps(priority: np.ndarray, reached: np.ndarray) -> list[int]:
    positive = np.flatnonzero(priority > 0)
    if len(positive) == 0:
        return []
    top = max(GAP_MIN, int(np.ceil(GAP_SHARE * len(positive))))
    high = positive[np.argsort(-priority[positive], kind="stable")][:top]
    return [int(position) for position in high if not reached[position]]


def served_flags(served_codes: Iterable[str], area_codes: Sequence[str]) -> pd.Series:
    """True for areas that are, or lie inside, a served area (a served regency serves its villages).

    A served list (a dataset of kind ``"served"``: Desmigratif villages, P4MI posts, matched
    like any upload) may name areas of any level; an area counts as reached by a programme
    when its own code or one of its ancestors' is on the list.

    Parameters
    ----------
    served_codes : iterable of str
        Dotted codes of the served areas (any level).
    area_codes : sequence of str
        Dotted codes of the areas of the view.

    Returns
    -------
    pandas.Series
        Bool per area code (index named ``code``), for ``priority_table(served=...)`` and
        :func:`plan_sites` (``.to_numpy()`` in the graph's order).

    Examples
    --------
    >>> served_flags({"21.71.01", "21.01.02.2003"}, ["21.71.01.1001", "21.01.02.2003", "21.01.02.2004"]).tolist()
    [True, True, False]
    """
    served = set(served_codes)

    def is_served(code: str) -> bool:
        parts = code.split(".")
        return any(".".join(parts[:length]) in served for length in range(1, len(parts) + 1))

    codes = [str(code) for code in area_codes]
    return pd.Series([is_served(code) for code in codes], index=pd.Index(codes, dtype=object, name="code"), dtype=bool)

