"""Prepared layers as files the app serves (``static/cache/``), each with a gzip twin.

The live map fetches its geometry once from a content-hashed file
(``static/cache/<level>-<area>-<hash>.json``), so the map component's script is small
and identical for every indicator, period and classification of a view.

Examples
--------
>>> static_url("regency-all-ab.json", "/riskmap/")
'/riskmap/app/static/cache/regency-all-ab.json'
"""

from __future__ import annotations

import gzip
import hashlib
import time
from pathlib import Path

from geo.data.files import write_atomically
from geo.web.assets import STATIC_DIR
from geo.web.layers import PreparedLayer

CACHE_SUBDIR = "cache"
"""Folder under the app's static folder holding prepared layers as GeoJSON files."""

GZIP_SUFFIX = ".gz"
"""Suffix of a layer file's gzip twin (``js/fetch_json.js`` asks for ``url + ".gz"``)."""

STALE_LAYER_FILE_AGE_S = 3600.0
"""Files of an older build of the same layer are removed after this long (a page opened
before the rebuild has fetched its copy by then)."""


def layer_file_name(prepared: PreparedLayer) -> str:
    """File name of a prepared layer under ``static/cache/`` (content-hashed: never stale).

    Parameters
    ----------
    prepared : PreparedLayer
        The layer.

    Returns
    -------
    str
        ``<level>-<area without dots>-<16 hex digits>.json``; an overview
        (:func:`geo.web.layers.overview_of`) is ``<level>-<area>-overview-<digest>.json``, so
        that neither is pruned as an older build of the other.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> from geo.web.layers import prepare_layer
    >>> frame = gpd.GeoDataFrame({"code": ["21"], "name": ["Kepri"]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:4326")
    >>> layer_file_name(prepare_layer(frame, level="province"))[:13]
    'province-all-'
    """
    digest = hashlib.sha256(prepared.geojson.encode()).hexdigest()[:16]
    area = (prepared.within or "all").replace(".", "")
    variant = "-overview" if prepared.overview else ""
    return f"{prepared.level or 'layer'}-{area}{variant}-{digest}.json"


def _cache_folder(static_dir: Path | str | None) -> Path:
    return Path(static_dir if static_dir is not None else STATIC_DIR) / CACHE_SUBDIR


def layer_files_present(name: str, static_dir: Path | str | None = None) -> bool:
    """Whether both the GeoJSON file ``name`` and its gzip twin are under ``static/cache/``.

    Parameters
    ----------
    name : str
        From :func:`layer_file_name`.
    static_dir : path, optional
        The app's static folder (default :data:`geo.web.assets.STATIC_DIR`).

    Returns
    -------
    bool
    """
    folder = _cache_folder(static_dir)
    return (folder / name).is_file() and (folder / (name + GZIP_SUFFIX)).is_file()


def _prune_stale_layer_files(folder: Path, current: str, now: float) -> None:
    """Remove files of the same (level, area) whose content hash is not ``current``'s and that are old."""
    stem = current.rsplit("-", 1)[0] + "-"
    for path in folder.glob(f"{stem}*"):
        if path.name in (current, current + GZIP_SUFFIX) or path.name.rsplit("-", 1)[0] + "-" != stem:
            continue
        try:
            if now - path.stat().st_mtime > STALE_LAYER_FILE_AGE_S:
                path.unlink()
        except FileNotFoundError:  # another server process pruned it first
            pass


def write_layer_file(prepared: PreparedLayer, static_dir: Path | str | None = None) -> str:
    """Write the layer's GeoJSON to ``static/cache/`` once (atomically); return its file name.

    The name holds a hash of the content, so an existing file is never rewritten, and
    a browser never sees half of one (temporary file, then rename). A gzip twin
    (``NAME.gz``) is written beside it: the server hands it out as it is, so it need
    not compress megabytes on every request, and the page unpacks it itself
    (``DecompressionStream``). Files an older build of the same layer left behind
    are removed once they are :data:`STALE_LAYER_FILE_AGE_S` old.

    Parameters
    ----------
    prepared : PreparedLayer
        The layer to write.
    static_dir : path, optional
        The app's static folder (default :data:`geo.web.assets.STATIC_DIR`).

    Returns
    -------
    str
        The file name (see :func:`static_url`).
    """
    folder = _cache_folder(static_dir)
    name = layer_file_name(prepared)
    if not layer_files_present(name, static_dir):
        content = prepared.geojson.encode()
        # The twin first: whoever sees NAME may rely on NAME.gz being there.
        write_atomically(folder / (name + GZIP_SUFFIX), gzip.compress(content, compresslevel=9, mtime=0))
        write_atomically(folder / name, content)
        _prune_stale_layer_files(folder, name, time.time())
    return name


def static_url(name: str, base_url_path: str = "") -> str:
    """URL of a file under ``static/cache/`` as Streamlit serves it.

    Parameters
    ----------
    name : str
        File name from :func:`write_layer_file`.
    base_url_path : str
        Streamlit's ``server.baseUrlPath`` (empty when the app is at ``/``).

    Returns
    -------
    str

    Examples
    --------
    >>> static_url("regency-all-ab.json")
    '/app/static/cache/regency-all-ab.json'
    """
    prefix = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    return f"{prefix}/app/static/{CACHE_SUBDIR}/{name}"
