"""Our own small "save a copy" dialog, instead of the system file dialog.

The system file dialog remembers visited folders and recent files on disk; this one remembers
nothing. It lists removable drives first (a USB stick is the usual choice), then takes a typed
folder. It asks before replacing a file, and a full, missing or removed drive gets a plain
message while the dialog stays open.
"""

from __future__ import annotations

import errno
import sys
from pathlib import Path

from PySide6.QtCore import QStorageInfo
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.core import files
from planner.core.i18n import _
from planner.ui.widgets import button, card, label, set_text

REMOVABLE_ROOTS = ("/media/", "/run/media/", "/Volumes/", "/mnt/")
DEFAULT_NAME = "document.pdf"


def removable_drives() -> list[Path]:
    """Mounted, ready, writable drives that look removable (USB sticks, SD cards)."""
    found = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly():
            continue
        windows_stick = sys.platform == "win32" and not root.upper().startswith("C:")
        if windows_stick or root.startswith(REMOVABLE_ROOTS):
            found.append(Path(root))
    return found


def _explain(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return _("There is not enough space there. Try another drive or free some space.")
    if error.errno in (errno.ENOENT, errno.ENODEV, errno.EIO):
        return _("That folder or drive can't be found. If it is a USB stick, check it is "
                 "plugged in.")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("This computer won't let the app save there. Try another place.")
    return _("The file could not be saved there. Try another place.")


class SaveDialog(QDialog):
    """Pick a place; `saved_path` is set when the file was written."""

    def __init__(self, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Planner")
        self.data = data
        self.saved_path: Path | None = None
        self._confirm_overwrite: Path | None = None
        layout = QVBoxLayout(self)
        warning, warning_layout = card("caution")
        self.warning = label()
        warning_layout.addWidget(self.warning)
        layout.addWidget(warning)
        self.drives_caption = label(role="subtitle")
        layout.addWidget(self.drives_caption)
        self.places = QButtonGroup(self)
        self.place_buttons: list[tuple[QRadioButton, Path | None]] = []
        for drive in removable_drives():
            radio = QRadioButton(str(drive))
            radio.setAccessibleName(str(drive))
            self.places.addButton(radio)
            self.place_buttons.append((radio, drive))
            layout.addWidget(radio)
        self.other = QRadioButton()
        self.places.addButton(self.other)
        self.place_buttons.append((self.other, None))
        layout.addWidget(self.other)
        self.place_buttons[0][0].setChecked(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.folder = QLineEdit()
        self.name = QLineEdit(DEFAULT_NAME)
        self.folder_label, self.name_label = label(), label()
        self.folder_label.setBuddy(self.folder)
        self.name_label.setBuddy(self.name)
        self.folder.textEdited.connect(lambda _text: self.other.setChecked(True))
        form.addRow(self.folder_label, self.folder)
        form.addRow(self.name_label, self.name)
        layout.addLayout(form)
        self.message = label()
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.cancel, self.save = button(), button(primary=True)
        self.cancel.clicked.connect(self.reject)
        self.save.clicked.connect(self.try_save)
        row.addWidget(self.cancel)
        row.addStretch(1)
        row.addWidget(self.save)
        layout.addLayout(row)
        self.retranslate()

    def target(self) -> Path | None:
        name = self.name.text().strip() or DEFAULT_NAME
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
        if Path(name).name != name:
            return None
        for radio, drive in self.place_buttons:
            if radio.isChecked() and drive is not None:
                return drive / name
        typed = self.folder.text().strip()
        return Path(typed).expanduser() / name if typed else None

    def try_save(self) -> None:
        target = self.target()
        if target is None:
            self.message.setText(_("Please type a folder, and a file name without slashes."))
            return
        if not target.parent.is_dir():
            self.message.setText(_("That folder or drive can't be found. If it is a USB stick, "
                                   "check it is plugged in."))
            return
        if target.exists() and self._confirm_overwrite != target:
            self._confirm_overwrite = target
            self.message.setText(_("A file with this name is already there. Press Save again "
                                   "to replace it, or change the name."))
            set_text(self.save, _("Replace it"))
            return
        try:
            files.atomic_write(target, self.data)
        except OSError as error:
            self.message.setText(_explain(error))
            return
        self.saved_path = target
        self.accept()

    def retranslate(self) -> None:
        self.warning.setText(_("Anyone who opens this file can read it. It is not locked with "
                               "your passphrase. Save it only where you want it."))
        self.drives_caption.setText(_("Where should it go?"))
        self.other.setText(_("Another folder (type it below)"))
        self.other.setAccessibleName(self.other.text())
        self.folder_label.setText(_("Folder"))
        self.folder.setAccessibleName(_("Folder"))
        self.name_label.setText(_("File name"))
        self.name.setAccessibleName(_("File name"))
        set_text(self.cancel, _("Cancel"))
        set_text(self.save, _("Save"))
