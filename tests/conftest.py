"""Test-wide settings: the boundary mirror, a shared cache folder, and a prepared cache.

Tests read the upstream files from the mirror (RISKMAP_DATA_MIRROR; default: the
shared folder beside the project) and keep the prepared boundary cache in one
folder per machine (RISKMAP_HOME; default: a folder in the temp dir), so the
expensive preparation runs once, not once per test.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MIRROR = PROJECT_ROOT.parent / "shared" / "data" / "wilayah"

if not os.environ.get("RISKMAP_DATA_MIRROR") and DEFAULT_MIRROR.is_dir():
    os.environ["RISKMAP_DATA_MIRROR"] = str(DEFAULT_MIRROR)
if not os.environ.get("RISKMAP_HOME"):
    os.environ["RISKMAP_HOME"] = str(Path(tempfile.gettempdir()) / "riskmap-test-home")

# Provinces whose villages the integration and browser tests need.
TEST_VILLAGE_PROVINCES = ("21", "35")


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The upstream mirror; integration tests fail (not skip) without it."""
    value = os.environ.get("RISKMAP_DATA_MIRROR")
    assert value and Path(value).is_dir(), (
        "RISKMAP_DATA_MIRROR must name the boundary mirror (e.g. ../shared/data/wilayah) for integration tests"
    )
    return Path(value)


@pytest.fixture(scope="session")
def prepared_boundaries(mirror: Path) -> Path:
    """Prepare every level (villages of the test provinces) once per machine; returns RISKMAP_HOME."""
    from geo import boundaries

    boundaries.prepare(provinces=TEST_VILLAGE_PROVINCES)
    return Path(os.environ["RISKMAP_HOME"])
