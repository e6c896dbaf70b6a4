"""Our own basemap: world outlines from the registry and mirror, their conversion, the base file, the export.

These tests read the world-atlas mirror (``../shared/data/world-atlas``, found beside the
boundary mirror or through RISKMAP_WORLD_MIRROR).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from geo.data import sources
from geo.data.world import WORLD_FILES, large_places, world_countries
from geo.errors import DataSourceError
from geo.web import basemap
from geo.web.layer_files import GZIP_SUFFIX, write_layer_file

WORLD_ATLAS_URL = "https://cdn.jsdelivr.net/npm/world-atlas@2.0.2/"


def test_registry_lists_the_world_atlas_files_with_pinned_urls_and_hashes() -> None:
    sources.registry.cache_clear()
    for relative in (*WORLD_FILES.values(), "world-atlas/LICENSE"):
        entry = sources.entry(relative)
        assert entry.url == WORLD_ATLAS_URL + relative.removeprefix("world-atlas/")
        assert len(entry.sha256) == 64 and entry.bytes > 0


def test_world_files_come_from_their_own_mirror_verified() -> None:
    path = sources.fetch(WORLD_FILES["110m"])
    assert path.parent.name == "world-atlas" and path.name == "countries-110m.json.gz"


def test_a_world_mirror_without_the_file_names_the_variable_and_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RISKMAP_WORLD_MIRROR", str(tmp_path))
    with pytest.raises(DataSourceError, match="RISKMAP_WORLD_MIRROR") as raised:
        sources.fetch(WORLD_FILES["50m"])
    assert str(tmp_path) in str(raised.value) and "countries-50m.json" in str(raised.value)


def test_a_corrupt_world_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "countries-110m.json").write_text('{"type":"Topology","objects":{}}')
    monkeypatch.setenv("RISKMAP_WORLD_MIRROR", str(tmp_path))
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path / "home"))
    with pytest.raises(DataSourceError, match="does not match the registry"):
        sources.fetch(WORLD_FILES["110m"])


@pytest.mark.parametrize("scale", ["110m", "50m"])
def test_world_countries_are_valid_polygons_without_antarctica_or_bands(scale: str) -> None:
    countries = world_countries(scale)
    assert {"Cambodia", "Malaysia", "Singapore" if scale == "50m" else "Cambodia", "Saudi Arabia"} <= set(countries["name"])
    assert "Antarctica" not in set(countries["name"])
    assert bool(countries.geometry.is_valid.all())
    assert set(countries.geom_type) <= {"Polygon", "MultiPolygon"}
    parts = countries.explode(index_parts=False).geometry.bounds
    assert ((parts["maxx"] - parts["minx"]) <= 180).all()  # Fiji and Chukotka no longer span the globe


def _features(geojson: str) -> list[dict[str, object]]:
    return json.loads(geojson)["features"]  # type: ignore[no-any-return]


def test_base_layer_has_coarse_world_fine_coasts_and_spaced_names() -> None:
    features = _features(basemap.base_layer().geojson)
    land = [f for f in features if f["properties"]["kind"] == "land"]  # type: ignore[index]
    places = [f for f in features if f["properties"]["kind"] == "place"]  # type: ignore[index]
    coarse = {f["properties"]["name"] for f in land if f["properties"]["detail"] == "110m"}  # type: ignore[index]
    fine = [f for f in land if f["properties"]["detail"] == "50m"]  # type: ignore[index]
    assert {"Cambodia", "Indonesia", "Saudi Arabia", "Taiwan"} <= coarse
    # The 1:50m coasts stay inside their box (Indonesia and its neighbours).
    min_x, min_y, max_x, max_y = basemap.FINE_LAND_BOX
    for feature in fine:
        left, bottom, right, top = shape(feature["geometry"]).bounds  # type: ignore[arg-type]
        assert left >= min_x - 1e-6 and right <= max_x + 1e-6 and bottom >= min_y - 1e-6 and top <= max_y + 1e-6
    # Singapore is an island in the fine coasts (Batam reads as an island next to it).
    singapore = [shape(f["geometry"]) for f in fine if f["properties"]["id"] == "702"]  # type: ignore[index, arg-type]
    assert singapore and singapore[0].contains(shapely.Point(103.82, 1.35))
    by_name = {f["properties"]["name"]: f["properties"]["zoom"] for f in places}  # type: ignore[index]
    assert by_name["Jakarta"] <= 4 and by_name["Phnom Penh"] <= 4 and by_name["Kuala Lumpur"] <= 5
    assert by_name["Tanjung Pinang"] <= 8 and by_name["Johor Bahru"] <= 8
    assert len(places) < 600  # a few hundred names, not the gazetteer


def test_names_never_overlap_at_the_zoom_they_appear() -> None:
    labels = basemap.place_labels()
    width, height = basemap.LABEL_SPACING_PX
    for index, (name, lat, lon, zoom) in enumerate(labels):
        scale = 256 * 2**zoom / 360
        for other, other_lat, other_lon, other_zoom in labels[:index]:
            if other_zoom <= zoom:
                assert abs(lon - other_lon) * scale >= width or abs(lat - other_lat) * scale >= height, (name, other)


def test_base_file_is_small_content_hashed_and_has_a_gzip_twin(tmp_path: Path) -> None:
    layer = basemap.base_layer()
    name = write_layer_file(layer, tmp_path)
    assert name.startswith("base-world-") and name.endswith(".json")
    packed = (tmp_path / "cache" / (name + GZIP_SUFFIX)).read_bytes()
    assert gzip.decompress(packed).decode() == layer.geojson
    assert len(packed) < 120_000, len(packed)  # what every map fetches once (then the browser keeps it)


def test_large_places_are_sorted_by_population() -> None:
    places = large_places(1_000_000, (95.0, -11.0, 141.0, 6.0))
    populations = [place.population for place in places]
    assert populations == sorted(populations, reverse=True) and places[0].name == "Jakarta"


def test_exported_map_inlines_the_own_base_and_asks_no_host() -> None:
    import geopandas as gpd
    from shapely.geometry import box

    from geo.web.layers import prepare_layer
    from geo.web.render import external_urls, standalone_map_html

    frame = gpd.GeoDataFrame({"code": ["21"], "name": ["Kepri"]}, geometry=[box(103, 0, 105, 2)], crs="EPSG:4326")
    page = standalone_map_html(prepare_layer(frame), payload=None, tiles="none")
    assert "window.riskmapOwnBase(" in page and '"name":"Cambodia"' in page and '"kind":"place"' in page
    assert [url for url in external_urls(page) if "{z}" in url] == []
