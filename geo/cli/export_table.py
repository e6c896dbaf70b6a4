"""``riskmap export-table``: the indicator table one audience sees, as CSV or XLSX.

The table is the Map page's (:func:`geo.web.mapview.build_choropleth`), so it holds
exactly what that audience is shown: for ``--audience public`` (the default) values
resting on small counts, and the complementary values that would give them away, are
empty with ``suppressed`` = ``true``, and restricted datasets are not available (exit
2, the same words as for an unknown id). ``--audience analyst`` shows every value.

Columns: ``code``, ``name``, ``parent_code``, ``indicator``, ``period``, ``value``
(empty when suppressed or without data), ``suppressed`` (``true``/``false``),
``numerator``, ``denominator``, ``previous_value``, ``change``, ``change_percent``,
``rank``, ``rank_of`` and ``source``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from geo import LEVELS
from geo.errors import RiskmapError
from geo.i18n import t

if TYPE_CHECKING:
    import pandas as pd

    from geo.web.mapview import Choropleth

AUDIENCE_CHOICES: tuple[str, ...] = ("public", "analyst")
"""Same as :data:`geo.analysis.disclosure.AUDIENCES` (not imported: pandas would slow ``riskmap --help``)."""

EXPORT_COLUMNS: tuple[str, ...] = (
    "code", "name", "parent_code", "indicator", "period", "value", "suppressed", "numerator", "denominator",
    "previous_value", "change", "change_percent", "rank", "rank_of", "source",
)
"""Columns of the exported table, in order."""


class ExportTableError(RiskmapError):
    """A request ``riskmap export-table`` cannot meet (the message says what to change)."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en") -> None:
    """Add the ``export-table`` sub-command.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The ``riskmap`` sub-command collection.
    lang : str
        Language of the help texts.
    """
    parser = subparsers.add_parser(
        "export-table",
        help=t("cli.export_table.help", lang),
        description=t("cli.export_table.description", lang),
    )
    parser.add_argument("--dataset", type=int, action="append", required=True, metavar="ID",
                        help=t("cli.dataset_ids_help", lang))
    parser.add_argument("--level", choices=LEVELS, required=True, help=t("cli.export_table.level_help", lang))
    parser.add_argument("--within", metavar="CODE", help=t("cli.within_help", lang))
    parser.add_argument("--indicator", metavar="NAME", help=t("cli.indicator_help", lang))
    parser.add_argument("--period", metavar="PERIOD", help=t("cli.period_help", lang))
    parser.add_argument("--audience", choices=AUDIENCE_CHOICES, default="public",
                        help=t("cli.export_table.audience_help", lang))
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.csv|FILE.xlsx",
                        help=t("cli.export_table.out_help", lang))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the table; exit 0, or raise :class:`geo.errors.RiskmapError` (exit 2) with the reason.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed options of ``export-table``.

    Returns
    -------
    int
        0 when the file is written.
    """
    suffix = args.out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ExportTableError(f"--out {args.out}: the file name must end in .csv or .xlsx.")
    choropleth = table_choropleth(args)
    table = export_frame(choropleth)
    from geo.data.files import write_atomically
    from geo.web.export import table_to_csv, table_to_xlsx

    content = table_to_csv(table) if suffix == ".csv" else table_to_xlsx(table, sheet_name=choropleth.indicator)
    write_atomically(args.out, content)
    hidden = int((table["suppressed"] == "true").sum())
    print(
        f"riskmap export-table: {len(table)} areas, {hidden} suppressed ({args.audience}) written to {args.out}",
        file=sys.stderr,
    )
    return 0


def _check_datasets(ids: list[int], audience: str) -> None:
    """Every id must exist, be visible to ``audience`` and not be deleted (else exit 2)."""
    from geo.data import store

    for dataset_id in ids:
        try:
            info = store.get_dataset(dataset_id, audience=audience)
        except RiskmapError:
            # A restricted dataset reads exactly like an unknown one for the public: no hint that it exists.
            raise ExportTableError(
                f"Dataset {dataset_id} is not available to the {audience} audience; see `riskmap datasets`."
            ) from None
        if info.deleted_at is not None:
            raise ExportTableError(f"Dataset {dataset_id} is deleted; see `riskmap datasets` for the current ones.")


def _area_codes(level: str, within: str | None) -> tuple[list[str], dict[str, str], str | None]:
    """(codes of the areas at ``level`` inside ``within``, their names, the normalised ``within``)."""
    from geo.data.codes import CodeList, level_of

    codes = CodeList.load()
    area = codes.validate(within) if within else None
    if area is not None and LEVELS.index(level_of(area)) >= LEVELS.index(level):
        raise ExportTableError(f"--within {area} is a {level_of(area)}: choose a --level below it.")
    frame = codes.children(area, level)
    names = dict(zip(frame["code"].astype(str), frame["name"].astype(str), strict=True))
    return list(names), names, area


def table_choropleth(args: argparse.Namespace) -> Choropleth:
    """The Map page's choropleth for the options of ``export-table`` (the table's source).

    Parameters
    ----------
    args : argparse.Namespace
        ``dataset``, ``level``, ``within``, ``indicator``, ``period`` and ``audience``.

    Returns
    -------
    geo.web.mapview.Choropleth
        Computed for ``args.audience``.

    Raises
    ------
    ExportTableError
        Unavailable datasets, an unknown area, no data, or an indicator or period the data cannot give.
    """
    from geo.web.mapview import build_choropleth, select_datasets
    from geo.web.viewstate import View, parse_period

    _check_datasets(args.dataset, args.audience)
    codes, names, area = _area_codes(args.level, args.within)
    try:
        period = parse_period(args.period) if args.period else None
    except ValueError:
        raise ExportTableError(
            f"--period {args.period!r}: give a year (2024), a month (2024-03), a range (2024-01..2024-06) or all."
        ) from None
    view = View(level=args.level, area=area, lang="en", datasets=tuple(args.dataset), indicator=args.indicator,
                period=period)
    selection = select_datasets(view.datasets, "en", audience=args.audience)
    if selection.messages:
        raise ExportTableError(" ".join(selection.messages))
    choropleth = build_choropleth(view, codes, selection, names=names, lang="en", audience=args.audience)
    if choropleth is None:
        raise ExportTableError("These datasets hold no records this table can show.")
    wanted = (args.indicator, period)
    if (args.indicator and choropleth.indicator != wanted[0]) or (period is not None and choropleth.period != period):
        raise ExportTableError(" ".join(choropleth.messages) or "The data cannot give this indicator or period.")
    return choropleth


def export_frame(choropleth: Choropleth) -> pd.DataFrame:
    """The exported table: :data:`EXPORT_COLUMNS`, ``suppressed`` as ``true``/``false`` text.

    Parameters
    ----------
    choropleth : geo.web.mapview.Choropleth
        From :func:`table_choropleth` (already suppressed for its audience).

    Returns
    -------
    pandas.DataFrame
        One row per area, in code order.
    """
    from geo.analysis.periods import period_label

    table = choropleth.table.sort_index()
    frame = table.reset_index().rename(columns={"index": "code"})
    frame["indicator"] = choropleth.indicator
    frame["period"] = period_label(choropleth.period, "en")
    frame["source"] = ", ".join(dataset.label() for dataset in choropleth.sources)
    frame["suppressed"] = ["true" if flag else "false" for flag in table["suppressed"].to_numpy(dtype=bool)]
    return frame[list(EXPORT_COLUMNS)]
