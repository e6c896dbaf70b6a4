"""Roll-ups computed chunk by chunk (publishing's bounded path) equal the whole computation, in index order."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.data import rollups as rollups_module
from geo.data.codes import CODE_LENGTHS
from geo.data.rollups import ROLLUP_COLUMNS, compute_rollups, iter_rollups

CODES = ("21", "21.71", "21.71.01", "21.71.01.1001", "21.71.01.1002", "21.71.02.1001", "31.71.01.1001")
record = st.fixed_dictionaries({
    "area_code": st.sampled_from(CODES),
    "period": st.sampled_from(["2023", "2024", "2023-12", "2024-01", "2024-02"]),
    "count": st.integers(min_value=0, max_value=40),
    "procedural": st.sampled_from([True, False, None]),
    "sex": st.sampled_from([None, "F", "M"]),
})
records_of = st.lists(record, min_size=1, max_size=40).map(pd.DataFrame)


@settings(max_examples=40, deadline=None)
@given(records=records_of, chunk_rows=st.integers(min_value=1, max_value=9))
def test_chunks_are_small_ordered_and_add_up_to_the_whole(records: pd.DataFrame, chunk_rows: int) -> None:
    chunks = list(iter_rollups(records, chunk_rows=chunk_rows))
    assert all(0 < len(chunk) <= chunk_rows and list(chunk.columns) == list(ROLLUP_COLUMNS) for chunk in chunks)
    whole = pd.concat(chunks, ignore_index=True)
    pd.testing.assert_frame_equal(whole, compute_rollups(records))
    # level by level (province first); inside a level months then years, each sorted as the
    # index (level, period, code) is, so the database appends to its index
    levels = list(CODE_LENGTHS)
    assert whole["level"].map(levels.index).is_monotonic_increasing
    for _, rows in whole.groupby("level", sort=False):
        is_year = rows["period"].str.len() == 4
        assert is_year.is_monotonic_increasing
        for form in (rows[~is_year], rows[is_year]):
            keys = list(zip(form["period"], form["code"], strict=True))
            assert keys == sorted(keys)


@settings(max_examples=40, deadline=None)
@given(keys=st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=80),
       seed=st.integers(min_value=0, max_value=2**16))
def test_counting_and_sorting_sums_agree(keys: list[int], seed: int) -> None:
    array = np.asarray(keys, dtype="int64")
    counts = np.random.default_rng(seed).integers(0, 1000, size=len(array)).astype("int64")
    dense = rollups_module._sum_by_key(array, counts, 61)  # a small key space: counted
    sparse = rollups_module._sum_by_key(array, counts, 2**40)  # a huge one: sorted
    expected = pd.Series(counts).groupby(array).agg(["sum", "size"])
    for unique_keys, sums, sizes in (dense, sparse):
        assert unique_keys.tolist() == expected.index.tolist()
        assert sums.tolist() == expected["sum"].tolist() and sizes.tolist() == expected["size"].tolist()
