"""The accessible interfaces `planner.ui.accessibility` hands Qt for the app's own kinds of
widget (see there). Loaded the first time a screen reader asks about a widget: their Python
classes take a moment to build, and without a screen reader nothing asks.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleInterface,
    QAccessibleObject,
)
from PySide6.QtWidgets import QAccessibleWidget, QApplication, QLabel

from planner.ui.widgets import ChoiceBox


class Heading(QAccessibleWidget):
    """A label that titles a screen or a section, exposed as a heading."""

    def __init__(self, widget: QLabel) -> None:
        super().__init__(widget, QAccessible.Role.Heading)

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self.widget().accessibleName() or self.widget().text()  # type: ignore[attr-defined]
        return super().text(kind)


class NamedChoiceBox(QAccessibleWidget):
    """A drop-down list named by what it is for ("Status of: …"), with its value apart."""

    def __init__(self, widget: ChoiceBox) -> None:
        super().__init__(widget, QAccessible.Role.ComboBox)

    def text(self, kind: QAccessible.Text) -> str:
        box: ChoiceBox = self.widget()  # type: ignore[assignment]
        if kind == QAccessible.Text.Name:
            return box.accessibleName() or box.currentText()
        if kind == QAccessible.Text.Value:
            return box.currentText()
        return super().text(kind)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.hasPopup = True
        return state

    def actionNames(self) -> list[str]:  # noqa: N802 - Qt API
        return [QAccessibleActionInterface.showMenuAction(), *super().actionNames()]

    def doAction(self, name: str) -> None:  # noqa: N802 - Qt API
        if name in (QAccessibleActionInterface.showMenuAction(),
                    QAccessibleActionInterface.pressAction()):
            self.widget().showPopup()  # type: ignore[attr-defined]
            return
        super().doAction(name)


class NeutralApplication(QAccessibleObject):
    """The app as a screen reader sees it, described as just "Planner".

    Qt describes the application by the full path of its program file, which can say where it
    is installed (a USB stick's name, a folder called after a program). Everything else is as
    Qt's own: the windows are its children.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)

    def _windows(self) -> list[QAccessibleInterface]:
        found = []
        for window in QApplication.topLevelWidgets():
            if window.isVisible():
                interface = QAccessible.queryAccessibleInterface(window)
                if interface is not None:
                    found.append(interface)
        return found

    def childCount(self) -> int:  # noqa: N802 - Qt API
        return len(self._windows())

    def child(self, index: int) -> QAccessibleInterface | None:
        windows = self._windows()
        return windows[index] if 0 <= index < len(windows) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802 - Qt API
        windows = [w.object() for w in self._windows()]
        return windows.index(child.object()) if child.object() in windows else -1

    def parent(self) -> QAccessibleInterface | None:
        return None

    def focusChild(self) -> QAccessibleInterface | None:  # noqa: N802 - Qt API
        window = QApplication.activeWindow()
        return QAccessible.queryAccessibleInterface(window) if window is not None else None

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.Application

    def state(self) -> QAccessible.State:
        return QAccessible.State()

    def text(self, kind: QAccessible.Text) -> str:
        return "Planner" if kind in (QAccessible.Text.Name, QAccessible.Text.Description) else ""
