"""The passphrase field: no character of a passphrase ever reaches Qt, so none can reach a
screen reader.

Qt sends every character typed into a password field to the accessibility bus (AT-SPI
`text-changed` events carry the typed text, and a deletion carries what was deleted), and a
screen reader such as Orca speaks it aloud and writes it to its log: anyone in the room hears
the passphrase. KeePassXC met the same Qt behaviour (its issues #1920 and #5389). Here the line
edit itself only ever holds mask characters, one per character of the passphrase, which is kept
in Python beside it. A screen reader hears "●" for each key, as with any password field it
knows; typing, deleting, selecting, pasting and input methods all work on the hidden text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QLineEdit, QWidget

MASK = "\u25cf"
_REFUSED = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo,
            QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut)
_COMMAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier


class PassphraseField(QLineEdit):
    """A masked field whose real text lives only in this object (see the module docstring).

    `text()` and `setText()` work on the passphrase; everything Qt sees, draws or reports is a
    string of mask characters of the same length. Nothing is offered to the clipboard.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._secret: list[str] = []
        self.setEchoMode(QLineEdit.EchoMode.Password)  # screen readers call it a password field
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAcceptDrops(False)
        self.setDragEnabled(False)
        self.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData
                                 | Qt.InputMethodHint.ImhNoPredictiveText
                                 | Qt.InputMethodHint.ImhHiddenText)

    # -- the passphrase, for the app's own code --------------------------------------------

    def text(self) -> str:  # type: ignore[override]
        return "".join(self._secret)

    def setText(self, text: str) -> None:  # type: ignore[override]  # noqa: N802 - Qt API
        self._secret = list(text)
        super().setText(MASK * len(self._secret))

    def clear(self) -> None:  # type: ignore[override]
        self._secret = []
        super().clear()

    # -- editing: insertions are made here, deletions are mirrored from Qt -----------------

    def _insert(self, text: str) -> None:
        """Replace the selection (or insert at the cursor) with `text`, showing only masks."""
        if self.hasSelectedText():
            start = self.selectionStart()
            end = start + len(self.selectedText())
        else:
            start = end = self.cursorPosition()
        characters = [c for c in text if c.isprintable() or c == " "]
        self._secret[start:end] = characters
        super().insert(MASK * len(characters))

    def _mirror_removal(self, length_before: int) -> None:
        """After Qt deleted masks (Backspace, Delete, a word, a selection), delete the same
        characters here: Qt leaves the cursor where the removed run began."""
        removed = length_before - len(super().text())
        if removed > 0:
            start = self.cursorPosition()
            del self._secret[start:start + removed]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if any(event.matches(key) for key in _REFUSED):
            event.accept()  # Qt's undo would bring back masks without their characters
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self._insert(QGuiApplication.clipboard().text())
            return
        typed = event.text()
        if typed and typed.isprintable() and not event.modifiers() & _COMMAND_MODIFIERS:
            self._insert(typed)
            return
        length_before = len(super().text())
        super().keyPressEvent(event)
        self._mirror_removal(length_before)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 - Qt API
        """Input methods (for scripts typed through composition) commit text here; only masks
        go on to Qt, and a composition in progress is shown as masks too."""
        commit = event.commitString()
        if event.replacementLength():
            start = self.cursorPosition() + event.replacementStart()
            del self._secret[max(0, start):max(0, start) + event.replacementLength()]
        if commit:
            self._insert(commit)
        masked = QInputMethodEvent(MASK * len(event.preeditString()), [])
        super().inputMethodEvent(masked)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.MiddleButton:
            event.accept()  # X11's middle-click paste would put text past the mask
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.MiddleButton:
            event.accept()
            return
        super().mouseReleaseEvent(event)
