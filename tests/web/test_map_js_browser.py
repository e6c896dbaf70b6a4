"""The map's JavaScript (geo/web/js) in headless Chromium, on a static page served from a temp folder.

The page is the live map exactly as the app builds it (:func:`geo.web.render.build_live_map`),
with Leaflet from the installed xstatic-leaflet package and a tiny geometry file (and its
gzip twin) served by a local ``http.server`` that logs every request. No Streamlit: what
is tested is the browser side of restyling, hatching and prefetching, and of hovering and
clicking the areas. Each test runs on both renderers: SVG paths (small layers) and one canvas
(layers of ``CANVAS_FROM_AREAS`` areas or more, here forced with ``canvas_from=0``), whose
fills are read from its pixels.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.analysis.palettes import SUPPRESSED_COLOUR, SUPPRESSED_HATCH
from geo.web.assets import LEAFLET_SUBDIR, copy_leaflet_assets
from geo.web.elements import Restyle
from geo.web.layer_files import static_url, write_layer_file
from geo.web.layers import CANVAS_FROM_AREAS, prepare_layer
from geo.web.render import build_live_map, restyle_group

pytestmark = pytest.mark.browser

LEAFLET_DELAY_S = 1.5
"""leaflet.js is served this late, so that a download started before it is plainly visible."""

CODES = ("21.71", "21.72", "21.01")
LABELS = {"code": "Kode", "value": "Kasus", "rank": "Peringkat", "source": "Sumber", "no_data": "Tidak ada data",
          "suppressed": "Disembunyikan"}
FIRST = {"key": "first", "colours": ["#fee5d9", "#a50f15"], "no_data": "#d9d9d9", "suppressed": SUPPRESSED_COLOUR,
         "areas": {"21.71": [0, "1", ""], "21.72": [1, "9", ""]}, "legend": '<div class="riskmap-legend">first</div>',
         "labels": LABELS}
SECOND = {**FIRST, "key": "second", "colours": ["#deebf7", "#3182bd"],
          "areas": {"21.71": [1, "9", ""], "21.72": [-2, "", ""], "21.01": [0, "2", ""]},
          "legend": '<div class="riskmap-legend">second</div>'}

_AREA_PIXELS_JS = """
async () => {
  // Two animation frames on: a canvas repaints in the frame after a restyle.
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const map = window.riskmapLayer._map;
  const pane = map.getPane("riskmapAreas");
  const canvas = pane ? pane.querySelector("canvas") : null;
  const container = map.getContainer().getBoundingClientRect();
  const seen = {};
  window.riskmapLayer.eachLayer(area => {
    const code = area.feature.properties.code;
    if (!canvas) { seen[code] = {fill: area._path.getAttribute("fill")}; return; }
    if (!map.getBounds().contains(area.getBounds().getCenter())) { return; }  // not in view
    const point = map.latLngToContainerPoint(area.getBounds().getCenter());
    const box = canvas.getBoundingClientRect();
    const scale = canvas.width / box.width;
    const x = Math.round((container.left + point.x - box.left) * scale);
    const y = Math.round((container.top + point.y - box.top) * scale);
    seen[code] = {pixels: Array.from(canvas.getContext("2d").getImageData(x - 6, y - 6, 12, 12).data)};
  });
  return seen;
}
"""
"""Per area: its SVG path's fill, or the RGBA pixels of a 12 px square at its centre on the canvas (areas in view)."""

_CLIENT_POINT_JS = """
code => {
  const map = window.riskmapLayer._map;
  let target = null;
  window.riskmapLayer.eachLayer(area => { if (area.feature.properties.code === code) target = area; });
  const point = map.latLngToContainerPoint(target.getBounds().getCenter());
  const container = map.getContainer().getBoundingClientRect();
  return [container.left + point.x, container.top + point.y];
}
"""

_COUNT_PROJECTIONS_JS = """
// Before Leaflet loads: count each time an area (a layer with a feature) is projected to the screen.
window.riskmapProjections = 0;
(function () {
  let leaflet;
  Object.defineProperty(window, "L", {configurable: true, get: () => leaflet, set: value => {
    leaflet = value;
    const project = value.Polyline.prototype._project;
    value.Polyline.prototype._project = function () {
      if (this.feature) { window.riskmapProjections += 1; }
      return project.apply(this, arguments);
    };
  }});
})();
"""

PALETTE = {colour for style in (FIRST, SECOND) for colour in style["colours"]} | {
    FIRST["no_data"], SUPPRESSED_COLOUR, SUPPRESSED_HATCH}


def _nearest(red: int, green: int, blue: int) -> str:
    """The palette colour within 4 of this pixel in each channel (canvas alpha rounding), or "?"."""
    for colour in PALETTE:
        expected = (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))
        if all(abs(got - want) <= 4 for got, want in zip((red, green, blue), expected, strict=True)):
            return colour
    return "?"


def painted(page: Any) -> dict[str, str]:
    """Each area's fill as drawn: a colour, or "hatch" for the suppressed pattern (SVG or canvas)."""
    fills = {}
    for code, seen in page.evaluate(_AREA_PIXELS_JS).items():
        if "fill" in seen:
            fills[code] = "hatch" if seen["fill"] == "url(#riskmap-suppressed-hatch)" else seen["fill"]
            continue
        pixels = seen["pixels"]
        assert all(alpha == 199 for alpha in pixels[3::4]), "areas are filled at opacity 0.78, nothing else"
        colours = [_nearest(*pixels[index:index + 3]) for index in range(0, len(pixels), 4)]
        if {SUPPRESSED_COLOUR, SUPPRESSED_HATCH} <= set(colours):
            fills[code] = "hatch"
        else:
            assert len(set(colours)) == 1, f"{code} is not filled with one colour: {set(colours)}"
            fills[code] = colours[0]
    return fills


@dataclass
class StaticSite:
    """A folder served over HTTP, with the time each request arrived and each response ended."""

    url: str
    requests: list[tuple[float, str]] = field(default_factory=list)
    served: dict[str, float] = field(default_factory=dict)

    def requested(self, fragment: str) -> list[float]:
        return [moment for moment, path in self.requests if fragment in path]


def _handler(site: StaticSite, *args: Any, **kwargs: Any) -> SimpleHTTPRequestHandler:
    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            site.requests.append((time.monotonic(), self.path))
            if self.path.endswith("/leaflet.js"):
                time.sleep(LEAFLET_DELAY_S)
            super().do_GET()
            site.served[self.path] = time.monotonic()

        def log_message(self, *args: Any) -> None:  # quiet
            pass

    return Handler(*args, **kwargs)


@pytest.fixture(params=["svg", "canvas", "overview"])
def renderer(request: pytest.FixtureRequest) -> str:
    """How the areas are drawn: SVG paths, one canvas (as from CANVAS_FROM_AREAS areas on), or
    one canvas first from an overview (a large layer: the areas shrunk by a tenth around their
    centres) until the map is zoomed in to OVERVIEW_DETAIL_ZOOM."""
    return str(request.param)


OVERVIEW_DETAIL_ZOOM = 12
"""The test page's zoom for the full geometry: above the zoom the three areas are framed at (10)."""

_BOUNDS_JS = ("() => Object.fromEntries(window.riskmapLayer.getLayers()"
              ".map(area => [area.feature.properties.code, area.getBounds().toBBoxString()]))")


@pytest.fixture
def site(tmp_path: Path, renderer: str) -> Iterator[StaticSite]:
    """The live map of three little areas as a static page: /index.html, Leaflet, the geometry file."""
    static = tmp_path / "app" / "static"
    copy_leaflet_assets(static / LEAFLET_SUBDIR)
    frame = gpd.GeoDataFrame(
        {"code": list(CODES), "name": ["Kota Batam", "Kota <b>Tanjung Pinang</b>", "Kabupaten Bintan"]},
        geometry=[box(103.9, 0.9, 104.2, 1.2), box(104.4, 0.85, 104.6, 1.0), box(104.2, 0.7, 104.4, 1.3)],
        crs="EPSG:4326",
    )
    layer = prepare_layer(frame, level="regency", within="21")
    url = static_url(write_layer_file(layer, static))
    overview_url = None
    if renderer == "overview":
        shrunk = frame.set_geometry(frame.geometry.scale(0.9, 0.9))  # about each area's centre
        overview_url = static_url(write_layer_file(prepare_layer(shrunk, level="regency", within="21", overview=True),
                                                   static))
    folium_map = build_live_map(layer, url=url, tiles="none", canvas_from=CANVAS_FROM_AREAS if renderer == "svg" else 0,
                                overview_url=overview_url, detail_from_zoom=OVERVIEW_DETAIL_ZOOM)
    folium_map.add_child(restyle_group(FIRST))  # as streamlit-folium adds the style group
    (tmp_path / "index.html").write_text(folium_map.get_root().render(), encoding="utf-8")

    server = ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: _handler(recorded, *a, directory=str(tmp_path)))
    recorded = StaticSite(url=f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield recorded
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser: Any, site: StaticSite) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 900, "height": 700})
    context.add_init_script(_COUNT_PROJECTIONS_JS)
    opened = context.new_page()
    try:
        opened.goto(f"{site.url}/index.html")
        opened.wait_for_function("() => window.riskmapLoaded === true", timeout=30_000)
        yield opened
    finally:
        context.close()


def test_the_geometry_download_starts_before_leaflet_is_loaded(site: StaticSite, page: Any) -> None:
    geometry = site.requested("/app/static/cache/")
    assert len(geometry) == 1, site.requests  # one download: the map took the prefetched one
    assert site.requested("/app/static/cache/")[0] < site.served[f"/app/static/{LEAFLET_SUBDIR}/leaflet.js"]
    assert [path for _, path in site.requests if "/cache/" in path][0].endswith(".json.gz")  # the gzip twin


def test_restyling_recolours_the_areas_without_fetching_the_geometry_again(site: StaticSite, page: Any) -> None:
    assert painted(page) == {"21.71": "#fee5d9", "21.72": "#a50f15", "21.01": "#d9d9d9"}
    assert page.evaluate("() => document.querySelector('.riskmap-legend-content').innerText") == "first"

    page.add_script_tag(content=Restyle(SECOND).script_text())  # what streamlit-folium evaluates on a rerun

    fills = painted(page)
    assert fills["21.71"] == "#3182bd" and fills["21.01"] == "#deebf7"
    assert page.evaluate("() => document.querySelector('.leaflet-container').dataset.riskmapStyle") == "second"
    assert page.evaluate("() => document.querySelector('.riskmap-legend-content').innerText") == "second"
    assert len(site.requested("/app/static/cache/")) == 1, "restyling must not fetch the geometry again"


def test_the_map_says_how_many_areas_it_drew_on_either_renderer(page: Any, renderer: str) -> None:
    page.wait_for_function("() => document.querySelector('.leaflet-container').dataset.riskmapAreas === '3'")
    paths = page.evaluate("() => document.querySelectorAll('path.leaflet-interactive').length")
    canvases = page.evaluate("() => document.querySelectorAll('.leaflet-riskmapAreas-pane canvas').length")
    assert (paths, canvases) == ((3, 0) if renderer == "svg" else (0, 1))


def test_the_areas_are_projected_once_at_the_framed_view(page: Any) -> None:
    # Framing (legend_place.js) waits for Leaflet's stylesheet and fits once or twice: the
    # areas join the map only then, so a province's 8,000 villages are not drawn twice.
    page.wait_for_function("() => document.querySelector('.leaflet-container').dataset.riskmapLegend")
    page.wait_for_function("() => document.querySelector('.leaflet-container').dataset.riskmapAreas === '3'")
    assert page.evaluate("() => window.riskmapProjections") == len(CODES)
    page.evaluate("() => window.riskmapLayer._map.setZoom(window.riskmapLayer._map.getZoom() - 1, {animate: false})")
    assert page.evaluate("() => window.riskmapProjections") > len(CODES)  # the count sees every projection


def test_suppressed_areas_get_the_hatch_pattern(page: Any, renderer: str) -> None:
    page.add_script_tag(content=Restyle(SECOND).script_text())
    assert painted(page)["21.72"] == "hatch"
    if renderer == "svg":
        ground, stripe = page.evaluate(
            "() => Array.from(document.querySelectorAll('svg #riskmap-suppressed-hatch rect'))"
            ".map(r => r.getAttribute('fill'))"
        )
        assert (ground, stripe) == (SUPPRESSED_COLOUR, SUPPRESSED_HATCH)


def test_hovering_an_area_shows_its_escaped_name_as_text_and_highlights_it(page: Any) -> None:
    page.mouse.move(*page.evaluate(_CLIENT_POINT_JS, "21.72"))
    page.wait_for_selector(".leaflet-tooltip", timeout=5_000)
    assert page.inner_text(".leaflet-tooltip").startswith("Kota <b>Tanjung Pinang</b>\nKode 21.72")
    weights = page.evaluate("() => window.riskmapLayer.getLayers().map(a => [a.feature.properties.code, a.options.weight])")
    assert max(weights, key=lambda pair: pair[1])[0] == "21.72"  # the hovered area's outline is thicker
    page.mouse.move(*page.evaluate(_CLIENT_POINT_JS, "21.71"))
    page.wait_for_function("() => document.querySelector('.leaflet-tooltip').innerText.startsWith('Kota Batam')")


def test_clicks_reach_the_area_under_an_overlay_and_the_overlay_line_itself(page: Any) -> None:
    page.evaluate(
        """() => {
          const map = window.riskmapLayer._map;
          window.clicked = [];
          window.riskmapLayer.on("click", event => window.clicked.push(event.layer.feature.properties.code));
          // A flow line in the overlay pane across the map, below Bintan's centre.
          const line = L.polyline([[0.8, 103.9], [0.8, 104.6]], {weight: 6}).addTo(map);
          line.on("click", () => window.clicked.push("line"));
          window.lineAt = map.latLngToContainerPoint([0.8, 104.3]);
        }"""
    )
    page.mouse.click(*page.evaluate(_CLIENT_POINT_JS, "21.01"))
    box = page.evaluate("() => document.querySelector('.leaflet-container').getBoundingClientRect().toJSON()")
    line_at = page.evaluate("() => [window.lineAt.x, window.lineAt.y]")
    page.mouse.click(box["x"] + line_at[0], box["y"] + line_at[1])
    assert page.evaluate("() => window.clicked") == ["21.01", "line"]


@pytest.mark.parametrize("renderer", ["overview"])
def test_a_large_layer_is_drawn_from_its_overview_until_the_reader_zooms_in(site: StaticSite, page: Any) -> None:
    def detail_requests() -> list[str]:
        return [path for _, path in site.requests if "/cache/regency-21-" in path and "-overview-" not in path]

    assert len(site.requested("/cache/regency-21-overview-")) == 1 and detail_requests() == []
    assert page.evaluate("() => window.riskmapLayer._map.getZoom()") < OVERVIEW_DETAIL_ZOOM
    assert page.evaluate(_BOUNDS_JS)["21.71"] == "103.915,0.915,104.185,1.185"  # the overview's

    page.evaluate(f"() => window.riskmapLayer._map.setZoom({OVERVIEW_DETAIL_ZOOM}, {{animate: false}})")
    page.wait_for_function("() => document.querySelector('.leaflet-container').dataset.riskmapDetail === 'full'")
    assert page.evaluate(_BOUNDS_JS) == {"21.71": "103.9,0.9,104.2,1.2", "21.72": "104.4,0.85,104.6,1",
                                         "21.01": "104.2,0.7,104.4,1.3"}
    assert len(detail_requests()) == 1
    page.evaluate("() => window.riskmapLayer._map.setZoom(8, {animate: false})")  # zooming out keeps the detail
    page.evaluate(f"() => window.riskmapLayer._map.setView([0.925, 104.5], {OVERVIEW_DETAIL_ZOOM + 1}, {{animate: false}})")
    assert len(detail_requests()) == 1 and painted(page)["21.72"] == "#a50f15"  # Tanjung Pinang, in view
