"""Check boxes and radio buttons whose text wraps onto more lines.

Kept apart from `planner.ui.widgets` because drawing them needs Qt's style machinery
(`QStyle`, `QPainter`), whose Python classes take about 5 ms to build; the first screen has no
check box, so it paints without them.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)


class _WrapsItsText:
    """Mixin for a check box or radio button whose text wraps onto more lines.

    Qt draws a check box's text on one line, so a long choice ("Discreet wording (no words
    about abuse)") at 200 % text, or in Spanish, forces its panel wider than the window and a
    sideways scroll bar appears. This one asks its layout for height-for-width instead, and
    draws the indicator through the style (so focus frames and the theme still apply) and the
    text itself, wrapped.
    """

    _CONTENTS: QStyle.SubElement

    def _setup(self: QAbstractButton) -> None:  # type: ignore[misc]
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)  # Fixed would cap it at one line
        self.setSizePolicy(policy)

    def _option(self, width: int = 0) -> QStyleOptionButton:
        option = QStyleOptionButton()
        self.initStyleOption(option)  # type: ignore[attr-defined]
        if width:
            option.rect = QRect(0, 0, width, option.rect.height())
        return option

    def _text_rect(self, width: int) -> QRect:
        option = self._option(width)
        return self.style().subElementRect(self._CONTENTS, option, self)  # type: ignore[attr-defined]

    def _text_height(self, text_width: int) -> int:
        bounds = self.fontMetrics().boundingRect(  # type: ignore[attr-defined]
            QRect(0, 0, max(1, text_width), 100_000), int(Qt.TextFlag.TextWordWrap), self.text())  # type: ignore[attr-defined]
        return bounds.height()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 - Qt API
        """Every line of the wrapped text is part of the choice (Qt counts the first only)."""
        return self.rect().contains(pos)  # type: ignore[attr-defined]

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        text = self._text_rect(width)
        frame = super().sizeHint().height() - self.fontMetrics().height()  # type: ignore[misc]
        return max(super().sizeHint().height(),  # type: ignore[misc]
                   self._text_height(text.width()) + frame)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        natural = super().sizeHint()  # type: ignore[misc]
        words = self.text().split() or [""]  # type: ignore[attr-defined]
        longest = max(self.fontMetrics().horizontalAdvance(w) for w in words)  # type: ignore[attr-defined]
        text_left = self._text_rect(natural.width()).left()
        return QSize(min(natural.width(), text_left + longest + 8), natural.height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)  # type: ignore[arg-type]
        option = self._option()
        text = option.text
        option.text = ""
        element = (QStyle.ControlElement.CE_CheckBox if isinstance(self, QCheckBox)
                   else QStyle.ControlElement.CE_RadioButton)
        self.style().drawControl(element, option, painter, self)  # type: ignore[attr-defined]
        area = self.style().subElementRect(self._CONTENTS, option, self)  # type: ignore[attr-defined]
        painter.setPen(self.palette().color(self.foregroundRole()))  # type: ignore[attr-defined]
        direction = Qt.AlignmentFlag.AlignAbsolute | (
            Qt.AlignmentFlag.AlignRight if self.isRightToLeft()  # type: ignore[attr-defined]
            else Qt.AlignmentFlag.AlignLeft)
        painter.drawText(area, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignVCenter
                                   | direction), text)
        painter.end()


class CheckBox(_WrapsItsText, QCheckBox):
    """A check box whose text wraps (see `_WrapsItsText`)."""

    _CONTENTS = QStyle.SubElement.SE_CheckBoxContents

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._setup()


class RadioButton(_WrapsItsText, QRadioButton):
    """A radio button whose text wraps (see `_WrapsItsText`)."""

    _CONTENTS = QStyle.SubElement.SE_RadioButtonContents

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._setup()
