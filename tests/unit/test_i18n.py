"""Every UI string exists in Bahasa Indonesia and English, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from geo import i18n


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("key", i18n.keys())
def test_both_languages_with_matching_placeholders(key: str) -> None:
    translations = i18n._catalogue()[key]
    assert set(translations) == set(i18n.LANGUAGES), key
    assert all(text.strip() for text in translations.values()), key
    assert _placeholders(translations["id"]) == _placeholders(translations["en"]), key


def test_default_language_is_bahasa_indonesia_and_unknown_language_falls_back() -> None:
    assert i18n.t("level.regency") == "Kabupaten/Kota"
    assert i18n.t("level.regency", "en") == "Regency/City"
    assert i18n.t("level.regency", "fr") == "Kabupaten/Kota"


def test_unknown_key_is_an_error_not_a_silent_key() -> None:
    with pytest.raises(KeyError):
        i18n.t("no.such.key")
