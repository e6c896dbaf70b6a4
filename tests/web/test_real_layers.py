"""Prepared layers of the real boundaries (needs the boundary mirror): small enough for the browser."""

from __future__ import annotations

from pathlib import Path

from geo.web.layers import cached_layer


def test_real_views_are_small_enough_for_the_browser(prepared_boundaries: Path) -> None:
    regencies = cached_layer("regency")
    assert regencies.count == 514
    assert regencies.nbytes <= 1_500_000
    villages = cached_layer("village", "21")
    assert villages.count >= 415
    assert all(code.startswith("21.") for code in villages.codes)
