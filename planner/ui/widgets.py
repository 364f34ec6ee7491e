"""Small building blocks every screen uses, so they look and behave alike.

Labels show user and content text as plain text only (never rich text), and every control
gets an accessible name when it is made.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget


def label(text: str = "", role: str = "", parent: QWidget | None = None) -> QLabel:
    """A wrapping, plain-text label; `role` picks a style (title, subtitle, muted)."""
    widget = QLabel(parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    widget.setText(text)
    if role:
        widget.setProperty("role", role)
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
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())
