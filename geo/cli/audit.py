"""``riskmap audit``: the audit trail (who signed in, uploaded, activated, restricted, purged — and when)."""

from __future__ import annotations

import argparse
import json

from geo.i18n import t


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en") -> None:
    """Add the ``audit`` command.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    lang : str
        Language of the help texts.
    """
    audit = subparsers.add_parser("audit", help=t("cli.audit.help", lang), description=t("cli.audit.description", lang))
    audit.add_argument("--limit", type=int, metavar="N", help=t("cli.audit.limit_help", lang))
    audit.add_argument("--json", action="store_true", help=t("cli.audit.json_help", lang))
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
