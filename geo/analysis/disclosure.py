"""Disclosure control: who sees small counts, and which cells must be hidden so none can be recomputed.

Two audiences exist. ``"public"`` (anonymous viewers, and the default of every view,
table and export) gets *primary suppression* — a count ``c`` with ``0 < c < k`` is
hidden, ``k`` being the dataset's disclosure threshold — and *complementary
suppression*: no hidden count can be recomputed from a published total and the
visible counts beside it. ``"analyst"`` (signed-in analysts and admins who chose to
see small counts) gets every value.

Thresholds are per dataset (``DatasetInfo.disclosure_threshold``); the defaults are
:data:`DEFAULT_THRESHOLDS`: 5 for migration counts and 10 for trafficking cases
(CTDC publishes with k = 11; cases are rare and identify victims). A value built
from several datasets (cases per 1,000 migrants) uses the strictest threshold of
those involved.

Zero is shown. k-anonymity protects the 1 … k−1 people behind a small count; a
zero identifies nobody, and hiding zeros would hide where nothing was recorded,
which planners need. A zero is also never picked as a complementary cell: hiding
a known-empty area protects nothing.

Complementary suppression works on the whole area hierarchy at once (province ›
regency › district › village, plus a national total above the provinces), so a
cell hidden in one view is hidden in every view, breadcrumb and export:

* a *visible* parent (its total is published somewhere: a tooltip, the level
  above, a breadcrumb) must have either no hidden child or at least two — with
  exactly one, the next smallest visible non-zero sibling is hidden too, or, when
  there is none, the parent itself;
* a *hidden* parent must keep at least one hidden child with data, else the sum
  of its visible children would give it away;
* the rules are applied until nothing changes (suppression only grows, so this ends).

Examples
--------
>>> import pandas as pd
>>> counts = pd.Series({"21": 120.0, "21.71": 100.0, "21.01": 17.0, "21.02": 3.0})
>>> hidden = suppress_counts(counts, threshold=5)
>>> sorted(code for code, flag in hidden.items() if flag)   # 21.02 alone would be 120 - 100 - 17
['21.01', '21.02']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from geo.data.codes import parent_of as _code_parent
from geo.data.kinds import DEFAULT_THRESHOLDS
from geo.errors import RiskmapError

PUBLIC = "public"
"""Anonymous viewers (and the default everywhere): small counts are suppressed."""
ANALYST = "analyst"
"""Signed-in analysts and admins who chose to see small counts: nothing is suppressed."""
AUDIENCES: tuple[str, ...] = (PUBLIC, ANALYST)


ROOT = ""
"""Code of the virtual national total above the provinces (treated as published)."""


class DisclosureError(RiskmapError, ValueError):
    """An unknown audience or an unusable threshold."""


def check_audience(audience: str) -> str:
    """Return ``audience`` when it is ``"public"`` or ``"analyst"``.

    Raises
    ------
    DisclosureError
        For anything else, naming the accepted values.

    Examples
    --------
    >>> check_audience("analyst")
    'analyst'
    """
    if audience not in AUDIENCES:
        raise DisclosureError(f"Unknown audience {audience!r}; use one of: {', '.join(AUDIENCES)}.")
    return audience


def default_threshold(kind: str) -> int:
    """The disclosure threshold of a dataset kind (``"migration"`` 5, ``"cases"`` 10).

    Examples
    --------
    >>> default_threshold("cases")
    10
    """
    try:
        return DEFAULT_THRESHOLDS[kind]
    except KeyError:
        raise DisclosureError(f"Unknown dataset kind {kind!r}; use one of: {', '.join(DEFAULT_THRESHOLDS)}.") from None


def threshold_of(dataset: object) -> int:
    """A dataset's threshold: its ``disclosure_threshold`` when set, else the default of its ``kind``.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> threshold_of(SimpleNamespace(kind="cases")), threshold_of(SimpleNamespace(kind="cases", disclosure_threshold=11))
    (10, 11)
    """
    own = getattr(dataset, "disclosure_threshold", None)
    if own:  # None or 0: the kind's default
        return check_threshold(int(own))
    return default_threshold(str(getattr(dataset, "kind", "")))


def check_threshold(threshold: int) -> int:
    """Return ``threshold`` when it is a whole number of at least 1 (1: nothing is small).

    Examples
    --------
    >>> check_threshold(11)
    11
    """
    if isinstance(threshold, bool) or not isinstance(threshold, (int, np.integer)) or threshold < 1:
        raise DisclosureError(f"Disclosure threshold {threshold!r}: give a whole number of 1 or more.")
    return int(threshold)


def strictest_threshold(thresholds: Iterable[int]) -> int:
    """The threshold for a value derived from several datasets: the largest of theirs.

    Examples
    --------
    >>> strictest_threshold([5, 10])
    10
    """
    values = [check_threshold(value) for value in thresholds]
    if not values:
        raise DisclosureError("No disclosure threshold given: a value must come from at least one dataset.")
    return max(values)


def primary_suppression(counts: pd.Series, threshold: int) -> pd.Series:
    """True where a count is small: ``0 < count < threshold`` (NaN, no data, and zero are not small).

    Examples
    --------
    >>> import pandas as pd
    >>> primary_suppression(pd.Series([0.0, 1.0, 4.0, 5.0, float("nan")]), 5).tolist()
    [False, True, True, False, False]
    """
    threshold = check_threshold(threshold)
    values = pd.to_numeric(counts, errors="coerce")
    return ((values > 0) & (values < threshold)).fillna(False).astype(bool)


def complementary_suppression(
    counts: pd.Series,
    suppressed: pd.Series,
    parent_of: Callable[[str], str | None] = _code_parent,
) -> pd.Series:
    """Add hidden cells until no hidden count can be recomputed from a parent total.

    Parameters
    ----------
    counts : pandas.Series
        Count per area code (NaN: no data, known to contribute nothing). Include every
        area whose total may be published (all levels), or parents are assumed published
        and unsuppressible.
    suppressed : pandas.Series of bool
        Primary suppression (aligned on ``counts``' index).
    parent_of : callable
        Code → parent code (``None`` at the top, whose parent is the national total :data:`ROOT`).

    Returns
    -------
    pandas.Series of bool
        ``suppressed`` plus the complementary cells, indexed like ``counts``.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.Series({"A": 30.0, "A.1": 2.0, "A.2": 8.0, "A.3": 20.0})
    >>> complementary_suppression(counts, counts < 5).to_dict()
    {'A': False, 'A.1': True, 'A.2': True, 'A.3': False}
    """
    values = pd.to_numeric(counts, errors="coerce").to_numpy(dtype="float64")
    hidden = suppressed.reindex(counts.index).fillna(False).to_numpy(dtype=bool).copy()
    codes = np.asarray(counts.index.to_numpy(dtype=object), dtype=str)  # not a loop: Arrow strings iterate slowly
    if parent_of is _code_parent and codes.size:  # the code hierarchy: every parent at once (a loop takes ~0.2 s per 100,000)
        head, dot, _ = np.strings.rpartition(codes, ".")
        parents = np.where(dot == ".", head, ROOT).astype(object)
    else:
        parents = np.array([parent_of(code) or ROOT for code in codes.tolist()], dtype=object)
    tree = _Tree(codes, values, parents)
    while tree.protect_visible_parents(hidden) | tree.protect_hidden_parents(hidden):
        pass
    return pd.Series(hidden, index=counts.index, dtype=bool)


def _positions(codes: np.ndarray, wanted: np.ndarray, ascending: bool) -> np.ndarray:
    """Position of each ``wanted`` code among ``codes`` (-1: not a cell, e.g. the national total)."""
    if not ascending or codes.size == 0:
        return pd.Index(codes, dtype=object).get_indexer(pd.Index(wanted, dtype=object))
    position = np.minimum(np.searchsorted(codes, wanted), codes.size - 1)
    return np.where(codes[position] == wanted, position, -1)


class _Tree:
    """Sibling groups of a hierarchy as NumPy arrays, members sorted smallest count first (ties: code)."""

    def __init__(self, codes: np.ndarray, values: np.ndarray, parents: np.ndarray) -> None:
        self.values = values
        self.parent_ids, uniques = pd.factorize(parents)
        self.group_count = len(uniques)
        # Codes in order already (the hierarchy of a dataset is built sorted): positions break ties
        # as the codes would, and parents are found by binary search, without hashing every code again.
        ascending = codes.size < 2 or bool((codes[1:] > codes[:-1]).all())
        self.parent_position = _positions(codes, np.asarray(uniques, dtype=str), ascending)
        tie_break = np.arange(codes.size) if ascending else codes
        self.order = np.lexsort((tie_break, np.nan_to_num(values, nan=np.inf), self.parent_ids))
        sorted_groups = self.parent_ids[self.order]
        self.starts = np.searchsorted(sorted_groups, np.arange(self.group_count), side="left")
        self.ends = np.searchsorted(sorted_groups, np.arange(self.group_count), side="right")
        self.has_data = np.nan_to_num(values, nan=0.0) > 0  # no data and zero are never a complement

    def _per_group(self, flags: np.ndarray) -> np.ndarray:
        return np.bincount(self.parent_ids, weights=flags.astype("float64"), minlength=self.group_count)

    def _parent_hidden(self, hidden: np.ndarray) -> np.ndarray:
        return (self.parent_position >= 0) & hidden[np.maximum(self.parent_position, 0)]

    def smallest_visible(self, group: int, hidden: np.ndarray) -> int | None:
        """The member of ``group`` with the smallest visible non-zero count, or None."""
        members = self.order[self.starts[group]:self.ends[group]]
        eligible = ~hidden[members] & self.has_data[members]
        return int(members[int(eligible.argmax())]) if eligible.any() else None

    def protect_visible_parents(self, hidden: np.ndarray) -> bool:
        """Rule 1: a published parent with exactly one hidden child gets a second one (or is hidden itself)."""
        changed = False
        for group in np.flatnonzero((self._per_group(hidden) == 1) & ~self._parent_hidden(hidden)):
            partner = self.smallest_visible(int(group), hidden)
            if partner is None and self.parent_position[group] >= 0:
                partner = int(self.parent_position[group])  # no sibling can cover it: hide the total instead
            if partner is not None:
                hidden[partner] = True
                changed = True
        return changed

    def protect_hidden_parents(self, hidden: np.ndarray) -> bool:
        """Rule 2: a hidden parent whose children with data are all visible gets one hidden child."""
        exposed = np.flatnonzero(
            self._parent_hidden(hidden) & (self._per_group(self.has_data) > 0) & (self._per_group(hidden) == 0)
        )
        for group in exposed:
            partner = self.smallest_visible(int(group), hidden)
            if partner is not None:
                hidden[partner] = True
        return exposed.size > 0


def suppress_counts(
    counts: pd.Series,
    threshold: int,
    parent_of: Callable[[str], str | None] = _code_parent,
) -> pd.Series:
    """Primary then complementary suppression of counts over an area hierarchy.

    Parameters
    ----------
    counts : pandas.Series
        Count per area code at every level whose totals may be shown (NaN: no data).
    threshold : int
        Counts with ``0 < count < threshold`` are hidden.
    parent_of : callable
        Code → parent code; default :func:`geo.data.codes.parent_of`.

    Returns
    -------
    pandas.Series of bool
        True where the count must not reach a public viewer.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.Series({"21.71": 4.0, "21.71.01": 4.0})   # a regency and its only district
    >>> suppress_counts(counts, 5).tolist()
    [True, True]
    """
    return complementary_suppression(counts, primary_suppression(counts, threshold), parent_of)


def suppress_two_way(
    counts: pd.Series, rows: pd.Series, columns: pd.Series, threshold: int
) -> pd.Series:
    """Suppression of a two-way table (e.g. origin × destination flows) whose margins are published.

    A cell with ``0 < count < threshold`` is hidden; then, until nothing changes, any row
    or column with exactly one hidden cell gets its smallest visible cell hidden too, so
    neither margin minus the visible cells gives a hidden cell away. A row or column
    whose only cells are one hidden cell cannot be protected here: its margin is itself
    below the threshold and must be hidden by whoever shows it.

    Parameters
    ----------
    counts : pandas.Series
        One count per cell.
    rows, columns : pandas.Series
        The cell's row and column keys, aligned with ``counts``.
    threshold : int
        Disclosure threshold.

    Returns
    -------
    pandas.Series of bool
        True for hidden cells, indexed like ``counts``.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.Series([40.0, 3.0, 25.0, 30.0])
    >>> origins = pd.Series(["A", "A", "B", "B"])
    >>> places = pd.Series(["KH", "MY", "KH", "MY"])
    >>> suppress_two_way(counts, origins, places, 10).tolist()
    [True, True, True, True]
    """
    values = pd.to_numeric(counts, errors="coerce").to_numpy(dtype="float64")
    hidden = primary_suppression(counts, threshold).to_numpy(dtype=bool).copy()
    # Cells are named so that no cell is any group's parent: margins are published, never hidden here.
    cells = np.array([f"cell {position:09d}" for position in range(values.size)], dtype=str)
    margins = [
        _Tree(cells, values, np.array([f"{role}\x00{key}" for key in keys.astype(str)], dtype=object))
        for role, keys in (("row", rows), ("column", columns))
    ]
    while any([margin.protect_visible_parents(hidden) for margin in margins]):
        pass
    return pd.Series(hidden, index=counts.index, dtype=bool)


def threshold_for_kinds(kinds: Iterable[str], thresholds: Mapping[str, int] | None = None) -> int:
    """The strictest threshold over dataset ``kinds`` (given per kind, else the defaults).

    Examples
    --------
    >>> threshold_for_kinds(["cases", "migration"]), threshold_for_kinds(["migration"], {"migration": 7})
    (10, 7)
    """
    given = dict(thresholds or {})
    return strictest_threshold(given.get(kind, default_threshold(kind)) for kind in kinds)
