"""PySide6 widgets: screens that show the core's data and call its methods."""

from planner.ui.pyside_fix import make_singletons_immortal, skip_feature_scan

make_singletons_immortal()  # before any widget exists: see pyside_fix
skip_feature_scan()  # before the screens' modules are imported: see pyside_fix
