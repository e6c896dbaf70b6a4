"""Flow maps in headless Chromium: destinations framed and labelled, the legend off the origins, filters in the URL."""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.browser

PHNOM_PENH = (11.5564, 104.9282)

_STATE_JS = """
([lat, lng]) => {
  const map = Object.values(window).find(value => value instanceof L.Map);
  if (!map) return null;
  const box = map.getContainer().getBoundingClientRect();
  const point = map.latLngToContainerPoint([lat, lng]);
  const rect = el => { const r = el.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const areas = [];
  map.eachLayer(layer => {
    if (layer.feature && layer.feature.properties && layer.feature.properties.code && layer._path) {
      areas.push({code: layer.feature.properties.code, rect: rect(layer._path)});
    }
  });
  const legend = document.querySelector(".riskmap-flow-legend");
  return {
    map: {left: box.left, top: box.top, right: box.right, bottom: box.bottom, width: box.width, height: box.height},
    point: [point.x, point.y],
    labels: Array.from(document.querySelectorAll(".riskmap-flow-label")).map(el => ({text: el.innerText, rect: rect(el)})),
    lines: document.querySelectorAll("path.riskmap-flow-line").length,
    legend: legend ? {text: legend.innerText, rect: rect(legend)} : null,
    areas,
    view: {zoom: map.getZoom(), centre: map.getCenter(), framed: map._riskmapFlowFrame || null},
  };
}
"""


def map_state(page, ready, timeout_s: float = 180.0):  # type: ignore[no-untyped-def]
    """The streamlit-folium map's state once ``ready(state)`` holds (the last state in the error otherwise)."""
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" not in frame.url:
                continue
            try:
                state = frame.evaluate(_STATE_JS, list(PHNOM_PENH))
            except Exception:  # the iframe is being replaced  # noqa: BLE001
                continue
            if state is not None:
                last = state
                if ready(state):
                    return state
        page.wait_for_timeout(500)
    raise AssertionError(f"the map never got ready: {last}")


def contains(outer: dict, inner: dict) -> bool:
    return (outer["left"] <= inner["left"] and inner["right"] <= outer["right"]
            and outer["top"] <= inner["top"] and inner["bottom"] <= outer["bottom"])


def intersects(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def origins(state: dict) -> list[dict]:
    """The view's areas (the regencies of Kepulauan Riau: every possible origin), not the province outlines."""
    return [area for area in state["areas"] if area["code"].startswith("21.") and area["rect"]["right"] > area["rect"]["left"]]


def phnom_penh_label(state: dict) -> dict | None:
    return next((label for label in state["labels"] if label["text"].startswith("Phnom Penh: ")), None)


def test_flows_page_frames_phnom_penh_with_its_label(app_url, recorded_page):  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/flows?area=21&country=KH", wait_until="domcontentloaded")

    def framed(state: dict) -> bool:
        x, y = state["point"]
        label = phnom_penh_label(state)
        return (state["lines"] > 0 and label is not None and 0 <= x <= state["map"]["width"]
                and 0 <= y <= state["map"]["height"] and contains(state["map"], label["rect"]))

    state = map_state(page, framed)
    x, y = state["point"]
    # inside with room for the circle (at most 24 px), not on the edge
    assert 24 <= x <= state["map"]["width"] - 24 and 24 <= y <= state["map"]["height"] - 24, state["point"]
    label = phnom_penh_label(state)
    total = label["text"].removeprefix("Phnom Penh: ")
    assert total.replace(".", "").isdigit() and int(total.replace(".", "")) > 0, label["text"]  # id: 1.234
    assert contains(state["map"], label["rect"])
    # Cambodia only (country=KH): every label is a Cambodian place, each inside the map
    assert all(contains(state["map"], other["rect"]) for other in state["labels"]), state["labels"]


def test_map_page_flow_filters_and_legend_off_the_origins(app_url, recorded_page):  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/?level=regency&area=21&flows=1&top=3", wait_until="domcontentloaded")

    def drawn(state: dict) -> bool:
        return (state["lines"] > 0 and state["legend"] is not None and phnom_penh_label(state) is not None
                and len(origins(state)) > 0)

    state = map_state(page, drawn)
    page.wait_for_timeout(1000)  # the areas' own framing, then the flows' again
    state = map_state(page, drawn)
    assert "3 dari" in state["legend"]["text"], state["legend"]["text"]  # top=3 from the URL: 3 of N flows drawn
    # at most 3 flows: one line each, two for a flow through a transit place
    assert 0 < state["lines"] <= 6
    x, y = state["point"]
    assert 0 <= x <= state["map"]["width"] and 0 <= y <= state["map"]["height"], f"Phnom Penh is outside the map: {state['view']}"
    covered = [area["code"] for area in origins(state) if intersects(state["legend"]["rect"], area["rect"])]
    assert not covered, f"the flow legend covers origin areas {covered}"
    assert "top=3" in page.url and "flows=1" in page.url
