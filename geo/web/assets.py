"""Browser assets served by the app itself (no CDN): Leaflet from ``xstatic-leaflet``.

Streamlit's static serving (``server.enableStaticServing``) publishes the folder
``static/`` next to ``app.py`` under ``/app/static/``. At start-up
:func:`ensure_leaflet_assets` copies Leaflet's files from the installed
``xstatic.pkg.leaflet`` package into ``static/vendor/leaflet/`` (git-ignored), and
:func:`leaflet_urls` gives the URLs that folium maps load them from.

Examples
--------
>>> leaflet_urls()
LeafletUrls(js='/app/static/vendor/leaflet/leaflet.js', css='/app/static/vendor/leaflet/leaflet.css')
>>> leaflet_urls("/riskmap/").js
'/riskmap/app/static/vendor/leaflet/leaflet.js'
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import NamedTuple

from geo.config import PROJECT_ROOT
from geo.data.files import write_atomically

STATIC_DIR: Path = PROJECT_ROOT / "static"
"""The folder Streamlit serves as ``/app/static/`` (it sits next to ``app.py``)."""

LEAFLET_SUBDIR = "vendor/leaflet"
"""Where Leaflet's files go, relative to :data:`STATIC_DIR` (and to ``/app/static/``)."""

LEAFLET_FILES: tuple[str, ...] = (
    "leaflet.js",
    "leaflet.css",
    # leaflet.css refers to these relative to itself (layer control, default markers).
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)


class LeafletUrls(NamedTuple):
    """Where the browser loads Leaflet from."""

    js: str
    css: str


def leaflet_source_dir() -> Path:
    """Folder of the installed ``xstatic-leaflet`` package holding ``leaflet.js``."""
    import xstatic.pkg.leaflet

    return Path(xstatic.pkg.leaflet.BASE_DIR)


def leaflet_version() -> str:
    """Version of the installed Leaflet (folium 0.20 is written against 1.9.3).

    Examples
    --------
    >>> leaflet_version().startswith("1.9")
    True
    """
    import xstatic.pkg.leaflet

    return str(xstatic.pkg.leaflet.VERSION)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_leaflet_assets(target_dir: Path) -> list[Path]:
    """Copy Leaflet's files into ``target_dir``; only files that are missing or differ.

    Returns the files written (empty when everything was already in place).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> len(copy_leaflet_assets(folder)) == len(LEAFLET_FILES)
    True
    >>> copy_leaflet_assets(folder)   # idempotent
    []
    """
    source_dir = leaflet_source_dir()
    written: list[Path] = []
    for relative in LEAFLET_FILES:
        source, target = source_dir / relative, target_dir / relative
        if target.is_file() and target.stat().st_size == source.stat().st_size and _digest(target) == _digest(source):
            continue
        write_atomically(target, source.read_bytes())
        written.append(target)
    return written


@cache
def ensure_leaflet_assets(static_dir: Path = STATIC_DIR) -> Path:
    """Make sure ``static/vendor/leaflet/`` holds Leaflet (once per process); return that folder."""
    target_dir = static_dir / LEAFLET_SUBDIR
    copy_leaflet_assets(target_dir)
    return target_dir


def leaflet_urls(base_url_path: str = "") -> LeafletUrls:
    """URLs of ``leaflet.js`` / ``leaflet.css`` as served by Streamlit's static serving.

    ``base_url_path`` is Streamlit's ``server.baseUrlPath`` (empty when the app is at ``/``).
    """
    prefix = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    root = f"{prefix}/app/static/{LEAFLET_SUBDIR}"
    return LeafletUrls(js=f"{root}/leaflet.js", css=f"{root}/leaflet.css")
