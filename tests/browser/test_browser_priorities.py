"""The Priorities page in headless Chromium: Kepri's villages coloured by priority, plan sites drawn, offline."""

from __future__ import annotations

import re

import pytest

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
