"""Default sample data: deterministic, anchored to the published figures, labelled as sample."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from geo.data import store as store_module
from geo.data.codes import CodeList
from geo.data.sample import (
    KEPRI_CAMBODIA_TOTAL,
    PROVINCE_ANCHORS,
    REGENCY_ANCHORS,
    case_records,
    citation,
    migration_records,
)
from geo.data.store import Store

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def codes() -> CodeList:
    return CodeList.load()


def test_migration_totals_equal_the_bp2mi_anchors(codes: CodeList) -> None:
    frame = migration_records(codes)
    by_province = frame.groupby(frame["area_code"].str[:2])["count"].sum().to_dict()
    assert by_province == PROVINCE_ANCHORS
    by_regency = frame.groupby(frame["area_code"].str[:5])["count"].sum()
    assert {code: int(by_regency[code]) for code in REGENCY_ANCHORS} == {"32.12": 19_178, "32.09": 10_552}
    assert set(frame["level"]) == {"village"} and set(frame["period"]) == {"2023"}
    assert frame["area_code"].isin(codes.frame.index).all()
    assert (frame["count"] > 0).all()


def test_generation_is_deterministic(codes: CodeList) -> None:
    pd.testing.assert_frame_equal(migration_records(codes), migration_records(codes))
    pd.testing.assert_frame_equal(case_records(codes), case_records(codes))


def test_cases_concentrate_on_batam_and_bintan(codes: CodeList) -> None:
    frame = case_records(codes)
    assert frame["area_code"].isin(codes.frame.index).all()
    kepri = frame[frame["area_code"].str.startswith("21.")]
    assert kepri.loc[kepri["destination_country"] == "Cambodia", "count"].sum() == KEPRI_CAMBODIA_TOTAL
    assert kepri["count"].sum() > 0.8 * frame["count"].sum()
    by_regency = frame.groupby(frame["area_code"].str[:5])["count"].sum().sort_values(ascending=False)
    assert list(by_regency.index[:2]) == ["21.71", "21.01"]
    assert set(frame["destination_city"]) == {"Phnom Penh", "Sihanoukville", "Bavet", "Poipet", "Myawaddy",
                                              "Johor Bahru"}
    assert set(frame["transit"].dropna()) == {"Johor Bahru"}
    assert frame["period"].between("2024-01", "2025-03").all()


def test_empty_store_gets_the_samples_once(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    monkeypatch.delenv("RISKMAP_DB_URL", raising=False)
    migration = store_module.active_dataset("migration")  # seeds the empty store
    assert migration is not None and migration.is_sample
    assert migration.total == sum(PROVINCE_ANCHORS.values())
    assert "BP2MI" in citation(migration.sources, "en") and "BP2MI" in citation(migration.sources, "id")
    cases = store_module.active_dataset("cases")
    assert cases is not None and cases.is_sample and "BP3MI Kepulauan Riau" in citation(cases.sources, "en")
    assert json.loads(cases.sources).keys() == {"en", "id"}
    store = Store()
    assert store.ensure_default_data() == []  # not again
    assert len(store.list_datasets()) == 2
    records = store_module.load_records(cases.id)
    assert records["count"].sum() == cases.total


def test_a_store_that_had_data_is_not_reseeded(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    monkeypatch.delenv("RISKMAP_DB_URL", raising=False)
    store = Store()
    dataset_id = store.save_dataset(kind="cases", name="mine",
                                    records=pd.DataFrame({"area_code": ["21.71"], "level": ["regency"], "count": [1]}))
    store.delete_dataset(dataset_id)
    assert store.ensure_default_data() == []
    assert store_module.active_dataset("migration") is None


def test_failed_seeding_can_be_retried(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    monkeypatch.delenv("RISKMAP_DB_URL", raising=False)
    store = Store()
    original = Store._insert_records

    def broken(connection, rows):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "_insert_records", staticmethod(broken))
    with pytest.raises(RuntimeError, match="disk full"):
        store.ensure_default_data()
    assert store.is_empty()
    monkeypatch.setattr(Store, "_insert_records", staticmethod(original))
    assert len(store.ensure_default_data()) == 2
