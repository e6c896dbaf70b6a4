"""The one-page brief: ``riskmap brief`` and :mod:`geo.web.brief`, checked with poppler-utils.

``pdfinfo`` (pages, paper size, fonts embedded), ``pdftotext`` (what a reader sees) and
``pdfimages`` (the map is an image in the page) read the PDF as any viewer would.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from geo.cli import main

pytestmark = pytest.mark.integration

POPPLER = ("pdfinfo", "pdftotext", "pdfimages", "pdffonts")
SMALL_VALUES = (37, 58)
"""Migrants of two districts of Kota Batam: below the dataset's threshold of 100, hence never public."""


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    assert not missing, f"poppler-utils missing ({', '.join(missing)}): scripts/test installs it"


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def _pdf_info(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout


def _image_count(path: Path) -> int:
    listing = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True).stdout
    return len(listing.splitlines()) - 2  # two header lines


def _standalone_numbers(text: str) -> set[int]:
    """Whole numbers not part of a code, a date or a grouped number (``21.71.01``, ``2026-01-02``, ``1,201``)."""
    return {int(match) for match in re.findall(r"(?<![\d.,\-])\d+(?![\d.,\-])", text)}


@pytest.fixture
def sample_store(prepared_boundaries: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from geo.data.store import Store

    url = f"sqlite:///{tmp_path / 'brief.sqlite'}"
    monkeypatch.setenv("RISKMAP_DB_URL", url)
    return Store(url).ensure_default_data()


def test_brief_of_kota_batams_villages_is_one_a4_page_with_map_names_sample_label_and_attribution(
    sample_store: list[int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, png = tmp_path / "briefs" / "batam.pdf", tmp_path / "batam.png"
    code = main(["brief", "--area", "2171", "--level", "village", "--period", "2024", "--lang", "en",
                 "--out", str(out), "--png", str(png)])
    assert code == 0
    printed = capsys.readouterr().out
    assert re.search(r"Brief written to .*batam\.pdf \(\d+ KB, \d+ areas, [\d.]+ s\)\.", printed)
    info = _pdf_info(out)
    assert re.search(r"^Pages:\s+1$", info, re.M)
    assert re.search(r"^Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info, re.M)
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts and all(" yes " in line for line in fonts.splitlines()[2:])  # embedded
    text = _pdf_text(out)
    assert "Risk brief: Kota Batam (21.71)" in text
    assert "SAMPLE DATA (synthetic), not real data" in text
    assert "Boundaries & area codes: cahyadsn/wilayah_boundaries" in text
    assert "Top 10 priority areas" in text and re.search(r"\d+ cases, rank 1 of \d+", text)  # with its "why"
    assert "Case flows" in text
    assert "Flows (cases)" in text  # the sample has a cases dataset: the summary is there
    assert _image_count(out) >= 1
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list(out.parent.glob(".*.part"))


def test_brief_in_bahasa_indonesia(sample_store: list[int], tmp_path: Path) -> None:
    out = tmp_path / "kepri.pdf"
    assert main(["brief", "--area", "21", "--lang", "id", "--out", str(out)]) == 0  # default level: regencies
    text = _pdf_text(out)
    assert "Ringkasan risiko: KEPULAUAN RIAU (21)" in text or "Ringkasan risiko: Kepulauan Riau (21)" in text
    assert "DATA CONTOH (sintetis)" in text and "Batas & kode wilayah" in text
    assert "kabupaten/kota" in text.lower()


def test_bad_area_or_level_exits_2_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.pdf"
    assert main(["brief", "--area", "99.99", "--out", str(out)]) == 2
    assert "99.99" in capsys.readouterr().err
    assert main(["--lang", "en", "brief", "--area", "21.71", "--level", "regency", "--out", str(out)]) == 2
    assert "choose a level below regency" in capsys.readouterr().err
    assert main(["--lang", "id", "brief", "--area", "21.71.01.1003", "--out", str(out)]) == 2
    assert "adalah desa" in capsys.readouterr().err
    assert not out.exists()


@pytest.fixture
def small_counts_store(prepared_boundaries: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Migrants of Kota Batam's districts: two of them below the dataset's threshold (100)."""
    from geo.data.codes import CodeList
    from geo.data.store import Store

    url = f"sqlite:///{tmp_path / 'small.sqlite'}"
    monkeypatch.setenv("RISKMAP_DB_URL", url)
    # Ten districts with data, so that every value (the small ones too) is in the analyst's top 10.
    districts = sorted(CodeList.load().children("21.71", "district")["code"])[:10]
    counts = [*SMALL_VALUES, *(1201 + 100 * index for index in range(len(districts) - len(SMALL_VALUES)))]
    records = pd.DataFrame({"area_code": districts, "level": "district", "period": "2024", "count": counts})
    return Store(url).save_dataset(kind="migration", name="Batam <b>test</b>", records=records, disclosure_threshold=100)


@pytest.mark.parametrize("audience", ["public", "analyst"])
def test_public_brief_shows_no_value_below_the_threshold(small_counts_store: int, audience: str, tmp_path: Path) -> None:
    from geo.web.brief import brief_data, brief_pdf, map_png, top_by_value
    from geo.web.viewstate import View

    view = View(level="district", area="21.71", lang="en", datasets=(small_counts_store,), period="2024")
    data = brief_data(view, audience=audience)
    out = tmp_path / f"{audience}.pdf"
    out.write_bytes(brief_pdf(data, today=dt.date(2026, 1, 2)))
    text = _pdf_text(out)
    assert "Data: Batam <b>test</b> v1" in text  # a dataset name is text, never markup
    assert "This view shows no cases dataset." in text
    assert "Top 10 priority areas" in text and "migrant workers departed" in text
    shown = _standalone_numbers(text)
    by_value = _standalone_numbers(" ".join(cell for row in top_by_value(data).rows for cell in row))
    if audience == "public":
        assert not shown & set(SMALL_VALUES), text
        assert not by_value & set(SMALL_VALUES)
        assert "hidden to protect privacy" in text  # the disclosure note says why values are missing
        assert "audience: public" in text
    else:
        assert set(SMALL_VALUES) <= shown and set(SMALL_VALUES) <= by_value
        assert "audience: analyst" in text
    assert map_png(data, standalone=False)[:4] == b"\x89PNG"


def test_map_page_offers_the_pdf_brief_of_its_view(prepared_boundaries: Path) -> None:
    from tests.conftest import open_map_page

    app = open_map_page(level="district", area="21.71", lang="en")
    labels = [button.proto.label for button in app.get("download_button")]
    assert "PDF brief" in labels, labels  # generated on click (callable data): the page stays fast
