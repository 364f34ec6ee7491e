"""The passphrase field keeps the passphrase to itself: Qt (and so the accessibility bus) only
ever holds mask characters, and every way of editing still edits the real passphrase."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from planner.ui.passphrase_field import MASK, PassphraseField


def _field(qtbot) -> PassphraseField:
    field = PassphraseField()
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    return field


def _what_qt_holds(field: PassphraseField) -> str:
    return QLineEdit.text(field)


def _type_any(field: PassphraseField, text: str) -> None:
    """Key events carrying any character (QTest's keyClicks knows ASCII only)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                    Qt.KeyboardModifier.NoModifier, character))


def test_typed_characters_never_reach_qt(qtbot) -> None:
    field = _field(qtbot)
    seen: list[str] = []
    field.textChanged.connect(seen.append)
    _type_any(field, "zebra café ñ 7")
    assert field.text() == "zebra café ñ 7"
    assert _what_qt_holds(field) == MASK * len("zebra café ñ 7")
    assert all(set(text) <= {MASK} for text in seen)


def test_deleting_selecting_and_moving_edit_the_real_passphrase(qtbot) -> None:
    field = _field(qtbot)
    qtbot.keyClicks(field, "blue kettle")
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "blue kettl"
    QTest.keyClick(field, Qt.Key.Key_Home)
    QTest.keyClick(field, Qt.Key.Key_Delete)
    assert field.text() == "lue kettl"
    QTest.keyClick(field, Qt.Key.Key_Right)
    QTest.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(field, "X")
    assert field.text() == "lXe kettl"
    QTest.keyClick(field, Qt.Key.Key_End)
    QTest.keyClick(field, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == field.text()[: len(QLineEdit.text(field))]
    assert len(field.text()) == len(_what_qt_holds(field))
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field, Qt.Key.Key_Delete)
    assert field.text() == "" and _what_qt_holds(field) == ""


def test_undo_cannot_bring_back_masks_without_their_characters(qtbot) -> None:
    field = _field(qtbot)
    qtbot.keyClicks(field, "abc")
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "ab" and _what_qt_holds(field) == MASK * 2


def test_paste_and_input_methods_go_to_the_passphrase_not_to_qt(qtbot) -> None:
    field = _field(qtbot)
    QGuiApplication.clipboard().setText("from a manager")
    QTest.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "from a manager"
    composing = QInputMethodEvent("\u3042", [])
    field.inputMethodEvent(composing)
    assert MASK * len("from a manager") in _what_qt_holds(field)
    assert "\u3042" not in _what_qt_holds(field)
    done = QInputMethodEvent("", [])
    done.setCommitString("\u3042\u3044")
    field.inputMethodEvent(done)
    assert field.text() == "from a manager\u3042\u3044"
    assert _what_qt_holds(field) == MASK * len(field.text())
    QGuiApplication.clipboard().clear()


def test_set_text_and_clear_work_on_the_passphrase(qtbot) -> None:
    field = _field(qtbot)
    field.setText("set by code")
    assert field.text() == "set by code" and _what_qt_holds(field) == MASK * 11
    field.clear()
    assert field.text() == "" and _what_qt_holds(field) == ""
