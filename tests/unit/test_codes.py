"""Kemendagri code normalisation, levels, parents and validation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.data.codes import CodeList, ancestors, code_candidates, level_of, normalize_code, parent_of, truncate_to_level
from geo.errors import InvalidCodeError

CODES = CodeList.from_rows(
    [
        ("21", "Kepulauan Riau"),
        ("21.01", "Kabupaten Bintan"),
        ("21.71", "Kota Batam"),
        ("21.71.01", "Belakang Padang"),
        ("21.71.01.1001", "Tanjung Sari"),
        ("11", "Aceh"),
        ("11.10", "Kabupaten Aceh Singkil"),
        ("11.01", "Kabupaten Aceh Selatan"),
    ]
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("21.71.01.1001", "21.71.01.1001"),
        ("2171011001", "21.71.01.1001"),
        (" 21.71.01.1001 ", "21.71.01.1001"),
        ("21 71 01 1001", "21.71.01.1001"),
        ("2171", "21.71"),
        ("21", "21"),
        ("217101", "21.71.01"),
        (2171011001, "21.71.01.1001"),
        (2171011001.0, "21.71.01.1001"),
        ("2171011001.0", "21.71.01.1001"),
        ("2.171011001E+09", "21.71.01.1001"),
        (21.1, "21.10"),  # a number: Excel turned 21.10 into 21.1
        ("21.71.1.1001", "21.71.01.1001"),  # a middle part lost its leading zero
        ("21.71.1", None),  # ambiguous: 21.71.10 or 21.71.01
    ],
)
def test_normalize_code(raw: object, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(InvalidCodeError, match="ambiguous"):
            normalize_code(raw)  # type: ignore[arg-type]
    else:
        assert normalize_code(raw) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("21.71.xx.1001", "not a code"),
        ("217101100", "9 digits"),
        ("", "empty"),
        (None, "empty"),
        ("21.71.01.100", "village part must have 4 digits"),
        ("21.71.01.5001", "must start with 1"),
        ("05.01", "not a province number"),
        ("21.00", "cannot be 00"),
        ("21.715", "must have 2 digits"),
        (True, "not a code"),
        (21.715, "decimals"),
    ],
)
def test_invalid_codes_are_rejected_with_a_reason(raw: object, reason: str) -> None:
    with pytest.raises(InvalidCodeError, match=reason):
        normalize_code(raw)  # type: ignore[arg-type]


def test_levels_and_parents() -> None:
    assert [level_of(code) for code in ("21", "21.71", "21.71.01", "21.71.01.1001")] == [
        "province",
        "regency",
        "district",
        "village",
    ]
    assert parent_of("21.71.01.1001") == "21.71.01"
    assert parent_of("21") is None
    assert ancestors("21.71.01.1001") == ["21", "21.71", "21.71.01"]
    assert truncate_to_level("21.71.01.1001", "province") == "21"
    assert truncate_to_level("21.71", "village") is None


def test_validate_settles_ambiguity_with_the_code_list() -> None:
    assert code_candidates("11.1") == ["11.10", "11.01"]
    with pytest.raises(InvalidCodeError, match="both 11.10 and 11.01 exist"):
        CODES.validate("11.1")
    assert CODES.validate("21.1") == "21.01"  # 21.10 does not exist
    assert CODES.validate("2171011001") == "21.71.01.1001"
    with pytest.raises(InvalidCodeError, match="not in the Kepmendagri 2025 code list"):
        CODES.validate("21.72")


def test_code_list_children_and_names() -> None:
    assert list(CODES.children("21")["code"]) == ["21.01", "21.71"]
    assert list(CODES.children(None)["code"]) == ["21", "11"]
    assert list(CODES.children("21", level="village")["code"]) == ["21.71.01.1001"]
    assert CODES.name("21.71") == "Kota Batam"
    with pytest.raises(InvalidCodeError):
        CODES.name("99")


_part2 = st.integers(1, 99).map(lambda n: f"{n:02d}")
_village = st.integers(1001, 2999).map(str)
_province = st.integers(11, 99).map(str)


@given(_province, _part2, _part2, _village)
def test_dotted_and_undotted_forms_agree(province: str, regency: str, district: str, village: str) -> None:
    dotted = f"{province}.{regency}.{district}.{village}"
    assert normalize_code(dotted) == dotted
    assert normalize_code(dotted.replace(".", "")) == dotted
    assert normalize_code(int(dotted.replace(".", ""))) == dotted
    assert normalize_code(f"  {dotted} ") == dotted
    assert level_of(dotted) == "village"
    assert ancestors(dotted)[-1] == f"{province}.{regency}.{district}"


@given(st.text(max_size=12))
def test_normalize_never_crashes_with_anything_but_invalid_code(text: str) -> None:
    try:
        result = normalize_code(text)
    except InvalidCodeError as error:
        assert str(error)
    else:
        assert result.replace(".", "").isdigit()
        assert normalize_code(result) == result
