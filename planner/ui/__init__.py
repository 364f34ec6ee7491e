"""PySide6 widgets: screens that show the core's data and call its methods."""

from planner.ui.pyside_fix import make_singletons_immortal

make_singletons_immortal()  # before any widget exists: see pyside_fix
