"""Fixtures for the ingest tests: a small hand-made code list and an empty store per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.data.codes import CodeList

SMALL_CODES: list[tuple[str, str]] = [
    ("11", "Aceh"),
    ("11.01", "Kabupaten Aceh Selatan"),
    ("11.10", "Kabupaten Aceh Singkil"),
    ("21", "Kepulauan Riau"),
    ("21.01", "Kabupaten Bintan"),
    ("21.01.06", "Bintan Timur"),
    ("21.01.06.1001", "Kijang Kota"),
    ("21.01.06.2002", "Sei Enam"),
    ("21.71", "Kota Batam"),
    ("21.71.03", "Sekupang"),
    ("21.71.03.1001", "Tiban Indah"),
    ("21.71.03.1003", "Tanjung Riau"),
    ("21.72", "Kota Tanjung Pinang"),
    ("21.72.01", "Tanjung Pinang Barat"),
    ("21.72.01.1001", "Tanjung Pinang Barat"),
    ("21.72.01.1002", "Kemboja"),
    ("32", "Jawa Barat"),
    ("32.01", "Kabupaten Bogor"),
    ("32.01.01", "Cibinong"),
    ("32.01.01.1001", "Pakansari"),
    ("32.01.01.2001", "Suka Maju"),
    ("32.01.02", "Babakan Madang"),
    ("32.01.02.2001", "Suka Maju"),
    ("32.71", "Kota Bogor"),
    ("32.71.01", "Bogor Selatan"),
    ("32.71.01.1001", "Batutulis"),
]


@pytest.fixture(scope="session")
def codes() -> CodeList:
    """A small code list (no mirror needed): parts of Kepri, Jawa Barat and Aceh."""
    return CodeList.from_rows(SMALL_CODES)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """RISKMAP_HOME in tmp_path and no RISKMAP_DB_URL: the default store is a fresh SQLite file."""
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    monkeypatch.delenv("RISKMAP_DB_URL", raising=False)
    return tmp_path
