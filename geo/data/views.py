"""Saved views and stories: short links ``/?v=TOKEN`` and ordered lists of views with captions.

A **saved view** keeps the URL keys of a page (``level``, ``area``, ``dataset`` …), a title
and a note under an unguessable token (:func:`secrets.token_urlsafe`, 96 random bits), so
``/?v=TOKEN`` reopens exactly that view. A view is **restricted** when it shows a
restricted dataset (checked in the store when it is saved): it then opens only for a
signed-in analyst (:func:`get_view` with ``audience="public"`` gives ``None``, as for an
unknown token, so viewers learn nothing about it).

A **story** is an ordered list of saved views, each with a caption; the app steps through
it (``present=1&story=TOKEN``) and ``riskmap stories export`` writes it as one offline
HTML file. A story is restricted when one of its views is.

Titles, notes and captions are shown to everyone who opens a link, so they pass the same
personal-data patterns as uploaded cells (:func:`geo.data.personal.find_personal`): a NIK, a
phone number, an e-mail address, a passport number or a titled name ("korban Maria") refuses the
whole save with a :class:`PersonalDataError` that names the field (and the story step) and shows the
data masked, never as typed. Place names pass ("Batam → Phnom Penh").

Everything lives in the store (SQLite or PostgreSQL), never in a process's memory, so
several app processes behind one proxy share it. Changes are audited in the same
transaction (``view_save``, ``view_delete``, ``story_create``, ``story_update``,
``story_delete``; see :mod:`geo.data.audit`).

Examples
--------
>>> import tempfile
>>> from geo.data.store import Store
>>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/views.sqlite")
>>> view = save_view({"level": "village", "area": "21.71"}, "Batam villages", store=store)
>>> is_token(view.token), get_view(view.token, store=store).query
(True, {'level': 'village', 'area': '21.71'})
>>> story = create_story("Kepri", [(view.token, "Where the cases come from")], store=store)
>>> [step.caption for step in get_story(story.token, store=store).steps]
['Where the cases come from']
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from geo.data.kinds import KINDS
from geo.data.personal import PersonalFinding, find_personal
from geo.data.store import AUDIENCES, Store, StoreError, _audit, _utc, default_store, metadata

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{15}$")
"""Shape of a view or story token: 16 URL-safe characters (``secrets.token_urlsafe(12)``), the first
a letter or digit (a token starting with ``-`` would read as an option on the command line)."""

MAX_TITLE_LENGTH = 200
MAX_NOTE_LENGTH = 2000
MAX_CAPTION_LENGTH = 1000
MAX_KEYS = 40
MAX_KEY_LENGTH = 40
MAX_VALUE_LENGTH = 1000
MAX_STEPS = 100

NAVIGATION_KEYS: tuple[str, ...] = ("v", "story", "step")
"""URL keys that point at a saved view or story rather than describe a view: never saved in one."""

_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_]+$")
_TOKEN_ATTEMPTS = 5  # a clash of 96 random bits is practically impossible; retried anyway

# Tables live in the store's metadata, so the migration check compares them too.
saved_views_table = Table(
    "saved_views",
    metadata,
    Column("token", String(32), primary_key=True),
    Column("query", Text, nullable=False),  # JSON object of URL keys -> values
    Column("title", String(MAX_TITLE_LENGTH), nullable=False),
    Column("note", Text, nullable=False),
    Column("restricted", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200)),
)

stories_table = Table(
    "stories",
    metadata,
    Column("token", String(32), primary_key=True),
    Column("title", String(MAX_TITLE_LENGTH), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200)),
    Column("updated_at", DateTime(timezone=True)),
)

story_steps_table = Table(
    "story_steps",
    metadata,
    Column("story_token", String(32), ForeignKey("stories.token", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("view_token", String(32), ForeignKey("saved_views.token"), nullable=False),
    Column("caption", Text, nullable=False),
)


class ViewError(StoreError):
    """A saved view or story that does not exist, or a title, note, caption or URL key that is not allowed.

    ``key`` and ``values`` name the message in ``geo/strings/views.py`` (see :func:`geo.errors.message_in`).
    """


class PersonalDataError(ViewError):
    """A title, note or caption holding personal data (NIK, phone, e-mail, passport, a titled name); nothing is saved.

    Its message names the field (and a caption's story step) and shows the data masked
    (:class:`geo.data.personal.PersonalFinding`), never as typed.
    """


@dataclass(frozen=True)
class SavedView:
    """A saved view: URL keys under a short-link token."""

    token: str
    query: dict[str, str]
    title: str
    note: str
    restricted: bool
    created_at: dt.datetime
    created_by: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary (``created_at`` in ISO 8601, UTC).

        Returns
        -------
        dict
            The fields, plus ``link`` (``/?v=TOKEN``).
        """
        return {"token": self.token, "link": view_link(self.token), "title": self.title, "note": self.note,
                "query": dict(self.query), "restricted": self.restricted,
                "created_at": self.created_at.isoformat(), "created_by": self.created_by}


@dataclass(frozen=True)
class StoryStep:
    """One step of a story: a saved view and its caption."""

    view_token: str
    caption: str


@dataclass(frozen=True)
class Story:
    """An ordered list of saved views with captions."""

    token: str
    title: str
    steps: list[StoryStep]
    created_at: dt.datetime
    created_by: str | None
    updated_at: dt.datetime | None = None
    restricted: bool = False
    """Whether one of its views is restricted (then only signed-in analysts open it)."""
    view_titles: dict[str, str] = field(default_factory=dict)
    """Title of each step's view, by token (for lists)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary (times in ISO 8601, UTC).

        Returns
        -------
        dict
            The fields; ``steps`` as a list of ``{view_token, caption, view_title}``.
        """
        return {"token": self.token, "title": self.title, "restricted": self.restricted,
                "steps": [{"view_token": step.view_token, "caption": step.caption,
                           "view_title": self.view_titles.get(step.view_token, "")} for step in self.steps],
                "created_at": self.created_at.isoformat(), "created_by": self.created_by,
                "updated_at": self.updated_at.isoformat() if self.updated_at else None}


def is_token(text: object) -> bool:
    """Whether ``text`` has the shape of a view or story token (checked before any database query).

    Parameters
    ----------
    text
        Anything (a URL value, a CLI argument).

    Returns
    -------
    bool
        ``True`` for 16 URL-safe characters starting with a letter or digit.

    Examples
    --------
    >>> is_token("AbCdEfGhIjKlMn-_"), is_token("short"), is_token("-bCdEfGhIjKlMn-_"), is_token("<script>alert(1)</s")
    (True, False, False, False)
    """
    return isinstance(text, str) and TOKEN_PATTERN.match(text) is not None


def view_link(token: str) -> str:
    """The short link of a saved view, relative to the app's address.

    Parameters
    ----------
    token
        A view token.

    Returns
    -------
    str
        ``/?v=TOKEN``.

    Examples
    --------
    >>> view_link("AbCdEfGhIjKlMn-_")
    '/?v=AbCdEfGhIjKlMn-_'
    """
    return f"/?v={token}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _new_token() -> str:
    while True:  # one draw in 32 starts with "-" or "_": drawn again
        token = secrets.token_urlsafe(12)
        if token[0].isalnum():
            return token


def _check_audience(audience: str) -> None:
    if audience not in AUDIENCES:  # a typo must not show restricted views
        raise ViewError(f"Unknown audience {audience!r}; use one of: {', '.join(AUDIENCES)}.",
                        key="views.error.audience", values={"audience": str(audience)[:40]})


def _personal_data_error(name: str, found: PersonalFinding, step: int | None) -> PersonalDataError:
    """The refusal of a text holding personal data: field, step and kind named, the data masked, never quoted."""
    from geo.i18n import t  # imported here: geo.i18n loads every strings module

    values: dict[str, object] = {"masked": found.masked or "…"}
    if step is not None:
        values["step"] = step
    key = f"views.error.personal_{name}.{found.kind}"
    return PersonalDataError(t(key, "en", **values), key=key, values=values)


def _text(value: object, name: str, limit: int, *, required: bool, step: int | None = None) -> str:
    """``value`` stripped and checked; ``name`` is ``title``, ``note`` or ``caption`` (each has its own message keys).

    ``step`` (from 1) names a caption's story step in the message.
    """
    text = value.strip() if isinstance(value, str) else None
    if text is None:
        raise ViewError(f"The {name} must be text.", key="views.error.not_text", values={"field": name})
    if required and not text:
        raise ViewError(f"The {name} is empty; give the view or story a {name}.", key=f"views.error.empty_{name}")
    if len(text) > limit:
        raise ViewError(f"The {name} has {len(text)} characters; shorten it to at most {limit}.",
                        key=f"views.error.too_long_{name}", values={"length": len(text), "limit": limit})
    found = find_personal(text)
    if found is not None:
        raise _personal_data_error(name, found, step)
    return text


def clean_query(query: Mapping[str, str]) -> dict[str, str]:
    """The URL keys a view keeps: text keys and values, navigation keys (:data:`NAVIGATION_KEYS`) dropped.

    The values are not interpreted here: the page that opens the view checks them as it
    checks any URL (an invalid one falls back to its default with a message).

    Parameters
    ----------
    query
        URL keys and values, e.g. ``st.query_params.to_dict()``.

    Returns
    -------
    dict of str to str
        The keys in their given order.

    Raises
    ------
    ViewError
        A key or value that is not text, a key of other characters than letters, digits
        and ``_``, too many keys, or one too long.

    Examples
    --------
    >>> clean_query({"level": "village", "area": "21.71", "v": "AbCdEfGhIjKlMn-_"})
    {'level': 'village', 'area': '21.71'}
    """
    if not isinstance(query, Mapping):
        raise ViewError("A view's keys must be a mapping of URL keys to text.", key="views.error.query")
    if len(query) > MAX_KEYS:
        raise ViewError(f"A view has at most {MAX_KEYS} URL keys, not {len(query)}.", key="views.error.too_many_keys",
                        values={"count": len(query), "limit": MAX_KEYS})
    cleaned: dict[str, str] = {}
    for key, value in query.items():
        if not isinstance(key, str) or not _KEY_PATTERN.match(key) or len(key) > MAX_KEY_LENGTH:
            raise ViewError(f"The URL key {str(key)[:60]!r} is not allowed: use letters, digits and '_'.",
                            key="views.error.bad_key", values={"key": str(key)[:60]})
        if not isinstance(value, str) or len(value) > MAX_VALUE_LENGTH:
            raise ViewError(f"The value of the URL key {key!r} must be text of at most {MAX_VALUE_LENGTH} characters.",
                            key="views.error.bad_value", values={"key": key, "limit": MAX_VALUE_LENGTH})
        if key not in NAVIGATION_KEYS:
            cleaned[key] = value
    return cleaned


def _dataset_ids(query: Mapping[str, str]) -> list[int]:
    """Dataset ids named by the ``dataset`` key (malformed parts ignored: the page corrects them)."""
    return [int(part) for part in query.get("dataset", "").split(",") if part.strip().isdigit()
            and len(part.strip()) <= 12]


def shows_restricted_data(query: Mapping[str, str], *, store: Store | None = None) -> bool:
    """Whether a view with these URL keys shows a restricted dataset (as the store stands now).

    The datasets named by ``dataset`` count; without that key the active dataset of every
    kind does (that is what the view shows to an analyst).

    Parameters
    ----------
    query
        URL keys of the view.
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    bool
        ``True`` when one of those datasets is restricted.
    """
    store = store or default_store()
    if "dataset" not in query:
        actives = (store.active_dataset(kind) for kind in KINDS)
        return any(dataset is not None and dataset.restricted for dataset in actives)
    for dataset_id in _dataset_ids(query):
        try:
            if store.get_dataset(dataset_id).restricted:
                return True
        except StoreError:  # an unknown id shows nothing; the page says so
            continue
    return False


def _view(row: Any) -> SavedView:
    data = row._mapping
    return SavedView(token=data["token"], query=json.loads(data["query"]), title=data["title"], note=data["note"],
                     restricted=bool(data["restricted"]),
                     created_at=_utc(data["created_at"]),  # type: ignore[arg-type]
                     created_by=data["created_by"])


def _insert_with_new_token(store: Store, write: Any) -> str:
    """Run ``write(connection, token)`` with fresh tokens until one is not taken."""
    for _attempt in range(_TOKEN_ATTEMPTS):
        token = _new_token()
        try:
            with store.writing() as connection:
                write(connection, token)
        except IntegrityError:
            continue
        return token
    raise ViewError("No free token was found; try again.", key="views.error.token")


def save_view(query: Mapping[str, str], title: str, note: str = "", *, actor: str | None = None,
              restricted: bool = False, store: Store | None = None) -> SavedView:
    """Save a view's URL keys with a title and a note; its short link is ``/?v=TOKEN``.

    Parameters
    ----------
    query
        URL keys and values of the view (see :func:`clean_query`).
    title
        A title (1..:data:`MAX_TITLE_LENGTH` characters).
    note
        A note (at most :data:`MAX_NOTE_LENGTH` characters).
    actor
        Who saves it (``created_by``; audited as ``view_save``).
    restricted
        ``True`` restricts the view even when its datasets are public; a view showing a
        restricted dataset is restricted anyway (:func:`shows_restricted_data`).
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    SavedView
        The saved view with its new token.

    Raises
    ------
    ViewError
        A bad title, note or URL key (also one holding personal data); nothing is saved then.
    """
    store = store or default_store()
    cleaned = clean_query(query)
    title = _text(title, "title", MAX_TITLE_LENGTH, required=True)
    note = _text(note, "note", MAX_NOTE_LENGTH, required=False)
    restricted = bool(restricted) or shows_restricted_data(cleaned, store=store)
    created_at = _now()

    def write(connection: Connection, token: str) -> None:
        connection.execute(insert(saved_views_table).values(
            token=token, query=json.dumps(cleaned, ensure_ascii=False), title=title, note=note,
            restricted=restricted, created_at=created_at, created_by=actor))
        _audit(connection, actor, "view_save", f"view {token}", "restricted" if restricted else None)

    token = _insert_with_new_token(store, write)
    return SavedView(token, cleaned, title, note, restricted, created_at, actor)


def get_view(token: str, *, audience: str = "analyst", store: Store | None = None) -> SavedView | None:
    """The saved view of a token; ``None`` when unknown, malformed, or restricted for ``audience="public"``.

    Parameters
    ----------
    token
        The token of ``/?v=TOKEN``.
    audience
        ``"analyst"`` (default: every view) or ``"public"`` (restricted views give ``None``).
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    SavedView or None
        The view.
    """
    _check_audience(audience)
    if not is_token(token):
        return None
    with (store or default_store()).engine.connect() as connection:
        row = connection.execute(select(saved_views_table).where(saved_views_table.c.token == token)).first()
    if row is None:
        return None
    view = _view(row)
    return None if audience == "public" and view.restricted else view


def list_views(*, audience: str = "analyst", store: Store | None = None) -> list[SavedView]:
    """Saved views, newest first.

    Parameters
    ----------
    audience
        ``"analyst"`` (default: all) or ``"public"`` (restricted ones left out).
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    list of SavedView
        Newest first.
    """
    _check_audience(audience)
    query = select(saved_views_table).order_by(saved_views_table.c.created_at.desc(), saved_views_table.c.token)
    if audience == "public":
        query = query.where(saved_views_table.c.restricted.is_(False))
    with (store or default_store()).engine.connect() as connection:
        return [_view(row) for row in connection.execute(query)]


def _unknown_view(token: str) -> ViewError:
    shown = token[:40]
    return ViewError(f"There is no saved view {shown!r}; run `riskmap views list`.", key="views.error.unknown_view",
                     values={"token": shown})


def _unknown_story(token: str) -> ViewError:
    shown = token[:40]
    return ViewError(f"There is no story {shown!r}; run `riskmap stories list`.", key="views.error.unknown_story",
                     values={"token": shown})


def require_view(token: str, *, store: Store | None = None) -> SavedView:
    """The saved view of a token, or a :class:`ViewError` naming it (for commands).

    Parameters
    ----------
    token
        The view's token.
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    SavedView
        The view (restricted ones too: commands run as analysts).
    """
    view = get_view(token, store=store)
    if view is None:
        raise _unknown_view(token)
    return view


def require_story(token: str, *, store: Store | None = None) -> Story:
    """The story of a token, or a :class:`ViewError` naming it (for commands).

    Parameters
    ----------
    token
        The story's token.
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    Story
        The story (restricted ones too: commands run as analysts).
    """
    story = get_story(token, store=store)
    if story is None:
        raise _unknown_story(token)
    return story


def delete_view(token: str, *, actor: str | None = None, store: Store | None = None) -> SavedView:
    """Delete a saved view (its short link stops working; audited as ``view_delete``).

    Parameters
    ----------
    token
        The view's token.
    actor
        Who deletes it.
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    SavedView
        The view as it was.

    Raises
    ------
    ViewError
        Unknown token, or the view is a step of a story (remove it from the story first).
    """
    store = store or default_store()
    view = get_view(token, store=store)
    if view is None:
        raise _unknown_view(token)
    with store.writing() as connection:
        used_by = sorted(set(connection.execute(
            select(story_steps_table.c.story_token).where(story_steps_table.c.view_token == token)).scalars()))
        if used_by:
            stories = ", ".join(used_by)
            raise ViewError(f"The view {token!r} is a step of the story {stories}; remove it from the story first.",
                            key="views.error.view_in_story", values={"token": token, "stories": stories})
        connection.execute(delete(saved_views_table).where(saved_views_table.c.token == token))
        _audit(connection, actor, "view_delete", f"view {token}", view.title[:200])
    return view


def _clean_steps(steps: Iterable[tuple[str, str]] | Iterable[StoryStep]) -> list[StoryStep]:
    cleaned: list[StoryStep] = []
    for step in steps:
        view_token, caption = (step.view_token, step.caption) if isinstance(step, StoryStep) else step
        cleaned.append(StoryStep(str(view_token), _text(caption, "caption", MAX_CAPTION_LENGTH, required=False,
                                                        step=len(cleaned) + 1)))
    if len(cleaned) > MAX_STEPS:
        raise ViewError(f"A story has at most {MAX_STEPS} steps, not {len(cleaned)}.", key="views.error.too_many_steps",
                        values={"count": len(cleaned), "limit": MAX_STEPS})
    return cleaned


def _check_views_exist(connection: Connection, steps: Sequence[StoryStep]) -> None:
    tokens = {step.view_token for step in steps}
    if not tokens:
        return
    found = set(connection.execute(
        select(saved_views_table.c.token).where(saved_views_table.c.token.in_(tokens))).scalars())
    for step in steps:
        if step.view_token not in found:
            raise _unknown_view(step.view_token)


def _write_steps(connection: Connection, story_token: str, steps: Sequence[StoryStep]) -> None:
    connection.execute(delete(story_steps_table).where(story_steps_table.c.story_token == story_token))
    if steps:
        connection.execute(insert(story_steps_table), [
            {"story_token": story_token, "position": position, "view_token": step.view_token,
             "caption": step.caption}
            for position, step in enumerate(steps)
        ])


def create_story(title: str, steps: Iterable[tuple[str, str]] | Iterable[StoryStep] = (), *,
                 actor: str | None = None, store: Store | None = None) -> Story:
    """Create a story: saved views in order, each with a caption (audited as ``story_create``).

    Parameters
    ----------
    title
        A title (1..:data:`MAX_TITLE_LENGTH` characters).
    steps
        ``(view token, caption)`` pairs (or :class:`StoryStep`), in order; a view may appear twice.
    actor
        Who creates it.
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    Story
        The new story.

    Raises
    ------
    ViewError
        A bad title or caption (also one holding personal data), too many steps, or a step naming an
        unknown view; nothing is saved then.
    """
    store = store or default_store()
    title = _text(title, "title", MAX_TITLE_LENGTH, required=True)
    cleaned = _clean_steps(steps)
    created_at = _now()

    def write(connection: Connection, token: str) -> None:
        _check_views_exist(connection, cleaned)
        connection.execute(insert(stories_table).values(token=token, title=title, created_at=created_at,
                                                        created_by=actor))
        _write_steps(connection, token, cleaned)
        _audit(connection, actor, "story_create", f"story {token}", f"{len(cleaned)} steps")

    token = _insert_with_new_token(store, write)
    story = get_story(token, store=store)
    assert story is not None  # written just now
    return story


def _stories(connection: Connection, tokens: Sequence[str] | None) -> list[Story]:
    query = select(stories_table).order_by(stories_table.c.created_at.desc(), stories_table.c.token)
    if tokens is not None:
        query = query.where(stories_table.c.token.in_(tokens))
    rows = connection.execute(query).all()
    if not rows:
        return []
    step_query = (
        select(story_steps_table.c.story_token, story_steps_table.c.view_token, story_steps_table.c.caption,
               saved_views_table.c.title, saved_views_table.c.restricted)
        .join(saved_views_table, saved_views_table.c.token == story_steps_table.c.view_token)
        .where(story_steps_table.c.story_token.in_([row.token for row in rows]))
        .order_by(story_steps_table.c.story_token, story_steps_table.c.position)
    )
    steps: dict[str, list[Any]] = {}
    for step in connection.execute(step_query):
        steps.setdefault(step.story_token, []).append(step)
    return [
        Story(token=row.token, title=row.title,
              steps=[StoryStep(step.view_token, step.caption) for step in steps.get(row.token, [])],
              created_at=_utc(row.created_at),  # type: ignore[arg-type]
              created_by=row.created_by, updated_at=_utc(row.updated_at),
              restricted=any(bool(step.restricted) for step in steps.get(row.token, [])),
              view_titles={step.view_token: step.title for step in steps.get(row.token, [])})
        for row in rows
    ]


def get_story(token: str, *, audience: str = "analyst", store: Store | None = None) -> Story | None:
    """The story of a token; ``None`` when unknown, malformed, or restricted for ``audience="public"``.

    Parameters
    ----------
    token
        The token of ``present=1&story=TOKEN``.
    audience
        ``"analyst"`` (default) or ``"public"`` (a story with a restricted view gives ``None``).
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    Story or None
        The story with its steps in order.
    """
    _check_audience(audience)
    if not is_token(token):
        return None
    with (store or default_store()).engine.connect() as connection:
        found = _stories(connection, [token])
    if not found or (audience == "public" and found[0].restricted):
        return None
    return found[0]


def list_stories(*, audience: str = "analyst", store: Store | None = None) -> list[Story]:
    """Stories, newest first.

    Parameters
    ----------
    audience
        ``"analyst"`` (default: all) or ``"public"`` (stories with a restricted view left out).
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    list of Story
        Newest first, each with its steps.
    """
    _check_audience(audience)
    with (store or default_store()).engine.connect() as connection:
        stories = _stories(connection, None)
    return [story for story in stories if audience != "public" or not story.restricted]


def update_story(token: str, *, title: str | None = None,
                 steps: Iterable[tuple[str, str]] | Iterable[StoryStep] | None = None,
                 actor: str | None = None, store: Store | None = None) -> Story:
    """Change a story's title and/or replace its steps (reorder, edit captions, add, remove).

    Parameters
    ----------
    token
        The story's token.
    title
        A new title (``None``: keep).
    steps
        The new steps in order (``None``: keep).
    actor
        Who changes it (audited as ``story_update``).
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    Story
        The story after the change.

    Raises
    ------
    ViewError
        Unknown story, a bad title or caption (also one holding personal data), or a step naming an
        unknown view; nothing is changed then.
    """
    store = store or default_store()
    if get_story(token, store=store) is None:
        raise _unknown_story(token)
    new_title = None if title is None else _text(title, "title", MAX_TITLE_LENGTH, required=True)
    cleaned = None if steps is None else _clean_steps(steps)
    with store.writing() as connection:
        values: dict[str, Any] = {"updated_at": _now()}
        if new_title is not None:
            values["title"] = new_title
        if connection.execute(update(stories_table).where(stories_table.c.token == token).values(**values)).rowcount == 0:
            raise _unknown_story(token)  # deleted meanwhile by another session
        if cleaned is not None:
            _check_views_exist(connection, cleaned)
            _write_steps(connection, token, cleaned)
        changed = ", ".join(part for part, given in (("title", new_title), ("steps", cleaned)) if given is not None)
        _audit(connection, actor, "story_update", f"story {token}", changed or None)
    story = get_story(token, store=store)
    if story is None:
        raise _unknown_story(token)
    return story


def delete_story(token: str, *, actor: str | None = None, store: Store | None = None) -> Story:
    """Delete a story (its views stay; audited as ``story_delete``).

    Parameters
    ----------
    token
        The story's token.
    actor
        Who deletes it.
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    Story
        The story as it was.

    Raises
    ------
    ViewError
        Unknown story.
    """
    store = store or default_store()
    story = get_story(token, store=store)
    if story is None:
        raise _unknown_story(token)
    with store.writing() as connection:
        # steps first: SQLite's ON DELETE CASCADE needs foreign keys on, PostgreSQL has it anyway
        connection.execute(delete(story_steps_table).where(story_steps_table.c.story_token == token))
        connection.execute(delete(stories_table).where(stories_table.c.token == token))
        _audit(connection, actor, "story_delete", f"story {token}", story.title[:200])
    return story
