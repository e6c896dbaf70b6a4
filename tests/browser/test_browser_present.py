"""Presentation mode and stories in headless Chromium (issue #13).

Present mode at 1400x900: no sidebar or header, the map fills at least 85% of the window.
A story steps forward and back with the arrow keys and with its buttons (the step and the
caption change with it). Legend, place names and the presentation's text are at least 14 px
at 1280x720 (a projector). How long a story step takes to show its map, against opening that
view directly, is measured by ``benchmarks/story_step.py`` (no timed tests here).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest

from geo.data import views

pytestmark = pytest.mark.browser

DRAW_TIMEOUT_S = 120.0
KEPRI_VILLAGES = 400  # 417 villages drawn (a few tiny islands dropped)


def url_query(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {key: values[-1] for key, values in parse_qs(urlparse(page.url).query).items()}


def wait_for_query(page, **expected: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if all(url_query(page).get(key) == value for key, value in expected.items()):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"URL {page.url} never matched {expected}")


def map_frame(page, timeout_s: float = DRAW_TIMEOUT_S):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" in frame.url:
                return frame
        page.wait_for_timeout(100)
    raise AssertionError("no streamlit_folium iframe on the page")


def wait_for_paths(page, minimum: int, maximum: int = 1_000_000):  # type: ignore[no-untyped-def]
    """Wait until the map shows ``minimum``..``maximum`` interactive paths (the frame may be replaced)."""
    deadline = time.monotonic() + DRAW_TIMEOUT_S
    while True:
        frame = map_frame(page)
        try:
            frame.wait_for_function(
                "([low, high]) => { const n = document.querySelectorAll('path.leaflet-interactive').length;"
                " return n >= low && n <= high; }",
                arg=[minimum, maximum], timeout=2_000,
            )
            return frame
        except Exception:
            if time.monotonic() > deadline:
                raise AssertionError(f"the map never showed {minimum}..{maximum} paths") from None


@pytest.fixture
def sized_page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A page of its own viewport size (the shared fixture's is 1400x1000)."""
    contexts = []

    def make(width: int, height: int):  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def story() -> views.Story:
    """Kepri's regencies, then Kepri's villages, each with a caption (in the session's store, which the server shares)."""
    regencies = views.save_view({"level": "regency", "area": "21", "tiles": "none", "lang": "en"}, "Kepri regencies")
    villages = views.save_view({"level": "village", "area": "21", "tiles": "none", "lang": "en"}, "Kepri villages")
    return views.create_story("Kepri briefing", [(regencies.token, "Where people leave from"),
                                                 (villages.token, "Village by village")])


def test_present_mode_fills_the_window_without_sidebar(app_url: str, sized_page) -> None:  # type: ignore[no-untyped-def]
    page = sized_page(1400, 900)
    page.goto(f"{app_url}/?level=regency&area=21&tiles=none&lang=en&present=1")
    wait_for_paths(page, 7)
    page.get_by_text(re.compile(r"^Kepulauan Riau — ")).first.wait_for(timeout=60_000)
    page.get_by_text("Exit presentation").first.wait_for(timeout=60_000)
    # The map's iframe is stretched to the window by js/present_fill.js: wait for it, then measure.
    page.wait_for_function(
        """() => { const f = document.querySelector('iframe[title*="streamlit_folium"]');
                   if (!f) return false; const r = f.getBoundingClientRect();
                   return r.width * r.height >= 0.85 * window.innerWidth * window.innerHeight; }""",
        timeout=60_000,
    )
    box = page.locator('iframe[title*="streamlit_folium"]').bounding_box()
    assert box is not None and box["width"] * box["height"] >= 0.85 * 1400 * 900, box
    assert box["y"] + box["height"] <= 900, "the map ends inside the window"
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.count() == 0 or not sidebar.first.is_visible()
    header = page.locator('[data-testid="stHeader"]')
    assert header.count() == 0 or not header.first.is_visible()
    assert page.locator('[data-testid="stSelectbox"]:visible').count() == 0, "no controls"
    assert page.locator('[data-testid="stDataFrame"]').count() == 0, "no table"
    page.get_by_text("Boundaries & area codes").first.wait_for(timeout=60_000)
    # Inside the iframe the map fills it too (not just the iframe).
    frame = map_frame(page)
    frame.wait_for_function(
        "() => document.querySelector('.leaflet-container').getBoundingClientRect().height >= window.innerHeight - 12",
        timeout=30_000,
    )


def test_embed_mode_has_no_exit_button(app_url: str, sized_page) -> None:  # type: ignore[no-untyped-def]
    page = sized_page(1000, 700)
    page.goto(f"{app_url}/?level=province&tiles=none&lang=en&embed=1")
    wait_for_paths(page, 30)
    page.get_by_text(re.compile(r"^Indonesia — ")).first.wait_for(timeout=60_000)
    assert page.get_by_text("Exit presentation").count() == 0
    assert url_query(page).get("embed") == "1"


def test_story_steps_with_arrow_keys_and_buttons(app_url: str, sized_page, story: views.Story) -> None:  # type: ignore[no-untyped-def]
    page = sized_page(1400, 900)
    page.goto(f"{app_url}/?present=1&story={story.token}")
    wait_for_query(page, step="1", level="regency", area="21")
    page.get_by_text("Where people leave from").first.wait_for(timeout=60_000)
    wait_for_paths(page, 7, 20)

    page.keyboard.press("ArrowRight")
    wait_for_query(page, step="2", level="village")
    page.get_by_text("Village by village").first.wait_for(timeout=60_000)
    page.get_by_text("Step 2 of 2").first.wait_for(timeout=60_000)
    wait_for_paths(page, KEPRI_VILLAGES)

    page.keyboard.press("ArrowLeft")
    wait_for_query(page, step="1", level="regency")
    page.get_by_text("Where people leave from").first.wait_for(timeout=60_000)
    wait_for_paths(page, 7, 20)

    page.get_by_role("button", name="Next ▶").click()
    wait_for_query(page, step="2", level="village")
    page.get_by_text("Village by village").first.wait_for(timeout=60_000)
    page.get_by_role("button", name="◀ Previous").click()
    wait_for_query(page, step="1", level="regency")
    page.get_by_text("Where people leave from").first.wait_for(timeout=60_000)

    # Once the map has been clicked the keys go to its frame: they still step (not pan).
    frame = wait_for_paths(page, 7, 20)
    frame.locator(".leaflet-container").first.focus()
    page.wait_for_timeout(500)  # the frame's listener is added within 0.3 s of the frame
    frame.locator(".leaflet-container").first.press("ArrowRight")
    wait_for_query(page, step="2", level="village")
    page.get_by_text("Village by village").first.wait_for(timeout=60_000)

    page.reload()  # the step is in the URL: a reload stays on it
    wait_for_query(page, step="2", story=story.token)
    page.get_by_text("Step 2 of 2").first.wait_for(timeout=60_000)


def test_legend_labels_and_captions_are_at_least_14px_at_1280x720(app_url: str, sized_page) -> None:  # type: ignore[no-untyped-def]
    page = sized_page(1280, 720)
    page.goto(f"{app_url}/?level=regency&area=21&tiles=none&lang=en&present=1")
    frame = wait_for_paths(page, 7)
    frame.wait_for_function("document.querySelectorAll('.riskmap-legend-row').length > 0", timeout=60_000)
    frame.wait_for_function("document.querySelectorAll('.riskmap-place span').length > 0", timeout=60_000)
    sizes = frame.evaluate(
        """() => {
            const size = (selector) => Array.from(document.querySelectorAll(selector))
                .map((element) => parseFloat(getComputedStyle(element).fontSize));
            return {legend: size('.riskmap-legend, .riskmap-legend-row, .riskmap-legend-title'),
                    toggle: size('.riskmap-legend-toggle'), places: size('.riskmap-place span')};
        }"""
    )
    for name, values in sizes.items():
        assert values and min(values) >= 14, (name, values)
    page.get_by_text("Boundaries & area codes").first.wait_for(timeout=60_000)
    page_sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll('.st-key-present_bar p, .st-key-present_footer p'))
                 .map((element) => parseFloat(getComputedStyle(element).fontSize))"""
    )
    assert page_sizes and min(page_sizes) >= 14, page_sizes

