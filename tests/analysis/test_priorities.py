"""Priorities on hand-made geometry: hotspots, neighbours, Empirical Bayes, weights, plans."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sparse
import shapely

from geo.analysis import hotspots as hs
from geo.analysis.plan import coverage_matrix, greedy_cover, plan_sites
from geo.analysis.priority import PriorityError, eb_rate_per_1000, parse_weights, priority_table


def lattice(size: int = 5) -> hs.AreaGraph:
    """A size×size grid of unit squares near the equator (0.01° apart), codes 'r{row}c{col}'."""
    codes = [f"r{row}c{col}" for row in range(size) for col in range(size)]
    squares = [shapely.box(col * 0.01, row * 0.01, (col + 1) * 0.01, (row + 1) * 0.01)
               for row in range(size) for col in range(size)]
    return hs.build_area_graph(codes, np.array(squares), k=1)


def centre_high(size: int = 5) -> pd.Series:
    values = {f"r{row}c{col}": (10.0 if 1 <= row <= 3 and 1 <= col <= 3 else 1.0)
              for row in range(size) for col in range(size)}
    return pd.Series(values)


@pytest.mark.parametrize("permutations", [hs.PERMUTATIONS, 0])
def test_lattice_centre_is_hot_corners_are_not(permutations: int) -> None:
    result = hs.hotspots(centre_high(), lattice(), permutations=permutations)
    assert result.loc["r2c2", "hotspot"] == "hot"
    for corner in ("r0c0", "r0c4", "r4c0", "r4c4"):
        assert result.loc[corner, "hotspot"] != "hot"
    assert result.loc["r2c2", "z"] > 0 and result.loc["r0c0", "z"] < result.loc["r2c2", "z"]
    assert (result["q"] >= result["p"] - 1e-12).all()  # BH never makes a p-value smaller
    assert result["method"].iloc[0] == ("permutation" if permutations else "analytical")


def test_analytical_z_equals_esda() -> None:
    from esda.getisord import G_Local
    from libpysal.graph import Graph

    graph = lattice()
    y = centre_high().reindex(graph.codes).to_numpy()
    esda_z = G_Local(y, Graph.from_sparse(graph.neighbours, ids=np.arange(25)), transform="B", star=True,
                     permutations=0).Zs
    np.testing.assert_allclose(hs.gi_star_z(y, graph.neighbours), esda_z)


def test_isolated_island_gets_neighbours() -> None:
    squares = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), shapely.box(0, 1, 1, 2), shapely.box(9, 9, 9.5, 9.5)]
    graph = hs.build_area_graph(["a", "b", "c", "island"], np.array(squares), k=2)
    degree = np.asarray(graph.neighbours.sum(axis=1)).ravel()
    assert degree.min() >= 1
    assert graph.neighbours[3].nnz == 2  # its two nearest, though it touches nothing
    assert (graph.neighbours != graph.neighbours.T).nnz == 0 and graph.neighbours.diagonal().sum() == 0
    assert graph.neighbours[0, 1] == 1 and graph.neighbours[0, 2] == 1  # contiguity kept


def test_hot_clusters_connect_neighbouring_hot_areas() -> None:
    graph = lattice()
    labels = pd.Series({code: "hot" for code in ("r0c0", "r0c1", "r4c4")})
    clusters = hs.hot_clusters(labels, graph)
    assert clusters["r0c0"] == clusters["r0c1"] != clusters["r4c4"]


@pytest.mark.parametrize("permutations", [hs.PERMUTATIONS, 0])
def test_local_moran_finds_high_high_centre(permutations: int) -> None:
    result = hs.hotspots(centre_high(), lattice(), method="moran", permutations=permutations)
    assert result.loc["r2c2", "quadrant"] == "HH" and result.loc["r2c2", "hotspot"] == "hot"
    assert result.loc["r2c2", "z"] > 0 and result.loc["r2c2", "q"] <= hs.DEFAULT_ALPHA
    for corner in ("r0c0", "r0c4", "r4c0", "r4c4"):
        assert result.loc[corner, "quadrant"] in ("LL", None)  # low among mostly low: never a hot spot
    assert set(result["quadrant"].dropna()) <= {"HH", "LL", "HL", "LH"}
    assert ((result["hotspot"] == "hot") == (result["quadrant"] == "HH")).all()
    assert (result["q"] >= result["p"] - 1e-12).all()
    assert result["method"].iloc[0] == ("permutation" if permutations else "analytical")


@pytest.mark.parametrize("permutations", [hs.PERMUTATIONS, 0])
def test_local_moran_outlier_is_high_low(permutations: int) -> None:
    graph = lattice()
    values = pd.Series(np.random.default_rng(2).normal(10, 3, 25), index=graph.codes)
    values[[f"r{row}c{col}" for row in (1, 2, 3) for col in (1, 2, 3)]] = 0.0
    values["r2c2"] = 50.0  # one high value inside a ring of zeros
    result = hs.hotspots(values, graph, method="moran", permutations=permutations)
    assert result.loc["r2c2", "quadrant"] == "HL" and result.loc["r2c2", "hotspot"] is None
    assert result.loc["r2c2", "z"] < 0  # unlike its neighbours


def test_local_moran_analytical_z_and_quadrants_equal_esda() -> None:
    from esda.moran import Moran_Local
    from libpysal.graph import Graph

    graph = lattice()
    rng = np.random.default_rng(4)
    y = centre_high().reindex(graph.codes).to_numpy() + rng.gamma(1.0, 2.0, 25)
    lisa = Moran_Local(y, Graph.from_sparse(graph.neighbours, ids=np.arange(25)), transformation="r", permutations=0)
    n = len(y)
    # esda's Is carry a factor (n-1)/n that its conditional moments (EIc, VIc) do not: undone here.
    esda_z = (np.asarray(lisa.Is) * n / (n - 1) - lisa.EIc) / np.sqrt(lisa.VIc)
    z, _ = hs.local_moran_z(y, graph.neighbours)
    np.testing.assert_allclose(z, esda_z)
    ours = hs.hotspots(pd.Series(y, index=graph.codes), graph, method="moran", permutations=0, alpha=1.0)
    esda_quadrant = np.array([None, "HH", "LH", "LL", "HL"], dtype=object)[np.asarray(lisa.q)]
    assert ours["quadrant"].tolist() == esda_quadrant.tolist()


def test_unknown_hotspot_method_is_named() -> None:
    with pytest.raises(hs.HotspotError, match="'getis'"):
        hs.hotspots(centre_high(), lattice(), method="getis")


def records(rows: list[tuple[str, str, int, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["area_code", "period", "count", "kind"])


def many_villages(extra: list[tuple[str, int, int]]) -> pd.DataFrame:
    """50 ordinary villages (1,000 migrants, 10 cases) plus ``extra`` (code suffix, migrants, cases)."""
    rows = []
    for number in range(50):
        code = f"21.71.01.{1100 + number}"
        rows += [(code, "2024", 1000, "migration"), (code, "2024", 10, "cases")]
    for suffix, migrants, cases in extra:
        rows += [(f"21.71.01.{suffix}", "2024", migrants, "migration"), (f"21.71.01.{suffix}", "2024", cases, "cases")]
    return records(rows)


def test_empirical_bayes_puts_two_of_two_below_35_of_400() -> None:
    data = many_villages([("1001", 2, 2), ("1002", 400, 35)])
    tidy = data.groupby(["area_code", "kind"])["count"].sum().unstack()
    rates = eb_rate_per_1000(tidy["cases"], tidy["migration"])
    assert rates["21.71.01.1001"] < rates["21.71.01.1002"]
    assert (tidy["cases"] / tidy["migration"])["21.71.01.1001"] > (tidy["cases"] / tidy["migration"])["21.71.01.1002"]
    table = priority_table(data, sorted(set(data["area_code"])), "2024", audience="analyst", lang="en")
    assert table.index[0] == "21.71.01.1002"
    assert bool(table.loc["21.71.01.1001", "insufficient_data"])
    assert table.loc["21.71.01.1001", "rank"] > table.loc["21.71.01.1002", "rank"]
    assert table.loc["21.71.01.1001", "why"].startswith("too little data")
    assert table["rank"].tolist() == list(range(1, len(table) + 1))


def test_why_is_in_the_page_language() -> None:
    data = many_villages([("1002", 400, 35)])
    indonesian = priority_table(data, sorted(set(data["area_code"])), "2024", audience="analyst", lang="id")
    why = indonesian.loc["21.71.01.1002", "why"]
    assert why.startswith("35 kasus, peringkat 1 dari 51; ") and "per 1.000 PMI (disesuaikan untuk angka kecil)" in why


def test_weights_change_the_order_as_documented() -> None:
    # A: many migrants, few cases; B: few migrants, many cases.
    data = many_villages([("1001", 20000, 12), ("1002", 200, 60)])
    codes = sorted(set(data["area_code"]))
    default = priority_table(data, codes, "2024", audience="analyst")
    assert default.index[0] == "21.71.01.1002"  # harm leads by default
    exposure_first = priority_table(data, codes, "2024", audience="analyst", weights=parse_weights("harm=0.1,exposure=3"))
    assert exposure_first.index[0] == "21.71.01.1001"
    migrants_only = priority_table(data, codes, "2024", audience="analyst",
                                   weights=parse_weights("cases=0,case_rate=0,change=0,hotspot=0,harm=0"))
    assert migrants_only.index[0] == "21.71.01.1001"
    assert "harm" not in migrants_only.columns


def test_public_audience_ranks_only_what_it_may_see() -> None:
    data = many_villages([("1003", 1000, 3)])  # 3 cases < 10: hidden from the public
    table = priority_table(data, sorted(set(data["area_code"])), "2024")
    assert table.loc["21.71.01.1003", "components"]["cases"] is None


@pytest.mark.parametrize("text", ["cases=-1", "nonsense=1", "cases=abc", "cases"])
def test_bad_weights_are_named(text: str) -> None:
    with pytest.raises(PriorityError, match="--weights"):
        parse_weights(text, "en")


def test_all_zero_weights_are_refused() -> None:
    with pytest.raises(PriorityError, match="every weight is zero"):
        parse_weights("exposure=0,harm=0,coverage=0")


def toy_grid(size: int = 6, seed: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    lon, lat = np.meshgrid(np.arange(size) * 0.05, np.arange(size) * 0.05)  # ~5.6 km apart
    return lon.ravel(), lat.ravel(), rng.gamma(1.0, 3.0, size * size)


def exhaustive_best(coverage: sparse.csr_matrix, weight: np.ndarray, sites: int) -> float:
    dense = coverage.toarray() > 0
    return max(weight[dense[list(choice)].any(axis=0)].sum() for choice in itertools.combinations(range(len(weight)), sites))


def test_plan_covers_what_exhaustive_search_covers() -> None:
    lon, lat, score = toy_grid()
    coverage = coverage_matrix(lon, lat, 6.0)
    best = exhaustive_best(coverage, score, 2)
    plan = plan_sites(lon, lat, score, 2, 6.0)
    assert plan.method == "exact"
    assert sum(plan.covered_score) == pytest.approx(best)
    assert plan.covered_share == pytest.approx(best / score.sum())


def test_greedy_keeps_its_bound() -> None:
    lon, lat, score = toy_grid(seed=11)
    coverage = coverage_matrix(lon, lat, 6.0)
    best = exhaustive_best(coverage, score, 3)
    plan = plan_sites(lon, lat, score, 3, 6.0, exact_limit=0)
    assert plan.method == "greedy"
    assert (1 - 1 / np.e) * best <= sum(plan.covered_score) <= best + 1e-9
    assert plan.upper_bound >= best - 1e-9


def test_served_areas_count_as_covered_and_gaps_are_listed() -> None:
    lon = np.array([0.0, 0.01, 1.0, 2.0, 3.0])
    lat = np.zeros(5)
    score = np.array([5.0, 5.0, 9.0, 1.0, 8.0])
    served = np.array([False, False, True, False, False])
    plan = plan_sites(lon, lat, score, 1, 5.0, served, exact_limit=0)
    assert plan.sites == [0] or plan.sites == [1]  # 10 near the origin beats 8 alone; 9 is served already
    assert plan.gaps == [4, 3]
    assert plan.covered_share == pytest.approx((10 + 9) / 28)


def test_greedy_chooses_disjoint_best() -> None:
    cover = sparse.csr_matrix(np.array([[1, 1, 1, 0], [0, 1, 1, 1], [0, 0, 0, 1]], dtype=float))
    chosen, bound = greedy_cover(cover, np.array([1.0, 2.0, 2.0, 4.0]), 2)
    assert chosen == [1, 0] and bound >= 9.0


def test_empirical_bayes_agrees_with_esda() -> None:
    from esda.smoothing import Empirical_Bayes

    rng = np.random.default_rng(5)
    migrants = pd.Series(rng.integers(5, 3000, 200).astype(float))
    cases = pd.Series(rng.poisson(migrants * rng.gamma(2.0, 0.005, 200)).astype(float))
    expected = Empirical_Bayes(cases.to_numpy().reshape(-1, 1), migrants.to_numpy().reshape(-1, 1)).r.ravel() * 1000
    np.testing.assert_allclose(eb_rate_per_1000(cases, migrants).to_numpy(), expected)


def test_empirical_bayes_without_spread_gives_the_overall_rate() -> None:
    rates = eb_rate_per_1000(pd.Series([10.0, 20.0, 5.0]), pd.Series([1000.0, 2000.0, 500.0]))
    np.testing.assert_allclose(rates.to_numpy(), [10.0, 10.0, 10.0])


def test_cli_help_names_the_weights_the_score_knows() -> None:
    from geo.analysis.priority import COMPONENTS, DIMENSIONS
    from geo.cli.rank import WEIGHT_NAMES

    assert WEIGHT_NAMES == (COMPONENTS, tuple(DIMENSIONS))
    from geo.cli.rank import HOTSPOT_METHODS

    assert HOTSPOT_METHODS == hs.METHODS


def test_hotspots_on_the_smoothed_rate() -> None:
    code_of = {f"r{row}c{col}": f"21.71.01.1{row}0{col}" for row in range(5) for col in range(5)}
    plain = lattice()
    graph = hs.AreaGraph(np.array([code_of[c] for c in plain.codes], dtype=object), plain.lon, plain.lat, plain.neighbours)
    rows = []
    for name, code in code_of.items():
        centre = 1 <= int(name[1]) <= 3 and 1 <= int(name[3]) <= 3
        rows += [(code, "2024", 1000, "migration"), (code, "2024", 80 if centre else 5, "cases")]
    data = records(rows)
    by_rate = priority_table(data, graph.codes.tolist(), "2024", graph=graph, audience="analyst", hotspot_on="case_rate")
    assert by_rate.loc[code_of["r2c2"], "hotspot"] == "hot" and by_rate.loc[code_of["r0c0"], "hotspot"] != "hot"
    by_moran = priority_table(data, graph.codes.tolist(), "2024", graph=graph, audience="analyst",
                              hotspot_method="moran")
    assert by_moran.loc[code_of["r2c2"], "hotspot"] == "hot" and by_moran.loc[code_of["r0c0"], "hotspot"] != "hot"
    assert by_moran.loc[code_of["r2c2"], "components"]["hotspot_scaled"] == 10
    with pytest.raises(PriorityError, match="not 'migrants'"):
        priority_table(data, graph.codes.tolist(), "2024", graph=graph, hotspot_on="migrants")
