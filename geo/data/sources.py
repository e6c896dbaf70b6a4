"""Obtain the upstream files listed in ``data/registry.tsv``, hash-verified.

Files come from ``RISKMAP_DATA_MIRROR`` when it is set (plain or ``.gz``), otherwise
they are downloaded with pooch into ``RISKMAP_HOME/upstream``. Either way the
sha256 of the uncompressed bytes must match the registry; a verified mirror file
is remembered (by size and modification time) so it is hashed only once.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, cast

from geo.config import PROJECT_ROOT, WORLD_ATLAS_PREFIX, data_mirror, riskmap_home, world_mirror
from geo.data.files import write_atomically
from geo.errors import DataSourceError

REGISTRY_PATH = PROJECT_ROOT / "data" / "registry.tsv"


@dataclass(frozen=True)
class UpstreamFile:
    """One line of ``data/registry.tsv``: relative path, sha256 of the uncompressed bytes, size, download URL."""

    path: str
    sha256: str
    bytes: int
    url: str


@cache
def registry() -> dict[str, UpstreamFile]:
    """Every upstream file by its relative path."""
    entries: dict[str, UpstreamFile] = {}
    for line in REGISTRY_PATH.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("path\t"):
            continue
        path, sha256, size, url = line.split("\t")
        entries[path] = UpstreamFile(path, sha256, int(size), url)
    return entries


def entry(relative_path: str) -> UpstreamFile:
    """The registry line of ``relative_path``; :class:`DataSourceError` when it is not listed.

    Parameters
    ----------
    relative_path : str
        Path inside the upstream repositories, e.g. ``codes/db/wilayah.sql``.

    Returns
    -------
    UpstreamFile
    """
    try:
        return registry()[relative_path]
    except KeyError:
        raise DataSourceError(f"{relative_path} is not an upstream file listed in data/registry.tsv.") from None


def _sha256_uncompressed(path: Path) -> str:
    digest = hashlib.sha256()
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified_stamp_file() -> Path:
    return riskmap_home() / "upstream" / "verified.json"


def _load_stamps() -> dict[str, list[int]]:
    try:
        stamps: dict[str, list[int]] = json.loads(_verified_stamp_file().read_text())
        return stamps
    except (OSError, ValueError):
        return {}


def _remember_verified(path: Path) -> None:
    stamps = _load_stamps()
    stat = path.stat()
    stamps[str(path)] = [stat.st_size, stat.st_mtime_ns]
    write_atomically(_verified_stamp_file(), json.dumps(stamps))


def _verify(path: Path, upstream: UpstreamFile) -> Path:
    stat = path.stat()
    if _load_stamps().get(str(path)) == [stat.st_size, stat.st_mtime_ns]:
        return path
    actual = _sha256_uncompressed(path)
    if actual != upstream.sha256:
        raise DataSourceError(
            f"{path} does not match the registry (sha256 {actual[:12]}…, expected {upstream.sha256[:12]}…). "
            "The mirror or download is corrupt or from another upstream version; replace the file."
        )
    _remember_verified(path)
    return path


def fetch(relative_path: str) -> Path:
    """Local path of a verified upstream file (may end in ``.gz``)."""
    upstream = entry(relative_path)
    # The world outlines have their own mirror folder (another upstream), holding the files
    # without the registry's "world-atlas/" prefix.
    world = relative_path.startswith(WORLD_ATLAS_PREFIX)
    mirror = world_mirror() if world else data_mirror()
    variable = "RISKMAP_WORLD_MIRROR" if world else "RISKMAP_DATA_MIRROR"
    if mirror is not None:
        inside = relative_path.removeprefix(WORLD_ATLAS_PREFIX) if world else relative_path
        for candidate in (mirror / inside, mirror / (inside + ".gz")):
            if candidate.is_file():
                return _verify(candidate, upstream)
        searched = {"file": inside, "gz": inside + ".gz", "folder": mirror, "variable": variable}
        raise DataSourceError(
            f"{inside} (or {inside}.gz) was not found in the mirror folder {mirror} "
            f"({variable}; a relative value is taken from the project root). "
            "Point the variable at a complete mirror, or unset it to download.",
            key="source_error.not_in_mirror", values=searched,
        )
    import pooch

    cache_folder = riskmap_home() / "upstream"
    try:
        downloaded = pooch.retrieve(
            upstream.url,
            known_hash=f"sha256:{upstream.sha256}",
            fname=relative_path.replace("/", "__"),
            path=cache_folder,
            progressbar=False,
        )
    except Exception as error:  # network errors come in many types
        raise DataSourceError(
            f"Could not download {upstream.url}: {error}. Without internet, set {variable} to a mirror folder."
        ) from error
    return Path(downloaded)


@contextmanager
def open_text(relative_path: str) -> Iterator[IO[str]]:
    """Open a verified upstream file as UTF-8 text, decompressing ``.gz`` transparently."""
    path = fetch(relative_path)
    # GzipFile reads like any binary file, but typeshed does not declare it an IO[bytes].
    raw = cast(IO[bytes], gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb"))
    with raw, io.TextIOWrapper(raw, encoding="utf-8") as text:
        yield text
