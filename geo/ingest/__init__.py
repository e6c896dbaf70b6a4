"""Uploads: read a CSV/Excel file, recognise its columns, guard personal data, match areas, publish.

This package's public face: other packages import from ``geo.ingest`` only, never from its
modules (an import-linter contract checks it), so reading, column mapping, matching and the
personal-data guard can change inside without touching the pages or the CLI.

* :func:`preview` and :func:`sheet_names` — what a file holds and how its columns are read;
* :func:`check` — every row read, mapped, matched and checked, nothing written
  (:class:`IngestResult` with its :class:`IngestReport`);
* :func:`publish` — a checked result stored as a new dataset version;
* :func:`ingest_file` — both, for the ``riskmap ingest`` command;
* :data:`FIELDS`, :data:`IGNORE`, :data:`NUMBER_FORMATS`, :func:`parse_mapping_options` — the
  meanings a column can be given;
* :class:`AreaMatcher`, :data:`DEFAULT_FUZZY_THRESHOLD`, :class:`Reason`, :func:`render_reason` —
  area-name matching and the rejection reasons in either language.
"""

from geo.ingest.columns import FIELDS, IGNORE, NUMBER_FORMATS, parse_mapping_options
from geo.ingest.matching import DEFAULT_FUZZY_THRESHOLD, AreaMatcher, Reason, render_reason
from geo.ingest.pipeline import (
    IngestReport,
    IngestResult,
    Preview,
    check,
    ingest_file,
    preview,
    publish,
    sheet_names,
)

__all__ = [
    "DEFAULT_FUZZY_THRESHOLD",
    "FIELDS",
    "IGNORE",
    "NUMBER_FORMATS",
    "AreaMatcher",
    "IngestReport",
    "IngestResult",
    "Preview",
    "Reason",
    "check",
    "ingest_file",
    "parse_mapping_options",
    "preview",
    "publish",
    "render_reason",
    "sheet_names",
]
