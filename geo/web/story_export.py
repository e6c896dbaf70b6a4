"""A story as one HTML file: every step's map and caption, Leaflet and data inlined, opens offline.

Each step is the saved view's map exactly as ``riskmap export-map`` writes it
(:func:`geo.web.mapview.export_map_html`: Leaflet, geometry, colours, legend, sources and
sample labels inlined), so there is one exporter. :func:`story_html` puts those pages
into one file (``geo/web/templates/story.html.j2``) with the captions and the step
buttons; ``geo/web/js/story.js`` shows one step at a time (buttons, arrow keys, ``#step-N``)
in a sandboxed frame whose document is the step's page (``srcdoc``: no request leaves
the file).

Disclosure control as in the single-map export: for the ``public`` audience small counts
are suppressed and a story with a restricted view is refused; ``analyst`` shows every
count and says so at the top of the file.

Examples
--------
>>> page = story_html("A <b>story</b>", [StoryPage("Step <1>", "why", "<p>map</p>")], lang="en")
>>> "A &lt;b&gt;story&lt;/b&gt;" in page, "Step &lt;1&gt;" in page, "<p>map" in page
(True, True, False)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo.analysis.disclosure import ANALYST, PUBLIC
from geo.data.views import SavedView, Story, ViewError, get_view
from geo.i18n import DEFAULT_LANGUAGE, t
from geo.web.assets import render_template, trusted, web_file
from geo.web.elements import ScriptElement
from geo.web.escape import script_json

if TYPE_CHECKING:
    from geo.data.store import Store

AUDIENCES: tuple[str, ...] = (PUBLIC, ANALYST)
"""Who a story file is for: ``public`` (small counts suppressed) or ``analyst`` (every count)."""


class StoryKeys(ScriptElement):
    """Passes the story's step keys from inside a step's map to the story page (``js/story_frame.js``)."""

    script_files = ("story_frame.js",)
    function = "riskmapStoryFrame"


@dataclass(frozen=True)
class StoryPage:
    """One step of an exported story: heading, caption and the step's standalone map page."""

    title: str
    caption: str
    page: str


@dataclass(frozen=True)
class StoryExport:
    """An exported story: the HTML file's text and the messages of views that were corrected."""

    html: str
    messages: tuple[str, ...]


def _pages_json(pages: Sequence[str]) -> str:
    # script_json keeps "</" from closing the element; every "<" is also written \u003c so that
    # no "<!--" or "<script" inside the pages can change how the HTML parser reads this element.
    return script_json(list(pages)).replace("<", "\\u003c")


def story_html(title: str, steps: Sequence[StoryPage], *, lang: str = DEFAULT_LANGUAGE, warning: str = "") -> str:
    """One HTML file showing ``steps`` one at a time (buttons, arrow keys), every text escaped.

    Parameters
    ----------
    title
        The story's title (shown on top and as the page title).
    steps
        Headings, captions and standalone map pages, in order.
    lang
        Language of the buttons and labels.
    warning
        A line shown above the captions (e.g. that the file holds unsuppressed counts).

    Returns
    -------
    str
        The page.
    """
    return render_template(
        "story.html.j2",
        lang=lang,
        title=title,
        steps=steps,
        warning=warning,
        previous_label=t("views.export.previous", lang),
        next_label=t("views.export.next", lang),
        position_format=t("views.export.position", lang, n="{n}", total="{total}"),
        map_label=t("views.export.map_label", lang),
        stylesheet=trusted(web_file("css/story.css"), "style"),
        pages_json=trusted(_pages_json([step.page for step in steps]), "script"),
        story_js=trusted(web_file("js/story.js"), "script"),
    )


def _step_view(story: Story, position: int, *, audience: str, store: Store | None) -> SavedView:
    token = story.steps[position].view_token
    view = get_view(token, store=store)
    if view is None:  # deleted between reading the story and now
        raise ViewError(f"Step {position + 1} of the story shows the view {token!r}, which no longer exists.",
                        key="views.export.missing_view", values={"step": position + 1, "token": token})
    if audience == PUBLIC and view.restricted:
        raise ViewError(
            f"Step {position + 1} ({view.title}) shows a restricted dataset: a public file cannot hold it. "
            "Export with --audience analyst (only for analysts) or take the step out of the story.",
            key="views.export.restricted", values={"step": position + 1, "title": view.title})
    return view


FLOWS_PAGE = "flows"
"""Value of a saved view's page key (``_page``, set by the app) for a view of the Flows page."""


def map_query_of(query: Mapping[str, str]) -> dict[str, str]:
    """The Map page keys that draw a saved view in a story file.

    A Flows page view (``_page=flows``) becomes the cases choropleth of its level and area
    with its flows drawn over it (``flows=1`` and the same dataset, period, country,
    smallest flow and number of flows); its ``city`` filter has no Map page key and is left out.

    Parameters
    ----------
    query
        The saved view's keys.

    Returns
    -------
    dict of str to str
        Keys for :func:`geo.web.viewstate.parse_view`.

    Examples
    --------
    >>> map_query_of({"_page": "flows", "dataset": "4", "level": "district", "area": "21.71", "from": "2024-01",
    ...               "to": "2024-06", "country": "KH", "top": "10", "city": "Phnom Penh"})
    {'level': 'district', 'area': '21.71', 'dataset': '4', 'indicator': 'cases', 'flows': '1', 'country': 'KH', 'top': '10', 'period': '2024-01..2024-06'}
    >>> map_query_of({"_page": "map", "level": "regency"})
    {'level': 'regency'}
    """
    if query.get("_page") != FLOWS_PAGE:
        return {key: value for key, value in query.items() if not key.startswith("_")}
    mapped = {key: query[key] for key in ("level", "area", "dataset", "lang", "tiles") if key in query}
    mapped.update({"indicator": "cases", "flows": "1"})
    mapped.update({key: query[key] for key in ("country", "min", "top") if key in query})
    start, end = query.get("from"), query.get("to")
    if start or end:
        mapped["period"] = f"{start or end}..{end or start}" if start != end and start and end else str(start or end)
    return mapped


def step_page(view: SavedView, *, lang: str, audience: str = PUBLIC, tiles: str = "none") -> tuple[str, list[str]]:
    """The standalone map page of one saved view (as ``riskmap export-map`` writes it) and its messages.

    Parameters
    ----------
    view
        The saved view; its URL keys are read as the Map page reads them (a bad key falls
        back to its default, with a message).
    lang
        Language of the map (replaces the view's ``lang``).
    audience
        ``"public"`` (restricted datasets not shown, small counts suppressed) or ``"analyst"``.
    tiles
        Basemap: ``"none"`` (default, offline) or ``"auto"``/``"osm"``/``"carto"`` (tiles need internet).

    Returns
    -------
    tuple of (str, list of str)
        The page and the messages about corrected keys or missing data (plain text).
    """
    from geo.web.mapview import export_map_html, flow_export_layers, map_data, map_flows
    from geo.web.viewstate import parse_view

    parsed, messages = parse_view({**map_query_of(view.query), "lang": lang})
    data = map_data(parsed, data_audience=audience, value_audience=audience)
    layers: list[object] = [StoryKeys()]
    if parsed.flows:
        layers = [*flow_export_layers(map_flows(data), lang), *layers]
    page = export_map_html(parsed, data=data, tiles=tiles, extra_layers=layers)
    return page, [*messages, *data.messages]


def export_story(story: Story, *, lang: str = DEFAULT_LANGUAGE, audience: str = PUBLIC, tiles: str = "none",
                 store: Store | None = None) -> StoryExport:
    """The story as one offline HTML file: every step's map with its caption.

    Parameters
    ----------
    story
        The story (:func:`geo.data.views.get_story`).
    lang
        Language of the whole file (each view's own ``lang`` is replaced).
    audience
        ``"public"`` (default: small counts suppressed; a restricted view is refused) or
        ``"analyst"`` (every count, with a warning line on top).
    tiles
        Basemap of every step (default ``"none"``: nothing leaves the file).
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    StoryExport
        The HTML text and the messages of corrected views (``"Step 2: …"``).

    Raises
    ------
    ViewError
        An unknown audience, a story without steps, a step whose view is gone, or a
        restricted view in a public file.
    """
    if audience not in AUDIENCES:
        raise ViewError(f"Unknown audience {audience!r}; use public or analyst.", key="views.error.audience",
                        values={"audience": str(audience)[:40]})
    if not story.steps:
        raise ViewError(f"The story {story.token!r} has no steps yet; add saved views to it first.",
                        key="views.export.no_steps", values={"token": story.token})
    views = [_step_view(story, position, audience=audience, store=store) for position in range(len(story.steps))]
    pages: list[StoryPage] = []
    messages: list[str] = []
    for position, (step, view) in enumerate(zip(story.steps, views, strict=True)):
        page, step_messages = step_page(view, lang=lang, audience=audience, tiles=tiles)
        pages.append(StoryPage(view.title, step.caption, page))
        messages.extend(t("views.export.step_message", lang, step=position + 1, message=message)
                        for message in step_messages)
    warning = t("views.export.analyst_warning", lang) if audience == ANALYST else ""
    return StoryExport(story_html(story.title, pages, lang=lang, warning=warning), tuple(messages))
