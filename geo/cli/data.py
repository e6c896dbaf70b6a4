"""``riskmap data fetch`` and ``riskmap data info``."""

from __future__ import annotations

import argparse
import json
import sys
import time

from geo import LEVELS
from geo.errors import RiskmapError


def _levels(text: str) -> list[str]:
    levels = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [level for level in levels if level not in LEVELS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown level(s) {', '.join(unknown)}; use {','.join(LEVELS)}")
    return levels


def _fetch(args: argparse.Namespace) -> int:
    from geo.data import boundaries

    if args.provinces == "all":
        provinces = boundaries.province_codes()
    elif args.provinces is None:
        provinces = list(boundaries.DEFAULT_VILLAGE_PROVINCES)
    else:
        provinces = [part.strip() for part in args.provinces.split(",") if part.strip()]
        known = set(boundaries.province_codes())
        unknown = [code for code in provinces if code not in known]
        if unknown:
            raise RiskmapError(f"Unknown province code(s): {', '.join(unknown)}. Use two-digit codes such as 21,35 or 'all'.")
    started = time.perf_counter()
    built = boundaries.prepare(
        levels=args.levels, provinces=provinces, progress=lambda message: print(message, file=sys.stderr, flush=True),
        force=args.force,
    )
    print(
        f"boundary cache ready in {time.perf_counter() - started:.1f} s ({len(built)} built) at {boundaries.cache_folder()}",
        file=sys.stderr,
    )
    return 0


def _info(args: argparse.Namespace) -> int:
    from geo.data import boundaries

    info = boundaries.coverage_info()
    if args.json:
        print(json.dumps(info))
    else:
        for level, counts in info.items():
            print(f"{level:9} codes {counts['codes']:6}  polygons {counts['polygons']:6}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    data = subparsers.add_parser("data", help="prepare and inspect the boundary cache")
    data_commands = data.add_subparsers(dest="data_command", required=True)

    fetch = data_commands.add_parser(
        "fetch",
        help="obtain the upstream files (download or RISKMAP_DATA_MIRROR), verify them and build the cache",
    )
    fetch.add_argument("--levels", type=_levels, default=list(LEVELS), help="comma-separated levels (default: all)")
    fetch.add_argument(
        "--provinces",
        default=None,
        help="provinces whose villages to prepare: codes such as 21,35, or 'all' (default: 21,35)",
    )
    fetch.add_argument("--force", action="store_true", help="rebuild even what is cached")
    fetch.set_defaults(func=_fetch)

    info = data_commands.add_parser("info", help="codes vs polygons per level")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.set_defaults(func=_info)
