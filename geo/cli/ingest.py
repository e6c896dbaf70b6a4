"""``riskmap ingest`` (``riskmap datasets`` lives in :mod:`geo.cli.datasets`).

Exit codes: 0 success; 2 when the file is rejected as a whole (reason on stderr).
With ``--json`` ``ingest`` prints exactly one JSON object (see
:meth:`geo.ingest.pipeline.IngestReport.summary`).
"""

from __future__ import annotations

import argparse
import getpass
import json
from typing import Any

from geo.data.kinds import KINDS
from geo.i18n import format_number
from geo.ingest.columns import FIELDS, parse_mapping_options


def register(subparsers: argparse._SubParsersAction) -> None:
    ingest = subparsers.add_parser(
        "ingest",
        help="check a CSV/Excel file, match its rows to areas and store it as a new dataset version",
        description="Read FILE (CSV with , ; or tab, .xlsx or .xls), recognise its columns, drop personal data, "
        "match every row to an area (code, name, fuzzy name) and store the accepted rows as a new dataset version. "
        f"Fields for --map: {', '.join(FIELDS)}, ignore.",
    )
    ingest.add_argument("file", help="CSV, XLSX or XLS file")
    ingest.add_argument("--kind", required=True, choices=KINDS, help="migration counts or trafficking cases")
    ingest.add_argument("--name", help="dataset name (default: the file name); a new version if it exists")
    ingest.add_argument("--note", help="a note stored with the version")
    ingest.add_argument("--sheet", help="Excel sheet name or number (default: the first)")
    ingest.add_argument("--map", dest="mapping", action="append", default=[], metavar="COLUMN=FIELD",
                        help="map a column to a field (repeatable), e.g. --map 'Jumlah PMI=count'")
    ingest.add_argument("--number-format", choices=("id", "en"), help="override the detected number format")
    ingest.add_argument("--threshold", type=float, default=None, help="fuzzy name threshold 0-100 (default 85)")
    ingest.add_argument("--uploader", help="who uploads (default: the login name)")
    ingest.add_argument("--dry-run", action="store_true", help="check and report only; store nothing")
    ingest.add_argument("--json", action="store_true", help="print one JSON object")
    ingest.set_defaults(func=run_ingest)


def _uploader(explicit: str | None) -> str | None:
    if explicit:
        return explicit
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return None


def run_ingest(args: argparse.Namespace) -> int:
    from geo.ingest.matching import DEFAULT_FUZZY_THRESHOLD
    from geo.ingest.pipeline import check, publish

    result = check(
        args.file, kind=args.kind, sheet=args.sheet, mapping=parse_mapping_options(args.mapping),
        number_format=args.number_format,
        threshold=DEFAULT_FUZZY_THRESHOLD if args.threshold is None else args.threshold,
    )
    report = result.report
    if not args.dry_run:
        publish(result, name=args.name, note=args.note, uploader=_uploader(args.uploader))  # raises if no row fits
    if args.json:
        print(json.dumps(report.summary(), ensure_ascii=False))
        return 0
    print(_report_text(report))
    return 0


def _report_text(report: Any) -> str:
    lines = [
        f"{report.file_name}: {report.rows_read} rows read, {report.rows_accepted} accepted, "
        f"{report.rows_rejected} rejected; total {format_number(report.total, 'en')}.",
        f"  read as {report.file_type}"
        + (f", encoding {report.encoding}, delimiter {report.delimiter!r}" if report.file_type == "csv" else
           f", sheet {report.sheet!r}")
        + f", numbers {report.number_format}",
        "  columns: " + ", ".join(f"{column} -> {field}" for column, field in report.mapping.items()),
        "  matched by code {code}, by name {name}, by fuzzy name {fuzzy}".format(**report.matched_by),
    ]
    if report.dropped_details:
        lines.append("  dropped as personal data: " + "; ".join(report.dropped_details))
    if report.unused_columns:
        lines.append("  not used: " + ", ".join(report.unused_columns))
    lines.extend(f"  note: {warning}" for warning in report.warnings)
    for item in report.rejected:
        lines.append(f"  row {item['row']}: {item['reason']}")
    if report.rejected_not_listed:
        lines.append(f"  … and {format_number(report.rejected_not_listed, 'en')} more rejected rows (only the first are listed)")
    lines.append(f"  stored as dataset {report.dataset_id}" if report.dataset_id else "  nothing stored (dry run)")
    return "\n".join(lines)
