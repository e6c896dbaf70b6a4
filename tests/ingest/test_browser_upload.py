"""Upload a file through the real file input of the Data page in headless Chromium."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from geo.store import Store
from tests.browser.conftest import app_url, browser, recorded_page  # noqa: F401 (fixtures shared with the map tests)

from .support import MESSY

pytestmark = [pytest.mark.browser, pytest.mark.integration]

TIMEOUT_MS = 120_000


def test_upload_report_and_publish_in_the_browser(app_url: str, recorded_page, tmp_path: Path) -> None:  # noqa: F811
    page = recorded_page.page
    name = f"browser-{uuid.uuid4().hex[:8]}"
    path = tmp_path / f"{name}.csv"
    path.write_bytes(MESSY.encode("utf-8"))

    page.goto(f"{app_url}/data?lang=en", timeout=TIMEOUT_MS)
    page.get_by_text("Data: upload & dataset versions").wait_for(timeout=TIMEOUT_MS)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))

    page.get_by_text("Check report").wait_for(timeout=TIMEOUT_MS)
    metrics = page.locator('[data-testid="stMetric"]')
    metrics.nth(3).wait_for(timeout=TIMEOUT_MS)
    texts = [metrics.nth(index).inner_text() for index in range(4)]
    assert [text.split("\n")[-1] for text in texts] == ["11", "6", "5", "2,263"]
    body = page.locator("body").inner_text()
    assert "Dropped as personal data (never stored): 'Nama PMI'" in body
    assert "Matched by code: 4 · exact name: 1 · fuzzy name: 1" in body

    page.get_by_role("button", name="Publish as a new version").click()
    page.get_by_text("Stored as dataset").wait_for(timeout=TIMEOUT_MS)
    success = page.get_by_text("Stored as dataset").inner_text()
    assert f"({name} v1): 6 rows, total 2,263." in success

    stored = [dataset for dataset in Store().list_datasets("migration") if dataset.name == name]
    assert len(stored) == 1 and stored[0].file_name == f"{name}.csv" and stored[0].total == 2263
    records = Store().load_records(stored[0].id)
    assert "21.72.01.1001" in set(records["area_code"])  # the fuzzy-matched row
