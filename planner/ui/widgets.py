"""Small building blocks every screen uses, so they look and behave alike.

Labels show user and content text as plain text only (never rich text), and every control
gets an accessible name when it is made.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

HEADING_ROLES = ("title", "subtitle")  # labels in these styles title a screen or a section


def label(text: str = "", role: str = "", parent: QWidget | None = None) -> QLabel:
    """A wrapping, plain-text label; `role` picks a style (title, subtitle, muted)."""
    widget = QLabel(parent)
    if role:  # first: the accessible interface (a heading, or not) is chosen on first use
        widget.setProperty("role", role)
        widget.setProperty("heading", role in HEADING_ROLES)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    widget.setText(text)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def button(text: str = "", primary: bool = False, parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setAccessibleName(text)
    if primary:
        widget.setProperty("role", "primary")
    widget.setAutoDefault(False)
    return widget


def set_text(widget: QPushButton, text: str, description: str = "") -> None:
    """Change a button's text and keep its accessible name in step."""
    widget.setText(text)
    widget.setAccessibleName(text)
    if description:
        widget.setAccessibleDescription(description)


def apart(first: QWidget, last: QWidget) -> QHBoxLayout:
    """A row with `first` at its start and `last` at its end, as Back and Next (Qt mirrors it
    in a right-to-left language)."""
    row = QHBoxLayout()
    row.addWidget(first)
    row.addStretch(1)
    row.addWidget(last)
    return row


def card(role: str = "card", parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A framed panel and its layout (roles: card, caution, banner)."""
    frame = QFrame(parent)
    frame.setProperty("role", role)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    layout.setSpacing(8)
    return frame, layout


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget in a layout (used when a list is rebuilt)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)  # owned by Python now: freed at once, not at the next loop
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


class FlowLayout(QLayout):
    """Lays children out in reading order and wraps them, so rows of choices never clip at 200%.

    Reading order is right to left in a right-to-left language: Qt mirrors its own layouts, but
    a layout of our own must place its items mirrored itself."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt API
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt API
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt API
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _direction(self) -> Qt.LayoutDirection:
        parent = self.parentWidget()
        return parent.layoutDirection() if parent is not None else Qt.LayoutDirection.LeftToRight

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, row_height = rect.x(), rect.y(), 0
        gap = self.spacing()
        for item in self._items:
            hint = item.sizeHint()
            width = min(hint.width(), rect.width()) if rect.width() > 0 else hint.width()
            height = item.heightForWidth(width) if item.hasHeightForWidth() else hint.height()
            if x + width > rect.right() + 1 and row_height > 0:
                x, y, row_height = rect.x(), y + row_height + gap, 0
            if move:
                if self._direction() == Qt.LayoutDirection.RightToLeft:  # mirrored in `rect`
                    item.setGeometry(QRect(rect.left() + rect.right() - (x + width - 1), y,
                                           width, height))
                else:
                    item.setGeometry(QRect(x, y, width, height))
            x += width + gap
            row_height = max(row_height, height)
        return y + row_height - rect.y()


def scrolling(inner: QWidget, name: str = "", text_only: bool = False) -> QScrollArea:
    """Put a screen's content in a scroll area, so nothing clips at 200% text size.

    The area itself is a tab stop only on a screen of text alone (`text_only`: arrow keys then
    scroll it). Elsewhere Tab goes straight to the controls, and the area scrolls to show each
    one as it gets the focus.
    """
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(inner)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setAccessibleName(name)
    if not text_only:
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


_OPENS_THE_LIST = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
                   Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Return, Qt.Key.Key_Enter}


class ChoiceBox(QComboBox):
    """A drop-down list whose value changes only on a deliberate choice.

    A plain QComboBox changes at once on an arrow key, a typed letter or the mouse wheel, so a
    person moving through the screen can change a step's status, or the text size, without
    meaning to. Here those keys open the list; the value changes when an item is picked in it.
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        if plain and event.key() in _OPENS_THE_LIST:
            self.showPopup()
            return
        if plain and event.text().strip():
            event.ignore()  # no jump-to-item by letter while the list is closed
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt API
        event.ignore()  # scrolling the page must not change a value under the pointer


# Compared as a plain number: a flag test on PySide's Python enums costs microseconds, and a
# screen's tab order tests a few hundred widgets.
_TAB_FOCUS = Qt.FocusPolicy.TabFocus.value


def _focus_chain(layout: QLayout) -> list[QWidget]:
    """Widgets that take keyboard focus, in the order their layouts show them."""
    found: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        widget, inner = item.widget(), item.layout()
        if inner is not None:
            found += _focus_chain(inner)
        if widget is None:
            continue
        if widget.focusPolicy().value & _TAB_FOCUS:
            found.append(widget)
        if isinstance(widget, (QComboBox, QAbstractSpinBox)):
            continue  # their inner editors belong to them
        if widget.layout() is not None:
            found += _focus_chain(widget.layout())
        elif isinstance(widget, QScrollArea) and widget.widget() is not None:
            content = widget.widget().layout()
            if content is not None:
                found += _focus_chain(content)
    return found


def tab_chain(*parts: QWidget) -> None:
    """Tab visits `parts` in this order, each with the controls laid out inside it."""
    chain: list[QWidget] = []
    for part in parts:
        if part.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(part)
        inner = part.widget() if isinstance(part, QScrollArea) else part
        if inner is not None and inner.layout() is not None:
            chain += _focus_chain(inner.layout())
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)


def follow_layout_in_tab_order(root: QWidget) -> None:
    """Make Tab visit `root`'s controls in the order a person sees them (top to bottom).

    Qt's default order is the order widgets were created, so controls rebuilt later (a list
    refreshed from the plan) would come after everything made before them.
    """
    layout = root.layout()
    if layout is None:
        return
    chain = _focus_chain(layout)
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)
