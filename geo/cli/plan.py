"""``riskmap plan``: outreach sites that reach the most priority, as JSON.

Prints ``{"sites": [{"code", "name", "lat", "lon", "covered_codes", "covered_score"}],
"covered_share", "method", "upper_bound", "gaps": [{"code", "name", "score", "why"}]}``.
``method`` is ``"exact"`` (spopt MCLP with CBC, proven optimal) or ``"greedy"`` (lazy greedy,
at least 1 − 1/e of the optimum; ``upper_bound`` bounds the optimum for this instance).
``--served ID`` (a dataset of kind ``served``: programme villages or posts, uploaded like any
data) or ``--served FILE.csv`` (a ``code`` column of Kemendagri codes) names areas that already
count as covered. The model is described in :mod:`geo.analysis.plan`.
"""

from __future__ import annotations

import argparse
from typing import Any

from geo.cli.rank import RankError, add_common_options, compute_ranking, positive_number, print_json
from geo.i18n import t


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en") -> None:
    """Add the ``plan`` sub-command.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The ``riskmap`` sub-command collection.
    lang : str
        Language of the help texts.
    """
    parser = subparsers.add_parser("plan", help=t("priority.help.plan", lang), description=t("priority.help.plan", lang))
    add_common_options(parser, lang, within_required=True)
    parser.add_argument("--sites", type=positive_number(int, lang), required=True, metavar="N",
                        help=t("priority.help.sites", lang))
    parser.add_argument("--radius-km", type=positive_number(float, lang), required=True, metavar="R",
                        help=t("priority.help.radius", lang))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the plan as JSON; exit 0, or raise :class:`geo.errors.RiskmapError` (exit 2).

    Parameters
    ----------
    args : argparse.Namespace
        Parsed options of ``plan``.

    Returns
    -------
    int
        0.
    """
    print_json(plan_payload(args))
    return 0


def plan_payload(args: argparse.Namespace) -> dict[str, Any]:
    """The plan for the options of ``plan`` (JSON-ready).

    Parameters
    ----------
    args : argparse.Namespace
        Parsed options of ``plan``.

    Returns
    -------
    dict
        See the module docstring.
    """
    import numpy as np

    from geo.analysis.plan import plan_sites

    ranking = compute_ranking(args)
    served = ranking.served
    graph = ranking.graph
    if graph is None or len(graph) == 0:
        raise RankError(t("priority.error.no_data", args.lang))
    score = ranking.table["score"].where(~ranking.table["insufficient_data"], 0.0)  # too little data: not a target
    aligned = score.reindex(graph.codes).fillna(0).to_numpy(dtype=float)
    served_aligned = served.reindex(graph.codes).fillna(False).to_numpy(dtype=bool) if served is not None else None
    plan = plan_sites(graph.lon, graph.lat, aligned, args.sites, args.radius_km, served_aligned)
    name = ranking.names
    sites = [
        {"code": str(graph.codes[site]), "name": name.get(str(graph.codes[site]), str(graph.codes[site])),
         "lat": round(float(graph.lat[site]), 5), "lon": round(float(graph.lon[site]), 5),
         "covered_codes": [str(graph.codes[i]) for i in covered], "covered_score": round(value, 4)}
        for site, covered, value in zip(plan.sites, plan.covered, plan.covered_score, strict=True)
    ]
    gaps = [
        {"code": str(graph.codes[i]), "name": name.get(str(graph.codes[i]), str(graph.codes[i])),
         "score": round(float(aligned[i]), 4), "why": str(ranking.table.at[graph.codes[i], "why"])}
        for i in plan.gaps
    ]
    return {"sites": sites, "covered_share": round(plan.covered_share, 4), "method": plan.method,
            "upper_bound": round(float(np.round(plan.upper_bound, 4)), 4), "gaps": gaps}
