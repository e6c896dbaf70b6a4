"""Upload a file through the real file input of the Data page in headless Chromium.

The server fixture is the one of the map tests (tests/browser/conftest.py). Playwright's sync
API allows one instance per thread, and the map tests keep theirs open for the whole session,
so this test drives its own Chromium from a worker thread.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from geo.data.store import Store
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, app_url  # noqa: F401 (fixture)

from .support import MESSY

pytestmark = [pytest.mark.browser, pytest.mark.integration]

TIMEOUT_MS = 120_000


def upload_and_publish(base_url: str, path: Path) -> dict[str, object]:
    """Open the Data page, upload ``path`` through the file input, publish; return what the page showed."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(f"{base_url}/data?lang=en", timeout=TIMEOUT_MS)
            page.get_by_text("Data: upload & dataset versions").wait_for(timeout=TIMEOUT_MS)
            page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
            page.get_by_text("Check report").wait_for(timeout=TIMEOUT_MS)
            metrics = page.locator('[data-testid="stMetric"]')
            metrics.nth(3).wait_for(timeout=TIMEOUT_MS)
            shown = {
                "metrics": [metrics.nth(index).inner_text().split("\n")[-1] for index in range(4)],
                "body": page.locator("body").inner_text(),
            }
            page.get_by_role("button", name="Publish as a new version").click()
            page.get_by_text("Stored as dataset").wait_for(timeout=TIMEOUT_MS)
            shown["success"] = page.get_by_text("Stored as dataset").inner_text()
            return shown
        except Exception:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "test_browser_upload.png"), full_page=True)
            raise
        finally:
            chromium.close()


def test_upload_report_and_publish_in_the_browser(app_url: str, tmp_path: Path) -> None:  # noqa: F811
    pytest.importorskip("playwright.sync_api")
    name = f"browser-{uuid.uuid4().hex[:8]}"
    path = tmp_path / f"{name}.csv"
    path.write_bytes(MESSY.encode("utf-8"))

    with ThreadPoolExecutor(max_workers=1) as worker:
        shown = worker.submit(upload_and_publish, app_url, path).result(timeout=600)

    assert shown["metrics"] == ["11", "6", "5", "2,263"]
    assert "Dropped as personal data (never stored): 'Nama PMI'" in shown["body"]
    assert "Matched by code: 4 · exact name: 1 · fuzzy name: 1" in shown["body"]
    assert f"({name} v1): 6 rows, total 2,263." in shown["success"]
    stored = [dataset for dataset in Store().list_datasets("migration") if dataset.name == name]
    assert len(stored) == 1 and stored[0].file_name == f"{name}.csv" and stored[0].total == 2263
    assert "21.72.01.1001" in set(Store().load_records(stored[0].id)["area_code"])  # the fuzzy-matched row
