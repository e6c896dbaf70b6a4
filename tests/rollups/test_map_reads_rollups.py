"""The Map page's choropleth of a stored dataset reads roll-ups only, and equals the choropleth of all its records."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from geo.analysis.indicators import combine_records
from geo.data.store import Store
from geo.web import mapview
from geo.web.mapview import build_choropleth, select_datasets
from geo.web.viewstate import View

DISTRICTS = [f"{province}.{regency:02d}.{district:02d}" for province in ("21", "31")
             for regency in (1, 71) for district in range(1, 6)]


def national(kind: str, seed: int) -> pd.DataFrame:
    """Villages of ten districts, monthly 2023-11 .. 2024-06 plus a yearly 2022 figure, some small counts."""
    rng = np.random.default_rng(seed)
    villages = [f"{district}.{village}" for district in DISTRICTS for village in (1001, 1002, 2001)]
    periods = ["2022", "2023-11", "2023-12", *[f"2024-{month:02d}" for month in range(1, 7)]]
    frame = pd.DataFrame([{"area_code": code, "level": "village", "period": period} for code in villages
                          for period in periods])
    frame["count"] = rng.choice([0, 1, 2, 3, 8, 20, 40], size=len(frame))
    if kind == "migration":
        frame["procedural"] = rng.choice([True, False, None], size=len(frame))
    return frame


VIEWS = (
    View(level="district", area="21"),  # default indicator and period
    View(level="district", area="21", indicator="cases", period="2024-02", measure="change"),
    View(level="district", area="21", indicator="non_procedural_share", period=("2024-01", "2024-06")),
    View(level="district", area="31", indicator="cases_per_1000_migrants", period="2024", fixed=True),
    View(level="district", area="21", indicator="migrants", period="2024-03", fixed=True, measure="change"),
    View(level="district", indicator="migrants", period="all"),
)


@pytest.mark.parametrize("audience", ["public", "analyst"])
def test_the_store_choropleth_reads_rollups_only_and_equals_all_records(
    store: Store, monkeypatch: pytest.MonkeyPatch, audience: str
) -> None:
    migration, cases = national("migration", 1), national("cases", 2)
    store.mark_once("sample-data")  # no sample datasets: these two are the active ones
    store.save_dataset(kind="migration", name="m", records=migration)
    store.save_dataset(kind="cases", name="c", records=cases)
    everything = combine_records(migration=migration, cases=cases)

    def no_records(*_: object) -> None:
        raise AssertionError("a view read a dataset's records")

    monkeypatch.setattr(Store, "load_records", no_records)
    for view in VIEWS:
        codes = [code for code in DISTRICTS if view.area is None or code.startswith(view.area + ".")]
        selection = select_datasets(None, "en", audience="public")
        assert selection.records is None and selection.source is not None
        mapview._FIXED_BREAKS_CACHE.clear()  # both paths compute their breaks (the cache keys on dataset ids)
        from_rollups = build_choropleth(view, codes, selection, names={}, lang="en", audience=audience)
        mapview._FIXED_BREAKS_CACHE.clear()
        in_memory = replace(selection, records=everything, source=None)
        from_records = build_choropleth(view, codes, in_memory, names={}, lang="en", audience=audience)
        assert from_rollups is not None and from_records is not None
        assert (from_rollups.indicator, from_rollups.period, from_rollups.periods, from_rollups.messages) == (
            from_records.indicator, from_records.period, from_records.periods, from_records.messages)
        pd.testing.assert_frame_equal(from_rollups.table, from_records.table)
        assert from_rollups.classification.bins == from_records.classification.bins
        assert from_rollups.payload == from_records.payload
