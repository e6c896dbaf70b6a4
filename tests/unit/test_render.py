"""geo.web.render: offline assets, escaping, rounding and caching, read from the generated HTML/JS."""

from __future__ import annotations

import json
import os
import re
from typing import Any
from urllib.parse import urlparse

import geopandas as gpd
import pytest
import streamlit_folium
from shapely.geometry import MultiPolygon, Polygon, box

import geo.data.boundaries
from geo.web import render
from geo.web.assets import LEAFLET_FILES, copy_leaflet_assets, leaflet_urls
from geo.web.render import (
    ATTRIBUTION_HOSTS,
    TILE_HOSTS,
    PreparedLayer,
    build_map,
    cached_layer,
    external_urls,
    legend_html,
    prepare_layer,
)

HOSTILE = "<img src=x onerror=alert(1)>"


def hand_made_layer() -> gpd.GeoDataFrame:
    """Three areas, one with a hostile name, one multipolygon, one empty geometry."""
    return gpd.GeoDataFrame(
        {
            "code": ["21.71", "21.72", "21.01"],
            "name": [HOSTILE, "Kota \"Tanjung Pinang\" & 'pulau'", "Kabupaten Bintan"],
            "cases": [3, None, 12.5],
        },
        geometry=[
            Polygon([(103.912345678, 1.012345678), (104.2, 1.0), (104.2, 1.2), (103.9, 1.2)]),
            MultiPolygon([box(104.4, 0.85, 104.5, 0.95), box(104.52, 0.9, 104.55, 0.93)]),
            Polygon(),
        ],
        crs="EPSG:4326",
    )


def component_payload(folium_map: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What st_folium sends to its browser component (script, header, html, js_links, css_links)."""
    captured: dict[str, Any] = {}

    def fake_component(**kwargs: Any) -> Any:
        captured.update(kwargs)
        return kwargs["default"]

    monkeypatch.setattr(streamlit_folium, "_component_func", fake_component)
    streamlit_folium.st_folium(folium_map, returned_objects=["last_active_drawing"])
    return captured


def hosts(urls: list[str]) -> set[str]:
    return {urlparse(url.rstrip("\\")).hostname or "" for url in urls}


def is_allowed_host(host: str) -> bool:
    return any(host == allowed or host.endswith("." + allowed) for allowed in (*TILE_HOSTS, *ATTRIBUTION_HOSTS))


# --------------------------------------------------------------------------- prepare_layer


def test_prepared_geojson_has_rounded_coordinates_escaped_names_and_no_empty_features() -> None:
    prepared = prepare_layer(hand_made_layer(), level="regency", within="21")
    collection = json.loads(prepared.geojson)
    assert [feature["properties"]["code"] for feature in collection["features"]] == ["21.71", "21.72"]
    assert prepared.codes == ("21.71", "21.72")
    assert collection["features"][0]["properties"]["name"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert HOSTILE not in prepared.geojson
    assert collection["features"][1]["geometry"]["type"] == "MultiPolygon"
    numbers = re.findall(r"-?\d+\.\d+", prepared.geojson.split('"geometry"', 1)[1])
    assert numbers and all(len(number.split(".")[1]) <= 5 for number in numbers)
    assert "103.91235" in prepared.geojson and "1.01235" in prepared.geojson
    assert prepared.bounds == (103.9, 0.85, 104.55, 1.2)
    assert prepared.nbytes == len(prepared.geojson.encode())


def test_prepare_layer_reprojects_and_leaves_the_input_unchanged() -> None:
    layer = hand_made_layer()
    projected = layer.to_crs("EPSG:3857")
    before = projected.copy()
    prepared = prepare_layer(projected)
    assert prepared.bounds == pytest.approx((103.9, 0.85, 104.55, 1.2), abs=1e-5)
    assert projected.equals(before)


def test_empty_layer_fits_indonesia() -> None:
    prepared = prepare_layer(hand_made_layer().iloc[[2]])
    assert prepared.count == 0
    assert json.loads(prepared.geojson) == {"type": "FeatureCollection", "features": []}
    assert "fitBounds" in build_map(prepared, tiles="none").get_root().render()


# --------------------------------------------------------------------------- offline assets


@pytest.mark.parametrize("tiles", ["osm", "carto", "none"])
def test_component_links_and_script_load_nothing_from_a_cdn(tiles: str, monkeypatch: pytest.MonkeyPatch) -> None:
    layer = hand_made_layer()
    folium_map = build_map(layer, tiles=tiles, base_outlines=layer if tiles == "none" else None, value_column="cases")
    payload = component_payload(folium_map, monkeypatch)
    urls = leaflet_urls()
    assert payload["js_links"] == [urls.js]
    assert payload["css_links"] == [urls.css]
    found = external_urls(payload["script"] + payload["header"] + payload["html"])
    if tiles == "none":
        assert found == []
    else:
        assert found, "tile URL and attribution expected"
        assert all(is_allowed_host(host) for host in hosts(found)), found
        tile_urls = [url for url in found if "{z}" in url]
        assert len(tile_urls) == 1 and hosts(tile_urls) <= set(TILE_HOSTS) | {"{s}.basemaps.cartocdn.com"}
    assert "jquery" not in payload["script"].lower() and "$(document)" not in payload["script"]
    assert "d3" not in " ".join(payload["js_links"])


@pytest.mark.parametrize("tiles", ["osm", "none"])
def test_standalone_html_loads_leaflet_from_the_app(tiles: str) -> None:
    prepared = prepare_layer(hand_made_layer())
    page = build_map(prepared, tiles=tiles).get_root().render()
    assert prepared.geojson in page
    assert '<script src="/app/static/vendor/leaflet/leaflet.js"></script>' in page
    assert 'href="/app/static/vendor/leaflet/leaflet.css"' in page
    for cdn in ("cdn.jsdelivr.net", "code.jquery.com", "cdnjs.cloudflare.com", "bootstrapcdn", "d3js.org"):
        assert cdn not in page
    found = external_urls(page)
    assert all(is_allowed_host(host) for host in hosts(found)), found
    if tiles == "none":
        assert found == []


def test_asset_urls_follow_the_base_url_path() -> None:
    assets = leaflet_urls("riskmap")
    page = build_map(hand_made_layer(), tiles="none", assets=assets).get_root().render()
    assert '<script src="/riskmap/app/static/vendor/leaflet/leaflet.js"></script>' in page


def test_leaflet_files_are_copied_idempotently(tmp_path: Any) -> None:
    written = copy_leaflet_assets(tmp_path)
    assert sorted(path.relative_to(tmp_path).as_posix() for path in written) == sorted(LEAFLET_FILES)
    assert (tmp_path / "leaflet.js").read_bytes().startswith(b"/*")
    assert copy_leaflet_assets(tmp_path) == []
    (tmp_path / "leaflet.css").write_text("tampered")
    assert copy_leaflet_assets(tmp_path) == [tmp_path / "leaflet.css"]
    assert not list(tmp_path.glob("**/*.part"))


# --------------------------------------------------------------------------- escaping


def test_hostile_name_reaches_the_page_only_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    folium_map = build_map(
        hand_made_layer(),
        tiles="osm",
        values={"21.71": HOSTILE},
        legend=(HOSTILE, [("#ff0000", HOSTILE), ("#00ff00", "ok")]),
    )
    payload = component_payload(folium_map, monkeypatch)
    everything = payload["script"] + payload["header"] + payload["html"]
    assert HOSTILE not in everything
    assert "onerror=alert(1)&gt;" in everything
    assert "&lt;img src=x onerror=alert(1)&gt;" in payload["script"]
    assert "Kota &quot;Tanjung Pinang&quot; &amp; &#x27;pulau&#x27;" in payload["script"]


def test_tooltip_shows_name_code_and_value(monkeypatch: pytest.MonkeyPatch) -> None:
    payload = component_payload(build_map(hand_made_layer(), tiles="none", value_column="cases", lang="en"), monkeypatch)
    script = payload["script"]
    assert 'var labels = {"code":"Code"};' in script
    assert 'var values = {"21.71":"3.00","21.72":"–","21.01":"12.50"};' in script
    assert "bindTooltip(tip, {sticky: true})" in script
    assert '"properties":{"code":"21.71","name":"&lt;img src=x onerror=alert(1)&gt;"}' in script


def test_script_json_cannot_close_the_script_element() -> None:
    page = build_map(hand_made_layer(), tiles="none", values={"21.71": "</script><script>alert(1)"}).get_root().render()
    assert "</script><script>alert(1)" not in page


def test_legend_is_escaped_html_and_rejects_non_colours() -> None:
    assert legend_html("A & B", [("#abc", "<b>x</b>")]) == (
        '<div class="riskmap-legend-title">A &amp; B</div><div><i style="background:#abc"></i>&lt;b&gt;x&lt;/b&gt;</div>'
    )
    with pytest.raises(ValueError, match="not a hex colour"):
        legend_html("x", [("red;background:url(https://evil)", "x")])
    with pytest.raises(ValueError, match="not a hex colour"):
        build_map(hand_made_layer(), tiles="none", colours={"21.71": "url(x)"})


def test_colours_are_looked_up_by_code_without_touching_geometry(monkeypatch: pytest.MonkeyPatch) -> None:
    prepared = prepare_layer(hand_made_layer())
    script = component_payload(build_map(prepared, tiles="none", colours={"21.72": "#1f78b4"}), monkeypatch)["script"]
    assert 'var colours = {"21.72":"#1f78b4"};' in script
    assert prepared.geojson in script


def test_unknown_basemap_is_rejected() -> None:
    with pytest.raises(ValueError, match="Unknown basemap"):
        build_map(hand_made_layer(), tiles="google")


def test_none_basemap_draws_outlines_without_interaction(monkeypatch: pytest.MonkeyPatch) -> None:
    outlines = gpd.GeoDataFrame({"code": ["21"], "name": ["Kepulauan Riau"]}, geometry=[box(103, 0, 106, 2)], crs=4326)
    script = component_payload(build_map(hand_made_layer(), tiles="none", base_outlines=outlines), monkeypatch)["script"]
    assert "L.tileLayer" not in script
    assert script.count("L.geoJSON(") == 2
    assert "interactive: false" in script and "interactive: true" in script
    assert script.index("Kepulauan Riau") < script.index("Tanjung Pinang")  # outlines under the areas
    assert "riskmap-nobasemap" in script


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
        assert build_map(first, tiles="none") is not build_map(first, tiles="none")
    finally:
        cached_layer.cache_clear()


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("RISKMAP_DATA_MIRROR"), reason="needs RISKMAP_DATA_MIRROR")
def test_real_views_are_small_enough_for_the_browser() -> None:
    regencies = render.cached_layer("regency")
    assert regencies.count == 514
    assert regencies.nbytes <= 1_500_000
    villages = render.cached_layer("village", "21")
    assert villages.count >= 415
    assert all(code.startswith("21.") for code in villages.codes)


# --------------------------------------------------------------------------- choropleth: live map + restyle (issue 4)

STYLE_PAYLOAD = {
    "key": "k1",
    "colours": ["#fee5d9", "#fb6a4a", "#a50f15"],
    "no_data": "#d9d9d9",
    "suppressed": "#969696",
    "areas": {"21.71": [2, "1.234", "1 dari 2"], "21.72": [-2, "", ""]},
    "parents": {"21": render.escape(HOSTILE)},
    "legend": '<div class="riskmap-legend">x</div>',
    "source": render.escape("Sample <b>v1</b>"),
    "labels": {"code": "Kode", "value": "Kasus", "rank": "Peringkat", "source": "Sumber", "no_data": "Tidak ada data",
               "suppressed": "Disembunyikan"},
}


def test_live_map_script_fetches_geometry_and_is_the_same_for_every_style(monkeypatch: pytest.MonkeyPatch) -> None:
    prepared = prepare_layer(hand_made_layer(), level="regency", within="21")
    url = render.static_url(render.layer_file_name(prepared))
    first = component_payload(render.build_live_map(prepared, url=url, tiles="none"), monkeypatch)
    assert url in first["script"] and url.startswith("/app/static/cache/regency-21-")
    assert "Kabupaten Bintan" not in first["script"], "geometry must not travel with the component script"
    assert external_urls(first["script"] + first["header"] + first["html"]) == []
    # A second build (another rerun) gives the same component key: streamlit-folium keeps the map.
    second = component_payload(render.build_live_map(prepared, url=url, tiles="none"), monkeypatch)
    assert first["key"] == second["key"] and first["script"] == second["script"]


def test_restyle_group_sends_only_the_payload_and_checks_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    prepared = prepare_layer(hand_made_layer(), level="regency", within="21")
    captured: dict[str, Any] = {}

    def fake_component(**kwargs: Any) -> Any:
        captured.update(kwargs)
        return kwargs["default"]

    monkeypatch.setattr(streamlit_folium, "_component_func", fake_component)
    folium_map = render.build_live_map(prepared, url="/app/static/cache/x.json", tiles="none")
    streamlit_folium.st_folium(folium_map, feature_group_to_add=render.restyle_group(STYLE_PAYLOAD),
                               returned_objects=["last_active_drawing"])
    group_script = captured["feature_group"]
    assert "window.riskmapApply(" in group_script
    assert HOSTILE not in group_script and "&lt;img src=x onerror=alert(1)&gt;" in group_script
    assert "Kabupaten Bintan" not in group_script and "coordinates" not in group_script
    assert '"21.71"' not in captured["script"]  # values travel only with the restyle group
    with pytest.raises(ValueError, match="hex colour"):
        render.restyle_group({**STYLE_PAYLOAD, "colours": ["red;background:url(x)"]})


def test_layer_file_is_written_once_atomically_with_a_content_hash(tmp_path: Any) -> None:
    prepared = prepare_layer(hand_made_layer(), level="village", within="21.71")
    name = render.write_layer_file(prepared, tmp_path)
    path = tmp_path / render.CACHE_SUBDIR / name
    assert json.loads(path.read_text())["features"][0]["properties"]["name"] == render.escape(HOSTILE)
    stamp = path.stat().st_mtime_ns
    assert render.write_layer_file(prepared, tmp_path) == name and path.stat().st_mtime_ns == stamp
    assert not list((tmp_path / render.CACHE_SUBDIR).glob("*.part"))
    other = prepare_layer(hand_made_layer().iloc[:1], level="village", within="21.71")
    assert render.layer_file_name(other) != name


def test_layer_file_has_a_gzip_twin_with_the_same_content(tmp_path: Any) -> None:
    import gzip

    prepared = prepare_layer(hand_made_layer(), level="village", within="21.71")
    name = render.write_layer_file(prepared, tmp_path)
    folder = tmp_path / render.CACHE_SUBDIR
    twin = folder / (name + render.GZIP_SUFFIX)
    assert gzip.decompress(twin.read_bytes()) == (folder / name).read_bytes()
    assert render.layer_files_present(name, tmp_path)
    twin.unlink()  # e.g. a cache written by an older version: both are written again
    assert not render.layer_files_present(name, tmp_path)
    assert render.write_layer_file(prepared, tmp_path) == name and render.layer_files_present(name, tmp_path)


def test_older_builds_of_the_same_layer_are_pruned_once_stale(tmp_path: Any) -> None:
    import os
    import time

    folder = tmp_path / render.CACHE_SUBDIR
    folder.mkdir()
    old = time.time() - render.STALE_LAYER_FILE_AGE_S - 60
    stale = [folder / "village-2171-00000000000000aa.json", folder / "village-2171-00000000000000aa.json.gz"]
    recent = folder / "village-2171-00000000000000bb.json"
    other_area = folder / "village-217101-00000000000000cc.json"
    for path in [*stale, recent, other_area]:
        path.write_text("{}")
    for path in [*stale, other_area]:
        os.utime(path, (old, old))
    name = render.write_layer_file(prepare_layer(hand_made_layer(), level="village", within="21.71"), tmp_path)
    assert name.startswith("village-2171-")
    assert not any(path.exists() for path in stale)
    assert recent.exists(), "a file younger than the grace period may still be fetched by an open page"
    assert other_area.exists(), "another area's file is not this layer's older build"
    assert render.layer_files_present(name, tmp_path)


def test_live_map_starts_the_geometry_download_before_leaflet_loads() -> None:
    from urllib.parse import unquote

    prepared = prepare_layer(hand_made_layer(), level="regency", within="21")
    folium_map = render.build_live_map(
        prepared, url="/app/static/cache/x.json", tiles="none", base_outlines_url="/app/static/cache/p.json"
    )
    (first_name, first), (second_name, _) = folium_map.default_js
    assert first_name == "riskmap_geometry" and second_name == "leaflet"
    assert first.startswith("data:text/javascript;charset=utf-8,")
    started = unquote(first.split(",", 1)[1])
    assert 'window.riskmapGeometry["/app/static/cache/x.json"] = riskmapFetchJSON("/app/static/cache/x.json");' in started
    assert 'riskmapFetchJSON("/app/static/cache/p.json")' in started
    html = folium_map.get_root().render()
    # The map's own script takes the download already under way, or starts one.
    assert '(window.riskmapGeometry || {})["/app/static/cache/x.json"] || riskmapFetchJSON("/app/static/cache/x.json")' in html
    assert '(window.riskmapGeometry || {})["/app/static/cache/p.json"] || riskmapFetchJSON("/app/static/cache/p.json")' in html


def test_live_map_fetches_the_gzip_twin_where_the_browser_can_unpack_it() -> None:
    prepared = prepare_layer(hand_made_layer(), level="regency", within="21")
    html = render.build_live_map(prepared, url="/app/static/cache/x.json", tiles="none").get_root().render()
    assert "DecompressionStream" in html and 'url + ".gz"' in html
    assert 'riskmapFetchJSON("/app/static/cache/x.json")' in html
    assert "riskmapFetchJSON" in render._prefetch_script_url(["/app/static/cache/x.json"])


def test_standalone_html_inlines_leaflet_geometry_and_payload() -> None:
    prepared = prepare_layer(hand_made_layer(), level="regency", within="21")
    page = render.standalone_map_html(
        prepared, payload=STYLE_PAYLOAD, title=HOSTILE, notes=["Sumber: <script>x</script>"],
        sample_notes=["DATA CONTOH"],
    )
    from geo.web.assets import leaflet_source_dir

    leaflet_js = (leaflet_source_dir() / "leaflet.js").read_text(encoding="utf-8")
    assert leaflet_js[:2000] in page  # Leaflet's code is in the file, not linked
    assert re.findall(r"<(?:script|link)[^>]+(?:src|href)=.?https?://", page) == []
    assert "/app/static" not in page
    assert HOSTILE not in page and "<script>x</script>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "Tanjung Pinang" in page and '"21.71":[2,"1.234","1 dari 2"]' in page
    assert '<p class="riskmap-sample">DATA CONTOH</p>' in page


def test_standalone_html_accepts_extra_layers_as_elements_or_callables() -> None:
    import folium

    prepared = prepare_layer(hand_made_layer())
    marker_group = folium.FeatureGroup(name="extra-one")
    folium.CircleMarker([1.0, 104.0], radius=3, tooltip="first extra").add_to(marker_group)

    def add_second(folium_map: folium.Map) -> None:
        folium.CircleMarker([1.1, 104.1], radius=3, tooltip="second extra").add_to(folium_map)

    page = render.standalone_map_html(prepared, payload=None, extra_layers=[marker_group, add_second])
    assert "first extra" in page and "second extra" in page


def test_suppressed_areas_are_hatched_on_the_map_as_in_the_legend() -> None:
    from geo.analysis.palettes import SUPPRESSED_HATCH

    prepared = prepare_layer(hand_made_layer(), level="regency", within="21")
    live = render.build_live_map(prepared, url="/app/static/cache/x.json", tiles="none").get_root().render()
    exported = render.standalone_map_html(prepared, payload=STYLE_PAYLOAD)
    for html in (live, exported):
        assert 'return "url(#" + HATCH_ID + ")"' in html and '"riskmap-suppressed-hatch"' in html
        assert f'stripe.setAttribute("fill", "{SUPPRESSED_HATCH}")' in html
        # The pattern is (re)made once the areas are drawn and after every restyle.
        assert html.count("ensureHatch();") >= 2
