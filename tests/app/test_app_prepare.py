"""The first view of an unprepared province says which one is being prepared, once, with progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest


def _prepare_kepri_villages() -> None:
    from geo.app.ui import prepare_boundaries

    prepare_boundaries("village", "21.71", "id")


def test_preparing_a_province_names_it_and_finishes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISKMAP_BOUNDARY_CACHE", str(tmp_path / "cache"))
    app = AppTest.from_function(_prepare_kepri_villages, default_timeout=300)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    statuses = app.status
    labels = [status.label for status in statuses]
    assert labels == ["Menyiapkan desa Provinsi Kepulauan Riau — sekali saja, ±30 detik: siap"], labels
    assert statuses[0].icon == ":material/check:"  # complete
    assert statuses[0].get("progress")[0].value == 100  # the bar reached its end
    from geo.data import boundaries

    assert boundaries.is_prepared("village", "21")
    app.run()  # prepared once: nothing to show the second time
    assert not app.status
