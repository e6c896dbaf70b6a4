"""Configuration from the environment (all optional).

| variable | meaning | default |
| --- | --- | --- |
| ``RISKMAP_HOME`` | cache + database folder | ``data/local`` in the project |
| ``RISKMAP_DATA_MIRROR`` | folder with a mirror of the upstream files | unset: download |
| ``RISKMAP_WORLD_MIRROR`` | folder with the world-atlas files (world country outlines) | ``world-atlas`` beside the data mirror, else download |
| ``RISKMAP_LANG`` | language of ``riskmap`` messages (``id``/``en``) | from ``LC_ALL``/``LANG``, else ``en`` |
| ``RISKMAP_DB_URL`` | SQLAlchemy URL of the dataset store | SQLite in ``RISKMAP_HOME`` |
| ``RISKMAP_BOUNDARY_CACHE`` | folder of the prepared boundary cache | ``RISKMAP_HOME/boundaries`` |

The boundary cache is derived from the upstream files alone (no user data), so it may live
apart from ``RISKMAP_HOME``: the test suite shares one per machine between its sessions while
each session gets a fresh, empty ``RISKMAP_HOME`` of its own.

Relative folders (``RISKMAP_HOME``, ``RISKMAP_DATA_MIRROR``) are resolved against the project
root, not the current folder: ``riskmap`` run from elsewhere finds the same files.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def project_path(value: str) -> Path:
    """A folder named in the environment: ``~`` expanded, a relative one taken from the project root.

    Parameters
    ----------
    value : str
        The variable's value.

    Returns
    -------
    Path
        An absolute path (not required to exist).

    Examples
    --------
    >>> project_path("../shared/data/wilayah") == (PROJECT_ROOT.parent / "shared" / "data" / "wilayah").resolve()
    True
    >>> project_path("/srv/mirror").as_posix()
    '/srv/mirror'
    """
    return (PROJECT_ROOT / Path(value).expanduser()).resolve()


def riskmap_home() -> Path:
    """Folder for the boundary cache and the default database (created on demand).

    Returns
    -------
    Path
        ``RISKMAP_HOME`` (relative: from the project root), else ``data/local`` in the project.
    """
    value = os.environ.get("RISKMAP_HOME")
    home = project_path(value) if value else PROJECT_ROOT / "data" / "local"
    home.mkdir(parents=True, exist_ok=True)
    return home


def boundary_cache_root() -> Path:
    """Folder holding the prepared boundary cache (one sub-folder per cache version).

    Returns
    -------
    Path
        ``RISKMAP_BOUNDARY_CACHE`` when set, else ``RISKMAP_HOME/boundaries``; not created here.

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"RISKMAP_BOUNDARY_CACHE": "/srv/riskmap-boundaries"}):
    ...     boundary_cache_root().as_posix()
    '/srv/riskmap-boundaries'
    """
    folder = os.environ.get("RISKMAP_BOUNDARY_CACHE")
    return project_path(folder) if folder else riskmap_home() / "boundaries"


def data_mirror() -> Path | None:
    """Folder holding a mirror of the upstream files, or ``None`` to download them.

    Returns
    -------
    Path or None
        ``RISKMAP_DATA_MIRROR`` as an absolute path (a relative one is taken from the project
        root, whatever the current folder), or ``None`` when the variable is unset.
    """
    mirror = os.environ.get("RISKMAP_DATA_MIRROR")
    return project_path(mirror) if mirror else None


WORLD_ATLAS_PREFIX = "world-atlas/"
"""Registry paths of the world country outlines start with this; their mirror is :func:`world_mirror`."""


def world_mirror() -> Path | None:
    """Folder holding the world-atlas files (``countries-110m.json[.gz]`` …), or ``None`` to download them.

    The world outlines come from another upstream (npm world-atlas) than the boundaries,
    so they have their own mirror folder; by default it is the ``world-atlas`` folder
    beside the data mirror (``../shared/data/world-atlas`` next to ``../shared/data/wilayah``).

    Returns
    -------
    Path or None
        ``RISKMAP_WORLD_MIRROR`` (a relative value is taken from the project root), else
        ``world-atlas`` beside ``RISKMAP_DATA_MIRROR`` when that folder exists, else ``None``.

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"RISKMAP_WORLD_MIRROR": "/srv/world-atlas"}):
    ...     world_mirror().as_posix()
    '/srv/world-atlas'
    """
    mirror = os.environ.get("RISKMAP_WORLD_MIRROR")
    if mirror:
        return project_path(mirror)
    data = data_mirror()
    beside = data.parent / "world-atlas" if data is not None else None
    return beside if beside is not None and beside.is_dir() else None


def database_url() -> str:
    """SQLAlchemy URL of the dataset store."""
    return os.environ.get("RISKMAP_DB_URL") or f"sqlite:///{riskmap_home() / 'riskmap.sqlite'}"
