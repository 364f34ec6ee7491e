"""The core and report layers must work without Qt (the architecture's first rule)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import planner

PACKAGE = Path(planner.__file__).parent

BLOCK_QT = r"""
import importlib, pkgutil, sys
class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name == "shiboken6":
            raise ImportError("Qt is blocked in this test: " + name)
        return None
sys.meta_path.insert(0, BlockQt())
import planner.core, planner.report
names = []
for package in (planner.core, planner.report):
    for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
        names.append(module.name)
assert not any(n.startswith("PySide6") for n in sys.modules), "Qt was imported"
print("\n".join(names))
"""


def test_core_and_report_import_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCK_QT], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    imported = set(result.stdout.split())
    expected = {f"planner.{p.parent.name}.{p.stem}" for layer in ("core", "report")
                for p in (PACKAGE / layer).glob("*.py") if p.stem != "__init__"}
    assert expected <= imported
    assert "planner.core.vault" in imported


FORBIDDEN_MODULES = {"urllib", "http", "ssl", "socket", "requests", "ftplib", "smtplib",
                     "webbrowser", "PySide6.QtNetwork"}
FORBIDDEN_NAMES = {"QtNetwork", "QFileDialog", "QDesktopServices", "QSettings", "openUrl"}


def _uses(tree: ast.AST) -> set[str]:
    """Every module imported and every bare or dotted name used in a module's code."""
    used: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            used.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            used.add(node.module)
            used.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Name):
            used.add(node.id)
        elif isinstance(node, ast.Attribute):
            used.add(node.attr)
    return used


def test_no_module_reaches_for_the_network_or_leaves_traces() -> None:
    for source in PACKAGE.rglob("*.py"):
        used = _uses(ast.parse(source.read_text(encoding="utf-8")))
        modules = {name for name in used if name.split(".")[0] in FORBIDDEN_MODULES
                   or name in FORBIDDEN_MODULES}
        assert not modules, f"{source} imports {modules}"
        assert not used & FORBIDDEN_NAMES, f"{source} uses {used & FORBIDDEN_NAMES}"
