"""The evidence log screen in real hands: entries added by keyboard, edited, deleted after one
question; files chosen with the app's own dialog and kept inside the vault; pictures viewed in
the app; nothing left in a widget after locking; the printed log read back from its PDF."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import files_under
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QPushButton, QWidget
from ui_helpers import (
    AppUnderTest,
    accessible_name,
    app_with_saved_plan,  # noqa: F401 - a fixture
    buttons_named,
    make_vault_read_only,
    start_app,
    visible_controls,
    words_in_widgets,
)
from vault_helpers import PASSPHRASE

from planner.core.evidence import EntryFields
from planner.core.i18n import translator
from planner.report.evidence_log import ImageSize
from planner.ui.evidence_screen import EvidenceScreen, PictureDialog
from planner.ui.open_dialog import OpenDialog
from planner.ui.print_screen import PrintScreen
from planner.ui.widgets import ChoiceBox

WORDS = "He posted my street name under my photo"
ACCOUNT = "@not_a_nickname_42"
LOCATION_WARNING = "This photo may show where it was taken."
COPY_KEPT = "A copy is now kept safely inside this app."


pytestmark = pytest.mark.usefixtures("no_stick")  # see conftest


@pytest.fixture
def guest(qtbot, tmp_path: Path):
    app = start_app(tmp_path / "data", qtbot)
    qtbot.mouseClick(app.window.welcome.guest_button, Qt.MouseButton.LeftButton)
    yield app
    app.window.end_session()


def png(gps: bool = False, size: tuple[int, int] = (40, 30)) -> bytes:
    """A real picture written by Pillow; with `gps`, a JPEG whose EXIF says where it was."""
    out = io.BytesIO()
    picture = Image.new("RGB", size, "teal")
    if gps:
        exif = Image.Exif()
        exif.get_ifd(0x8825).update({1: "N", 2: (40.0, 26.0, 46.0), 3: "W",
                                     4: (79.0, 58.0, 56.0)})
        picture.save(out, "JPEG", exif=exif)
    else:
        picture.save(out, "PNG")
    return out.getvalue()


def open_screen(qtbot, app: AppUnderTest) -> EvidenceScreen:
    """Go to the evidence log with its keyboard shortcut, as a person does."""
    QTest.keyClick(app.window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: app.window.current_page == "evidence", timeout=2000)
    screen = app.window.screens["evidence"]
    assert isinstance(screen, EvidenceScreen)
    return screen


def press(qtbot, root: QWidget, text: str) -> None:
    """Tab to the button a person reads as `text` and press it with the space bar."""
    QApplication.processEvents()  # widgets just laid out are shown at the next turn
    found = buttons_named(root, text)
    assert len(found) == 1, text
    found[0].setFocus()
    QTest.keyClick(found[0], Qt.Key.Key_Space)
    QApplication.processEvents()


def type_into_focus(text: str) -> None:
    QTest.keyClicks(QApplication.focusWidget(), text)


def tab() -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def add_entry_by_keyboard(qtbot, screen: EvidenceScreen) -> None:
    press(qtbot, screen, "Add an entry")
    form = screen.entry_form
    assert QApplication.focusWidget() is form.day
    form.day.selectAll()
    type_into_focus("2026-11-02")
    tab()
    assert QApplication.focusWidget() is form.clock
    type_into_focus("21:40")
    tab()
    assert QApplication.focusWidget() is form.lines["time_zone"]
    tab()
    tab()  # past the platform list, left at "Another app or website"
    type_into_focus(ACCOUNT)
    tab()
    type_into_focus("https://example.org/not_a_nickname_42")
    tab()
    assert QApplication.focusWidget() is form.texts["what_happened"]
    type_into_focus(WORDS)
    press(qtbot, screen, "Save entry")


def labels_text(root: QWidget) -> str:
    return "\n".join(w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root))


def choose_file(qtbot, screen: EvidenceScreen, folder: Path, name: str) -> None:
    """Press "Add a file…", open `folder` in the app's own dialog and pick `name` by keyboard."""
    press(qtbot, screen, "Add a file\u2026")
    dialog = screen.findChild(OpenDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.show_folder(folder)  # what choosing it in the folder list does
    files = dialog.findChild(QListWidget)
    files.setFocus()
    while files.currentItem().text() != name:
        QTest.keyClick(files, Qt.Key.Key_Down)
    press(qtbot, dialog, "Add this file")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)


def test_an_entry_added_by_keyboard_is_listed_and_kept(qtbot, guest: AppUnderTest) -> None:
    screen = open_screen(qtbot, guest)
    add_entry_by_keyboard(qtbot, screen)
    (entry,) = guest.session.plan.evidence().entries()
    assert (str(entry.happened_on), str(entry.happened_at)) == ("2026-11-02", "21:40:00")
    assert (entry.account, entry.what_happened) == (ACCOUNT, WORDS)
    assert entry.time_zone  # the computer's, filled in
    assert screen.form_card.isHidden()
    shown = labels_text(screen)
    assert "2026-11-02 21:40" in shown and "He posted my street name under my" in shown
    assert "The entry was saved." in shown


def test_every_control_has_a_name_a_screen_reader_says(qtbot, guest: AppUnderTest) -> None:
    screen = open_screen(qtbot, guest)
    guest.session.plan.evidence().add(EntryFields(date(2026, 1, 2)))
    screen.refresh()
    screen.open_entry(guest.session.plan.evidence().entries()[0].id)
    unnamed = [type(w).__name__ for w in visible_controls(screen) if not accessible_name(w)]
    assert not unnamed


def test_editing_an_entry_changes_it_and_keeps_its_files(qtbot, guest: AppUnderTest,
                                                         tmp_path: Path) -> None:
    screen = open_screen(qtbot, guest)
    add_entry_by_keyboard(qtbot, screen)
    log = guest.session.plan.evidence()
    entry = log.entries()[0]
    log.attach(entry.id, "shot.png", png())
    screen.refresh()
    press(qtbot, screen, "Open")
    editor = screen.entry_form.texts["what_happened"]
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_into_focus(" again")
    press(qtbot, screen, "Save entry")
    (changed,) = log.entries()
    assert changed.what_happened == WORDS + " again"
    assert [a.name for a in changed.attachments] == ["shot.png"]


def test_delete_asks_once_and_the_entry_is_gone_from_the_vault(qtbot,
                                                                guest: AppUnderTest) -> None:
    screen = open_screen(qtbot, guest)
    add_entry_by_keyboard(qtbot, screen)
    press(qtbot, screen, "Open")
    press(qtbot, screen, "Delete entry")
    assert "can't be undone" in screen.confirm_text.text()
    assert guest.session.plan.evidence().entries()  # asking deletes nothing
    press(qtbot, screen, "Keep it")
    assert guest.session.plan.evidence().entries()
    press(qtbot, screen, "Delete entry")
    press(qtbot, screen, "Delete for good")
    assert guest.session.plan.evidence().entries() == ()
    rows = guest.session.plan.vault.query("SELECT COUNT(*) FROM evidence_entries")
    assert rows[0][0] == 0
    assert WORDS not in labels_text(screen)
    assert "The entry was deleted." in labels_text(screen)


def test_a_file_chosen_in_the_apps_dialog_is_copied_in_and_named(
        qtbot, guest: AppUnderTest, isolated_home: Path) -> None:
    folder = Path.home() / "Pictures"
    folder.mkdir()
    (folder / "a-note.txt").write_text("hello")
    (folder / "screenshot.png").write_bytes(png())
    screen = open_screen(qtbot, guest)
    add_entry_by_keyboard(qtbot, screen)
    press(qtbot, screen, "Open")
    choose_file(qtbot, screen, folder, "screenshot.png")
    (attachment,) = guest.session.plan.evidence().entries()[0].attachments
    assert attachment.name == "screenshot.png" and attachment.media_type == "image/png"
    shown = labels_text(screen)
    assert "screenshot.png" in shown and "PNG picture" in shown
    assert COPY_KEPT in shown and "The original is still where it was" in shown
    assert LOCATION_WARNING not in shown
    assert (folder / "screenshot.png").read_bytes() == png()  # the original is untouched
    assert str(folder) not in words_in_widgets()  # and where it was is not kept


def test_a_new_entry_is_saved_first_when_a_file_is_added(qtbot, guest: AppUnderTest) -> None:
    folder = Path.home() / "Pictures"
    folder.mkdir()
    (folder / "screenshot.png").write_bytes(png())
    screen = open_screen(qtbot, guest)
    press(qtbot, screen, "Add an entry")
    screen.entry_form.texts["what_happened"].setPlainText(WORDS)
    choose_file(qtbot, screen, folder, "screenshot.png")
    (entry,) = guest.session.plan.evidence().entries()
    assert entry.what_happened == WORDS and len(entry.attachments) == 1
    assert screen.form_card.isVisible()


def test_a_photo_with_gps_shows_the_location_warning(qtbot, guest: AppUnderTest) -> None:
    folder = Path.home() / "Pictures"
    folder.mkdir()
    (folder / "IMG_0001.jpg").write_bytes(png(gps=True))
    screen = open_screen(qtbot, guest)
    add_entry_by_keyboard(qtbot, screen)
    press(qtbot, screen, "Open")
    choose_file(qtbot, screen, folder, "IMG_0001.jpg")
    shown = labels_text(screen)
    assert LOCATION_WARNING in shown and "printed and saved logs never carry" in shown


def test_view_shows_the_picture_full_size_in_the_apps_own_dialog(
        qtbot, guest: AppUnderTest) -> None:
    screen = open_screen(qtbot, guest)
    add_entry_by_keyboard(qtbot, screen)
    log = guest.session.plan.evidence()
    log.attach(log.entries()[0].id, "shot.png", png(size=(1600, 1200)))
    screen.refresh()
    press(qtbot, screen, "Open")
    press(qtbot, screen, "View")
    dialog = screen.findChild(PictureDialog)
    assert dialog is not None and dialog.isVisible()
    pixmap = dialog.picture.pixmap()
    assert (pixmap.width(), pixmap.height()) == (1600, 1200)
    assert dialog.picture.accessibleName() == "Picture: shot.png"
    press(qtbot, dialog, "Close")
    assert not dialog.isVisible()


def test_remove_file_asks_once_then_removes_it(qtbot, guest: AppUnderTest) -> None:
    screen = open_screen(qtbot, guest)
    add_entry_by_keyboard(qtbot, screen)
    log = guest.session.plan.evidence()
    log.attach(log.entries()[0].id, "shot.png", png())
    screen.refresh()
    press(qtbot, screen, "Open")
    press(qtbot, screen, "Remove file")
    assert log.entries()[0].attachments
    press(qtbot, screen, "Remove for good")
    assert log.entries()[0].attachments == ()
    assert "The file was removed." in labels_text(screen)


def test_lock_leaves_no_entry_text_and_unlock_brings_back_the_half_typed_form(
        qtbot, app_with_saved_plan: AppUnderTest) -> None:  # noqa: F811 - the fixture
    app = app_with_saved_plan
    screen = open_screen(qtbot, app)
    add_entry_by_keyboard(qtbot, screen)
    press(qtbot, screen, "Add an entry")
    half_typed = "Second message, not saved yet"
    screen.entry_form.texts["what_happened"].setPlainText(half_typed)
    app.window.lock()
    found = words_in_widgets()
    assert WORDS[:20] not in found and ACCOUNT not in found and half_typed not in found
    app.window.lock_screen.passphrase.setText(PASSPHRASE)
    app.window.lock_screen.try_unlock()
    qtbot.waitUntil(lambda: app.window.current_page == "evidence", timeout=10_000)
    screen = app.window.screens["evidence"]
    assert screen.form_card.isVisible()
    assert screen.entry_form.texts["what_happened"].toPlainText() == half_typed
    assert "He posted my street name" in words_in_widgets()


def test_a_failed_save_keeps_the_form_open_with_the_text(
        qtbot, app_with_saved_plan: AppUnderTest) -> None:  # noqa: F811 - the fixture
    app = app_with_saved_plan
    screen = open_screen(qtbot, app)
    press(qtbot, screen, "Add an entry")
    screen.entry_form.texts["what_happened"].setPlainText(WORDS)
    make_vault_read_only(app)
    press(qtbot, screen, "Save entry")
    assert screen.form_card.isVisible()
    assert screen.entry_form.texts["what_happened"].toPlainText() == WORDS
    assert app.window.save_errors.isVisible() and screen.error.text()


def test_the_open_dialog_writes_nothing_anywhere(qtbot, isolated_home: Path) -> None:
    home = Path.home()
    for folder in ("Letters/Kids", "Photos"):
        (home / folder).mkdir(parents=True)
    (home / "Photos" / "one.png").write_bytes(png())
    before = files_under(isolated_home)
    dialog = OpenDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    folders = dialog.folders
    folders.setFocus()
    for key in ("Home", "Down", "Right", "Down", "Down"):
        QTest.keyClick(folders, getattr(Qt.Key, f"Key_{key}"))
    dialog.show_folder(home / "Photos")
    press(qtbot, dialog, "Add this file")
    assert (dialog.name, dialog.data) == ("one.png", png())
    dialog.close()
    QApplication.processEvents()
    assert files_under(isolated_home) == before


def test_a_file_over_the_limit_is_refused_and_the_dialog_stays_open(qtbot, monkeypatch) -> None:
    from planner.ui import open_dialog

    monkeypatch.setattr(open_dialog, "MAX_ATTACHMENT_BYTES", 1024)
    folder = Path.home() / "Videos"
    folder.mkdir()
    (folder / "big.mov").write_bytes(b"x" * 2048)
    dialog = OpenDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_folder(folder)
    press(qtbot, dialog, "Add this file")
    assert "too large" in dialog.message.text()
    assert dialog.data == b"" and dialog.isVisible()


def test_the_printed_evidence_log_carries_the_entry(qtbot, guest: AppUnderTest) -> None:
    screen = open_screen(qtbot, guest)
    add_entry_by_keyboard(qtbot, screen)
    log = guest.session.plan.evidence()
    log.attach(log.entries()[0].id, "shot.png", png())
    guest.window.show_page("print")
    printing = guest.window.screens["print"]
    printing.kind_buttons["evidence"].setChecked(True)
    assert printing.picture_boxes  # one choice for the one picture, small by default
    printing.show_preview()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(
        printing.pdf_bytes)).pages)
    assert "He posted my street name" in text and ACCOUNT in text
    assert "shot.png" in text


def print_screen_with_one_picture(guest: AppUnderTest) -> tuple[PrintScreen, ChoiceBox]:
    """An entry with one picture, and the print screen showing the evidence log: the screen
    and that picture's choice of size."""
    log = guest.session.plan.evidence()
    entry = log.add(EntryFields(date(2026, 11, 2), what_happened=WORDS))
    log.attach(entry.id, "private.png", png())
    guest.window.show_page("print")
    printing = guest.window.screens["print"]
    assert isinstance(printing, PrintScreen)
    printing.kind_buttons["evidence"].setChecked(True)
    (box,) = printing.picture_boxes.values()
    return printing, box


def test_a_picture_left_out_is_not_printed(qtbot, guest: AppUnderTest) -> None:
    printing, box = print_screen_with_one_picture(guest)
    printing.show_preview()
    with_picture = sum(len(page.images) for page in PdfReader(io.BytesIO(
        printing.pdf_bytes)).pages)
    box.setCurrentIndex(box.findText("Leave it out"))
    printing.show_preview()
    left_out = sum(len(page.images) for page in PdfReader(io.BytesIO(
        printing.pdf_bytes)).pages)
    assert (with_picture, left_out) == (1, 0)


def test_the_printout_holds_only_the_chosen_dates_and_app(qtbot, guest: AppUnderTest) -> None:
    log = guest.session.plan.evidence()
    log.add(EntryFields(date(2026, 10, 1), platform="instagram", what_happened="October words"))
    log.add(EntryFields(date(2026, 11, 2), platform="instagram", what_happened="November words"))
    log.add(EntryFields(date(2026, 11, 3), platform="email", what_happened="Email words"))
    guest.window.show_page("print")
    printing = guest.window.screens["print"]
    printing.kind_buttons["evidence"].setChecked(True)
    QTest.keyClicks(printing.first_day, "2026-11-01")
    printing.platform.setCurrentIndex(printing.platform.findData("instagram"))
    printing.show_preview()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(
        printing.pdf_bytes)).pages)
    assert "November words" in text
    assert "October words" not in text and "Email words" not in text
    QTest.keyClicks(printing.last_day, "not a date")
    printing.show_preview()
    assert "year-month-day" in printing.filter_message.text()


def test_coming_back_to_an_unchanged_log_keeps_its_rows_and_a_change_shows(
        qtbot, guest: AppUnderTest) -> None:
    """Showing the log again builds nothing when nothing changed (a log of hundreds of
    entries would otherwise cost a second at every visit), and shows a change at once."""
    log = guest.session.plan.evidence()
    log.add(EntryFields(date(2026, 11, 2), what_happened=WORDS))
    screen = open_screen(qtbot, guest)
    rows = [screen.rows.itemAt(i).widget() for i in range(screen.rows.count())]
    guest.window.show_page("plan")
    screen = open_screen(qtbot, guest)
    assert [screen.rows.itemAt(i).widget() for i in range(screen.rows.count())] == rows
    guest.window.show_page("plan")
    log.add(EntryFields(date(2026, 11, 3), what_happened="A second thing happened"))
    screen = open_screen(qtbot, guest)
    assert "A second thing happened" in labels_text(screen.list_box)


def test_picture_choices_stay_when_coming_back_and_follow_the_language(
        qtbot, guest: AppUnderTest) -> None:
    printing, box = print_screen_with_one_picture(guest)
    box.setCurrentIndex(box.findText("Leave it out"))
    guest.window.show_page("plan")
    guest.window.show_page("print")
    (box,) = printing.picture_boxes.values()
    assert box.currentText() == "Leave it out"
    guest.window.language_chosen.emit("es")
    spanish = translator("es").gettext("Leave it out")
    assert spanish != "Leave it out"
    qtbot.waitUntil(lambda: [b.currentText() for b in printing.picture_boxes.values()]
                    == [spanish], timeout=2000)
    (box,) = printing.picture_boxes.values()
    assert box.currentData() == ImageSize.LEFT_OUT.value


def test_a_long_log_lists_the_newest_entries_and_shows_older_ones_on_request(
        qtbot, guest: AppUnderTest) -> None:
    """A log of hundreds of entries must stay quick to show: the 30 newest are listed, and a
    button shows older ones; a keyboard user lands on the first of them."""
    log = guest.session.plan.evidence()
    for number in range(45):
        log.add(EntryFields(date(2026, 1, 1) + timedelta(days=number),
                            what_happened=f"Thing number {number}"))
    screen = open_screen(qtbot, guest)
    opens = [b for b in screen.list_box.findChildren(QPushButton) if b.text() == "Open"]
    assert len(opens) == 30
    assert "Thing number 44" in labels_text(screen.list_box)  # the newest first
    assert "Thing number 14" not in labels_text(screen.list_box)
    more = next(b for b in screen.list_box.findChildren(QPushButton)
                if b.text() == "Show 15 older entries")
    more.setFocus()
    QTest.keyClick(more, Qt.Key.Key_Space)
    QApplication.processEvents()
    opens = [b for b in screen.list_box.findChildren(QPushButton) if b.text() == "Open"]
    assert len(opens) == 45
    assert "Thing number 0" in labels_text(screen.list_box)
    assert "Thing number 14" in QApplication.focusWidget().accessibleName()
