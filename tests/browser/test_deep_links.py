"""A shared deep link works on a freshly started server (the first request of the process)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_first_request_to_a_deep_link_runs_through_the_app(fresh_app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    # Streamlit would run pages/data.py on its own for the first visitor of a new process
    # (no app sidebar, no language switch, no error guard); it must go through app.py.
    page.goto(f"{fresh_app_url}/data?lang=en", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Data: upload & dataset versions").wait_for(timeout=60_000)
    navigation = page.locator('[data-testid="stSidebarNav"]')
    navigation.get_by_text("Map", exact=True).wait_for(timeout=30_000)
    assert navigation.get_by_text("Flows", exact=True).count() == 1
    # The v1 page list (file names such as "app") must not be shown.
    assert navigation.get_by_text("app", exact=True).count() == 0
    assert "lang=en" in page.url
