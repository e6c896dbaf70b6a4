"""UI strings in Bahasa Indonesia (default) and English.

Strings live in ``geo/strings/<topic>.py`` modules, each defining
``STRINGS = {key: {"id": ..., "en": ...}}``; this module merges them.

Examples
--------
>>> t("app.title", "en")
'Migration & trafficking risk map'
>>> t("app.title")
'Peta risiko migrasi & perdagangan orang'
>>> t("view.invalid_level", "en", value="x")
"Unknown level 'x'; showing the national view."
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

LANGUAGES: tuple[str, ...] = ("id", "en")
DEFAULT_LANGUAGE = "id"


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    import geo.strings

    merged: dict[str, dict[str, str]] = {}
    for module_info in sorted(pkgutil.iter_modules(geo.strings.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"geo.strings.{module_info.name}")
        for key, translations in module.STRINGS.items():
            if key in merged:
                raise KeyError(f"UI string {key!r} is defined twice (geo/strings/{module_info.name}.py)")
            merged[key] = translations
    return merged


def keys() -> list[str]:
    """Every known string key."""
    return sorted(_catalogue())


def t(key: str, language: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """Translate ``key`` into ``language`` and fill ``{placeholders}`` from ``values``.

    An unknown language falls back to Bahasa Indonesia; an unknown key raises
    ``KeyError`` so that a missing string is caught by the tests, not shown as a key.
    """
    translations = _catalogue()[key]
    text = translations.get(language) or translations[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
