"""``riskmap export-map``: the Map page's view as one standalone HTML file (opens offline).

The command builds the same :class:`geo.web.viewstate.View` the page reads from its URL
(``--level``, ``--within``, ``--dataset`` … are the URL keys) and calls
:func:`geo.web.mapview.export_map_html`, like the page's download button.

``--flows`` adds the flow lines of the cases dataset shown (``flows=1`` on the page).
Adding another layer: add the option in :func:`register` and return the layer from
:func:`extra_layers` — a folium element, or a callable taking the folium map.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from geo import LEVELS
from geo.i18n import t

if TYPE_CHECKING:
    from geo.web.mapview import MapData


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en") -> None:
    """Add the ``export-map`` command.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    lang : str
        Language of the help texts.
    """
    parser = subparsers.add_parser(
        "export-map",
        help=t("cli.map.help", lang),
        description=t("cli.map.description", lang),
    )
    parser.add_argument("--dataset", type=int, action="append", metavar="ID", help=t("cli.dataset_ids_help", lang))
    parser.add_argument("--level", choices=LEVELS, required=True, help=t("cli.map.level_help", lang))
    parser.add_argument("--within", metavar="CODE", help=t("cli.within_help", lang))
    parser.add_argument("--indicator", metavar="NAME", help=t("cli.indicator_help", lang))
    parser.add_argument("--measure", choices=("value", "change"), help=t("cli.map.measure_help", lang))
    parser.add_argument("--period", metavar="PERIOD", help=t("cli.period_help", lang))
    parser.add_argument("--scheme", metavar="NAME", help=t("cli.map.scheme_help", lang))
    parser.add_argument("--k", metavar="N", help=t("cli.map.k_help", lang))
    parser.add_argument("--palette", metavar="NAME", help=t("cli.map.palette_help", lang))
    parser.add_argument("--breaks", metavar="LIST", help=t("cli.map.breaks_help", lang))
    parser.add_argument("--fixed", action="store_true", help=t("cli.map.fixed_help", lang))
    parser.add_argument("--tiles", choices=("none", "auto", "osm", "carto"), default="none",
                        help=t("cli.map.tiles_help", lang))
    parser.add_argument("--lang", choices=("id", "en"), default=argparse.SUPPRESS, help=t("cli.map.lang_help", lang))
    parser.add_argument("--flows", action="store_true", help=t("cli.map.flows_help", lang))
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.html", help=t("cli.map.out_help", lang))
    parser.set_defaults(func=run)


def view_query(args: argparse.Namespace) -> dict[str, str]:
    """The URL query equivalent of the command's options (same keys as the Map page).

    Examples
    --------
    >>> args = argparse.Namespace(dataset=[3, 4], level="village", within="21.71", indicator="cases", measure=None,
    ...     period="2024", scheme=None, k=None, palette=None, breaks=None, fixed=False, lang="en", flows=True)
    >>> view_query(args)
    {'level': 'village', 'lang': 'en', 'dataset': '3,4', 'area': '21.71', 'indicator': 'cases', 'period': '2024', 'flows': '1'}
    """
    query = {"level": args.level, "lang": args.lang}
    if args.dataset:
        query["dataset"] = ",".join(str(dataset_id) for dataset_id in args.dataset)
    for key, value in (
        ("area", args.within), ("indicator", args.indicator), ("measure", args.measure), ("period", args.period),
        ("scheme", args.scheme), ("k", args.k), ("palette", args.palette), ("breaks", args.breaks),
    ):
        if value:
            query[key] = str(value)
    if args.fixed:
        query["fixed"] = "1"
    if getattr(args, "flows", False):
        query["flows"] = "1"
    return query


def extra_layers(args: argparse.Namespace, data: MapData) -> list[object]:
    """Layers drawn over the choropleth: the flow layer with ``--flows`` (when a cases dataset is shown)."""
    if not getattr(args, "flows", False):
        return []
    from geo.i18n import t
    from geo.web.mapview import flow_export_layers, map_flows

    result = map_flows(data)
    if result is None:
        print(f"riskmap: {t('flows.cli.no_cases', args.lang)}", file=sys.stderr)
        return []
    return flow_export_layers(result, args.lang)


def run(args: argparse.Namespace) -> int:
    """``riskmap export-map``: write the view's map as one HTML file; corrections go to stderr."""
    from geo.data.codes import CodeList
    from geo.data.files import write_atomically
    from geo.i18n import t
    from geo.web.mapview import export_map_html, map_data
    from geo.web.viewstate import parse_view

    if args.within:
        args.within = CodeList.load().validate(args.within)  # InvalidCodeError: exit 2 with the reason
    view, messages = parse_view(view_query(args))
    data = map_data(view)
    for message in [*messages, *data.messages]:
        print(f"riskmap: {message}", file=sys.stderr)
    if data.choropleth is None:
        print(f"riskmap: {t('map.cli.no_data', args.lang)}", file=sys.stderr)
    html = export_map_html(view, data=data, tiles=args.tiles, extra_layers=extra_layers(args, data))
    write_atomically(args.out, html)  # never a half-written map
    size_kb = round(len(html.encode()) / 1024)
    print(t("map.export.written", args.lang, path=args.out, size=size_kb, count=data.layer.count))  # type: ignore[attr-defined]
    return 0
