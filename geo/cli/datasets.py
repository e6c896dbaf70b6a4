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

from geo.data.kinds import DATASET_KINDS
from geo.data.store import AUDIENCES, StoreError
from geo.i18n import format_number, t

JSON_FIELDS: tuple[str, ...] = (
    "id", "kind", "name", "version", "file_name", "sha256", "created_at", "uploader", "rows_read", "rows_accepted",
    "rows_rejected", "record_count", "total", "is_sample", "is_active", "deleted_at", "note", "restricted",
    "disclosure_threshold",
)
"""Keys of each object printed by ``riskmap datasets --json``."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en") -> None:
    """Add the ``datasets`` command.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    lang : str
        Language of the help texts.
    """
    datasets = subparsers.add_parser(
        "datasets", help=t("cli.datasets.help", lang), description=t("cli.datasets.description", lang),
    )
    datasets.add_argument("--kind", choices=DATASET_KINDS, help=t("cli.datasets.kind_help", lang))
    datasets.add_argument("--all", action="store_true", help=t("cli.datasets.all_help", lang))
    datasets.add_argument("--audience", choices=AUDIENCES, default="analyst", help=t("cli.datasets.audience_help", lang))
    datasets.add_argument("--activate", type=int, metavar="ID", help=t("cli.datasets.activate_help", lang))
    datasets.add_argument("--restrict", type=int, metavar="ID", help=t("cli.datasets.restrict_help", lang))
    datasets.add_argument("--publicise", type=int, metavar="ID", help=t("cli.datasets.publicise_help", lang))
    datasets.add_argument("--threshold", metavar="ID=N", help=t("cli.datasets.threshold_help", lang))
    datasets.add_argument("--delete", type=int, metavar="ID", help=t("cli.datasets.delete_help", lang))
    datasets.add_argument("--purge", type=int, metavar="ID", help=t("cli.datasets.purge_help", lang))
    datasets.add_argument("--yes", action="store_true", help=t("cli.datasets.yes_help", lang))
    datasets.add_argument("--json", action="store_true", help=t("cli.datasets.json_help", lang))
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
        raise StoreError(t("cli.datasets.bad_threshold", "en", option=option), key="cli.datasets.bad_threshold",
                         values={"option": option}) from None


def _apply_changes(store: Any, args: argparse.Namespace, actor: str) -> int:
    """The requested changes in a fixed order; 2 when a destructive one lacks --yes."""
    lang = args.lang
    for option in ("delete", "purge"):
        if getattr(args, option) is not None and not args.yes:
            print(t(f"cli.datasets.confirm_{option}", lang, id=getattr(args, option)), file=sys.stderr)
            return 2
    if args.activate is not None:
        dataset = store.activate(args.activate, actor=actor)
        print(t("cli.datasets.activated", lang, id=dataset.id, label=dataset.label,
                kind=t(f"map.kind.{dataset.kind}", lang)), file=sys.stderr)
    for option, restricted, said in (("restrict", True, "cli.datasets.restricted"),
                                     ("publicise", False, "cli.datasets.publicised")):
        if getattr(args, option) is not None:
            dataset = store.set_restricted(getattr(args, option), restricted, actor=actor)
            print(t(said, lang, id=dataset.id, label=dataset.label), file=sys.stderr)
    if args.threshold is not None:
        dataset = store.set_threshold(*parse_threshold(args.threshold), actor=actor)
        print(t("cli.datasets.threshold", lang, id=dataset.id, label=dataset.label,
                threshold=dataset.disclosure_threshold), file=sys.stderr)
    if args.delete is not None:
        dataset = store.delete_dataset(args.delete, actor=actor)
        print(t("cli.datasets.deleted", lang, id=dataset.id, label=dataset.label), file=sys.stderr)
    if args.purge is not None:
        dataset = store.purge(args.purge, actor=actor)
        print(t("cli.datasets.purged", lang, id=dataset.id, label=dataset.label,
                records=format_number(dataset.record_count, lang)), file=sys.stderr)
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
    lang = args.lang
    if not datasets:
        print(t("cli.datasets.none", lang))
        return 0
    for dataset in datasets:
        flags = " ".join(t(f"cli.datasets.flag.{flag}", lang) for flag, on in (
            ("active", dataset.is_active), ("sample", dataset.is_sample), ("restricted", dataset.restricted),
            ("deleted", dataset.deleted_at is not None)) if on)
        print(t("cli.datasets.line", lang, id=f"{dataset.id:>4}", kind=t(f"map.kind.{dataset.kind}", lang).ljust(9),
                name=dataset.name, version=dataset.version, created=f"{dataset.created_at:%Y-%m-%d %H:%M}",
                accepted=format_number(dataset.rows_accepted, lang), read=format_number(dataset.rows_read, lang),
                total=format_number(dataset.total, lang), threshold=dataset.disclosure_threshold,
                flags=flags).rstrip())
    return 0
