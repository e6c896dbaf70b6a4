"""The Map page in headless Chromium: polygons drawn offline, drill-down by click, no CDN requests."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo.web.render import TILE_HOSTS

pytestmark = pytest.mark.browser

DRAW_TIMEOUT_MS = 120_000
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def map_frame(page, timeout_s: float = 120.0):  # type: ignore[no-untyped-def]
    """The streamlit_folium component's iframe (it appears once the page script reaches the map)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" in frame.url:
                return frame
        page.wait_for_timeout(250)
    raise AssertionError("no streamlit_folium iframe on the page")


def wait_for_paths(page, minimum: int, maximum: int = 1_000_000):  # type: ignore[no-untyped-def]
    """Wait until the map iframe shows ``minimum``..``maximum`` interactive Leaflet paths; return the frame.

    The maximum tells a new view from the previous one still on screen after a click.
    """
    deadline = time.monotonic() + DRAW_TIMEOUT_MS / 1000
    while True:
        frame = map_frame(page)
        try:
            frame.wait_for_function(
                "([low, high]) => { const n = document.querySelectorAll('path.leaflet-interactive').length;"
                " return n >= low && n <= high; }",
                arg=[minimum, maximum],
                timeout=5_000,
            )
            return frame
        except Exception:
            # The component iframe is replaced when the view changes: look it up again.
            if time.monotonic() > deadline:
                count = frame.evaluate("document.querySelectorAll('path.leaflet-interactive').length")
                raise AssertionError(f"{count} Leaflet paths, expected {minimum}..{maximum}") from None


def wait_for_framed(frame) -> None:  # type: ignore[no-untyped-def]
    """Wait until the map has framed its areas with data and placed its legend (js/legend_place.js), once."""
    frame.wait_for_function(
        "!!document.querySelector('.leaflet-container').getAttribute('data-riskmap-legend')", timeout=60_000
    )


def path_count(frame) -> int:  # type: ignore[no-untyped-def]
    return int(frame.evaluate("document.querySelectorAll('path.leaflet-interactive').length"))


def assert_only_local_or_tile_requests(requests: list[str]) -> None:
    foreign = []
    for url in requests:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https", "ws", "wss"):
            continue  # data:, blob:, about:
        host = parsed.hostname or ""
        if host in LOCAL_HOSTS or any(host == tile or host.endswith("." + tile) for tile in TILE_HOSTS):
            continue
        foreign.append(url)
    assert not foreign, f"requests left localhost: {foreign[:10]}"


def click_area(page, code: str) -> None:  # type: ignore[no-untyped-def]
    """Click the polygon of area ``code`` in the map iframe (a DOM click on its SVG path)."""
    frame = map_frame(page)
    found = frame.evaluate(
        """(code) => {
            for (const id in window.map._layers) {
                const layer = window.map._layers[id];
                if (layer.feature && layer.feature.properties.code === code && layer._path
                    && layer.options.interactive !== false) {
                    layer._path.setAttribute("data-code", code);
                    return true;
                }
            }
            return false;
        }""",
        code,
    )
    assert found, f"no polygon for {code}"
    frame.locator(f'path[data-code="{code}"]').first.dispatch_event("click")


def wait_for_query(page, **expected: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        query = {key: values[-1] for key, values in parse_qs(urlparse(page.url).query).items()}
        if all(query.get(key) == value for key, value in expected.items()):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"URL {page.url} never matched {expected}")


def test_national_regencies_draw_offline(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/?level=regency")
    frame = wait_for_paths(page, 500)
    assert path_count(frame) >= 500
    assert page.get_by_text(re.compile(r"514 wilayah \(Kabupaten/Kota\) di Indonesia")).count() == 1
    # The table and its sources are sent after the map, so under load they may arrive a moment later.
    page.get_by_text(re.compile(r"Kepmendagri No 300\.2\.2-2138 Tahun 2025")).first.wait_for(timeout=60_000)
    leaflet_requests = [url for url in recorded_page.requests if url.endswith("/app/static/vendor/leaflet/leaflet.js")]
    assert leaflet_requests, "Leaflet must come from the app's static serving"
    assert_only_local_or_tile_requests(recorded_page.requests)


def test_villages_of_kepulauan_riau(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/?level=village&area=21")
    frame = wait_for_paths(page, 400)
    assert path_count(frame) >= 400
    assert_only_local_or_tile_requests(recorded_page.requests)


def test_no_basemap_draws_province_outlines_and_no_tile_requests(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/?level=regency&area=21&tiles=none&lang=en")
    frame = wait_for_paths(page, 7)
    # Kepri's regencies are interactive; the 38 province outlines underneath are not (they
    # may arrive a moment after the regencies, so wait for them rather than count once).
    frame.wait_for_function("document.querySelectorAll('path:not(.leaflet-interactive)').length >= 38", timeout=30_000)
    assert frame.evaluate("document.querySelectorAll('img.leaflet-tile').length") == 0
    assert page.get_by_text("Area map").count() >= 1
    hosts = {urlparse(url).hostname for url in recorded_page.requests if url.startswith("http")}
    assert hosts <= LOCAL_HOSTS, hosts


def test_drill_down_by_click_and_breadcrumb_back(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/?level=province&tiles=none")
    wait_for_paths(page, 38)

    click_area(page, "21")
    wait_for_query(page, level="regency", area="21")
    frame = wait_for_paths(page, 7, 7)  # only Kepri's 7 regencies/cities now
    assert path_count(frame) == 7

    click_area(page, "21.71")
    wait_for_query(page, level="district", area="21.71")
    wait_for_paths(page, 12, 30)  # Kota Batam's districts
    assert page.get_by_text(re.compile(r"wilayah \(Kecamatan\) di Kota Batam")).count() == 1

    # A reload keeps the view (it lives in the URL).
    page.reload()
    wait_for_query(page, level="district", area="21.71")
    wait_for_paths(page, 12, 30)

    page.get_by_role("button", name=re.compile("Kepulauan Riau")).click()
    wait_for_query(page, level="district", area="21")
    wait_for_paths(page, 50)
    assert_only_local_or_tile_requests(recorded_page.requests)


def test_invalid_level_shows_message_and_national_view(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/?level=foo")
    wait_for_paths(page, 38)
    message = re.compile(r"Tautan ini diperbaiki: level='foo' tidak dikenal .*; memakai province\.")
    page.get_by_text(message).wait_for(timeout=60_000)
    assert page.get_by_text(message).count() == 1
    # The message stays once the controls have joined the map (the URL was corrected before).
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.wait_for(timeout=60_000)
    assert page.get_by_text(message).count() == 1
    assert page.get_by_text("Traceback").count() == 0


def test_the_map_comes_first_and_the_controls_join_it_without_rebuilding_it(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    map_documents: list[str] = []
    page.on("framenavigated", lambda frame: map_documents.append(frame.url) if "streamlit_folium" in frame.url else None)
    page.goto(f"{app_url}/?level=regency&area=21&lang=en")
    frame = wait_for_paths(page, 7, 7)
    frame.evaluate("window.riskmapMarker = 'first map'")
    # The controls, the table and the sidebar follow a moment later (geo.app.ui.start_run) ...
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.wait_for(timeout=60_000)
    page.get_by_text("Areas in view", exact=True).wait_for(timeout=60_000)
    page.locator('[data-testid="stRadio"]').first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # and nothing else reruns after them
    # ... into the same map: one component document, one download of the view's geometry
    # (besides our own base's land and province outlines, shared by every view).
    assert len(map_documents) == 1, map_documents
    assert map_frame(page).evaluate("window.riskmapMarker") == "first map"
    assert sum("/app/static/cache/regency-21-" in url for url in recorded_page.requests) == 1
    assert path_count(map_frame(page)) == 7


def test_clicking_a_village_selects_it_and_the_map_keeps_its_view(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/?level=village&area=21.71.01&tiles=none")
    frame = wait_for_paths(page, 3)
    wait_for_framed(frame)  # the map frames itself once on the areas with data; the reader's view comes after
    frame.evaluate("window.map.setView([1.13, 104.05], 13)")
    code = frame.evaluate(
        "(() => { for (const id in window.map._layers) { const l = window.map._layers[id];"
        " if (l.feature && l._path && l.options.interactive !== false) { return l.feature.properties.code; } }"
        " return null; })()"
    )
    assert code and code.startswith("21.71.01.")
    click_area(page, code)
    page.get_by_text(re.compile(rf"Dipilih: .+ \({re.escape(code)}\)\.")).wait_for(timeout=60_000)
    # Same view, same JavaScript: the component is not rebuilt, so the zoom the user chose stays.
    assert map_frame(page).evaluate("window.map.getZoom()") == 13
    wait_for_query(page, level="village", area="21.71.01")


def test_a_province_of_villages_is_painted_from_its_overview_and_a_click_on_the_canvas_selects_one(  # type: ignore[no-untyped-def]
    app_url: str, recorded_page
) -> None:
    page = recorded_page.page
    page.goto(f"{app_url}/?level=village&area=35&tiles=none")
    frame = map_frame(page)
    frame.wait_for_function("(document.querySelector('.leaflet-container') || {dataset: {}}).dataset.riskmapAreas === '8494'",
                            timeout=DRAW_TIMEOUT_MS)
    # Jawa Timur's 8,494 villages: one canvas, no SVG path per village, and the overview only.
    assert path_count(frame) == 0
    assert frame.evaluate("document.querySelectorAll('.leaflet-riskmapAreas-pane canvas').length") == 1
    village_files = [url for url in recorded_page.requests if "/app/static/cache/village-35-" in url]
    assert village_files and all("-overview-" in url for url in village_files), village_files

    frame.evaluate("window.map.setView([-7.98, 112.63], 11)")  # Malang: the full geometry replaces the overview
    frame.wait_for_function("document.querySelector('.leaflet-container').dataset.riskmapDetail === 'full'",
                            timeout=60_000)
    assert any("-overview-" not in url for url in recorded_page.requests if "/app/static/cache/village-35-" in url)

    box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text(re.compile(r"Dipilih: .+ \(35\.\d\d\.\d\d\.\d{4}\)\.")).wait_for(timeout=60_000)
    assert map_frame(page).evaluate("window.map.getZoom()") == 11  # the reader's view stays


def test_language_switch_in_the_sidebar(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    page.goto(f"{app_url}/?level=province")
    wait_for_paths(page, 38)
    page.get_by_text("Peta wilayah").first.wait_for()
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="English").click()
    page.get_by_text("Area map").first.wait_for(timeout=60_000)
    wait_for_query(page, lang="en", level="province")
    page.get_by_text(re.compile(r"Boundaries & area codes: cahyadsn")).first.wait_for(timeout=60_000)
    wait_for_paths(page, 38)
    # The About page keeps the language and shows the attribution and data vintage.
    page.get_by_role("link", name="About & method").click()
    page.get_by_text("About this map & its method").wait_for(timeout=60_000)
    vintage = page.get_by_text(re.compile(r"Kepmendagri\) No 300\.2\.2-2138 of 2025"))
    vintage.first.wait_for(timeout=60_000)
    assert vintage.count() == 1
    assert_only_local_or_tile_requests(recorded_page.requests)


# --------------------------------------------------------------------------- choropleth (issue 4)

_FILLS_JS = """() => Array.from(document.querySelectorAll('path.leaflet-interactive'))
    .map(p => p.getAttribute('fill'))"""
_STYLE_KEY_JS = "() => window.map.getContainer().getAttribute('data-riskmap-style') || ''"


def sample_dataset_ids() -> str:
    """Ids of the sample datasets in the server's store (created, not activated, when missing)."""
    from geo.data.sample import sample_datasets
    from geo.data.store import Store

    store = Store()
    ids: dict[str, int] = {}
    for info in store.list_datasets():
        if info.is_sample and info.kind not in ids:
            ids[info.kind] = info.id
    if len(ids) < 2:
        for dataset in sample_datasets():
            if dataset["kind"] not in ids:
                ids[dataset["kind"]] = store.save_dataset(**{**dataset, "activate": False})
    return f"{ids['migration']},{ids['cases']}"


def wait_for_style(frame, previous: str = "") -> str:  # type: ignore[no-untyped-def]
    """Wait until the map has applied a style payload other than ``previous``; return its key."""
    frame.wait_for_function(
        "(previous) => { const key = window.map && window.map.getContainer().getAttribute('data-riskmap-style');"
        " return key && key !== previous && window.riskmapLoaded; }",
        arg=previous,
        timeout=DRAW_TIMEOUT_MS,
    )
    return str(frame.evaluate(_STYLE_KEY_JS))


def wait_for_settled_view(page, frame) -> list[float]:  # type: ignore[no-untyped-def]
    """Centre and zoom once the map stops moving (it fits its bounds once the iframe has its size)."""
    script = "[window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]"
    previous = frame.evaluate(script)
    for _ in range(40):
        page.wait_for_timeout(500)
        current = frame.evaluate(script)
        if current == previous:
            return current
        previous = current
    raise AssertionError("the map never stopped moving")


def choose_option(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Pick ``option`` in the Streamlit selectbox labelled ``label``."""
    # A rerun arriving just as the box opens (the controls' second run under load) closes it
    # again: open it once more rather than wait for an option that is no longer listed.
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first.click()
        try:
            choice.wait_for(timeout=10_000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    choice.click()


def test_drill_to_kota_batam_villages_by_clicking_with_a_choropleth(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    ids = sample_dataset_ids()
    page.goto(f"{app_url}/?level=province&tiles=none&dataset={ids}&indicator=cases&period=all")
    frame = wait_for_paths(page, 38)
    wait_for_style(frame)
    fills = frame.evaluate(_FILLS_JS)
    assert len(set(fills)) >= 3, fills  # classes plus "no data"
    assert page.get_by_text(re.compile("DATA CONTOH")).count() >= 1  # the sample label

    click_area(page, "21")
    wait_for_query(page, level="regency", area="21")
    frame = wait_for_paths(page, 7, 7)
    click_area(page, "21.71")
    wait_for_query(page, level="district", area="21.71")
    wait_for_paths(page, 12, 30)
    page.get_by_text("Desa/Kelurahan", exact=True).click()
    wait_for_query(page, level="village", area="21.71")
    frame = wait_for_paths(page, 50, 80)  # Kota Batam's kelurahan only
    wait_for_style(frame)
    fills = frame.evaluate(_FILLS_JS)
    assert len(set(fills)) >= 3, fills
    legend = frame.evaluate("document.querySelector('.riskmap-legend').innerText")
    assert "Kasus perdagangan orang" in legend and "Tidak ada data" in legend
    assert page.get_by_text(re.compile(r"wilayah \(Desa/Kelurahan\) di Kota Batam")).count() == 1
    assert dict(parse_qs(urlparse(page.url).query))["indicator"] == ["cases"]  # the choice survives drilling
    assert_only_local_or_tile_requests(recorded_page.requests)


def test_switching_the_indicator_recolours_without_losing_the_view(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    ids = sample_dataset_ids()
    page.goto(f"{app_url}/?level=regency&tiles=none&dataset={ids}&indicator=migrants&period=all")
    frame = wait_for_paths(page, 500)
    key = wait_for_style(frame)
    before = frame.evaluate(_FILLS_JS)
    wait_for_framed(frame)
    wait_for_settled_view(page, frame)
    frame.evaluate("window.map.setView([-3.0, 110.0], 6, {animate: false}); window.riskmapMarker = 'same map';")
    centre_before = wait_for_settled_view(page, frame)
    assert centre_before == [-3, 110, 6]

    choose_option(page, "Indikator", "Kasus perdagangan orang")
    wait_for_query(page, indicator="cases")
    frame = map_frame(page)
    wait_for_style(frame, key)
    after = frame.evaluate(_FILLS_JS)
    assert len(after) == len(before) >= 500
    changed = sum(1 for a, b in zip(before, after, strict=True) if a != b)
    assert changed >= 50, f"only {changed} areas changed colour"
    # Same map object (not rebuilt), same centre and zoom.
    assert frame.evaluate("window.riskmapMarker") == "same map"
    assert frame.evaluate("[window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]") == centre_before
    assert frame.evaluate("document.querySelector('.riskmap-legend').innerText").startswith("Kasus perdagangan orang")


def test_hostile_names_never_reach_the_page_unescaped(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{app_url}/?level=province&tiles=none&indicator=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&lang=en")
    wait_for_paths(page, 38)
    page.get_by_text(re.compile(r"indicator='<img src=x onerror=alert\(1\)>' is not known")).wait_for(timeout=60_000)
    assert dialogs == []


def test_exported_html_draws_offline_from_a_file(browser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from geo.web.mapview import export_map_html
    from geo.web.viewstate import View

    ids = tuple(int(i) for i in sample_dataset_ids().split(","))
    path = tmp_path / "kepri.html"
    path.write_text(export_map_html(View(level="regency", area="21", datasets=ids, indicator="cases", period="all")),
                    encoding="utf-8")
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(path.as_uri())
        page.wait_for_function("() => document.querySelectorAll('path.leaflet-interactive').length === 7",
                               timeout=30_000)
        fills = page.evaluate(_FILLS_JS)
        assert len(set(fills)) >= 2
        assert "Kasus perdagangan orang" in page.locator(".riskmap-legend").inner_text()
        assert "DATA CONTOH" in page.locator("#riskmap-header").inner_text()
        assert all(url.startswith(("file:", "data:")) for url in requests), requests
    finally:
        context.close()


def test_suppressed_areas_are_hatched_like_the_legend(browser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from geo.analysis.palettes import NO_DATA_COLOUR, SUPPRESSED_COLOUR
    from geo.web import render
    from geo.web.layers import cached_layer

    layer = cached_layer("regency", "21")
    payload = {
        "key": "hatch", "colours": ["#fee5d9", "#a50f15"], "no_data": NO_DATA_COLOUR, "suppressed": SUPPRESSED_COLOUR,
        "areas": {"21.71": [1, "120", "1 dari 2"], "21.01": [-2, "", ""]},
        "legend": "", "labels": {"code": "Kode", "value": "Kasus", "rank": "Peringkat", "source": "Sumber",
                                 "no_data": "Tidak ada data", "suppressed": "Disembunyikan"},
    }
    path = tmp_path / "hatch.html"
    path.write_text(render.standalone_map_html(layer, payload=payload), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    try:
        page.goto(path.as_uri())
        page.wait_for_function("() => document.querySelectorAll('path.leaflet-interactive').length === 7", timeout=30_000)
        fills = page.evaluate(_FILLS_JS)
        assert fills.count("url(#riskmap-suppressed-hatch)") == 1, fills
        assert fills.count("#a50f15") == 1 and fills.count(NO_DATA_COLOUR) == 5, fills
        ground, stripe = page.evaluate(
            "() => Array.from(document.querySelectorAll('svg #riskmap-suppressed-hatch rect')).map(r => r.getAttribute('fill'))"
        )
        assert (ground, stripe) == (SUPPRESSED_COLOUR, "#ffffff")
    finally:
        context.close()
