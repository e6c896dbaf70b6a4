"""The exported story (``riskmap stories export``): one HTML file that opens offline and steps through its maps.

The file is opened from disk in headless Chromium with every request routed: anything but
the file itself is aborted and recorded, so "no request leaves the file" is checked, not
assumed. Each step's map must draw its areas (SVG paths) in the story's frame; the
buttons, the arrow keys (on the page and from inside the map) and ``#step-N`` step.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from geo.cli import main
from geo.data.store import Store, default_store
from geo.data.views import ViewError, create_story, save_view
from geo.web.story_export import StoryPage, export_story, story_html

HOSTILE_TITLE = '<img src=x onerror="window.hacked=1"> Kepri </script><!-- story'
HOSTILE_CAPTION = "Where cases start <b>bold</b> `${x}`"
WAIT_MS = 60_000


@dataclass
class StoryFile:
    path: Path
    captions: list[str]
    messages: tuple[str, ...] = ()
    tokens: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def story_file(prepared_boundaries: Path, tmp_path_factory: pytest.TempPathFactory) -> StoryFile:
    """A three-step story over the sample data (Batam villages, Kepri regencies with flows, Indonesia)."""
    store = default_store()
    store.ensure_default_data()
    batam = save_view({"level": "village", "area": "21.71"}, "Batam villages", store=store)
    kepri = save_view({"level": "regency", "area": "21", "indicator": "cases", "flows": "1"}, "Kepri flows",
                      store=store)
    country = save_view({"level": "province", "k": "zz"}, "Indonesia", store=store)
    captions = [HOSTILE_CAPTION, "Then the flows", ""]
    story = create_story(HOSTILE_TITLE, list(zip([batam.token, kepri.token, country.token], captions, strict=True)),
                         store=store)
    exported = export_story(story, lang="en")
    path = tmp_path_factory.mktemp("story") / "story.html"
    path.write_text(exported.html, encoding="utf-8")
    return StoryFile(path, captions, exported.messages, [story.token, batam.token])


@pytest.fixture
def offline_page(browser: Any, story_file: StoryFile) -> Iterator[tuple[Any, list[str]]]:
    """A page that may load only the story file; every other request is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    leaving: list[str] = []
    own_url = story_file.path.as_uri()

    def route(route: Any) -> None:
        if route.request.url.split("#")[0] == own_url:
            route.continue_()
        else:
            leaving.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda request: None if request.url.split("#")[0] == own_url else leaving.append(request.url))
    try:
        yield page, leaving
    finally:
        context.close()


def _wait_for_step(page: Any, number: int, total: int = 3) -> None:
    page.get_by_text(f"Step {number} of {total}").first.wait_for(timeout=WAIT_MS)
    frame = page.frame_locator("#riskmap-story-map")
    # Paths outside the view are clipped to "M0 0" and hidden (the world outline on a national step).
    frame.locator("path.leaflet-interactive:visible").first.wait_for(timeout=WAIT_MS)


def _drawn_paths(page: Any) -> int:
    return int(page.frame_locator("#riskmap-story-map").locator("path.leaflet-interactive").count())


def test_the_story_opens_offline_and_steps_with_buttons_and_arrow_keys(
    offline_page: tuple[Any, list[str]], story_file: StoryFile,
) -> None:
    page, leaving = offline_page
    page.goto(story_file.path.as_uri())
    _wait_for_step(page, 1)
    assert _drawn_paths(page) > 10  # Batam's villages
    assert page.locator("h1").inner_text() == HOSTILE_TITLE  # shown as text, not markup
    assert page.evaluate("window.hacked") is None
    assert page.locator(".riskmap-story-caption:not([hidden])").inner_text().endswith(HOSTILE_CAPTION)
    assert page.locator("#riskmap-story-prev").is_disabled()

    page.locator("#riskmap-story-next").click()
    _wait_for_step(page, 2)
    page.frame_locator("#riskmap-story-map").locator(".riskmap-flow-legend").first.wait_for(timeout=WAIT_MS)
    assert "Then the flows" in page.locator(".riskmap-story-caption:not([hidden])").inner_text()

    page.keyboard.press("ArrowRight")
    _wait_for_step(page, 3)
    assert page.locator("#riskmap-story-next").is_disabled()
    assert page.evaluate("window.location.hash") == "#step-3"

    page.keyboard.press("ArrowLeft")
    _wait_for_step(page, 2)
    page.locator("#riskmap-story-prev").click()
    _wait_for_step(page, 1)

    # Inside the map the arrow keys still step (the frame passes them to the story page).
    page.frame_locator("#riskmap-story-map").locator(".leaflet-container").first.click(position={"x": 20, "y": 200})
    page.keyboard.press("ArrowRight")
    _wait_for_step(page, 2)

    assert leaving == []  # no request left the file: Leaflet, data and styles are all inside it


def test_the_address_opens_a_step(offline_page: tuple[Any, list[str]], story_file: StoryFile) -> None:
    page, leaving = offline_page
    page.goto(story_file.path.as_uri() + "#step-3")
    _wait_for_step(page, 3)
    assert leaving == []


def test_corrected_keys_of_a_view_are_reported_per_step(story_file: StoryFile) -> None:
    assert any(message.startswith("Step 3:") and "k='zz'" in message for message in story_file.messages)


def test_a_public_file_refuses_a_restricted_view_and_an_analyst_file_says_what_it_holds(
    prepared_boundaries: Path,
) -> None:
    store: Store = default_store()
    secret = save_view({"level": "province"}, "secret", restricted=True, store=store)
    story = create_story("restricted", [(secret.token, "")], store=store)
    with pytest.raises(ViewError) as caught:
        export_story(story, lang="en", audience="public")
    assert caught.value.key == "views.export.restricted" and "--audience analyst" in str(caught.value)
    for_analysts = export_story(story, lang="en", audience="analyst")
    assert "For analysts only" in for_analysts.html and 'id="riskmap-story-pages"' in for_analysts.html
    empty = create_story("empty", [], store=store)
    with pytest.raises(ViewError, match="no steps"):
        export_story(empty, lang="en")
    page = story_html("t", [StoryPage("a", "", "<p>x</p>")], lang="id", warning="Untuk analis saja")
    assert '<p id="riskmap-story-warning">Untuk analis saja</p>' in page


def test_no_page_inside_the_file_can_end_its_script_element() -> None:
    hostile_page = "<script>a</script><!--<script>--></script>"
    page = story_html("t", [StoryPage("a", "", hostile_page)], lang="en")
    start = page.index('id="riskmap-story-pages">') + len('id="riskmap-story-pages">')
    inside = page[start:page.index("</script>", start)]
    assert "<" not in inside
    assert json.loads(inside) == [hostile_page]


def test_the_cli_exports_a_story_and_says_where(
    prepared_boundaries: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    store = default_store()
    view = save_view({"level": "province"}, "Indonesia", store=store)
    story = create_story("CLI story", [(view.token, "the country")], store=store)
    out = tmp_path / "cli-story.html"
    assert main(["--lang", "en", "stories", "export", story.token, "--out", str(out)]) == 0
    assert f"wrote {out}: 1 steps" in capsys.readouterr().out
    assert 'id="riskmap-story-pages"' in out.read_text(encoding="utf-8")
    assert main(["stories", "export", "ZZZZZZZZZZZZZZZZ", "--out", str(out), "--lang", "id"]) == 2
    assert "Tidak ada cerita 'ZZZZZZZZZZZZZZZZ'" in capsys.readouterr().err
