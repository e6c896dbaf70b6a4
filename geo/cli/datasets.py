"""``riskmap datasets``: list dataset versions; activate, restrict, publicise, set thresholds, delete, purge.

Changes are audited with the actor ``cli:<login name>``. ``--purge ID --yes`` erases a
version's records and report from the database file (VACUUM on SQLite); ``--delete``
only hides it. ``--audience public`` lists what a viewer of the hosted app sees.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from geo.data.kinds import KINDS
from geo.data.store import AUDIENCES, StoreError
from geo.i18n import format_number

JSON_FIELDS: tuple[str, ...] = (
    "id", "kind", "name", "version", "file_name", "sha256", "created_at", "uploader", "rows_read", "rows_accepted",
    "rows_rejected", "record_count", "total", "is_sample", "is_active", "deleted_at", "note", "restricted",
    "disclosure_threshold",
)
"""Keys of each object printed by ``riskmap datasets --json``."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``datasets`` command.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    """
    datasets = subparsers.add_parser(
        "datasets", help="list dataset versions (and activate, restrict, delete or purge one)",
        description="List dataset versions, newest first. Changes are written to the audit trail.",
    )
    datasets.add_argument("--kind", choices=KINDS, help="only this kind")
    datasets.add_argument("--all", action="store_true", help="include deleted versions")
    datasets.add_argument("--audience", choices=AUDIENCES, default="analyst",
                          help="public: only what viewers of the hosted app see (restricted ones hidden)")
    datasets.add_argument("--activate", type=int, metavar="ID", help="make version ID the active one of its kind")
    datasets.add_argument("--restrict", type=int, metavar="ID", help="hide version ID from viewers")
    datasets.add_argument("--publicise", type=int, metavar="ID", help="show version ID to viewers again")
    datasets.add_argument("--threshold", metavar="ID=N",
                          help="suppress counts below N when version ID is shown (disclosure threshold)")
    datasets.add_argument("--delete", type=int, metavar="ID", help="soft-delete version ID (needs --yes)")
    datasets.add_argument("--purge", type=int, metavar="ID",
                          help="erase version ID, its records and report, from the database (needs --yes)")
    datasets.add_argument("--yes", action="store_true", help="confirm --delete or --purge")
    datasets.add_argument("--json", action="store_true", help="print a JSON list")
    datasets.set_defaults(func=run)


def parse_threshold(option: str) -> tuple[int, int]:
    """``"ID=N"`` as ``(ID, N)``; :class:`StoreError` naming the option otherwise.

    Parameters
    ----------
    option
        The value of ``--threshold``.

    Returns
    -------
    tuple of int
        Dataset id and threshold.

    Examples
    --------
    >>> parse_threshold("12=5")
    (12, 5)
    """
    dataset_id, _, threshold = option.partition("=")
    try:
        return int(dataset_id), int(threshold)
    except ValueError:
        raise StoreError(f"--threshold {option!r}: write ID=N, e.g. --threshold 12=5.") from None


def _apply_changes(store: Any, args: argparse.Namespace, actor: str) -> int:
    """The requested changes in a fixed order; 2 when a destructive one lacks --yes."""
    for option in ("delete", "purge"):
        if getattr(args, option) is not None and not args.yes:
            what = "it is hidden, not erased" if option == "delete" else "its records are erased for good"
            print(f"riskmap: add --yes to {option} dataset {getattr(args, option)} ({what}).", file=sys.stderr)
            return 2
    if args.activate is not None:
        dataset = store.activate(args.activate, actor=actor)
        print(f"dataset {dataset.id} ({dataset.label}) is now the active {dataset.kind} dataset", file=sys.stderr)
    for option, restricted in (("restrict", True), ("publicise", False)):
        if getattr(args, option) is not None:
            dataset = store.set_restricted(getattr(args, option), restricted, actor=actor)
            state = "restricted (hidden from viewers)" if restricted else "public"
            print(f"dataset {dataset.id} ({dataset.label}) is now {state}", file=sys.stderr)
    if args.threshold is not None:
        dataset = store.set_threshold(*parse_threshold(args.threshold), actor=actor)
        print(f"dataset {dataset.id} ({dataset.label}): counts below {dataset.disclosure_threshold} are suppressed",
              file=sys.stderr)
    if args.delete is not None:
        dataset = store.delete_dataset(args.delete, actor=actor)
        print(f"dataset {dataset.id} ({dataset.label}) deleted", file=sys.stderr)
    if args.purge is not None:
        dataset = store.purge(args.purge, actor=actor)
        print(f"dataset {dataset.id} ({dataset.label}) purged: {dataset.record_count} records erased",
              file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    """``riskmap datasets``."""
    from geo.cli.users import cli_actor
    from geo.data import store as store_module

    store = store_module.default_store()
    store.ensure_default_data()
    code = _apply_changes(store, args, cli_actor())
    if code:
        return code
    datasets = store.list_datasets(args.kind, include_deleted=args.all, audience=args.audience)
    if args.json:
        print(json.dumps([{key: dataset.to_dict()[key] for key in JSON_FIELDS} for dataset in datasets],
                         ensure_ascii=False))
        return 0
    if not datasets:
        print("no datasets")
        return 0
    for dataset in datasets:
        flags = " ".join(flag for flag, on in (("active", dataset.is_active), ("sample", dataset.is_sample),
                                                ("restricted", dataset.restricted),
                                                ("deleted", dataset.deleted_at is not None)) if on)
        print(f"{dataset.id:>4}  {dataset.kind:<9}  {dataset.name} v{dataset.version}  "
              f"{dataset.created_at:%Y-%m-%d %H:%M}  rows {dataset.rows_accepted}/{dataset.rows_read}  "
              f"total {format_number(dataset.total, 'en')}  threshold {dataset.disclosure_threshold}  "
              f"{flags}".rstrip())
    return 0
