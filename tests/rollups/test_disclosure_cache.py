"""Disclosure decided once per version: kept on disk, made at publish time, read by a new process.

A public map of a stored version hides the same areas whether its decision is made in the
process, read from ``RISKMAP_HOME/cache/disclosure`` or made by ``riskmap ingest`` before any
map; a different threshold or version never reads another's decision.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.data.store import Store
from geo.web import disclosure_cache, mapview
from geo.web.disclosure_cache import CACHE_FOLDER, prepare_first_views
from geo.web.mapview import build_choropleth, select_datasets
from geo.web.viewstate import View
from tests.rollups.test_map_reads_rollups import DISTRICTS, national


def with_small_districts(seed: int) -> pd.DataFrame:
    """The national test records with two districts whose 2024 totals are small (hidden from the public)."""
    records = national("migration", seed)
    small = records["area_code"].str.startswith(("21.01.01.", "21.71.02.")) & records["period"].str.startswith("2024")
    records.loc[small, "count"] = 0
    records.loc[small[small].index[:2], "count"] = 1
    return records


def forget_in_memory() -> None:
    """What a new app process knows: nothing in memory (the disk stays)."""
    from geo.analysis import indicators
    from geo.web import viewdata

    disclosure_cache._MEMORY.clear()
    indicators._WHOLE_FLAGS_CACHE.clear()
    viewdata._tree.cache_clear()
    mapview._FIXED_BREAKS_CACHE.clear()


def public_choropleth(view: View) -> pd.DataFrame:
    codes = [code for code in DISTRICTS if view.area is None or code.startswith(view.area + ".")]
    choropleth = build_choropleth(view, codes, select_datasets(None, "en", audience="public"), names={},
                                  lang="en", audience="public")
    assert choropleth is not None
    return choropleth.table


def test_a_new_process_reads_the_decisions_made_at_publish_time(
    store: Store, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.mark_once("sample-data")
    dataset_id = store.save_dataset(kind="migration", name="m", records=with_small_districts(3))
    forget_in_memory()
    decided_in_process = public_choropleth(View(level="district", area="21"))
    assert decided_in_process["suppressed"].sum() >= 2, decided_in_process  # the small ones and their complements

    for stored in tmp_path.joinpath(*CACHE_FOLDER).glob("*.json"):
        stored.unlink()
    forget_in_memory()
    assert prepare_first_views(database_url, dataset_id) == 2  # the last year and the one before
    assert len(list(tmp_path.joinpath(*CACHE_FOLDER).glob("*.json"))) == 2

    forget_in_memory()

    def no_sums(*_: object, **__: object) -> None:
        raise AssertionError("the hierarchy was summed again instead of read")

    monkeypatch.setattr(Store, "rollup_tree", no_sums)
    pd.testing.assert_frame_equal(public_choropleth(View(level="district", area="21")), decided_in_process)


def test_a_decision_is_made_again_for_another_threshold_and_when_its_file_is_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    counts = pd.Series({"21": 30.0, "21.71": 27.0, "21.72": 3.0})
    calls: list[int] = []

    def counted() -> pd.Series:
        calls.append(1)
        return counts

    key = ("db", 7, "2026-12-01T00:00:00", ("2024",), None)
    assert disclosure_cache.hidden_codes((*key, 5), counted) == {"21.71", "21.72"}
    assert disclosure_cache.hidden_codes((*key, 2), counted) == frozenset()  # 3 is not small under 2
    assert len(calls) == 2
    disclosure_cache._MEMORY.clear()
    for stored in tmp_path.joinpath(*CACHE_FOLDER).glob("*.json"):
        stored.write_text('{"key": "', encoding="utf-8")  # cut short
    assert disclosure_cache.hidden_codes((*key, 5), counted) == {"21.71", "21.72"}
    assert len(calls) == 3
    assert "db" not in "".join(p.read_text() for p in tmp_path.joinpath(*CACHE_FOLDER).glob("*.json"))


def test_riskmap_ingest_prepares_the_first_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.cli import main

    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    monkeypatch.delenv("RISKMAP_DB_URL", raising=False)
    source = tmp_path / "monthly.csv"
    national("migration", 4).drop(columns=["level", "procedural"]).rename(
        columns={"area_code": "kode_desa", "period": "periode", "count": "jumlah"}).to_csv(source, index=False)
    assert main(["ingest", str(source), "--kind", "migration", "--json"]) == 0
    assert len(list(tmp_path.joinpath(*CACHE_FOLDER).glob("*.json"))) == 2
