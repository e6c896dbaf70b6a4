"""Accounts: argon2 hashes, sign-in, slow-down after failures, roles, sessions (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from geo.data import audit, users
from geo.data.store import Store, sessions_table, users_table
from geo.data.users import ACTIONS, ROLES, User, UserError

PASSWORD = "correct horse battery"


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The delays verify() asked for (instead of sleeping them)."""
    delays: list[float] = []
    monkeypatch.setattr(users, "_sleep", delays.append)
    return delays


def test_the_password_is_stored_as_an_argon2_hash(store: Store) -> None:
    assert users.add_user("sari", PASSWORD, "analyst", store=store) == User("sari", "analyst")
    with store.engine.connect() as connection:
        stored = connection.execute(select(users_table.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    if store.engine.dialect.name == "sqlite":
        database = Path(str(store.engine.url.database))
        assert PASSWORD.encode() not in database.read_bytes()


def test_verify_accepts_the_right_password_only(store: Store, waits: list[float]) -> None:
    users.add_user("sari", PASSWORD, "analyst", store=store)
    assert users.verify("sari", PASSWORD, store=store) == User("sari", "analyst")
    assert users.verify("sari", PASSWORD + "x", store=store) is None
    assert users.verify("nobody", PASSWORD, store=store) is None  # same answer: the name is not revealed
    assert users.verify("sari", "", store=store) is None


def test_failed_sign_ins_slow_down_further_attempts(store: Store, waits: list[float]) -> None:
    users.add_user("sari", PASSWORD, "analyst", store=store)
    for _ in range(6):
        assert users.verify("sari", "wrong password", store=store) is None
    assert waits == [0.0, 0.0, 0.0, 0.0, 1.0, 2.0]
    # the count lives in the database: another store object (another process) sees it
    assert users.recent_failures("sari", store=Store(store.url)) == 6
    assert users.verify("sari", PASSWORD, store=store) == User("sari", "analyst")
    assert waits[-1] == 4.0  # even the right password waits; then the count is cleared
    assert users.recent_failures("sari", store=store) == 0
    for _ in range(5):  # unknown names are slowed down the same way
        users.verify("ghost", "x", store=store)
    assert waits[-1] == 1.0


def test_old_failures_are_forgotten(store: Store, waits: list[float], monkeypatch: pytest.MonkeyPatch) -> None:
    for _ in range(5):
        users.verify("sari", "x", store=store)
    later = dt.datetime.now(dt.UTC) + users.FAILURE_WINDOW + dt.timedelta(minutes=1)
    monkeypatch.setattr(users, "_now", lambda: later)
    assert users.recent_failures("sari", store=store) == 0


def test_role_matrix() -> None:
    expected = {
        "viewer": set(),
        "analyst": {"upload", "publish", "activate", "restrict", "delete", "see_restricted", "save_views"},
        "admin": set(ACTIONS),
    }
    for role in ROLES:
        assert {action for action in ACTIONS if users.can(role, action)} == expected[role]
    assert not any(users.can(None, action) for action in ACTIONS)
    assert not users.can("superuser", "upload")
    with pytest.raises(ValueError, match="Unknown action"):
        users.can("admin", "uplaod")


def test_account_changes(store: Store) -> None:
    users.add_user("sari", PASSWORD, "viewer", store=store)
    users.add_user("budi", PASSWORD, "admin", store=store)
    with pytest.raises(UserError, match="exists already"):
        users.add_user("sari", PASSWORD, "viewer", store=store)
    assert users.list_users(store=store) == [User("budi", "admin"), User("sari", "viewer")]
    assert users.set_role("sari", "analyst", store=store) == User("sari", "analyst")
    users.reset_password("sari", "another long one", store=store)
    assert users.verify("sari", "another long one", store=store) == User("sari", "analyst")
    users.remove_user("sari", store=store)
    assert users.list_users(store=store) == [User("budi", "admin")]
    for call in (lambda: users.remove_user("sari", store=store), lambda: users.set_role("sari", "admin", store=store),
                 lambda: users.reset_password("sari", PASSWORD, store=store)):
        with pytest.raises(UserError, match="no account named 'sari'"):
            call()


@pytest.mark.parametrize(("name", "password", "role", "message"), [
    ("sari", "short", "analyst", "too short"),
    ("sari", PASSWORD, "owner", "Unknown role"),
    ("", PASSWORD, "analyst", "not allowed"),
    ("<script>", PASSWORD, "analyst", "not allowed"),
])
def test_bad_accounts_are_refused(store: Store, name: str, password: str, role: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        users.add_user(name, password, role, store=store)
    assert users.list_users(store=store) == []


def test_sessions(store: Store) -> None:
    sari = users.add_user("sari", PASSWORD, "analyst", store=store)
    token = users.create_session(sari, store=store)
    assert users.session_user(token, store=store) == sari
    with store.engine.connect() as connection:  # only a hash of the token is stored
        assert connection.execute(select(sessions_table.c.token_hash)).scalar_one() != token
    assert users.session_user("forged", store=store) is None and users.session_user(None, store=store) is None
    users.set_role("sari", "viewer", store=store)  # a role change ends the sessions
    assert users.session_user(token, store=store) is None
    token = users.create_session(User("sari", "viewer"), store=store)
    users.end_session(token, store=store)
    assert users.session_user(token, store=store) is None
    token = users.create_session(User("sari", "viewer"), store=store)
    users.remove_user("sari", store=store)
    assert users.session_user(token, store=store) is None


def test_sessions_expire(store: Store) -> None:
    sari = users.add_user("sari", PASSWORD, "analyst", store=store)
    short = users.create_session(sari, lifetime=dt.timedelta(seconds=-1), store=store)
    assert users.session_user(short, store=store) is None
    token = users.create_session(sari, store=store)
    assert users.session_user(token, store=store) == sari
    expiry = dt.datetime.now(dt.UTC) + users.SESSION_LIFETIME
    with store.engine.connect() as connection:
        stored = connection.execute(select(sessions_table.c.expires_at).where(
            sessions_table.c.token_hash == users._token_hash(token))).scalar_one()
    assert abs(stored.replace(tzinfo=dt.UTC) - expiry) < dt.timedelta(minutes=1)


def test_login_required_and_single_user(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RISKMAP_REQUIRE_LOGIN", raising=False)
    assert not users.login_required() and users.single_user(store=store)
    monkeypatch.setenv("RISKMAP_REQUIRE_LOGIN", "1")
    assert users.login_required() and not users.single_user(store=store)
    monkeypatch.setenv("RISKMAP_REQUIRE_LOGIN", "0")
    users.add_user("sari", PASSWORD, "viewer", store=store)
    assert users.any_users(store=store) and not users.single_user(store=store)


def test_account_actions_are_audited(store: Store, waits: list[float]) -> None:
    users.add_user("sari", PASSWORD, "viewer", actor="cli:root", store=store)
    users.verify("sari", "wrong password", store=store)
    user = users.verify("sari", PASSWORD, store=store)
    assert user is not None
    users.end_session(users.create_session(user, store=store), store=store)
    users.set_role("sari", "analyst", actor="cli:root", store=store)
    users.reset_password("sari", "another long one", actor="cli:root", store=store)
    users.remove_user("sari", actor="cli:root", store=store)
    trail = [(entry.actor, entry.action, entry.target) for entry in reversed(audit.entries(store=store))]
    assert trail == [
        ("cli:root", "user_add", "sari"), (None, "sign_in_failed", "sari"), ("sari", "sign_in", None),
        ("sari", "sign_out", None), ("cli:root", "user_role", "sari"), ("cli:root", "user_password", "sari"),
        ("cli:root", "user_remove", "sari"),
    ]
    assert all(PASSWORD not in str(entry.to_dict()) for entry in audit.entries(store=store))
