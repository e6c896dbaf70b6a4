"""``riskmap`` command line.

Each command group lives in its own module exposing ``register(subparsers)``;
the module sets ``func`` on its parser, which returns the process exit code.
Exit codes: 0 success, 2 input rejected as a whole (reason on stderr), 1 other failure.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from geo.errors import RiskmapError

# Modules that add sub-commands; imported lazily so `riskmap --help` stays fast.
COMMAND_MODULES: tuple[str, ...] = (
    "geo.cli.audit",
    "geo.cli.data",
    "geo.cli.datasets",
    "geo.cli.export_table",
    "geo.cli.flows",
    "geo.cli.ingest",
    "geo.cli.map",
    "geo.cli.users",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="riskmap",
        description="Migration and trafficking risk map for Indonesia (boundaries: Kepmendagri 300.2.2-2138/2025).",
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except RiskmapError as error:
        print(f"riskmap: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("riskmap: interrupted; nothing half-written is kept.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
