"""Classify indicator values for a choropleth: quantiles, natural breaks, equal interval, head/tail, user-defined.

A classification turns one value per area into a class index. Class ``i`` holds
the values ``v`` with ``bins[i - 1] < v <= bins[i]`` (upper bounds, right-closed,
as in mapclassify); areas without data get :data:`NO_DATA` (-1) and areas whose
small counts are hidden get :data:`SUPPRESSED` (-2). Breaks are computed from
the visible values only, so a suppressed value cannot shift a break.

Schemes (``scheme=``):

``"quantiles"``
    Equal numbers of areas per class; repeated quantiles collapse (ties), so
    heavily tied data gives fewer classes than asked for.
``"natural_breaks"``
    Fisher-Jenks optimal breaks (least squared deviation within classes). Exact
    on up to :data:`FISHER_JENKS_EXACT_LIMIT` distinct values; above that the sorted
    distinct values are cut into that many consecutive groups and breaks may only
    fall between groups, which is the same idea as mapclassify's
    ``FisherJenksSampled`` but deterministic (see the note below).
``"equal_interval"``
    Classes of equal width between the minimum and the maximum (empty classes allowed).
``"head_tail_breaks"``
    Jiang's head/tail breaks for heavy-tailed data: the number of classes follows
    from the data; ``k`` is the most it may use (the highest classes are merged).
``"user_defined"``
    The user's thresholds ``t1 < ... < tm``: classes ``<= t1``, ``(t1, t2]``, ...,
    ``> tm`` (m + 1 classes, the last open-ended, so a threshold keeps its meaning
    whatever the data).

For integer data (counts) computed breaks are rounded down to whole numbers;
for whole numbers ``v <= 7.2`` and ``v <= 7`` are the same test, so this only
removes classes that no count could fall into and lets the legend read
``3 – 7``. To keep colours meaning the same values across periods, compute the
breaks once with :func:`fixed_breaks` over every period and pass them as
``breaks=``.

Notes
-----
Quantile breaks use the same formula as ``mapclassify.Quantiles`` (percentiles at
steps of 100/k, linear interpolation, repeated values collapsed) but without its
``UserWarning`` on ties; equal interval and head/tail breaks come from mapclassify
itself. Natural breaks use the vectorised weighted Fisher-Jenks below rather than
``mapclassify.FisherJenks``/``FisherJenksSampled``: without numba (not a dependency)
mapclassify's is pure Python (2,000 values take about 6 s here) and the sampled
variant draws its sample from NumPy's global random state, so two sessions would
see different breaks for the same data. The tests check that the breaks here are
at least as good as mapclassify's.

Examples
--------
>>> import pandas as pd
>>> values = pd.Series([1, 2, 3, 10, 11, 50, None], index=list("abcdefg"))
>>> result = classify(values, "natural_breaks", k=3)
>>> result.bins
(3.0, 11.0, 50.0)
>>> result.labels.tolist()
[0, 0, 0, 1, 1, 2, -1]
>>> result.counts
(3, 2, 1)
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from geo.analysis.palettes import MAX_CLASSES, MIN_CLASSES, check_class_count
from geo.errors import InvalidClassificationError

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

SCHEMES: tuple[str, ...] = ("quantiles", "natural_breaks", "equal_interval", "head_tail_breaks", "user_defined")
"""Scheme names accepted by :func:`classify` and :func:`fixed_breaks`."""
DEFAULT_SCHEME = "quantiles"
DEFAULT_K = 5

NO_DATA = -1
"""Class label of an area without data (missing or non-finite value)."""
SUPPRESSED = -2
"""Class label of an area whose value is hidden because it rests on a small count."""

FISHER_JENKS_EXACT_LIMIT = 2000
"""Distinct values up to which natural breaks are exact; above, breaks fall between that many groups."""


@dataclass(frozen=True)
class Breaks:
    """Class upper bounds, computed once and reusable across periods.

    Attributes
    ----------
    scheme : str
        One of :data:`SCHEMES`.
    bins : tuple of float
        Strictly increasing class upper bounds; ``math.inf`` as the last one means
        the top class is open-ended (user-defined breaks).
    lowest : float or None
        Smallest value the breaks were computed from (the lower end of the first
        class); None when the first class is open (user-defined breaks).
    requested_k : int
        Number of classes asked for (``len(bins)`` can be smaller: ties, few values).
    method : str
        How the bins were found, e.g. ``"fisher_jenks_exact"``, ``"fisher_jenks_grouped"``.
    whole_numbers : bool
        True when the breaks were computed from whole numbers only (counts) and rounded to them.
    """

    scheme: str
    bins: tuple[float, ...]
    lowest: float | None
    requested_k: int
    method: str
    whole_numbers: bool = False

    @property
    def k(self) -> int:
        """Number of classes."""
        return len(self.bins)


@dataclass(frozen=True, eq=False)
class Classification:
    """The class of every area, with what a legend needs.

    Attributes
    ----------
    breaks : Breaks
        The bins used (computed here or passed in).
    labels : pandas.Series
        Class index per area (index as the input values): ``0 .. k-1``,
        :data:`NO_DATA` or :data:`SUPPRESSED`.
    counts : tuple of int
        Number of areas in each class (``len(counts) == k``).
    no_data_count, suppressed_count : int
        Areas labelled :data:`NO_DATA` / :data:`SUPPRESSED`.
    fixed : bool
        True when the breaks were passed in (same across periods) rather than computed from these values.
    below_lowest, above_highest : bool
        Some value lies below the lowest value / above the top bin the breaks were
        computed from (possible with fixed breaks); the first / last class is then
        shown open-ended.
    whole_numbers : bool
        Every classified value and every bound is a whole number, so a class can be
        shown as ``3 – 7`` instead of ``2 – 7`` (exclusive lower bound).
    """

    breaks: Breaks
    labels: pd.Series
    counts: tuple[int, ...]
    no_data_count: int
    suppressed_count: int
    fixed: bool
    below_lowest: bool
    above_highest: bool
    whole_numbers: bool

    @property
    def scheme(self) -> str:
        """Scheme name."""
        return self.breaks.scheme

    @property
    def bins(self) -> tuple[float, ...]:
        """Class upper bounds."""
        return self.breaks.bins

    @property
    def k(self) -> int:
        """Number of classes actually used (0 when no area has a visible value)."""
        return self.breaks.k

    def intervals(self) -> list[tuple[float | None, float | None]]:
        """``(lower, upper)`` of each class; None marks an open end.

        The lower bound of the first class is inclusive (the lowest value), every other
        lower bound is the previous class's upper bound, exclusive.

        Examples
        --------
        >>> classify([1, 5, 9], "equal_interval", k=3, breaks=[4, 8]).intervals()
        [(None, 4.0), (4.0, 8.0), (8.0, None)]
        """
        result: list[tuple[float | None, float | None]] = []
        for index, upper in enumerate(self.bins):
            if index == 0:
                lower = None if self.breaks.lowest is None or self.below_lowest else self.breaks.lowest
            else:
                lower = self.bins[index - 1]
            is_top = index == len(self.bins) - 1
            open_top = math.isinf(upper) or (is_top and self.above_highest)
            result.append((lower, None if open_top else upper))
        return result


def _as_series(values: ArrayLike | pd.Series) -> pd.Series:
    if isinstance(values, pd.Series):
        series = values
    else:
        series = pd.Series(np.asarray(values, dtype="float64").ravel())
    try:
        return pd.to_numeric(series, errors="raise").astype("float64")
    except (TypeError, ValueError) as error:
        raise InvalidClassificationError(f"Values to classify must be numbers: {error}") from None


def _finite_visible(values: pd.Series, suppressed: pd.Series | None) -> np.ndarray:
    data = values.to_numpy(dtype="float64")
    mask = np.isfinite(data)
    if suppressed is not None:
        mask &= ~suppressed.to_numpy(dtype=bool)
    return data[mask]


def _check_scheme(scheme: str) -> str:
    if scheme not in SCHEMES:
        raise InvalidClassificationError(f"Unknown classification {scheme!r}; choose one of: {', '.join(SCHEMES)}.")
    return scheme


def _user_breaks(thresholds: Sequence[float]) -> Breaks:
    try:
        array = np.asarray(list(thresholds), dtype="float64")
    except (TypeError, ValueError):
        raise InvalidClassificationError(f"Class breaks must be numbers; got {list(thresholds)!r}.") from None
    if array.ndim != 1 or not MIN_CLASSES - 1 <= array.size <= MAX_CLASSES - 1:
        raise InvalidClassificationError(
            f"Give from {MIN_CLASSES - 1} to {MAX_CLASSES - 1} class breaks "
            f"(they make {MIN_CLASSES} to {MAX_CLASSES} classes); got {array.size}."
        )
    if not np.all(np.isfinite(array)):
        raise InvalidClassificationError(f"Class breaks must be finite numbers; got {array.tolist()!r}.")
    if np.any(np.diff(array) <= 0):
        raise InvalidClassificationError(f"Class breaks must increase strictly; got {array.tolist()!r}.")
    return Breaks(
        scheme="user_defined",
        bins=(*(float(b) for b in array), math.inf),
        lowest=None,
        requested_k=array.size + 1,
        method="user_defined",
    )


def _quantile_bins(data: np.ndarray, k: int) -> np.ndarray:
    # Same percentiles as mapclassify.classifiers.quantile (linear interpolation), built
    # from integers so that the last one is exactly 100.
    percentiles = 100.0 * np.arange(1, k + 1) / k
    return np.unique(np.percentile(data, percentiles))


def _fisher_jenks_bins(data: np.ndarray, k: int, max_groups: int = FISHER_JENKS_EXACT_LIMIT) -> tuple[np.ndarray, str]:
    """Optimal (least within-class squared deviation) upper bounds for ``k`` classes.

    Works on distinct values with their multiplicities, so ties never straddle a
    break; when there are more than ``max_groups`` distinct values, consecutive
    ones are grouped and breaks fall only between groups. The squared deviation of
    a run of groups is computed exactly from prefix sums of the raw values, so the
    result is the best partition among those breaks.
    """
    distinct, multiplicity = np.unique(data, return_counts=True)
    if distinct.size <= k:
        return distinct, "fisher_jenks_exact"
    if distinct.size > max_groups:
        group = (np.arange(distinct.size) * max_groups) // distinct.size
        method = "fisher_jenks_grouped"
    else:
        group = np.arange(distinct.size)
        method = "fisher_jenks_exact"
    weights = multiplicity.astype("float64")
    # Centring keeps the sums of squares small, so the differences of prefix sums lose no precision.
    centred = distinct - np.average(distinct, weights=weights)
    group_upper = distinct[np.r_[np.flatnonzero(np.diff(group)), distinct.size - 1]]
    prefix = [
        np.r_[0.0, np.cumsum(np.bincount(group, weights=w))]
        for w in (weights, weights * centred, weights * centred * centred)
    ]
    n_groups = group_upper.size
    starts = np.arange(n_groups + 1)[:, None]
    ends = np.arange(n_groups + 1)[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        count = prefix[0][ends] - prefix[0][starts]
        total = prefix[1][ends] - prefix[1][starts]
        cost = prefix[2][ends] - prefix[2][starts] - total * total / count
    cost[starts >= ends] = np.inf  # a class holds at least one group
    del count, total  # (groups + 1)² floats each: free them before the loop
    best = cost[0].copy()  # best[b]: least cost of the first b groups in one class
    choices = []
    for _ in range(2, k + 1):
        candidates = best[:, None] + cost
        choice = np.argmin(candidates, axis=0)  # first minimum: deterministic on ties
        best = candidates[choice, np.arange(n_groups + 1)]
        choices.append(choice)
    ends_of_classes = [n_groups]
    for choice in reversed(choices):
        ends_of_classes.append(int(choice[ends_of_classes[-1]]))
    upper_group_index = np.array(sorted(ends_of_classes)) - 1
    return group_upper[upper_group_index], method


def _computed_breaks(data: np.ndarray, scheme: str, k: int) -> Breaks:
    if data.size == 0:
        return Breaks(scheme=scheme, bins=(), lowest=None, requested_k=k, method="no_values")
    lowest, highest = float(data.min()), float(data.max())
    whole_numbers = bool(np.all(data == np.floor(data)))
    method = scheme
    if lowest == highest:
        bins = np.array([highest])
        method = "single_value"
    elif scheme == "quantiles":
        bins = _quantile_bins(data, k)
    elif scheme == "natural_breaks":
        bins, method = _fisher_jenks_bins(data, k)
    elif scheme == "equal_interval":
        import mapclassify  # imported here: it pulls in scikit-learn (about a second)

        bins = mapclassify.EqualInterval(data, k=k).bins
    else:  # head_tail_breaks
        import mapclassify

        with warnings.catch_warnings():  # values a rounding error apart leave a head with no values
            warnings.simplefilter("ignore", RuntimeWarning)
            bins = mapclassify.HeadTailBreaks(data).bins
        if bins.size > k:  # the data would support more classes than asked: merge the top ones
            bins = np.r_[bins[: k - 1], bins[-1]]
    bins = np.asarray(bins, dtype="float64")
    if whole_numbers:
        bins = np.floor(bins)
    # Strictly increasing, ending at the maximum: with values a rounding error apart, equal
    # steps or a head's mean can repeat a bound or land on or above the maximum.
    bins = np.r_[np.unique(bins[np.isfinite(bins) & (bins < highest)]), highest]
    return Breaks(
        scheme=scheme,
        bins=tuple(float(b) for b in bins),
        lowest=lowest,
        requested_k=k,
        method=method,
        whole_numbers=whole_numbers,
    )


def fixed_breaks(
    values_all_periods: ArrayLike | pd.Series,
    scheme: str = DEFAULT_SCHEME,
    k: int = DEFAULT_K,
    *,
    suppressed: ArrayLike | pd.Series | None = None,
    user_breaks: Sequence[float] | None = None,
) -> Breaks:
    """Breaks computed once over the values of every period, to pass to :func:`classify`.

    Parameters
    ----------
    values_all_periods : array-like or pandas.Series
        Every area's value in every period (NaN for no data).
    scheme : str
        One of :data:`SCHEMES`.
    k : int
        Number of classes, 3 to 9 (ignored for ``"user_defined"``).
    suppressed : array-like of bool, optional
        True where a value is hidden; such values do not shape the breaks.
    user_breaks : sequence of float, optional
        Thresholds for ``scheme="user_defined"``.

    Returns
    -------
    Breaks

    Examples
    --------
    >>> both_years = [1, 2, 3, 4, 10, 20, 30, 40]
    >>> breaks = fixed_breaks(both_years, "equal_interval", k=3)
    >>> breaks.bins
    (14.0, 27.0, 40.0)
    >>> classify([2, 30], breaks=breaks).labels.tolist()
    [0, 2]
    """
    _check_scheme(scheme)
    if scheme == "user_defined":
        if user_breaks is None:
            raise InvalidClassificationError("User-defined classes need their breaks (for example 10, 50, 100).")
        return _user_breaks(user_breaks)
    check_class_count(k)
    values = _as_series(values_all_periods)
    flags = None if suppressed is None else pd.Series(np.asarray(suppressed, dtype=bool).ravel())
    if flags is not None and flags.size != values.size:
        raise InvalidClassificationError(
            f"Got {values.size} values but {flags.size} suppression flags; they must match one to one."
        )
    return _computed_breaks(_finite_visible(values.reset_index(drop=True), flags), scheme, k)


def classify(
    values: ArrayLike | pd.Series,
    scheme: str = DEFAULT_SCHEME,
    k: int = DEFAULT_K,
    breaks: Breaks | Sequence[float] | None = None,
    *,
    suppressed: ArrayLike | pd.Series | None = None,
) -> Classification:
    """Put every area's value into a class.

    Parameters
    ----------
    values : pandas.Series or array-like
        One value per area, NaN (or inf) for no data. A Series keeps its index
        (area codes) in ``labels``.
    scheme : str
        One of :data:`SCHEMES`; default ``"quantiles"``.
    k : int
        Number of classes, 3 to 9; fewer result when the data cannot fill them.
    breaks : Breaks or sequence of float, optional
        A :class:`Breaks` from :func:`fixed_breaks` (same colours across periods), or
        user-defined thresholds (implies ``scheme="user_defined"``).
    suppressed : pandas.Series or array-like of bool, optional
        True where the value must not be shown; such areas get :data:`SUPPRESSED`.
        A Series is aligned on the index of ``values``.

    Returns
    -------
    Classification

    Raises
    ------
    InvalidClassificationError
        Unknown scheme, ``k`` outside 3..9, bad breaks, non-numeric values.

    Examples
    --------
    >>> import pandas as pd
    >>> values = pd.Series([0, 4, 4, 4, 9, None, 2], index=["a", "b", "c", "d", "e", "f", "g"])
    >>> result = classify(values, "quantiles", k=3, suppressed=values.between(1, 2))
    >>> result.labels.to_dict()
    {'a': 0, 'b': 0, 'c': 0, 'd': 0, 'e': 1, 'f': -1, 'g': -2}
    >>> result.bins, result.counts, result.no_data_count, result.suppressed_count
    ((4.0, 9.0), (4, 1), 1, 1)
    >>> classify([5, 50, 500], breaks=[10, 100]).labels.tolist()
    [0, 1, 2]
    """
    series = _as_series(values)
    flags: pd.Series | None = None
    if suppressed is not None:
        if isinstance(suppressed, pd.Series) and isinstance(values, pd.Series):
            aligned = suppressed if suppressed.index.equals(series.index) else suppressed.reindex(series.index)
            flags = aligned.fillna(False).astype(bool)
        else:
            raw_flags = np.asarray(suppressed, dtype=bool).ravel()
            if raw_flags.size != series.size:
                raise InvalidClassificationError(
                    f"Got {series.size} values but {raw_flags.size} suppression flags; they must match one to one."
                )
            flags = pd.Series(raw_flags, index=series.index)
    fixed = isinstance(breaks, Breaks)
    if isinstance(breaks, Breaks):
        used = breaks
    elif breaks is not None:
        used = _user_breaks(breaks)
    elif scheme == "user_defined":
        _check_scheme(scheme)
        raise InvalidClassificationError("User-defined classes need their breaks (for example 10, 50, 100).")
    else:
        _check_scheme(scheme)
        check_class_count(k)
        used = _computed_breaks(_finite_visible(series, flags), scheme, k)

    data = series.to_numpy(dtype="float64")
    hidden = np.zeros(data.size, dtype=bool) if flags is None else flags.to_numpy(dtype=bool)
    visible = np.isfinite(data) & ~hidden
    labels = np.full(data.size, NO_DATA, dtype="int64")
    labels[hidden] = SUPPRESSED
    bins = np.asarray(used.bins, dtype="float64")
    if bins.size:
        # side="left": the first bin >= value, i.e. bins[i-1] < value <= bins[i]; values above
        # the top bin (fixed breaks from other periods) join the top class, shown open-ended.
        labels[visible] = np.minimum(np.searchsorted(bins, data[visible], side="left"), bins.size - 1)
    visible_values = data[visible]
    counts = np.bincount(labels[visible], minlength=bins.size) if bins.size else np.zeros(0, dtype="int64")
    below = bool(used.lowest is not None and visible_values.size and visible_values.min() < used.lowest)
    above = bool(bins.size and visible_values.size and visible_values.max() > bins[-1])
    bounds = [b for b in (*used.bins, used.lowest) if b is not None and math.isfinite(b)]
    whole = bool(np.all(visible_values == np.floor(visible_values)) and all(b == math.floor(b) for b in bounds))
    return Classification(
        breaks=used,
        labels=pd.Series(labels, index=series.index, name="class"),
        counts=tuple(int(c) for c in counts),
        # also counts visible values when the given breaks have no classes (computed from no values)
        no_data_count=int((labels == NO_DATA).sum()),
        suppressed_count=int(hidden.sum()),
        fixed=fixed,
        below_lowest=below,
        above_highest=above,
        whole_numbers=whole,
    )
