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
