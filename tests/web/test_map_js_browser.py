"""The map's JavaScript (geo/web/js) in headless Chromium, on a static page served from a temp folder.

The page is the live map exactly as the app builds it (:func:`geo.web.render.build_live_map`),
with Leaflet from the installed xstatic-leaflet package and a tiny geometry file (and its
gzip twin) served by a local ``http.server`` that logs every request. No Streamlit: what
is tested is the browser side of restyling, hatching and prefetching.
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
from geo.web.layers import prepare_layer
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

_FILLS_JS = """
() => {
  const fills = {};
  window.riskmapLayer.eachLayer(layer => { fills[layer.feature.properties.code] = layer._path.getAttribute("fill"); });
  return fills;
}
"""


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


@pytest.fixture
def site(tmp_path: Path) -> Iterator[StaticSite]:
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
    folium_map = build_live_map(layer, url=url, tiles="none")
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
    assert page.evaluate(_FILLS_JS) == {"21.71": "#fee5d9", "21.72": "#a50f15", "21.01": "#d9d9d9"}
    assert page.evaluate("() => document.querySelector('.riskmap-legend-content').innerText") == "first"

    page.add_script_tag(content=Restyle(SECOND).script_text())  # what streamlit-folium evaluates on a rerun

    fills = page.evaluate(_FILLS_JS)
    assert fills["21.71"] == "#3182bd" and fills["21.01"] == "#deebf7"
    assert page.evaluate("() => document.querySelector('.leaflet-container').dataset.riskmapStyle") == "second"
    assert page.evaluate("() => document.querySelector('.riskmap-legend-content').innerText") == "second"
    assert len(site.requested("/app/static/cache/")) == 1, "restyling must not fetch the geometry again"


def test_suppressed_areas_get_the_hatch_pattern(page: Any) -> None:
    page.add_script_tag(content=Restyle(SECOND).script_text())
    assert page.evaluate(_FILLS_JS)["21.72"] == "url(#riskmap-suppressed-hatch)"
    ground, stripe = page.evaluate(
        "() => Array.from(document.querySelectorAll('svg #riskmap-suppressed-hatch rect')).map(r => r.getAttribute('fill'))"
    )
    assert (ground, stripe) == (SUPPRESSED_COLOUR, SUPPRESSED_HATCH)


def test_tooltips_show_escaped_names_as_text(page: Any) -> None:
    tooltip = page.evaluate(
        """() => {
          let target = null;
          window.riskmapLayer.eachLayer(layer => { if (layer.feature.properties.code === "21.72") target = layer; });
          target.openTooltip(target.getBounds().getCenter());
          return document.querySelector(".leaflet-tooltip").innerText;
        }"""
    )
    assert tooltip.startswith("Kota <b>Tanjung Pinang</b>\nKode 21.72")
