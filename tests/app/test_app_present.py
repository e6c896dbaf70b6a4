"""AppTest of presentation mode, saved views and stories (issue #13): Map page, Flows page, Stories page."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.data import views
from tests.conftest import open_map_page

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("RISKMAP_DATA_MIRROR"), reason="needs RISKMAP_DATA_MIRROR (boundaries)"),
]

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 300


def shown(text: str) -> str:
    """What a Markdown element shows (messages are sent Markdown-escaped)."""
    text = re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")
    return text[2:-2] if text.startswith("**") and text.endswith("**") else text  # the bold title


def texts(app: AppTest) -> list[str]:
    """Every Markdown, caption, toast and alert text on the page, as shown."""
    elements = [*app.markdown, *app.caption, *app.warning, *app.info, *app.success, *app.error, *app.toast]
    return [shown(element.value) for element in elements]


def query(app: AppTest) -> dict[str, str]:
    return {key: app.query_params[key][-1] if isinstance(app.query_params[key], list) else app.query_params[key]
            for key in app.query_params}


def run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [exception.value for exception in app.exception]
    return app


def open_app(**params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        app.query_params[key] = value
    return run(app)


def test_present_mode_shows_title_map_and_sources_without_controls_then_exits() -> None:
    app = open_app(present="1", level="regency", area="21", lang="en")
    assert [component.proto.component_name for component in app.get("component_instance")] == [
        "streamlit_folium.st_folium"
    ]
    assert not app.main.selectbox and not app.main.radio and not app.get("arrow_data_frame"), "no controls, no table"
    assert any(text.startswith("Kepulauan Riau — ") for text in texts(app)), texts(app)
    assert any(text.startswith("Data source: ") for text in texts(app))
    assert any("Kepmendagri No 300.2.2-2138" in text for text in texts(app))
    run(app)  # after the map-only first run of a session: still no controls (the sidebar is hidden by CSS)
    assert not app.main.selectbox and not app.main.radio
    app.button(key="present_exit").click()
    run(app)
    assert query(app) == {"level": "regency", "area": "21", "lang": "en"}
    run(app)
    assert app.selectbox(key="map_indicator") is not None
    app.button(key="present_open").click()
    run(app)
    assert query(app)["present"] == "1" and not app.main.selectbox


def test_embed_mode_has_no_exit_button() -> None:
    app = open_app(embed="1", level="province", lang="en")
    assert not [button for button in app.button if button.key == "present_exit"]
    assert not app.main.selectbox and not app.get("arrow_data_frame"), "no controls, no table"
    assert any(text.startswith("Indonesia — ") for text in texts(app)), texts(app)
    assert query(app) == {"embed": "1", "level": "province", "lang": "en"}


def test_save_view_shows_its_short_link_and_the_link_opens_the_view_in_presentation_mode() -> None:
    app = open_map_page(TIMEOUT, level="district", area="21.71", palette="Blues")
    app.text_input(key="present_save_title").input("Batam districts")
    app.text_area(key="present_save_note").input("for the [meeting](http://x.invalid)")
    app.button(key="FormSubmitter:present_save_form-Simpan").click()
    run(app)
    links = [code.value for code in app.code if "/?v=" in code.value]
    assert len(links) == 1, [code.value for code in app.code]
    token = links[0].rsplit("=", 1)[1]
    saved = views.get_view(token)
    assert saved is not None and saved.title == "Batam districts"
    assert saved.note == "for the [meeting](http://x.invalid)"
    assert saved.query == {"level": "district", "area": "21.71", "palette": "Blues"}
    assert any("Batam districts" in text for text in texts(app))

    opened = open_app(v=token, present="1")
    assert query(opened) == {"level": "district", "area": "21.71", "palette": "Blues", "present": "1"}
    assert any(text.startswith("Kota Batam — ") for text in texts(opened)), texts(opened)


def test_save_view_needs_a_title() -> None:
    app = open_map_page(TIMEOUT, level="province")
    app.button(key="FormSubmitter:present_save_form-Simpan").click()
    run(app)
    assert any("Beri judul tampilan ini dulu" in text for text in texts(app))
    assert not [code for code in app.code if "/?v=" in code.value]


def test_unknown_or_malformed_token_gives_a_message_and_the_default_view() -> None:
    app = open_app(v="AbCdEfGhIjKlMn-_", level="regency", lang="en")
    assert query(app) == {"level": "province", "lang": "en"}
    assert any("Saved view 'AbCdEfGhIjKlMn-_' was not found" in text for text in texts(app)), texts(app)
    app = open_app(v="<script>", lang="en")
    assert any("v='<script>' is not a link token" in text for text in texts(app)), texts(app)
    assert "v" not in query(app)


def test_restricted_view_opens_only_for_a_session_that_may_see_restricted_data(
        monkeypatch: pytest.MonkeyPatch) -> None:
    saved = views.save_view({"level": "regency", "area": "21"}, "Restricted Kepri", restricted=True)
    app = open_app(v=saved.token)  # single-user: the local user may see everything
    assert query(app) == {"level": "regency", "area": "21"}
    monkeypatch.setenv("RISKMAP_REQUIRE_LOGIN", "1")  # a hosted link: an anonymous visitor is a viewer
    app = open_app(v=saved.token, lang="en")
    assert query(app) == {"level": "province", "lang": "en"}
    assert any(f"Saved view '{saved.token}' was not found" in text for text in texts(app))
    assert not any("Restricted Kepri" in text for text in texts(app)), "a viewer learns nothing about the view"


def test_story_steps_forward_and_back_with_its_captions() -> None:
    first = views.save_view({"level": "regency", "area": "21"}, "Kepri regencies")
    second = views.save_view({"level": "district", "area": "21.71"}, "Batam districts")
    story = views.create_story("Kepri briefing", [(first.token, "Where people leave from"),
                                                  (second.token, "Batam up close")])
    app = open_app(present="1", story=story.token, lang="en")
    assert query(app) == {"level": "regency", "area": "21", "lang": "en", "present": "1", "story": story.token,
                          "step": "1"}
    assert "Where people leave from" in texts(app) and "Step 1 of 2" in texts(app)
    assert app.button(key="present_prev").disabled and not app.button(key="present_next").disabled
    app.button(key="present_next").click()
    run(app)
    assert query(app) == {"level": "district", "area": "21.71", "lang": "en", "present": "1",
                          "story": story.token, "step": "2"}
    assert "Batam up close" in texts(app) and "Step 2 of 2" in texts(app)
    assert any(text.startswith("Kota Batam — ") for text in texts(app))
    assert app.button(key="present_next").disabled
    app.button(key="present_prev").click()
    run(app)
    assert query(app)["step"] == "1" and query(app)["area"] == "21"
    assert "Where people leave from" in texts(app)


def test_story_step_beyond_the_end_shows_the_last_step_with_a_message() -> None:
    only = views.save_view({"level": "province"}, "Indonesia")
    story = views.create_story("One step", [(only.token, "All provinces")])
    app = open_app(present="1", story=story.token, step="7", lang="en")
    assert query(app)["step"] == "1"
    assert any("has only 1 steps; showing step 1" in text for text in texts(app))


def test_flows_page_present_mode_and_saved_flow_view_switches_page() -> None:
    saved = views.save_view({"_page": "flows", "area": "21", "country": "KH"}, "Kepri to Cambodia")
    app = open_app(v=saved.token, present="1", lang="en")
    # The Flows page writes the dataset it chose (the active cases dataset) beside the saved keys.
    assert {"area": "21", "country": "KH", "lang": "en", "present": "1"}.items() <= query(app).items()
    assert "v" not in query(app)
    assert not app.main.selectbox and not app.get("arrow_data_frame")
    assert any(text.startswith("Flows from Kepulauan Riau → Cambodia") for text in texts(app)), texts(app)


def test_saved_priorities_view_opens_the_priorities_page() -> None:
    saved = views.save_view({"_page": "priorities", "level": "district", "area": "21.71"}, "Batam priorities")
    app = open_app(v=saved.token, lang="en")
    assert {"level": "district", "area": "21.71", "lang": "en"}.items() <= query(app).items()
    assert "v" not in query(app) and "_page" not in query(app)


def test_story_steps_from_the_map_page_to_the_flows_page_and_back() -> None:
    villages = views.save_view({"level": "regency", "area": "21"}, "Kepri regencies")
    flows = views.save_view({"_page": "flows", "area": "21", "country": "KH"}, "Kepri to Cambodia")
    story = views.create_story("Where they go", [(villages.token, "Origins"), (flows.token, "To Cambodia")])
    app = open_app(present="1", story=story.token, lang="en")
    assert "Origins" in texts(app)
    app.button(key="present_next").click()
    run(app)
    assert {"area": "21", "country": "KH", "present": "1", "story": story.token, "step": "2"}.items() <= query(app).items()
    assert "To Cambodia" in texts(app) and "Step 2 of 2" in texts(app)
    assert any(text.startswith("Flows from Kepulauan Riau → Cambodia") for text in texts(app)), texts(app)
    app.button(key="present_prev").click()
    run(app)
    assert query(app)["step"] == "1" and query(app)["level"] == "regency" and "country" not in query(app)
    assert "Origins" in texts(app)


def stories_page() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    run(app)
    app.switch_page("pages/stories.py")
    return run(app)


def captions_of(app: AppTest, token: str) -> list[str]:
    return [box.value for box in app.text_input if (box.key or "").startswith(f"stories_caption_{token}_")]


def test_stories_page_creates_reorders_edits_and_deletes_a_story() -> None:
    one = views.save_view({"level": "regency", "area": "21"}, "View one")
    two = views.save_view({"level": "district", "area": "21.71"}, "View two")
    app = stories_page()
    assert any("View one" in text for text in texts(app))
    app.text_input(key="stories_new_title").input("Briefing")
    app.multiselect(key="stories_new_views").select(one.token).select(two.token)
    app.button(key="FormSubmitter:stories_new_form-Buat cerita").click()
    run(app)
    story = next(story for story in views.list_stories() if story.title == "Briefing")
    assert [step.view_token for step in story.steps] == [one.token, two.token]
    assert any(code.value.endswith(f"/?present=1&story={story.token}") for code in app.code)
    assert any(button.proto.url.endswith(f"/?present=1&story={story.token}") for button in app.get("link_button"))
    assert captions_of(app, story.token) == ["View one", "View two"]

    app.button(key=f"stories_down_{story.token}_0").click()
    run(app)
    story = views.get_story(story.token)
    assert story is not None and [step.view_token for step in story.steps] == [two.token, one.token]
    assert captions_of(app, story.token) == ["View two", "View one"]

    app.text_input(key=f"stories_caption_{story.token}_0").input("Batam first")
    app.text_input(key=f"stories_title_{story.token}").input("Briefing, revised")
    app.button(key=f"stories_save_{story.token}").click()
    run(app)
    story = views.get_story(story.token)
    assert story is not None and story.title == "Briefing, revised"
    assert [step.caption for step in story.steps] == ["Batam first", "View one"]

    app.button(key=f"stories_remove_{story.token}_1").click()
    run(app)
    story = views.get_story(story.token)
    assert story is not None and [step.view_token for step in story.steps] == [two.token]

    app.button(key=f"stories_delete_{story.token}").click()
    run(app)
    assert views.get_story(story.token) is None
    assert any("Briefing, revised" in text and "deleted" in text.lower() or "dihapus" in text for text in texts(app))


def test_a_view_used_by_a_story_cannot_be_deleted_and_says_why() -> None:
    used = views.save_view({"level": "province"}, "Used view")
    views.create_story("Uses it", [(used.token, "caption")])
    app = stories_page()
    app.button(key=f"stories_delete_view_{used.token}").click()
    run(app)
    assert views.get_view(used.token) is not None
    assert app.error, "the store's refusal is shown as a message"


def test_viewers_cannot_arrange_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISKMAP_REQUIRE_LOGIN", "1")
    app = stories_page()
    assert any("Hanya analis yang sudah masuk" in text for text in texts(app))
    assert not app.text_input


def test_save_view_refuses_personal_data_in_the_form_and_saves_nothing() -> None:
    before = len(views.list_views())
    app = open_map_page(TIMEOUT, level="province", lang="en")
    app.text_input(key="present_save_title").input("Kepri briefing")
    app.text_area(key="present_save_note").input("Korban Maria Goreti 081298765432")
    app.button(key="FormSubmitter:present_save_form-Save").click()
    run(app)
    form = next(block for block in app.main.form if block.key == "present_save_form")
    refusals = [shown(error.value) for error in form.error]
    assert len(refusals) == 1 and refusals[0].startswith("The note holds personal data, a phone number (081…32)")
    assert not any("081298765432" in text or "Maria" in text for text in texts(app))
    assert not [code for code in app.code if "/?v=" in code.value], "no short link"
    assert len(views.list_views()) == before
    assert app.text_area(key="present_save_note").value == "Korban Maria Goreti 081298765432", "kept to be fixed"


def test_stories_page_refuses_a_caption_with_personal_data_in_the_story_editor() -> None:
    view = views.save_view({"level": "regency", "area": "21"}, "Kepri regencies")
    story = views.create_story("Guarded briefing", [(view.token, "Asal"), (view.token, "Batam")])
    app = stories_page()
    app.text_input(key=f"stories_caption_{story.token}_1").input("dijemput a.n. Siti Aminah")
    app.button(key=f"stories_save_{story.token}").click()
    run(app)
    editor = next(expander for expander in app.main.expander if "Guarded briefing" in expander.label)
    refusals = [shown(error.value) for error in editor.error]
    assert len(refusals) == 1 and refusals[0].startswith("Keterangan langkah 2 memuat data pribadi, nama orang "
                                                         "(a.n. S… A…)"), refusals
    assert not any("Siti" in text or "Aminah" in text for text in texts(app))
    assert views.get_story(story.token) == story, "nothing changed"
    assert captions_of(app, story.token) == ["Asal", "dijemput a.n. Siti Aminah"], "kept to be fixed"
