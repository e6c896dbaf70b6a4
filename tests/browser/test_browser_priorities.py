"""The Priorities page in headless Chromium: Kepri's villages coloured by priority, plan sites drawn, offline."""

from __future__ import annotations

import re

import pytest

from geo.data import views
from tests.browser.test_browser_map import (
    assert_only_local_or_tile_requests,
    click_area,
    map_frame,
    wait_for_paths,
    wait_for_query,
)

pytestmark = pytest.mark.browser

WAIT_MS = 120_000
FIRST_VIEW_MS = 400_000


def test_priority_map_and_plan_sites_draw(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/priorities?level=village&area=21&sites=3&radius=15")
    # Under load Streamlit sends parts of the page later: wait for each text rather than count once. The
    # session's first ranking makes the sample data of a fresh store and the neighbour graph: minutes under load.
    page.get_by_text(re.compile(r"419 wilayah \(Desa/Kelurahan\) di Kepulauan Riau dinilai")).first.wait_for(
        timeout=FIRST_VIEW_MS
    )
    frame = wait_for_paths(page, 400)
    frame.wait_for_function(
        "(document.querySelector('.leaflet-container').getAttribute('data-riskmap-style') || '')"
        ".startsWith('priority|score|')",
        timeout=WAIT_MS,
    )
    # The plan: three sites, each with its reach circle, drawn over the areas.
    frame.wait_for_function("document.querySelectorAll('path.riskmap-plan-site').length === 3", timeout=WAIT_MS)
    assert frame.locator("path.riskmap-plan-reach").count() == 3
    frame.locator(".riskmap-plan-label").first.wait_for(timeout=WAIT_MS)
    assert sorted(frame.locator(".riskmap-plan-label").all_inner_texts()) == ["1", "2", "3"]
    # Legends: the score classes, and the plan's sites and gaps with the share reached.
    frame.locator(".riskmap-legend-content").get_by_text("Skor prioritas (0–10)").first.wait_for(timeout=WAIT_MS)
    frame.locator(".riskmap-plan-legend").get_by_text(re.compile(r"3 lokasi, jangkauan 15 km")).first.wait_for(timeout=WAIT_MS)
    # A site's tooltip says what it reaches.
    frame.locator("path.riskmap-plan-site").first.dispatch_event("mouseover")
    frame.locator(".leaflet-tooltip").get_by_text(re.compile(r"Lokasi \d: .+ menjangkau \d+ wilayah")).first.wait_for(
        timeout=WAIT_MS
    )
    # The page lists the sites and the plan's summary below the map.
    page.get_by_text(re.compile(r"3 lokasi, jangkauan 15 km: [\d,]+% dari prioritas terjangkau")).first.wait_for(
        timeout=WAIT_MS
    )
    assert map_frame(page) is not None
    assert_only_local_or_tile_requests(recorded_page.requests)


def test_hotspot_layer_from_the_url_shows_hot_cold_and_not_significant(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/priorities?level=village&area=21&hotspots=gi&lang=en")
    frame = wait_for_paths(page, 400)
    frame.wait_for_function(
        "(document.querySelector('.leaflet-container').getAttribute('data-riskmap-style') || '').startsWith('priority|gi|')",
        timeout=WAIT_MS,
    )
    legend = frame.locator(".riskmap-legend-content")
    legend.get_by_text("Gi* hot spots (FDR 5%)").first.wait_for(timeout=WAIT_MS)
    for label in ("Hot spot", "Cold spot", "Not significant"):
        legend.get_by_text(label).first.wait_for(timeout=WAIT_MS)


def test_clicking_a_regency_ranks_its_districts(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/priorities?level=regency&area=21&lang=en")
    wait_for_paths(page, 7, 7)  # Kepri's seven regencies and cities
    page.get_by_text(re.compile(r"7 areas \(Regency/City\) in Kepulauan Riau scored")).first.wait_for(timeout=WAIT_MS)
    click_area(page, "21.71")
    wait_for_query(page, area="21.71", level="district")
    page.get_by_text(re.compile(r"12 areas \(District\) in Kota Batam scored")).first.wait_for(timeout=WAIT_MS)


BATAM_VILLAGES = 60  # 64 villages and urban wards in Kota Batam, a few tiny islands may be dropped


def test_story_steps_into_a_priorities_plan_full_window(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    # Saved in the session's store, which the server shares.
    regencies = views.save_view({"level": "regency", "area": "21", "tiles": "none", "lang": "en"}, "Kepri regencies")
    plan = views.save_view({"_page": "priorities", "level": "village", "area": "21.71", "sites": "3", "radius": "5",
                            "tiles": "none", "lang": "en"}, "Batam plan")
    story = views.create_story("Batam briefing", [(regencies.token, "Where people leave from"),
                                                  (plan.token, "Three teams for Batam")])
    page = recorded_page.page
    page.goto(f"{app_url}/?present=1&story={story.token}")
    wait_for_query(page, step="1", level="regency", area="21")
    page.get_by_text("Where people leave from").first.wait_for(timeout=WAIT_MS)
    wait_for_paths(page, 7, 20)

    page.keyboard.press("ArrowRight")  # story_keys.js presses "Next"; the step's view is on the Priorities page
    wait_for_query(page, step="2", level="village", area="21.71", sites="3", radius="5")
    page.get_by_text("Three teams for Batam").first.wait_for(timeout=FIRST_VIEW_MS)
    page.get_by_text("Step 2 of 2").first.wait_for(timeout=WAIT_MS)
    page.get_by_text(re.compile(r"^Kota Batam — Outreach priorities \(Village\) · ")).first.wait_for(timeout=WAIT_MS)
    frame = wait_for_paths(page, BATAM_VILLAGES)
    frame.wait_for_function(
        "(document.querySelector('.leaflet-container').getAttribute('data-riskmap-style') || '').startsWith('priority|score|')",
        timeout=WAIT_MS,
    )
    # The plan: three sites with their reach, and its legend.
    frame.wait_for_function("document.querySelectorAll('path.riskmap-plan-site').length === 3", timeout=WAIT_MS)
    assert frame.locator("path.riskmap-plan-reach").count() == 3
    frame.locator(".riskmap-plan-legend").get_by_text(re.compile(r"3 sites, 5 km reach")).first.wait_for(timeout=WAIT_MS)
    frame.locator(".riskmap-legend-content").get_by_text("Priority score (0–10)").first.wait_for(timeout=WAIT_MS)
    page.get_by_text(re.compile(r"^Data source: ")).first.wait_for(timeout=WAIT_MS)
    # Full window: the map is stretched (js/present_fill.js); no table, controls or page title.
    page.wait_for_function(
        """() => { const f = document.querySelector('iframe[title*="streamlit_folium"]');
                   if (!f) return false; const r = f.getBoundingClientRect();
                   return r.width * r.height >= 0.8 * window.innerWidth * window.innerHeight; }""",
        timeout=WAIT_MS,
    )
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    assert page.locator('[data-testid="stSelectbox"]:visible').count() == 0
    assert page.get_by_text("Outreach priorities", exact=True).count() == 0

    page.keyboard.press("ArrowLeft")  # and back to the Map page's step
    wait_for_query(page, step="1", level="regency", area="21")
    page.get_by_text("Where people leave from").first.wait_for(timeout=WAIT_MS)
    wait_for_paths(page, 7, 20)
    assert_only_local_or_tile_requests(recorded_page.requests)
