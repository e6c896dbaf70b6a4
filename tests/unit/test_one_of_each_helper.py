"""One of each helper: the shared rules live in one module and nobody keeps a private copy.

These checks read the source of ``geo/`` so that a copy creeping back (a second number
formatter, a second table of code lengths, a second list of dataset kinds) fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from geo import LEVELS
from geo.data.codes import CODE_LENGTHS, LEVEL_BY_CODE_LENGTH, UNDOTTED_CODE_LENGTHS, level_of, normalize_code
from geo.data.kinds import KINDS

GEO = Path(__file__).resolve().parents[2] / "geo"
EXAMPLES = {"province": "21", "regency": "21.71", "district": "21.71.01", "village": "21.71.01.1001"}


def _modules() -> list[tuple[str, ast.Module]]:
    return [(str(path.relative_to(GEO.parent)), ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(GEO.rglob("*.py"))]


@pytest.mark.parametrize("level", LEVELS)
def test_code_lengths_agree_with_the_codes_themselves(level: str) -> None:
    dotted = EXAMPLES[level]
    assert len(dotted) == CODE_LENGTHS[level] and LEVEL_BY_CODE_LENGTH[len(dotted)] == level == level_of(dotted)
    undotted = dotted.replace(".", "")
    assert len(undotted) == UNDOTTED_CODE_LENGTHS[level]
    assert normalize_code(undotted) == dotted


def test_dataset_kinds() -> None:
    assert KINDS == ("migration", "cases")


def _assigned_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names.update(target.id for target in targets if isinstance(target, ast.Name))
    return names


def test_dataset_kinds_are_defined_once() -> None:
    owners = [name for name, tree in _modules() if "KINDS" in _assigned_names(tree)]
    # geo/ingest/_personal.py's KINDS are kinds of personal data, not dataset kinds.
    assert sorted(owners) == ["geo/data/kinds.py", "geo/ingest/_personal.py"]


def test_code_lengths_are_written_down_once() -> None:
    copies = []
    for name, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict) and any(
                isinstance(key, ast.Constant) and key.value == "province" for key in node.keys
            ) and any(isinstance(value, ast.Constant) and value.value in (2, 13) for value in node.values):
                copies.append(f"{name}:{node.lineno}")
    assert copies == []


def test_one_number_formatter() -> None:
    # viewstate's _number_text writes numbers into URLs (machine text), so it is not listed.
    formatters = {"format_count", "format_number", "_format_number", "format_decimal"}
    defined = [
        f"{name}:{node.name}"
        for name, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name in formatters
    ]
    assert defined == ["geo/i18n.py:format_number"]


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("os.replace(", "geo/data/files.py"),  # the atomic writer
        ("mkstemp(", "geo/data/files.py"),
        ('ALL_PERIODS = "all"', "geo/analysis/periods.py"),
        ("(?:0[1-9]|1[0-2])", "geo/analysis/periods.py"),  # the form of a month period
        ("(?:[ .]?\\d){15}", "geo/data/personal.py"),  # a NIK inside text: uploads, views and stories share it
        ("atas nama|bin|binti", "geo/data/personal.py"),  # titles and roles before a person's name
    ],
)
def test_written_in_one_module_only(text: str, home: str) -> None:
    holders = [
        str(path.relative_to(GEO.parent)) for path in sorted(GEO.rglob("*.py")) if text in path.read_text(encoding="utf-8")
    ]
    assert holders == [home]
