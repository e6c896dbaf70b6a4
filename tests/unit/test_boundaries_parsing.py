"""Parsing, repairing and deriving boundaries from tiny dumps in the upstream format."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geo.data.boundaries import (
    DisplayRule,
    derive_missing,
    drop_small_parts,
    fill_slivers,
    make_display_copy,
    parse_boundary_rows,
    path_to_geometry,
)

HEADER = "INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES"

# Points are [lat, lng]; 73.22.05.2001 is a single polygon, 21.71 a multipolygon,
# 21.72 a self-intersecting "bow tie", 21.73 has no polygon at all.
DUMP = f"""/* header comment with 'quotes' */
DELETE FROM wilayah_boundaries WHERE kode BETWEEN '21' AND '21';
{HEADER}
\t('73.22.05.2001','Ombolata Salo''O',-2.5,120.5,'[[[-2,120],[-2,121],[-3,121],[-3,120],[-2,120]]]'),
\t('21.71','Kota Batam',1.0,104.0,'[[[[1,104],[1,105],[2,105],[2,104],[1,104]]],[[[0,106],[0,107],[0.5,107],[0,106]]]]'),
\t('21.72','Kota Tanjung Pinang',0.9,104.4,'[[[0,0],[1,1],[1,0],[0,1],[0,0]]]'),
\t('21.73','Tanpa Poligon',NULL,NULL,'');
"""


def test_escaped_quotes_and_both_nestings() -> None:
    frame = parse_boundary_rows(DUMP.splitlines())
    by_code = frame.set_index("code")
    assert by_code.loc["73.22.05.2001", "name"] == "Ombolata Salo'O"
    single = by_code.loc["73.22.05.2001", "geometry"]
    assert single.geom_type == "Polygon"
    # [lat, lng] became (lng, lat): x is the longitude 120..121, y the latitude -3..-2.
    assert single.bounds == (120.0, -3.0, 121.0, -2.0)
    multi = by_code.loc["21.71", "geometry"]
    assert multi.geom_type == "MultiPolygon"
    assert len(multi.geoms) == 2
    assert multi.bounds == (104.0, 0.0, 107.0, 2.0)


def test_invalid_polygon_is_repaired_and_empty_path_is_left_for_derivation() -> None:
    frame = parse_boundary_rows(DUMP.splitlines())
    bowtie = frame.set_index("code").loc["21.72", "geometry"]
    assert bowtie.is_valid
    assert bowtie.geom_type == "MultiPolygon"
    assert abs(bowtie.area - 0.5) < 1e-9
    assert "21.73" not in set(frame["code"])
    assert frame.geometry.is_valid.all()


def test_unclosed_ring_is_closed() -> None:
    geometry = path_to_geometry("[[[0,0],[0,1],[1,1]]]")
    assert geometry is not None and geometry.is_valid and geometry.area == 0.5


def test_province_missing_its_polygon_is_derived_from_its_regencies() -> None:
    provinces = parse_boundary_rows(
        [HEADER, "('11','Aceh',4.2,96.9,'[[[0,0],[0,1],[1,1],[1,0],[0,0]]]'),", "('95','Papua Pegunungan',-4,139,'');"]
    )
    regencies = parse_boundary_rows(
        [
            HEADER,
            "('95.01','Kabupaten Jayawijaya',0,0,'[[[10,10],[10,11],[11,11],[11,10],[10,10]]]'),",
            "('95.02','Kabupaten Puncak Jaya',0,0,'[[[10,11],[10,12],[11,12],[11,11],[10,11]]]'),",
            "('11.01','Kabupaten Aceh Selatan',0,0,'[[[0,0],[0,1],[1,1],[0,0]]]');",
        ]
    )
    assert list(provinces["code"]) == ["11"]
    complete = derive_missing(provinces, regencies, ["11", "95"]).set_index("code")
    assert bool(complete.loc["95", "derived"]) is True
    assert bool(complete.loc["11", "derived"]) is False
    assert complete.loc["95", "geometry"].area == 2.0
    assert complete.loc["95", "geometry"].bounds == (10.0, 10.0, 12.0, 11.0)


def _frame(geometries: list) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": [f"21.{i + 1:02d}" for i in range(len(geometries))]}, geometry=geometries, crs="EPSG:4326"
    )


def test_display_copy_removes_overlaps_and_gaps_between_neighbours() -> None:
    # Two neighbours overlapping by 0.01 and a third leaving a 0.002-wide gap, enclosed
    # by a top and a bottom neighbour: as published upstream.
    left = shapely.box(0, 0, 1.01, 1)
    middle = shapely.box(1, 0, 2, 1)
    right = shapely.box(2.002, 0, 3, 1)
    top, bottom = shapely.box(0, 1, 3, 2), shapely.box(0, -1, 3, 0)
    source = [left, middle, right, top, bottom]
    assert not shapely.coverage_is_valid(np.array(source, dtype=object))
    display = make_display_copy(_frame(source), DisplayRule(gap_width=0.01, tolerance=0.001, min_part_area=0.0))
    geometries = display.geometry.to_numpy()
    assert shapely.coverage_is_valid(geometries)
    assert shapely.area(shapely.intersection(geometries[0], geometries[1])) < 1e-12
    union = shapely.union_all(geometries)
    assert union.geom_type == "Polygon" and len(union.interiors) == 0
    assert abs(union.area - 9.0) < 1e-9


def test_small_islands_dropped_but_never_a_whole_area_or_a_touching_part() -> None:
    island_area = shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(5, 5, 5.001, 5.001)])
    touching = shapely.MultiPolygon([shapely.box(1, 0, 2, 1), shapely.box(0, 1, 0.001, 1.001)])
    tiny_area = shapely.box(9, 9, 9.001, 9.001)
    kept = drop_small_parts(np.array([island_area, touching, tiny_area], dtype=object), 0.01)
    assert kept[0].geom_type == "Polygon"  # the far island is gone
    assert len(kept[1].geoms) == 2  # the small part touches area 0: dropping it would open a gap
    assert kept[2].equals(tiny_area)  # an area's largest part always stays


def test_fill_slivers_closes_a_hole_between_neighbours_only_when_small() -> None:
    # A valid coverage (the neighbour has the notch's vertices on its edge) with a sliver hole.
    notch = shapely.Polygon([(0, 0), (1, 0), (1, 0.4), (0.99, 0.5), (1, 0.6), (1, 1), (0, 1)])
    neighbour = shapely.Polygon([(1, 0), (2, 0), (2, 1), (1, 1), (1, 0.6), (1, 0.4), (1, 0)])
    assert shapely.coverage_is_valid(np.array([notch, neighbour], dtype=object))
    filled = fill_slivers(np.array([notch, neighbour], dtype=object), max_area=0.01)
    assert len(shapely.union_all(filled).interiors) == 0
    assert shapely.coverage_is_valid(filled)
    lake = shapely.Polygon([(0, 0), (1, 0), (1, 0.2), (0.5, 0.5), (1, 0.8), (1, 1), (0, 1)])
    kept = fill_slivers(np.array([lake, neighbour], dtype=object), max_area=0.01)
    assert len(shapely.union_all(kept).interiors) == 1
