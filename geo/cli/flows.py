"""``riskmap flows``: origin → destination flows of a stored dataset (a thin layer over geo.analysis.flows)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from geo import LEVELS

if TYPE_CHECKING:
    from geo.analysis.flows import FlowResult

DEFAULT_TOP = 50
"""Same as ``geo.analysis.flows.DEFAULT_TOP`` (not imported here: pandas would slow ``riskmap --help``)."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``flows`` command.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    """
    parser = subparsers.add_parser(
        "flows",
        help="origin → destination flows of a dataset",
        description=(
            "Aggregate a dataset's records into origin → destination flows at one origin level and print the "
            "largest. Records whose destination cannot be placed are counted on stderr, never dropped silently."
        ),
    )
    parser.add_argument("--dataset", type=int, required=True, help="dataset id (see `riskmap datasets`)")
    parser.add_argument("--level", choices=LEVELS, default="regency", help="origin level (default: regency)")
    parser.add_argument("--within", metavar="CODE", help="only origins inside this area code")
    parser.add_argument(
        "--top", type=int, default=DEFAULT_TOP, help=f"number of flows (default {DEFAULT_TOP}; 0 = all)"
    )
    parser.add_argument("--country", action="append", metavar="NAME", help="only this destination country (repeatable)")
    parser.add_argument("--city", action="append", metavar="NAME", help="only this destination city (repeatable)")
    parser.add_argument("--from", dest="period_from", metavar="PERIOD", help="first period, e.g. 2024 or 2024-06")
    parser.add_argument("--to", dest="period_to", metavar="PERIOD", help="last period, e.g. 2025")
    parser.add_argument("--min", dest="min_count", type=float, default=0, help="hide flows below this total")
    parser.add_argument("--language", choices=("en", "id"), default=None,
                        help="language of place names (default: the run's, see riskmap --lang)")
    parser.add_argument("--json", action="store_true", help="print a JSON list of flows")
    parser.add_argument(
        "--audience", choices=("public", "analyst"), default="public",
        help="public (default): flows below the dataset's disclosure threshold are hidden; analyst: all",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """``riskmap flows``: print the largest flows (a table, or a JSON list); what is left out goes to stderr."""
    from geo.analysis.disclosure import threshold_of
    from geo.analysis.flows import aggregate_flows, flows_json
    from geo.data import store
    from geo.data.codes import CodeList
    from geo.i18n import format_number, t

    if args.top < 0:
        from geo.errors import FlowDataError

        raise FlowDataError(f"--top {args.top}: give a number of flows (0 lists them all).")
    dataset = store.get_dataset(args.dataset)
    within = CodeList.load().validate(args.within) if args.within else None
    result = aggregate_flows(
        store.load_records(args.dataset),
        level=args.level,
        within=within,
        destination_countries=args.country,
        destination_cities=args.city,
        period_from=args.period_from,
        period_to=args.period_to,
        min_count=args.min_count,
        top=args.top or None,
        by_transit=False,  # the output names origin and final destination only
        unit="migrants" if dataset.kind == "migration" else "cases",
        audience=args.audience,
        threshold=threshold_of(dataset),
    )
    lang = getattr(args, "lang", "en")
    rows = flows_json(result, args.language or lang)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    else:
        for row in rows:
            print(t("cli.flows.row", lang, code=f"{row['origin_code']:<14}", name=f"{row['origin_name']:<32}",
                    destination=row["destination"], country=row["destination_country"],
                    count=format_number(float(row["count"]), lang)))  # type: ignore[arg-type]  # a JSON row: count is a number
    _report_not_shown(result, lang)
    return 0


def _report_not_shown(result: FlowResult, lang: str) -> None:
    """What the list leaves out, on stderr in the run's language (so --json output stays one JSON value)."""
    from geo.i18n import format_number, t

    def number(value: float) -> str:
        return format_number(value, lang)

    notes = []
    if result.suppressed_flows:
        notes.append(t("cli.flows.suppressed", lang, flows=number(result.suppressed_flows),
                       threshold=result.disclosure_threshold))
    if result.rest_flows:
        notes.append(t("cli.flows.rest", lang, flows=number(result.rest_flows), count=number(result.rest_count)))
    if result.below_minimum_flows:
        notes.append(t("cli.flows.below_minimum", lang, flows=number(result.below_minimum_flows),
                       count=number(result.below_minimum_count)))
    for row in result.unresolved.itertuples(index=False):
        at_capital = row.reason == "country_only"
        notes.append(t("cli.flows.unresolved", lang, role=t(f"flows.role.{row.role}", lang), text=row.text,
                       reason=t(f"flows.unresolved.{'unknown_city' if at_capital else row.reason}", lang),
                       records=number(row.records), count=number(row.count),
                       what=t("cli.flows.at_capital" if at_capital else "cli.flows.not_placed", lang)))
    if len(result.above_level):
        notes.append(t("cli.flows.above_level", lang, records=number(int(result.above_level["records"].sum())),
                       level=t(f"ingest_reason.level.{result.level}", lang),
                       count=number(result.above_level["count"].sum())))
    for note in notes:
        print(t("cli.flows.note", lang, note=note), file=sys.stderr)
