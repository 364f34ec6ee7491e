"""PySide6 widgets: screens that show the core's data and call its methods."""
