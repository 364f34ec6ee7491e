"""What screen readers are told about the app's own kinds of widget.

Qt describes most widgets well, but not these: the application itself (by the path of its
program file), a title or section heading is just "label" (so a
screen-reader user cannot jump from heading to heading), and a drop-down list is named by its
current value ("Done combo box"), whatever name it was given, so nobody knows which step or
setting it is for. Qt lets an app supply its own accessible interface per object; `install`
registers one for each of these cases and leaves every other widget to Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel

from planner.ui.widgets import ChoiceBox

if TYPE_CHECKING:
    from PySide6.QtGui import QAccessibleInterface

_installed = False
# Qt keeps the interfaces it gets from the factory; these references keep their Python side
# alive as long as the widget, and are dropped when it is destroyed.
_alive: dict[int, QAccessibleInterface] = {}


def _interface_for(_class_name: str, target: QObject) -> QAccessibleInterface | None:
    from planner.ui.accessible_interfaces import Heading, NamedChoiceBox, NeutralApplication

    interface: QAccessibleInterface | None = None
    if isinstance(target, QApplication):
        interface = NeutralApplication(target)
    elif isinstance(target, QLabel) and target.property("heading"):
        interface = Heading(target)
    elif isinstance(target, ChoiceBox):
        interface = NamedChoiceBox(target)
    if interface is not None:
        key = id(target)
        _alive[key] = interface
        target.destroyed.connect(lambda *_args, k=key: _alive.pop(k, None))
    return interface


def install(_app: QApplication) -> None:
    """Register the interfaces once per process (Qt keeps factories for its lifetime)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_interface_for)
        _installed = True
