"""Our own small "choose a file" dialog, instead of the system file dialog.

The system file dialog remembers visited folders and recent files on disk (see `save_dialog`);
this one remembers nothing and writes nothing. It offers the places a person knows by name
(a USB stick, Documents, Desktop, Downloads), the folders under the home folder, and the files
in the chosen folder. The chosen file is read in one go, after a size check, and handed back as
its bytes and its name only: the path is forgotten when the dialog closes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.evidence import MAX_ATTACHMENT_BYTES
from planner.core.i18n import _
from planner.ui.save_dialog import LINE_CHARACTERS, FolderList, Place, places, visible_in
from planner.ui.speech import MessageLabel
from planner.ui.widgets import FlowLayout, apart, button, card, label, scrolling, set_text

FILE = Qt.ItemDataRole.UserRole
FILE_ROWS = 6  # rows the file list always shows


class FileTooLarge(Exception):
    """The chosen file is over the limit; nothing of it was read."""


def files_in(folder: Path) -> list[Path]:
    """The files a person would see in `folder` (hidden ones left out), A to Z."""
    return visible_in(folder, folders=False)


def read_whole(path: Path, limit: int) -> bytes:
    """The file's bytes, read in one go once its size is known to be within `limit`.

    Opened read-only (no access time is promised, but nothing is written); a file that grows
    past the limit while being read is refused too."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise IsADirectoryError(str(path))
        if info.st_size > limit:
            raise FileTooLarge
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge
    return data


class OpenDialog(QDialog):
    """Pick a file; after `accept`, `data` and `name` hold it (and no path is kept)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Planner")
        self.data = b""
        self.name = ""
        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        note, note_layout = card("caution")
        self.note = label()
        note_layout.addWidget(self.note)
        form.addWidget(note)
        self.places_caption = label(role="subtitle")
        form.addWidget(self.places_caption)
        self.places = places()
        self.place_buttons: list[tuple[QPushButton, Place]] = []
        places_box = QWidget()
        row = FlowLayout(places_box)
        for place in self.places:
            widget = button()
            widget.clicked.connect(lambda _c=False, p=place: self.show_folder(p.folder))
            row.addWidget(widget)
            self.place_buttons.append((widget, place))
        form.addWidget(places_box)
        self.folders_caption = label()
        self.folders = FolderList(Path.home())
        self.folders.chosen.connect(lambda folder: self.show_folder(Path(folder)))
        self.folders_caption.setBuddy(self.folders)
        self.files_caption = label()
        self.files = QListWidget()
        self.files.itemActivated.connect(lambda _item: self.try_open())
        self.files.currentItemChanged.connect(lambda *_items: self.message.clear())
        self.files_caption.setBuddy(self.files)
        for widget in (self.folders_caption, self.folders, self.files_caption, self.files):
            form.addWidget(widget)
        self.message = MessageLabel(assertive=True)
        form.addWidget(self.message)
        form.addStretch(1)
        self.area = scrolling(self.form)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cancel, self.open_button = button(), button(primary=True)
        self.cancel.clicked.connect(self.reject)
        self.open_button.clicked.connect(self.try_open)
        buttons = apart(self.cancel, self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addLayout(buttons)
        self._folder = Path.home()
        self.retranslate()
        self.show_folder(self.places[0].folder if self.places else Path.home())

    def show_folder(self, folder: Path) -> None:
        """List the files in `folder` (its name is said above the list)."""
        self._folder = folder
        self.files.clear()
        for path in files_in(folder):
            item = QListWidgetItem(path.name)
            item.setData(FILE, str(path))
            self.files.addItem(item)
        self._say_folder()
        if self.files.count():
            self.files.setCurrentRow(0)
        else:
            self.message.setText(_("There are no files in this folder. Choose another folder."))

    def _say_folder(self) -> None:
        name = self._folder.name or str(self._folder)
        self.files_caption.setText(_("Files in \u201c{folder}\u201d").format(folder=name))
        self.files.setAccessibleName(self.files_caption.text())

    def try_open(self) -> None:
        """Read the chosen file; a file that can't be used gets a plain message and the dialog
        stays open."""
        item = self.files.currentItem()
        if item is None:
            self.message.setText(_("Please choose a file in the list first."))
            return
        path = Path(item.data(FILE))
        try:
            data = read_whole(path, MAX_ATTACHMENT_BYTES)
        except FileTooLarge:
            self.message.setText(_("This file is too large to add. Files can be up to {limit} "
                                   "MB each.").format(limit=max(1, MAX_ATTACHMENT_BYTES // 2**20)))
            return
        except OSError:
            self.message.setText(_("This file could not be read. If it is on a USB stick, "
                                   "check it is plugged in, or choose another file."))
            return
        self.data, self.name = data, path.name
        self.files.clear()  # the list showed where the file was: nothing of it stays
        self.accept()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        width = self.fontMetrics().averageCharWidth() * LINE_CHARACTERS
        available = self.screen().availableGeometry()
        self.resize(min(max(self.width(), width), available.width()),
                    min(max(self.height(), self.form.sizeHint().height() + 80),
                        available.height()))

    def retranslate(self) -> None:
        self.note.setText(_("The app keeps a copy of the file you choose, locked inside it. "
                            "It does not remember where the file was."))
        self.places_caption.setText(_("Where is the file?"))
        for widget, place in self.place_buttons:
            set_text(widget, place.title())
        self.folders.home.setText(0, _("Your home folder"))
        self.folders_caption.setText(_("Folders"))
        self.folders.setAccessibleName(_("Folders"))
        self._say_folder()
        set_text(self.cancel, _("Cancel"))
        set_text(self.open_button, _("Add this file"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
