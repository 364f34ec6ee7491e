"""Switching language while the app runs, without a restart and without losing typed text.

Our strings come from gettext (`planner.core.i18n`); Qt's own (standard buttons, context menus)
from the catalogs Qt ships, loaded with a QTranslator. Every widget is then sent a
LanguageChange event, on which each screen calls its `retranslate()`; typed text lives in the
widgets and the plan, so nothing is lost. Right-to-left languages mirror the layout.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from planner.core import i18n


class LanguageSwitch:
    """Owns the Qt translator of the current language and applies a new language app-wide."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._qt_catalog: QTranslator | None = None

    def apply(self, code: str) -> None:
        i18n.set_language(code)
        # The language screen readers are told (they pick the voice from it).
        QLocale.setDefault(QLocale(code.split("_")[0]))
        self._app.setLayoutDirection(Qt.LayoutDirection.RightToLeft
                                     if i18n.writes_right_to_left(code)
                                     else Qt.LayoutDirection.LeftToRight)
        if self._qt_catalog is not None:
            self._app.removeTranslator(self._qt_catalog)
            self._qt_catalog = None
        catalog = QTranslator(self._app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if catalog.load(f"qtbase_{code.split('_')[0]}", folder) and not catalog.isEmpty():
            self._app.installTranslator(catalog)
            self._qt_catalog = catalog
        # Qt only posts LanguageChange for a non-empty catalog, and later; tell every widget
        # now, so the whole window is in the new language before anything else is drawn.
        for widget in self._app.allWidgets():
            self._app.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
