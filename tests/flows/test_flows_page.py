"""AppTest of the Flows page on the default sample data: URL view, widgets, tables, messages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("RISKMAP_DATA_MIRROR"), reason="needs RISKMAP_DATA_MIRROR (boundaries)"),
]

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "flows.py")
TIMEOUT = 300


@pytest.fixture(autouse=True)
def temporary_store(tmp_path, monkeypatch, prepared_boundaries):
    monkeypatch.setenv("RISKMAP_DB_URL", f"sqlite:///{tmp_path / 'flows-page.sqlite'}")


def run_page(**query: str) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [exception.value for exception in app.exception]
    return app


def table_rows(app: AppTest, index: int = 0) -> list[dict]:
    return app.dataframe[index].value.to_dict("records")


def test_default_sample_shows_kepri_to_phnom_penh():
    app = run_page()
    assert app.title[0].value == "Aliran asal → tujuan"
    rows = table_rows(app)
    assert any(row["Asal"] == "Kota Batam" and row["Tujuan"] == "Phnom Penh" for row in rows)
    # the sample is labelled on one line; its citation (page language only) is one click away
    assert any(warning.value.replace("\\", "").startswith("DATA CONTOH (sintetis)") for warning in app.warning)
    assert not any("BP3MI" in warning.value for warning in app.warning)
    assert any("BP3MI Kepulauan Riau" in markdown.value for markdown in app.markdown)
    assert any("aliran" in caption.value and "50 aliran terbesar digambar" in caption.value for caption in app.caption)
    assert app.query_params["dataset"]  # the chosen dataset is in the URL


def test_url_settings_filter_the_flows():
    app = run_page(area="21", level="district", country="Kamboja", top="5", lang="en")
    rows = table_rows(app)
    assert 0 < len(rows) <= 5
    assert {row["Country"] for row in rows} == {"Cambodia"}
    assert all(row["Code"].startswith("21.") and row["Code"].count(".") == 2 for row in rows)
    assert app.query_params["country"] in ("KH", ["KH"])


def test_invalid_url_values_give_messages_not_errors():
    app = run_page(top="lots", country="Narnia")
    texts = " ".join(warning.value for warning in app.warning).replace("\\", "")  # shown Markdown-escaped
    assert "top='lots'" in texts and "country='Narnia'" in texts
    assert len(table_rows(app)) == 50  # the default top-N
    assert "top" not in app.query_params and "country" not in app.query_params  # the URL is corrected


def test_changing_a_widget_writes_the_url():
    app = run_page()
    app.radio(key="flows_level").set_value("province").run()
    assert not app.exception
    assert "province" in str(app.query_params.get("level"))
    assert all(row["Kode"].count(".") == 0 for row in table_rows(app))
