"""Upload a file through the real file input of the Data page in headless Chromium, in both languages.

End to end as a person does it: choose the file, read the mapping and the report (meanings and
reasons in the page's language, reasons in full), publish, see the new version selected and the
uploader empty, upload the same file again and get the duplicate warning, publish anyway.

The server and the browser are the shared ones of tests/conftest.py (``app_url``,
``recorded_page``). The new versions are published without making them active: the server's
store is shared with the map tests, whose active data must stay the national sample.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from geo.data.store import Store
from tests.conftest import ARTIFACTS, RecordedPage

from .support import MESSY

pytestmark = [pytest.mark.browser, pytest.mark.integration]

TIMEOUT_MS = 120_000


@dataclass(frozen=True)
class Words:
    """What the page says in one language (the strings of geo/strings/data.py)."""

    title: str
    report: str
    area_code: str
    count: str
    reason_8: str
    make_active: str
    publish: str
    published: str
    selected: str
    duplicate: str
    publish_anyway: str
    personal: str
    choose: str


WORDS = {
    "id": Words(
        title="Data: unggah & versi dataset", report="Laporan pemeriksaan",
        area_code="Kode wilayah (Kemendagri)", count="Jumlah (orang)",
        reason_8="Kode wilayah '99.99.99.9999': bagian desa '9999' harus diawali 1 (kelurahan) atau 2 (desa).",
        make_active="Jadikan dataset aktif", publish="Terbitkan sebagai versi baru", published="Tersimpan sebagai dataset",
        selected="Versi baru dipilih di daftar versi di bawah.",
        duplicate="sudah diterbitkan sebagai", publish_anyway="Tetap terbitkan",
        personal="Dibuang sebagai data pribadi (tidak akan disimpan): 'Nama PMI'", choose="Pilih versi",
    ),
    "en": Words(
        title="Data: upload & dataset versions", report="Check report",
        area_code="Area code (Kemendagri)", count="Count (people)",
        reason_8="Kode wilayah '99.99.99.9999': village part '9999' must start with 1 (kelurahan) or 2 (desa).",
        make_active="Make it the active dataset", publish="Publish as a new version", published="Stored as dataset",
        selected="The new version is selected in the list of versions below.",
        duplicate="was already published as", publish_anyway="Publish anyway",
        personal="Dropped as personal data (never stored): 'Nama PMI'", choose="Choose a version",
    ),
}


def _text(locator: object) -> str:
    """Text as read (without the invisible word joiners that keep ``:x:`` from turning into emoji)."""
    return str(locator.inner_text()).replace("\u2060", "")  # type: ignore[attr-defined]


def _choice(page: object, label: str) -> str:
    """The value a select box shows."""
    return str(page.get_by_role("combobox", name=label).input_value())  # type: ignore[attr-defined]


def _upload(page: object, path: Path, words: Words) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))  # type: ignore[attr-defined]
    page.get_by_text(words.report).wait_for(timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    page.locator('[data-testid="stTable"]').wait_for(timeout=TIMEOUT_MS)  # type: ignore[attr-defined]


def _submit(page: object, words: Words) -> None:
    """Untick "make active" (the shared store keeps its active data), then publish."""
    page.get_by_text(words.make_active).click()  # type: ignore[attr-defined]
    page.get_by_role("button", name=words.publish).click()  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_upload_publish_and_duplicate_warning_in_the_browser(
    app_url: str, recorded_page: RecordedPage, tmp_path: Path, lang: str
) -> None:
    words = WORDS[lang]
    name = f"browser-{lang}-{uuid.uuid4().hex[:8]}"
    path = tmp_path / f"{name}.csv"
    # a destination unique to this run: the same bytes were never published before
    path.write_bytes(MESSY.replace("Hong Kong", f"Hong Kong {name}").encode("utf-8"))
    page = recorded_page.page

    page.goto(f"{app_url}/data?lang={lang}", timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    page.get_by_text(words.title).wait_for(timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    _upload(page, path, words)
    body = _text(page.locator("body"))  # type: ignore[attr-defined]
    assert words.personal in body
    # the mapping in the page's language, never the internal field names
    assert (_choice(page, "Kode Wilayah"), _choice(page, "Jumlah PMI")) == (words.area_code, words.count)
    assert "area_code" not in body and "village_name" not in body
    assert words.reason_8 in _text(page.locator('[data-testid="stTable"]'))  # type: ignore[attr-defined]

    _submit(page, words)
    page.get_by_text(words.published).wait_for(timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    success = _text(page.get_by_text(words.published))  # type: ignore[attr-defined]
    assert f"({name} v1)" in success and words.selected in success
    stored = [dataset for dataset in Store().list_datasets("migration") if dataset.name == name]
    assert [dataset.version for dataset in stored] == [1] and not stored[0].is_active
    assert page.get_by_text(words.report).count() == 0  # the uploader is empty again  # type: ignore[attr-defined]
    assert _choice(page, words.choose) == f"{stored[0].id}: {name} v1"  # the new version is selected

    _upload(page, path, words)  # the same file again
    _submit(page, words)
    page.get_by_text(words.duplicate).wait_for(timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    warning = _text(page.get_by_text(words.duplicate))  # type: ignore[attr-defined]
    assert f"{name} v1" in warning
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"data_page_duplicate_{lang}.png"), full_page=True)  # type: ignore[attr-defined]
    assert [d.version for d in Store().list_datasets("migration") if d.name == name] == [1]  # nothing written yet

    page.get_by_role("button", name=words.publish_anyway).click()  # type: ignore[attr-defined]
    page.get_by_text(f"({name} v2)").wait_for(timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert [d.version for d in Store().list_datasets("migration") if d.name == name] == [2, 1]
    assert Store().active_dataset("migration").is_sample  # the shared active data is untouched
