"""The Map page with ``flows=1`` in headless Chromium: flow lines over the regencies of Kepri, offline."""

from __future__ import annotations

import time
from urllib.parse import urlparse

import pytest

from geo.web.render import TILE_HOSTS

pytestmark = pytest.mark.browser

PHNOM_PENH = (11.5564, 104.9282)

_FLOWS_JS = """
() => {
  const map = Object.values(window).find(value => value instanceof L.Map);
  const lines = [], arrows = [];
  map.eachLayer(layer => {
    const cls = layer.options && layer.options.className;
    if (cls === "riskmap-flow-line") {
      const latlngs = layer.getLatLngs(), last = latlngs[latlngs.length - 1];
      lines.push({last: [last.lat, last.lng], tooltip: layer.feature.properties.tooltip});
    } else if (cls === "riskmap-flow-arrow") {
      const ring = layer.getLatLngs()[0];
      arrows.push({tip: [ring[0].lat, ring[0].lng], tooltip: layer.feature.properties.tooltip});
    }
  });
  const paths = Array.from(document.querySelectorAll("path.leaflet-interactive"));
  return {
    lines, arrows,
    linePaths: document.querySelectorAll("path.riskmap-flow-line").length,
    legend: (document.querySelector(".riskmap-flow-legend") || {}).innerText || null,
    areasLoaded: window.riskmapLoaded === true,
    // SVG paints later siblings on top: every flow path must come after every area path.
    flowsOnTop: paths.findIndex(p => p.classList.contains("riskmap-flow-line"))
        > paths.map(p => p.classList.contains("riskmap-flow-line") || p.classList.contains("riskmap-flow-arrow")
                         ? -1 : 1).lastIndexOf(1),
  };
}
"""


def flows_on_map(page, timeout_s: float = 180.0):  # type: ignore[no-untyped-def]
    """The flow layers of the Map page's iframe once the flows and the areas are drawn."""
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" not in frame.url:
                continue
            try:
                if frame.evaluate("() => typeof L !== 'undefined' && Object.values(window).some(v => v instanceof L.Map)"):
                    last = frame.evaluate(_FLOWS_JS)
                    if last["lines"] and last["areasLoaded"]:
                        return frame, last
            except Exception:  # the iframe is being replaced  # noqa: BLE001
                pass
        page.wait_for_timeout(500)
    raise AssertionError(f"the Map page drew no flow lines with flows=1 (last state: {last})")


def test_map_page_draws_flow_lines_ending_at_phnom_penh(app_url, recorded_page):  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/?level=regency&area=21&flows=1", wait_until="domcontentloaded")
    frame, flows = flows_on_map(page)

    assert flows["linePaths"] == len(flows["lines"]) > 0
    assert len(flows["arrows"]) == len(flows["lines"])
    to_phnom_penh = [line for line in flows["lines"] if " → Phnom Penh:" in line["tooltip"].split("<br>")[0]]
    assert to_phnom_penh, [line["tooltip"] for line in flows["lines"]][:10]
    tips = [arrow["tip"] for arrow in flows["arrows"] if arrow["tooltip"] in {line["tooltip"] for line in to_phnom_penh}]
    assert tips and all(abs(lat - PHNOM_PENH[0]) < 1e-3 and abs(lon - PHNOM_PENH[1]) < 1e-3 for lat, lon in tips)
    assert flows["legend"] and flows["legend"].startswith("Aliran (kasus)")
    assert flows["flowsOnTop"], "the areas (fetched after the flows) are drawn over the flow lines"

    foreign = [
        url
        for url in recorded_page.requests
        if urlparse(url).hostname not in {"127.0.0.1", "localhost", None}
        and not any((urlparse(url).hostname or "").endswith(host) for host in TILE_HOSTS)
    ]
    assert not foreign, foreign[:5]


def test_switching_flows_on_keeps_the_map_and_its_geometry(app_url, recorded_page):  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/?level=regency&area=21", wait_until="domcontentloaded")
    frame = None
    deadline = time.monotonic() + 180
    while frame is None and time.monotonic() < deadline:
        for candidate in page.frames:
            try:
                if "streamlit_folium" in candidate.url and candidate.evaluate("() => window.riskmapLoaded === true"):
                    frame = candidate
            except Exception:  # noqa: BLE001
                pass
        page.wait_for_timeout(500)
    assert frame is not None, "the Map page drew no areas"
    assert frame.evaluate("document.querySelectorAll('path.riskmap-flow-line').length") == 0
    frame.evaluate("() => { window.riskmapKept = 42; }")
    geometry_requests = sum("/app/static/cache/" in url for url in recorded_page.requests)

    page.get_by_text("Tampilkan aliran").click()
    frame.wait_for_function("() => document.querySelectorAll('path.riskmap-flow-line').length > 0", timeout=120_000)
    assert "flows=1" in page.url
    # the same map (its script was not rerun: centre and zoom stay) and no geometry fetched again
    assert frame.evaluate("() => window.riskmapKept") == 42
    assert sum("/app/static/cache/" in url for url in recorded_page.requests) == geometry_requests

    page.get_by_text("Tampilkan aliran").click()
    frame.wait_for_function("() => document.querySelectorAll('path.riskmap-flow-line').length === 0", timeout=120_000)
    assert frame.evaluate("() => document.querySelector('.riskmap-flow-legend')") is None
    assert frame.evaluate("() => window.riskmapKept") == 42
