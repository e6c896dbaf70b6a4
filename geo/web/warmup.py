"""Warm an app process before its first visitor: imports, store, the first views' layers.

A fresh app process pays, inside its first visitor's first map, for what no later map
pays again: importing folium, SQLAlchemy and Alembic, opening the store (its migrations),
reading the code list, and building the view's layer and its static file. :func:`warm_up`
does that once when the server starts (:mod:`geo.app.server`), so the first map after a
start takes about as long as a warm one. It fills only process-wide caches that every
session shares (the prepared layers, the layer files, the code list, the disclosure
decisions), never a session's state.

Streamlit's own components (streamlit-folium) are not imported here: a component must be
declared inside a script run to be registered with the server, so the first run imports it
(it is small once folium is loaded).

Examples
--------
>>> from geo.web.warmup import warm_views
>>> warm_views("level=regency level=village&area=21")
('level=regency', 'level=village&area=21')
>>> warm_views("")
('',)
"""

from __future__ import annotations

import functools
import importlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from geo.errors import RiskmapError, message_in

WARM_VIEWS_VARIABLE = "RISKMAP_WARM_VIEWS"
"""Environment variable: the views to prepare at start, URL queries separated by spaces (default ``""``: ``/``)."""

PRELOADED_MODULES = (
    "folium.plugins",  # streamlit-folium imports all of folium's plugins
    "geo.data.sample",  # the sample label under the first map
    "geo.web.flowdata",
    "geo.web.flow_layer",
    "geo.web.export",
    "geo.web.story_export",
    "geo.data.views",
    "geo.data.audit",
    "geo.ingest",
)
"""Modules imported besides the first views' own: what streamlit-folium, the Map page's
later runs and the Flows and Data pages import.

The Priorities page's spatial statistics (esda, libpysal: some 60 MB) are left to that
page's first visit, to keep an app process that is only looked at through maps small.
"""


@dataclass
class WarmUp:
    """What :func:`warm_up` prepared, and what it could not."""

    seconds: float = 0.0
    views: list[str] = field(default_factory=list)
    """The URL queries whose layer, data and map were prepared."""
    problems: list[str] = field(default_factory=list)
    """One line per view (or step) that failed: the app shows the same problem to its visitor."""


def warm_views(text: str | None = None) -> tuple[str, ...]:
    """The URL queries to warm: ``text`` (default: :data:`WARM_VIEWS_VARIABLE`) split on spaces.

    Parameters
    ----------
    text : str, optional
        Queries such as ``"level=regency level=village&area=21"`` (a leading ``?`` is dropped).
        Empty: the app's default view only.

    Returns
    -------
    tuple of str
        One query per view, ``""`` for the default view.
    """
    raw = os.environ.get(WARM_VIEWS_VARIABLE, "") if text is None else text
    queries = tuple(part.lstrip("?") for part in raw.split())
    return queries or ("",)


def _open_store() -> None:
    from geo.data import store, users

    users.any_users()  # opens the store: its migrations run once, under a lock
    store.ensure_default_data()


def _base_files() -> None:
    from geo.web.basemap import write_base_file
    from geo.web.layer_files import write_layer_file
    from geo.web.layers import cached_layer

    write_base_file()
    write_layer_file(cached_layer("province", None))


def _view(query: str) -> None:
    from geo.web.assets import leaflet_urls
    from geo.web.layer_files import write_layer_file
    from geo.web.mapview import map_data
    from geo.web.render import build_live_map, restyle_group
    from geo.web.viewstate import effective_tiles, parse_view

    view, _messages = parse_view({key: values[-1] for key, values in parse_qs(query).items()})
    data = map_data(view)
    write_layer_file(data.layer)  # type: ignore[arg-type]
    # Rendering once compiles the map's templates (folium's and ours) in this process.
    folium_map = build_live_map(
        data.layer, url="", tiles=effective_tiles(view), lang=view.lang, assets=leaflet_urls(""),  # type: ignore[arg-type]
    )
    restyle_group(data.choropleth.payload if data.choropleth is not None else None).add_to(folium_map)
    folium_map.get_root().render()


def warm_up(queries: Sequence[str] | None = None, *, report: Callable[[str], None] | None = None) -> WarmUp:
    """Import, open and prepare what the first views need, in this process.

    Never raises for the data: a view that cannot be prepared (a missing boundary
    mirror, an unknown area) is reported in :attr:`WarmUp.problems`, and the app shows
    its visitor the same message it would have shown without the warm-up.

    Parameters
    ----------
    queries : sequence of str, optional
        URL queries of the views to prepare (default :func:`warm_views`).
    report : callable, optional
        Called with one line per step (for the server's log).

    Returns
    -------
    WarmUp
        Seconds taken, the views prepared and the problems met.
    """
    started = time.perf_counter()
    result = WarmUp()
    say = report or (lambda _line: None)
    steps: list[tuple[str, Callable[[], None]]] = [("store", _open_store), ("base", _base_files)]
    steps += [(f"view ?{query}" if query else "view /", functools.partial(_view, query))
              for query in (warm_views() if queries is None else queries)]
    for name, step in steps:
        step_started = time.perf_counter()
        try:
            step()
        except (RiskmapError, OSError, ValueError) as error:
            text = message_in(error, "en")
            result.problems.append(f"{name}: {text}")
            say(f"{name}: not prepared ({text})")
            continue
        if name.startswith("view"):
            result.views.append(name.removeprefix("view ").removeprefix("?").removeprefix("/"))
        say(f"{name}: {time.perf_counter() - step_started:.1f} s")
    for module in PRELOADED_MODULES:
        importlib.import_module(module)
    result.seconds = round(time.perf_counter() - started, 2)
    return result
