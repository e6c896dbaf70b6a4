"""The real upstream data, read from the mirror: counts, containment, clean display copies."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely

from geo.cli import main as riskmap
from geo.data import boundaries
from geo.data.codes import CodeList

pytestmark = pytest.mark.integration


def test_every_province_and_regency_has_a_polygon(prepared_boundaries: Path) -> None:
    provinces = boundaries.load_level("province")
    regencies = boundaries.load_level("regency")
    assert len(provinces) == 38
    assert len(regencies) == 514
    assert provinces.geometry.is_valid.all() and regencies.geometry.is_valid.all()
    assert set(regencies["parent_code"]) == set(provinces["code"])
    kepri = provinces.set_index("code").loc["21"]
    assert kepri["name"] == "Kepulauan Riau"
    assert kepri["population"] > 2_000_000
    assert regencies.set_index("code").loc["21.71", "name"] == "Kota Batam"
    # [lat, lng] was turned into (lng, lat): Batam lies near 104°E, 1°N.
    minx, miny, maxx, maxy = regencies.set_index("code").loc["21.71", "geometry"].bounds
    assert 103 < minx < maxx < 105 and 0 < miny < maxy < 2


def test_kepri_villages_and_their_regencies(prepared_boundaries: Path) -> None:
    villages = boundaries.load_level("village", "21")
    assert len(villages) >= 415
    assert villages.geometry.is_valid.all()
    regencies = boundaries.load_level("regency").set_index("code")
    points = villages.geometry.representative_point().to_numpy()
    # Allowing for the upstream simplification: within 0.002° (≈ 220 m) of the regency.
    outside = [
        code
        for code, point in zip(villages["code"], points, strict=True)
        if not regencies.geometry[code[:5]].buffer(0.002).contains(point)
    ]
    assert outside == []


def test_jawa_timur_villages_lie_in_their_regencies(prepared_boundaries: Path) -> None:
    villages = boundaries.load_level("village", "35")
    assert len(villages) > 8000
    regencies = boundaries.load_level("regency").set_index("code")
    regency_geometries = regencies.geometry.reindex(villages["code"].str.slice(0, 5)).to_numpy()
    inside = shapely.contains(
        shapely.buffer(regency_geometries, 0.002), villages.geometry.representative_point().to_numpy()
    )
    assert inside.mean() > 0.999


@pytest.mark.parametrize(
    ("level", "within"),
    [("province", None), ("regency", None), ("district", "35"), ("village", "21"), ("village", "35")],
)
def test_display_copies_form_a_clean_coverage(prepared_boundaries: Path, level: str, within: str | None) -> None:
    display = boundaries.display_layer(level, within)
    geometries = display.geometry.to_numpy()
    assert display.geometry.is_valid.all()
    # Coverage-valid: no two neighbours overlap and shared edges are identical.
    assert shapely.coverage_is_valid(geometries, gap_width=0.0)
    # No slivers: no hole in the union smaller than 1e-6 deg² (≈ 1.2 ha).
    union = shapely.coverage_union_all(geometries)
    hole_areas = np.array(
        [shapely.Polygon(ring).area for part in shapely.get_parts(union) for ring in part.interiors] or [1.0]
    )
    assert (hole_areas < 1e-6).sum() == 0
    # Every area is still there.
    full = boundaries.load_level(level, within[:2] if level == "village" and within else None)
    if within:
        full = full[full["code"].str.startswith(within + ".")]
    assert set(display["code"]) == set(full["code"])


def test_display_neighbours_share_borders(prepared_boundaries: Path) -> None:
    display = boundaries.display_layer("regency").set_index("code")
    # Kota Surabaya and Kabupaten Sidoarjo are land neighbours: they share a border line,
    # with no overlapping area.
    shared = shapely.intersection(display.geometry["35.78"], display.geometry["35.15"])
    assert shared.length > 0.05
    assert shared.area < 1e-12


def test_display_layer_within_an_area_and_bad_requests(prepared_boundaries: Path) -> None:
    batam = boundaries.display_layer("village", "21.71")
    assert len(batam) > 50 and batam["code"].str.startswith("21.71.").all()
    with pytest.raises(boundaries.RiskmapError, match="inside a province"):
        boundaries.display_layer("village")
    with pytest.raises(boundaries.RiskmapError, match="lower level"):
        boundaries.display_layer("province", "21")


def test_cli_info_json_reports_codes_and_polygons(prepared_boundaries: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert riskmap(["data", "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    codes = CodeList.load()
    assert info["province"] == {"codes": 38, "polygons": 38}
    assert info["regency"] == {"codes": 514, "polygons": 514}
    assert info["district"]["codes"] == 7285 and info["district"]["polygons"] >= 7200
    assert info["village"]["codes"] == len(codes.level("village")) == 83762
    assert info["village"]["polygons"] >= 415 + 8000


def test_cli_fetch_is_idempotent_and_rejects_unknown_provinces(
    prepared_boundaries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert riskmap(["data", "fetch", "--levels", "province,village", "--provinces", "21"]) == 0
    assert "cached" in capsys.readouterr().err
    assert riskmap(["data", "fetch", "--provinces", "21,77"]) == 2
    assert "77" in capsys.readouterr().err


def test_interrupted_write_never_leaves_a_readable_half_file(
    prepared_boundaries: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "village-21.parquet"
    frame = boundaries.load_level("village", "21")

    def crash(self, path, **kwargs):  # noqa: ANN001 - the signature of GeoDataFrame.to_parquet
        Path(path).write_bytes(b"PAR1 half written")
        raise KeyboardInterrupt

    monkeypatch.setattr(type(frame), "to_parquet", crash)
    with pytest.raises(KeyboardInterrupt):
        boundaries._write_parquet(frame, target)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
