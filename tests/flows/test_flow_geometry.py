"""Arc geometry: endpoints, direction, no wrap-around, arrowheads at the destination, classes."""

from __future__ import annotations

import numpy as np
import pytest

from geo.web.flow_layer import arrowheads, great_circle_arcs, volume_classes, window_longitude

BATAM = (1.13, 104.05)
PHNOM_PENH = (11.5564, 104.9282)
RIYADH = (24.6877, 46.7219)
TAIPEI = (25.0531, 121.5264)
HONG_KONG = (22.2783, 114.1747)
INDRAMAYU = (-6.45, 108.2)
HONOLULU = (21.3069, -157.8583)
LOS_ANGELES = (34.05, -118.24)
SUVA = (-18.14, 178.44)


def arc(start, end, **options) -> np.ndarray:
    return great_circle_arcs([start[0]], [start[1]], [end[0]], [end[1]], **options)[0]


def haversine_degrees(a, b) -> float:
    lat1, lon1, lat2, lon2 = map(np.radians, (a[0], a[1], b[0], b[1]))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return float(np.degrees(2 * np.arcsin(np.sqrt(h))))


@pytest.mark.parametrize("end", [PHNOM_PENH, RIYADH, TAIPEI, HONG_KONG, HONOLULU, LOS_ANGELES, SUVA])
def test_arcs_start_and_end_at_the_given_points(end):
    points = arc(INDRAMAYU, end, points=40)
    assert points.shape == (40, 2)
    assert points[0].tolist() == [INDRAMAYU[0], INDRAMAYU[1]]
    assert points[-1, 0] == end[0]
    assert float(window_longitude(end[1])) == pytest.approx(points[-1, 1])  # same place, maybe +360°


@pytest.mark.parametrize("end", [RIYADH, TAIPEI, HONG_KONG, HONOLULU, LOS_ANGELES, SUVA])
def test_long_arcs_never_wrap_across_the_antimeridian(end):
    points = arc(INDRAMAYU, end, points=64)
    steps = np.abs(np.diff(points[:, 1]))
    # evenly spaced along the arc: no jump of ~360°, no step much longer than the others
    assert steps.max() < 10.0
    lengths = np.hypot(np.diff(points[:, 0]), np.diff(points[:, 1]) * np.cos(np.radians(points[:-1, 0])))
    assert lengths.max() < 3 * np.median(lengths)


def test_pacific_arcs_continue_east_past_180():
    points = arc(BATAM, HONOLULU, points=32)
    assert np.all(np.diff(points[:, 1]) > 0)  # always eastwards
    assert points[-1, 1] == pytest.approx(HONOLULU[1] + 360)


def test_long_lines_follow_the_great_circle():
    """Indonesia → Saudi Arabia bows north of the straight line on the map, as a flight path does."""
    points = arc(INDRAMAYU, RIYADH, points=65, bend=0)
    middle = points[32]
    straight_line_lat = (INDRAMAYU[0] + RIYADH[0]) / 2
    assert middle[0] > straight_line_lat + 1
    # every point lies on the great circle: distance start→p→end equals start→end
    total = haversine_degrees(INDRAMAYU, RIYADH)
    for point in points[::8]:
        assert haversine_degrees(INDRAMAYU, point) + haversine_degrees(point, RIYADH) == pytest.approx(total, abs=1e-6)


def test_bend_separates_opposite_directions_and_keeps_ends():
    there = arc(BATAM, PHNOM_PENH, points=21)
    back = arc(PHNOM_PENH, BATAM, points=21)
    assert haversine_degrees(there[10], back[10]) > 0.5
    straight = arc(BATAM, PHNOM_PENH, points=21, bend=0)
    assert haversine_degrees(there[10], straight[10]) > 0.5
    assert there[0].tolist() == [BATAM[0], BATAM[1]]


def test_many_arcs_at_once_match_single_arcs():
    starts = np.array([BATAM, INDRAMAYU, BATAM])
    ends = np.array([PHNOM_PENH, RIYADH, HONOLULU])
    together = great_circle_arcs(starts[:, 0], starts[:, 1], ends[:, 0], ends[:, 1], points=16)
    for index in range(3):
        assert np.allclose(together[index], arc(tuple(starts[index]), tuple(ends[index]), points=16))


def test_zero_length_arc_does_not_fail():
    points = arc(BATAM, BATAM, points=5)
    assert np.allclose(points, np.array([BATAM] * 5))
    triangles, _ = arrowheads(points[None])
    assert np.allclose(triangles[0], np.array([BATAM] * 3))


@pytest.mark.parametrize("end", [PHNOM_PENH, RIYADH, TAIPEI, HONOLULU])
def test_arrowhead_sits_at_the_destination_and_points_towards_it(end):
    arcs = great_circle_arcs([BATAM[0]], [BATAM[1]], [end[0]], [end[1]], points=48)
    triangles, shafts = arrowheads(arcs)
    tip, left, right = triangles[0]
    assert tip.tolist() == arcs[0, -1].tolist()
    base = (left + right) / 2
    # the base lies back along the line: closer to the origin than the tip is
    start = arcs[0, 0]
    assert np.hypot(*(base - start)) < np.hypot(*(tip - start))
    # the shaft ends at the arrow's base, not beyond it
    assert np.allclose(shafts[0][-1], base, atol=1e-9)
    assert np.allclose(shafts[0][0], start)
    # left and right corners are on opposite sides of the line's direction
    direction = tip - base
    cross_left = direction[0] * (left - base)[1] - direction[1] * (left - base)[0]
    cross_right = direction[0] * (right - base)[1] - direction[1] * (right - base)[0]
    assert cross_left * cross_right < 0


def test_arrowheads_scale_with_the_line_and_stay_short_on_short_lines():
    arcs = great_circle_arcs([1.13, 1.13], [104.05, 104.05], [1.4655, 24.69], [103.7578, 46.72], points=48)
    triangles, _ = arrowheads(arcs)
    sizes = [np.hypot(*(tri[0] - (tri[1] + tri[2]) / 2)) for tri in triangles]
    short_length = np.hypot(*(arcs[0, -1] - arcs[0, 0]))
    assert sizes[0] <= short_length / 3 + 1e-9
    assert sizes[1] > sizes[0]


def test_window_longitude_keeps_indonesia_centred():
    assert window_longitude(np.array([-157.86, 46.7, 178.4, -62.0, 298.0])).tolist() == [
        pytest.approx(202.14),
        46.7,
        178.4,
        298.0,
        298.0,
    ]


def test_volume_classes_put_the_largest_flow_in_the_top_class():
    classes, uppers = volume_classes([812, 300, 120, 90, 60, 40, 15, 700, 500, 400])
    assert classes[0] == 4 and classes.min() == 0
    assert uppers[-1] == 812 and sorted(uppers) == uppers
    single, _ = volume_classes([7])
    assert single.tolist() == [4]
    assert volume_classes([])[0].size == 0
