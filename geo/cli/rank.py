"""``riskmap rank``: areas by outreach priority, best first, as JSON.

Each object holds ``code``, ``name``, ``rank``, ``score`` (0–10), ``lat``/``lon`` (a
representative point inside the polygon; null without one), ``dimensions`` (the risk
profile), ``components`` (raw values and their 0–10 scales), ``hotspot`` (``"hot"``,
``"cold"`` or null), ``insufficient_data`` and ``why`` (one line in the run's language).
The score, its weights and its limits are described in :mod:`geo.analysis.priority`.
``--served ID`` (a dataset of kind ``served``) or ``--served FILE.csv`` gives the coverage
dimension; ``--hotspots moran`` takes Local Moran ``HH`` clusters as the hot spots instead of Gi*.
Values follow the audience's disclosure control (default public: small counts hidden).
The score reads the store's roll-up rows of ``--level`` inside ``--within`` in the period and
the one before it (:func:`geo.web.priority_layer.score_rows`), never a dataset's record table.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo import LEVELS
from geo.errors import RiskmapError
from geo.i18n import LANGUAGES, t

if TYPE_CHECKING:
    import pandas as pd

    from geo.analysis.hotspots import AreaGraph
    from geo.web.mapview import ViewSource

AUDIENCE_CHOICES: tuple[str, ...] = ("public", "analyst")

WEIGHT_NAMES: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("migrants", "non_procedural", "cases", "case_rate", "change", "hotspot", "uncovered"),
    ("exposure", "harm", "coverage"),
)
"""Components and dimensions of :mod:`geo.analysis.priority` for the help text (not imported: pandas and
scipy would slow every ``riskmap --help``; a test checks they agree)."""

HOTSPOT_METHODS: tuple[str, ...] = ("gi", "moran")
"""Statistics of :func:`geo.analysis.hotspots.hotspots` (its ``METHODS``; a test checks they agree)."""


class RankError(RiskmapError):
    """A request ``riskmap rank``/``plan`` cannot meet (the message says what to change)."""


def positive_number(kind: type, lang: str) -> Any:
    """An argparse type: ``kind`` (int or float) above zero, else a message in ``lang``.

    Parameters
    ----------
    kind : type
        ``int`` or ``float``.
    lang : str
        Language of the message.

    Returns
    -------
    callable
        The checker.
    """

    def check(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if not value > 0:
            key = "cli.bad_count" if kind is int else "priority.error.positive"
            raise argparse.ArgumentTypeError(t(key, lang, value=text))
        return value

    return check


def add_common_options(parser: argparse.ArgumentParser, lang: str, *, within_required: bool) -> None:
    """Options shared by ``rank`` and ``plan``: datasets, level, area, period, weights, audience, language.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    lang : str
        Language of the help texts.
    within_required : bool
        Whether ``--within`` must be given.
    """
    components, dimensions = WEIGHT_NAMES
    parser.add_argument("--dataset", type=int, action="append", required=True, metavar="ID",
                        help=t("priority.help.dataset", lang))
    parser.add_argument("--level", choices=LEVELS, required=True, help=t("priority.help.level", lang))
    parser.add_argument("--within", metavar="CODE", required=within_required, help=t("priority.help.within", lang))
    parser.add_argument("--period", metavar="PERIOD", help=t("priority.help.period", lang))
    parser.add_argument("--weights", metavar="NAME=VALUE,…", help=t(
        "priority.help.weights", lang, components=", ".join(components), dimensions=", ".join(dimensions)))
    parser.add_argument("--audience", choices=AUDIENCE_CHOICES, default="public", help=t("priority.help.audience", lang))
    parser.add_argument("--hotspot-on", choices=("cases", "case_rate"), default="cases",
                        help=t("priority.help.hotspot_on", lang))
    parser.add_argument("--hotspots", choices=HOTSPOT_METHODS, default=HOTSPOT_METHODS[0],
                        help=t("priority.help.hotspots", lang))
    parser.add_argument("--served", metavar="ID|FILE.csv", help=t("priority.help.served", lang))
    parser.add_argument("--json", action="store_true", help=t("priority.help.json", lang))
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=t("cli.lang_help", lang))


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en") -> None:
    """Add the ``rank`` sub-command.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The ``riskmap`` sub-command collection.
    lang : str
        Language of the help texts.
    """
    parser = subparsers.add_parser("rank", help=t("priority.help.rank", lang), description=t("priority.help.rank", lang))
    add_common_options(parser, lang, within_required=False)
    parser.add_argument("--top", type=positive_number(int, lang), metavar="N", help=t("priority.help.top", lang))
    parser.set_defaults(func=run)


@dataclass(frozen=True)
class Ranking:
    """The ranked table of a request and what produced it."""

    table: pd.DataFrame
    graph: AreaGraph | None
    names: dict[str, str]
    level: str
    area: str | None
    served: pd.Series | None = None


def area_codes_of(level: str, within: str | None, lang: str) -> tuple[list[str], dict[str, str], str | None]:
    """(codes of the areas at ``level`` inside ``within``, their names, the normalised ``within``).

    Parameters
    ----------
    level : str
        One of :data:`geo.LEVELS`.
    within : str or None
        An area code above ``level``.
    lang : str
        Language of the error message.

    Returns
    -------
    tuple
        Codes, names by code, the area code (None: all Indonesia).

    Raises
    ------
    RankError
        ``within`` is not above ``level``.
    """
    from geo.data.codes import CodeList, level_of

    codes = CodeList.load()
    area = codes.validate(within) if within else None
    if area is not None and LEVELS.index(level_of(area)) >= LEVELS.index(level):
        raise RankError(t("priority.error.within_level", lang, code=area, level=level_of(area)))
    frame = codes.children(area, level)
    names = dict(zip(frame["code"].astype(str), frame["name"].astype(str), strict=True))
    return list(names), names, area


def _period(text: str | None, source: ViewSource, lang: str) -> Any:
    from geo.analysis.periods import ALL_PERIODS
    from geo.web.mapview import default_period
    from geo.web.viewstate import parse_period

    if not text:
        return default_period(source, ["cases", "migration"])
    try:
        period = parse_period(text)
    except ValueError:
        raise RankError(t("priority.error.period", lang, value=text)) from None
    return None if period == ALL_PERIODS else period


def served_codes(value: str, audience: str, lang: str) -> set[str]:
    """Codes of the areas a programme reaches, from ``--served``: a served dataset's id, or a CSV file.

    Parameters
    ----------
    value : str
        Digits: the id of a dataset of kind ``"served"`` (uploaded on the Data page or with
        ``riskmap ingest --kind served``); else the path of a CSV with a ``code`` column.
    audience : str
        ``"public"`` cannot use a restricted dataset (it reads as unavailable, as an unknown id does).
    lang : str
        Language of the error messages.

    Returns
    -------
    set of str
        Dotted codes of any level.

    Raises
    ------
    RankError
        An unknown, deleted, restricted (for the public) or other-kind dataset; an unusable CSV.
    """
    if not value.strip().isdigit():
        return read_served(Path(value), lang)
    from geo.data import store
    from geo.data.kinds import SERVED

    dataset_id = int(value)
    try:
        dataset = store.get_dataset(dataset_id, audience=audience)
    except RiskmapError:
        raise RankError(t("priority.error.served_dataset", lang, id=dataset_id, audience=audience)) from None
    if dataset.deleted_at is not None:
        raise RankError(t("priority.error.served_dataset", lang, id=dataset_id, audience=audience))
    if dataset.kind != SERVED:
        raise RankError(t("priority.error.served_kind", lang, id=dataset_id, kind=dataset.kind))
    return store.default_store().area_codes(dataset_id)


def read_served(path: Path, lang: str) -> set[str]:
    """Codes of programme villages/posts from a CSV with a ``code`` column (validated against the code list).

    Parameters
    ----------
    path : Path
        The CSV file.
    lang : str
        Language of the error messages.

    Returns
    -------
    set of str
        Normalised (dotted) codes.

    Raises
    ------
    RankError
        Unreadable file, no ``code`` column, or codes not in the Kemendagri list (rows named).
    """
    import pandas as pd

    from geo.data.codes import CodeList
    from geo.errors import InvalidCodeError

    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise RankError(t("priority.error.served_file", lang, path=path, problem=type(error).__name__)) from None
    columns = {str(column).strip().lower(): column for column in frame.columns}
    if "code" not in columns:
        raise RankError(t("priority.error.served_file", lang, path=path, problem="no 'code' column"))
    codes, bad_rows = set(), []
    code_list = CodeList.load()
    for row_number, raw in enumerate(frame[columns["code"]].tolist(), start=2):  # row 1 is the header
        if not raw.strip():
            continue
        try:
            codes.add(code_list.validate(raw.strip()))
        except InvalidCodeError:
            bad_rows.append(str(row_number))
    if bad_rows:
        raise RankError(t("priority.error.served_codes", lang, path=path, rows=", ".join(bad_rows[:10])))
    return codes


def compute_ranking(args: argparse.Namespace) -> Ranking:
    """The priority table for the options of ``rank``/``plan``.

    Parameters
    ----------
    args : argparse.Namespace
        ``dataset``, ``level``, ``within``, ``period``, ``weights``, ``audience``, ``hotspot_on``,
        ``hotspots``, ``served`` (a served dataset's id or a CSV path: the coverage dimension), ``lang``.

    Returns
    -------
    Ranking
        Best first.

    Raises
    ------
    RankError
        Unavailable datasets, an unknown area or period, bad weights, an unusable served list.
    """
    from geo.analysis.hotspots import area_graph
    from geo.analysis.plan import served_flags
    from geo.analysis.priority import parse_weights, priority_table
    from geo.web.mapview import select_datasets
    from geo.web.priority_layer import score_rows

    lang = args.lang
    weights = parse_weights(args.weights, lang)
    codes, names, area = area_codes_of(args.level, args.within, lang)
    selection = select_datasets(tuple(args.dataset), lang, audience=args.audience)
    if selection.messages:
        raise RankError(" ".join(selection.messages))
    source = selection.view_source
    if source is None:
        raise RankError(t("priority.error.no_data", lang))
    period = _period(args.period, source, lang)
    rows = score_rows(selection, args.level, area, period)  # roll-ups of the level and area, never all records
    if rows is None:
        raise RankError(t("priority.error.no_data", lang))
    records, whole = rows
    served_value = getattr(args, "served", None)
    served = served_flags(served_codes(served_value, args.audience, lang), codes) if served_value else None
    thresholds = [d.disclosure_threshold for d in selection.datasets if d.disclosure_threshold]
    graph = area_graph(args.level, area)
    table = priority_table(
        records, codes, period, graph=graph, names=names, served=served, weights=weights,
        audience=args.audience, threshold=max(thresholds) if thresholds else None, lang=lang,
        hotspot_on=args.hotspot_on, hotspot_method=args.hotspots, whole=whole,
    )
    return Ranking(table=table, graph=graph, names=names, level=args.level, area=area, served=served)


def _rounded(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else round(number, 4)  # NaN → null


def ranking_rows(ranking: Ranking, top: int | None = None) -> list[dict[str, Any]]:
    """JSON-ready objects of the ranking, best first.

    Parameters
    ----------
    ranking : Ranking
        From :func:`compute_ranking`.
    top : int, optional
        Only the first ``top``.

    Returns
    -------
    list of dict
        See the module docstring.
    """
    from geo.analysis.priority import DIMENSIONS

    table = ranking.table if top is None else ranking.table.head(top)
    points: dict[str, tuple[float, float]] = {}
    if ranking.graph is not None:
        points = dict(zip(ranking.graph.codes, zip(ranking.graph.lat, ranking.graph.lon, strict=True), strict=True))
    rows = []
    for code, row in table.iterrows():
        lat, lon = points.get(str(code), (None, None))
        rows.append({
            "code": code, "name": ranking.names.get(str(code), str(code)), "rank": int(row["rank"]),
            "score": _rounded(row["score"]), "lat": _rounded(lat), "lon": _rounded(lon),
            "dimensions": {name: _rounded(row[name]) for name in DIMENSIONS if name in table.columns},
            "components": row["components"], "hotspot": row["hotspot"],
            "insufficient_data": bool(row["insufficient_data"]), "why": row["why"],
        })
    return rows


def print_json(payload: Any) -> None:
    """Print ``payload`` as indented JSON on stdout (UTF-8, names as written).

    Parameters
    ----------
    payload : Any
        JSON-ready data.
    """
    import orjson

    sys.stdout.write(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode() + "\n")


def run(args: argparse.Namespace) -> int:
    """Print the ranking as JSON; exit 0, or raise :class:`geo.errors.RiskmapError` (exit 2).

    Parameters
    ----------
    args : argparse.Namespace
        Parsed options of ``rank``.

    Returns
    -------
    int
        0.
    """
    print_json(ranking_rows(compute_ranking(args), args.top))
    return 0
