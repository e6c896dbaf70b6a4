"""Preparing a province's villages reports its steps, in order, once (issue #10, item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.data import boundaries


def test_preparing_villages_reports_each_step_once_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISKMAP_BOUNDARY_CACHE", str(tmp_path / "cache"))
    steps: list[str] = []
    full_path, display_path = boundaries.prepare_level("village", "21", step=steps.append)
    assert steps == list(boundaries.PREPARATION_STEPS) == ["parse", "repair", "clean", "simplify", "write"]
    assert full_path.exists() and display_path.exists()
    assert boundaries.is_prepared("village", "21")
    again: list[str] = []
    boundaries.prepare_level("village", "21", step=again.append)
    assert again == []  # prepared once: nothing to report the second time
    display_path.unlink()
    rebuilt: list[str] = []
    boundaries.prepare_level("village", "21", step=rebuilt.append)
    assert rebuilt == ["clean", "simplify", "write"]  # only the display copy was missing


def test_the_overview_is_made_with_the_level_and_again_when_missing(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Villages and districts get an overview file once, when prepared; a cache made before overviews gets it."""
    monkeypatch.setenv("RISKMAP_BOUNDARY_CACHE", str(tmp_path / "cache"))
    boundaries.prepare_level("village", "21")
    overview_path = boundaries.cache_folder() / "overview" / "village-21.parquet"
    assert overview_path.exists()
    overview_path.unlink()  # as a cache made before overviews
    assert not boundaries.is_prepared("village", "21")
    steps: list[str] = []
    boundaries.prepare_level("village", "21", step=steps.append)
    assert steps == ["simplify", "write"]  # only the overview was made
    assert overview_path.exists() and boundaries.is_prepared("village", "21")
    boundaries.prepare_level("regency")
    assert not (boundaries.cache_folder() / "overview" / "regency.parquet").exists()  # 514 areas: no overview
    assert boundaries.is_prepared("regency")
