"""``riskmap data fetch`` and ``riskmap data info``: prepare and inspect the boundary cache."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

from geo import LEVELS
from geo.errors import RiskmapError
from geo.i18n import LANGUAGES, format_number, t


def levels_option(lang: str) -> Callable[[str], list[str]]:
    """The ``--levels`` parser: comma-separated levels, unknown ones refused in ``lang``.

    Parameters
    ----------
    lang : str
        Language of the refusal.

    Returns
    -------
    callable
        Text → list of levels; raises ``argparse.ArgumentTypeError`` naming the unknown ones.

    Examples
    --------
    >>> levels_option("en")("province, regency")
    ['province', 'regency']
    >>> levels_option("en")("kota")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: unknown level(s) kota; use province,regency,district,village
    """

    def parse(text: str) -> list[str]:
        levels = [part.strip() for part in text.split(",") if part.strip()]
        unknown = [level for level in levels if level not in LEVELS]
        if unknown:
            raise argparse.ArgumentTypeError(
                t("cli.data.bad_levels", lang, levels=", ".join(unknown), known=",".join(LEVELS)))
        return levels

    return parse


def _provinces(option: str | None) -> list[str]:
    from geo.data import boundaries

    if option == "all":
        return boundaries.province_codes()
    if option is None:
        return list(boundaries.DEFAULT_VILLAGE_PROVINCES)
    provinces = [part.strip() for part in option.split(",") if part.strip()]
    known = set(boundaries.province_codes())
    unknown = [code for code in provinces if code not in known]
    if unknown:
        codes = ", ".join(unknown)
        raise RiskmapError(t("cli.data.unknown_provinces", "en", codes=codes), key="cli.data.unknown_provinces",
                           values={"codes": codes})
    return provinces


def _fetch(args: argparse.Namespace) -> int:
    from geo.data import boundaries

    lang = args.lang
    provinces = _provinces(args.provinces)
    started = time.perf_counter()
    built: list[tuple[str, str | None]] = []
    # One level (one province of villages) at a time, so that progress is worded here, in the run's language.
    for level in (level for level in LEVELS if level in args.levels):
        targets: list[str | None] = list(provinces) if level == "village" else [None]
        for index, province in enumerate(targets, start=1):
            step = {"index": index, "total": len(targets), "label": f"{level} {province}" if province else level}
            if not args.force and boundaries.is_prepared(level, province):
                print(t("cli.data.step.cached", lang, **step), file=sys.stderr, flush=True)
                continue
            print(t("cli.data.step.building", lang, **step), file=sys.stderr, flush=True)
            built.extend(boundaries.prepare(levels=[level], provinces=[province] if province else [], force=args.force))
            print(t("cli.data.step.done", lang, **step), file=sys.stderr, flush=True)
    seconds = format_number(time.perf_counter() - started, lang, decimals=1)
    print(t("cli.data.ready", lang, seconds=seconds, built=len(built), folder=boundaries.cache_folder()), file=sys.stderr)
    return 0


def _info(args: argparse.Namespace) -> int:
    from geo.data import boundaries

    info = boundaries.coverage_info()
    if args.json:
        print(json.dumps(info))
        return 0
    words = {level: t(f"level.{level}", args.lang) for level in LEVELS}
    width = max(len(word) for word in words.values())
    for level, counts in info.items():
        print(t("cli.data.info_line", args.lang, level=words[level].ljust(width),
                codes=format_number(counts["codes"], args.lang).rjust(7),
                polygons=format_number(counts["polygons"], args.lang).rjust(7)))
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en") -> None:
    """Add ``data fetch`` and ``data info``.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    lang : str
        Language of the help texts.
    """
    data = subparsers.add_parser("data", help=t("cli.data.help", lang), description=t("cli.data.help", lang))
    data_commands = data.add_subparsers(dest="data_command", required=True)

    fetch = data_commands.add_parser("fetch", help=t("cli.data.fetch.help", lang),
                                     description=t("cli.data.fetch.help", lang))
    fetch.add_argument("--levels", type=levels_option(lang), default=list(LEVELS),
                       help=t("cli.data.fetch.levels_help", lang))
    fetch.add_argument("--provinces", default=None, help=t("cli.data.fetch.provinces_help", lang))
    fetch.add_argument("--force", action="store_true", help=t("cli.data.fetch.force_help", lang))
    fetch.set_defaults(func=_fetch)

    info = data_commands.add_parser("info", help=t("cli.data.info.help", lang), description=t("cli.data.info.help", lang))
    info.add_argument("--json", action="store_true", help=t("cli.data.info.json_help", lang))
    info.set_defaults(func=_info)

    for parser in (fetch, info):  # `riskmap data info --lang en` works as well as `riskmap --lang en data info`
        parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=t("cli.lang_help", lang))
