"""``riskmap audit``: the audit trail (who signed in, uploaded, activated, restricted, purged — and when)."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``audit`` command.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    """
    audit = subparsers.add_parser("audit", help="list the audit trail, newest first",
                                  description="Who signed in, uploaded, activated, restricted, deleted or purged "
                                  "what, and when (UTC), newest first.")
    audit.add_argument("--limit", type=int, metavar="N", help="only the newest N entries")
    audit.add_argument("--json", action="store_true",
                       help="print a JSON list of {time, actor, action, target, detail}")
    audit.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """``riskmap audit``."""
    from geo.data import audit

    if args.limit is not None and args.limit < 0:
        from geo.data.store import StoreError

        raise StoreError(f"--limit must be 0 or more, not {args.limit}.")
    entries = audit.entries(args.limit)
    if args.json:
        print(json.dumps([entry.to_dict() for entry in entries], ensure_ascii=False))
        return 0
    if not entries:
        print("no audit entries")
    for entry in entries:
        line = f"{entry.time:%Y-%m-%d %H:%M:%S}Z  {entry.actor or '-':<20} {entry.action:<15} {entry.target or ''}"
        print(f"{line}  {entry.detail}" if entry.detail else line.rstrip())
    return 0
