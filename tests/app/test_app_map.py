"""AppTest smoke tests of the Map page (default page of app.py): URL view, widgets, errors."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.web.escape import markdown_escape
from geo.web.viewstate import QUERY_KEYS
from tests.conftest import open_map_page

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("RISKMAP_DATA_MIRROR"), reason="needs RISKMAP_DATA_MIRROR (boundaries)"),
]

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 300  # the first view of a province may build its village cache


def run_app(**query: str) -> AppTest:
    return open_map_page(TIMEOUT, **query)


def test_first_run_of_a_session_sends_the_map_alone_then_the_controls() -> None:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params["level"] = "regency"
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert [c.proto.component_name for c in app.get("component_instance")] == ["streamlit_folium.st_folium"]
    assert not app.selectbox and not app.radio and not app.get("arrow_data_frame"), "controls wait for the second run"
    assert any("OpenStreetMap" in caption or "wilayah" in caption for caption in captions(app))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert {"map_province", "map_indicator", "ui_lang_select"} <= {box.key for box in app.selectbox}
    assert app.radio(key="map_level").value == "regency"
    assert len(app.get("component_instance")) == 1
    app.run()  # and it stays a full page
    assert app.selectbox(key="map_province") is not None and len(app.get("component_instance")) == 1


def shown(text: str) -> str:
    """What a Markdown element shows: messages are sent Markdown-escaped (geo.app.ui.show_message)."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")  # and word joiners that stop autolinks


def warnings(app: AppTest) -> list[str]:
    """Warnings other than the sample-data label (which depends on what the store holds), as shown."""
    return [shown(w.value) for w in app.warning if not shown(w.value).startswith(("DATA CONTOH", "SAMPLE DATA"))]


def captions(app: AppTest) -> list[str]:
    return [caption.value for caption in app.caption]


def test_opens_on_indonesia_by_province_with_attribution() -> None:
    app = run_app()
    assert app.title[0].value == "Peta wilayah"
    assert "38 wilayah (Provinsi) di Indonesia." in captions(app)
    assert any("Kepmendagri No 300.2.2-2138 Tahun 2025" in caption for caption in captions(app))
    assert app.radio(key="map_level").options == ["Provinsi", "Kabupaten/Kota"]
    assert not warnings(app)


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
    assert not warnings(app)


def test_invalid_level_gives_message_and_national_view() -> None:
    app = run_app(level="foo")
    assert warnings(app) == [
        "Tautan ini diperbaiki: level='foo' tidak dikenal (pilihan: province, regency, district, village); "
        "memakai province."
    ]
    assert "38 wilayah (Provinsi) di Indonesia." in captions(app)
    assert dict(app.query_params) == {"level": "province"}


def test_invalid_key_and_undotted_area_and_english() -> None:
    app = run_app(level="regency", area="2171", lang="en")
    assert any(caption.startswith("12 areas (District) in Kota Batam") for caption in captions(app))
    assert warnings(app) == [
        "This link was corrected: level=regency: Regency/City is not below Kota Batam; showing District in Kota Batam."
    ]
    assert app.query_params["area"] == "21.71"

    app = run_app(zoom="9", level="district", area="21")  # an unknown key is ignored; the rest is kept
    assert warnings(app) == [
        f"Tautan ini diperbaiki: kunci 'zoom' tidak dikenal halaman ini (yang dikenal: {', '.join(QUERY_KEYS)}); "
        "diabaikan."
    ]
    assert dict(app.query_params) == {"level": "district", "area": "21"}


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
    import geo.app.ui
    from geo.errors import DataSourceError

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("internal detail that must not reach the page")

    monkeypatch.setattr(geo.app.ui, "build_live_map", broken)
    app = run_app()
    assert [e.value for e in app.error] == [
        "Terjadi kesalahan tak terduga. Rinciannya dicatat di log server; coba muat ulang halaman."
    ]
    assert "internal detail" not in str([e.value for e in app.error])

    def missing(*args: object, **kwargs: object) -> None:
        raise DataSourceError("File codes/db/wilayah.sql is missing from the mirror: set RISKMAP_DATA_MIRROR.")

    monkeypatch.setattr(geo.app.ui, "build_live_map", missing)
    app = run_app()
    assert [shown(e.value) for e in app.error] == [
        "File codes/db/wilayah.sql is missing from the mirror: set RISKMAP_DATA_MIRROR."
    ]


def test_error_in_a_widget_callback_is_shown_on_the_next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.app.ui

    app = run_app()

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("internal detail")

    monkeypatch.setattr(geo.app.ui, "with_level", broken)
    app.radio(key="map_level").set_value("regency").run()
    assert not app.exception
    assert [shown(e.value) for e in app.error] == [
        "Terjadi kesalahan tak terduga. Rinciannya dicatat di log server; coba muat ulang halaman."
    ]
    assert app.query_params["level"] == "province"  # the view did not change


# --------------------------------------------------------------------------- choropleth widgets (issue 4)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh store: the page creates the sample datasets on first use."""
    url = f"sqlite:///{tmp_path_factory.mktemp('map-store') / 'riskmap.sqlite'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RISKMAP_DB_URL", url)
        yield url


def table_of(app: AppTest):  # type: ignore[no-untyped-def]
    return app.dataframe[0].value


def test_empty_store_shows_the_sample_with_its_label_and_a_table(sample_store: str) -> None:
    app = run_app(level="regency", area="21")
    labels = [shown(w.value) for w in app.warning if shown(w.value).startswith("DATA CONTOH (sintetis)")]
    assert labels and all("BP2MI" not in w and "\n" not in w for w in labels), labels  # one line, sources apart
    citations = [shown(m.value) for m in app.markdown]
    assert any("BP2MI" in m and "274.965" in m for m in citations), citations  # in the popover, Bahasa only
    assert not any("Sample data (synthetic)" in m for m in citations)
    assert app.selectbox(key="map_indicator").value == "migrants"
    assert app.selectbox(key="map_indicator").options == [
        "Jumlah pekerja migran", "Pekerja migran per 1.000 penduduk", "Kasus perdagangan orang",
        "Kasus per 1.000 pekerja migran", "Keberangkatan non-prosedural (%)",
    ]
    table = table_of(app)
    assert not table["Nilai"].isna().any() and "None" not in set(table["Nilai"])  # "–" where there is no value
    assert len(table) == 7 and list(table.columns)[:3] == ["Nama wilayah", "Kode wilayah", "Nilai"]
    from geo.data import store

    assert {d.kind for d in store.list_datasets() if d.is_sample} == {"migration", "cases"}


def test_indicator_period_and_measure_selectors_write_the_url(sample_store: str) -> None:
    app = run_app(level="regency", area="21", lang="en")
    app.selectbox(key="map_indicator").set_value("cases").run()
    assert not app.exception
    assert app.query_params["indicator"] == "cases"
    table = table_of(app)
    assert table.iloc[0]["Area code"] in ("21.71", "21.01")  # Batam and Bintan are the sample's hotspots
    assert any(w.startswith("SAMPLE DATA (synthetic)") for w in (shown(x.value) for x in app.warning))
    assert any("BP3MI" in shown(m.value) for m in app.markdown)

    app.selectbox(key="map_period").set_value("2024").run()
    assert app.query_params["period"] == "2024"
    app.selectbox(key="map_period_to").set_value("2025").run()
    assert app.query_params["period"] == "2024..2025"
    app.selectbox(key="map_period").set_value("2024-03").run()
    assert app.query_params["period"] == "2024-03"
    app.selectbox(key="map_measure").set_value("change").run()
    assert app.query_params["measure"] == "change"
    assert not app.exception and not app.error


def test_classification_controls_write_the_url(sample_store: str) -> None:
    app = run_app(level="regency", area="21", indicator="cases", period="all")
    app.slider(key="map_k").set_value(4).run()
    assert app.query_params["k"] == "4"
    app.selectbox(key="map_palette").set_value("Blues").run()
    assert app.query_params["palette"] == "Blues"
    app.checkbox(key="map_fixed").check().run()
    # all periods: nothing to fix the breaks across, so the option is explained by being off
    app = run_app(level="regency", area="21", indicator="cases", period="2024", fixed="1")
    assert app.checkbox(key="map_fixed").value is True

    app.selectbox(key="map_scheme").set_value("user_defined").run()
    assert app.query_params.get("breaks"), "own breaks start from the breaks on screen"
    app.text_input(key="map_breaks").input("5, 50").run()
    assert app.query_params["breaks"] == "5,50"
    app.text_input(key="map_breaks").input("fifty").run()
    assert [shown(e.value) for e in app.error] == [
        "Batas kelas 'fifty' harus angka yang naik, dipisah koma (contoh: 10, 50, 100)."
    ]
    assert app.query_params["breaks"] == "5,50"


def test_dataset_selector_and_invalid_choropleth_keys(sample_store: str) -> None:
    app = run_app(level="regency", area="21")
    migration_id = app.selectbox(key="map_dataset_migration").value
    app.selectbox(key="map_dataset_cases").set_value(0).run()
    assert app.query_params["dataset"] == str(migration_id)
    options = app.selectbox(key="map_indicator").options
    assert options[:2] == ["Jumlah pekerja migran", "Pekerja migran per 1.000 penduduk"]
    assert not [option for option in options if "Kasus" in option]  # no cases dataset, no cases indicators

    app = run_app(level="regency", area="21", indicator="cases", dataset=str(migration_id), k="12", lang="en")
    assert warnings(app)[:2] == [
        "This link was corrected: k='12' must be a whole number from 3 to 9; using 5.",
        "Indicator Trafficking cases is not available for Regency/City with this data; showing Migrant workers.",
    ]
    app = run_app(level="regency", dataset="999999", lang="en")
    assert "There is no dataset #999999; it is left out. See the Data page for the list of datasets." in [
        shown(w.value) for w in app.warning
    ]
    assert [i.value for i in app.info][:1] == ["There is no data to show: choose a migration or cases dataset (or upload one on the Data page)."]


def test_hostile_url_values_are_shown_as_text(sample_store: str) -> None:
    app = run_app(level="province", indicator="<img src=x onerror=alert(1)>", lang="en")
    assert app.warning[0].value.startswith(markdown_escape("This link was corrected: indicator='<img src=x onerror=alert(1)>'"))
    assert not app.exception
