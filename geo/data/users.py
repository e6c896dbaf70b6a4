"""Accounts, roles, sign-in and sessions of the hosted app.

Roles: ``viewer`` (anonymous visitors of a hosted link: read public datasets),
``analyst`` (upload, publish, activate, restrict, delete) and ``admin`` (also accounts
and purge). Passwords are stored as argon2id hashes (``argon2-cffi``), never as given.
After :data:`FREE_ATTEMPTS` failed sign-ins for a name, each further attempt waits
longer (:func:`failure_delay`); the counts live in the database so the slow-down
holds across processes. :func:`verify` never tells whether a name exists.

Sessions are random tokens; the database keeps only their sha256 and an expiry
(:data:`SESSION_LIFETIME`), so a sign-in survives reruns and server restarts.

With no account at all and ``RISKMAP_REQUIRE_LOGIN`` unset the app runs single-user
(:func:`single_user`); ``RISKMAP_REQUIRE_LOGIN=1`` is the hosted setting.

Examples
--------
>>> import tempfile
>>> from geo.data.store import Store
>>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/users.sqlite")
>>> add_user("sari", "a long passphrase", "analyst", store=store)
User(name='sari', role='analyst')
>>> verify("sari", "a long passphrase", store=store)
User(name='sari', role='analyst')
>>> can("analyst", "upload"), can("analyst", "purge"), can(None, "upload")
(True, False, False)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from geo.data.store import (
    Store,
    StoreError,
    _audit,
    _utc,
    default_store,
    sessions_table,
    sign_in_failures_table,
    users_table,
)

ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")
"""Roles, least privileged first."""

ACTIONS: tuple[str, ...] = (
    "upload", "publish", "activate", "restrict", "delete", "purge", "manage_users", "see_restricted",
    "save_views",
)
"""Privileged actions checked by :func:`can` (``save_views``: save views and make stories of them)."""

_PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset(),
    "analyst": frozenset(ACTIONS) - {"purge", "manage_users"},
    "admin": frozenset(ACTIONS),
}

SESSION_LIFETIME = dt.timedelta(hours=8)
"""How long a sign-in lasts."""

FREE_ATTEMPTS = 3
"""Failed sign-ins for a name before each further attempt is slowed down."""

FAILURE_WINDOW = dt.timedelta(minutes=15)
"""Failures older than this (since the last one) are forgotten."""

MAX_DELAY_SECONDS = 30.0
MIN_PASSWORD_LENGTH = 10
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
_sleep: Callable[[float], None] = time.sleep  # replaced in tests


class UserError(StoreError):
    """A bad account name, role or password, or an account that does not exist."""


@dataclass(frozen=True)
class User:
    """A signed-in account."""

    name: str
    role: str


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError(f"Unknown role {role!r}; use one of: {', '.join(ROLES)}.")
    return role


def _check_name(name: str) -> str:
    if not _NAME.match(name or ""):
        raise UserError(f"Account name {name!r} is not allowed: use 1-100 letters, digits, '.', '_', '@' or '-', "
                        "starting with a letter or digit.")
    return name


def _check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UserError(f"The password is too short: use at least {MIN_PASSWORD_LENGTH} characters.")
    return password


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def can(role: str | None, action: str) -> bool:
    """Whether ``role`` may do ``action`` (``None``: an anonymous visitor, like a viewer).

    Parameters
    ----------
    role
        One of :data:`ROLES` or ``None``.
    action
        One of :data:`ACTIONS`; anything else raises ``ValueError`` (a typo must not grant).

    Returns
    -------
    bool
        ``True`` when allowed.

    Examples
    --------
    >>> can("admin", "purge"), can("analyst", "see_restricted"), can("viewer", "upload")
    (True, True, False)
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}; use one of: {', '.join(ACTIONS)}.")
    return action in _PERMISSIONS.get(role or "viewer", frozenset())


def login_required() -> bool:
    """Whether the app is hosted with sign-in required (``RISKMAP_REQUIRE_LOGIN=1``).

    Returns
    -------
    bool
        ``True`` for ``1``, ``true`` or ``yes``.
    """
    return os.environ.get("RISKMAP_REQUIRE_LOGIN", "").strip().lower() in ("1", "true", "yes")


@cache
def _dummy_hash() -> str:
    # verify() spends the same argon2 work on unknown names, so timing does not tell them apart.
    # Made on the first sign-in check, not at import: every app start paid ~0.5 s for it before its first map.
    return _hasher.hash(secrets.token_hex(16))


def any_users(*, store: Store | None = None) -> bool:
    """Whether at least one account exists.

    Parameters
    ----------
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    bool
        ``False`` on a fresh store.
    """
    with (store or default_store()).engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(users_table)).scalar_one() > 0


def single_user(*, store: Store | None = None) -> bool:
    """Whether the app runs single-user as on a laptop: no account and sign-in not required.

    Parameters
    ----------
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    bool
        ``True``: everyone may do everything; the app should say so.
    """
    return not login_required() and not any_users(store=store)


def add_user(name: str, password: str, role: str, *, actor: str | None = None, store: Store | None = None) -> User:
    """Create an account (the password is stored as an argon2id hash).

    Parameters
    ----------
    name
        Account name (letters, digits, ``._@-``; at most 100).
    password
        At least :data:`MIN_PASSWORD_LENGTH` characters.
    role
        One of :data:`ROLES`.
    actor
        Who creates it (audited as ``user_add``).
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    User
        The new account.
    """
    _check_name(name)
    _check_role(role)
    password_hash = _hasher.hash(_check_password(password))
    try:
        with (store or default_store()).writing() as connection:
            connection.execute(insert(users_table).values(name=name, role=role, password_hash=password_hash,
                                                          created_at=_now()))
            _audit(connection, actor, "user_add", name, f"role {role}")
    except IntegrityError:
        raise UserError(f"An account named {name!r} exists already; use `riskmap users set-role` or "
                        "`reset-password`.") from None
    return User(name, role)


def _change(name: str, values: dict[str, str], action: str, detail: str | None, actor: str | None,
            store: Store | None) -> None:
    with (store or default_store()).writing() as connection:
        changed = connection.execute(update(users_table).where(users_table.c.name == name).values(**values))
        if changed.rowcount == 0:
            raise UserError(f"There is no account named {name!r}; run `riskmap users list`.")
        if "password_hash" in values or "role" in values:  # signed-in sessions get the new terms
            connection.execute(delete(sessions_table).where(sessions_table.c.user_name == name))
        _audit(connection, actor, action, name, detail)


def remove_user(name: str, *, actor: str | None = None, store: Store | None = None) -> None:
    """Delete an account and its sessions (audited as ``user_remove``).

    Parameters
    ----------
    name
        The account.
    actor
        Who removes it.
    store
        The store (default: :func:`geo.data.store.default_store`).
    """
    with (store or default_store()).writing() as connection:
        connection.execute(delete(sessions_table).where(sessions_table.c.user_name == name))
        removed = connection.execute(delete(users_table).where(users_table.c.name == name))
        if removed.rowcount == 0:
            raise UserError(f"There is no account named {name!r}; run `riskmap users list`.")
        _audit(connection, actor, "user_remove", name)


def set_role(name: str, role: str, *, actor: str | None = None, store: Store | None = None) -> User:
    """Give an account another role; its sessions end (audited as ``user_role``).

    Parameters
    ----------
    name
        The account.
    role
        One of :data:`ROLES`.
    actor
        Who changes it.
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    User
        The account with its new role.
    """
    _change(name, {"role": _check_role(role)}, "user_role", f"role {role}", actor, store)
    return User(name, role)


def reset_password(name: str, password: str, *, actor: str | None = None, store: Store | None = None) -> None:
    """Set a new password; the account's sessions end (audited as ``user_password``).

    Parameters
    ----------
    name
        The account.
    password
        At least :data:`MIN_PASSWORD_LENGTH` characters.
    actor
        Who resets it.
    store
        The store (default: :func:`geo.data.store.default_store`).
    """
    _change(name, {"password_hash": _hasher.hash(_check_password(password))}, "user_password", None, actor, store)


def list_users(*, store: Store | None = None) -> list[User]:
    """All accounts, by name.

    Parameters
    ----------
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    list of User
        Sorted by name.
    """
    with (store or default_store()).engine.connect() as connection:
        rows = connection.execute(select(users_table.c.name, users_table.c.role).order_by(users_table.c.name)).all()
    return [User(row.name, row.role) for row in rows]


def failure_delay(failures: int) -> float:
    """Seconds a sign-in waits after ``failures`` recent failed attempts for its name.

    Parameters
    ----------
    failures
        Failed attempts within :data:`FAILURE_WINDOW`.

    Returns
    -------
    float
        0 up to :data:`FREE_ATTEMPTS`, then doubling from 1 s, at most :data:`MAX_DELAY_SECONDS`.

    Examples
    --------
    >>> [failure_delay(n) for n in (0, 3, 4, 5, 6, 20)]
    [0.0, 0.0, 1.0, 2.0, 4.0, 30.0]
    """
    if failures <= FREE_ATTEMPTS:
        return 0.0
    return float(min(2.0 ** (failures - FREE_ATTEMPTS - 1), MAX_DELAY_SECONDS))


def recent_failures(name: str, *, store: Store | None = None) -> int:
    """Failed sign-ins for ``name`` within :data:`FAILURE_WINDOW` of the last one.

    Parameters
    ----------
    name
        The name typed at sign-in (existing or not).
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    int
        0 when none (or forgotten).
    """
    table = sign_in_failures_table
    with (store or default_store()).engine.connect() as connection:
        row = connection.execute(select(table.c.failures, table.c.last_failure_at).where(table.c.name == name)).first()
    if row is None or _now() - _utc(row.last_failure_at) > FAILURE_WINDOW:  # type: ignore[operator]
        return 0
    return int(row.failures)


def _note_failure(name: str, failures_before: int, store: Store) -> None:
    table = sign_in_failures_table
    with store.writing() as connection:
        values = {"failures": failures_before + 1, "last_failure_at": _now()}
        if connection.execute(update(table).where(table.c.name == name).values(**values)).rowcount == 0:
            connection.execute(insert(table).values(name=name, **values))
        _audit(connection, None, "sign_in_failed", name[:300])


def verify(name: str, password: str, *, store: Store | None = None) -> User | None:
    """Check a sign-in; the account when name and password match, else ``None``.

    The answer is the same for an unknown name and a wrong password. After
    :data:`FREE_ATTEMPTS` recent failures for ``name`` the check first waits
    :func:`failure_delay` seconds. Success is audited as ``sign_in`` and clears the failures.

    Parameters
    ----------
    name
        Account name as typed.
    password
        Password as typed.
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    User or None
        The account, or ``None``.
    """
    store = store or default_store()
    dummy = _dummy_hash()  # made before the name is looked up: the first check of any name pays for it
    name = (name or "").strip()[:100]
    failures = recent_failures(name, store=store)
    _sleep(failure_delay(failures))
    with store.engine.connect() as connection:
        row = connection.execute(select(users_table).where(users_table.c.name == name)).first()
    try:
        _hasher.verify(row.password_hash if row is not None else dummy, password or "")
        matched = row is not None
    except (VerificationError, InvalidHashError):
        matched = False
    if not matched or row is None:
        _note_failure(name, failures, store)
        return None
    with store.writing() as connection:
        connection.execute(delete(sign_in_failures_table).where(sign_in_failures_table.c.name == name))
        _audit(connection, name, "sign_in")
    return User(row.name, row.role)


def create_session(user: User, *, lifetime: dt.timedelta = SESSION_LIFETIME, store: Store | None = None) -> str:
    """Start a session for a signed-in account; return its token (keep it secret, e.g. in a cookie).

    Parameters
    ----------
    user
        The account (from :func:`verify`).
    lifetime
        How long the session lasts (default :data:`SESSION_LIFETIME`).
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    str
        A random URL-safe token; only its sha256 is stored.
    """
    token = secrets.token_urlsafe(32)
    now = _now()
    with (store or default_store()).writing() as connection:
        connection.execute(delete(sessions_table).where(sessions_table.c.expires_at < now))  # tidy up
        connection.execute(insert(sessions_table).values(token_hash=_token_hash(token), user_name=user.name,
                                                         created_at=now, expires_at=now + lifetime))
    return token


def session_user(token: str | None, *, store: Store | None = None) -> User | None:
    """The account of a live session (with its current role); ``None`` when unknown or expired.

    Parameters
    ----------
    token
        A token from :func:`create_session`.
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    User or None
        The account, or ``None``.
    """
    if not token:
        return None
    query = (
        select(users_table.c.name, users_table.c.role, sessions_table.c.expires_at)
        .join(users_table, users_table.c.name == sessions_table.c.user_name)
        .where(sessions_table.c.token_hash == _token_hash(token))
    )
    with (store or default_store()).engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None or _utc(row.expires_at) <= _now():  # type: ignore[operator]
        return None
    return User(row.name, row.role)


def end_session(token: str | None, *, store: Store | None = None) -> None:
    """End a session (sign out; audited as ``sign_out``). Unknown tokens are ignored.

    Parameters
    ----------
    token
        A token from :func:`create_session`.
    store
        The store (default: :func:`geo.data.store.default_store`).
    """
    if not token:
        return
    user = session_user(token, store=store)
    with (store or default_store()).writing() as connection:
        connection.execute(delete(sessions_table).where(sessions_table.c.token_hash == _token_hash(token)))
        if user is not None:
            _audit(connection, user.name, "sign_out")
