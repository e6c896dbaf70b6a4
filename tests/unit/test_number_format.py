"""The one number formatter: the same figure reads the same everywhere in a language."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from geo.i18n import MINUS_SIGN, babel_locale, format_number


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        # The cases on which the old copies disagreed ("2.5", "-1.500", "−1.500").
        (2.5, "id", "2,5"),
        (2.5, "en", "2.5"),
        (-1500, "id", "−1.500"),
        (-1500, "en", "−1,500"),
        (1234567, "id", "1.234.567"),
        (1234567, "en", "1,234,567"),
        (8492.0, "id", "8.492"),  # a whole float is a whole number: no ",0"
        (1234.5678, "en", "1,234.568"),  # at most three decimals when none are asked for
        (0, "id", "0"),
    ],
)
def test_default_decimals(value: float, language: str, expected: str) -> None:
    assert format_number(value, language) == expected


@pytest.mark.parametrize(
    ("value", "language", "decimals", "expected"),
    [
        (1234.5, "id", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (3, "en", 2, "3.00"),
        (12.345, "en", 0, "12"),
        (-1500.25, "id", 2, "−1.500,25"),
        (-0.004, "en", 2, "0.00"),  # rounds to zero: no minus sign
        (-0.001, "id", 1, "0,0"),
    ],
)
def test_fixed_decimals(value: float, language: str, decimals: int, expected: str) -> None:
    assert format_number(value, language, decimals) == expected


def test_signed_changes() -> None:
    assert format_number(12, "en", signed=True) == "+12"
    assert format_number(-2.5, "id", 1, signed=True) == "−2,5"
    assert format_number(0, "en", signed=True) == "0"
    assert format_number(-0.01, "en", 1, signed=True) == "0.0"


def test_one_minus_sign_in_both_languages() -> None:
    assert MINUS_SIGN == "\u2212"
    for language in ("id", "en"):
        text = format_number(-7, language)
        assert text.startswith(MINUS_SIGN) and "-" not in text


def test_unknown_language_falls_back_to_bahasa_indonesia() -> None:
    assert format_number(1234.5, "fr") == "1.234,5"


def test_numpy_scalars_and_non_finite_values() -> None:
    assert format_number(np.int64(1234), "id") == "1.234"
    assert format_number(np.float64(0.5), "en") == "0.5"
    assert format_number(float("nan"), "en") == "NaN"


def test_rounding_follows_the_stored_value_like_python_formatting() -> None:
    # 12.345 is stored just above …345 and 0.125 exactly: the same digits as f"{x:.2f}".
    for value in (12.345, 0.125, 2.675, 1.005, 1234567.891):
        assert format_number(value, "en", 2).replace(",", "") == f"{value:.2f}"


@given(
    value=st.one_of(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False), st.integers(-10**18, 10**18)),
    decimals=st.sampled_from([None, 0, 1, 2, 3]),
    language=st.sampled_from(["id", "en"]),
)
def test_the_fast_formatter_writes_what_babel_writes(value: float, decimals: int | None, language: str) -> None:
    # format_number formats with Python and the locale's CLDR symbols (fast); Babel's own
    # pattern formatting of the exact value is the reference it must equal.
    pattern = "#,##0" + (".###" if decimals is None else "." + "0" * decimals if decimals else "")
    exact = Decimal(value) if isinstance(value, int) else Decimal(float(value))
    expected = format_decimal(abs(exact), format=pattern, locale=babel_locale(language))
    text = format_number(value, language, decimals)
    assert text.removeprefix(MINUS_SIGN) == expected
