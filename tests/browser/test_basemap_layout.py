"""The Map and Flows pages at 1400×900 in headless Chromium: the map is the page, our own base offline.

The test machine has no internet, so the default ``auto`` basemap meets no tile server:
the map must still show land (Cambodia's outline, place names) and no failed tile. The
legend covers no area and folds away; a tooltip at the map's edge stays inside; the wheel
scrolls the page until the map is clicked. Screenshots of failures go to tests/artifacts.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from tests.browser.test_browser_map import LOCAL_HOSTS, map_frame, wait_for_paths

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1400, "height": 900}
LEAFLET_MAP = "Object.values(window).find((value) => value instanceof L.Map)"


def open_map(recorded_page, app_url: str, query: str, minimum_paths: int):  # type: ignore[no-untyped-def]
    """The Map page at 1400×900 with ``query``; returns (page, frame) once the areas are drawn and framed."""
    page = recorded_page.page
    page.set_viewport_size(VIEWPORT)
    page.goto(f"{app_url}/{query}")
    frame = wait_for_paths(page, minimum_paths)
    frame.wait_for_function("document.querySelectorAll('path.riskmap-land').length > 0", timeout=60_000)
    # The legend is placed (and the map framed) once geometry and colours are both there.
    frame.wait_for_function("!!document.querySelector('.leaflet-container').getAttribute('data-riskmap-legend')",
                            timeout=60_000)
    page.wait_for_timeout(500)
    return page, frame


def iframe_box(page) -> dict[str, float]:  # type: ignore[no-untyped-def]
    box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert box is not None
    return box  # type: ignore[no-any-return]


def test_the_map_is_high_large_and_wide(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page, _ = open_map(recorded_page, app_url, "", 38)
    box = iframe_box(page)
    content_width = page.evaluate(
        """() => { const main = document.querySelector('[data-testid="stMainBlockContainer"]');
                   const style = getComputedStyle(main);
                   return main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight); }"""
    )
    assert box["y"] < 300, box
    assert box["height"] >= 600, box
    assert box["width"] >= 0.6 * content_width, (box, content_width)


def test_offline_the_own_base_draws_land_and_names_and_no_failed_tiles(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page, frame = open_map(recorded_page, app_url, "?lang=en", 38)  # default basemap: auto, and no tile server answers here
    cambodia = frame.evaluate(
        "(() => { const r = document.querySelector('path.riskmap-land-116').getBoundingClientRect();"
        " return [r.width, r.height]; })()"
    )
    assert cambodia[0] > 10 and cambodia[1] > 10, cambodia  # drawn in view, not an empty path
    assert frame.evaluate("document.querySelectorAll('img.leaflet-tile').length") == 0
    names = frame.evaluate("Array.from(document.querySelectorAll('.riskmap-place')).map((e) => e.textContent)")
    assert {"Jakarta", "Singapore", "Phnom Penh"} <= set(names), names
    sea = frame.evaluate("getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor")
    assert sea == "rgb(201, 221, 232)", sea  # our sea, not Leaflet's grey


def test_tiles_none_keeps_every_request_on_the_app_host(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page, frame = open_map(recorded_page, app_url, "?level=village&area=21&tiles=none", 400)
    hosts = {urlparse(url).hostname for url in recorded_page.requests if url.startswith("http")}
    assert hosts <= LOCAL_HOSTS, hosts
    names = frame.evaluate("Array.from(document.querySelectorAll('.riskmap-place')).map((e) => e.textContent)")
    assert "Singapore" in names, names  # Batam's neighbour is named
    assert frame.evaluate("document.querySelectorAll('path.riskmap-land-702').length") >= 1  # Singapore's land


def test_the_legend_covers_no_area_and_folds(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page, frame = open_map(recorded_page, app_url, "?lang=en", 38)
    overlapping = frame.evaluate(
        """() => {
            const legend = document.querySelector('.riskmap-legend-box').getBoundingClientRect();
            const hits = [];
            window.riskmapLayer.eachLayer((area) => {
                const r = area.getElement().getBoundingClientRect();
                if (r.left < legend.right && r.right > legend.left && r.top < legend.bottom && r.bottom > legend.top) {
                    hits.push(area.feature.properties.name);
                }
            });
            return hits;
        }"""
    )
    assert overlapping == []
    tall = frame.evaluate("document.querySelector('.riskmap-legend-box').getBoundingClientRect().height")
    frame.locator(".riskmap-legend-toggle").click()
    folded = frame.evaluate("document.querySelector('.riskmap-legend-box').getBoundingClientRect().height")
    assert tall > 100 and folded < 40, (tall, folded)
    frame.locator(".riskmap-legend-toggle").click()
    assert frame.evaluate("document.querySelector('.riskmap-legend-box').getBoundingClientRect().height") == tall


def test_a_tooltip_at_the_map_edge_stays_inside(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page, frame = open_map(recorded_page, app_url, "?level=village&area=21.71&lang=en", 50)
    # A point on the area drawn nearest to the map's right edge.
    point = frame.evaluate(
        """() => {
            const box = document.querySelector('.leaflet-container').getBoundingClientRect();
            for (let x = box.right - 3; x > box.left + box.width / 2; x -= 3) {
                for (let y = box.top + 40; y < box.bottom - 40; y += 6) {
                    const el = document.elementFromPoint(x, y);
                    if (el && el.classList.contains('leaflet-interactive')) { return [x, y]; }
                }
            }
            return null;
        }"""
    )
    assert point is not None, "no area near the right edge"
    offset = iframe_box(page)
    page.mouse.move(offset["x"] + point[0], offset["y"] + point[1])
    frame.wait_for_selector(".leaflet-tooltip", timeout=10_000)
    inside = frame.evaluate(
        """() => { const t = document.querySelector('.leaflet-tooltip').getBoundingClientRect();
                   const m = document.querySelector('.leaflet-container').getBoundingClientRect();
                   return [t.left >= m.left, t.right <= m.right, t.top >= m.top, t.bottom <= m.bottom]; }"""
    )
    assert inside == [True, True, True, True], inside


def test_the_wheel_scrolls_the_page_until_the_map_is_clicked(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page, frame = open_map(recorded_page, app_url, "?lang=en", 38)
    zoom = frame.evaluate(f"{LEAFLET_MAP}.getZoom()")
    before = iframe_box(page)
    page.mouse.move(before["x"] + 60, before["y"] + 140)  # over the map (the Gulf of Thailand: no area)
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(800)
    after = iframe_box(page)
    assert after["y"] < before["y"] - 100, (before, after)  # the page scrolled
    assert frame.evaluate(f"{LEAFLET_MAP}.getZoom()") == zoom  # the map did not zoom
    page.mouse.click(after["x"] + 60, after["y"] + 140)
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(1000)
    assert frame.evaluate(f"{LEAFLET_MAP}.getZoom()") < zoom  # once clicked, the wheel zooms the map
    assert map_frame(page) is not None


def open_under_sample_label(page, url: str):  # type: ignore[no-untyped-def]
    """Open ``url`` at 1400x900 and wait for its map and its sample label; the label's locator."""
    page.set_viewport_size(VIEWPORT)
    page.goto(url)
    page.locator("iframe[title='streamlit_folium.st_folium']").first.wait_for(timeout=180_000)
    # Streamlit may send the label after the map under load: wait for the text, do not count once.
    label = page.get_by_text(re.compile("^DATA CONTOH \\(sintetis\\)"))
    label.first.wait_for(timeout=60_000)
    return label


def test_the_flows_map_is_high_under_a_one_line_sample_label(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    label = open_under_sample_label(page, f"{app_url}/flows")
    assert "BP3MI" not in label.first.inner_text()  # one line; the citation is one click away
    assert iframe_box(page)["y"] < 300, iframe_box(page)
    page.get_by_role("button", name="Sumber acuan").first.click()
    page.get_by_text(re.compile("BP3MI Kepulauan Riau")).first.wait_for(timeout=30_000)
    assert page.get_by_text(re.compile("Sample data \\(synthetic")).count() == 0  # the page's language only


def test_the_priorities_map_is_high_under_one_sample_line(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    label = open_under_sample_label(page, f"{app_url}/priorities?level=village&area=21.71")
    page.wait_for_timeout(1_000)  # the notices above the map arrive with it or just after
    assert label.count() == 1  # migration and cases samples are both scored: still one line
    assert iframe_box(page)["y"] < 300, iframe_box(page)
