"""AppTest of the Prioritas / Priorities page on the default sample data: ranking, weights, layers, plan, URL."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("RISKMAP_DATA_MIRROR"), reason="needs RISKMAP_DATA_MIRROR (boundaries)"),
]

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "priorities.py")
TIMEOUT = 300  # the first ranking of a process loads the sample records and builds the neighbour graph


@pytest.fixture(autouse=True)
def temporary_store(tmp_path_factory, monkeypatch, prepared_boundaries):
    # One store for the module: the sample data are made once, the rankings cached once.
    folder = tmp_path_factory.getbasetemp() / "priorities-page"
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv("RISKMAP_DB_URL", f"sqlite:///{folder / 'priorities.sqlite'}")


def run_page(**query: str) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [exception.value for exception in app.exception]
    return app


def shown(text: str) -> str:
    """What a Markdown element shows (messages are sent Markdown-escaped)."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def ranked_codes(app: AppTest) -> list[str]:
    table = next(frame.value for frame in app.dataframe if "Why" in frame.value.columns or "Alasan" in frame.value.columns)
    column = "Code" if "Code" in table.columns else "Kode"
    return table[column].tolist()


def map_arguments(app: AppTest) -> str:
    (component,) = app.get("component_instance")
    assert component.proto.component_name == "streamlit_folium.st_folium"
    return json.dumps(json.loads(component.proto.json_args), ensure_ascii=False)


def query(app: AppTest) -> dict[str, str]:
    return {key: app.query_params[key] if isinstance(app.query_params[key], str) else app.query_params[key][-1]
            for key in app.query_params}


def test_kepri_villages_are_ranked_with_their_reasons_on_a_map() -> None:
    app = run_page(level="village", area="21")
    assert app.title[0].value == "Prioritas penjangkauan"
    assert any(caption.value.startswith("419 wilayah (Desa/Kelurahan) di Kepulauan Riau dinilai") for caption in app.caption)
    table = app.dataframe[0].value
    assert table["Peringkat"].tolist()[:3] == [1, 2, 3] and len(table) == 50  # first page of 419
    assert "kasus, peringkat" in table["Alasan"].iloc[0]  # the "why" of the top village
    assert table["Kode"].iloc[0].startswith("21.")
    sample_lines = [shown(w.value) for w in app.warning if shown(w.value).startswith("DATA CONTOH")]
    assert len(sample_lines) == 1  # both sample datasets scored, one line: the map stays high on the page
    assert "2 dataset contoh" in sample_lines[0]
    arguments = map_arguments(app)
    assert "priority|score|cases|default|419" in arguments  # the score layer's payload, all 419 villages
    assert "Skor prioritas (0" in arguments  # the legend
    assert query(app) == {"level": "village", "area": "21"}


def test_weights_change_the_order_and_go_into_the_url() -> None:
    app = run_page(level="village", area="21", lang="en")
    before = ranked_codes(app)
    app.slider(key="prio_w_harm").set_value(0.0).run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert query(app)["weights"] == "harm=0"
    after = ranked_codes(app)
    assert after[:10] != before[:10]  # the top of the list is a different set once harm weighs nothing
    assert "priority|score|cases|harm=0|419" in map_arguments(app)
    app.button(key="prio_w_reset").click().run()
    assert "weights" not in query(app)
    assert ranked_codes(app) == before


def test_plan_button_places_sites_on_the_map_with_what_each_reaches() -> None:
    app = run_page(level="village", area="21", lang="en")
    assert "riskmap-plan-site" not in map_arguments(app)
    app.number_input(key="prio_sites").set_value(3)
    app.number_input(key="prio_radius").set_value(15.0)
    app.button(key="prio_make_plan").click().run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert query(app)["sites"] == "3" and "radius" not in query(app)  # 15 km is the default reach
    summary = [shown(message.value) for message in app.success]
    assert summary and summary[0].startswith("3 sites, 15 km reach:") and "% of the priority reached" in summary[0]
    sites = next(frame.value for frame in app.dataframe if "Areas reached" in frame.value.columns)
    assert len(sites) == 3 and (sites["Areas reached"] > 0).all()
    arguments = map_arguments(app)
    assert arguments.count("riskmap-plan-site") == 3 and "riskmap-plan-reach" in arguments
    app.button(key="prio_clear_plan").click().run()
    assert "sites" not in query(app) and "riskmap-plan-site" not in map_arguments(app)


def test_hotspot_layers_recolour_the_map() -> None:
    app = run_page(level="village", area="21", lang="en")
    app.radio(key="prio_layer").set_value("gi").run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert query(app)["hotspots"] == "gi"
    arguments = map_arguments(app)
    assert "priority|gi|" in arguments and "Gi* hot spots (FDR 5%)" in arguments and "Hot spot" in arguments
    app.radio(key="prio_layer").set_value("moran").run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert "High among high (HH)" in map_arguments(app)
    table = next(frame.value for frame in app.dataframe if "Why" in frame.value.columns)
    assert "Gi* hot spot" in table.columns


def test_a_view_from_the_url_opens_as_shared() -> None:
    app = run_page(level="village", area="2171", weights="exposure=0", hotspots="gi", sites="2", radius="10", page="2")
    assert not [w for w in app.warning if "diperbaiki" in shown(w.value)]
    assert query(app) == {"level": "village", "area": "21.71", "weights": "exposure=0", "hotspots": "gi", "sites": "2",
                          "radius": "10", "page": "2"}
    assert app.radio(key="prio_layer").value == "gi"
    assert app.slider(key="prio_w_exposure").value == 0.0
    assert any(shown(message.value).startswith("2 lokasi, jangkauan 10 km") for message in app.success)
    assert any(caption.value.startswith("Baris 51–") for caption in app.caption)


def test_invalid_url_values_give_one_message_and_a_working_page() -> None:
    app = run_page(level="village", area="21", weights="cases=1e9", sites="0", radius="-5", hotspots="<b>x</b>",
                   lang="en", present="1")
    # Presenting, the message is a toast: the map keeps its place.
    messages = [shown(w.value) for w in [*app.warning, *app.toast] if "corrected" in shown(w.value)]
    assert len(messages) == 1
    for part in ("weights='cases=1e9'", "sites='0'", "radius='-5'", "hotspots='<b>x</b>'"):
        assert part in messages[0]
    assert "present" not in messages[0]  # a presentation key is understood by every page
    assert query(app) == {"level": "village", "area": "21", "lang": "en", "present": "1"}  # the URL is corrected
    assert "priority|score|cases|default|419" in map_arguments(app)


def test_a_served_dataset_counts_as_covered_in_the_score_and_the_plan(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from geo.cli import main
    from geo.data.store import ensure_default_data

    ensure_default_data()  # the sample migration and cases data first (a store holding any dataset gets none)
    path = tmp_path / "pos_p4mi.csv"
    path.write_text("kode wilayah,program\n21.71,Desmigratif\n", encoding="utf-8")
    assert main(["ingest", str(path), "--kind", "served", "--name", "Pos P4MI (uji)", "--json"]) == 0
    served_id = str(json.loads(capsys.readouterr().out)["dataset_id"])
    app = run_page(level="village", area="21", lang="en", served=served_id, sites="2")
    assert app.selectbox(key="prio_served").value == int(served_id)
    assert not [info for info in app.info if "not available" in shown(info.value)]
    table = app.dataframe[-1].value
    in_batam = table["Code"].str.startswith("21.71.")
    assert table.loc[in_batam, "Why"].str.contains("a programme is within reach").all()
    assert table.loc[~in_batam, "Why"].str.contains("no programme within reach").all() and (~in_batam).any()
    sites = next(frame.value for frame in app.dataframe if "Areas reached" in frame.value.columns)
    assert not sites["Code"].str.startswith("21.71.").any()  # new sites go where no programme is
    arguments = map_arguments(app)
    assert arguments.count("riskmap-plan-served") >= 50 and "Already served by a programme" in arguments  # Batam's villages
    gaps = [frame.value for frame in app.dataframe if "Parent areas" in frame.value.columns and "Why" in frame.value.columns]
    assert all(not gap["Code"].str.startswith("21.71.").any() for gap in gaps[:-1])  # no served village is a gap
    # A served id that is not a served dataset: said so, and the page still ranks.
    other = run_page(level="village", area="21", lang="en", served="99999")
    assert any("Served-areas dataset 99999 is not available" in shown(info.value) for info in other.warning)
    assert ranked_codes(other)


def test_no_dataset_says_so_and_offers_the_active_ones() -> None:
    app = run_page(level="village", area="21", dataset="none", lang="en")
    assert any("nothing to score" in shown(info.value) for info in app.info)
    app.button(key="prio_use_active").click().run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert "dataset" not in query(app) and ranked_codes(app)


def test_every_weight_zero_is_refused_with_a_message() -> None:
    app = run_page(level="village", area="21", lang="en", weights="exposure=0,harm=0")
    app.slider(key="prio_w_coverage").set_value(0.0).run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert any("give at least one a weight above zero" in shown(error.value) for error in app.error)
    assert query(app)["weights"] == "exposure=0,harm=0"  # the view stays as it was


# --------------------------------------------------------------------------- presentation mode, save view, stories

APP = str(Path(__file__).resolve().parents[2] / "app.py")
BATAM_PLAN = {"level": "village", "area": "21.71", "sites": "3", "radius": "5", "lang": "en"}


def texts(app: AppTest) -> list[str]:
    """Every Markdown, caption, toast and alert text on the page, as shown (the bold title unwrapped)."""
    elements = [*app.markdown, *app.caption, *app.warning, *app.info, *app.success, *app.error, *app.toast]
    return [shown(element.value).removeprefix("**").removesuffix("**") for element in elements]


def assert_presented_batam_plan(app: AppTest) -> None:
    """The Batam plan view full-window: map with the score layer and 3 sites, title and source lines, nothing else."""
    assert "priority|score|" in map_arguments(app)
    assert map_arguments(app).count("riskmap-plan-site") == 3 and "riskmap-plan-reach" in map_arguments(app)
    assert not app.main.selectbox and not app.main.radio and not app.main.number_input, "no controls"
    # Only app.py's own language picker is in the sidebar (present.css hides the sidebar): no page controls.
    assert not app.sidebar.slider and {box.key for box in app.sidebar.selectbox} <= {"ui_lang_select"}
    assert not app.get("arrow_data_frame") and not app.get("download_button"), "no table, no downloads"
    assert not app.main.title, "the title bar replaces the page's title"
    assert any(text.startswith("Kota Batam — Outreach priorities (Village) · ") for text in texts(app)), texts(app)
    assert any(text.startswith("Data source: ") for text in texts(app)), texts(app)
    assert any("· SAMPLE DATA (synthetic), not real data — " in text for text in texts(app)), texts(app)  # one line
    assert any("Kepmendagri No 300.2.2-2138" in text for text in texts(app))


def test_present_mode_shows_the_plan_map_without_controls_or_table_then_exits() -> None:
    app = run_page(**BATAM_PLAN, present="1")
    assert_presented_batam_plan(app)
    assert query(app) == {**BATAM_PLAN, "present": "1"}
    app.button(key="present_exit").click().run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert query(app) == BATAM_PLAN  # the plan stays; only the presentation goes
    assert app.title[0].value == "Outreach priorities" and ranked_codes(app)
    app.button(key="present_open").click().run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert query(app) == {**BATAM_PLAN, "present": "1"} and not app.main.selectbox


def test_embed_mode_has_no_exit_button() -> None:
    app = run_page(**BATAM_PLAN, embed="1")
    assert_presented_batam_plan(app)
    assert not [button for button in app.button if button.key == "present_exit"]


def test_save_view_stores_the_priorities_page_and_the_plan_keys() -> None:
    from geo.data import views

    app = run_page(**BATAM_PLAN, weights="harm=2")
    app.text_input(key="present_save_title").input("Batam plan")
    app.button(key="FormSubmitter:present_save_form-Save").click().run()
    assert not app.exception, [exception.value for exception in app.exception]
    links = [code.value for code in app.code if "/?v=" in code.value]
    assert len(links) == 1, [code.value for code in app.code]
    saved = views.get_view(links[0].rsplit("=", 1)[1])
    assert saved is not None and saved.title == "Batam plan"
    assert saved.query == {"_page": "priorities", **BATAM_PLAN, "weights": "harm=2"}


def test_story_steps_into_a_priorities_plan_view_full_window_and_back() -> None:
    from geo.data import views

    regencies = views.save_view({"level": "regency", "area": "21", "lang": "en"}, "Kepri regencies")
    plan = views.save_view({"_page": "priorities", **BATAM_PLAN}, "Batam plan")
    story = views.create_story("Kepri briefing", [(regencies.token, "Where people leave from"),
                                                  (plan.token, "Three teams for Batam")])
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params.update(present="1", story=story.token)
    app.run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert "Where people leave from" in texts(app) and "Step 1 of 2" in texts(app)
    app.button(key="present_next").click().run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert query(app) == {**BATAM_PLAN, "present": "1", "story": story.token, "step": "2"}
    assert "Three teams for Batam" in texts(app) and "Step 2 of 2" in texts(app)
    assert_presented_batam_plan(app)
    assert app.button(key="present_next").disabled
    app.button(key="present_prev").click().run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert query(app)["step"] == "1" and query(app)["level"] == "regency" and "sites" not in query(app)
    assert "Where people leave from" in texts(app)
