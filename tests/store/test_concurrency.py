"""Many sessions at once: a fresh store gets one schema and one set of samples; one name, distinct versions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import func, select, text

from geo.data import store as store_module
from geo.data.store import Store, datasets_table, markers_table

SESSIONS = 20


def at_once(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run work(i) in `count` threads released together; re-raise the first error."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except BaseException as error:  # collected and raised in the test thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    if errors:
        raise errors[0]
    return results


def test_twenty_sessions_open_a_fresh_store_at_once(fresh_url: str) -> None:
    store_module._migrated.discard(fresh_url)  # as if this process had never opened the store

    def session(_index: int) -> tuple[int | None, int | None]:
        store = Store(fresh_url)
        store.ensure_default_data()
        migration, cases = store.active_dataset("migration"), store.active_dataset("cases")
        return (migration.id if migration else None, cases.id if cases else None)

    seen = at_once(SESSIONS, session)
    assert len(set(seen)) == 1 and None not in seen[0]  # every session sees the same samples
    store = Store(fresh_url)
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
        assert connection.execute(select(func.count()).select_from(datasets_table)).scalar_one() == 2
        assert connection.execute(select(func.count()).select_from(markers_table)).scalar_one() == 1
    assert sorted(d.kind for d in store.list_datasets()) == ["cases", "migration"]


CHILD = """
import json, os, sys, time
from geo.data.store import Store
print("ready", flush=True)
while not os.path.exists(sys.argv[2]):  # all children open the store at the same moment
    time.sleep(0.005)
store = Store(sys.argv[1])
print(json.dumps({"first": store.mark_once("race"), "datasets": len(store.list_datasets())}))
"""
PROCESSES = 4  # the machine is small; four processes meet the lock as well as twenty


def test_processes_open_a_fresh_store_at_once(fresh_url: str, tmp_path: Path) -> None:
    # Processes do not share the in-process guard: the file lock / advisory lock must hold.
    go = tmp_path / "go"
    environment = {**os.environ, "PYTHONPATH": os.getcwd()}
    children = [subprocess.Popen([sys.executable, "-c", CHILD, fresh_url, str(go)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=environment) for _ in range(PROCESSES)]
    for child in children:  # every child has imported everything before any opens the store
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    go.touch()
    outputs = [child.communicate(timeout=300) for child in children]
    assert [child.returncode for child in children] == [0] * PROCESSES, [err for _, err in outputs]
    results = [json.loads(out) for out, _ in outputs]
    assert sum(result["first"] for result in results) == 1  # the one-off task ran once
    with Store(fresh_url).engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1


def test_six_concurrent_uploads_with_one_name_get_distinct_versions(fresh_url: str) -> None:
    store = Store(fresh_url)
    records = pd.DataFrame({"area_code": ["21.71"] * 50, "level": ["regency"] * 50, "count": range(50)})

    ids = at_once(6, lambda i: Store(fresh_url).save_dataset(kind="cases", name="same", records=records,
                                                            actor=f"analyst{i}"))
    versions = sorted(store.get_dataset(dataset_id).version for dataset_id in ids)
    assert versions == [1, 2, 3, 4, 5, 6]
    assert [store.load_records(i)["count"].sum() for i in ids] == [sum(range(50))] * 6
    assert sum(d.is_active for d in store.list_datasets("cases")) == 1
