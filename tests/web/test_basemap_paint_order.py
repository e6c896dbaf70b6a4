"""Our own base never delays the areas (issue #10): the live map as a static page in headless Chromium.

The page is :func:`geo.web.render.build_live_map` with a tiny base file (one country, one
place name) and province outlines, served by a local ``http.server`` that hands out the
areas' file late, so the base's files are in the browser first. Drawn in arrival order,
land and outlines would come before the areas; the map must draw the areas first and the
base (and the ``auto`` basemap's one test tile) only after them, still without a timeout.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.web.assets import LEAFLET_SUBDIR, copy_leaflet_assets
from geo.web.layer_files import static_url, write_layer_file
from geo.web.layers import PreparedLayer, prepare_layer
from geo.web.render import build_live_map, restyle_group

pytestmark = pytest.mark.browser

AREAS_DELAY_S = 1.0
"""The areas' file is served this late: the base's files (asked for at the same moment) arrive first."""

CAMBODIA = (  # 1:50m: the map is framed on two small areas, closer than FINE_LAND_ZOOM
    '{"type":"Feature","properties":{"kind":"land","detail":"50m","id":"116","name":"Cambodia"},'
    '"geometry":{"type":"Polygon","coordinates":[[[102.3,13.5],[107.6,13.5],[107.6,10.4],[102.3,10.4],[102.3,13.5]]]}}'
)
SINGAPORE = '{"type":"Feature","properties":{"kind":"place","name":"Singapore","zoom":3},"geometry":{"type":"Point","coordinates":[103.85,1.29]}}'

# Records, in page time, when the first area, land and outline appear and when a tile is first asked for.
_RECORDER = """
window.riskmapOrder = {};
new MutationObserver(() => {
  const seen = window.riskmapOrder, now = performance.now();
  if (!seen.areas && document.querySelector('path.leaflet-interactive')) { seen.areas = now; }
  if (!seen.land && document.querySelector('path.riskmap-land')) { seen.land = now; }
  if (!seen.outlines && document.querySelector('path.riskmap-province-outline')) { seen.outlines = now; }
}).observe(document, {subtree: true, childList: true});
const imageSource = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src');
Object.defineProperty(HTMLImageElement.prototype, 'src', {
  get() { return imageSource.get.call(this); },
  set(value) {
    if (String(value).includes('tile.openstreetmap.org') && !window.riskmapOrder.tile) { window.riskmapOrder.tile = performance.now(); }
    imageSource.set.call(this, value);
  },
});
"""


def _handler(directory: str, *args: Any) -> SimpleHTTPRequestHandler:
    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            if "/cache/regency-" in self.path:
                time.sleep(AREAS_DELAY_S)
            super().do_GET()

        def log_message(self, *args: Any) -> None:  # quiet
            pass

    return Handler(*args, directory=directory)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """The live map (tiles ``auto``) of two areas with our base and province outlines, as a static page."""
    static = tmp_path / "app" / "static"
    copy_leaflet_assets(static / LEAFLET_SUBDIR)
    areas = prepare_layer(gpd.GeoDataFrame(
        {"code": ["21.71", "21.72"], "name": ["Kota Batam", "Kota Tanjung Pinang"]},
        geometry=[box(103.9, 0.9, 104.2, 1.2), box(104.4, 0.85, 104.6, 1.0)], crs="EPSG:4326",
    ), level="regency", within="21")
    provinces = prepare_layer(gpd.GeoDataFrame(
        {"code": ["21"], "name": ["Kepulauan Riau"]}, geometry=[box(103.2, -1.5, 109.0, 4.9)], crs="EPSG:4326",
    ), level="province", within=None)
    base = PreparedLayer(
        level="base", within="world", geojson='{"type":"FeatureCollection","features":[' + CAMBODIA + "," + SINGAPORE + "]}",
        bounds=(-180.0, -60.0, 180.0, 84.0), codes=(),
    )
    folium_map = build_live_map(
        areas, url=static_url(write_layer_file(areas, static)), tiles="auto",
        land_url=static_url(write_layer_file(base, static)),
        base_outlines_url=static_url(write_layer_file(provinces, static)),
    )
    folium_map.add_child(restyle_group({"key": "k", "fill": "#6c8ebf"}))  # as streamlit-folium adds it
    (tmp_path / "index.html").write_text(folium_map.get_root().render(), encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: _handler(str(tmp_path), *a))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_base_is_drawn_after_the_areas_and_the_test_tile_asked_for_after_them(browser: Any, site: str) -> None:
    context = browser.new_context(viewport={"width": 900, "height": 600})
    asked_for_tile: list[str] = []

    def no_tile_server(route: Any) -> None:  # offline, as on the test machine
        asked_for_tile.append(route.request.url)
        route.abort()

    context.route("https://tile.openstreetmap.org/**", no_tile_server)
    context.add_init_script(_RECORDER)
    page = context.new_page()
    try:
        page.goto(f"{site}/index.html")
        try:
            page.wait_for_function(
                "() => ['land', 'outlines', 'tile'].every(key => window.riskmapOrder[key])", timeout=60_000
            )
        except Exception:  # noqa: BLE001 - say what was drawn instead of a bare timeout
            pytest.fail(f"the base was not drawn: {page.evaluate('() => window.riskmapOrder')}")
        order = page.evaluate("() => window.riskmapOrder")
        assert order.get("areas") is not None, order
        assert order["areas"] < min(order["land"], order["outlines"], order["tile"]), order
        # …and not after a timeout the reader watches: the base follows within a moment.
        assert order["land"] - order["areas"] < 1000, order
        names = page.evaluate("() => Array.from(document.querySelectorAll('.riskmap-place')).map(e => e.textContent)")
        assert names == ["Singapore"]
        page.wait_for_timeout(500)
        assert asked_for_tile == ["https://tile.openstreetmap.org/0/0/0.png"]  # one test tile
        assert page.evaluate("() => document.querySelectorAll('img.leaflet-tile').length") == 0  # no failed tile
    finally:
        context.close()
