"""Presentation mode, saved views and stories in the app (issue #13).

* :func:`open_link` runs first on the Map, Flows and Priorities pages: it turns ``/?v=TOKEN`` into the
  saved view's URL keys and ``present=1&story=TOKEN&step=N`` into the keys of the story's
  step N (switching page when the view belongs to another one), so the page then reads its
  view from the URL as always.
* :func:`show_map_presentation` and :func:`show_flow_presentation` draw a page in
  presentation mode (``present=1`` / ``embed=1``): the map over the whole window with a title
  bar, its legend, the source and sample lines, and in a story the step's caption with
  Previous/Next buttons that the arrow keys press (``geo/web/js/story_keys.js``). The look is
  ``geo/web/css/present.css``; ``geo/web/js/present_fill.js`` makes the map fill the window.
* :func:`present_button` and :func:`save_view_control` sit on the Map page;
  :func:`stories_page` is the "Cerita / Stories" page where presenters arrange stories.

Saved views and stories live in the store (:mod:`geo.data.views`), never in this process.
Who may save and arrange them is the ``save_views`` action (:func:`geo.app.auth.require`);
a restricted view or story opens only for a session that may see restricted data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlsplit

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from geo.analysis.flows import FlowResult
from geo.analysis.periods import years_label
from geo.app import auth, ui
from geo.data import views
from geo.data.gazetteer import country_label
from geo.data.store import DatasetInfo
from geo.errors import message_in
from geo.i18n import t
from geo.web.assets import web_file
from geo.web.escape import markdown_escape
from geo.web.mapview import MapData, sample_labels
from geo.web.viewstate import (
    SAVED_PAGE_KEY,
    SAVED_PAGES,
    FlowView,
    Presentation,
    View,
    parse_presentation,
    presentation_to_query,
    without_presentation,
)

PAGE_FILES: dict[str, str] = {page: f"pages/{page}.py" for page in SAVED_PAGES}
"""Page of a saved view (:data:`geo.web.viewstate.SAVED_PAGE_KEY`) → its file (navigation target)."""

_PENDING_MESSAGES = "present_pending_messages"
_SAVED_TOKEN = "present_saved_token"
PRESENT_MAP_HEIGHT_PX = 700
"""The map's height as sent; in presentation mode ``present_fill.js`` stretches it to the window."""


@dataclass(frozen=True)
class StoryPlace:
    """Where a story stands: its title, the step shown (from 1), how many steps, the step's caption."""

    token: str
    title: str
    step: int
    count: int
    caption: str


# --------------------------------------------------------------------------- opening links


def _url_query() -> dict[str, str]:
    # The last value of a key given twice, as the pages' own parsers read it.
    query = {key: st.query_params.get_all(key)[-1] for key in st.query_params if st.query_params.get_all(key)}
    # Streamlit keeps "embed" (its own embed mode's key) out of st.query_params, and keeps it in
    # the URL whatever the page writes; the run's query string still has it.
    context = get_script_run_ctx()
    embed = parse_qs(context.query_string).get("embed") if context is not None else None
    if embed:
        query["embed"] = embed[-1]
    return query


def _language_key(query: Mapping[str, str]) -> dict[str, str]:
    return {"lang": query["lang"]} if "lang" in query else {}


def _go(page: str, target_page: str, query: dict[str, str], messages: list[str]) -> None:
    """Write ``query`` into the URL, or open ``target_page`` with it (messages carried over)."""
    if target_page != page and target_page in PAGE_FILES:
        st.session_state[_PENDING_MESSAGES] = messages
        st.switch_page(PAGE_FILES[target_page], query_params=query)
    st.query_params.from_dict(query)


def _split_saved(saved: views.SavedView) -> tuple[str, dict[str, str]]:
    """A saved view's page and its URL keys."""
    query = dict(saved.query)
    page = query.pop(SAVED_PAGE_KEY, "map")
    return page, without_presentation(query)


def _open_saved_view(page: str, shown: Presentation, query: dict[str, str], messages: list[str]) -> Presentation:
    """``v=TOKEN``: the saved view's keys replace the URL's (``present``/``embed`` and ``lang`` kept)."""
    lang = ui.current_lang()
    token = shown.view_token or ""
    shown = replace(shown, view_token=None)
    saved = views.get_view(token, audience=auth.data_audience())  # restricted: None for viewers, as unknown
    if saved is None:
        messages.append(t("present.view.unknown", lang, token=token))
        st.query_params.from_dict({**presentation_to_query(shown), **_language_key(query)})
        return shown
    target_page, keys = _split_saved(saved)
    if target_page not in PAGE_FILES:
        messages.append(t("present.view.other_page", lang, title=saved.title))
        st.query_params.from_dict({**presentation_to_query(shown), **_language_key(query)})
        return shown
    _go(page, target_page, {**keys, **_language_key(query), **presentation_to_query(shown)}, messages)
    return shown


def _open_story(page: str, shown: Presentation, query: dict[str, str], messages: list[str]) -> tuple[
        Presentation, StoryPlace | None]:
    """``story=TOKEN&step=N``: the keys of step N's saved view, unless the URL holds them already."""
    lang = ui.current_lang()
    token = shown.story_token or ""
    story = views.get_story(token, audience=auth.data_audience())
    if story is None or not story.steps:
        if story is None:
            messages.append(t("present.story.unknown", lang, token=token))
        else:
            messages.append(t("present.story.empty", lang, title=story.title))
        shown = replace(shown, story_token=None, step=1)
        st.query_params.from_dict({**presentation_to_query(shown), **_language_key(query)})
        return shown, None
    count = len(story.steps)
    if shown.step > count:
        messages.append(t("present.story.step_corrected", lang, title=story.title, count=count, step=count))
        shown = replace(shown, step=count)
    step = story.steps[shown.step - 1]
    place = StoryPlace(token, story.title, shown.step, count, step.caption)
    saved = views.get_view(step.view_token, audience=auth.data_audience())
    if saved is None:  # a step's view cannot be deleted; restricted ones come with a restricted story
        messages.append(t("present.view.unknown", lang, token=step.view_token))
        return shown, place
    target_page, keys = _split_saved(saved)
    current = {key: value for key, value in without_presentation(query).items() if key != "lang"}
    wanted = {key: value for key, value in keys.items() if key != "lang"}
    if target_page != page or current != wanted:
        language = _language_key(query) or _language_key(keys)
        _go(page, target_page, {**wanted, **language, **presentation_to_query(shown)}, messages)
    return shown, place


def open_link(page: str) -> tuple[Presentation, StoryPlace | None, list[str]]:
    """Resolve the URL's saved view or story step before the page reads its view.

    Parameters
    ----------
    page : str
        The page running: ``"map"``, ``"flows"`` or ``"priorities"`` (a view of another page switches to it).

    Returns
    -------
    tuple
        How the page is shown, where the story stands (``None``: no story), and plain-text
        messages (corrected keys, a token not found) for the page to show.
    """
    query = _url_query()
    shown, messages = parse_presentation(query, ui.current_lang())
    messages = [*st.session_state.pop(_PENDING_MESSAGES, []), *messages]
    place: StoryPlace | None = None
    if shown.view_token is not None:
        shown = _open_saved_view(page, shown, query, messages)
    elif shown.story_token is not None:
        shown, place = _open_story(page, shown, query, messages)
    return shown, place, messages


def presentation_now() -> Presentation:
    """The presentation keys of the URL as it stands (for a page that needs no story).

    Returns
    -------
    Presentation
        Parsed from ``st.query_params`` (invalid values give the defaults, silently).
    """
    return parse_presentation(_url_query())[0]


# --------------------------------------------------------------------------- presentation mode


def _inject_look(place: StoryPlace | None) -> None:
    """The presentation stylesheet, the script stretching the map, and in a story the arrow keys."""
    st.html(f"<style>{web_file('css/present.css')}</style>")
    scripts = web_file("js/present_fill.js")
    if place is not None:
        scripts += web_file("js/story_keys.js")
    st.html(f"<script>{scripts}</script>", unsafe_allow_javascript=True)


def _exit_presentation() -> None:
    # The view's keys stay; a story's keys go with the presentation (the step's view stays on screen).
    for key in ("present", "embed", "story", "step"):
        if key in st.query_params:
            del st.query_params[key]


def _go_to_step(step: int) -> None:
    shown = presentation_now()
    query = _url_query()
    # The view's keys are dropped: the next run reads step N's saved view (open_link).
    st.query_params.from_dict({**presentation_to_query(replace(shown, step=step)), **_language_key(query)})


def _title_bar(title: str, shown: Presentation, place: StoryPlace | None, lang: str) -> None:
    """Title, in a story its step, caption and Previous/Next, and (not embedded) the exit button."""
    with st.container(key="present_bar", horizontal=True, vertical_alignment="center", gap="small"):
        st.markdown(f"**{markdown_escape(title)}**", width="stretch")
        if place is not None:
            st.button(t("present.prev", lang), key="present_prev", disabled=place.step <= 1,
                      on_click=_go_to_step, args=(place.step - 1,))
            st.markdown(markdown_escape(t("present.step_of", lang, step=place.step, count=place.count)),
                        width="content", help=t("present.keys_hint", lang))
            st.button(t("present.next", lang), key="present_next", disabled=place.step >= place.count,
                      on_click=_go_to_step, args=(place.step + 1,))
        if not shown.embed:
            st.button(t("present.exit", lang), key="present_exit", on_click=_exit_presentation)
    if place is not None and place.caption:
        with st.container(key="present_caption"):
            st.markdown(markdown_escape(place.caption))


def _footer(lines: list[str], lang: str) -> None:
    """The source and sample lines on one line, the boundaries' attribution on the next (the map keeps the room)."""
    with st.container(key="present_footer"):
        if lines:
            st.caption(markdown_escape(" · ".join(lines)))
        st.caption(markdown_escape(t("attribution.boundaries", lang)))


def map_title(view: View, data: MapData) -> str:
    """The presentation title of a Map page view: area, indicator and period.

    Parameters
    ----------
    view : View
        The view.
    data : MapData
        Its data (without a choropleth the level is named instead).

    Returns
    -------
    str
        Plain text, e.g. ``"Kepulauan Riau — Kasus · 2024"``.
    """
    area = ui.area_name(view.area, view.lang)
    if data.choropleth is None:
        return t("present.no_data_title", view.lang, area=area, level=t(f"level.{view.level}", view.lang))
    return t("present.title", view.lang, area=area, what=data.choropleth.title)


def show_presentation(title: str, draw_map: Callable[[int], None], *, shown: Presentation,
                      place: StoryPlace | None, lines: list[str], messages: list[str], lang: str) -> None:
    """Any page in presentation mode: the title bar, ``draw_map(height)`` over the window, the source lines.

    The page's controls, tables and captions are simply not drawn; the page stops after this.

    Parameters
    ----------
    title : str
        Plain-text title (area, indicator, period).
    draw_map : callable
        Draws the page's map at the given height in pixels (``present_fill.js`` then stretches
        it to the window).
    shown : Presentation
        ``present`` / ``embed`` (no exit button when embedded).
    place : StoryPlace or None
        The story's step, when showing one (caption, Previous/Next, arrow keys).
    lines : list of str
        Source and sample lines under the map (plain text); the boundaries' attribution follows.
    messages : list of str
        Plain-text messages, shown as toasts so that the map keeps its place.
    lang : str
        Interface language.
    """
    _inject_look(place)
    _title_bar(title, shown, place, lang)
    ui.show_messages(messages, "toast")
    draw_map(PRESENT_MAP_HEIGHT_PX)
    _footer(lines, lang)


def show_map_presentation(view: View, data: MapData, shown: Presentation, place: StoryPlace | None,
                          messages: list[str], flows: FlowResult | None = None) -> None:
    """The Map page in presentation mode: title bar, the map over the window, source and sample lines.

    Parameters
    ----------
    view : View
        The view.
    data : MapData
        Its data (:func:`geo.app.ui.load_map_data`).
    shown : Presentation
        ``present`` / ``embed`` (no exit button when embedded).
    place : StoryPlace or None
        The story's step, when showing one.
    messages : list of str
        Plain-text messages, shown as toasts so that the map keeps its place.
    flows : FlowResult, optional
        Flow lines drawn over the map (``flows=1``).
    """
    lang = view.lang
    lines: list[str] = []
    if data.choropleth is not None and data.choropleth.sources:
        lines.append(t("present.sources", lang, sources=", ".join(d.label() for d in data.choropleth.sources)))
    lines += [label for label, _ in sample_labels(data.choropleth, lang)]

    def draw_map(height: int) -> None:
        ui.show_map(view, data, flows=flows, height=height, captions=False)

    show_presentation(map_title(view, data), draw_map, shown=shown, place=place, lines=lines, messages=messages,
                      lang=lang)


def show_flow_presentation(title: str, result: FlowResult, *, tiles: str, shown: Presentation,
                           place: StoryPlace | None, lines: list[str], messages: list[str], lang: str) -> None:
    """The Flows page in presentation mode: title bar, the flow map over the window, source lines.

    Parameters
    ----------
    title : str
        Plain-text title (origins, destination country, period).
    result : FlowResult
        The flows drawn.
    tiles : str
        Basemap setting.
    shown : Presentation
        ``present`` / ``embed``.
    place : StoryPlace or None
        The story's step, when showing one.
    lines : list of str
        Source and sample lines under the map (plain text).
    messages : list of str
        Plain-text messages, shown as toasts.
    lang : str
        Interface language.
    """
    def draw_map(height: int) -> None:
        ui.show_flow_map(result, tiles=tiles, lang=lang, height=height)

    show_presentation(title, draw_map, shown=shown, place=place, lines=lines, messages=messages, lang=lang)


def flow_title(view: FlowView, result: FlowResult, lang: str) -> str:
    """The presentation title of a Flows page view: origins, destination country and period.

    Parameters
    ----------
    view : FlowView
        The view.
    result : FlowResult
        Its flows (their period when the view sets none).
    lang : str
        Interface language.

    Returns
    -------
    str
        Plain text, e.g. ``"Aliran dari Kepulauan Riau ke Kamboja (2024)"``.
    """
    country = f" → {country_label(view.country, lang)}" if view.country else ""
    if view.period_from or view.period_to:
        period = years_label([view.period_from, view.period_to])
    else:
        period = result.period_label
    return t("present.flows_title", lang, area=ui.area_name(view.area, lang), country=country,
             period=f" ({period})" if period else "")


def flow_source_lines(dataset: DatasetInfo, lang: str) -> list[str]:
    """The source line (and the sample line of a sample dataset) under a presented flow map.

    Parameters
    ----------
    dataset : DatasetInfo
        The dataset whose flows are drawn.
    lang : str
        Interface language.

    Returns
    -------
    list of str
        Plain-text lines.
    """
    lines = [t("present.sources", lang, sources=dataset.label)]
    if dataset.is_sample:
        lines.append(t("map.sample.short", lang, name=dataset.label))
    return lines


def _present_now() -> None:
    st.query_params["present"] = "1"


def present_button(lang: str) -> None:
    """The "Presentasi / Present" button: the same view with ``present=1`` (every other key kept).

    Parameters
    ----------
    lang : str
        Interface language.
    """
    st.button(t("present.button", lang), key="present_open", help=t("present.button.help", lang),
              on_click=_present_now)


# --------------------------------------------------------------------------- saving a view


def short_link(path: str) -> str:
    """An app-relative link (``/?v=TOKEN``) as a full address when the page's address is known.

    Parameters
    ----------
    path : str
        The link, starting with ``/``.

    Returns
    -------
    str
        ``scheme://host[:port][/base]/?v=TOKEN``, or ``path`` itself (AppTest, no address).
    """
    url = st.context.url
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    if not url:
        return path
    parts = urlsplit(url)
    prefix = f"{parts.scheme}://{parts.netloc}" + (f"/{base}" if base else "")
    return prefix + path


def save_view_control(query: dict[str, str], lang: str, *, restricted: bool = False) -> None:
    """"Simpan tampilan / Save view": a title and a note; the saved view's short link to copy.

    Drawn only for sessions that may ``save_views``; the handler checks again.

    Parameters
    ----------
    query : dict
        The view's URL keys (a page other than the Map page adds ``_page``).
    lang : str
        Interface language.
    restricted : bool
        Whether the view shows restricted data (the store checks its datasets as well).
    """
    if not auth.allowed("save_views"):
        return
    with st.popover(t("present.save.heading", lang)), st.form("present_save_form", border=False):
        title = st.text_input(t("present.save.title", lang), key="present_save_title",
                              max_chars=views.MAX_TITLE_LENGTH, help=t("present.save.title_help", lang))
        note = st.text_area(t("present.save.note", lang), key="present_save_note", max_chars=views.MAX_NOTE_LENGTH)
        submitted = st.form_submit_button(t("present.save.submit", lang))
        if submitted:
            _save(query, title, note, lang, restricted=restricted)
        _show_saved_link(lang)


def _save(query: dict[str, str], title: str, note: str, lang: str, *, restricted: bool) -> None:
    if not auth.require("save_views", lang):
        return
    if not title.strip():
        st.warning(t("present.save.title_missing", lang))
        return
    try:
        saved = views.save_view(without_presentation(query), title.strip(), note.strip(), actor=auth.actor(),
                                restricted=restricted)
    except views.ViewError as error:  # e.g. personal data in the title or note: said in the form, nothing saved
        st.session_state.pop(_SAVED_TOKEN, None)
        ui.show_message(message_in(error, lang), "error")
        return
    st.session_state[_SAVED_TOKEN] = saved.token


def _show_saved_link(lang: str) -> None:
    token = st.session_state.get(_SAVED_TOKEN)
    if not token:
        return
    saved = views.get_view(str(token), audience=auth.data_audience())
    if saved is None:
        return
    st.success(t("present.save.done", lang, title=markdown_escape(saved.title)))
    st.code(short_link(views.view_link(saved.token)), language=None)
    if saved.restricted:
        st.caption(t("present.save.restricted_note", lang))


# --------------------------------------------------------------------------- the Stories page


def _story_link(token: str) -> str:
    return short_link(f"/?present=1&story={token}")


def _caption_key(token: str, index: int) -> str:
    return f"stories_caption_{token}_{index}"


def _refusal_key(token: str) -> str:
    return f"stories_refusal_{token}"


def _update_story(story: views.Story, *, title: str | None = None,
                  steps: list[tuple[str, str]] | None = None) -> views.Story | None:
    """:func:`views.update_story`; personal data in the title or a caption is kept to be shown in the story's editor.

    Other errors (the story deleted meanwhile) reach the callback's guard as usual.
    """
    try:
        updated = views.update_story(story.token, title=title, steps=steps, actor=auth.actor())
    except views.PersonalDataError as error:
        st.session_state[_refusal_key(story.token)] = message_in(error, ui.current_lang())
        return None
    return updated


def _current_steps(story: views.Story) -> list[tuple[str, str]]:
    """The story's steps with the captions as typed (not saved yet)."""
    return [(step.view_token, str(st.session_state.get(_caption_key(story.token, index), step.caption)))
            for index, step in enumerate(story.steps)]


def _forget_captions(story: views.Story) -> None:
    # After a reorder the typed captions would sit on the wrong rows: they are read again from the store.
    for index in range(len(story.steps) + 1):
        st.session_state.pop(_caption_key(story.token, index), None)


def _change_steps(story: views.Story, change: Callable[[list[tuple[str, str]]], list[tuple[str, str]]]) -> None:
    lang = ui.current_lang()
    if not auth.require("save_views", lang):
        return
    if _update_story(story, steps=change(_current_steps(story))) is not None:
        _forget_captions(story)


def _moved(steps: list[tuple[str, str]], index: int, offset: int) -> list[tuple[str, str]]:
    other = index + offset
    if 0 <= other < len(steps):
        steps[index], steps[other] = steps[other], steps[index]
    return steps


def _removed(steps: list[tuple[str, str]], index: int) -> list[tuple[str, str]]:
    return [step for position, step in enumerate(steps) if position != index]


def _added(view_key: str, steps: list[tuple[str, str]]) -> list[tuple[str, str]]:
    token = st.session_state.get(view_key)
    saved = views.get_view(str(token)) if token else None
    return [*steps, (saved.token, saved.title)] if saved is not None else steps


def _save_story(story: views.Story, title_key: str) -> None:
    lang = ui.current_lang()
    if not auth.require("save_views", lang):
        return
    title = str(st.session_state.get(title_key) or story.title)
    updated = _update_story(story, title=title, steps=_current_steps(story))
    if updated is not None:
        st.session_state["stories_notice"] = t("stories.story.saved", lang, title=updated.title)


def _delete_story(story: views.Story) -> None:
    lang = ui.current_lang()
    if not auth.require("save_views", lang):
        return
    views.delete_story(story.token, actor=auth.actor())
    _forget_captions(story)
    st.session_state["stories_notice"] = t("stories.story.deleted", lang, title=story.title)


def _delete_view(saved: views.SavedView) -> None:
    lang = ui.current_lang()
    if not auth.require("save_views", lang):
        return
    views.delete_view(saved.token, actor=auth.actor())
    st.session_state["stories_notice"] = t("stories.views.deleted", lang, title=saved.title)


def _guarded(callback: Callable[..., None], *args: object) -> Callable[[], None]:
    # A store error (a view still used by a story, a story deleted meanwhile) becomes a message.
    return ui.guarded_callback(functools.partial(callback, *args))


def _saved_views_section(saved_views: list[views.SavedView], lang: str) -> None:
    st.subheader(t("stories.views.heading", lang))
    if not saved_views:
        st.info(t("stories.views.none", lang))
        return
    for saved in saved_views:
        created = f"{saved.created_at:%Y-%m-%d %H:%M} UTC"
        label = t("stories.views.item", lang, title=saved.title, created=created)
        if saved.restricted:
            label += f" · {t('stories.views.restricted', lang)}"
        with st.container(horizontal=True, vertical_alignment="center", key=f"stories_view_{saved.token}"):
            st.markdown(markdown_escape(label), width="stretch")
            st.code(short_link(views.view_link(saved.token)), language=None, width="content")
            st.button(t("stories.views.delete", lang), key=f"stories_delete_view_{saved.token}",
                      on_click=_guarded(_delete_view, saved))


def _new_story_section(saved_views: list[views.SavedView], lang: str) -> None:
    st.subheader(t("stories.new.heading", lang))
    titles = {saved.token: saved.title for saved in saved_views}
    with st.form("stories_new_form", clear_on_submit=True):
        title = st.text_input(t("stories.new.title", lang), key="stories_new_title", max_chars=views.MAX_TITLE_LENGTH)
        chosen = st.multiselect(t("stories.new.views", lang), list(titles), format_func=lambda token: titles[token],
                                key="stories_new_views")
        if st.form_submit_button(t("stories.new.submit", lang)):
            if not auth.require("save_views", lang):
                return
            if not title.strip() or not chosen:
                st.warning(t("stories.new.missing", lang))
                return
            try:
                story = views.create_story(title.strip(), [(token, titles[token]) for token in chosen],
                                           actor=auth.actor())
            except views.ViewError as error:  # e.g. personal data in the title: said in the form, nothing saved
                ui.show_message(message_in(error, lang), "error")
                return
            st.session_state["stories_notice"] = t("stories.new.done", lang, title=story.title)
            st.rerun()


def _step_row(story: views.Story, index: int, lang: str) -> None:
    step = story.steps[index]
    key = _caption_key(story.token, index)
    if key not in st.session_state:
        st.session_state[key] = step.caption
    view_title = story.view_titles.get(step.view_token) or t("stories.story.missing_view", lang)
    with st.container(horizontal=True, vertical_alignment="bottom", key=f"stories_step_{story.token}_{index}"):
        st.text_input(t("stories.story.caption", lang, step=index + 1, view=markdown_escape(view_title)), key=key,
                      max_chars=views.MAX_CAPTION_LENGTH, width="stretch")
        st.button(t("stories.story.up", lang), key=f"stories_up_{story.token}_{index}", disabled=index == 0,
                  help=t("stories.story.up_help", lang),
                  on_click=_guarded(_change_steps, story, functools.partial(_moved, index=index, offset=-1)))
        st.button(t("stories.story.down", lang), key=f"stories_down_{story.token}_{index}",
                  disabled=index == len(story.steps) - 1, help=t("stories.story.down_help", lang),
                  on_click=_guarded(_change_steps, story, functools.partial(_moved, index=index, offset=1)))
        st.button(t("stories.story.remove", lang), key=f"stories_remove_{story.token}_{index}",
                  help=t("stories.story.remove_help", lang),
                  on_click=_guarded(_change_steps, story, functools.partial(_removed, index=index)))


def _story_editor(story: views.Story, saved_views: list[views.SavedView], lang: str) -> None:
    label = t("stories.story.label", lang, title=story.title, count=len(story.steps))
    with st.expander(markdown_escape(label), expanded=True):
        st.caption(t("stories.story.link", lang))
        with st.container(horizontal=True, vertical_alignment="center"):
            st.code(_story_link(story.token), language=None, width="stretch")
            # A new tab: the presenter keeps this page to come back to.
            st.link_button(t("stories.story.present", lang), _story_link(story.token), disabled=not story.steps)
        title_key = f"stories_title_{story.token}"
        if title_key not in st.session_state:
            st.session_state[title_key] = story.title
        st.text_input(t("stories.story.title", lang), key=title_key, max_chars=views.MAX_TITLE_LENGTH)
        for index in range(len(story.steps)):
            _step_row(story, index, lang)
        titles = {saved.token: saved.title for saved in saved_views}
        add_key = f"stories_add_{story.token}"
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.selectbox(t("stories.story.add", lang), list(titles), format_func=lambda token: titles[token],
                         key=add_key, width="stretch")
            st.button(t("stories.story.add_submit", lang), key=f"stories_add_button_{story.token}",
                      disabled=not titles, on_click=_guarded(_change_steps, story, functools.partial(_added, add_key)))
        refusal = st.session_state.pop(_refusal_key(story.token), None)
        if refusal:
            ui.show_message(str(refusal), "error")
        with st.container(horizontal=True):
            st.button(t("stories.story.save", lang), key=f"stories_save_{story.token}", type="primary",
                      on_click=_guarded(_save_story, story, title_key))
            st.button(t("stories.story.delete", lang), key=f"stories_delete_{story.token}",
                      on_click=_guarded(_delete_story, story))


def stories_page(lang: str) -> None:
    """The "Cerita / Stories" page: saved views, a new story from them, and each story's editor.

    Parameters
    ----------
    lang : str
        Interface language.
    """
    st.title(t("stories.title", lang))
    st.caption(t("stories.intro", lang))
    notice = st.session_state.pop("stories_notice", None)
    if notice:
        ui.show_message(notice, "success")
    if not auth.allowed("save_views"):
        st.info(t("stories.not_allowed", lang))
        return
    saved_views = views.list_views(audience=auth.data_audience())
    _saved_views_section(saved_views, lang)
    _new_story_section(saved_views, lang)
    st.subheader(t("stories.list.heading", lang))
    stories = views.list_stories(audience=auth.data_audience())
    if not stories:
        st.info(t("stories.list.none", lang))
    for story in stories:
        _story_editor(story, saved_views, lang)
