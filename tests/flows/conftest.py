"""Fixtures of the flow tests: the browser fixtures of tests/browser, reused (not copied)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_BROWSER_CONFTEST = Path(__file__).resolve().parents[1] / "browser" / "conftest.py"
_spec = importlib.util.spec_from_file_location("riskmap_tests_browser_fixtures", _BROWSER_CONFTEST)
assert _spec is not None and _spec.loader is not None
_browser_fixtures = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _browser_fixtures  # dataclasses look their module up there
_spec.loader.exec_module(_browser_fixtures)

# Fixtures: a Streamlit server running app.py, headless Chromium, a page that records requests.
app_url = _browser_fixtures.app_url
browser = _browser_fixtures.browser
recorded_page = _browser_fixtures.recorded_page
pytest_runtest_makereport = _browser_fixtures.pytest_runtest_makereport  # screenshot on failure
