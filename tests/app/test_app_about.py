"""AppTest smoke test of the About & method page."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_about(**query: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    app.switch_page("pages/about.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def page_text(app: AppTest) -> str:
    parts = [element.value for kind in (app.title, app.header, app.markdown, app.info, app.warning) for element in kind]
    return "\n".join(str(part) for part in parts)


def test_about_page_in_bahasa_indonesia() -> None:
    app = open_about()
    text = page_text(app)
    assert app.title[0].value == "Tentang peta ini & metodenya"
    assert "Kepmendagri) No 300.2.2-2138 Tahun 2025" in text
    assert "© cahya dsn, lisensi MIT" in text  # the attribution string itself
    assert "lisensi MIT" in text and "Perangkat lunak peta ini juga berlisensi MIT" in text
    assert "bukan prevalensi" in text
    assert "`?level=village&area=21`" in text


def test_about_page_in_english() -> None:
    app = open_about(lang="en")
    text = page_text(app)
    assert app.title[0].value == "About this map & its method"
    assert "Counts of identified cases are not prevalence" in text
    assert "© cahya dsn, MIT licence" in text
    assert "Kepmendagri) No 300.2.2-2138 of 2025" in text
    # AppTest drops the entry script's sidebar after switch_page, so the language
    # switch itself is driven in test_app_map.py and in the browser tests.
