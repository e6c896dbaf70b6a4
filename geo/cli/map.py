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

if TYPE_CHECKING:
    from geo.web.mapview import MapData


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export-map`` command.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    """
    parser = subparsers.add_parser(
        "export-map",
        help="write a map of one view as a standalone HTML file",
        description=(
            "Write the choropleth of one view (level, area, datasets, indicator, period, classes) as one HTML "
            "file with Leaflet and the boundaries inlined: it opens offline. Without --dataset the active "
            "migration and cases datasets are used."
        ),
    )
    parser.add_argument(
        "--dataset", type=int, action="append", metavar="ID",
        help="dataset id (repeat for a migration and a cases dataset; see `riskmap datasets`)",
    )
    parser.add_argument("--level", choices=LEVELS, required=True, help="level of the areas drawn")
    parser.add_argument("--within", metavar="CODE", help="only areas inside this province/regency/district code")
    parser.add_argument("--indicator", metavar="NAME", help="indicator (default: the first the data can give)")
    parser.add_argument("--measure", choices=("value", "change"), help="value in the period or change from the previous")
    parser.add_argument("--period", metavar="PERIOD", help="2024, 2024-03, 2024-01..2024-06 or all (default: latest year)")
    parser.add_argument("--scheme", metavar="NAME", help="quantiles, natural_breaks, equal_interval, head_tail_breaks")
    parser.add_argument("--k", metavar="N", help="number of classes, 3 to 9 (default 5)")
    parser.add_argument("--palette", metavar="NAME", help="ColorBrewer palette (default YlOrRd)")
    parser.add_argument("--breaks", metavar="LIST", help="your own class breaks, e.g. 10,50,100")
    parser.add_argument("--fixed", action="store_true", help="class breaks computed over every period")
    parser.add_argument("--tiles", choices=("none", "auto", "osm", "carto"), default="none",
                        help="basemap (default none: our own land, provinces and place names, inlined; "
                        "auto/osm/carto add tiles, which need internet)")
    parser.add_argument("--lang", choices=("id", "en"), default=argparse.SUPPRESS,
                        help="language of the map and messages (default: the run's, see riskmap --lang)")
    parser.add_argument(
        "--flows", action="store_true",
        help="draw the flow lines of the cases dataset (origins at --level inside --within, top 50, the map's period)",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.html", help="where to write the map")
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
