"""A level's overview file: the display copy's areas, coverage-simplified further (issue #14)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geo.data import boundaries
from geo.errors import RiskmapError
from geo.web.layers import CANVAS_FROM_AREAS, cached_overview_layer


def _vertices(frame: object) -> int:
    return int(shapely.get_num_coordinates(np.asarray(frame.geometry.array)).sum())  # type: ignore[attr-defined]


def test_the_overview_keeps_every_area_with_fewer_vertices() -> None:
    display = boundaries.display_layer("village", "21")
    overview = boundaries.display_layer("village", "21", overview=True)
    assert overview["code"].tolist() == display["code"].tolist()
    assert overview["name"].tolist() == display["name"].tolist()
    assert not overview.geometry.is_empty.any() and overview.geometry.is_valid.all()
    assert _vertices(overview) < 0.8 * _vertices(display)
    # the same coverage: no area moves further than the tolerance allows
    def area(frame: object) -> float:  # in square degrees: only compared with each other
        return float(shapely.area(np.asarray(frame.geometry.array)).sum())  # type: ignore[attr-defined]

    assert area(overview) == pytest.approx(area(display), rel=0.05)  # small islands shrink a little


def test_the_overview_of_an_area_inside_a_province_is_its_part_of_the_file() -> None:
    regency = boundaries.display_layer("village", "21.71", overview=True)
    whole = boundaries.display_layer("village", "21", overview=True)
    assert len(regency) > 0 and regency["code"].str.startswith("21.71.").all()
    kept = whole.set_index("code").loc[regency["code"]]
    assert all(a.equals(b) for a, b in zip(regency.geometry, kept.geometry, strict=True))


def test_levels_without_thousands_of_areas_have_no_overview() -> None:
    with pytest.raises(RiskmapError, match="no overview"):
        boundaries.display_layer("regency", overview=True)
    assert cached_overview_layer("regency") is None
    small = boundaries.display_layer("village", "21")
    assert len(small) < CANVAS_FROM_AREAS and cached_overview_layer("village", "21") is None
