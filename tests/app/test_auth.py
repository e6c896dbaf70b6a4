"""Accounts in the app: viewers see public data only and cannot reach a privileged action.

Each test has its own store (RISKMAP_HOME in tmp_path); the prepared boundary cache is shared
(RISKMAP_BOUNDARY_CACHE). "Hosted" tests set RISKMAP_REQUIRE_LOGIN=1 and create an analyst
account; a restricted dataset with a value found nowhere else (7,777) must never reach a viewer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.app import auth
from geo.data import audit, users
from geo.data.store import Store

pytestmark = pytest.mark.integration

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 300
PASSWORD = "correct horse battery staple"
SECRET_VALUE = 7777


@dataclass(frozen=True)
class Hosted:
    store: Store
    restricted_id: int
    public_id: int


def _own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh store in tmp_path; the boundary cache stays the shared one (it holds no user data)."""
    shared_home = Path(os.environ["RISKMAP_HOME"])
    monkeypatch.setenv("RISKMAP_BOUNDARY_CACHE", os.environ.get("RISKMAP_BOUNDARY_CACHE")
                       or str(shared_home / "boundaries"))
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    monkeypatch.delenv("RISKMAP_DB_URL", raising=False)


@pytest.fixture
def hosted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hosted:
    """RISKMAP_REQUIRE_LOGIN=1, an analyst "ana", the sample data and one restricted dataset."""
    _own_home(tmp_path, monkeypatch)
    monkeypatch.setenv("RISKMAP_REQUIRE_LOGIN", "1")
    store = Store()
    store.ensure_default_data()
    users.add_user("ana", PASSWORD, "analyst", store=store)
    records = pd.DataFrame({"area_code": ["21.71"], "level": ["regency"], "period": ["2024"],
                            "count": [SECRET_VALUE]})
    restricted_id = store.save_dataset(kind="migration", name="Secret survey", records=records, activate=False)
    store.set_restricted(restricted_id, True, actor="test")
    public_id = store.save_dataset(kind="migration", name="Open survey", records=records.assign(count=4321),
                                   activate=False)
    return Hosted(store=store, restricted_id=restricted_id, public_id=public_id)


@pytest.fixture
def single(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A laptop: no account, RISKMAP_REQUIRE_LOGIN unset."""
    _own_home(tmp_path, monkeypatch)
    monkeypatch.delenv("RISKMAP_REQUIRE_LOGIN", raising=False)
    return Store()


def analyst_token(store: Store) -> str:
    return users.create_session(users.User("ana", "analyst"), store=store)


def open_page(page: str | None, *, token: str | None = None, runs: int = 1, **query: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params["lang"] = "en"
    for key, value in query.items():
        app.query_params[key] = value
    if token is not None:
        app.session_state[auth.TOKEN_STATE] = token
    if page is not None:
        app.switch_page(page)
    for _ in range(runs):
        app.run()
        assert not app.exception, [e.value for e in app.exception]
    return app


def texts(app: AppTest) -> str:
    """Every text shown, Markdown escapes removed (messages are escaped before they are shown)."""
    kinds = (app.title, app.markdown, app.caption, app.info, app.warning, app.error, app.success)
    return "\n".join(str(element.value) for kind in kinds for element in kind).replace("\\", "")


def all_cells(app: AppTest) -> str:
    return "\n".join(element.value.to_csv() for element in app.dataframe)


# --------------------------------------------------------------------------- Data page


def test_viewer_sees_public_datasets_and_no_controls(hosted: Hosted) -> None:
    app = open_page("pages/data.py")
    assert not app.get("file_uploader"), "no upload control for a viewer"
    assert {button.key for button in app.button} == set(), [button.key for button in app.button]
    assert not [box for box in app.selectbox if box.key == "data_version"]
    assert "You are seeing the public datasets" in texts(app)
    assert "Visitor (public datasets only)" in texts(app)  # the sidebar says who you are
    table = app.dataframe[-1].value
    assert hosted.public_id in table["ID"].tolist()
    assert hosted.restricted_id not in table["ID"].tolist()
    assert "Secret survey" not in all_cells(app)
    assert not [toggle for toggle in app.toggle if toggle.key == "auth_show_small_counts_toggle"]


def test_analyst_sees_restricted_datasets_and_every_control(hosted: Hosted) -> None:
    app = open_page("pages/data.py", token=analyst_token(hosted.store))
    assert app.get("file_uploader")
    assert {"data_activate", "data_restrict", "data_delete"} <= {button.key for button in app.button}
    assert hosted.restricted_id in app.dataframe[-1].value["ID"].tolist()
    assert "Signed in as ana (analyst)" in texts(app)
    app.selectbox(key="data_version").set_value(hosted.restricted_id).run()
    assert app.button(key="data_restrict").label == "Make public"
    app.button(key="data_restrict").click().run()
    assert not app.exception
    assert "Dataset Secret survey v1 is now public." in texts(app)
    assert hosted.store.get_dataset(hosted.restricted_id).restricted is False
    app.number_input(key=f"data_threshold_{hosted.restricted_id}").set_value(12).run()
    app.button(key="data_threshold_set").click().run()
    assert "The disclosure threshold of dataset Secret survey v1 is now 12." in texts(app)
    assert hosted.store.get_dataset(hosted.restricted_id).disclosure_threshold == 12


def _replay_handlers() -> None:
    """Run inside AppTest: call every privileged handler as a replayed widget event would."""
    import streamlit as st

    from geo.app import datapage
    from geo.ingest import pipeline

    target = int(st.session_state["target"])
    checked = pipeline.check(b"kode_wilayah,tahun,jumlah\n21.71,2024,12\n", "replay.csv", kind="migration")
    outcomes = {
        "publish": datapage.publish_upload(checked, name="Replayed", note=None, activate=True, lang="en"),
        "activate": datapage.activate_dataset(target, "en"),
        "restrict": datapage.set_restricted(target, False, "en"),
        "threshold": datapage.set_threshold(target, 1, "en"),
        "delete": datapage.delete_dataset(target, "en"),
    }
    st.session_state["done"] = sorted(action for action, outcome in outcomes.items() if outcome is not None)


def replay(store: Store, target: int, token: str | None) -> AppTest:
    app = AppTest.from_function(_replay_handlers, default_timeout=TIMEOUT)
    app.session_state["target"] = target
    if token is not None:
        app.session_state[auth.TOKEN_STATE] = token
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_replayed_handlers_change_nothing_for_a_viewer(hosted: Hosted) -> None:
    before = [info.to_dict() for info in hosted.store.list_datasets(include_deleted=True)]
    app = replay(hosted.store, hosted.restricted_id, token=None)
    assert app.session_state["done"] == []
    assert [info.to_dict() for info in hosted.store.list_datasets(include_deleted=True)] == before
    errors = [error.value for error in app.error]
    assert len(errors) == 5 and all("is not allowed for your role (viewer)" in error for error in errors)
    denied = [entry.target for entry in audit.entries(store=hosted.store) if entry.action == "denied"]
    assert sorted(denied) == ["activate", "delete", "publish", "restrict", "restrict"]

    # A session whose token is not (or no longer) in the store is a viewer too.
    app = replay(hosted.store, hosted.restricted_id, token="forged-token")
    assert app.session_state["done"] == []
    assert [info.to_dict() for info in hosted.store.list_datasets(include_deleted=True)] == before


def test_the_same_handlers_work_for_an_analyst(hosted: Hosted) -> None:
    app = replay(hosted.store, hosted.restricted_id, token=analyst_token(hosted.store))
    assert app.session_state["done"] == ["activate", "delete", "publish", "restrict", "threshold"]
    changed = hosted.store.get_dataset(hosted.restricted_id)
    assert changed.restricted is False and changed.deleted_at is not None and changed.disclosure_threshold == 1
    published = [info for info in hosted.store.list_datasets() if info.name == "Replayed"]
    assert len(published) == 1 and published[0].uploader == "ana"


# --------------------------------------------------------------------------- Map and Flows pages


def test_restricted_dataset_in_the_url_is_not_available_on_the_map(hosted: Hosted) -> None:
    app = open_page(None, runs=2, dataset=str(hosted.restricted_id), level="province")
    assert f"Dataset not available: {hosted.restricted_id}." in texts(app)
    assert "There is no data to show" in texts(app)
    options = app.selectbox(key="map_dataset_migration").options
    assert not any("Secret survey" in option for option in options)
    assert str(SECRET_VALUE) not in all_cells(app) and "7,777" not in all_cells(app)
    payload = " ".join(str(component.proto) for component in app.get("component_instance"))
    assert "7777" not in payload


def test_an_analyst_sees_the_restricted_dataset_on_the_map(hosted: Hosted) -> None:
    app = open_page(None, runs=2, token=analyst_token(hosted.store), dataset=str(hosted.restricted_id),
                    level="province")
    assert not [w.value for w in app.warning if "not available" in w.value]
    assert "7,777" in all_cells(app) or str(SECRET_VALUE) in all_cells(app)


def test_restricted_dataset_in_the_url_is_not_available_on_the_flows_page(hosted: Hosted) -> None:
    app = open_page("pages/flows.py", dataset=str(hosted.restricted_id))
    assert f"dataset='{hosted.restricted_id}': this dataset is not available" in texts(app)
    assert app.selectbox(key="flows_dataset").value != hosted.restricted_id
    assert hosted.restricted_id not in app.selectbox(key="flows_dataset").options


# --------------------------------------------------------------------------- sign-in, sessions, modes


def sign_in(app: AppTest, name: str, password: str) -> AppTest:
    app.text_input(key="auth_name").input(name)
    app.text_input(key="auth_password").input(password)
    next(button for button in app.button if button.label == "Sign in").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_sign_in_fails_slowly_then_works_and_expires(hosted: Hosted, monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    monkeypatch.setattr(users, "_sleep", waits.append)  # the delay is recorded instead of slept
    app = open_page("pages/signin.py")
    assert app.title[0].value == "Sign in"
    for _ in range(users.FREE_ATTEMPTS + 2):
        sign_in(app, "ana", "wrong password!")
        assert "Wrong user name or password" in [error.value for error in app.error][0]
    assert waits[: users.FREE_ATTEMPTS] == [0.0] * users.FREE_ATTEMPTS
    assert waits[-1] >= 1.0, "the attempt after the free ones is slowed down"
    assert auth.TOKEN_STATE not in app.session_state

    sign_in(app, "ana", PASSWORD)
    assert "Signed in as ana (analyst)" in texts(app)
    assert app.session_state[auth.TOKEN_STATE]
    app.switch_page("pages/data.py").run()
    assert app.get("file_uploader"), "signed in as an analyst: the upload control is there"

    later = dt.datetime.now(dt.UTC) + users.SESSION_LIFETIME + dt.timedelta(minutes=1)
    monkeypatch.setattr(users, "_now", lambda: later)
    app.run()
    assert not app.exception
    assert "Your session has expired. Please sign in again." in texts(app)
    assert not app.get("file_uploader")
    assert auth.TOKEN_STATE not in app.session_state


def test_sign_out_ends_the_session_in_the_store(hosted: Hosted) -> None:
    token = analyst_token(hosted.store)
    app = open_page("pages/signin.py", token=token)
    app.button(key="auth_signout_page").click().run()
    assert not app.exception
    assert users.session_user(token, store=hosted.store) is None
    assert app.text_input(key="auth_name") is not None  # the form again
    assert [e.action for e in audit.entries(store=hosted.store)][:1] == ["sign_out"]


def test_small_counts_switch_only_for_analysts(hosted: Hosted) -> None:
    app = open_page("pages/data.py", token=analyst_token(hosted.store))
    toggle = app.toggle(key="auth_show_small_counts_toggle")
    assert toggle.value is False
    toggle.set_value(True).run()
    assert app.session_state["auth_show_small_counts"] is True


def test_single_user_mode_says_so_and_allows_upload(single: Store) -> None:
    app = open_page("pages/data.py")
    assert "Single-user mode: no accounts exist" in texts(app)
    assert app.get("file_uploader")
    assert {"data_activate", "data_restrict", "data_delete"} <= {button.key for button in app.button}


# --------------------------------------------------------------------------- the sign-in cookie


def cookie_writes(app: AppTest) -> list[dict[str, object]]:
    """What the page asked the browser to do with the sign-in cookie (the writer's data), in order."""
    writers = [element.proto for element in app.get("bidi_component")
               if element.proto.component_name == "riskmap_session_cookie"]
    return [json.loads(writer.json) for writer in writers]


@pytest.fixture
def browser_cookie(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The cookies "the browser sent": AppTest cannot send any, so auth's one reader of st.context.cookies is fed."""
    sent: dict[str, str] = {}
    monkeypatch.setattr(auth, "_browser_cookie", lambda: sent.get(auth.COOKIE_NAME))
    return sent


def test_a_session_cookie_signs_the_reloaded_page_in(hosted: Hosted, browser_cookie: dict[str, str]) -> None:
    browser_cookie[auth.COOKIE_NAME] = analyst_token(hosted.store)
    app = open_page("pages/data.py")
    assert "Signed in as ana (analyst)" in texts(app)
    assert app.get("file_uploader"), "signed in from the cookie: the upload control is there"
    assert hosted.restricted_id in app.dataframe[-1].value["ID"].tolist()
    assert cookie_writes(app) == [], "the browser already holds the right cookie: nothing is written"


def test_an_ended_session_in_the_cookie_is_ignored_with_a_notice(hosted: Hosted,
                                                                  browser_cookie: dict[str, str]) -> None:
    token = analyst_token(hosted.store)
    users.end_session(token, store=hosted.store)  # signed out elsewhere (another tab or process)
    browser_cookie[auth.COOKIE_NAME] = token
    app = open_page("pages/data.py")
    assert "Your session has expired. Please sign in again." in texts(app)
    assert "Visitor (public datasets only)" in texts(app)
    assert not app.get("file_uploader")
    assert hosted.restricted_id not in app.dataframe[-1].value["ID"].tolist()
    assert [write["value"] for write in cookie_writes(app)] == [""], "the stale cookie is cleared"
    app.run()
    assert "Your session has expired" not in texts(app), "said once"

    browser_cookie[auth.COOKIE_NAME] = "forged-token"
    app = open_page("pages/data.py")
    assert not app.get("file_uploader") and "Signed in as" not in texts(app)


def through_app(app: AppTest) -> AppTest:
    """Run as a browser does: through app.py (AppTest otherwise reruns a switched-to page alone).

    The detour through app.py is a rerun that drops a widget interaction: use it for a plain run.
    """
    app.session_state["_riskmap_navigation_rerun_done"] = False
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_sign_in_sets_the_cookie_and_sign_out_clears_it(hosted: Hosted, browser_cookie: dict[str, str]) -> None:
    app = open_page("pages/signin.py")
    assert cookie_writes(app) == []
    sign_in(app, "ana", PASSWORD)  # AppTest runs the page alone here: app.py, which writes the cookie, next
    through_app(app)
    token = app.session_state[auth.TOKEN_STATE]
    writes = cookie_writes(app)
    assert writes == [{"name": "riskmap_session", "value": token, "path": "/",
                       "maxAge": int(users.SESSION_LIFETIME.total_seconds())}]
    assert users.session_user(str(writes[0]["value"]), store=hosted.store) == users.User("ana", "analyst")
    assert cookie_writes(through_app(app)) == writes, "written again on every run of this session"

    app.button(key="auth_signout_page").click().run()
    through_app(app)
    assert [write["value"] for write in cookie_writes(app)] == [""]
    assert users.session_user(token, store=hosted.store) is None, "the session ended in the store too"
    through_app(app)
    assert "Signed in as" not in texts(app), "the cookie sent when the page opened is not taken up again"
    assert [write["value"] for write in cookie_writes(app)] == [""]
