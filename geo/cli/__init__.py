"""``riskmap`` command line.

Each command group lives in its own module exposing ``register(subparsers)`` (or
``register(subparsers, lang)`` to word its help in the run's language); the module sets
``func`` on its parser, which returns the process exit code.
Exit codes: 0 success, 2 input rejected as a whole (reason on stderr), 1 other failure.

One run speaks one language: ``riskmap --lang id|en …``, else ``RISKMAP_LANG``, else
``LC_ALL``/``LANG`` starting with ``id`` (Bahasa Indonesia), else English. Commands read it
from ``args.lang``; the error printer below uses it too.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import sys
from collections.abc import Iterable, Mapping, Sequence

from geo.errors import RiskmapError, message_in
from geo.i18n import LANGUAGES, t

# Modules that add sub-commands; imported lazily so `riskmap --help` stays fast.
COMMAND_MODULES: tuple[str, ...] = (
    "geo.cli.areas",
    "geo.cli.audit",
    "geo.cli.brief",
    "geo.cli.data",
    "geo.cli.datasets",
    "geo.cli.export_table",
    "geo.cli.flows",
    "geo.cli.ingest",
    "geo.cli.map",
    "geo.cli.plan",
    "geo.cli.rank",
    "geo.cli.users",
    "geo.cli.views",
)


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language of a run without ``--lang``: ``RISKMAP_LANG``, else the locale, else English.

    Parameters
    ----------
    environ : mapping, optional
        The environment (default: ``os.environ``).

    Returns
    -------
    str
        ``"id"`` or ``"en"``.

    Examples
    --------
    >>> language_from_environment({"RISKMAP_LANG": "id"})
    'id'
    >>> language_from_environment({"LANG": "id_ID.UTF-8"})
    'id'
    >>> language_from_environment({"LC_ALL": "C.UTF-8", "LANG": "id_ID.UTF-8"})  # LC_ALL wins, as in POSIX
    'en'
    >>> language_from_environment({})
    'en'
    """
    environ = os.environ if environ is None else environ
    chosen = environ.get("RISKMAP_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    locale_name = environ.get("LC_ALL") or environ.get("LANG") or ""
    return "id" if locale_name.lower().startswith("id") else "en"


def _language_option(parser: argparse.ArgumentParser, default: str, *, help_text: str | None) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=default, help=help_text)


def _run_language(argv: Sequence[str]) -> str:
    """``--lang`` if given (read before the full parser exists, so that its help is in that language)."""
    early = argparse.ArgumentParser(add_help=False)
    _language_option(early, language_from_environment(), help_text=None)
    known, _rest = early.parse_known_args(list(argv))
    return str(known.lang)


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The ``riskmap`` parser with every command of :data:`COMMAND_MODULES`.

    Parameters
    ----------
    lang : str
        Language of the help texts of the commands that word them in both languages.

    Returns
    -------
    argparse.ArgumentParser
        ``args.lang`` is the run's language; ``args.func(args)`` runs the command.
    """
    parser = argparse.ArgumentParser(prog="riskmap", description=t("cli.description", lang))
    _language_option(parser, lang, help_text=t("cli.lang_help", lang))
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module_name in COMMAND_MODULES:
        register = importlib.import_module(module_name).register
        if "lang" in inspect.signature(register).parameters:
            register(subparsers, lang=lang)
        else:
            register(subparsers)
    localise_help(parser, lang)
    return parser


def _formatter_in(lang: str) -> type[argparse.HelpFormatter]:
    """A help formatter whose "usage:" prefix is in ``lang`` (argparse's own word is English)."""

    class LocalisedFormatter(argparse.HelpFormatter):
        def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                      groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, t("cli.usage", lang) if prefix is None else prefix)

    return LocalisedFormatter


def localise_help(parser: argparse.ArgumentParser, lang: str) -> None:
    """Word argparse's own parts of ``parser``'s help and of every sub-command's in ``lang``.

    The headings ("usage:", "positional arguments", "options") and the ``-h`` line come from
    argparse in English; the commands word everything else through :func:`geo.i18n.t`.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The parser; its sub-command parsers are changed too.
    lang : str
        ``"id"`` or ``"en"``.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="demo")
    >>> localise_help(parser, "id")
    >>> print(parser.format_help().splitlines()[0])
    penggunaan: demo [-h]
    """
    parser.formatter_class = _formatter_in(lang)
    parser._positionals.title = t("cli.positionals", lang)
    parser._optionals.title = t("cli.options", lang)
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = t("cli.help_help", lang)
        elif isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                localise_help(command, lang)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``riskmap`` with ``argv`` (default: the process arguments); return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name.

    Returns
    -------
    int
        0 success, 2 input rejected (the reason, in the run's language, on stderr), 130 interrupted.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = _run_language(argv)
    args = build_parser(lang).parse_args(argv)
    lang = getattr(args, "lang", lang) or lang  # a command's own --lang (export-map) counts for its run
    try:
        return int(args.func(args) or 0)
    except RiskmapError as error:
        print(t("cli.error", lang, message=message_in(error, lang)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(t("cli.interrupted", lang), file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
