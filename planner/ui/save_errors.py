"""The one place the UI handles a save that failed, and anything else that went wrong.

Every edit a person makes goes through `saved()`. If the vault refuses it (a full disk, a
folder made read-only, a drive pulled out), the reason is shown once, in the same banner at the
top of the window, and the caller puts its screen back to what is really stored. No screen
writes its own error handling for vault failures, so no edit can fail silently.

`install_exception_hook` keeps Python tracebacks (which may name plan text) off stderr unless
the person started the app with `--debug`; the banner says something went wrong instead.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from planner.core.errors import VaultError
from planner.core.i18n import _
from planner.ui.speech import MessageLabel, announce
from planner.ui.widgets import button, card, set_text


class _Failures(QObject):
    """Carries failure messages from any screen to the banner."""

    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.last_message = ""

    def emit(self, message: str) -> None:
        self.last_message = message
        self.failed.emit(message)


failures = _Failures()


def saved(edit: Callable[[], object]) -> bool:
    """Run `edit`; if the vault refuses it, show why and return False (nothing was changed)."""
    try:
        edit()
    except VaultError as error:
        failures.emit(str(error))
        return False
    return True


def report(message: str) -> None:
    """Show a message in the banner (for failures that are not a vault's)."""
    failures.emit(message)


class SaveErrorBanner(QWidget):
    """A caution box under the header: what could not be saved, until the person closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame, inner = card("caution")
        self.text = MessageLabel(role="subtitle", assertive=True)
        self.dismiss = button()
        self.dismiss.clicked.connect(self.hide)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.dismiss)
        inner.addLayout(row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(frame)
        failures.failed.connect(self.show_message)
        self.hide()
        self.retranslate()

    def show_message(self, message: str) -> None:
        self.text.set_silently(message)
        self.show()
        announce(self.text, message, assertive=True)  # once it is on screen

    def retranslate(self) -> None:
        set_text(self.dismiss, _("OK"), _("Close this message"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def something_went_wrong() -> str:
    return _("Something went wrong in the app. What you saved before is safe. If it keeps "
             "happening, close the app and open it again.")


def install_exception_hook(debug: bool) -> None:
    """Replace Python's default hook: a traceback reaches stderr only with `--debug`."""

    def hook(kind: type[BaseException], value: BaseException,
             trace: TracebackType | None) -> None:
        if debug:
            traceback.print_exception(kind, value, trace, file=sys.stderr)
        if isinstance(value, VaultError):
            report(str(value))
        else:
            report(something_went_wrong())

    sys.excepthook = hook
