"""Restricted datasets, disclosure thresholds, purge (values gone from the file) and the audit trail."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

from geo.data import audit
from geo.data import store as store_module
from geo.data.store import Store, StoreError, datasets_table, records_table

RECORD_MARKER = "Zqxrecordmarker7731"
REPORT_MARKER = "Zqxreportmarker9174"


def records(city: str = "Phnom Penh", count: int = 40) -> pd.DataFrame:
    return pd.DataFrame({
        "area_code": ["21.71"] * count, "level": ["regency"] * count, "destination_country": ["Cambodia"] * count,
        "destination_city": [city] * count, "count": [3] * count,
    })


def test_restricted_datasets_are_hidden_from_the_public(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    public = store.save_dataset(kind="cases", name="open", records=records())
    hidden = store.save_dataset(kind="cases", name="closed", records=records(), restricted=True)
    assert [d.id for d in store.list_datasets(audience="public")] == [public]
    assert [d.id for d in store.list_datasets()] == [hidden, public]  # analysts see all
    with pytest.raises(StoreError, match="not available"):
        store.get_dataset(hidden, audience="public")
    assert store.get_dataset(hidden).restricted
    assert store.active_dataset("cases").id == hidden
    assert store.active_dataset("cases", audience="public") is None  # not silently another version
    store.set_restricted(hidden, False, actor="sari")
    assert store.active_dataset("cases", audience="public").id == hidden
    store.set_restricted(public, True, actor="sari")
    assert [d.id for d in store.list_datasets("cases", audience="public")] == [hidden]
    monkeypatch.setenv("RISKMAP_DB_URL", store.url)  # the module-level helpers take the audience too
    assert [d.id for d in store_module.list_datasets(audience="public")] == [hidden]
    with pytest.raises(StoreError, match="not available"):
        store_module.get_dataset(public, audience="public")
    with pytest.raises(StoreError, match="Unknown audience"):
        store.list_datasets(audience="everyone")


def test_disclosure_thresholds(store: Store) -> None:
    migration = store.save_dataset(kind="migration", name="m", records=records())
    cases = store.save_dataset(kind="cases", name="c", records=records())
    custom = store.save_dataset(kind="cases", name="c", records=records(), disclosure_threshold=3)
    assert [store.get_dataset(i).disclosure_threshold for i in (migration, cases, custom)] == [5, 10, 3]
    assert store.set_threshold(cases, 20, actor="sari").disclosure_threshold == 20
    for bad in (0, -1, 2.5, "ten"):
        with pytest.raises(StoreError, match="at least 1"):
            store.set_threshold(cases, bad)  # type: ignore[arg-type]
    assert store.get_dataset(cases).disclosure_threshold == 20
    assert store.get_dataset(cases).to_dict()["disclosure_threshold"] == 20


def sqlite_bytes(store: Store) -> bytes:
    database = Path(str(store.engine.url.database))
    return b"".join(path.read_bytes() for path in (database, database.with_name(database.name + "-wal"))
                    if path.exists())


def test_purge_erases_records_and_report(store: Store) -> None:
    keep = store.save_dataset(kind="cases", name="keep", records=records())
    doomed = store.save_dataset(kind="cases", name="doomed", records=records(city=RECORD_MARKER),
                                report={"rejected": [{"row": 2, "reason": f"unknown place {REPORT_MARKER}"}]})
    store.delete_dataset(doomed)  # a soft delete leaves the values in the file ...
    if store.engine.dialect.name == "sqlite":
        content = sqlite_bytes(store)
        assert RECORD_MARKER.encode() in content and REPORT_MARKER.encode() in content
    purged = store.purge(doomed, actor="admin")
    assert purged.id == doomed and purged.record_count == 40
    with pytest.raises(StoreError, match="no dataset"):
        store.get_dataset(doomed)
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(records_table).where(
            records_table.c.dataset_id == doomed)).scalar_one() == 0
        assert connection.execute(select(func.count()).select_from(datasets_table)).scalar_one() == 1
    if store.engine.dialect.name == "sqlite":  # ... a purge does not
        content = sqlite_bytes(store)
        assert RECORD_MARKER.encode() not in content and REPORT_MARKER.encode() not in content
    assert store.load_records(keep)["count"].sum() == 120
    with pytest.raises(StoreError, match="no dataset"):
        store.purge(doomed)


def test_every_store_action_is_audited(store: Store) -> None:
    first = store.save_dataset(kind="cases", name="kepri", records=records(), actor="sari")
    second = store.save_dataset(kind="cases", name="kepri", records=records(), actor="sari", activate=False)
    store.activate(second, actor="sari")
    store.set_restricted(second, True, actor="sari")
    store.set_restricted(second, False, actor="sari")
    store.set_threshold(second, 12, actor="sari")
    store.delete_dataset(first, actor="sari")
    store.purge(first, actor="admin")
    audit.record("sari", "publish", f"dataset {second}", store=store)
    trail = [(e.actor, e.action, e.target) for e in reversed(audit.entries(store=store))]
    assert trail == [
        ("sari", "upload", f"dataset {first} (cases kepri v1)"),
        ("sari", "upload", f"dataset {second} (cases kepri v2)"),
        ("sari", "activate", f"dataset {second} (cases kepri v2)"),
        ("sari", "restrict", f"dataset {second} (cases kepri v2)"),
        ("sari", "publicise", f"dataset {second} (cases kepri v2)"),
        ("sari", "threshold", f"dataset {second} (cases kepri v2)"),
        ("sari", "delete", f"dataset {first} (cases kepri v1)"),
        ("admin", "purge", f"dataset {first} (cases kepri v1)"),
        ("sari", "publish", f"dataset {second}"),
    ]
    newest = audit.entries(limit=2, store=store)
    assert [e.action for e in newest] == ["publish", "purge"]
    assert newest[0].time.tzinfo is not None
    assert set(newest[0].to_dict()) == {"time", "actor", "action", "target", "detail"}
    assert audit.entries(store=store)[3].detail == "10 -> 12"


def test_a_failed_action_leaves_no_audit_entry(store: Store) -> None:
    with pytest.raises(StoreError):
        store.activate(999, actor="sari")
    bad = pd.DataFrame({"area_code": ["21.71"], "level": ["regency"], "count": [-1]})
    with pytest.raises(StoreError):
        store.save_dataset(kind="cases", name="bad", records=bad, actor="sari")
    assert audit.entries(store=store) == []
