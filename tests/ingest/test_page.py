"""AppTest of the Data page: upload, report, number format, publish, activate, delete, sample label."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from geo.data.store import Store

from .support import MESSY

pytestmark = pytest.mark.integration

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_data_page(lang: str = "en") -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    if lang != "id":
        app.query_params["lang"] = lang
    app.switch_page("pages/data.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def frame_with(app: AppTest, column: str):  # type: ignore[no-untyped-def]
    """The first table on the page that has ``column``."""
    return next(element.value for element in app.dataframe if column in element.value.columns)


def upload(app: AppTest, name: str, content: bytes) -> AppTest:
    app.file_uploader(key="data_file").set_value((name, content, "text/csv")).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_empty_store_shows_labelled_sample_data(home: Path) -> None:
    app = open_data_page()
    info = " ".join(element.value for element in app.info)
    assert "Sample data (synthetic): Sample: PMI placements 2023." in info
    assert "BP2MI" in info and "BP3MI Kepulauan Riau (March 2025)" in info
    table = app.dataframe[-1].value
    assert sorted(table["Status"]) == ["active, sample data", "active, sample data"]


def test_sample_label_in_bahasa_indonesia(home: Path) -> None:
    app = open_data_page("id")
    assert app.title[0].value == "Data: unggah & versi dataset"
    assert any("Data contoh (sintetis)" in element.value for element in app.info)


def test_upload_check_and_publish(home: Path) -> None:
    app = upload(open_data_page(), "messy.csv", MESSY.encode("utf-8"))
    assert metrics(app) == {"Rows read": "11", "Accepted": "6", "Rejected": "5", "Total count": "2,263"}
    assert "'Nama PMI': people's names, recognised by its header" in app.warning[0].value
    assert "Matched by code: 4 · exact name: 1 · fuzzy name: 1" in [m.value for m in app.markdown]
    rejected = frame_with(app, "reason")
    assert rejected["row"].tolist() == [8, 9, 10, 12, 13]
    matches = frame_with(app, "matched_by")
    assert matches.loc[matches["matched_by"] == "fuzzy", "score"].tolist() == [94.4]
    preview = frame_with(app, "Kode Wilayah")
    assert "Nama PMI" not in preview.columns and "No HP" not in preview.columns  # not even previewed

    app.text_input[0].set_value("Kepri 2023")
    app.button[0].click().run()  # the form's submit button
    assert not app.exception
    assert app.success[0].value == "Stored as dataset 3 (Kepri 2023 v1): 6 rows, total 2,263."
    stored = Store().get_dataset(3)
    assert (stored.name, stored.total, stored.is_active, stored.file_name) == ("Kepri 2023", 2263, True, "messy.csv")
    assert stored.uploader == "local"  # single-user mode (no accounts): the local user


def test_number_format_can_be_corrected(home: Path) -> None:
    app = upload(open_data_page(), "messy.csv", MESSY.encode("utf-8"))
    app.radio(key=[radio.key for radio in app.radio if radio.key.startswith("data_number_format")][0]).set_value(
        "en").run()
    # read as English, "1.234" is not a whole number and "1.000" is one
    assert metrics(app)["Accepted"] == "5" and metrics(app)["Total count"] == "30"
    assert "count '1.234' is not a whole number" in frame_with(app, "reason")["reason"].tolist()


def test_excel_sheet_can_be_chosen(home: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Catatan"
    book.active.append(["Sumber: Disnaker"])
    data = book.create_sheet("Data")
    data.append(["Kode Desa", "Tahun", "Jumlah"])
    data.append([2171031003, 2023, 1234])
    data.append(["21.72.01.1001", 2023, 5])
    buffer = io.BytesIO()
    book.save(buffer)
    app = open_data_page()
    app.file_uploader(key="data_file").set_value(
        ("pmi.xlsx", buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).run()
    assert "no column with area codes or area names" in app.error[0].value  # the first sheet is a note
    sheet = next(box for box in app.selectbox if box.label == "Sheet")
    assert sheet.options == ["Catatan", "Data"]
    sheet.set_value("Data").run()
    assert not app.error
    assert metrics(app) == {"Rows read": "2", "Accepted": "2", "Rejected": "0", "Total count": "1,239"}


def test_file_rejected_as_a_whole_shows_the_reason(home: Path) -> None:
    app = upload(open_data_page(), "bad.csv", b"kode,tahun\n2171031003,2023\n")
    assert "no column with the number of migrant workers" in app.error[0].value


def test_file_rejected_as_a_whole_in_bahasa_indonesia_by_default(home: Path) -> None:
    app = upload(open_data_page("id"), "kosong.csv", b"")
    assert [element.value for element in app.error] == ["kosong.csv kosong."]
    app = upload(open_data_page("id"), "foto.csv", b"\x00\x01\x02\x03")
    assert [element.value for element in app.error] == ["foto.csv bukan file teks (CSV) atau Excel."]


def test_file_rejected_as_a_whole_in_english_with_lang_en(home: Path) -> None:
    app = upload(open_data_page("en"), "kosong.csv", b"")
    assert [element.value for element in app.error] == ["kosong.csv is empty."]
    app = upload(open_data_page("en"), "foto.csv", b"\x00\x01\x02\x03")
    assert [element.value for element in app.error] == ["foto.csv is not a text (CSV) or Excel file."]


def test_activate_and_delete_a_version(home: Path) -> None:
    app = open_data_page()
    ids = app.selectbox(key="data_version").options
    assert len(ids) == 2
    chosen = app.selectbox(key="data_version").value
    app.checkbox(key="data_delete_confirm").check().run()
    app.button(key="data_delete").click().run()
    assert not app.exception
    shown = app.success[0].value.replace("\\", "")  # dataset names are Markdown-escaped when shown
    assert shown.startswith("Dataset Sample:") and shown.endswith("deleted.")
    assert len(Store().list_datasets()) == 1 and chosen not in [d.id for d in Store().list_datasets()]
    remaining = Store().list_datasets()[0]
    app.button(key="data_activate").click().run()
    assert app.success[0].value.replace("\\", "") == f"Dataset {remaining.label} is now active."


def test_rejection_reasons_in_bahasa_indonesia_by_default(home: Path) -> None:
    app = upload(open_data_page("id"), "messy.csv", MESSY.encode("utf-8"))
    reasons = frame_with(app, "reason").set_index("row")["reason"]
    assert reasons[10] == "jumlah '-3' negatif"
    assert reasons[12] == "jumlah 'banyak' di 'Jumlah PMI' bukan angka (Indonesia: 1.234 dan 1.234,5)"
    assert reasons[8].startswith("Kode wilayah '99.99.99.9999': bagian desa '9999' harus diawali 1")
    assert reasons[13].startswith("desa/kelurahan 'Desa Antah Berantah' tidak ditemukan di Kota Batam (21.71)")
    assert "'Nama PMI': nama orang, dikenali dari judul kolomnya" in app.warning[0].value
    notes = frame_with(app, "note")["note"].dropna().tolist()
    assert notes == ["'Tanjung Pinang Barta' ≈ Tanjung Pinang Barat (94)"]


def test_rejection_reasons_in_english_with_lang_en(home: Path) -> None:
    app = upload(open_data_page("en"), "messy.csv", MESSY.encode("utf-8"))
    reasons = frame_with(app, "reason").set_index("row")["reason"]
    assert reasons[10] == "count '-3' is negative"
    assert reasons[12] == "count 'banyak' in 'Jumlah PMI' is not a number (Indonesian: 1.234 and 1.234,5)"
    assert reasons[8].startswith("Kode wilayah '99.99.99.9999': village part '9999' must start with 1")
