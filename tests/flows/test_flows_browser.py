"""The Flows page in headless Chromium: the default sample draws Kepulauan Riau → Phnom Penh, offline."""

from __future__ import annotations

import time
from urllib.parse import urlparse

import pytest

from geo.web.render import TILE_HOSTS

pytestmark = pytest.mark.browser

PHNOM_PENH = (11.5564, 104.9282)
KEPRI_BOX = (-1.5, 103.2, 4.9, 109.0)  # south, west, north, east: Kepulauan Riau with its islands

_LAYERS_JS = """
() => {
  const map = Object.values(window).find(value => value instanceof L.Map);
  const lines = [], arrows = [];
  map.eachLayer(layer => {
    if (!layer.feature || !layer.feature.properties || layer.feature.properties.tooltip === undefined) return;
    const latlngs = layer.getLatLngs();
    if (layer instanceof L.Polygon) {
      arrows.push({tip: [latlngs[0][0].lat, latlngs[0][0].lng], tooltip: layer.feature.properties.tooltip});
    } else if (layer instanceof L.Polyline) {
      const last = latlngs[latlngs.length - 1];
      lines.push({first: [latlngs[0].lat, latlngs[0].lng], last: [last.lat, last.lng], tooltip: layer.feature.properties.tooltip});
    }
  });
  return {lines, arrows};
}
"""

_HOVER_JS = """
(needle) => {
  const map = Object.values(window).find(value => value instanceof L.Map);
  let target = null;
  map.eachLayer(layer => {
    if (!target && layer.feature && layer instanceof L.Polyline && !(layer instanceof L.Polygon)
        && String(layer.feature.properties.tooltip).startsWith(needle)) target = layer;
  });
  const latlngs = target.getLatLngs();
  target.fire("mouseover", {latlng: latlngs[Math.floor(latlngs.length / 2)]}, true);
  // the hover tooltip, not one of the destinations' permanent labels
  const tooltip = document.querySelector(".leaflet-tooltip:not(.riskmap-flow-label)");
  return tooltip ? tooltip.innerText : null;
}
"""


def flow_frame(page, timeout_s: float = 180.0):  # type: ignore[no-untyped-def]
    """The map iframe once it holds the flow layer (its lines are Leaflet GeoJSON layers with tooltips)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" not in frame.url:
                continue
            try:
                if frame.evaluate(
                    "() => typeof L !== 'undefined' && Object.values(window).some(v => v instanceof L.Map)"
                ):
                    layers = frame.evaluate(_LAYERS_JS)
                    if layers["lines"]:
                        return frame, layers
            except Exception:  # the iframe is being replaced  # noqa: BLE001
                pass
        page.wait_for_timeout(500)
    raise AssertionError("the Flows page drew no flow lines")


def inside(point, box) -> bool:  # type: ignore[no-untyped-def]
    south, west, north, east = box
    return south <= point[0] <= north and west <= point[1] <= east


def test_default_sample_draws_a_line_from_kepri_ending_at_phnom_penh(app_url, recorded_page):
    page = recorded_page.page
    page.goto(f"{app_url}/flows", wait_until="domcontentloaded")
    try:
        page.get_by_role("heading", name="Aliran asal → tujuan").wait_for(timeout=90_000)
    except Exception:  # noqa: BLE001 - say what is wrong instead of a bare timeout
        pytest.fail("no Flows page at /flows: app.py must list st.Page('pages/flows.py', …) in its navigation")
    frame, layers = flow_frame(page)

    to_phnom_penh = [line for line in layers["lines"] if " → Phnom Penh:" in line["tooltip"].split("<br>")[0]]
    from_kepri = [line for line in to_phnom_penh if inside(line["first"], KEPRI_BOX)]
    assert from_kepri, [line["tooltip"] for line in layers["lines"]][:10]
    # each such line ends at an arrowhead whose tip is Phnom Penh, so the direction is visible
    tips = [arrow["tip"] for arrow in layers["arrows"] if arrow["tooltip"] in {line["tooltip"] for line in from_kepri}]
    assert tips and all(abs(lat - PHNOM_PENH[0]) < 1e-3 and abs(lon - PHNOM_PENH[1]) < 1e-3 for lat, lon in tips)
    assert any(line["tooltip"].startswith("Kota Batam → Phnom Penh:") for line in from_kepri)

    tooltip = frame.evaluate(_HOVER_JS, "Kota Batam → Phnom Penh:")
    assert tooltip is not None and tooltip.startswith("Kota Batam → Phnom Penh:") and "kasus" in tooltip

    foreign = [
        url
        for url in recorded_page.requests
        if urlparse(url).hostname not in {"127.0.0.1", "localhost", None}
        and not any((urlparse(url).hostname or "").endswith(host) for host in TILE_HOSTS)
    ]
    assert not foreign, foreign[:5]
