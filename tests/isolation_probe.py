"""What a careless test does: publish into the default store, make it active, write a file.

Not collected by the suite (the name does not start with ``test_``): ``tests/test_isolation.py``
runs it in a child pytest whose environment points at a "user's" RISKMAP_HOME, and checks that
nothing of the user's changed. Were the session not given a home of its own, these writes
would land in the user's folder.
"""

from __future__ import annotations

import pandas as pd

from geo.config import riskmap_home
from geo.data.store import Store

USER_FILE_NAME = "notes.txt"
"""Also the name of a file in the user's folder: a test writing it must not overwrite theirs."""


def probe_records() -> pd.DataFrame:
    """Three village counts of Kota Batam."""
    return pd.DataFrame({
        "area_code": ["21.71.03.1001", "21.71.03.1003", "21.72.01.1001"],
        "level": ["village"] * 3,
        "count": [7, 11, 13],
    })


def test_publish_and_activate_in_the_default_store() -> None:
    store = Store()  # whatever RISKMAP_DB_URL / RISKMAP_HOME the session has
    first = store.save_dataset(kind="migration", name="isolation probe", records=probe_records())
    second = store.save_dataset(kind="migration", name="isolation probe", records=probe_records(), activate=False)
    store.activate(second)
    assert store.active_dataset("migration").id == second  # type: ignore[union-attr]
    store.delete_dataset(first)
    (riskmap_home() / USER_FILE_NAME).write_text("written by a test\n", encoding="utf-8")
