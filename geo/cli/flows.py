"""``riskmap flows``: origin → destination flows of a stored dataset (a thin layer over geo.analysis.flows)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from geo import LEVELS
from geo.i18n import t

if TYPE_CHECKING:
    from geo.analysis.flows import FlowResult

DEFAULT_TOP = 50
"""Same as ``geo.analysis.flows.DEFAULT_TOP`` (not imported here: pandas would slow ``riskmap --help``)."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en") -> None:
    """Add the ``flows`` command.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    lang : str
        Language of the help texts.
    """
    parser = subparsers.add_parser(
        "flows",
        help=t("cli.flows.help", lang),
        description=t("cli.flows.description", lang),
    )
    parser.add_argument("--dataset", type=int, required=True, metavar="ID", help=t("cli.dataset_id_help", lang))
    parser.add_argument("--level", choices=LEVELS, default="regency", help=t("cli.flows.level_help", lang))
    parser.add_argument("--within", metavar="CODE", help=t("cli.flows.within_help", lang))
    parser.add_argument("--top", type=int, default=DEFAULT_TOP, metavar="N", help=t("cli.flows.top_help", lang, top=DEFAULT_TOP))
    parser.add_argument("--country", action="append", metavar="NAME", help=t("cli.flows.country_help", lang))
    parser.add_argument("--city", action="append", metavar="NAME", help=t("cli.flows.city_help", lang))
    parser.add_argument("--from", dest="period_from", metavar="PERIOD", help=t("cli.flows.from_help", lang))
    parser.add_argument("--to", dest="period_to", metavar="PERIOD", help=t("cli.flows.to_help", lang))
    parser.add_argument("--min", dest="min_count", type=float, default=0, metavar="N",
                        help=t("cli.flows.min_help", lang))
    parser.add_argument("--language", choices=("en", "id"), default=None, help=t("cli.flows.language_help", lang))
    parser.add_argument("--json", action="store_true", help=t("cli.flows.json_help", lang))
    parser.add_argument("--audience", choices=("public", "analyst"), default="public",
                        help=t("cli.flows.audience_help", lang))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """``riskmap flows``: print the largest flows (a table, or a JSON list); what is left out goes to stderr."""
    from geo.analysis.disclosure import threshold_of
    from geo.analysis.flows import flows_json
    from geo.config import database_url
    from geo.data import store
    from geo.data.codes import CodeList
    from geo.i18n import format_number, t
    from geo.web.flowdata import stored_flows

    if args.top < 0:
        from geo.errors import FlowDataError

        raise FlowDataError(f"--top {args.top}: give a number of flows (0 lists them all).")
    dataset = store.get_dataset(args.dataset)
    within = CodeList.load().validate(args.within) if args.within else None
    result = stored_flows(  # the view's roll-up rows, never the dataset's record table
        database_url(),
        args.dataset,
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
