"""``riskmap ingest`` and ``riskmap datasets``.

Exit codes: 0 success; 2 when the file is rejected as a whole (reason on stderr).
With ``--json`` ``ingest`` prints exactly one JSON object (see
:meth:`geo.ingest.pipeline.IngestReport.summary`).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
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

    datasets = subparsers.add_parser("datasets", help="list dataset versions (and activate or delete one)")
    datasets.add_argument("--kind", choices=KINDS, help="only this kind")
    datasets.add_argument("--all", action="store_true", help="include deleted versions")
    datasets.add_argument("--activate", type=int, metavar="ID", help="make version ID the active one of its kind")
    datasets.add_argument("--delete", type=int, metavar="ID", help="soft-delete version ID (needs --yes)")
    datasets.add_argument("--yes", action="store_true", help="confirm --delete")
    datasets.add_argument("--json", action="store_true", help="print a JSON list")
    datasets.set_defaults(func=run_datasets)


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
    lines.append(f"  stored as dataset {report.dataset_id}" if report.dataset_id else "  nothing stored (dry run)")
    return "\n".join(lines)


def run_datasets(args: argparse.Namespace) -> int:
    from geo.data import store

    default = store.default_store()
    default.ensure_default_data()
    if args.activate is not None:
        dataset = default.activate(args.activate)
        print(f"dataset {dataset.id} ({dataset.label}) is now the active {dataset.kind} dataset", file=sys.stderr)
    if args.delete is not None:
        if not args.yes:
            print(f"riskmap: add --yes to delete dataset {args.delete} (it is hidden, not erased).", file=sys.stderr)
            return 2
        dataset = default.delete_dataset(args.delete)
        print(f"dataset {dataset.id} ({dataset.label}) deleted", file=sys.stderr)
    datasets = default.list_datasets(args.kind, include_deleted=args.all)
    if args.json:
        fields = ("id", "kind", "name", "version", "file_name", "sha256", "created_at", "uploader", "rows_read",
                  "rows_accepted", "rows_rejected", "record_count", "total", "is_sample", "is_active", "deleted_at",
                  "note")
        print(json.dumps([{key: dataset.to_dict()[key] for key in fields} for dataset in datasets],
                         ensure_ascii=False))
        return 0
    if not datasets:
        print("no datasets")
        return 0
    for dataset in datasets:
        flags = " ".join(flag for flag, on in (("active", dataset.is_active), ("sample", dataset.is_sample),
                                                ("deleted", dataset.deleted_at is not None)) if on)
        print(f"{dataset.id:>4}  {dataset.kind:<9}  {dataset.name} v{dataset.version}  "
              f"{dataset.created_at:%Y-%m-%d %H:%M}  rows {dataset.rows_accepted}/{dataset.rows_read}  "
              f"total {format_number(dataset.total, 'en')}  {flags}".rstrip())
    return 0
