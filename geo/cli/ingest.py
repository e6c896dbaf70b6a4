"""``riskmap ingest`` (``riskmap datasets`` lives in :mod:`geo.cli.datasets`).

Exit codes: 0 success; 2 when the file is rejected as a whole (reason on stderr).
With ``--json`` ``ingest`` prints exactly one JSON object (see
:meth:`geo.ingest.pipeline.IngestReport.summary`).
"""

from __future__ import annotations

import argparse
import getpass
import json
from functools import partial
from typing import Any

from geo.data.kinds import DATASET_KINDS
from geo.i18n import format_number, t
from geo.ingest import FIELDS, parse_mapping_options


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en") -> None:
    """Add the ``ingest`` sub-command.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    lang : str
        Language of the help texts.
    """
    ingest = subparsers.add_parser(
        "ingest",
        help=t("cli.ingest.help", lang),
        description=t("cli.ingest.description", lang, fields=", ".join(FIELDS)),
    )
    ingest.add_argument("file", help=t("cli.ingest.file_help", lang))
    ingest.add_argument("--kind", required=True, choices=DATASET_KINDS, help=t("cli.ingest.kind_help", lang))
    ingest.add_argument("--name", help=t("cli.ingest.name_help", lang))
    ingest.add_argument("--note", help=t("cli.ingest.note_help", lang))
    ingest.add_argument("--sheet", help=t("cli.ingest.sheet_help", lang))
    ingest.add_argument("--map", dest="mapping", action="append", default=[], metavar="COLUMN=FIELD",
                        help=t("cli.ingest.map_help", lang))
    ingest.add_argument("--number-format", choices=("id", "en"), help=t("cli.ingest.number_format_help", lang))
    ingest.add_argument("--threshold", type=float, default=None, help=t("cli.ingest.threshold_help", lang))
    ingest.add_argument("--uploader", help=t("cli.ingest.uploader_help", lang))
    ingest.add_argument("--dry-run", action="store_true", help=t("cli.ingest.dry_run_help", lang))
    ingest.add_argument("--json", action="store_true", help=t("cli.ingest.json_help", lang))
    ingest.set_defaults(func=run_ingest)


def _uploader(explicit: str | None) -> str | None:
    if explicit:
        return explicit
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return None


def run_ingest(args: argparse.Namespace) -> int:
    """``riskmap ingest``: check a file, publish it unless ``--dry-run``, print the report."""
    from geo.ingest import DEFAULT_FUZZY_THRESHOLD, check, publish

    result = check(
        args.file, kind=args.kind, sheet=args.sheet, mapping=parse_mapping_options(args.mapping),
        number_format=args.number_format,
        threshold=DEFAULT_FUZZY_THRESHOLD if args.threshold is None else args.threshold,
    )
    report = result.report
    if not args.dry_run:
        publish(result, name=args.name, note=args.note, uploader=_uploader(args.uploader))  # raises if no row fits
        _prepare_first_views(report.dataset_id)
    if args.json:
        print(json.dumps(report.summary(), ensure_ascii=False))
        return 0
    print(_report_text(result, args.lang))
    return 0


def _prepare_first_views(dataset_id: int | None) -> None:
    # The first map of the new version, in any app process, then reads its disclosure
    # decisions instead of summing the national hierarchy (about 2 s per year).
    from geo.config import database_url
    from geo.web.disclosure_cache import prepare_first_views

    if dataset_id is not None:
        prepare_first_views(database_url(), dataset_id)


def _report_text(result: Any, lang: str) -> str:
    """The report of ``riskmap ingest`` for people, in the run's language."""
    from geo.ingest import render_reason

    report = result.report
    number = partial(format_number, language=lang)
    how_read = (t("cli.ingest.read_csv", lang, encoding=report.encoding, delimiter=repr(report.delimiter),
                  numbers=report.number_format) if report.file_type == "csv" else
                t("cli.ingest.read_sheet", lang, type=report.file_type, sheet=repr(report.sheet),
                  numbers=report.number_format))
    lines = [
        t("cli.ingest.summary", lang, file=report.file_name, read=number(report.rows_read),
          accepted=number(report.rows_accepted), rejected=number(report.rows_rejected), total=number(report.total)),
        how_read,
        t("cli.ingest.columns", lang, columns=", ".join(f"{column} -> {field}" for column, field in report.mapping.items())),
        t("cli.ingest.matched_by", lang, **{how: number(count) for how, count in report.matched_by.items()}),
    ]
    if report.dropped_details:
        details = "; ".join(str(render_reason(detail, lang)) for detail in report.dropped_details)
        lines.append(t("cli.ingest.dropped", lang, details=details))
    if report.unused_columns:
        lines.append(t("cli.ingest.unused", lang, columns=", ".join(report.unused_columns)))
    lines.extend(t("cli.ingest.note", lang, warning=warning) for warning in report.warnings_in(lang))
    for row, reason in result.rejected_in(lang)[["row", "reason"]].itertuples(index=False):
        lines.append(t("cli.ingest.rejected_row", lang, row=row, reason=reason))
    if report.rejected_not_listed:
        lines.append(t("cli.ingest.more_rejected", lang, count=number(report.rejected_not_listed)))
    lines.append(t("cli.ingest.stored", lang, id=report.dataset_id) if report.dataset_id else
                 t("cli.ingest.dry_run", lang))
    return "\n".join(lines)
