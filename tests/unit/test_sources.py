"""Upstream files: read from a mirror (plain or .gz) with the sha256 checked."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from geo.data import sources
from geo.errors import DataSourceError, message_in

CONTENT = b"INSERT INTO wilayah (kode, nama)\nVALUES\n('21','Kepulauan Riau');\n"


@pytest.fixture()
def tiny_registry(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    entries = {
        "codes/db/wilayah.sql": sources.UpstreamFile(
            "codes/db/wilayah.sql", hashlib.sha256(CONTENT).hexdigest(), len(CONTENT), "https://example.invalid/w.sql"
        )
    }
    monkeypatch.setattr(sources, "registry", lambda: entries)
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path / "home"))
    mirror = tmp_path / "mirror"
    (mirror / "codes" / "db").mkdir(parents=True)
    monkeypatch.setenv("RISKMAP_DATA_MIRROR", str(mirror))
    return mirror


def test_gzipped_mirror_file_is_verified_and_read(tiny_registry: Path) -> None:
    (tiny_registry / "codes/db/wilayah.sql.gz").write_bytes(gzip.compress(CONTENT))
    with sources.open_text("codes/db/wilayah.sql") as handle:
        assert "Kepulauan Riau" in handle.read()


def test_plain_mirror_file_is_read(tiny_registry: Path) -> None:
    (tiny_registry / "codes/db/wilayah.sql").write_bytes(CONTENT)
    assert sources.fetch("codes/db/wilayah.sql").name == "wilayah.sql"


def test_corrupt_mirror_file_is_refused(tiny_registry: Path) -> None:
    (tiny_registry / "codes/db/wilayah.sql").write_bytes(CONTENT.replace(b"Riau", b"Raiu"))
    with pytest.raises(DataSourceError, match="does not match the registry"):
        sources.fetch("codes/db/wilayah.sql")


def test_missing_file_and_unknown_path_are_explained(tiny_registry: Path) -> None:
    with pytest.raises(DataSourceError) as missing:
        sources.fetch("codes/db/wilayah.sql")
    message = str(missing.value)  # names the folder searched and both file names looked for
    assert f"codes/db/wilayah.sql (or codes/db/wilayah.sql.gz) was not found in the mirror folder {tiny_registry} " in message
    assert message_in(missing.value, "id").startswith(
        f"codes/db/wilayah.sql (atau codes/db/wilayah.sql.gz) tidak ditemukan di folder mirror {tiny_registry} ")
    with pytest.raises(DataSourceError, match="not an upstream file"):
        sources.fetch("codes/db/other.sql")


def test_without_mirror_a_failed_download_says_what_to_do(tiny_registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RISKMAP_DATA_MIRROR")
    with pytest.raises(DataSourceError, match="RISKMAP_DATA_MIRROR"):
        sources.fetch("codes/db/wilayah.sql")


def test_registry_lists_every_mirror_file_with_a_pinned_url() -> None:
    sources.registry.cache_clear()
    entries = sources.registry()
    assert len(entries) == 605  # 602 boundary and code files, 3 world-atlas files
    assert all(len(entry.sha256) == 64 for entry in entries.values())
    pinned = ("/3c5a7960f4d227a38489094d84252bdbb3f978a5/", "/b7ad440a1322e7be3189a16a8cac35f7d4c3d7f7/", "/world-atlas@2.0.2/")
    assert all(any(pin in e.url for pin in pinned) for e in entries.values())
