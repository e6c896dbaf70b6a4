"""A hosted link in headless Chromium: a viewer has no upload control; an analyst who signs in has,
and keeps it across a reload (the sign-in cookie) until signing out.

The shared server runs single-user, so this module starts a server of its own with
RISKMAP_REQUIRE_LOGIN=1 and a fresh store holding one analyst account.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.app import auth
from geo.data import users
from geo.data.store import Store
from tests.conftest import _start_server, _stop_server

pytestmark = [pytest.mark.browser, pytest.mark.integration]

TIMEOUT_MS = 120_000
PASSWORD = "correct horse battery staple"


@pytest.fixture
def hosted_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A server of its own: sign-in required, an analyst "ana", a store in tmp_path."""
    shared_home = Path(os.environ["RISKMAP_HOME"])
    monkeypatch.setenv("RISKMAP_BOUNDARY_CACHE", os.environ.get("RISKMAP_BOUNDARY_CACHE")
                       or str(shared_home / "boundaries"))
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    monkeypatch.delenv("RISKMAP_DB_URL", raising=False)
    monkeypatch.setenv("RISKMAP_REQUIRE_LOGIN", "1")
    users.add_user("ana", PASSWORD, "analyst", store=Store())
    server, base_url = _start_server()  # the server inherits this environment
    try:
        yield base_url
    finally:
        _stop_server(server)


def test_viewer_has_no_upload_control_until_an_analyst_signs_in(hosted_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{hosted_url}/data?lang=en", timeout=TIMEOUT_MS)
    page.get_by_text("You are seeing the public datasets").wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("Dataset versions").first.wait_for(timeout=TIMEOUT_MS)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert page.locator('input[type="file"]').count() == 0

    # Navigation inside the app keeps the Streamlit session (and so the sign-in).
    page.locator('[data-testid="stSidebarNavLink"]', has_text="Sign in").click()
    page.get_by_label("User name").fill("ana")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as ana (analyst)").first.wait_for(timeout=TIMEOUT_MS)

    page.locator('[data-testid="stSidebarNavLink"]', has_text="Data").click()
    page.locator('[data-testid="stFileUploader"]').wait_for(timeout=TIMEOUT_MS)
    assert page.locator('input[type="file"]').count() == 1


def _session_cookie(page) -> dict | None:  # type: ignore[no-untyped-def,type-arg]
    return next((cookie for cookie in page.context.cookies() if cookie["name"] == auth.COOKIE_NAME), None)


def _wait_for_cookie(page, present: bool) -> dict | None:  # type: ignore[no-untyped-def,type-arg]
    """The sign-in cookie once the page's script has written (or cleared) it."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while (_session_cookie(page) is not None) != present:
        assert time.monotonic() < deadline, f"the sign-in cookie was not {'set' if present else 'cleared'}"
        page.wait_for_timeout(200)
    return _session_cookie(page)


def test_sign_in_survives_a_reload_and_sign_out_ends_it(hosted_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{hosted_url}/signin?lang=en", timeout=TIMEOUT_MS)
    page.get_by_label("User name").fill("ana")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as ana (analyst)").first.wait_for(timeout=TIMEOUT_MS)
    cookie = _wait_for_cookie(page, present=True)
    assert cookie is not None
    assert cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert cookie["expires"] > time.time() + 7 * 3600, "it lasts as long as the session in the store (8 h)"
    assert not any(cookie["value"] in url for url in recorded_page.requests), "the token is never in a URL"

    # A reload is a new Streamlit session: the cookie brings the sign-in back.
    page.goto(f"{hosted_url}/data?lang=en", timeout=TIMEOUT_MS)
    page.get_by_text("Signed in as ana (analyst)").first.wait_for(timeout=TIMEOUT_MS)
    page.locator('[data-testid="stFileUploader"]').first.wait_for(timeout=TIMEOUT_MS)
    page.reload(timeout=TIMEOUT_MS)
    page.locator('[data-testid="stFileUploader"]').first.wait_for(timeout=TIMEOUT_MS)

    page.get_by_role("button", name="Sign out").first.click()
    page.get_by_text("You are seeing the public datasets").first.wait_for(timeout=TIMEOUT_MS)
    _wait_for_cookie(page, present=False)
    page.reload(timeout=TIMEOUT_MS)
    page.get_by_text("You are seeing the public datasets").first.wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("Visitor (public datasets only)").first.wait_for(timeout=TIMEOUT_MS)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert page.get_by_text("Your session has expired").count() == 0, "a signed-out reload is not an expiry"
