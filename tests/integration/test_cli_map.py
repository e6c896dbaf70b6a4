"""``riskmap export-map``: a standalone HTML map of one view, written from the command line."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from geo.cli import main

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("RISKMAP_DATA_MIRROR"), reason="needs RISKMAP_DATA_MIRROR (boundaries)"),
]


@pytest.fixture
def sample_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from geo.data.store import Store

    url = f"sqlite:///{tmp_path / 'cli-map.sqlite'}"
    monkeypatch.setenv("RISKMAP_DB_URL", url)
    return Store(url).ensure_default_data()


def test_export_map_writes_an_offline_choropleth(sample_store: list[int], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "maps" / "kepri.html"
    code = main([
        "export-map", "--dataset", str(sample_store[0]), "--dataset", str(sample_store[1]), "--level", "regency",
        "--within", "2101", "--indicator", "cases", "--period", "2024", "--palette", "Blues", "--lang", "en",
        "--out", str(out),
    ])
    assert code == 0
    captured = capsys.readouterr()
    assert re.fullmatch(r"Map written to .*kepri\.html \(\d+ KB, \d+ areas\)\.\n", captured.out)
    page = out.read_text(encoding="utf-8")
    assert re.findall(r"<(?:script|link)[^>]+(?:src|href)=.?https?://", page) == []
    assert "Trafficking cases · 2024" in page and "SAMPLE DATA (synthetic)" in page
    assert '"colours":["#eff3ff"' in page  # the Blues palette
    assert not list(out.parent.glob(".*.part"))


def test_export_map_explains_corrections_and_rejects_bad_codes(
    sample_store: list[int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "national.html"
    assert main(["export-map", "--level", "village", "--k", "12", "--lang", "en", "--out", str(out)]) == 0
    errors = capsys.readouterr().err
    assert "level=village: Village is not shown for all of Indonesia; showing Regency/City." in errors
    assert "k='12' must be a whole number from 3 to 9; using 5." in errors
    assert out.stat().st_size > 100_000

    assert main(["export-map", "--level", "village", "--within", "21.xx", "--out", str(tmp_path / "x.html")]) == 2
    assert "21.xx" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()
