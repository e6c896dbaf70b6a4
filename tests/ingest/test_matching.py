"""Matching rules: code first, then names within parents (exact, then fuzzy above a threshold)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.data.codes import CodeList
from geo.ingest.matching import AreaMatcher, match_areas, name_key, normalize_name
from geo.ingest.pipeline import check

from .support import write


def matched(codes: CodeList, rows: list[dict[str, str | None]], threshold: float = 85) -> pd.DataFrame:
    return match_areas(pd.DataFrame(rows, dtype=object), AreaMatcher(codes, threshold))


@pytest.mark.parametrize("raw", ["21.71.03.1003", "2171031003", " 21 71 03 1003 ", "2171031003.0", "21.71.3.1003"])
def test_code_forms(codes: CodeList, raw: str) -> None:
    result = matched(codes, [{"area_code": raw}])
    assert result.loc[0, ["area_code", "level", "matched_by", "score"]].tolist() == [
        "21.71.03.1003", "village", "code", 100.0]


@pytest.mark.parametrize(("raw", "level"), [("21.71", "regency"), ("2171", "regency"), ("21.71.03", "district"),
                                            ("21", "province")])
def test_higher_level_codes_keep_their_level(codes: CodeList, raw: str, level: str) -> None:
    result = matched(codes, [{"area_code": raw}])
    assert result.loc[0, "level"] == level
    assert result.loc[0, "area_code"] == {"regency": "21.71", "district": "21.71.03", "province": "21"}[level]


def test_excel_number_code_is_settled_by_the_code_list(codes: CodeList) -> None:
    # "21.1" can be 21.10 or 21.01; only 21.01 exists
    assert matched(codes, [{"area_code": "21.1"}]).loc[0, "area_code"] == "21.01"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("21.71.03.1999", "well formed but not in the Kepmendagri 2025 code list"),
        ("12345", "has 5 digits"),
        ("21.71.xx", "is not a code"),
        ("11.1", "is ambiguous: both 11.10 and 11.01 exist"),
    ],
)
def test_bad_codes_are_rejected_with_the_reason(codes: CodeList, raw: str, reason: str) -> None:
    result = matched(codes, [{"area_code": raw}])
    assert pd.isna(result.loc[0, "area_code"])
    assert reason in result.loc[0, "reason"]


def test_abbreviations_are_expanded() -> None:
    assert normalize_name("Tj. Pinang") == "tanjung pinang"
    assert normalize_name("Kab. Bintan") == "kabupaten bintan"
    assert normalize_name("Kel. Kemboja") == "kelurahan kemboja"
    assert normalize_name("Ds. Suka Maju") == "desa suka maju"
    assert name_key("Ds. Suka-Maju", "village") == name_key("SUKA MAJU", "village") == "sukamaju"


@pytest.mark.parametrize(
    "row",
    [
        {"regency_name": "Kota Tanjung Pinang", "village_name": "Tj. Pinang Barat"},
        {"regency_name": "Tanjungpinang", "village_name": "Kel. Tanjung Pinang Barat"},
        {"province_name": "Kepri", "village_name": "TANJUNG PINANG BARAT"},
        {"province_name": "Kepulauan Riau", "regency_name": "Kota Tanjung Pinang",
         "district_name": "Kec. Tanjung Pinang Barat", "village_name": "Tanjung  Pinang-Barat"},
    ],
)
def test_exact_names_after_normalisation(codes: CodeList, row: dict[str, str]) -> None:
    result = matched(codes, [row])
    assert result.loc[0, ["area_code", "matched_by", "score"]].tolist() == ["21.72.01.1001", "name", 100.0]


def test_fuzzy_name_reports_its_score(codes: CodeList) -> None:
    result = matched(codes, [{"regency_name": "Kota Batam", "village_name": "Tanjung Riao"}])
    assert result.loc[0, "area_code"] == "21.71.03.1003"
    assert result.loc[0, "matched_by"] == "fuzzy"
    assert 85 <= result.loc[0, "score"] < 100
    assert result.loc[0, "note"] == "'Tanjung Riao' ≈ Tanjung Riau (91)"


def test_fuzzy_also_compares_unexpanded_abbreviations(codes: CodeList) -> None:
    # "Sei" is expanded to "Sungai" for exact matching; a misspelt "Se Enam" is still close to "Sei Enam"
    exact = matched(codes, [{"district_name": "Bintan Timur", "village_name": "Sungai Enam"}])
    assert exact.loc[0, ["area_code", "matched_by"]].tolist() == ["21.01.06.2002", "name"]
    fuzzy = matched(codes, [{"district_name": "Bintan Timur", "village_name": "Se Enam"}])
    assert fuzzy.loc[0, ["area_code", "matched_by"]].tolist() == ["21.01.06.2002", "fuzzy"]
    assert fuzzy.loc[0, "score"] == 92.3


def test_below_threshold_is_not_guessed(codes: CodeList) -> None:
    result = matched(codes, [{"regency_name": "Kota Batam", "village_name": "Tanjung Uncang"}])
    assert pd.isna(result.loc[0, "area_code"])
    assert result.loc[0, "reason"].startswith(
        "village (desa/kelurahan) 'Tanjung Uncang' not found in Kota Batam (21.71); closest is Tanjung Riau (")


def test_threshold_is_configurable(codes: CodeList) -> None:
    row = {"regency_name": "Kota Batam", "village_name": "Tanjung Riao"}
    assert pd.isna(matched(codes, [row], threshold=95).loc[0, "area_code"])


def test_name_is_searched_within_its_parents(codes: CodeList) -> None:
    result = matched(codes, [
        {"district_name": "Cibinong", "village_name": "Suka Maju"},
        {"district_name": "Babakan Madang", "village_name": "Ds. Sukamaju"},
        {"village_name": "Suka Maju"},
    ])
    assert result["area_code"].tolist()[:2] == ["32.01.01.2001", "32.01.02.2001"]
    assert "ambiguous in Indonesia: Suka Maju (32.01.01.2001), Suka Maju (32.01.02.2001)" in result.loc[2, "reason"]


def test_kota_and_kabupaten_are_not_guessed(codes: CodeList) -> None:
    result = matched(codes, [{"regency_name": "Bogor"}, {"regency_name": "Kab. Bogor"}, {"regency_name": "Kota Bogor"}])
    assert "write 'Kota' or 'Kabupaten'" in result.loc[0, "reason"]
    assert result["area_code"].tolist()[1:] == ["32.01", "32.71"]
    assert result["level"].tolist()[1:] == ["regency", "regency"]


def test_wrong_parent_rejects_the_row(codes: CodeList) -> None:
    result = matched(codes, [{"regency_name": "Kota Batam", "village_name": "Tanjung Pinang Barat"}])
    assert "not found in Kota Batam (21.71)" in result.loc[0, "reason"]


def test_unknown_code_falls_back_to_names(codes: CodeList) -> None:
    row = {"area_code": "21.71.03.1999", "regency_name": "Kota Batam", "village_name": "Tiban Indah"}
    result = matched(codes, [row])
    assert result.loc[0, ["area_code", "matched_by"]].tolist() == ["21.71.03.1001", "name"]
    assert "code not used" in result.loc[0, "note"]


def test_unknown_code_and_unknown_name_give_both_reasons(codes: CodeList) -> None:
    result = matched(codes, [{"area_code": "21.71.03.1999", "village_name": "Atlantis"}])
    reason = result.loc[0, "reason"]
    assert "not in the Kepmendagri 2025 code list" in reason
    assert "And by name: village (desa/kelurahan) 'Atlantis'" in reason


def test_empty_area_is_rejected(codes: CodeList) -> None:
    result = matched(codes, [{"area_code": None, "village_name": None}])
    assert result.loc[0, "reason"] == "no area: the code and name cells are empty"


def test_nothing_is_silently_dropped(tmp_path: Path, codes: CodeList) -> None:
    lines = ["kode;desa;kabupaten;tahun;jumlah"]
    lines += [f"{code};{village};{regency};2023;{count}" for code, village, regency, count in [
        ("2171031003", "", "", "5"), ("", "Tanjung Riao", "Kota Batam", "2"), ("", "Atlantis", "Kota Batam", "1"),
        ("21.71", "", "", "9"), ("99", "", "", "1"), ("", "", "", "3"), ("21.72.01.1001", "", "", "x"),
    ]]
    result = check(write(tmp_path / "all.csv", "\n".join(lines) + "\n"), kind="migration", codelist=codes)
    report = result.report
    assert report.rows_read == 7
    assert report.rows_accepted + report.rows_rejected == report.rows_read
    assert sorted(result.matches["row"].tolist() + [item["row"] for item in report.rejected]) == list(range(2, 9))
    assert report.matched_by == {"code": 2, "name": 0, "fuzzy": 1}
    assert [item["row"] for item in report.rejected] == [4, 6, 7, 8]
