"""AppTest smoke tests of the Map page (default page of app.py): URL view, widgets, errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("RISKMAP_DATA_MIRROR"), reason="needs RISKMAP_DATA_MIRROR (boundaries)"),
]

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 300  # the first view of a province may build its village cache


def run_app(**query: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def captions(app: AppTest) -> list[str]:
    return [caption.value for caption in app.caption]


def test_opens_on_indonesia_by_province_with_attribution() -> None:
    app = run_app()
    assert app.title[0].value == "Peta wilayah"
    assert "38 wilayah (Provinsi) di Indonesia." in captions(app)
    assert any("Kepmendagri No 300.2.2-2138 Tahun 2025" in caption for caption in captions(app))
    assert app.radio(key="map_level").options == ["Provinsi", "Kabupaten/Kota"]
    assert not app.warning


def test_national_regencies_from_the_url() -> None:
    app = run_app(level="regency")
    assert "514 wilayah (Kabupaten/Kota) di Indonesia." in captions(app)
    assert app.radio(key="map_level").value == "regency"


def test_villages_of_kepulauan_riau_from_the_url() -> None:
    app = run_app(level="village", area="21")
    shown = [caption for caption in captions(app) if "Desa/Kelurahan" in caption]
    assert shown and shown[0].endswith("di Kepulauan Riau.")
    assert int(shown[0].split()[0].replace(",", "")) >= 415
    assert app.selectbox(key="map_province").value == "21"
    assert app.radio(key="map_level").options == ["Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan"]
    assert not app.warning


def test_invalid_level_gives_message_and_national_view() -> None:
    app = run_app(level="foo")
    assert [w.value for w in app.warning] == ["Tingkat wilayah 'foo' tidak dikenal; menampilkan tampilan nasional."]
    assert "38 wilayah (Provinsi) di Indonesia." in captions(app)
    assert dict(app.query_params) == {"level": "province"}


def test_invalid_key_and_undotted_area_and_english() -> None:
    app = run_app(level="regency", area="2171", lang="en")
    assert any(caption.startswith("12 areas (District) in Kota Batam") for caption in captions(app))
    assert [w.value for w in app.warning] == [
        "Level Regency/City is not below Kota Batam; showing District in Kota Batam."
    ]
    assert app.query_params["area"] == "21.71"

    app = run_app(zoom="9", level="regency", area="21")
    assert [w.value for w in app.warning] == [
        "Kunci URL 'zoom' tidak dikenal (yang dikenal: level, area, lang, tiles); menampilkan tampilan nasional."
    ]
    assert dict(app.query_params) == {"level": "regency"}


def test_drill_down_with_the_selectors_and_back_with_the_breadcrumb() -> None:
    app = run_app()
    app.selectbox(key="map_province").set_value("21").run()
    assert not app.exception
    assert app.query_params["area"] == "21"
    assert app.query_params["level"] == "regency"
    assert any(caption.endswith("(Kabupaten/Kota) di Kepulauan Riau.") for caption in captions(app))

    app.selectbox(key="map_regency").set_value("21.71").run()
    assert app.query_params["area"] == "21.71"
    assert app.query_params["level"] == "district"

    app.radio(key="map_level").set_value("village").run()
    assert app.query_params["level"] == "village"
    assert any(caption.endswith("(Desa/Kelurahan) di Kota Batam.") for caption in captions(app))

    # Breadcrumb: Indonesia › Kepulauan Riau › **Kota Batam**; going up keeps the village level.
    app.button(key="map_crumb_21").click().run()
    assert app.query_params["area"] == "21"
    assert app.query_params["level"] == "village"
    app.button(key="map_crumb_id").click().run()
    assert "area" not in app.query_params
    assert app.query_params["level"] == "regency"  # villages of all Indonesia fall back to regencies


def test_language_and_basemap_switches() -> None:
    app = run_app()
    app.selectbox(key="ui_lang_select").set_value("en").run()
    assert app.title[0].value == "Area map"
    assert app.query_params["lang"] == "en"
    assert any(caption.startswith("Boundaries & area codes:") for caption in captions(app))

    app.selectbox(key="map_tiles").set_value("none").run()
    assert not app.exception
    assert app.query_params["tiles"] == "none"
    assert app.title[0].value == "Area map"


def test_errors_are_messages_not_tracebacks(monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.ui
    from geo._errors import DataSourceError

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("internal detail that must not reach the page")

    monkeypatch.setattr(geo.ui, "build_map", broken)
    app = run_app()
    assert [e.value for e in app.error] == [
        "Terjadi kesalahan tak terduga. Rinciannya dicatat di log server; coba muat ulang halaman."
    ]
    assert "internal detail" not in str([e.value for e in app.error])

    def missing(*args: object, **kwargs: object) -> None:
        raise DataSourceError("File codes/db/wilayah.sql is missing from the mirror: set RISKMAP_DATA_MIRROR.")

    monkeypatch.setattr(geo.ui, "build_map", missing)
    app = run_app()
    assert [e.value for e in app.error] == [
        "File codes/db/wilayah.sql is missing from the mirror: set RISKMAP_DATA_MIRROR."
    ]


def test_error_in_a_widget_callback_is_shown_on_the_next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.ui

    app = run_app()

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("internal detail")

    monkeypatch.setattr(geo.ui, "with_level", broken)
    app.radio(key="map_level").set_value("regency").run()
    assert not app.exception
    assert [e.value for e in app.error] == [
        "Terjadi kesalahan tak terduga. Rinciannya dicatat di log server; coba muat ulang halaman."
    ]
    assert app.query_params["level"] == "province"  # the view did not change
