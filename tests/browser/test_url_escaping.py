"""In a real browser: Markdown in a URL value is shown as text; an image in it is never fetched (#12.6)."""

from __future__ import annotations

import http.server
import threading
import urllib.parse
from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.browser

MESSAGE_START = "Tautan ini diperbaiki"


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def beacon_server() -> Iterator[tuple[str, list[str]]]:
    """A tiny local HTTP server that records every request it gets."""
    hits: list[str] = []
    handler = type("Recorder", (_Recorder,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def _open(recorded_page, app_url: str, **query: str):  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/?{urllib.parse.urlencode(query)}", wait_until="domcontentloaded")
    message = page.locator('[data-testid="stAlert"]').filter(has_text=MESSAGE_START)
    message.first.wait_for(timeout=90_000)
    page.locator('[data-testid="stSelectbox"]').first.wait_for(timeout=60_000)  # the full page has come
    return page, message.first


def test_an_image_in_the_url_is_not_fetched(app_url: str, recorded_page, beacon_server) -> None:  # type: ignore[no-untyped-def]
    base, hits = beacon_server
    image = f"![]({base}/x.png)"
    page, message = _open(recorded_page, app_url, k=image, indicator=f"<img src={base}/y.png>", palette="www.evil.example")
    page.wait_for_timeout(2_000)  # time for any image to be requested
    text = message.inner_text().replace("\u2060", "")  # the word joiners that stop autolinks
    assert f"k='![]({base}/x.png)'" in text, text
    assert hits == [], hits
    assert not [url for url in recorded_page.requests if url.startswith(base)]
    assert message.locator("img").count() == 0
    assert message.locator("a").count() == 0  # www.evil.example is not autolinked either


def test_a_link_in_the_url_is_shown_as_text(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page, message = _open(recorded_page, app_url, level="[Session expired](https://evil.example/login)")
    assert "level='[Session expired](https://evil.example/" in message.inner_text().replace("\u2060", "")
    assert page.locator('a[href*="evil.example"]').count() == 0
    assert "evil.example" not in urllib.parse.unquote(page.url)  # the URL was rewritten to the corrected view
