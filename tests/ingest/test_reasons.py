"""Rejection reasons and notes in both UI languages: English as before (CLI), Bahasa Indonesia on the page."""

from __future__ import annotations

import copy
import json
import pickle

import pandas as pd
import pytest

from geo.data.codes import CodeList, normalize_code
from geo.errors import InvalidCodeError
from geo.i18n import t
from geo.ingest.matching import AreaMatcher, Reason, match_areas, render_reason
from geo.ingest.pipeline import check


def test_reason_is_its_english_text_and_renders_in_bahasa_indonesia() -> None:
    reason = Reason("ingest_reason.count_fractional", value="1.5")
    assert reason == "count '1.5' is not a whole number"
    assert isinstance(reason, str) and type(str(reason)) is str
    assert reason.render("en") == "count '1.5' is not a whole number"
    assert reason.render("id") == "jumlah '1.5' bukan bilangan bulat"
    assert reason.render("fr") == reason.render("id")  # unknown language: Bahasa Indonesia, like geo.i18n.t


def test_nested_reasons_render_in_the_same_language() -> None:
    joined = Reason.join(Reason("ingest_reason.count_negative", value="-3"),
                         Reason("ingest_reason.sex_invalid", value="X"))
    assert joined == "count '-3' is negative; sex 'X' is not L/P (laki-laki/perempuan)"
    assert joined.render("id") == "jumlah '-3' negatif; jenis kelamin 'X' bukan L/P (laki-laki/perempuan)"
    plain = Reason.join("an old message", Reason("ingest_reason.no_area"))
    assert plain.render("id") == "an old message; tidak ada wilayah: sel kode dan nama kosong"


def test_reason_survives_copy_pickle_and_json() -> None:
    reason = Reason("ingest_reason.personal", column="Catatan", kinds=Reason("ingest_reason.kind.phone"))
    for clone in (copy.deepcopy(reason), pickle.loads(pickle.dumps(reason))):
        assert clone == reason and clone.render("id") == reason.render("id")
    assert json.loads(json.dumps({"reason": reason})) == {
        "reason": "'Catatan' holds personal data (phone numbers) in this row; remove it"}


def test_render_reason_leaves_plain_values_alone() -> None:
    assert render_reason("plain", "id") == "plain"
    assert render_reason(None, "en") is None


@pytest.mark.parametrize("raw", ["", "abc", "12345", "21.71.xx", "10.01", "21.00.01", "21.71.03.5001", "1.2.3",
                                 "21.71.03.100", "21.1", 21.123, "2.1e+09", True, "21.71.123"])
def test_code_errors_carry_a_key_whose_english_is_the_message(raw: object) -> None:
    with pytest.raises(InvalidCodeError) as caught:
        normalize_code(raw)  # type: ignore[arg-type]
    error = caught.value
    assert error.key is not None and error.key.startswith("code_error.")
    assert t(error.key, "en", **error.values) == str(error)
    assert t(error.key, "id", **error.values) != str(error)


def test_code_list_errors_carry_a_key(codes: CodeList) -> None:
    for raw, key in (("21.71.03.1999", "code_error.not_in_list"), ("11.1", "code_error.ambiguous_existing")):
        with pytest.raises(InvalidCodeError) as caught:
            codes.validate(raw)
        assert caught.value.key == key
        assert t(key, "en", **caught.value.values) == str(caught.value)
    with pytest.raises(InvalidCodeError) as caught:
        codes.name("21.99")
    assert t("code_error.unknown", "id", **caught.value.values) == (
        "Kode wilayah '21.99' tidak ada dalam daftar kode Kepmendagri 2025.")


def test_old_style_code_error_still_works() -> None:
    error = InvalidCodeError("something else")
    assert (str(error), error.key, error.values) == ("something else", None, {})
    assert Reason.from_code_error(error).render("id") == "something else"


def test_matching_reasons_and_notes_in_both_languages(codes: CodeList) -> None:
    rows = [
        {"area_code": "21.71.03.1999", "village_name": "Atlantis", "regency_name": "Kota Batam"},
        {"area_code": None, "village_name": "Suka Maju", "regency_name": None},
        {"area_code": None, "village_name": "Tanjung Riao", "regency_name": "Kota Batam"},
        {"area_code": None, "village_name": None, "regency_name": None},
    ]
    result = match_areas(pd.DataFrame(rows, dtype=object), AreaMatcher(codes, 85))
    assert result.loc[0, "reason"].render("id") == (
        "Kode wilayah '21.71.03.1999' formatnya benar tetapi tidak ada dalam daftar kode Kepmendagri 2025. "
        "Dan menurut nama: desa/kelurahan 'Atlantis' tidak ditemukan di Kota Batam (21.71)"
        + result.loc[0, "reason"].values["name"].values["closest"].render("id"))
    assert result.loc[1, "reason"].render("id").startswith(
        "desa/kelurahan 'Suka Maju' ambigu di Indonesia: Suka Maju (32.01.01.2001), Suka Maju (32.01.02.2001); "
        "isi wilayah induknya")
    assert result.loc[2, "note"] == "'Tanjung Riao' ≈ Tanjung Riau (91)"
    assert result.loc[2, "note"].render("id") == "'Tanjung Riao' ≈ Tanjung Riau (91)"
    assert result.loc[3, "reason"].render("id") == "tidak ada wilayah: sel kode dan nama kosong"


CSV = (
    "kode,tahun,jumlah,jk,catatan_negara\n"
    "21.71.03.1003,2023,5,L,Malaysia\n"
    "21.71.03.1003,2023,-2,X,Malaysia\n"
    "99,2023,1,P,Malaysia\n"
)


def test_check_keeps_english_report_and_translates_on_request(codes: CodeList) -> None:
    result = check(CSV.encode(), "pmi.csv", kind="migration", codelist=codes)
    english = [item["reason"] for item in result.report.rejected]
    assert all(type(reason) is str for reason in english)  # JSON/CLI output: plain English text
    assert english == result.rejected_in("en")["reason"].tolist() == result.rejected["reason"].tolist()
    assert english[0] == "count '-2' is negative; sex 'X' is not L/P (laki-laki/perempuan)"
    indonesian = result.rejected_in("id")
    assert indonesian["row"].tolist() == [3, 4]
    assert indonesian["reason"].tolist() == [
        "jumlah '-2' negatif; jenis kelamin 'X' bukan L/P (laki-laki/perempuan)",
        "Kode wilayah '99' formatnya benar tetapi tidak ada dalam daftar kode Kepmendagri 2025.",
    ]
    assert result.rejected["reason"].tolist() == english  # rendering copies: the result is untouched


def test_file_warnings_and_personal_columns_in_both_languages(codes: CodeList) -> None:
    result = check(b"kode,No HP\n21.71.03.1003,0812345678\n", "kasus.csv", kind="cases", codelist=codes)
    assert result.report.warnings == [
        "No count column: every row counts as 1 case.",
        "No period column (tahun/bulan/tanggal): the records have no period.",
    ]
    assert json.loads(json.dumps(result.report.to_dict()))["warnings"] == result.report.warnings
    assert result.report.warnings_in("id") == [
        "Tidak ada kolom jumlah: setiap baris dihitung sebagai 1 kasus.",
        "Tidak ada kolom periode (tahun/bulan/tanggal): data tidak memiliki periode.",
    ]
    assert result.report.warnings_in("en") == result.report.warnings
