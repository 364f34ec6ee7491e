"""Our own small "save a copy" dialog, instead of the system file dialog.

The system file dialog remembers visited folders and recent files on disk; this one remembers
nothing. It offers the places a person means by name (a USB stick first, then Documents,
Desktop and Downloads), a list of folders to browse from the home folder, and a typed folder.
It asks before replacing a file, and a full, missing or removed drive gets a plain message
while the dialog stays open. Afterwards `saved_place` says in words where the file went.
"""

from __future__ import annotations

import errno
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QSize, QStandardPaths, QStorageInfo, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core import files
from planner.core.i18n import N_, _
from planner.ui.speech import MessageLabel
from planner.ui.widgets import apart, button, card, label, scrolling, set_text
from planner.ui.wrapping_buttons import RadioButton

REMOVABLE_ROOTS = ("/media/", "/run/media/", "/Volumes/", "/mnt/")
DEFAULT_NAME = "document.pdf"
LINE_CHARACTERS = 45  # a comfortable line length, so the caution and messages wrap, not sprawl
FOLDER_ROWS = 5  # rows the folder list always shows, so it never shrinks to a sliver
FOLDER = Qt.ItemDataRole.UserRole

# Folders a person knows by name, offered in this order when they exist. The second text says
# where a saved file went, finishing the sentence "Saved “document.pdf” …".
NAMED_FOLDERS = {
    "documents": (QStandardPaths.StandardLocation.DocumentsLocation, N_("Documents"),
                  # NOTE: finishes "Saved “document.pdf” …": where the file went.
                  N_("in your Documents folder")),
    "desktop": (QStandardPaths.StandardLocation.DesktopLocation, N_("Desktop"),
                # NOTE: finishes "Saved “document.pdf” …": where the file went.
                N_("on your Desktop")),
    "downloads": (QStandardPaths.StandardLocation.DownloadLocation, N_("Downloads"),
                  # NOTE: finishes "Saved “document.pdf” …": where the file went.
                  N_("in your Downloads folder")),
}
STICK = "stick"


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


@dataclass(frozen=True)
class Place:
    """A place offered by name; its words are translated each time they are shown."""

    folder: Path
    kind: str  # STICK or a key of NAMED_FOLDERS

    def stick_name(self) -> str:
        return self.folder.name or str(self.folder)  # a Windows drive root ("E:\\") has no name

    def title(self) -> str:
        if self.kind == STICK:
            return _("USB stick ({name})").format(name=self.stick_name())
        return _(NAMED_FOLDERS[self.kind][1])

    def phrase(self) -> str:
        if self.kind == STICK:
            # NOTE: finishes "Saved “document.pdf” …"; {name} is the USB stick's own name.
            return _("on the USB stick {name}").format(name=self.stick_name())
        return _(NAMED_FOLDERS[self.kind][2])


def _named_folder(location: QStandardPaths.StandardLocation) -> Path | None:
    """The folder, if it exists and is not just the home folder (some desktops set Desktop
    to it), so every choice offered is a real, separate place."""
    path = QStandardPaths.writableLocation(location)
    folder = Path(path) if path else None
    return folder if folder and folder.is_dir() and folder != Path.home() else None


def places() -> list[Place]:
    """The places worth offering, most likely first: USB sticks, then the named folders."""
    found = [Place(drive, STICK) for drive in removable_drives()]
    for kind, (location, _title, _phrase) in NAMED_FOLDERS.items():
        folder = _named_folder(location)
        if folder and all(place.folder != folder for place in found):
            found.append(Place(folder, kind))
    return found


def subfolders(folder: Path) -> list[Path]:
    """The folders a person would see inside `folder` (hidden ones left out), A to Z."""
    return visible_in(folder, folders=True)


def visible_in(folder: Path, folders: bool) -> list[Path]:
    """The folders (or the files) a person would see in `folder`, hidden ones left out, A to Z."""
    try:
        with os.scandir(folder) as entries:
            found = [Path(entry.path) for entry in entries if not entry.name.startswith(".")
                     and (entry.is_dir() if folders else entry.is_file())]
    except OSError:
        return []  # unreadable or just unplugged: show it as empty rather than fail
    return sorted(found, key=lambda path: path.name.casefold())


def _explain(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return _("There is not enough space there. Try another drive or free some space.")
    if error.errno in (errno.ENOENT, errno.ENODEV, errno.EIO):
        return _("That folder or drive can't be found. If it is a USB stick, check it is "
                 "plugged in.")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("This computer won't let the app save there. Try another place.")
    return _("The file could not be saved there. Try another place.")


class FolderList(QTreeWidget):
    """The folders under the home folder, each read only when a person opens it.

    A QTreeWidget filled with os.scandir rather than a QFileSystemModel, so nothing runs in the
    background, watches the disk or looks up icons while the dialog is open.
    """

    chosen = Signal(str)

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.itemExpanded.connect(self._read)
        # A folder is chosen by selecting it (arrow keys or a click), not by the list taking
        # focus: Tab lands on a first row without selecting it, and must not change the place.
        self.itemSelectionChanged.connect(self._choose_selected)
        self.itemClicked.connect(lambda item, _column: self._choose(item))
        self.home = self._add(self.invisibleRootItem(), root, "")
        self.home.setExpanded(True)

    def _add(self, parent: QTreeWidgetItem, folder: Path, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        item.setData(0, FOLDER, str(folder))
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        return item

    def _read(self, item: QTreeWidgetItem) -> None:
        """List a folder's folders the first time it is opened (the arrow goes if it has none)."""
        already_read = QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless
        if item.childIndicatorPolicy() == already_read:
            return
        for folder in subfolders(Path(item.data(0, FOLDER))):
            self._add(item, folder, folder.name)
        item.setChildIndicatorPolicy(already_read)

    def _choose_selected(self) -> None:
        for item in self.selectedItems():
            self._choose(item)

    def _choose(self, item: QTreeWidgetItem) -> None:
        self.chosen.emit(item.data(0, FOLDER))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        row = max(self.sizeHintForRow(0), self.fontMetrics().height())
        frame = 2 * self.frameWidth()
        return QSize(super().minimumSizeHint().width(), FOLDER_ROWS * row + frame)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.minimumSizeHint()


class SaveDialog(QDialog):
    """Pick a place; `saved_path` and `saved_place` are set when the file was written.
    `file_name` is the name offered; its ending (".pdf", ".odt", ".json") is always kept."""

    def __init__(self, data: bytes, parent: QWidget | None = None,
                 file_name: str = DEFAULT_NAME) -> None:
        super().__init__(parent)
        self.setWindowTitle("Planner")
        self.data = data
        self.file_name = file_name
        self.saved_path: Path | None = None
        self.saved_place = ""
        self._confirm_overwrite: Path | None = None
        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        self._add_caution(form)
        self._add_places(form)
        self._add_fields(form)
        self.message = MessageLabel(assertive=True)
        form.addWidget(self.message)
        form.addStretch(1)
        self.area = scrolling(self.form)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields take focus, not the frame
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addLayout(self._buttons())
        self._connect_changes()
        self.retranslate()

    # -- building ------------------------------------------------------------------------------

    def _add_caution(self, form: QVBoxLayout) -> None:
        warning, warning_layout = card("caution")
        self.warning = label()
        warning_layout.addWidget(self.warning)
        form.addWidget(warning)

    def _add_places(self, form: QVBoxLayout) -> None:
        """One choice per named place, then "another folder"; the likeliest is chosen."""
        self.drives_caption = label(role="subtitle")
        form.addWidget(self.drives_caption)
        self.place_group = QButtonGroup(self)
        self.places = places()
        self.place_buttons: list[tuple[QRadioButton, Path | None]] = []
        for place in self.places:
            self._add_place(form, RadioButton(), place.folder)
        self.other = RadioButton()
        self._add_place(form, self.other, None)
        self.place_buttons[0][0].setChecked(True)

    def _add_place(self, form: QVBoxLayout, radio: QRadioButton, folder: Path | None) -> None:
        self.place_group.addButton(radio)
        self.place_buttons.append((radio, folder))
        form.addWidget(radio)

    def _add_fields(self, form: QVBoxLayout) -> None:
        """The folder list and typed folder (both choose "another folder"), then the name."""
        self.folders = FolderList(Path.home())
        self.folders.chosen.connect(self._folder_chosen)
        self.folder = QLineEdit()
        self.folder.textEdited.connect(lambda _text: self.other.setChecked(True))
        self.folder_label = label()
        self.folder_label.setBuddy(self.folder)
        self.other_choice = QVBoxLayout()
        for widget in (self.folders, self.folder_label, self.folder):
            self.other_choice.addWidget(widget)
        form.addLayout(self.other_choice)
        self.name = QLineEdit(self.file_name)
        self.name_label = label()
        self.name_label.setBuddy(self.name)
        form.addWidget(self.name_label)
        form.addWidget(self.name)

    def _buttons(self) -> QHBoxLayout:
        """Cancel and Save, outside the scrolling part so they are always in view.

        Save is the default button, so Enter in any field saves; each button also answers
        Enter itself when it has focus (so Enter on Cancel cancels).
        """
        self.cancel, self.save = button(), button(primary=True)
        self.cancel.setAutoDefault(True)
        self.save.setAutoDefault(True)
        self.save.setDefault(True)
        self.cancel.clicked.connect(self.reject)
        self.save.clicked.connect(self.try_save)
        return apart(self.cancel, self.save)

    def _connect_changes(self) -> None:
        """Any change of place, folder or name makes an old message (and "Replace it") stale."""
        self.place_group.buttonToggled.connect(lambda _radio, _on: self._clear_message())
        self.folder.textChanged.connect(lambda _text: self._clear_message())
        self.name.textChanged.connect(lambda _text: self._clear_message())

    # -- choosing ------------------------------------------------------------------------------

    def _folder_chosen(self, folder: str) -> None:
        self.other.setChecked(True)
        self.folder.setText(folder)

    def _clear_message(self) -> None:
        self._confirm_overwrite = None
        set_text(self.save, _("Save"))
        self.message.clear()

    def _say(self, text: str) -> None:
        """Show a message, grow to fit it if the screen has room, and scroll it into view."""
        self.message.setText(text)
        self._fit()
        self._lay_out_form()
        self.area.ensureWidgetVisible(self.message)

    def _lay_out_form(self) -> None:
        """Give the form the height its new text needs now, not on a later turn of the event
        loop (when the scroll area would), so the message can be scrolled into view at once."""
        width = self.area.viewport().width()
        height = max(self.form.heightForWidth(width), self.area.viewport().height())
        self.form.resize(width, height)

    def _fit(self) -> None:
        """About LINE_CHARACTERS wide, and as tall as everything needs if the screen has room.

        Labels wrap at that width rather than stretching the dialog; what the screen has no
        room for scrolls, so no field is ever squashed.
        """
        available = self.screen().availableGeometry()
        borders = self.frameGeometry().size() - self.size()  # the window manager's frame
        around_width = self.width() - self.area.viewport().width()
        around_height = self.height() - self.area.viewport().height()
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        least = around_width + max(self.fontMetrics().averageCharWidth() * LINE_CHARACTERS,
                                   self.form.minimumSizeHint().width() + scroll_bar)
        width = min(max(self.width(), least), available.width() - borders.width())
        self.setMinimumWidth(min(least, width))
        wanted = around_height + self.form.heightForWidth(width - around_width)
        height = min(max(wanted, self.height()), available.height() - borders.height())
        self.resize(width, height)
        self._keep_on_screen(available)

    def _keep_on_screen(self, available: QRect) -> None:
        """Having grown, move back inside the screen so the buttons stay reachable."""
        outer = self.frameGeometry()
        left = max(available.left(), min(outer.left(), available.right() + 1 - outer.width()))
        top = max(available.top(), min(outer.top(), available.bottom() + 1 - outer.height()))
        self.move(left, top)

    def _line_up_folder_choice(self) -> None:
        """Indent the folder list and field to where the words of "Another folder" start, so
        they read as part of that choice (measured once the theme has styled the button)."""
        option = QStyleOptionButton()
        self.other.initStyleOption(option)
        words = self.other.style().subElementRect(QStyle.SubElement.SE_RadioButtonContents,
                                                  option, self.other)
        self.other_choice.setContentsMargins(words.left(), 0, 0, 0)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._line_up_folder_choice()
        self._fit()

    # -- saving --------------------------------------------------------------------------------

    def target(self) -> Path | None:
        name = self.name.text().strip() or self.file_name
        ending = Path(self.file_name).suffix
        if not name.lower().endswith(ending):
            name += ending
        if Path(name).name != name:
            return None
        for radio, folder in self.place_buttons:
            if radio.isChecked() and folder is not None:
                return folder / name
        typed = self.folder.text().strip()
        return Path(typed).expanduser() / name if typed else None

    def describe(self, folder: Path) -> str:
        """Where `folder` is, in words: "in your Documents folder", "on the USB stick KINGSTON"."""
        for place in self.places:
            if place.folder == folder:
                return place.phrase()
        # NOTE: finishes "Saved “document.pdf” …"; {folder} is a full folder path.
        return _("in the folder {folder}").format(folder=folder)

    def try_save(self) -> None:
        target = self.target()
        if target is None:
            self._say(_("Please type a folder, and a file name without slashes."))
            return
        if not target.parent.is_dir():
            self._say(_("That folder or drive can't be found. If it is a USB stick, "
                        "check it is plugged in."))
            return
        if target.exists() and self._confirm_overwrite != target:
            self._say(_("A file called \u201c{name}\u201d is already there. Press "
                        "\u201cReplace it\u201d to save over it, or change the name.")
                      .format(name=target.name))
            self._confirm_overwrite = target
            set_text(self.save, _("Replace it"))
            return
        try:
            files.atomic_write(target, self.data)
        except OSError as error:
            self._say(_explain(error))
            return
        self.saved_path = target
        self.saved_place = self.describe(target.parent)
        self.accept()

    # -- language ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.warning.setText(_("Anyone who opens this file can read it. It is not locked with "
                               "your passphrase. Save it only where you want it."))
        self.drives_caption.setText(_("Where should it go?"))
        # The last button, "another folder", has no place of its own: zip stops before it.
        for (radio, _folder), place in zip(self.place_buttons, self.places, strict=False):
            radio.setText(place.title())
            radio.setAccessibleName(radio.text())
        self.other.setText(_("Another folder (choose or type it below)"))
        self.other.setAccessibleName(self.other.text())
        self.folders.home.setText(0, _("Your home folder"))
        self.folders.setAccessibleName(_("Folders"))
        self.folder_label.setText(_("Folder"))
        self.folder.setAccessibleName(_("Folder"))
        self.name_label.setText(_("File name"))
        self.name.setAccessibleName(_("File name"))
        set_text(self.cancel, _("Cancel"))
        set_text(self.save, _("Replace it") if self._confirm_overwrite else _("Save"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
