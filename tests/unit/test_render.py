"""geo.web.render, layers, layer_files, elements: offline assets, escaping, rounding, caching, files.

What the map's JavaScript does in a browser (restyle, hatching, prefetch) is tested in
tests/web/test_map_js_browser.py; here: what Python hands to the browser.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import geopandas as gpd
import numpy as np
import pytest
import streamlit_folium
from shapely.geometry import MultiPolygon, Polygon, box

import geo.data.boundaries
from geo.web import layer_files, render
from geo.web.assets import LEAFLET_FILES, copy_leaflet_assets, leaflet_urls, web_file
from geo.web.escape import html_escape
from geo.web.layers import CANVAS_FROM_AREAS, PreparedLayer, cached_layer, overview_of, prepare_layer
from geo.web.render import ATTRIBUTION_HOSTS, TILE_HOSTS, build_live_map, external_urls, restyle_group

HOSTILE = "<img src=x onerror=alert(1)>"
ROOT = Path(__file__).resolve().parents[2]
URL = "/app/static/cache/x.json"


def hand_made_layer() -> gpd.GeoDataFrame:
    """Three areas, one with a hostile name, one multipolygon, one empty geometry."""
    return gpd.GeoDataFrame(
        {
            "code": ["21.71", "21.72", "21.01"],
            "name": [HOSTILE, "Kota \"Tanjung Pinang\" & 'pulau'", "Kabupaten Bintan"],
        },
        geometry=[
            Polygon([(103.912345678, 1.012345678), (104.2, 1.0), (104.2, 1.2), (103.9, 1.2)]),
            MultiPolygon([box(104.4, 0.85, 104.5, 0.95), box(104.52, 0.9, 104.55, 0.93)]),
            Polygon(),
        ],
        crs="EPSG:4326",
    )


def prepared() -> PreparedLayer:
    return prepare_layer(hand_made_layer(), level="regency", within="21")


def component_payload(folium_map: Any, monkeypatch: pytest.MonkeyPatch, **options: Any) -> dict[str, Any]:
    """What st_folium sends to its browser component (script, header, html, js_links, css_links, feature_group)."""
    captured: dict[str, Any] = {}

    def fake_component(**kwargs: Any) -> Any:
        captured.update(kwargs)
        return kwargs["default"]

    monkeypatch.setattr(streamlit_folium, "_component_func", fake_component)
    streamlit_folium.st_folium(folium_map, returned_objects=["last_active_drawing"], **options)
    return captured


def hosts(urls: list[str]) -> set[str]:
    return {urlparse(url.rstrip("\\")).hostname or "" for url in urls}


def is_allowed_host(host: str) -> bool:
    return any(host == allowed or host.endswith("." + allowed) for allowed in (*TILE_HOSTS, *ATTRIBUTION_HOSTS))


STYLE_PAYLOAD = {
    "key": "k1",
    "colours": ["#fee5d9", "#fb6a4a", "#a50f15"],
    "no_data": "#d9d9d9",
    "suppressed": "#969696",
    "areas": {"21.71": [2, "1.234", "1 dari 2"], "21.72": [-2, "", ""]},
    "parents": {"21": html_escape(HOSTILE)},
    "legend": '<div class="riskmap-legend">x</div>',
    "source": html_escape("Sample <b>v1</b>"),
    "labels": {"code": "Kode", "value": "Kasus", "rank": "Peringkat", "source": "Sumber", "no_data": "Tidak ada data",
               "suppressed": "Disembunyikan"},
}


# --------------------------------------------------------------------------- prepare_layer


def test_prepared_geojson_has_rounded_coordinates_escaped_names_and_no_empty_features() -> None:
    layer = prepared()
    collection = json.loads(layer.geojson)
    assert [feature["properties"]["code"] for feature in collection["features"]] == ["21.71", "21.72"]
    assert layer.codes == ("21.71", "21.72")
    assert collection["features"][0]["properties"]["name"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert HOSTILE not in layer.geojson
    assert collection["features"][1]["geometry"]["type"] == "MultiPolygon"
    numbers = re.findall(r"-?\d+\.\d+", layer.geojson.split('"geometry"', 1)[1])
    assert numbers and all(len(number.split(".")[1]) <= 5 for number in numbers)
    assert "103.91235" in layer.geojson and "1.01235" in layer.geojson
    assert layer.bounds == (103.9, 0.85, 104.55, 1.2)
    assert layer.nbytes == len(layer.geojson.encode())


def test_prepare_layer_reprojects_and_leaves_the_input_unchanged() -> None:
    projected = hand_made_layer().to_crs("EPSG:3857")
    before = projected.copy()
    assert prepare_layer(projected).bounds == pytest.approx((103.9, 0.85, 104.55, 1.2), abs=1e-5)
    assert projected.equals(before)


def test_empty_layer_fits_indonesia() -> None:
    empty = prepare_layer(hand_made_layer().iloc[[2]])
    assert empty.count == 0
    assert json.loads(empty.geojson) == {"type": "FeatureCollection", "features": []}
    html = build_live_map(empty, url=URL, tiles="none").get_root().render()
    assert "[[-11.1, 94.9], [6.1, 141.1]]" in html


def test_live_map_fits_the_bounds_it_is_given() -> None:
    html = build_live_map(prepared(), url=URL, tiles="none", bounds=(95.0, -8.0, 120.0, 12.0)).get_root().render()
    assert "[[-8.0, 95.0], [12.0, 120.0]]" in html


# --------------------------------------------------------------------------- offline assets


@pytest.mark.parametrize("tiles", ["auto", "osm", "carto", "none"])
def test_component_links_and_script_load_nothing_from_a_cdn(tiles: str, monkeypatch: pytest.MonkeyPatch) -> None:
    outlines = "/app/static/cache/p.json" if tiles == "none" else None
    folium_map = build_live_map(prepared(), url=URL, tiles=tiles, base_outlines_url=outlines)
    payload = component_payload(folium_map, monkeypatch, feature_group_to_add=restyle_group(STYLE_PAYLOAD))
    urls = leaflet_urls()
    prefetch, *leaflet = payload["js_links"]
    assert prefetch.startswith("data:text/javascript") and leaflet == [urls.js]
    assert payload["css_links"] == [urls.css]
    found = external_urls(payload["script"] + payload["header"] + payload["html"] + payload["feature_group"])
    if tiles == "none":
        assert found == []
    else:
        assert found, "tile URL and attribution expected"
        assert all(is_allowed_host(host) for host in hosts(found)), found
        tile_urls = [url for url in found if "{z}" in url]
        assert len(tile_urls) == 1 and hosts(tile_urls) <= set(TILE_HOSTS) | {"{s}.basemaps.cartocdn.com"}
    assert "jquery" not in payload["script"].lower() and "$(document)" not in payload["script"]
    assert "d3" not in " ".join(payload["js_links"])


def test_component_script_calls_each_element_once_with_the_map(monkeypatch: pytest.MonkeyPatch) -> None:
    payload = component_payload(
        build_live_map(prepared(), url=URL, tiles="none", base_outlines_url="/app/static/cache/p.json"), monkeypatch
    )
    script = payload["script"]
    # streamlit-folium renames the map to map_div; every element is called with it.
    assert "window.riskmapOutlines(map_div," in script and "window.riskmapChoropleth(map_div," in script
    assert "window.riskmapOwnBase(map_div," in script and "window.riskmapWheelAfterFocus(map_div)" in script
    assert script.index("window.riskmapOwnBase(") < script.index("window.riskmapOutlines(")  # land under the outlines
    assert script.index("window.riskmapOutlines(") < script.index("window.riskmapChoropleth(")  # outlines under
    assert ".riskmap-legend" in payload["header"]  # the one legend stylesheet travels with the map


@pytest.mark.parametrize("tiles", ["osm", "none"])
def test_standalone_html_inlines_leaflet_and_loads_nothing_from_a_cdn(tiles: str) -> None:
    page = render.standalone_map_html(prepared(), payload=STYLE_PAYLOAD, tiles=tiles)
    assert re.findall(r"<(?:script|link)[^>]+(?:src|href)=.?https?://", page) == []
    for cdn in ("cdn.jsdelivr.net", "code.jquery.com", "cdnjs.cloudflare.com", "bootstrapcdn", "d3js.org"):
        assert cdn not in page
    # (Leaflet's inlined code names a few sites in comments and SVG namespaces; nothing is loaded from them.)
    tiles_used = [url for url in external_urls(page) if "{z}" in url]
    assert len(tiles_used) == (1 if tiles == "osm" else 0)


def test_asset_urls_follow_the_base_url_path() -> None:
    folium_map = build_live_map(prepared(), url=URL, tiles="none", assets=leaflet_urls("riskmap"))
    assert '<script src="/riskmap/app/static/vendor/leaflet/leaflet.js"></script>' in folium_map.get_root().render()


def test_leaflet_files_are_copied_idempotently(tmp_path: Any) -> None:
    written = copy_leaflet_assets(tmp_path)
    assert sorted(path.relative_to(tmp_path).as_posix() for path in written) == sorted(LEAFLET_FILES)
    assert (tmp_path / "leaflet.js").read_bytes().startswith(b"/*")
    assert copy_leaflet_assets(tmp_path) == []
    (tmp_path / "leaflet.css").write_text("tampered")
    assert copy_leaflet_assets(tmp_path) == [tmp_path / "leaflet.css"]
    assert not list(tmp_path.glob("**/*.part"))


def test_unknown_basemap_is_rejected() -> None:
    with pytest.raises(ValueError, match="Unknown basemap"):
        build_live_map(prepared(), url=URL, tiles="google")


# --------------------------------------------------------------------------- JavaScript, CSS and HTML live in files


def test_web_files_ship_with_the_package() -> None:
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["geo"]
    web = ROOT / "geo" / "web"
    shipped = {path.relative_to(web.parent).as_posix() for pattern in package_data for path in web.parent.glob(pattern)}
    files = {path.relative_to(web.parent).as_posix() for folder in ("js", "css", "templates")
             for path in (web / folder).iterdir()}
    assert files and files <= shipped


def test_no_javascript_or_css_is_written_in_python_strings() -> None:
    for module in (ROOT / "geo" / "web").glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "function (" not in text and "L.geoJSON" not in text, module.name
        assert "box-shadow" not in text and "<style>" not in text, module.name


def test_one_legend_stylesheet_for_every_legend() -> None:
    css = web_file("css/legend.css")
    for selector in (".riskmap-legend", ".riskmap-flow-legend", ".riskmap-legend-swatch", ".riskmap-legend-note"):
        assert selector in css
    # the exported page and the live map both carry it
    page = render.standalone_map_html(prepared(), payload=STYLE_PAYLOAD)
    live = build_live_map(prepared(), url=URL, tiles="osm").get_root().render()
    assert page.count(css.strip()[:80]) == 1 and live.count(css.strip()[:80]) == 1


def test_the_gzip_suffix_of_the_files_is_the_one_the_page_asks_for() -> None:
    assert f'url + "{layer_files.GZIP_SUFFIX}"' in web_file("js/fetch_json.js")


# --------------------------------------------------------------------------- escaping


def test_hostile_texts_reach_the_page_only_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    page = render.standalone_map_html(
        prepared(), payload=STYLE_PAYLOAD, title=HOSTILE, notes=["Sumber: <script>x</script>"], sample_notes=[HOSTILE]
    )
    assert HOSTILE not in page and "<script>x</script>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "Kota &quot;Tanjung Pinang&quot; &amp; &#x27;pulau&#x27;" in page


def test_script_json_cannot_close_the_script_element() -> None:
    page = render.standalone_map_html(prepared(), payload={**STYLE_PAYLOAD, "legend": "</script><script>alert(1)"})
    assert "</script><script>alert(1)" not in page


def test_payload_colours_are_checked() -> None:
    for bad in ({"colours": ["red;background:url(x)"]}, {"no_data": "url(x)"}, {"fill": "#12345g"}):
        with pytest.raises(ValueError, match="hex colour"):
            restyle_group({**STYLE_PAYLOAD, **bad})


# --------------------------------------------------------------------------- caching


def test_cached_layer_prepares_each_view_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str | None]] = []

    def fake_display_layer(level: str, within: str | None = None) -> gpd.GeoDataFrame:
        calls.append((level, within))
        return hand_made_layer()

    monkeypatch.setattr(geo.data.boundaries, "display_layer", fake_display_layer)
    cached_layer.cache_clear()
    try:
        first = cached_layer("regency", "21")
        assert cached_layer("regency", "21") is first
        assert isinstance(first, PreparedLayer) and (first.level, first.within) == ("regency", "21")
        cached_layer("district", "21")
        assert calls == [("regency", "21"), ("district", "21")]
        # Two maps from the cached layer: the folium Map itself is never cached.
        assert build_live_map(first, url=URL, tiles="none") is not build_live_map(first, url=URL, tiles="none")
    finally:
        cached_layer.cache_clear()


# --------------------------------------------------------------------------- live map + restyle


def test_live_map_script_fetches_geometry_and_is_the_same_for_every_style(monkeypatch: pytest.MonkeyPatch) -> None:
    layer = prepared()
    url = layer_files.static_url(layer_files.layer_file_name(layer))
    first = component_payload(build_live_map(layer, url=url, tiles="none"), monkeypatch,
                              feature_group_to_add=restyle_group(STYLE_PAYLOAD))
    assert url in first["script"] and url.startswith("/app/static/cache/regency-21-")
    assert "Kabupaten Bintan" not in first["script"], "geometry must not travel with the component script"
    assert '"21.71"' not in first["script"]  # values travel only with the restyle group
    # A second build (another rerun, another style) gives the same component key: streamlit-folium keeps the map.
    second = component_payload(build_live_map(layer, url=url, tiles="none"), monkeypatch,
                               feature_group_to_add=restyle_group({**STYLE_PAYLOAD, "key": "k2"}))
    assert first["key"] == second["key"] and first["script"] == second["script"]
    assert first["feature_group"] != second["feature_group"]


def test_large_layers_are_drawn_on_a_canvas_from_the_threshold_the_map_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def canvas_from(folium_map: Any) -> int:
        script = component_payload(folium_map, monkeypatch)["script"]
        found = re.search(r'"canvas_from":\s*(-?\d+)', script)
        assert found, "the choropleth's options must carry canvas_from"
        return int(found.group(1))

    assert canvas_from(build_live_map(prepared(), url=URL, tiles="none")) == CANVAS_FROM_AREAS
    assert canvas_from(build_live_map(prepared(), url=URL, tiles="none", canvas_from=0)) == 0
    assert 514 < CANVAS_FROM_AREAS <= 8494  # the 514 regencies keep SVG paths; Jawa Timur's villages go on a canvas


def test_restyle_group_sends_only_the_payload(monkeypatch: pytest.MonkeyPatch) -> None:
    captured = component_payload(build_live_map(prepared(), url=URL, tiles="none"), monkeypatch,
                                 feature_group_to_add=restyle_group(STYLE_PAYLOAD))
    group_script = captured["feature_group"]
    assert 'window.riskmapRestyle({"key":"k1",' in group_script
    assert HOSTILE not in group_script and "&lt;img src=x onerror=alert(1)&gt;" in group_script
    assert "Kabupaten Bintan" not in group_script and "coordinates" not in group_script


def test_live_map_starts_the_geometry_download_before_leaflet_loads() -> None:
    folium_map = build_live_map(prepared(), url=URL, tiles="none", base_outlines_url="/app/static/cache/p.json")
    (first_name, first), (second_name, _) = folium_map.default_js
    assert first_name == "riskmap_geometry" and second_name == "leaflet"
    started = unquote(first.split(",", 1)[1])
    assert web_file("js/fetch_json.js") in started and web_file("js/prefetch.js") in started
    assert started.endswith(
        'window.riskmapPrefetch(["/app/static/cache/x.json","/app/static/cache/p.json"],["/app/static/vendor/leaflet/leaflet.css"]);'
    )  # Leaflet's stylesheet is linked with it: framing the areas needs it


# --------------------------------------------------------------------------- layer files


def test_layer_file_is_written_once_atomically_with_a_content_hash(tmp_path: Any) -> None:
    layer = prepare_layer(hand_made_layer(), level="village", within="21.71")
    name = layer_files.write_layer_file(layer, tmp_path)
    path = tmp_path / layer_files.CACHE_SUBDIR / name
    assert json.loads(path.read_text())["features"][0]["properties"]["name"] == html_escape(HOSTILE)
    stamp = path.stat().st_mtime_ns
    assert layer_files.write_layer_file(layer, tmp_path) == name and path.stat().st_mtime_ns == stamp
    assert not list((tmp_path / layer_files.CACHE_SUBDIR).glob("*.part"))
    other = prepare_layer(hand_made_layer().iloc[:1], level="village", within="21.71")
    assert layer_files.layer_file_name(other) != name


def test_layer_file_has_a_gzip_twin_with_the_same_content(tmp_path: Any) -> None:
    import gzip

    layer = prepare_layer(hand_made_layer(), level="village", within="21.71")
    name = layer_files.write_layer_file(layer, tmp_path)
    folder = tmp_path / layer_files.CACHE_SUBDIR
    twin = folder / (name + layer_files.GZIP_SUFFIX)
    assert gzip.decompress(twin.read_bytes()) == (folder / name).read_bytes()
    assert layer_files.layer_files_present(name, tmp_path)
    twin.unlink()  # e.g. a cache written by an older version: both are written again
    assert not layer_files.layer_files_present(name, tmp_path)
    assert layer_files.write_layer_file(layer, tmp_path) == name and layer_files.layer_files_present(name, tmp_path)


def test_older_builds_of_the_same_layer_are_pruned_once_stale(tmp_path: Any) -> None:
    import time

    folder = tmp_path / layer_files.CACHE_SUBDIR
    folder.mkdir()
    old = time.time() - layer_files.STALE_LAYER_FILE_AGE_S - 60
    stale = [folder / "village-2171-00000000000000aa.json", folder / "village-2171-00000000000000aa.json.gz"]
    recent = folder / "village-2171-00000000000000bb.json"
    other_area = folder / "village-217101-00000000000000cc.json"
    for path in [*stale, recent, other_area]:
        path.write_text("{}")
    for path in [*stale, other_area]:
        os.utime(path, (old, old))
    name = layer_files.write_layer_file(prepare_layer(hand_made_layer(), level="village", within="21.71"), tmp_path)
    assert name.startswith("village-2171-")
    assert not any(path.exists() for path in stale)
    assert recent.exists(), "a file younger than the grace period may still be fetched by an open page"
    assert other_area.exists(), "another area's file is not this layer's older build"
    assert layer_files.layer_files_present(name, tmp_path)


def test_an_overview_file_and_the_full_layer_file_never_prune_each_other(tmp_path: Any) -> None:
    import time

    frame = hand_made_layer().iloc[:2]
    full = prepare_layer(frame, level="village", within="21.71")
    overview = prepare_layer(frame.set_geometry(frame.geometry.scale(0.9, 0.9)), level="village", within="21.71",
                             overview=True)
    overview_name = layer_files.write_layer_file(overview, tmp_path)
    assert overview_name.startswith("village-2171-overview-")
    old = time.time() - layer_files.STALE_LAYER_FILE_AGE_S - 60
    for path in (tmp_path / layer_files.CACHE_SUBDIR).iterdir():
        os.utime(path, (old, old))
    full_name = layer_files.write_layer_file(full, tmp_path)
    assert full_name.startswith("village-2171-") and "overview" not in full_name
    assert layer_files.layer_files_present(overview_name, tmp_path), "the overview is not an older build of the layer"


def _lattice_coverage(columns: int, rows: int, cell: float = 0.01, steps: int = 6) -> gpd.GeoDataFrame:
    """columns × rows square areas whose edges wiggle: shared lattice points, so a valid coverage."""
    rng = np.random.default_rng(7)
    fine = rng.uniform(-cell / 40, cell / 40, size=(columns * steps + 1, rows * steps + 1, 2))
    fine[0, :, 0] = fine[-1, :, 0] = fine[:, 0, 1] = fine[:, -1, 1] = 0.0  # straight outer edge

    def point(i: int, j: int) -> tuple[float, float]:
        return (100 + i * cell / steps + fine[i, j, 0], j * cell / steps + fine[i, j, 1])

    polygons, codes = [], []
    for column in range(columns):
        for row in range(rows):
            i0, j0, i1, j1 = column * steps, row * steps, (column + 1) * steps, (row + 1) * steps
            ring = ([point(i, j0) for i in range(i0, i1)] + [point(i1, j) for j in range(j0, j1)]
                    + [point(i, j1) for i in range(i1, i0, -1)] + [point(i0, j) for j in range(j1, j0, -1)])
            polygons.append(Polygon(ring))
            codes.append(f"99.01.01.{len(codes) + 1:04d}")
    return gpd.GeoDataFrame({"code": codes, "name": codes}, geometry=polygons, crs="EPSG:4326")


def test_a_large_layer_has_an_overview_with_every_area_and_fewer_vertices() -> None:
    import shapely

    assert overview_of(_lattice_coverage(10, 10)) is None  # a small layer is drawn from its full geometry
    large = _lattice_coverage(50, CANVAS_FROM_AREAS // 50)
    overview = overview_of(large, tolerance=0.004)
    assert overview is not None and overview is not large
    assert list(overview["code"]) == list(large["code"]) and list(overview["name"]) == list(large["name"])
    geometries = np.asarray(overview.geometry.array)
    assert not shapely.is_empty(geometries).any() and shapely.is_valid(geometries).all()
    before = int(shapely.get_num_coordinates(np.asarray(large.geometry.array)).sum())
    after = int(shapely.get_num_coordinates(geometries).sum())
    assert after < 0.6 * before, (before, after)
    # A coverage still: the areas neither overlap nor open gaps (the total area is the same).
    total = float(shapely.area(np.asarray(large.geometry.array)).sum())
    assert abs(float(shapely.area(shapely.union_all(geometries))) - float(shapely.area(geometries).sum())) < 1e-9
    assert abs(float(shapely.area(geometries).sum()) - total) < 1e-3 * total
    assert prepare_layer(overview, level="village", within="99", overview=True).codes == tuple(large["code"])


def test_a_live_map_with_an_overview_downloads_only_the_overview_with_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    folium_map = build_live_map(prepared(), url=URL, tiles="none", overview_url="/app/static/cache/x-overview.json",
                                detail_from_zoom=11)
    (_, started), _ = folium_map.default_js
    assert 'riskmapPrefetch(["/app/static/cache/x-overview.json"]' in unquote(started.split(",", 1)[1])
    script = component_payload(folium_map, monkeypatch)["script"]
    assert '"overview_url":"/app/static/cache/x-overview.json"' in script.replace(" ", "")
    assert '"detail_from_zoom":11' in script.replace(" ", "") and '"url":"/app/static/cache/x.json"' in script.replace(" ", "")


# --------------------------------------------------------------------------- standalone export


def test_standalone_html_inlines_leaflet_geometry_and_payload() -> None:
    from geo.web.assets import leaflet_source_dir

    page = render.standalone_map_html(prepared(), payload=STYLE_PAYLOAD, sample_notes=["DATA CONTOH"])
    leaflet_js = (leaflet_source_dir() / "leaflet.js").read_text(encoding="utf-8")
    assert leaflet_js[:2000] in page  # Leaflet's code is in the file, not linked
    assert "/app/static" not in page
    assert "Tanjung Pinang" in page and '"21.71":[2,"1.234","1 dari 2"]' in page
    assert '<p class="riskmap-sample">DATA CONTOH</p>' in page


def test_standalone_html_accepts_extra_layers_as_elements_or_callables() -> None:
    import folium

    marker_group = folium.FeatureGroup(name="extra-one")
    folium.CircleMarker([1.0, 104.0], radius=3, tooltip="first extra").add_to(marker_group)

    def add_second(folium_map: folium.Map) -> None:
        folium.CircleMarker([1.1, 104.1], radius=3, tooltip="second extra").add_to(folium_map)

    page = render.standalone_map_html(prepared(), payload=None, extra_layers=[marker_group, add_second])
    assert "first extra" in page and "second extra" in page
    with pytest.raises(TypeError, match="folium element or a callable"):
        render.standalone_map_html(prepared(), payload=None, extra_layers=["not a layer"])
