"""``riskmap brief``: the one-page A4 PDF brief of an area (and, with ``--png``, its map alone).

``riskmap brief --area 21.71 --level village --out batam.pdf --png batam.png`` builds the
same view the Map page shows for ``?area=21.71&level=village`` and renders it with
:mod:`geo.web.brief`, no browser involved. ``--audience public`` (default) applies
disclosure control exactly as the public map does; ``--audience analyst`` shows every value.
An unknown area, or a level not below the area's, is refused with exit code 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from geo import LEVELS
from geo.errors import RiskmapError
from geo.i18n import LANGUAGES, format_number, t

AUDIENCE_CHOICES: tuple[str, ...] = ("public", "analyst")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en") -> None:
    """Add the ``brief`` command.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    lang : str
        Language of the help texts.
    """
    parser = subparsers.add_parser("brief", help=t("brief.cli.help", lang), description=t("brief.cli.description", lang))
    parser.add_argument("--area", required=True, metavar="CODE", help=t("brief.cli.area", lang))
    parser.add_argument("--dataset", type=int, action="append", metavar="ID", help=t("brief.cli.dataset", lang))
    parser.add_argument("--level", choices=LEVELS, help=t("brief.cli.level", lang))
    parser.add_argument("--period", metavar="PERIOD", help=t("brief.cli.period", lang))
    parser.add_argument("--indicator", metavar="NAME", help=t("brief.cli.indicator", lang))
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=t("brief.cli.lang", lang))
    parser.add_argument("--audience", choices=AUDIENCE_CHOICES, default="public", help=t("brief.cli.audience", lang))
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help=t("brief.cli.out", lang))
    parser.add_argument("--png", type=Path, metavar="FILE.png", help=t("brief.cli.png", lang))
    parser.set_defaults(func=run)


def checked_level(area: str, level: str | None) -> str:
    """The level drawn inside ``area``: ``level`` when it is below the area's, by default the next one down.

    Parameters
    ----------
    area : str
        A valid area code.
    level : str, optional
        The requested level.

    Returns
    -------
    str

    Raises
    ------
    RiskmapError
        ``area`` is a village, or ``level`` is not below the area's level.

    Examples
    --------
    >>> checked_level("21.71", None), checked_level("21", "village")
    ('district', 'village')
    """
    from geo.data.codes import level_of

    area_level = level_of(area)
    below = LEVELS.index(area_level) + 1
    if below >= len(LEVELS):
        raise RiskmapError(f"--area {area} is a village; choose a province, regency or district code.",
                           key="brief.error.village_area", values={"area": area})
    if level is None:
        return LEVELS[below]
    if LEVELS.index(level) < below:
        raise RiskmapError(
            f"--level {level} cannot be shown inside {area}: choose a level below {area_level}.",
            key="brief.error.level", values={"level": level, "area": area, "area_level": area_level},
        )
    return level


def view_query(args: argparse.Namespace, level: str) -> dict[str, str]:
    """The Map page's URL query for the command's options.

    Examples
    --------
    >>> args = argparse.Namespace(area="21.71", dataset=[3, 4], period="2024", indicator=None, lang="en")
    >>> view_query(args, "village")
    {'level': 'village', 'area': '21.71', 'lang': 'en', 'dataset': '3,4', 'period': '2024'}
    """
    query = {"level": level, "area": args.area, "lang": args.lang}
    if args.dataset:
        query["dataset"] = ",".join(str(dataset_id) for dataset_id in args.dataset)
    for key, value in (("period", args.period), ("indicator", args.indicator)):
        if value:
            query[key] = str(value)
    return query


def run(args: argparse.Namespace) -> int:
    """``riskmap brief``: write the PDF (and the PNG); corrections go to stderr.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed options (``area``, ``level``, ``dataset``, ``period``, ``indicator``,
        ``lang``, ``audience``, ``out``, ``png``).

    Returns
    -------
    int
        0 when written (input errors raise :class:`geo.errors.RiskmapError`: exit 2).
    """
    from geo.data.codes import CodeList
    from geo.data.files import write_atomically
    from geo.web.brief import brief_data, brief_pdf, map_png
    from geo.web.viewstate import parse_view

    started = time.perf_counter()
    args.area = CodeList.load().validate(args.area)  # InvalidCodeError: exit 2 with the reason
    level = checked_level(args.area, args.level)
    view, messages = parse_view(view_query(args, level))
    data = brief_data(view, audience=args.audience)
    for message in [*messages, *data.messages]:
        print(f"riskmap: {message}", file=sys.stderr)
    if data.choropleth is None:
        print(f"riskmap: {t('brief.no_data', args.lang)}", file=sys.stderr)
    pdf = brief_pdf(data)
    write_atomically(args.out, pdf)  # never a half-written file
    seconds = format_number(time.perf_counter() - started, args.lang, 1)
    print(t("brief.cli.written", args.lang, path=args.out, size=format_number(round(len(pdf) / 1024), args.lang),
            count=format_number(len(data.layer.codes), args.lang), seconds=seconds))  # type: ignore[attr-defined]
    if args.png is not None:
        image = map_png(data)
        write_atomically(args.png, image)
        print(t("brief.cli.png_written", args.lang, path=args.png, size=format_number(round(len(image) / 1024), args.lang)))
    return 0
