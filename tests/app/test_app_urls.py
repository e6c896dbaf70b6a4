"""AppTest: URLs that must not crash a page, one message per URL, escaped text, corrected URLs rewritten.

Issues #9.3, #12.6, #12.7 and #10.8 on the Map page (app.py) and the Flows page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.web.escape import markdown_escape
from tests.conftest import open_map_page

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("RISKMAP_DATA_MIRROR"), reason="needs RISKMAP_DATA_MIRROR (boundaries)"),
]

FLOWS_PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "flows.py")
TIMEOUT = 300
LINK = "[Session expired](https://evil.example/login)"
IMAGE = "![](http://127.0.0.1:8809/x.png)"


@pytest.fixture(scope="module", autouse=True)
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh store of this module: the pages create the sample datasets on first use."""
    url = f"sqlite:///{tmp_path_factory.mktemp('url-store') / 'riskmap.sqlite'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RISKMAP_DB_URL", url)
        yield url


def unescaped(text: str) -> str:
    """The text a Markdown element shows for ``text`` (backslash escapes and word joiners removed)."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def markdown_texts(app: AppTest) -> list[str]:
    """The bodies of every Markdown-capable element on the page, as sent to the browser."""
    kinds = (app.markdown, app.caption, app.warning, app.error, app.info, app.success, app.title, app.subheader)
    return [element.value for kind in kinds for element in kind]


def url_messages(app: AppTest) -> list[str]:
    """The messages about the URL (as shown, i.e. unescaped)."""
    return [unescaped(w.value) for w in app.warning if unescaped(w.value).startswith(("Tautan ini", "This link"))]


def assert_no_link_or_image(app: AppTest, target: str) -> None:
    """Nothing on the page renders ``target`` as a link or image: it only appears escaped.

    The Markdown body must not even hold the bare URL: GitHub-flavoured Markdown would link it.
    """
    for text in markdown_texts(app):
        assert target not in text, text


def open_flows_page(**query: str) -> AppTest:
    app = AppTest.from_file(FLOWS_PAGE, default_timeout=TIMEOUT)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [exception.value for exception in app.exception]
    return app


# --------------------------------------------------------------------------- the Map page


@pytest.mark.parametrize("value", ["²", "٣", "5" * 5000, "-3", "NaN", "1e9"])
def test_hostile_k_gives_a_message_and_the_url_is_rewritten(value: str) -> None:
    app = open_map_page(TIMEOUT, level="regency", k=value, lang="en")
    messages = url_messages(app)
    assert len(messages) == 1 and f"k='{value[:39]}" in messages[0], messages
    assert "must be a whole number from 3 to 9; using 5." in messages[0]
    assert dict(app.query_params) == {"level": "regency", "lang": "en"}  # a reload is clean
    assert app.selectbox(key="map_indicator") is not None  # the page is drawn in full


def test_a_huge_dataset_id_gives_a_message_not_a_crash() -> None:
    app = open_map_page(TIMEOUT, dataset="99999999999999999999999", lang="en")
    messages = url_messages(app)
    assert len(messages) == 1 and "dataset='99999999999999999999999' must be dataset numbers" in messages[0]
    assert "dataset" not in app.query_params


def test_every_bad_key_is_named_in_one_message() -> None:
    app = open_map_page(TIMEOUT, level="foo", area="99.99", lang="en")
    messages = url_messages(app)
    assert len(messages) == 1
    assert "level='foo'" in messages[0] and "area='99.99'" in messages[0]
    assert dict(app.query_params) == {"level": "province", "lang": "en"}

    app = open_map_page(TIMEOUT, level="village", area="99.99", lang="en")
    messages = url_messages(app)
    assert len(messages) == 1
    assert "area='99.99'" in messages[0] and "level=village: Village is not shown for all of Indonesia" in messages[0]
    assert dict(app.query_params) == {"level": "regency", "lang": "en"}


def test_a_link_in_the_url_is_shown_escaped_not_as_a_link() -> None:
    app = open_map_page(TIMEOUT, level=LINK)
    shown = [w.value for w in app.warning if "Session expired" in w.value]
    assert len(shown) == 1
    # quoted shortened to 40 characters, every Markdown character escaped
    assert markdown_escape("level='[Session expired](https://evil.example/…'") in shown[0]
    assert_no_link_or_image(app, "https://evil.example/login")
    assert dict(app.query_params) == {"level": "province"}


def test_an_image_in_the_url_is_shown_escaped_not_fetched() -> None:
    app = open_map_page(TIMEOUT, k=IMAGE, indicator=IMAGE, palette=LINK)
    shown = [w.value for w in app.warning if "127" in w.value]
    assert len(shown) == 1
    assert markdown_escape(f"k='{IMAGE}'") in shown[0]
    assert "Session expired" in unescaped(shown[0])
    assert_no_link_or_image(app, "http://127.0.0.1:8809/x.png")
    assert_no_link_or_image(app, "https://evil.example/login")


def _messages_script() -> None:
    # Runs inside AppTest: messages a lower layer built around user-given text, shown by the helper.
    from geo.app import ui
    from geo.i18n import t

    name = "Kasus [Session expired](https://evil.example/login)"
    ui.show_messages([t("map.dataset.deleted", "en", id=3, name=name)])
    ui.show_message(f"file {name}.csv: <img src=http://127.0.0.1:8809/x.png>", "error")
    ui.show_message(f"column ![]({'http://127.0.0.1:8809/x.png'})", "caption")
    ui.show_message(f"{name} :red[alert] $x$", "info")
    ui.show_message(name, "success")


def test_dataset_names_and_file_texts_are_escaped_by_the_display_helper() -> None:
    app = AppTest.from_function(_messages_script, default_timeout=60)
    app.run()
    assert not app.exception
    texts = markdown_texts(app)
    assert len(texts) == 5
    assert markdown_escape(f"Dataset #3 (Kasus {LINK}) was deleted") in " ".join(texts)
    assert markdown_escape("<img src=http://127.0.0.1:8809/x.png>") in " ".join(texts)
    assert "\\:\u2060red\\[alert\\] \\$x\\$" in " ".join(texts)  # no Streamlit colour, no LaTeX
    assert_no_link_or_image(app, "https://evil.example/login")
    assert_no_link_or_image(app, "http://127.0.0.1:8809/x.png")
    assert unescaped(app.warning[0].value) == (
        "Dataset #3 (Kasus [Session expired](https://evil.example/login)) was deleted; it is left out."
    )


# --------------------------------------------------------------------------- the Flows page


def test_flows_page_hostile_values_give_one_message_and_a_clean_url() -> None:
    app = open_flows_page(top="²", **{"from": "2024-13"}, min="-1", dataset="99999999999999999999999", lang="en")
    messages = url_messages(app)
    assert len(messages) == 1, messages
    for fragment in ("top='²'", "from='2024-13'", "min='-1'", "dataset='99999999999999999999999'"):
        assert fragment in messages[0], (fragment, messages[0])
    query = dict(app.query_params)
    assert not {"top", "from", "min"} & set(query), query
    assert query["dataset"].isdigit() and query["lang"] == "en"  # the active dataset, written back
    assert len(app.dataframe[0].value) == 50  # the default top-N is drawn


def test_flows_page_link_in_the_url_is_escaped() -> None:
    app = open_flows_page(level=LINK, country=IMAGE)
    shown = [w.value for w in app.warning if "Session expired" in w.value]
    assert len(shown) == 1 and markdown_escape("level='[Session expired](https://evil.example/…'") in shown[0]
    assert markdown_escape(f"country='{IMAGE}'") in shown[0]
    assert_no_link_or_image(app, "https://evil.example/login")
    assert_no_link_or_image(app, "http://127.0.0.1:8809/x.png")
    assert "level" not in app.query_params and "country" not in app.query_params


def test_flows_page_unavailable_dataset_is_part_of_the_one_message() -> None:
    app = open_flows_page(dataset="424242", top="x", lang="en")
    messages = url_messages(app)
    assert len(messages) == 1
    assert "dataset='424242': this dataset is not available" in messages[0] and "top='x'" in messages[0]
    assert app.query_params["dataset"] != "424242"
