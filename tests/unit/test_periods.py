"""geo.analysis.periods: one set of rules for naming periods, choices and spans of years."""

from __future__ import annotations

import pytest

from geo.analysis.periods import ALL_PERIODS, PERIOD_PATTERN, period_label, period_name, range_label, years_label


@pytest.mark.parametrize(
    ("period", "language", "expected"),
    [
        ("2024", "id", "2024"),
        ("2024-01", "id", "Januari 2024"),
        ("2024-08", "id", "Agustus 2024"),
        ("2024-08", "en", "August 2024"),
        ("2024-12", "en", "December 2024"),
        ("2024-13", "en", "2024-13"),  # not a period: shown as written, never an error
    ],
)
def test_period_name(period: str, language: str, expected: str) -> None:
    assert period_name(period, language) == expected


def test_ranges_close_up_between_years_and_space_out_around_months() -> None:
    assert range_label("2023", "2025") == "2023–2025"
    assert range_label("2024-01", "2024-06", "id") == "Januari 2024 – Juni 2024"
    assert range_label("2024-03", "2024-03", "en") == "March 2024"


def test_period_choice_labels() -> None:
    assert period_label(None, "en") == period_label(ALL_PERIODS, "en") == "all periods"
    assert period_label(None, "id") != "all periods"  # Bahasa Indonesia, from geo/strings
    assert period_label(("2024-01", "2024-06"), "en") == "January 2024 – June 2024"
    assert period_label("2025") == "2025"


def test_years_label_sums_up_a_set_of_periods_in_the_same_words() -> None:
    assert years_label(["2025-01", "2025"]) == "2025"
    assert years_label(["2025-12", "2023", None]) == "2023–2025" == period_label(("2023", "2025"))
    assert years_label([]) is None


@pytest.mark.parametrize(("text", "valid"), [("2024", True), ("2024-01", True), ("2024-1", False), ("2024-00", False),
                                             ("２０２４", False), ("2024-01-05", False)])
def test_period_pattern(text: str, valid: bool) -> None:
    assert bool(PERIOD_PATTERN.fullmatch(text)) is valid
