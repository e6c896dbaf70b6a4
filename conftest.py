"""The test session's own environment and its test groups (loaded before any test or doctest).

Tests never touch the user's data. Whatever the environment says, the session gets:

- ``RISKMAP_HOME``: a fresh temporary folder of its own, removed when the session ends, so
  datasets published, choices made active and files written by tests land there;
- no ``RISKMAP_DB_URL``: the store is the SQLite file in that folder (PostgreSQL tests use
  the throwaway server named by ``RISKMAP_TEST_POSTGRES_URL``, never the user's database);
- ``RISKMAP_BOUNDARY_CACHE``: one folder per machine (``RISKMAP_TEST_BOUNDARY_CACHE``,
  default ``$TMPDIR/riskmap-test-boundaries``) shared by every session. It holds only what
  is derived from the upstream mirror, written atomically by ``geo.data.boundaries``, so
  sharing it saves the minute-long preparation without sharing anything of the user's.

This file sits at the project root, not in ``tests/``, so that ``pytest geo`` (the
doctests) gets the same environment. Child processes (the Streamlit server of the browser
tests, CLI subprocesses) inherit it through ``os.environ``.

Test groups are markers applied here from the folder a test lives in and the fixtures it
uses, so nobody can forget them (``-m integration``, ``-m app``, ``-m postgres``,
``-m browser``); ``tests/unit`` and the doctests run with the mirror hidden, which proves
they need neither the mirror nor a prepared boundary cache.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent
_SESSION_MARK = "RISKMAP_TEST_SESSION"  # "<pid>:<home>" of the pytest process that made the home


_HOME_PREFIX = "riskmap-test-home-"
_OWNER_FILE = ".pytest-pid"


def _remove_homes_of_ended_sessions() -> None:
    # A session killed before its exit handlers ran leaves its home behind; its process is gone.
    for home in Path(tempfile.gettempdir()).glob(f"{_HOME_PREFIX}*"):
        try:
            owner = int((home / _OWNER_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # not made by this file (or not finished being made): leave it
        try:
            os.kill(owner, 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            shutil.rmtree(home, ignore_errors=True)
        except OSError:
            continue  # exists, owned by someone else


def _isolate_environment() -> Path:
    """Give this pytest process a fresh RISKMAP_HOME, no RISKMAP_DB_URL, the shared boundary cache."""
    mark = os.environ.get(_SESSION_MARK, "")
    pid, _, home = mark.partition(":")
    if pid == str(os.getpid()) and home:  # this file imported a second time in the same session
        return Path(home)
    _remove_homes_of_ended_sessions()
    session_home = Path(tempfile.mkdtemp(prefix=_HOME_PREFIX))
    (session_home / _OWNER_FILE).write_text(str(os.getpid()), encoding="utf-8")
    atexit.register(shutil.rmtree, session_home, ignore_errors=True)
    os.environ["RISKMAP_HOME"] = str(session_home)
    os.environ.pop("RISKMAP_DB_URL", None)
    shared_boundaries = os.environ.get("RISKMAP_TEST_BOUNDARY_CACHE") or str(
        Path(tempfile.gettempdir()) / "riskmap-test-boundaries"
    )
    os.environ["RISKMAP_BOUNDARY_CACHE"] = shared_boundaries
    os.environ[_SESSION_MARK] = f"{os.getpid()}:{session_home}"
    return session_home


SESSION_HOME = _isolate_environment()

# ------------------------------------------------------------------------------ test groups

FOLDER_GROUPS = {"integration": "integration", "app": "app", "browser": "browser"}
"""Folder directly under tests/ → marker of every test in it."""

FIXTURE_GROUPS = {
    "mirror": "integration",
    "prepared_boundaries": "integration",
    "app_url": "browser",
    "fresh_app_url": "browser",
    "browser": "browser",
    "recorded_page": "browser",
}
"""Fixture a test uses (directly or through other fixtures) → marker."""

APP_TEST_NAMES = ("AppTest", "open_map_page")
"""A test module mentioning one of these drives the app with Streamlit's AppTest."""

_UNIT_FOLDER = PROJECT_ROOT / "tests" / "unit"
_DOCTEST_FOLDER = PROJECT_ROOT / "geo"


@cache
def _uses_app_test(path: Path) -> bool:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return any(name in source for name in APP_TEST_NAMES)


def groups_of(item: pytest.Item) -> set[str]:
    """Markers a test gets from where it lives and what it uses.

    Parameters
    ----------
    item
        A collected test.

    Returns
    -------
    set[str]
        Some of ``integration``, ``app``, ``browser`` (``postgres`` comes from the store
        fixture's parameter marks).
    """
    groups: set[str] = set()
    path = Path(item.path)
    try:
        folder = path.relative_to(PROJECT_ROOT / "tests").parts[0]
    except (ValueError, IndexError):
        folder = ""
    if folder in FOLDER_GROUPS:
        groups.add(FOLDER_GROUPS[folder])
    for fixture in getattr(item, "fixturenames", ()):
        if fixture in FIXTURE_GROUPS:
            groups.add(FIXTURE_GROUPS[fixture])
    if path.suffix == ".py" and path.name.startswith("test_") and _uses_app_test(path):
        groups.add("app")
    return groups


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test with its groups (see :func:`groups_of`); refuse unit tests that need more."""
    for item in items:
        for group in sorted(groups_of(item)):
            item.add_marker(group)
    misplaced = [
        item.nodeid for item in items
        if Path(item.path).is_relative_to(_UNIT_FOLDER)
        and any(item.get_closest_marker(group) for group in ("integration", "app", "browser"))
    ]
    if misplaced:
        raise pytest.UsageError(
            "tests/unit must need neither the mirror nor a browser; move these to tests/integration, "
            "tests/app or tests/browser: " + ", ".join(misplaced)
        )


def _runs_without_mirror(item: pytest.Item) -> bool:
    path = Path(item.path)
    return path.is_relative_to(_UNIT_FOLDER) or path.is_relative_to(_DOCTEST_FOLDER)


@pytest.fixture(scope="session")
def _empty_boundary_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("no-boundaries")


@pytest.fixture(autouse=True)
def _no_mirror_for_unit_tests(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, _empty_boundary_cache: Path
) -> Iterator[None]:
    """Unit tests and doctests see no mirror and an empty boundary cache: they must not need them."""
    if _runs_without_mirror(request.node):
        monkeypatch.delenv("RISKMAP_DATA_MIRROR", raising=False)
        monkeypatch.setenv("RISKMAP_BOUNDARY_CACHE", str(_empty_boundary_cache))
    yield
