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


def register(subparsers: argparse._SubParsersAction) -> None:
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
    from geo.analysis.disclosure import threshold_of
    from geo.analysis.flows import aggregate_flows, flows_json
    from geo.data import store
    from geo.data.codes import CodeList
    from geo.i18n import format_number

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
    rows = flows_json(result, args.language or getattr(args, "lang", "en"))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    else:
        for row in rows:
            print(
                f"{row['origin_code']:<14} {row['origin_name']:<32} → {row['destination']}, "
                f"{row['destination_country']}: {format_number(row['count'], 'en')}"
            )
    _report_not_shown(result)
    return 0


def _report_not_shown(result: FlowResult) -> None:
    """What the list leaves out, on stderr (so --json output stays one JSON value)."""
    from geo.i18n import format_number

    notes = []
    if result.suppressed_flows:
        notes.append(
            f"{result.suppressed_flows} flows hidden: below {result.disclosure_threshold} or able to reveal one "
            "(--audience analyst shows them)"
        )
    if result.rest_flows:
        notes.append(f"{result.rest_flows} more flows ({format_number(result.rest_count, 'en')}) beyond --top")
    if result.below_minimum_flows:
        notes.append(
            f"{result.below_minimum_flows} flows ({format_number(result.below_minimum_count, 'en')}) below --min"
        )
    for row in result.unresolved.itertuples(index=False):
        what = "drawn at its country's capital" if row.reason == "country_only" else "not placed"
        notes.append(
            f"{row.role} {row.text!r} ({row.reason.replace('_', ' ')}; {row.records} records, "
            f"{format_number(row.count, 'en')}) {what}"
        )
    if len(result.above_level):
        notes.append(
            f"{int(result.above_level['records'].sum())} records coded above the {result.level} level "
            f"({format_number(result.above_level['count'].sum(), 'en')}) not included"
        )
    for note in notes:
        print(f"riskmap flows: {note}", file=sys.stderr)
