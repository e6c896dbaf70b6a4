"""The browser fixtures live in tests/conftest.py (one server and one Playwright per session).

This module only re-exports them, with the constants, for modules that import or load it
by path (tests/ingest/test_browser_upload.py, tests/flows/conftest.py). They share the same
server and browser: tests/conftest.py keeps both in a process-wide registry.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_ROOT_CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"


def _root_conftest():  # type: ignore[no-untyped-def]
    # The module pytest loaded, when there is one; otherwise load the file once more
    # (its fixtures share the registry, so nothing is started twice).
    for module in list(sys.modules.values()):
        if getattr(module, "__file__", None) and Path(module.__file__).resolve() == _ROOT_CONFTEST:
            if hasattr(module, "app_url"):
                return module
    spec = importlib.util.spec_from_file_location("riskmap_tests_root_conftest", _ROOT_CONFTEST)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


_root = _root_conftest()
ARTIFACTS = _root.ARTIFACTS
CHROMIUM = _root.CHROMIUM
CHROMIUM_ARGS = _root.CHROMIUM_ARGS
RecordedPage = _root.RecordedPage
app_url = _root.app_url
browser = _root.browser
recorded_page = _root.recorded_page
pytest_runtest_makereport = _root.pytest_runtest_makereport
