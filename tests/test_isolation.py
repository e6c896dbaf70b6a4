"""Tests never touch the user's data, whatever RISKMAP_HOME and RISKMAP_DB_URL say.

The proof: a "user" folder with a store (datasets, versions, an active choice that is not
the newest, a deleted version) and files; a child pytest run with the user's RISKMAP_HOME
and RISKMAP_DB_URL in its environment over tests that publish, activate and delete
datasets and write files; afterwards the user's store and files are exactly as before.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from geo.config import boundary_cache_root, database_url, riskmap_home
from geo.data.store import Store

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Tests that write into the default store and RISKMAP_HOME: the probe does it the careless
# way (no fixture of its own); the others publish, activate and delete through the store,
# the CLI and the Data page.
PROBE = "tests/isolation_probe.py"
WRITING_TESTS = (
    PROBE,
    "tests/store/test_store.py::test_active_dataset_and_activation[sqlite]",
    "tests/ingest/test_cli.py::test_datasets_activate_and_delete",
    "tests/ingest/test_page.py::test_upload_check_and_publish",
)
CHILD_TIMEOUT_SECONDS = 600


def _records(*counts: int) -> pd.DataFrame:
    return pd.DataFrame({
        "area_code": [f"21.71.03.{1001 + index}" for index in range(len(counts))],
        "level": ["village"] * len(counts),
        "count": list(counts),
    })


def make_user_folder(home: Path) -> str:
    """A user's RISKMAP_HOME: a store with versions, an older active choice, a deleted version, files."""
    url = f"sqlite:///{home / 'riskmap.sqlite'}"
    store = Store(url)
    chosen = store.save_dataset(kind="migration", name="Kepri 2023", records=_records(4, 9), file_name="kepri.csv")
    store.save_dataset(kind="migration", name="Kepri 2023", records=_records(5, 9, 2), file_name="kepri.csv")
    store.activate(chosen)  # the user chose the older version: not the default choice
    cases = store.save_dataset(kind="cases", name="Kasus 2024", records=_records(1, 1, 3))
    withdrawn = store.save_dataset(kind="cases", name="Kasus 2024", records=_records(2), activate=False)
    store.delete_dataset(withdrawn)
    assert store.active_dataset("cases").id == cases  # type: ignore[union-attr]
    store.engine.dispose()  # close the connections: SQLite folds its write-ahead log back into the file
    (home / "notes.txt").write_text("the planner's own notes\n", encoding="utf-8")
    (home / "uploads").mkdir()
    (home / "uploads" / "kepri.csv").write_bytes(b"kode;jumlah\n21.71.03.1001;4\n")
    return url


def file_snapshot(folder: Path) -> dict[str, Any]:
    """Every entry under ``folder``: folders by name, files by size, mtime (ns) and sha256."""
    snapshot: dict[str, Any] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_dir():
            snapshot[name] = "folder"
        else:
            stat = path.stat()
            snapshot[name] = (stat.st_size, stat.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    return snapshot


def store_snapshot(url: str) -> list[dict[str, Any]]:
    """Every dataset version (deleted ones too) with its active flag and records."""
    store = Store(url)
    try:
        return [
            {**dataset.to_dict(), "records": store.load_records(dataset.id).to_dict("records")}
            for dataset in store.list_datasets(include_deleted=True)
        ]
    finally:
        store.engine.dispose()


def test_the_session_has_a_home_and_store_of_its_own() -> None:
    session_home = riskmap_home()
    assert session_home.name.startswith("riskmap-test-home-")
    assert session_home.parent == Path(tempfile.gettempdir())
    assert "RISKMAP_DB_URL" not in os.environ
    assert database_url() == f"sqlite:///{session_home / 'riskmap.sqlite'}"
    assert not boundary_cache_root().is_relative_to(session_home)  # shared between sessions


def test_a_test_run_leaves_the_users_store_and_files_exactly_as_before(tmp_path: Path, mirror: Path) -> None:
    user_home = tmp_path / "user-home"
    user_home.mkdir()
    user_url = make_user_folder(user_home)
    files_before = file_snapshot(user_home)
    store_before = store_snapshot(user_url)
    assert [(d["name"], d["version"], d["is_active"]) for d in store_before if d["kind"] == "migration"] == [
        ("Kepri 2023", 2, False), ("Kepri 2023", 1, True)
    ]
    assert file_snapshot(user_home) == files_before  # reading the store changes no file

    session_variables = ("RISKMAP_TEST_SESSION", "RISKMAP_BOUNDARY_CACHE")
    environment = {key: value for key, value in os.environ.items() if key not in session_variables}
    environment.update(RISKMAP_HOME=str(user_home), RISKMAP_DB_URL=user_url, RISKMAP_DATA_MIRROR=str(mirror))
    child = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA", *WRITING_TESTS],
        cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=CHILD_TIMEOUT_SECONDS, check=False,
    )
    # Every writing test ran (a failure of theirs is reported by the suite itself, not here),
    # and the probe, which writes the careless way, got its writes through.
    outcomes = {line.split(" ", 1)[1].split(" - ")[0]: line.split(" ", 1)[0] for line in child.stdout.splitlines()
                if line.startswith(("PASSED ", "FAILED ", "ERROR "))}
    ran = {node.split("[")[0] for node in outcomes}
    assert {node.split("[")[0] for node in WRITING_TESTS[1:]} <= ran, child.stdout[-4000:] + child.stderr[-2000:]
    assert outcomes.get(f"{PROBE}::test_publish_and_activate_in_the_default_store") == "PASSED", child.stdout[-4000:]

    assert file_snapshot(user_home) == files_before
    assert store_snapshot(user_url) == store_before
