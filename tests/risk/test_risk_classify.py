"""geo.analysis.classify: schemes, edge cases, fixed breaks, agreement with mapclassify, properties."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from geo.analysis.classify import (
    FISHER_JENKS_EXACT_LIMIT,
    NO_DATA,
    SCHEMES,
    SUPPRESSED,
    Breaks,
    _fisher_jenks_bins,
    classify,
    fixed_breaks,
)
from geo.errors import InvalidClassificationError, RiskmapError

COMPUTED = [s for s in SCHEMES if s != "user_defined"]


def within_class_squares(values: np.ndarray, bins: np.ndarray) -> float:
    labels = np.searchsorted(bins, values, side="left")
    return float(sum(((values[labels == i] - values[labels == i].mean()) ** 2).sum() for i in np.unique(labels)))


# --- schemes on hand-made data ------------------------------------------------------------------


def test_quantiles_match_hand_computed_breaks():
    result = classify(list(range(1, 11)), "quantiles", k=5)
    assert result.bins == (2.0, 4.0, 6.0, 8.0, 10.0)  # percentiles 20..100 of 1..10, rounded down to whole numbers
    assert result.counts == (2, 2, 2, 2, 2)


def test_quantiles_on_fractions_keep_interpolated_breaks():
    result = classify([0.1, 0.2, 0.3, 0.4], "quantiles", k=4)
    assert result.bins == pytest.approx((0.175, 0.25, 0.325, 0.4))
    assert result.labels.tolist() == [0, 1, 2, 3]


def test_natural_breaks_find_obvious_groups():
    values = [1, 2, 3, 50, 51, 52, 200, 210]
    result = classify(values, "natural_breaks", k=3)
    assert result.bins == (3.0, 52.0, 210.0)
    assert result.counts == (3, 3, 2)
    assert result.breaks.method == "fisher_jenks_exact"


def test_equal_interval_allows_empty_classes():
    result = classify([0, 1, 2, 100], "equal_interval", k=4)
    assert result.bins == (25.0, 50.0, 75.0, 100.0)
    assert result.counts == (3, 0, 0, 1)


def test_head_tail_breaks_and_cap_at_k():
    values = np.array([1] * 50 + [2] * 20 + [5] * 10 + [20] * 5 + [100, 300, 1000], dtype=float)
    uncapped = classify(values, "head_tail_breaks", k=9)
    assert uncapped.k > 3
    capped = classify(values, "head_tail_breaks", k=3)
    assert capped.k == 3
    assert capped.bins[:2] == uncapped.bins[:2]
    assert capped.bins[-1] == 1000.0


def test_user_defined_breaks_make_open_top_class():
    result = classify([0, 10, 11, 50, 51, 10_000], breaks=[10, 50])
    assert result.scheme == "user_defined"
    assert result.labels.tolist() == [0, 0, 1, 1, 2, 2]
    assert result.intervals() == [(None, 10.0), (10.0, 50.0), (50.0, None)]


def test_user_defined_scheme_without_breaks_is_refused():
    with pytest.raises(InvalidClassificationError, match="need their breaks"):
        classify([1, 2, 3], "user_defined")


@pytest.mark.parametrize(
    ("breaks", "fragment"),
    [([5], "from 2 to 8"), (list(range(9)), "from 2 to 8"), ([10, 5], "increase"), ([1, math.inf], "finite"), ([1, 1], "increase"), (["a", 2], "numbers")],
)
def test_bad_user_breaks(breaks, fragment):
    with pytest.raises(InvalidClassificationError, match=fragment):
        classify([1, 2, 3], breaks=breaks)


@pytest.mark.parametrize("k", [2, 10, 0, -1, 3.5, True, "5"])
def test_class_count_outside_3_to_9_is_refused(k):
    with pytest.raises(InvalidClassificationError, match="from 3 to 9") as caught:
        classify([1, 2, 3, 4], "quantiles", k=k)
    assert isinstance(caught.value, RiskmapError)


def test_unknown_scheme_lists_the_known_ones():
    with pytest.raises(InvalidClassificationError, match="natural_breaks"):
        classify([1, 2, 3], "jenks")


def test_non_numeric_values_are_refused():
    with pytest.raises(InvalidClassificationError, match="numbers"):
        classify(pd.Series(["a", "b"]))


# --- missing, suppressed, degenerate ------------------------------------------------------------


def test_no_data_and_suppressed_labels_and_breaks_ignore_hidden_values():
    values = pd.Series([10.0, 20.0, np.nan, 3.0, np.inf, 30.0], index=list("abcdef"))
    suppressed = pd.Series({"d": True})  # aligned by index; missing flags mean visible
    result = classify(values, "equal_interval", k=3, suppressed=suppressed)
    assert result.labels.tolist() == [0, 1, NO_DATA, SUPPRESSED, NO_DATA, 2]
    assert result.breaks.lowest == 10.0  # the suppressed 3 does not move the first break
    assert (result.no_data_count, result.suppressed_count) == (2, 1)
    assert sum(result.counts) == 3


def test_suppressed_flags_as_list_must_match_length():
    with pytest.raises(InvalidClassificationError, match="match one to one"):
        classify([1, 2, 3], suppressed=[True])


@pytest.mark.parametrize("scheme", COMPUTED)
def test_all_nan_gives_no_classes(scheme):
    result = classify([np.nan, np.nan], scheme)
    assert result.k == 0 and result.counts == ()
    assert result.labels.tolist() == [NO_DATA, NO_DATA]


@pytest.mark.parametrize("scheme", COMPUTED)
def test_all_equal_values_give_one_class(scheme):
    result = classify([7, 7, 7], scheme, k=5)
    assert result.bins == (7.0,)
    assert result.labels.tolist() == [0, 0, 0]
    assert result.breaks.method == "single_value"


@pytest.mark.parametrize("scheme", ["quantiles", "natural_breaks"])
def test_fewer_distinct_values_than_k(scheme):
    result = classify([1, 1, 1, 2, 2, 9], scheme, k=5)
    assert result.bins == (1.0, 2.0, 9.0)
    assert result.counts == (3, 2, 1)
    assert result.breaks.requested_k == 5


def test_ties_never_split_across_classes():
    values = [0] * 10 + [1] * 10 + [2, 3]
    for scheme in COMPUTED:
        result = classify(values, scheme, k=4)
        zeros = set(result.labels[:10])
        ones = set(result.labels[10:20])
        assert len(zeros) == 1 and len(ones) == 1, scheme


def test_whole_number_breaks_are_rounded_down_without_moving_any_value():
    values = np.array([1, 2, 2, 3, 10, 50, 100])
    result = classify(values, "quantiles", k=5)
    assert all(b == int(b) for b in result.bins)
    raw = np.unique(np.percentile(values, [20, 40, 60, 80, 100]))  # 2, 2.4, 7.2, 42, 100
    raw_labels = np.searchsorted(raw, values, side="left")
    # same grouping of the values; the class (2, 2.4] that no whole number can fill is gone
    assert len(set(zip(result.labels.tolist(), raw_labels.tolist(), strict=True))) == len(set(raw_labels.tolist()))
    assert result.bins == (2.0, 7.0, 42.0, 100.0)
    assert result.whole_numbers


def test_labels_keep_the_index_of_the_values():
    values = pd.Series([1.0, 5.0, 9.0], index=["21.71", "21.01", "21.02"])
    assert classify(values, "equal_interval", k=3).labels.index.tolist() == ["21.71", "21.01", "21.02"]


# --- fixed breaks -------------------------------------------------------------------------------


def test_fixed_breaks_keep_a_colour_meaning_the_same_value_across_periods():
    year_2023 = pd.Series({"a": 1.0, "b": 2.0, "c": 3.0})
    year_2024 = pd.Series({"a": 10.0, "b": 20.0, "c": 30.0})
    breaks = fixed_breaks(pd.concat([year_2023, year_2024]), "equal_interval", k=3)
    first = classify(year_2023, breaks=breaks)
    second = classify(year_2024, breaks=breaks)
    assert first.labels.tolist() == [0, 0, 0]
    assert second.labels.tolist() == [0, 1, 2]
    assert first.fixed and second.fixed
    # without fixed breaks each year would spread over all classes
    assert classify(year_2023, "equal_interval", k=3).labels.tolist() == [0, 1, 2]


def test_values_outside_fixed_breaks_go_to_the_end_classes_shown_open():
    breaks = fixed_breaks([10, 20, 30, 40], "equal_interval", k=3)
    result = classify([5, 45], breaks=breaks)
    assert result.labels.tolist() == [0, 2]
    assert result.below_lowest and result.above_highest
    intervals = result.intervals()
    assert intervals[0][0] is None and intervals[-1][1] is None


def test_fixed_breaks_exclude_suppressed_values():
    breaks = fixed_breaks([1, 100, 200, 300], "equal_interval", k=3, suppressed=[True, False, False, False])
    assert breaks.lowest == 100.0


def test_fixed_user_breaks():
    breaks = fixed_breaks([], "user_defined", user_breaks=[10, 20])
    assert breaks.bins == (10.0, 20.0, math.inf)
    with pytest.raises(InvalidClassificationError):
        fixed_breaks([], "user_defined")


def test_breaks_object_is_reusable_and_frozen():
    breaks = Breaks(scheme="quantiles", bins=(1.0, 2.0, 3.0), lowest=0.0, requested_k=3, method="quantiles")
    assert classify([0.5, 1.5, 2.5], breaks=breaks).labels.tolist() == [0, 1, 2]
    with pytest.raises(AttributeError):
        breaks.bins = (1.0,)  # type: ignore[misc]


# --- natural breaks against mapclassify and brute force -----------------------------------------


@pytest.mark.filterwarnings("ignore:Numba not installed:UserWarning")
@pytest.mark.parametrize("seed", range(6))
def test_natural_breaks_equal_mapclassify_fisher_jenks(seed):
    import mapclassify

    rng = np.random.default_rng(seed)
    values = np.round(rng.lognormal(size=120) * 10, 1)
    k = 3 + seed
    ours, _ = _fisher_jenks_bins(values, k)
    theirs = mapclassify.FisherJenks(values, k=k).bins
    assert within_class_squares(values, ours) <= within_class_squares(values, theirs) * (1 + 1e-9) + 1e-9
    np.testing.assert_allclose(ours, theirs)


def test_quantiles_equal_mapclassify_without_ties():
    import mapclassify

    values = np.random.default_rng(3).normal(size=200)
    np.testing.assert_allclose(classify(values, "quantiles", k=7).bins, mapclassify.Quantiles(values, k=7).bins)


def test_equal_interval_and_head_tail_come_from_mapclassify():
    import mapclassify

    values = np.random.default_rng(4).pareto(1.5, size=300) + 0.5
    np.testing.assert_allclose(classify(values, "equal_interval", k=6).bins, mapclassify.EqualInterval(values, k=6).bins)
    np.testing.assert_allclose(classify(values, "head_tail_breaks", k=9).bins, mapclassify.HeadTailBreaks(values).bins)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=40), min_size=4, max_size=9),
    st.integers(min_value=2, max_value=4),
)
def test_natural_breaks_are_optimal_by_brute_force(values, k):
    data = np.array(values, dtype=float)
    distinct = np.unique(data)
    if distinct.size <= k:
        return
    best = min(
        within_class_squares(data, np.r_[distinct[list(cut)], distinct[-1]])
        for cut in itertools.combinations(range(distinct.size - 1), k - 1)
    )
    bins, _ = _fisher_jenks_bins(data, k)
    assert len(bins) == k
    assert within_class_squares(data, bins) == pytest.approx(best, abs=1e-9)


def test_grouped_natural_breaks_on_many_values_are_deterministic():
    values = np.random.default_rng(5).lognormal(size=FISHER_JENKS_EXACT_LIMIT + 500)
    first = classify(values, "natural_breaks", k=5)
    second = classify(values[::-1].copy(), "natural_breaks", k=5)
    assert first.breaks.method == "fisher_jenks_grouped"
    assert first.bins == second.bins
    assert sum(first.counts) == values.size


def test_grouped_natural_breaks_are_close_to_exact():
    values = np.random.default_rng(7).lognormal(size=600)
    grouped, method = _fisher_jenks_bins(values, 5, max_groups=100)
    exact, _ = _fisher_jenks_bins(values, 5, max_groups=values.size)
    assert method == "fisher_jenks_grouped"
    assert within_class_squares(values, exact) <= within_class_squares(values, grouped)
    assert within_class_squares(values, grouped) <= within_class_squares(values, exact) * 1.05


def test_counts_with_many_repeats_stay_exact():
    # 83,000 village counts but only a few hundred distinct values: grouping is not needed.
    values = np.random.default_rng(6).poisson(30, size=83_000).astype(float)
    result = classify(values, "natural_breaks", k=7)
    assert result.breaks.method == "fisher_jenks_exact"
    assert sum(result.counts) == values.size


# --- properties ---------------------------------------------------------------------------------

finite_or_missing = st.one_of(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.just(float("nan")))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(finite_or_missing, min_size=0, max_size=40),
    st.sampled_from(COMPUTED),
    st.integers(min_value=3, max_value=9),
)
@example([1000000.0, 999999.9999999999], "head_tail_breaks", 3)  # a head's mean equal to the maximum
@example([1000000.0, 999999.9999999999], "equal_interval", 5)  # equal steps below the float spacing
def test_every_value_falls_in_exactly_one_class(values, scheme, k):
    result = classify(values, scheme, k=k)
    data = np.array(values, dtype=float)
    finite = np.isfinite(data)
    labels = result.labels.to_numpy()
    assert np.all(labels[~finite] == NO_DATA)
    assert sum(result.counts) == finite.sum()
    assert result.no_data_count == (~finite).sum()
    assert len(result.counts) == result.k <= k
    assert list(result.bins) == sorted(set(result.bins))
    intervals = result.intervals()
    for value, label in zip(data[finite], labels[finite], strict=True):
        lower, upper = intervals[label]
        inside = [i for i, (lo, up) in enumerate(intervals) if (lo is None or value > lo or (i == 0 and value >= lo)) and (up is None or value <= up)]
        assert inside == [label]
    if finite.any():
        assert result.bins[-1] == data[finite].max()
        assert result.breaks.lowest == data[finite].min()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=40), st.sampled_from(COMPUTED))
def test_classification_is_deterministic_and_order_free(values, scheme):
    forward = classify(values, scheme, k=5)
    backward = classify(values[::-1], scheme, k=5)
    assert forward.bins == backward.bins
    assert forward.labels.tolist() == backward.labels.tolist()[::-1]


def test_empty_fixed_breaks_leave_every_area_without_class_and_counted():
    empty = fixed_breaks([np.nan], "quantiles", k=5)
    assert empty.k == 0
    result = classify([1.0, np.nan], breaks=empty)
    assert result.labels.tolist() == [NO_DATA, NO_DATA]
    assert result.no_data_count == 2 and result.counts == ()


def test_suppressed_series_with_the_same_index_is_used_as_is():
    values = pd.Series([1.0, 2.0, 3.0, 4.0], index=["a", "a", "b", "c"])  # duplicate labels cannot be reindexed
    flags = pd.Series([False, True, False, False], index=values.index)
    assert classify(values, "quantiles", k=3, suppressed=flags).labels.tolist()[1] == SUPPRESSED
