"""Fixtures for browser tests: one ``streamlit run app.py`` per session, headless Chromium per test.

The server inherits RISKMAP_DATA_MIRROR and RISKMAP_HOME from the environment; every
request the page makes is recorded so tests can check nothing leaves localhost
except basemap tiles. A failing test leaves a screenshot in tests/artifacts/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
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


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _prepare_boundaries() -> None:
    # The first view otherwise builds the cache on demand inside the first test's timeout.
    from geo import boundaries

    boundaries.prepare(levels=("province", "regency", "district", "village"), provinces=["21"])


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Base URL of a Streamlit server running app.py (started once per session)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    if not os.environ.get("RISKMAP_DATA_MIRROR"):
        pytest.skip("needs RISKMAP_DATA_MIRROR (boundaries)")
    _prepare_boundaries()
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / "streamlit-server.log"
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, cwd=PROJECT_ROOT, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT)
        base_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while True:
                if server.poll() is not None:
                    pytest.fail(f"streamlit exited with {server.returncode}; see {log_path}")
                try:
                    with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                        if response.status == 200:
                            break
                except (urllib.error.URLError, OSError):
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not become healthy within {SERVER_START_TIMEOUT:.0f} s; see {log_path}")
                time.sleep(0.5)
            yield base_url
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium (the system one) driven by Playwright."""
    playwright_sync = pytest.importorskip("playwright.sync_api")
    with playwright_sync.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


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
