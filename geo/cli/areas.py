"""``riskmap areas search NAME`` and ``riskmap areas show CODE``: look areas up in the Kepmendagri code list.

Search uses the upload matcher's name handling (:meth:`geo.ingest.matching.AreaMatcher.rank`):
case, punctuation and abbreviations such as ``Tj.`` or ``Kab.`` do not matter, misspellings
are scored with rapidfuzz. ``show`` accepts dotted and undotted codes (``2171`` is ``21.71``).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geo import LEVELS
from geo.errors import RiskmapError
from geo.i18n import LANGUAGES, format_number, t

if TYPE_CHECKING:
    from geo.data.codes import CodeList
    from geo.ingest import AreaMatcher

SEARCH_CUTOFF = 60.0
"""Lowest score (0–100) listed: lower than the upload matcher's 85, since a person chooses."""

DEFAULT_LIMIT = 10


@dataclass(frozen=True)
class AreaHit:
    """One search result: an area, its parents (top down) and how well its name fits."""

    code: str
    name: str
    level: str
    score: float
    parents: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object printed by ``--json``: ``code``, ``name``, ``level``, ``parents``, ``score``."""
        return {"code": self.code, "name": self.name, "level": self.level, "parents": self.parents,
                "score": self.score}


def parents_of(codelist: CodeList, code: str) -> list[dict[str, str]]:
    """``{"code", "name", "level"}`` of every area above ``code``, top down.

    Parameters
    ----------
    codelist : CodeList
        The code list that names them.
    code : str
        A dotted code in the list.

    Returns
    -------
    list of dict
        Empty for a province.

    Examples
    --------
    >>> from geo.data.codes import CodeList
    >>> codes = CodeList.from_rows([("21", "Kepulauan Riau"), ("21.71", "Kota Batam")])
    >>> parents_of(codes, "21.71")
    [{'code': '21', 'name': 'Kepulauan Riau', 'level': 'province'}]
    """
    from geo.data.codes import ancestors, level_of

    return [{"code": parent, "name": codelist.name(parent), "level": level_of(parent)} for parent in ancestors(code)
            if parent in codelist]


def search_areas(matcher: AreaMatcher, query: str, *, level: str | None = None, within: str | None = None,
                 limit: int = DEFAULT_LIMIT, cutoff: float = SEARCH_CUTOFF) -> list[AreaHit]:
    """Areas whose names come closest to ``query``, best first (ties: higher level first, then code order).

    Parameters
    ----------
    matcher : AreaMatcher
        The upload matcher over the code list (reuse it: it caches its name index).
    query : str
        A name as people write it: ``"Tj. Pinang"``, ``"kab bintan"``, ``"Kepri"``.
    level : str, optional
        Only this level (default: every level below ``within``).
    within : str, optional
        Only areas inside this dotted code.
    limit : int
        Most results.
    cutoff : float
        Lowest score listed.

    Returns
    -------
    list of AreaHit

    Examples
    --------
    >>> from geo.data.codes import CodeList
    >>> from geo.ingest import AreaMatcher
    >>> codes = CodeList.from_rows([("21", "Kepulauan Riau"), ("21.72", "Kota Tanjung Pinang"),
    ...                             ("21.72.01", "Tanjungpinang Barat")])
    >>> [(hit.code, hit.score) for hit in search_areas(AreaMatcher(codes), "Tj. Pinang")]
    [('21.72', 100.0), ('21.72.01', 83.9)]
    """
    codelist = matcher.codelist
    levels = [level] if level else list(LEVELS)
    if within is not None:
        levels = [candidate for candidate in levels if LEVELS.index(candidate) > within.count(".")]
    hits: list[AreaHit] = []
    for searched in levels:
        for code, score in matcher.rank(query, searched, within, cutoff=cutoff, limit=limit):
            hits.append(AreaHit(code, codelist.name(code), searched, score, parents_of(codelist, code)))
    hits.sort(key=lambda hit: (-hit.score, LEVELS.index(hit.level), hit.code))
    return hits[:limit]


def _level_words(lang: str) -> dict[str, str]:
    return {level: t(f"level.{level}", lang) for level in LEVELS}


def _hits_table(hits: list[AreaHit], lang: str) -> str:
    words = _level_words(lang)
    header = (t("cli.areas.column.code", lang), t("cli.areas.column.name", lang), t("cli.areas.column.level", lang),
              t("cli.areas.column.score", lang), t("cli.areas.column.parents", lang))
    rows = [header] + [
        (hit.code, hit.name, words[hit.level], format_number(hit.score, lang, decimals=0),
         " › ".join(parent["name"] for parent in hit.parents))
        for hit in hits
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)) + "  " + row[4]
        for row in rows
    ).rstrip()


def _checked_level(lang: str) -> Any:
    def check(text: str) -> str:
        if text not in LEVELS:
            raise argparse.ArgumentTypeError(t("cli.bad_level", lang, value=text, levels=", ".join(LEVELS)))
        return text

    return check


def _positive_count(lang: str) -> Any:
    def check(text: str) -> int:
        if not text.strip().isdigit() or int(text) < 1:
            raise argparse.ArgumentTypeError(t("cli.bad_count", lang, value=text))
        return int(text)

    return check


def run_search(args: argparse.Namespace) -> int:
    """``riskmap areas search NAME``: print the ranked matches (a table, or a JSON list with ``--json``)."""
    from geo.data.codes import CodeList
    from geo.ingest import AreaMatcher

    lang = args.lang
    codelist = CodeList.load()
    within = codelist.validate(args.within) if args.within else None
    if within is not None and args.level and LEVELS.index(args.level) <= within.count("."):
        raise RiskmapError(t("cli.areas.level_not_below", "en", level=args.level, within=within),
                           key="cli.areas.level_not_below", values={"level": args.level, "within": within})
    if within is not None and within.count(".") == len(LEVELS) - 1:
        raise RiskmapError(t("cli.areas.within_village", "en", within=within),
                           key="cli.areas.within_village", values={"within": within})
    hits = search_areas(AreaMatcher(codelist), args.name, level=args.level, within=within, limit=args.limit)
    if args.json:
        print(json.dumps([hit.to_dict() for hit in hits], ensure_ascii=False))
    elif hits:
        print(_hits_table(hits, lang))
    else:
        print(t("cli.areas.no_match", lang, name=args.name))
    return 0


def describe_area(code: str, codelist: CodeList) -> dict[str, Any]:
    """What ``areas show`` tells about an area (the keys of its ``--json`` object).

    Parameters
    ----------
    code : str
        A dotted code in ``codelist``.
    codelist : CodeList
        The official code list.

    Returns
    -------
    dict
        ``code``, ``name``, ``level``, ``parents``, ``polygon`` (``True``/``False``, ``None`` when the
        boundary cache of that level is not prepared yet), ``population`` (provinces and regencies;
        else ``None``) and ``area_km2`` (``None`` when the official list has none).
    """
    from geo.data.codes import area_km2, level_of, population

    people = population().set_index("code")["population"]
    areas = area_km2().set_index("code")["area_km2"]
    return {
        "code": code,
        "name": codelist.name(code),
        "level": level_of(code),
        "parents": parents_of(codelist, code),
        "polygon": polygon_present(code),
        "population": int(people[code]) if code in people.index else None,
        "area_km2": float(areas[code]) if code in areas.index else None,
    }


def polygon_present(code: str) -> bool | None:
    """Whether the prepared boundary cache has a polygon for ``code``; ``None`` if its level is not prepared.

    Nothing is built here: preparing villages of a province takes minutes (``riskmap data fetch``).
    """
    from geo.data import boundaries
    from geo.data.codes import level_of

    level = level_of(code)
    codes = boundaries.polygon_codes(level, code[:2] if level == "village" else None)
    return None if codes is None else code in codes


def _area_text(area: dict[str, Any], lang: str) -> str:
    words = _level_words(lang)
    polygon = {True: "cli.areas.polygon.yes", False: "cli.areas.polygon.no", None: "cli.areas.polygon.not_prepared"}
    unknown = t("cli.areas.unknown", lang)
    fields = [
        (t("cli.areas.column.code", lang), area["code"]),
        (t("cli.areas.column.name", lang), area["name"]),
        (t("cli.areas.column.level", lang), words[area["level"]]),
        *((words[parent["level"]], f"{parent['name']} ({parent['code']})") for parent in area["parents"]),
        (t("cli.areas.polygon", lang), t(polygon[area["polygon"]], lang, province=area["code"][:2])),
        (t("cli.areas.population", lang),
         unknown if area["population"] is None else format_number(area["population"], lang)),
        (t("cli.areas.area", lang),
         unknown if area["area_km2"] is None else f"{format_number(area['area_km2'], lang, decimals=2)} km²"),
    ]
    width = max(len(label) for label, _value in fields)
    return "\n".join(f"{label.ljust(width)}  {value}" for label, value in fields)


def run_show(args: argparse.Namespace) -> int:
    """``riskmap areas show CODE``: name, level, parents, polygon, population and area (or one JSON object)."""
    from geo.data.codes import CodeList

    codelist = CodeList.load()
    code = codelist.validate(args.code)  # InvalidCodeError (exit 2) names what is wrong with the code
    area = describe_area(code, codelist)
    print(json.dumps(area, ensure_ascii=False) if args.json else _area_text(area, args.lang))
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en") -> None:
    """Add ``areas search`` and ``areas show``.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    lang : str
        Language of the help texts.
    """
    areas = subparsers.add_parser("areas", help=t("cli.areas.help", lang), description=t("cli.areas.help", lang))
    commands = areas.add_subparsers(dest="areas_command", required=True)

    search = commands.add_parser("search", help=t("cli.areas.search.help", lang),
                                 description=t("cli.areas.search.description", lang))
    search.add_argument("name", help=t("cli.areas.search.name_help", lang))
    search.add_argument("--level", type=_checked_level(lang), help=t("cli.areas.search.level_help", lang))
    search.add_argument("--within", metavar="CODE", help=t("cli.areas.search.within_help", lang))
    search.add_argument("--limit", type=_positive_count(lang), default=DEFAULT_LIMIT, help=t("cli.areas.search.limit_help", lang))
    search.add_argument("--json", action="store_true", help=t("cli.areas.search.json_help", lang))
    search.set_defaults(func=run_search)

    show = commands.add_parser("show", help=t("cli.areas.show.help", lang),
                               description=t("cli.areas.show.help", lang))
    show.add_argument("code", help=t("cli.areas.show.code_help", lang))
    show.add_argument("--json", action="store_true", help=t("cli.areas.show.json_help", lang))
    show.set_defaults(func=run_show)

    for parser in (search, show):  # `riskmap areas show 21 --lang en` works as well as `riskmap --lang en areas …`
        parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=t("cli.lang_help", lang))
