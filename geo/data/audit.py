"""Audit trail: who signed in, uploaded, published, activated, restricted, purged — and when.

Store operations write their audit row in their own transaction (``actor`` keyword of
:class:`geo.data.store.Store` methods); :func:`record` is for events outside the
store (sign-in, account changes). Times are UTC.

Examples
--------
>>> import tempfile
>>> from geo.data.store import Store
>>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/audit.sqlite")
>>> record("admin", "sign_in", store=store)
>>> [(entry.actor, entry.action) for entry in entries(store=store)]
[('admin', 'sign_in')]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from geo.data.store import Store, _audit, _utc, audit_table, default_store

ACTIONS: tuple[str, ...] = (
    "sign_in", "sign_in_failed", "sign_out", "upload", "publish", "activate", "delete", "restrict", "publicise",
    "threshold", "purge", "user_add", "user_remove", "user_role", "user_password", "denied",
)
"""Actions the project writes (others are accepted too)."""


@dataclass(frozen=True)
class AuditEntry:
    """One audited action."""

    time: dt.datetime
    actor: str | None
    action: str
    target: str | None
    detail: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary (``time`` in ISO 8601, UTC).

        Returns
        -------
        dict
            Keys ``time``, ``actor``, ``action``, ``target``, ``detail``.
        """
        return {"time": self.time.isoformat(), "actor": self.actor, "action": self.action, "target": self.target,
                "detail": self.detail}


def record(actor: str | None, action: str, target: str | None = None, detail: str | None = None, *,
           store: Store | None = None) -> None:
    """Write one audit entry now.

    Parameters
    ----------
    actor
        Who acted: an account name, ``cli:<login>``, or ``None`` (single-user app).
    action
        What was done, e.g. ``"sign_in"`` (see :data:`ACTIONS`).
    target
        What it was done to (a dataset, an account).
    detail
        Anything else worth keeping (never personal data).
    store
        The store (default: :func:`geo.data.store.default_store`).
    """
    with (store or default_store()).writing() as connection:
        _audit(connection, actor, action, target, detail)


def entries(limit: int | None = None, *, store: Store | None = None) -> list[AuditEntry]:
    """Audit entries, newest first.

    Parameters
    ----------
    limit
        At most this many (default: all).
    store
        The store (default: :func:`geo.data.store.default_store`).

    Returns
    -------
    list of AuditEntry
        Newest first.
    """
    query = select(audit_table).order_by(audit_table.c.at.desc(), audit_table.c.id.desc())
    if limit is not None:
        query = query.limit(max(int(limit), 0))
    with (store or default_store()).engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        AuditEntry(time=_utc(row.at), actor=row.actor, action=row.action,  # type: ignore[arg-type]
                   target=row.target, detail=row.detail)
        for row in rows
    ]
