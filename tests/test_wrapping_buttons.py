"""Check boxes and radio buttons whose text wraps: every line of the text is part of the
choice, as it looks (a click on the second line of a long choice must tick it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from planner.ui.wrapping_buttons import CheckBox, RadioButton

LONG_CHOICE = ("Discreet wording, with no words about abuse anywhere on the screen or on paper, "
               "for a computer other people also use")


@pytest.mark.parametrize("kind", [CheckBox, RadioButton])
def test_a_click_on_the_last_wrapped_line_makes_the_choice(qtbot, kind) -> None:
    panel = QWidget()
    layout = QVBoxLayout(panel)
    choice = kind(LONG_CHOICE)
    layout.addWidget(choice)
    layout.addStretch(1)
    qtbot.addWidget(panel)
    panel.resize(240, 400)
    panel.show()
    qtbot.waitExposed(panel)
    line = choice.fontMetrics().height()
    assert choice.height() >= 3 * line, "the text should wrap onto several lines here"
    qtbot.mouseClick(choice, Qt.MouseButton.LeftButton, pos=QPoint(80, choice.height() - line // 2))
    assert choice.isChecked()
