"""AppTest of the Data page: upload, mapping and report in the page's language, number format, publish
(duplicate warning, activation preview, the new version selected afterwards), activate, delete, sample label."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.app import datapage
from geo.data.codes import level_of
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
    app.file_uploader[0].set_value((name, content, "text/csv")).run()  # its key changes after each publish
    assert not app.exception, [e.value for e in app.exception]
    return app


def sample_label() -> str:
    return next(d.label for d in Store().list_datasets("migration") if d.is_sample)


def unescaped(text: str) -> str:
    """``text`` as Markdown shows it (the page escapes what the file says; word joiners keep ``:x:`` literal)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace("\u2060", "")


def rejected_reasons(app: AppTest) -> pd.Series:
    """The rejected rows' reasons by row number, as in the wrapping table (not a data grid that cuts them)."""
    return app.table[0].value.iloc[:, 0].map(unescaped)


def button(app: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(element for element in app.button if element.label == label)


def publish(app: AppTest, name: str, *, activate: bool = True, label: str = "Publish as a new version") -> AppTest:
    app.text_input[0].set_value(name)
    app.checkbox[0].set_value(activate)
    button(app, label).click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_empty_store_shows_labelled_sample_data(home: Path) -> None:
    app = open_data_page()
    info = " ".join(element.value for element in app.info)
    sample = next(d for d in Store().list_datasets("migration") if d.is_sample)
    assert f"Sample data (synthetic): {sample.name}." in info
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
    assert "'Nama PMI': people's names, recognised by its header" in unescaped(app.warning[0].value)
    assert "Matched by code: 4 · exact name: 1 · fuzzy name: 1" in [m.value for m in app.markdown]
    assert rejected_reasons(app).index.tolist() == [8, 9, 10, 12, 13]
    matches = frame_with(app, "Matched by")
    assert matches.loc[matches["Matched by"] == "fuzzy name", "Similarity score"].tolist() == ["94.4"]
    preview = frame_with(app, "Kode Wilayah")
    assert "Nama PMI" not in preview.columns and "No HP" not in preview.columns  # not even previewed

    publish(app, "Kepri 2023", activate=False)
    assert app.success[0].value == ("Stored as dataset 3 (Kepri 2023 v1): 6 rows, total 2,263. "
                                    "The new version is selected in the list of versions below.")
    stored = Store().get_dataset(3)
    assert (stored.name, stored.total, stored.is_active, stored.file_name) == ("Kepri 2023", 2263, False, "messy.csv")
    assert stored.uploader == "local"  # single-user mode (no accounts): the local user


def test_after_publishing_the_new_version_is_selected_and_the_uploader_empty(home: Path) -> None:
    app = publish(upload(open_data_page(), "messy.csv", MESSY.encode("utf-8")), "Kepri 2023", activate=False)
    assert app.selectbox(key="data_version").value == 3
    assert app.file_uploader[0].value is None and app.file_uploader[0].key != "data_file_0"
    assert not app.metric and not app.table  # the report of the published file is gone
    upload(app, "messy.csv", MESSY.encode("utf-8"))  # the new uploader works
    assert metrics(app)["Accepted"] == "6"


def test_mapping_shows_meanings_in_english_never_field_names(home: Path) -> None:
    app = upload(open_data_page("en"), "messy.csv", MESSY.encode("utf-8"))
    mapping = {box.label: box for box in app.selectbox if box.key.startswith("data_mapping")}
    assert mapping["Kode Wilayah"].options[mapping["Kode Wilayah"].index] == "Area code (Kemendagri)"
    assert mapping["Jumlah PMI"].options[mapping["Jumlah PMI"].index] == "Count (people)"
    assert mapping["Negara Tujuan"].options[mapping["Negara Tujuan"].index] == "Destination country"
    shown = {option for box in mapping.values() for option in box.options}
    assert not shown & {"area_code", "count", "ignore", "village_name", "destination_country"}
    assert "Nama PMI" not in mapping and "No HP" not in mapping  # personal columns cannot be mapped back in


def test_mapping_and_report_in_bahasa_indonesia_by_default(home: Path) -> None:
    app = upload(open_data_page("id"), "messy.csv", MESSY.encode("utf-8"))
    mapping = {box.label: box for box in app.selectbox if box.key.startswith("data_mapping")}
    assert mapping["Kode Wilayah"].options[mapping["Kode Wilayah"].index] == "Kode wilayah (Kemendagri)"
    assert mapping["Jumlah PMI"].options[mapping["Jumlah PMI"].index] == "Jumlah (orang)"
    assert mapping["Bulan"].options[0] == "(tidak dipakai)"
    assert app.table[0].value.index.name == "Baris" and list(app.table[0].value.columns) == ["Alasan"]
    matches = frame_with(app, "Cocok menurut")
    assert list(matches.columns) == ["Baris", "Tertulis di file", "Kode wilayah", "Nama wilayah", "Tingkat",
                                     "Cocok menurut", "Skor kemiripan", "Keterangan"]
    assert matches["Cocok menurut"].tolist() == ["kode", "kode", "nama persis", "nama mirip", "kode", "kode"]
    assert set(matches["Tingkat"]) == {"Desa/Kelurahan", "Kabupaten/Kota"}
    assert matches["Skor kemiripan"].tolist()[3] == "94,4"
    assert matches["Keterangan"].tolist().count("\u2013") == 5  # no note: a dash, never "None"
    assert not (matches.astype(str).isin(["None", "nan", "<NA>"])).any().any()


def test_report_in_english_with_lang_en(home: Path) -> None:
    app = upload(open_data_page("en"), "messy.csv", MESSY.encode("utf-8"))
    assert app.table[0].value.index.name == "Row" and list(app.table[0].value.columns) == ["Reason"]
    matches = frame_with(app, "Matched by")
    assert matches["Matched by"].tolist() == ["code", "code", "exact name", "fuzzy name", "code", "code"]
    assert set(matches["Level"]) == {"Village", "Regency/City"}


def test_duplicate_publish_warns_and_writes_nothing_without_confirmation(home: Path) -> None:
    app = publish(upload(open_data_page("en"), "messy.csv", MESSY.encode("utf-8")), "Kepri", activate=False)
    upload(app, "kepri-again.csv", MESSY.encode("utf-8"))  # same bytes, another file name
    publish(app, "Kepri", activate=False)
    warning = app.warning[-1].value
    assert warning.startswith("This file (same content and kind of data) was already published as **Kepri v1** on ")
    assert "UTC" in warning and "Publishing it again creates an identical version." in warning
    assert [d.label for d in Store().list_datasets("migration")] == ["Kepri v1", sample_label()]
    button(app, "Cancel").click().run()
    assert "Cancelled: nothing was changed." in [element.value for element in app.info]
    assert len(Store().list_datasets("migration")) == 2

    publish(app, "Kepri", activate=False)
    button(app, "Publish anyway").click().run()
    assert not app.exception
    assert [d.label for d in Store().list_datasets("migration")][:2] == ["Kepri v2", "Kepri v1"]
    assert app.success[0].value.startswith("Stored as dataset 4 (Kepri v2)")
    assert app.selectbox(key="data_version").value == 4


def test_same_file_as_the_other_kind_is_no_duplicate(home: Path) -> None:
    app = publish(upload(open_data_page("en"), "messy.csv", MESSY.encode("utf-8")), "Kepri", activate=False)
    app.radio(key="data_kind").set_value("cases").run()
    upload(app, "messy.csv", MESSY.encode("utf-8"))
    publish(app, "Kepri cases", activate=False)
    assert not any("already published" in element.value for element in app.warning)
    assert Store().list_datasets("cases")[0].label == "Kepri cases v1"


def save_national(codes: list[str], name: str = "Nasional") -> int:
    """An active migration dataset covering ``codes`` (what the Kepri file is compared with)."""
    records = pd.DataFrame({"area_code": codes, "level": [level_of(code) for code in codes],
                            "period": ["2023"] * len(codes), "count": [10] * len(codes)})
    return Store().save_dataset(kind="migration", name=name, records=records, activate=True)


NATIONAL = ["11.01.01.2001", "21.71.03.1001", "32.01"]
"""Aceh, Kota Batam (Kepri) and Kabupaten Bogor: the Kepri file (MESSY) has Batam and Tanjung Pinang only."""


def test_publishing_as_active_first_shows_what_it_removes(home: Path) -> None:
    app = open_data_page("id")
    save_national(NATIONAL)
    app.run()
    publish(upload(app, "messy.csv", MESSY.encode("utf-8")), "Kepri", activate=True,
            label="Terbitkan sebagai versi baru")
    assert unescaped(app.warning[-1].value) == (
        "Mengaktifkan ini menghilangkan data untuk: Aceh (11), Jawa Barat (32). Data aktif sekarang (Nasional v1) "
        "mencakup wilayah ini, yang baru tidak.")
    assert [d.label for d in Store().list_datasets("migration")] == ["Nasional v1", sample_label()]  # none written
    button(app, "Tetap terbitkan").click().run()
    active = Store().active_dataset("migration")
    assert (active.label, active.total) == ("Kepri v1", 2263)


def test_activating_a_version_first_shows_what_it_removes(home: Path) -> None:
    app = publish(upload(open_data_page("en"), "messy.csv", MESSY.encode("utf-8")), "Kepri", activate=False)
    national = save_national(NATIONAL)
    app.run()
    assert app.selectbox(key="data_version").value == 3
    app.button(key="data_activate").click().run()
    assert unescaped(app.warning[-1].value) == (
        "Activating this removes data for: Aceh (11), Jawa Barat (32). The dataset active now (Nasional v1) "
        "covers these areas, the new one does not.")
    assert Store().active_dataset("migration").id == national  # nothing changed yet
    app.button(key="data_activate_anyway").click().run()
    assert unescaped(app.success[0].value) == "Dataset Kepri v1 is now active."
    assert Store().active_dataset("migration").label == "Kepri v1"
    # back to the national one, which has Batam but not Tanjung Pinang: asked again, cancelled, nothing changes
    app.selectbox(key="data_version").set_value(national).run()
    app.button(key="data_activate").click().run()
    assert unescaped(app.warning[-1].value).startswith("Activating this removes data for: Kota Tanjung Pinang (21.72).")
    app.button(key="data_activate_cancel").click().run()
    assert not app.warning and Store().active_dataset("migration").label == "Kepri v1"


def test_activating_a_version_that_covers_everything_asks_nothing(home: Path) -> None:
    app = open_data_page("en")
    sample_id = next(d.id for d in Store().list_datasets("migration") if d.is_sample)
    app.selectbox(key="data_version").set_value(sample_id).run()
    app.button(key="data_activate").click().run()  # already active: removes nothing
    assert not app.warning
    assert unescaped(app.success[0].value) == f"Dataset {sample_label()} is now active."


def test_number_format_can_be_corrected(home: Path) -> None:
    app = upload(open_data_page(), "messy.csv", MESSY.encode("utf-8"))
    app.radio(key=[radio.key for radio in app.radio if radio.key.startswith("data_number_format")][0]).set_value(
        "en").run()
    # read as English, "1.234" is not a whole number and "1.000" is one
    assert metrics(app)["Accepted"] == "5" and metrics(app)["Total count"] == "30"
    assert "count '1.234' is not a whole number" in rejected_reasons(app).tolist()


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
    app.file_uploader[0].set_value(
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
    assert [unescaped(element.value) for element in app.error] == ["kosong.csv kosong."]  # shown escaped: plain text
    app = upload(open_data_page("id"), "foto.csv", b"\x00\x01\x02\x03")
    assert [unescaped(element.value) for element in app.error] == ["foto.csv bukan file teks (CSV) atau Excel."]


def test_file_rejected_as_a_whole_in_english_with_lang_en(home: Path) -> None:
    app = upload(open_data_page("en"), "kosong.csv", b"")
    assert [unescaped(element.value) for element in app.error] == ["kosong.csv is empty."]
    app = upload(open_data_page("en"), "foto.csv", b"\x00\x01\x02\x03")
    assert [unescaped(element.value) for element in app.error] == ["foto.csv is not a text (CSV) or Excel file."]


def test_activate_and_delete_a_version(home: Path) -> None:
    app = open_data_page()
    ids = app.selectbox(key="data_version").options
    assert len(ids) == 2
    chosen = app.selectbox(key="data_version").value
    app.checkbox(key="data_delete_confirm").check().run()
    app.button(key="data_delete").click().run()
    assert not app.exception
    shown = unescaped(app.success[0].value)  # dataset names are Markdown-escaped when shown
    assert shown.startswith("Dataset Sample:") and shown.endswith("deleted.")
    assert len(Store().list_datasets()) == 1 and chosen not in [d.id for d in Store().list_datasets()]
    remaining = Store().list_datasets()[0]
    app.button(key="data_activate").click().run()
    assert unescaped(app.success[0].value) == f"Dataset {remaining.label} is now active."


def test_rejection_reasons_in_bahasa_indonesia_by_default(home: Path) -> None:
    app = upload(open_data_page("id"), "messy.csv", MESSY.encode("utf-8"))
    reasons = rejected_reasons(app)
    assert reasons[10] == "jumlah '-3' negatif"
    assert reasons[12] == "jumlah 'banyak' di 'Jumlah PMI' bukan angka (Indonesia: 1.234 dan 1.234,5)"
    # in full, however long (a data grid would cut them off)
    assert reasons[8] == "Kode wilayah '99.99.99.9999': bagian desa '9999' harus diawali 1 (kelurahan) atau 2 (desa)."
    assert reasons[13] == ("desa/kelurahan 'Desa Antah Berantah' tidak ditemukan di Kota Batam (21.71); "
                           "yang paling mirip Batu Merah (55 < 85)")
    assert "'Nama PMI': nama orang, dikenali dari judul kolomnya" in unescaped(app.warning[0].value)
    notes = [note for note in frame_with(app, "Keterangan")["Keterangan"] if note != "\u2013"]
    assert notes == ["'Tanjung Pinang Barta' ≈ Tanjung Pinang Barat (94)"]


def test_rejection_reasons_in_english_with_lang_en(home: Path) -> None:
    app = upload(open_data_page("en"), "messy.csv", MESSY.encode("utf-8"))
    reasons = rejected_reasons(app)
    assert reasons[10] == "count '-3' is negative"
    assert reasons[12] == "count 'banyak' in 'Jumlah PMI' is not a number (Indonesian: 1.234 and 1.234,5)"
    assert reasons[8] == "Kode wilayah '99.99.99.9999': village part '9999' must start with 1 (kelurahan) or 2 (desa)."
    assert reasons[13] == ("village (desa/kelurahan) 'Desa Antah Berantah' not found in Kota Batam (21.71); "
                           "closest is Batu Merah (55 < 85)")


def test_what_the_file_says_is_not_read_as_markdown_in_the_report(home: Path) -> None:
    hostile = MESSY.replace(";banyak;", ";[klik](x.id) **tebal**;")
    app = upload(open_data_page("en"), "messy.csv", hostile.encode("utf-8"))
    cell = app.table[0].value.iloc[:, 0][12]
    assert "\\[klik\\]\\(x\\.id\\)" in cell and "\\*\\*tebal\\*\\*" in cell
    assert unescaped(cell) == ("count '[klik](x.id) **tebal**' in 'Jumlah PMI' is not a number "
                               "(Indonesian: 1.234 and 1.234,5)")


def test_areas_removed_names_provinces_once_and_regencies_within_shared_provinces() -> None:
    assert datapage.areas_removed(["21.71.03.1003", "35.07", "35.09.01", "12"], ["21.71", "35.07.02.2001"]) == [
        "12", "35.09"]
    assert datapage.areas_removed(["21", "35.07"], ["35"]) == ["21"]  # figures for Jawa Timur as a whole
    assert datapage.areas_removed(["21.71"], ["21.71.03.1003", "32"]) == []


def test_area_list_names_ten_and_counts_the_rest() -> None:
    provinces = ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33"]
    english = datapage.area_list(provinces, "en")
    assert english.startswith("Aceh \\(11\\), Sumatera Utara \\(12\\)")
    assert english.endswith("Kepulauan Riau \\(21\\), and 3 more") and english.count("\\(") == 10
    assert datapage.area_list(provinces, "id").endswith(", dan 3 lainnya")


def test_find_by_content_skips_deleted_versions_and_other_kinds(home: Path) -> None:
    store = Store()
    records = pd.DataFrame({"area_code": ["21.71"], "level": ["regency"], "period": ["2023"], "count": [5]})
    first = store.save_dataset(kind="migration", name="A", records=records, sha256="ab" * 32)
    second = store.save_dataset(kind="migration", name="A", records=records, sha256="ab" * 32)
    assert store.find_by_content("migration", "ab" * 32).id == second
    assert store.area_codes(second) == {"21.71"} and store.area_codes(999) == set()
    assert store.find_by_content("cases", "ab" * 32) is None
    store.delete_dataset(second)
    assert store.find_by_content("migration", "ab" * 32).id == first
    store.delete_dataset(first)
    assert store.find_by_content("migration", "ab" * 32) is None


def test_a_hostile_file_name_in_a_whole_file_error_is_shown_as_text(home: Path) -> None:
    app = upload(open_data_page("en"), "[x](https://evil.example)![](http://127.0.0.1/b.png).csv", b"")
    shown = app.error[0].value
    assert "\\[x\\]\\(https\\:" in shown and "\\!\\[\\]" in shown  # Markdown escaped: no link, no image
    assert unescaped(shown) == "[x](https://evil.example)![](http://127.0.0.1/b.png).csv is empty."
