"""Configuration from the environment (all optional).

| variable | meaning | default |
| --- | --- | --- |
| ``RISKMAP_HOME`` | cache + database folder | ``data/local`` in the project |
| ``RISKMAP_DATA_MIRROR`` | folder with a mirror of the upstream files | unset: download |
| ``RISKMAP_DB_URL`` | SQLAlchemy URL of the dataset store | SQLite in ``RISKMAP_HOME`` |
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def riskmap_home() -> Path:
    """Folder for the boundary cache and the default database (created on demand)."""
    home = Path(os.environ.get("RISKMAP_HOME") or PROJECT_ROOT / "data" / "local")
    home.mkdir(parents=True, exist_ok=True)
    return home


def data_mirror() -> Path | None:
    """Folder holding a mirror of the upstream files, or ``None`` to download them."""
    mirror = os.environ.get("RISKMAP_DATA_MIRROR")
    return Path(mirror).expanduser().resolve() if mirror else None


def database_url() -> str:
    """SQLAlchemy URL of the dataset store."""
    return os.environ.get("RISKMAP_DB_URL") or f"sqlite:///{riskmap_home() / 'riskmap.sqlite'}"
