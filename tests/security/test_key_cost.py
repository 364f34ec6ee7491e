"""The Argon2id cost of a real person's key cannot be lowered by anything but the code that
builds the session: the app hands in `kdf.REAL`, and no switch, global or environment variable
in `planner/` can select the cheap cost the tests use."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from planner.core import kdf
from planner.core.plans import PlanFolder
from planner.core.session import Session

PACKAGE = Path(__file__).resolve().parents[2] / "planner"
HANDED_IN = {"kdf.REAL", "self.key_cost", "self.cost"}


def _calls_to(names: set[str]) -> list[tuple[Path, ast.Call]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else getattr(
                function, "id", None)
            if name in names:
                found.append((path, node))
    return found


def _number(expression: ast.expr) -> int:
    """A literal like `128 * 1024`; anything that is not plain arithmetic fails the test."""
    if not all(isinstance(node, (ast.Constant, ast.BinOp, ast.operator))
               for node in ast.walk(expression)):
        raise AssertionError(f"a cost computed at run time: {ast.unparse(expression)}")
    return int(eval(ast.unparse(expression), {"__builtins__": {}}))


def test_every_cost_written_in_the_app_is_at_least_the_minimum() -> None:
    made = _calls_to({"KdfParameters"})
    assert len(made) >= 2  # REAL and MINIMUM at least: the search really looks
    for path, call in made:
        arguments = [_number(argument) for argument in call.args]
        keywords = {str(keyword.arg): _number(keyword.value) for keyword in call.keywords}
        cost = kdf.KdfParameters(*arguments, **keywords)
        assert cost.at_least(kdf.MINIMUM), f"{path.name}: {cost} is cheaper than the minimum"


def test_every_session_and_plan_folder_the_app_builds_gets_the_real_cost() -> None:
    built = _calls_to({"Session", "PlanFolder"})
    assert len(built) >= 4  # the app, the tour, the vault check and Session's own folder
    for path, call in built:
        given = call.args[1:2] + [k.value for k in call.keywords if k.arg in ("cost", "key_cost")]
        assert given, f"{path.name} line {call.lineno} builds one without saying its cost"
        assert ast.unparse(given[0]) in HANDED_IN, (
            f"{path.name} line {call.lineno} hands in {ast.unparse(given[0])}")


def test_nothing_in_the_app_can_switch_the_cost() -> None:
    """No global to flip and no environment variable to read: the cost has no other door."""
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "PYTEST" not in text, path.name
        tree = ast.parse(text)
        assert not any(isinstance(node, ast.Global) for node in ast.walk(tree)
                       if path.name == "kdf.py"), "kdf keeps a switchable global"
    assert [name for name, value in vars(kdf).items()
            if isinstance(value, kdf.KdfParameters)] == ["REAL", "MINIMUM"]


def test_the_cost_must_be_handed_in(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        Session(tmp_path)
    with pytest.raises(TypeError):
        PlanFolder(tmp_path)
    with pytest.raises(TypeError):
        kdf.derive_key(bytearray(b"a guess"), bytes(16))
