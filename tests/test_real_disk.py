"""A full disk and a read-only folder made for real, not imitated inside SQLite.

The plan lives on a small tmpfs (1 MiB). A full disk is that tmpfs filled to the last byte (or
to a few pages); a read-only folder is the plan's folder bind-mounted over itself and that mount
made read-only. Either way the kernel itself refuses the write (ENOSPC, EROFS), so SQLite
answers with the codes it gives on a person's computer, and the app must tell the two apart
from those codes, keep everything saved before, and say what happened and what to do.

Mounting needs root and a system that allows it (the tests run as root on CI); where this
machine cannot mount, each test is skipped and the reason is printed (`-rs`). Every mount is
undone when its test ends, passed or failed.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from ui_helpers import AppUnderTest, buttons_named, create_saved_plan, start_app
from vault_helpers import CANARY, CHEAP_KEYS, PASSPHRASE

from planner.core.errors import DiskFull, VaultError, VaultInaccessible
from planner.core.files import building_name
from planner.core.plan import ActionStatus, Plan
from planner.core.session import Session

DISK_BYTES = 1024 * 1024

# What the person reads: each names what happened and what to do, and the two differ.
DISK_FULL = ("Your last change could not be saved because the disk is full. Everything saved "
             "before it is safe. Free some space, then make the change again.")
READ_ONLY = ("Your last change could not be saved because this computer won't let the app "
             "write here. Everything saved before it is safe.")
CANNOT_OPEN_HERE = ("This computer won't let the app read or change your plan file. Ask the "
                    "person who looks after this computer to check its permissions.")


# -- mounting, undone whatever happens ---------------------------------------------------------

def _system(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)


def _mount(what: str, *arguments: str) -> None:
    """Run `mount`, or skip the test saying why this machine cannot."""
    if os.geteuid() != 0:
        pytest.skip(f"making {what} needs root, to mount it (CI runs the tests as root)")
    if shutil.which("mount") is None:
        pytest.skip(f"making {what} needs the `mount` command (Debian package: mount)")
    done = _system("mount", *arguments)
    if done.returncode != 0:
        said = done.stderr.strip().splitlines()[0].rsplit(": ", 1)[-1] if done.stderr else ""
        pytest.skip(f"this machine cannot mount {what}: {said.rstrip('.')}; in a container "
                    "that needs CAP_SYS_ADMIN")


def _unmount(target: Path) -> None:
    if _system("umount", str(target)).returncode != 0:
        # Something still holds a file open in it (a test that failed before closing its
        # plan): detach it now; the kernel lets it go when that file is closed.
        _system("umount", "--lazy", str(target))


@dataclass
class SmallDisk:
    """A 1 MiB tmpfs that can be filled up and emptied again."""

    root: Path

    @property
    def filler(self) -> Path:
        return self.root / "filler"

    def fill(self, leave: int = 0) -> None:
        """Fill the disk, leaving `leave` bytes (whole pages) free."""
        reserve = self.root / "reserve"
        reserve.write_bytes(bytes(leave))
        descriptor = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            while True:
                os.write(descriptor, bytes(64 * 1024))
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise
        finally:
            os.close(descriptor)
        reserve.unlink()
        assert self.free_bytes() == leave

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)

    def free_bytes(self) -> int:
        stats = os.statvfs(self.root)
        return stats.f_bavail * stats.f_frsize


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    root = tmp_path / "disk"
    root.mkdir()
    _mount("a small disk (tmpfs)", "-t", "tmpfs", "-o", f"size={DISK_BYTES},mode=0700",
           "planner-test-disk", str(root))
    try:
        yield SmallDisk(root)
    finally:
        _unmount(root)


@dataclass
class FolderLock:
    """Makes a folder read-only for the kernel, in place, and writable again.

    The folder is bind-mounted over itself and that mount remounted read-only: from then on
    nothing can be made, changed or removed in it (EROFS), as when a folder becomes read-only
    under a running app; a file the app already had open stays open, as it does then.
    """

    locked: list[Path] = field(default_factory=list)

    def make_read_only(self, folder: Path) -> None:
        _mount("a read-only folder (bind mount)", "--bind", str(folder), str(folder))
        self.locked.append(folder)
        _mount("a read-only folder (read-only bind mount)", "-o", "remount,bind,ro",
               str(folder))

    def make_writable(self, folder: Path) -> None:
        self.locked.remove(folder)
        _unmount(folder)

    def undo(self) -> None:
        for folder in reversed(self.locked):
            _unmount(folder)
        self.locked.clear()


@pytest.fixture
def folder_lock(tmp_path: Path) -> Iterator[FolderLock]:
    """Checked before the test starts, so a machine that cannot skips before anything is made."""
    lock = FolderLock()
    try:
        probe = tmp_path / "can-lock"
        probe.mkdir()
        lock.make_read_only(probe)
        with pytest.raises(OSError) as refused:
            (probe / "new").write_bytes(b"")
        assert refused.value.errno == errno.EROFS
        lock.make_writable(probe)
        yield lock
    finally:
        lock.undo()


# -- the plan's saved values, and what is on disk ----------------------------------------------

ACTION = "location-1"


def _save_some_of_everything(plan: Plan) -> None:
    plan.set_note("location", f"note {CANARY}")
    plan.add_contact(f"Friend {CANARY}", "555-0100", "call after 6")
    plan.add_resource("Shelter", "555-0199", "open all night")
    plan.set_status(ACTION, ActionStatus.TODO)
    plan.set_choices({"location"}, {"phone"})
    plan.set_setting("print_title", "My plan")


def _assert_all_saved_values_are_there(plan: Plan) -> None:
    assert plan.note("location") == f"note {CANARY}"
    assert [(c.name, c.reach, c.note) for c in plan.contacts()] == [
        (f"Friend {CANARY}", "555-0100", "call after 6")]
    assert [(r.name, r.reach, r.note) for r in plan.resources()] == [
        ("Shelter", "555-0199", "open all night")]
    assert plan.status(ACTION) is ActionStatus.TODO
    assert plan.priorities() == {"location"} and plan.platforms() == {"phone"}
    assert plan.setting("print_title") == "My plan"


def _edits_that_must_fail(plan: Plan) -> dict[str, Callable[[], object]]:
    return {
        "a long note": lambda: plan.set_note("children", "a long note " * 40_000),
        "a short note": lambda: plan.set_note("location", "changed"),
        "a person": lambda: plan.add_contact("New", "555-0123", ""),
        "a status": lambda: plan.set_status(ACTION, ActionStatus.DONE),
        "a setting": lambda: plan.set_setting("print_title", "Changed"),
    }


def _assert_none_of_them_was_saved(plan: Plan) -> None:
    assert plan.note("children") == ""
    assert "New" not in [c.name for c in plan.contacts()]
    _assert_all_saved_values_are_there(plan)


def _files(folder: Path) -> dict[str, bytes]:
    """Every file in the plan's folder, by name, with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _refused(edit: Callable[[], object]) -> VaultError:
    with pytest.raises(VaultError) as caught:
        edit()
    return caught.value


# -- the vault, with the disk really full ------------------------------------------------------

def test_a_save_on_a_full_disk_says_the_disk_is_full_and_loses_nothing(
        small_disk: SmallDisk) -> None:
    data = small_disk.root / "data"
    session = Session(data, CHEAP_KEYS)
    plan = session.start_new(PASSPHRASE)
    _save_some_of_everything(plan)
    before = _files(data)
    small_disk.fill()
    for what, edit in _edits_that_must_fail(plan).items():
        error = _refused(edit)
        assert (type(error), str(error)) == (DiskFull, DISK_FULL), what
    _assert_none_of_them_was_saved(plan)
    assert _files(data) == before  # the plan, its backup and its key record, byte for byte
    session.lock()  # the backup cannot be refreshed: nothing half-written is left for it
    assert _files(data) == before
    small_disk.free()
    plan = session.unlock(PASSPHRASE)
    _assert_none_of_them_was_saved(plan)
    plan.set_note("children", "saved once there is room")
    session.end()
    assert Session(data, CHEAP_KEYS).open_saved(PASSPHRASE).note("children") == \
        "saved once there is room"


def test_a_save_bigger_than_the_space_left_fails_midway_and_is_rolled_back_whole(
        small_disk: SmallDisk) -> None:
    """With a few pages left, the journal fits but the plan file cannot grow enough: SQLite
    stops in the middle of writing the plan file and must put back every page from its
    journal. (SQLCipher encrypts each page it puts back under a fresh IV, so the plan file's
    bytes change while what it holds does not: opening it again checks every page.) A small
    change still fits afterwards."""
    data = small_disk.root / "data"
    session = Session(data, CHEAP_KEYS)
    plan = session.start_new(PASSPHRASE)
    _save_some_of_everything(plan)
    before = _files(data)
    small_disk.fill(leave=48 * 1024)
    error = _refused(lambda: plan.set_note("children", "a long note " * 40_000))
    assert (type(error), str(error)) == (DiskFull, DISK_FULL)
    after = _files(data)
    assert after.keys() == before.keys()  # no journal and no half-written copy left
    plan_file = session.plan_path.name if session.plan_path else ""
    assert len(after.pop(plan_file)) == len(before.pop(plan_file))  # the pages it grew by: gone
    assert after == before  # the backup and the key record, byte for byte
    _assert_none_of_them_was_saved(plan)
    plan.set_note("children", "a short note fits")
    session.lock()
    small_disk.free()
    plan = session.unlock(PASSPHRASE)
    assert plan.note("children") == "a short note fits"
    _assert_all_saved_values_are_there(plan)
    session.end()


def test_a_plan_on_a_full_disk_still_opens_and_each_change_says_the_disk_is_full(
        small_disk: SmallDisk) -> None:
    """A person must not be locked out of their own plan because the disk filled up while it
    was locked: it opens, shows everything, and each change they try says what to do."""
    data = small_disk.root / "data"
    session = Session(data, CHEAP_KEYS)
    _save_some_of_everything(session.start_new(PASSPHRASE))
    session.lock()
    before = _files(data)
    small_disk.fill()
    plan = session.unlock(PASSPHRASE)
    _assert_all_saved_values_are_there(plan)
    error = _refused(lambda: plan.set_note("children", "x"))
    assert (type(error), str(error)) == (DiskFull, DISK_FULL)
    session.lock()
    assert _files(data) == before
    small_disk.free()
    _assert_none_of_them_was_saved(session.unlock(PASSPHRASE))
    session.end()


# -- the vault, with its folder really read-only ------------------------------------------------

def test_a_save_in_a_folder_made_read_only_says_so_and_loses_nothing(
        tmp_path: Path, folder_lock: FolderLock) -> None:
    data = tmp_path / "data"
    session = Session(data, CHEAP_KEYS)
    plan = session.start_new(PASSPHRASE)
    _save_some_of_everything(plan)
    before = _files(data)
    folder_lock.make_read_only(data)
    for what, edit in _edits_that_must_fail(plan).items():
        error = _refused(edit)
        assert (type(error), str(error)) == (VaultError, READ_ONLY), what
    _assert_none_of_them_was_saved(plan)
    session.lock()
    assert _files(data) == before
    folder_lock.make_writable(data)
    plan = session.unlock(PASSPHRASE)
    _assert_none_of_them_was_saved(plan)
    plan.set_note("children", "saved once it is writable")
    session.end()
    assert Session(data, CHEAP_KEYS).open_saved(PASSPHRASE).note("children") == \
        "saved once it is writable"


def test_a_plan_in_a_read_only_folder_is_not_opened_says_why_and_is_not_changed(
        tmp_path: Path, folder_lock: FolderLock) -> None:
    """Also with a half-built file that a crash left beside it, which opening would clear."""
    data = tmp_path / "data"
    session = Session(data, CHEAP_KEYS)
    _save_some_of_everything(session.start_new(PASSPHRASE))
    session.lock()
    assert session.plan_path is not None
    building_name(session.plan_path).write_bytes(b"half a copy")
    before = _files(data)
    folder_lock.make_read_only(data)
    for open_it in (lambda: session.unlock(PASSPHRASE),
                    lambda: Session(data, CHEAP_KEYS).open_saved(PASSPHRASE)):
        error = _refused(open_it)
        assert (type(error), str(error)) == (VaultInaccessible, CANNOT_OPEN_HERE)
    assert _files(data) == before
    folder_lock.make_writable(data)
    _assert_all_saved_values_are_there(session.unlock(PASSPHRASE))
    session.end()


# -- a new plan where nothing can be written ---------------------------------------------------

def test_a_new_plan_on_a_full_disk_says_the_disk_is_full_and_leaves_nothing(
        small_disk: SmallDisk) -> None:
    data = small_disk.root / "data"
    data.mkdir(mode=0o700)
    small_disk.fill()
    error = _refused(lambda: Session(data, CHEAP_KEYS).start_new(PASSPHRASE))
    assert (type(error), str(error)) == (DiskFull, DISK_FULL)
    assert list(data.iterdir()) == []
    small_disk.free()
    Session(data, CHEAP_KEYS).start_new(PASSPHRASE).vault.close()


def test_a_new_plan_in_a_read_only_folder_says_so_and_leaves_nothing(
        tmp_path: Path, folder_lock: FolderLock) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    folder_lock.make_read_only(data)
    error = _refused(lambda: Session(data, CHEAP_KEYS).start_new(PASSPHRASE))
    assert (type(error), str(error)) == (VaultError, READ_ONLY)
    folder_lock.make_writable(data)
    assert list(data.iterdir()) == []


# -- what the person sees, through the real window ---------------------------------------------

@dataclass
class Refusal:
    """One real reason the disk refuses a save, and what the person must read."""

    message: str
    begin: Callable[[], None]
    end: Callable[[], None]


@pytest.fixture(params=["full disk", "read-only folder"])
def refusal_and_app(request, qtbot, small_disk: SmallDisk,
                    folder_lock: FolderLock) -> Iterator[tuple[Refusal, AppUnderTest]]:
    """The real window with a new saved plan on the small disk, and the way to refuse saves."""
    data = small_disk.root / "data"
    app = start_app(data, qtbot)
    create_saved_plan(qtbot, app, PASSPHRASE)
    if request.param == "full disk":
        refusal = Refusal(DISK_FULL, small_disk.fill, small_disk.free)
    else:
        refusal = Refusal(READ_ONLY, lambda: folder_lock.make_read_only(data),
                          lambda: folder_lock.make_writable(data))
    try:
        yield refusal, app
    finally:
        app.window.end_session()


def _banner_says(app: AppUnderTest, message: str) -> bool:
    banner = app.window.save_errors
    return banner.isVisible() and banner.text.text() == message


def _unlock(qtbot, app: AppUnderTest) -> None:
    lock_screen = app.window.lock_screen
    lock_screen.passphrase.setFocus()
    qtbot.keyClicks(lock_screen.passphrase, PASSPHRASE)
    QTest.keyClick(lock_screen.passphrase, Qt.Key.Key_Return)
    assert not app.session.locked


def test_a_note_typed_when_the_disk_refuses_says_why_stays_on_screen_and_is_saved_later(
        qtbot, refusal_and_app: tuple[Refusal, AppUnderTest], capfd) -> None:
    refusal, app = refusal_and_app
    app.window.show_page("topics")
    topic = app.window.topics.current
    editor = app.window.topics.notes.editor
    refusal.begin()
    editor.setFocus()
    qtbot.keyClicks(editor, "meet Dee at noon")
    qtbot.waitUntil(lambda: _banner_says(app, refusal.message), timeout=5000)
    assert editor.toPlainText() == "meet Dee at noon"
    assert app.session.plan is not None and app.session.plan.note(topic.id) == ""
    refusal.end()
    app.window.lock()  # locking saves what is still unsaved, now that it can
    _unlock(qtbot, app)
    assert app.session.plan.note(topic.id) == "meet Dee at noon"
    assert capfd.readouterr().err == ""


def test_a_person_added_when_the_disk_refuses_says_why_and_keeps_the_form(
        qtbot, refusal_and_app: tuple[Refusal, AppUnderTest], capfd) -> None:
    refusal, app = refusal_and_app
    app.window.show_page("plan")
    people = app.window.plan_screen.people
    refusal.begin()
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(people.name, "Dee")
    qtbot.keyClicks(people.reach, "555-0100")
    qtbot.mouseClick(buttons_named(people, "Save")[0], Qt.MouseButton.LeftButton)
    assert _banner_says(app, refusal.message)
    assert people.form.isVisible()
    assert (people.name.text(), people.reach.text()) == ("Dee", "555-0100")
    assert app.session.plan is not None and app.session.plan.contacts() == ()
    refusal.end()
    qtbot.mouseClick(buttons_named(people, "Save")[0], Qt.MouseButton.LeftButton)
    assert [c.name for c in app.session.plan.contacts()] == ["Dee"]
    assert capfd.readouterr().err == ""


def test_unlocking_on_a_full_disk_shows_the_plan_and_says_why_a_change_fails(
        qtbot, small_disk: SmallDisk, capfd) -> None:
    app = start_app(small_disk.root / "data", qtbot)
    create_saved_plan(qtbot, app, PASSPHRASE)
    assert app.session.plan is not None
    app.session.plan.add_contact("Dee", "555-0100", "")
    app.window.lock()
    small_disk.fill()
    _unlock(qtbot, app)
    app.window.show_page("plan")
    people = app.window.plan_screen.people
    assert [w.text() for w in people.findChildren(QLabel) if w.isVisible()].count("Dee") == 1
    qtbot.mouseClick(buttons_named(people, "Remove")[0], Qt.MouseButton.LeftButton)
    assert _banner_says(app, DISK_FULL)
    assert [c.name for c in app.session.plan.contacts()] == ["Dee"]
    app.window.end_session()
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("where", ["full disk", "read-only folder"])
def test_creating_a_plan_where_nothing_can_be_written_says_why_on_the_welcome_screen(
        qtbot, small_disk: SmallDisk, folder_lock: FolderLock, where: str) -> None:
    data = small_disk.root / "data"
    data.mkdir(mode=0o700)
    app = start_app(data, qtbot)
    if where == "full disk":
        small_disk.fill()
    else:
        folder_lock.make_read_only(data)
    create_saved_plan(qtbot, app, PASSPHRASE)
    welcome = app.window.welcome
    assert app.window.stack.currentWidget() is welcome
    assert welcome.create_error.text() == (DISK_FULL if where == "full disk" else READ_ONLY)
    assert welcome.create_error.isVisible()
    assert app.session.plan is None
