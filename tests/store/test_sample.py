"""Default sample data: deterministic, anchored to the published figures, labelled as sample."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from geo.data import store as store_module
from geo.data.codes import CodeList
from geo.data.sample import (
    KEPRI,
    KEPRI_CAMBODIA_TOTAL,
    KEPRI_Q1_2025,
    KEPRI_Q1_2025_PROCEDURAL,
    NATIONAL_2023,
    NINE_MONTHS,
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


@pytest.fixture(scope="module")
def migration(codes: CodeList) -> pd.DataFrame:
    return migration_records(codes)


def test_migration_2023_totals_equal_the_bp2mi_anchors(codes: CodeList, migration: pd.DataFrame) -> None:
    year_2023 = migration[migration["period"].str.startswith("2023")]
    assert int(year_2023["count"].sum()) == NATIONAL_2023 == 274_965
    by_province = year_2023.groupby(year_2023["area_code"].str[:2])["count"].sum()
    assert {code: int(by_province[code]) for code in PROVINCE_ANCHORS} == {
        "35": 68_069, "33": 59_009, "32": 52_961, "52": 33_949, "18": 21_539, "12": 10_550, "51": 9_359,
        "36": 3_183, "16": 2_088, "73": 2_076,
    }
    by_regency = year_2023.groupby(year_2023["area_code"].str[:5])["count"].sum()
    assert {code: int(by_regency[code]) for code in REGENCY_ANCHORS} == {"32.12": 19_178, "32.09": 10_552}


def test_migration_covers_every_province_and_month(codes: CodeList, migration: pd.DataFrame) -> None:
    assert set(migration["area_code"].str[:2]) == set(codes.level("province")["code"])
    assert migration["area_code"].isin(codes.level("village")["code"]).all()
    assert set(migration["level"]) == {"village"} and (migration["count"] > 0).all()
    months = {f"{year}-{month:02d}" for year in (2023, 2024, 2025) for month in range(1, 13)}
    assert set(migration["period"]) == months | {"2023", "2024", "2025"}
    assert set(migration["procedural"]) == {True, False}
    # Sparse and bounded: the app loads every record into memory.
    assert len(migration) < 160_000
    assert not migration.duplicated(["area_code", "period", "procedural"]).any()  # one record per village, period, procedure


def test_kepri_first_quarter_2025_equals_bp3mi_and_batam_bintan_lead(migration: pd.DataFrame) -> None:
    kepri = migration[migration["area_code"].str.startswith(KEPRI + ".")]
    first_quarter = kepri[kepri["period"].isin(KEPRI_Q1_2025) & kepri["procedural"]]
    assert int(first_quarter["count"].sum()) == KEPRI_Q1_2025_PROCEDURAL == 1_070
    by_regency = kepri.groupby(kepri["area_code"].str[:5])["count"].sum().sort_values(ascending=False)
    assert set(by_regency.index[:2]) == {"21.71", "21.01"}
    assert kepri.loc[kepri["period"].str.startswith("2025"), "area_code"].nunique() > 300


def test_non_procedural_nine_months_equal_the_kemenp2mi_figure(migration: pd.DataFrame) -> None:
    non_procedural = migration[~migration["procedural"]]
    assert int(non_procedural.loc[non_procedural["period"].isin(NINE_MONTHS), "count"].sum()) == 4_822
    assert len(NINE_MONTHS) == 9 and NINE_MONTHS[0] == "2024-11" and NINE_MONTHS[-1] == "2025-07"
    # Border and transit provinces have the larger non-procedural share.
    share = non_procedural.groupby(non_procedural["area_code"].str[:2])["count"].sum() / migration.groupby(
        migration["area_code"].str[:2])["count"].sum()
    assert share["21"] > 2 * share["33"] and share["53"] > 2 * share["35"]


def test_generation_is_deterministic(codes: CodeList, migration: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(migration, migration_records(codes))
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
    assert frame["period"].between("2023-01", "2025-12").all()


def test_empty_store_gets_the_samples_once(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    monkeypatch.delenv("RISKMAP_DB_URL", raising=False)
    migration = store_module.active_dataset("migration")  # seeds the empty store
    assert migration is not None and migration.is_sample
    assert "274,965" in citation(migration.sources, "en") and "274.965" in citation(migration.sources, "id")
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
