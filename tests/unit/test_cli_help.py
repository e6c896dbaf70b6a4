"""`riskmap --lang id|en <command> --help` speaks the run's language for every sub-command.

Walks every (nested) sub-command the parser has, so a command added later is checked too: its
help, description and each option's help must come from geo.strings (no English written into
the parser) and differ between Bahasa Indonesia and English; argparse's own words ("usage:",
"options", the -h line) are localised as well.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from geo import cli, i18n

LANGS = ("id", "en")
ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments", "show this help message")


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...],
                                                                                           argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                yield from _commands(command, (*path, name))


def _texts(parser: argparse.ArgumentParser) -> list[tuple[str, str | None]]:
    """(what, text) of everything the parser's help shows in words: description, commands, options."""
    texts: list[tuple[str, str | None]] = [("description", parser.description)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            texts += [(f"command {choice.dest}", choice.help) for choice in action._choices_actions]
        elif action.help is not argparse.SUPPRESS:
            texts.append(("/".join(action.option_strings) or action.dest, action.help))
    return texts


def _template_pattern(template: str) -> re.Pattern[str]:
    literal_parts = re.split(r"\{[^{}]*\}", template)
    return re.compile(".+?".join(re.escape(part) for part in literal_parts), re.DOTALL)


def _catalogue_patterns(lang: str) -> tuple[set[str], list[re.Pattern[str]]]:
    plain: set[str] = set()
    templates: list[re.Pattern[str]] = []
    for key in i18n.keys():
        text = i18n.t(key, lang)
        if "{" in text:
            templates.append(_template_pattern(text))
        else:
            plain.add(text)
    return plain, templates


PARSERS = {lang: cli.build_parser(lang) for lang in LANGS}
COMMANDS = {lang: dict(_commands(PARSERS[lang])) for lang in LANGS}
PATHS = sorted(COMMANDS["en"])


def test_every_language_has_the_same_commands() -> None:
    assert sorted(COMMANDS["id"]) == PATHS
    assert len(PATHS) > 12, "the walk finds the nested sub-commands (users add, areas search, …)"


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path) or "riskmap")
def test_help_is_worded_in_each_language_from_geo_strings(path: tuple[str, ...]) -> None:
    indonesian, english = _texts(COMMANDS["id"][path]), _texts(COMMANDS["en"][path])
    assert [what for what, _ in indonesian] == [what for what, _ in english]
    for lang, texts in (("id", indonesian), ("en", english)):
        plain, templates = _catalogue_patterns(lang)
        for what, text in texts:
            if what == "description" and text is None:
                continue  # argparse shows no description then (the command's help stands above it)
            assert text, f"riskmap {' '.join(path)}: {what} has no help text"
            assert text in plain or any(pattern.fullmatch(text) for pattern in templates), (
                f"riskmap {' '.join(path)}: {what} help {text!r} is not a geo.strings text in {lang!r}")
    for (what, id_text), (_, en_text) in zip(indonesian, english, strict=True):
        if id_text is not None:
            assert id_text != en_text, f"riskmap {' '.join(path)}: {what} reads the same in both languages"


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path) or "riskmap")
def test_help_output_in_indonesian_has_no_argparse_english(path: tuple[str, ...],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    outputs = {}
    for lang in LANGS:
        with pytest.raises(SystemExit) as exit_info:
            cli.main(["--lang", lang, *path, "--help"])
        assert exit_info.value.code == 0
        outputs[lang] = capsys.readouterr().out
    assert outputs["id"] != outputs["en"]
    assert outputs["id"].startswith("penggunaan: riskmap")
    assert not [word for word in ARGPARSE_ENGLISH if word in outputs["id"]], outputs["id"]
    assert "options:" in outputs["en"] and outputs["en"].startswith("usage: riskmap")
