"""Test-wide fixtures: the boundary mirror, a prepared boundary cache, the app, the browser.

The session's own environment (a fresh RISKMAP_HOME, no RISKMAP_DB_URL, the per-machine
boundary cache) and the automatic test-group markers live in the project's root
``conftest.py``, which pytest loads first. Here the mirror defaults to the shared folder
beside the project when RISKMAP_DATA_MIRROR is unset.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MIRROR = PROJECT_ROOT.parent / "shared" / "data" / "wilayah"

if not os.environ.get("RISKMAP_DATA_MIRROR") and DEFAULT_MIRROR.is_dir():
    os.environ["RISKMAP_DATA_MIRROR"] = str(DEFAULT_MIRROR)


def open_map_page(timeout: float = 300, **query: str):  # type: ignore[no-untyped-def]
    """The Map page in AppTest as a visitor sees it once its controls have come.

    A session's first run sends the map alone (``geo.app.ui.start_run``); the second run,
    which a timed fragment asks for in the browser, adds the controls and the table.
    """
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=timeout)
    for key, value in query.items():
        app.query_params[key] = value
    for _ in range(2):
        app.run()
        assert not app.exception, [exception.value for exception in app.exception]
    return app


# Provinces whose villages the integration and browser tests need.
TEST_VILLAGE_PROVINCES = ("21", "35")


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The upstream mirror; integration tests fail (not skip) without it."""
    value = os.environ.get("RISKMAP_DATA_MIRROR")
    assert value and Path(value).is_dir(), (
        "RISKMAP_DATA_MIRROR must name the boundary mirror (e.g. ../shared/data/wilayah) for integration tests"
    )
    return Path(value)


@pytest.fixture(scope="session")
def prepared_boundaries(mirror: Path) -> Path:
    """Prepare every level (villages of the test provinces) in the shared cache; returns RISKMAP_HOME."""
    from geo.data import boundaries

    boundaries.prepare(provinces=TEST_VILLAGE_PROVINCES)
    return Path(os.environ["RISKMAP_HOME"])


# --------------------------------------------------------------------------- browser fixtures
#
# One Streamlit server and one Playwright (sync API) per test session, shared by every
# browser test (tests/browser, tests/flows, tests/ingest). Playwright's sync API allows
# one instance per thread: a second sync_playwright() while the first is open fails with
# "using Playwright Sync API inside the asyncio loop". The fixtures below may be registered
# more than once (other conftests re-export them), so the server and the browser are kept
# in one process-wide registry and shared; the last user to release them stops them.
# They FAIL (not skip) when chromium, Playwright or the mirror is missing: CI installs them.

import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import types  # noqa: E402
import urllib.error  # noqa: E402
import urllib.request  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 120.0
_REGISTRY_NAME = "_riskmap_test_browser_registry"


def _registry() -> types.ModuleType:
    """Process-wide holder of the shared server and browser (survives this file being loaded twice)."""
    registry = sys.modules.get(_REGISTRY_NAME)
    if registry is None:
        registry = types.ModuleType(_REGISTRY_NAME)
        registry.server = None  # type: ignore[attr-defined]
        registry.server_users = 0  # type: ignore[attr-defined]
        registry.playwright = None  # type: ignore[attr-defined]
        registry.browser = None  # type: ignore[attr-defined]
        registry.browser_users = 0  # type: ignore[attr-defined]
        sys.modules[_REGISTRY_NAME] = registry
    return registry


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_server() -> tuple[subprocess.Popen[bytes], str]:
    if not os.environ.get("RISKMAP_DATA_MIRROR"):
        pytest.fail("browser tests need RISKMAP_DATA_MIRROR (boundaries)")
    from geo.data import boundaries

    # The first view otherwise builds the cache on demand inside the first test's timeout.
    boundaries.prepare(levels=("province", "regency", "district", "village"), provinces=["21"])
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / "streamlit-server.log"
    command = [
        # As scripts/run and scripts/serve start it: riskmap-app warms the process, then runs Streamlit.
        sys.executable, "-m", "geo.app.server", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]
    log = log_path.open("wb")
    server = subprocess.Popen(command, cwd=PROJECT_ROOT, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT)
    log.close()
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while True:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return server, base_url
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            _stop_server(server)
            pytest.fail(f"streamlit did not become healthy within {SERVER_START_TIMEOUT:.0f} s; see {log_path}")
        time.sleep(0.5)


def _stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Base URL of a Streamlit server running app.py (one per session, shared by every browser test)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is not installed (browser tests need it: apt-get install chromium)")
    registry = _registry()
    if registry.server is None:
        registry.server = _start_server()
    registry.server_users += 1
    try:
        yield registry.server[1]
    finally:
        registry.server_users -= 1
        if registry.server_users == 0 and registry.server is not None:
            server, registry.server = registry.server[0], None
            _stop_server(server)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium (the system one) driven by Playwright; one per session."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is not installed (browser tests need it: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("browser tests need Playwright: pip install -e '.[test]'")
    registry = _registry()
    if registry.browser is None:
        registry.playwright = sync_playwright().start()
        registry.browser = registry.playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
    registry.browser_users += 1
    try:
        yield registry.browser
    finally:
        registry.browser_users -= 1
        if registry.browser_users == 0 and registry.browser is not None:
            chromium, playwright = registry.browser, registry.playwright
            registry.browser = registry.playwright = None
            chromium.close()
            playwright.stop()


@dataclass
class RecordedPage:
    """A Playwright page plus every URL it requested."""

    page: object
    requests: list[str] = field(default_factory=list)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def recorded_page(browser: object, request: pytest.FixtureRequest) -> Iterator[RecordedPage]:
    """A fresh page (1400x1000) recording its requests; screenshot on failure."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page = context.new_page()
    recorded = RecordedPage(page=page)
    page.on("request", lambda req: recorded.requests.append(req.url))
    try:
        yield recorded
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
        context.close()


@pytest.fixture
def fresh_app_url() -> Iterator[str]:
    """A newly started server of its own, for behaviour that only a fresh process shows."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is not installed (browser tests need it: apt-get install chromium)")
    server, base_url = _start_server()
    try:
        yield base_url
    finally:
        _stop_server(server)
