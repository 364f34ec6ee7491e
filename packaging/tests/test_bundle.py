"""Smoke test of the built Linux bundle (`dist/planner`, or $PLANNER_BUNDLE): `make bundle-test`.

Kept out of `make test` (whose testpaths is `tests/`) because it needs a built bundle. Every run
of the bundle gets a fresh, empty HOME, XDG folders, TMPDIR and working folder, and each test
checks they are still empty afterwards (and that /dev/shm, where the app points its temporary
files, gained nothing): the app must leave no trace in the person's profile.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PyInstaller.archive.readers import CArchiveReader
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("PLANNER_BUNDLE", ROOT / "dist" / "planner"))
INTERNAL = BUNDLE / "_internal"
SIZE_BUDGET = 160_000_000  # bytes, unpacked
SHIPPED_LANGUAGES = sorted(
    po.parent.parent.name for po in (ROOT / "translations").glob("*/LC_MESSAGES/planner.po")
    if not po.parent.parent.name.endswith(("_XA", "_XB"))
)
FONT_PACKAGES = ("fontpkg_atkinson_hyperlegible", "fontpkg_noto_sans", "fontpkg_noto_sans_arabic")
PLUGINS_ALLOWED = {
    "platforms/libqxcb.so",
    "platforms/libqoffscreen.so",
    "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "platforminputcontexts/libibusplatforminputcontextplugin.so",
    "printsupport/libcupsprintersupport.so",
    "imageformats/libqsvg.so",  # the theme's check-box ticks and drop-down arrows are SVG
}
NEVER_FROZEN = ("PySide6.QtNetwork", "ssl", "http.server", "pytest", "hypothesis", "pypdf",
                "PyInstaller", "tkinter", "unittest")

sys.path.insert(0, str(ROOT / "packaging"))
import portable  # noqa: E402 - the USB copy is made the same way `make portable` makes it


@dataclass
class Profile:
    """Fresh, empty per-user folders for one run, and the environment pointing at them."""

    folders: list[Path]
    cwd: Path
    env: dict[str, str]

    def leftovers(self) -> list[str]:
        return sorted(str(path) for folder in [*self.folders, self.cwd]
                      for path in folder.rglob("*"))


def _profile(root: Path) -> Profile:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("XDG_", "QT_", "PYTHON"))}
    folders = []
    for key, name in (("HOME", "home"), ("XDG_CONFIG_HOME", "config"),
                      ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"),
                      ("XDG_STATE_HOME", "state"), ("XDG_RUNTIME_DIR", "runtime"),
                      ("TMPDIR", "tmp")):
        folder = root / name
        folder.mkdir(mode=0o700, parents=True)
        env[key] = str(folder)
        folders.append(folder)
    cwd = root / "cwd"
    cwd.mkdir()
    env["QT_QPA_PLATFORM"] = "offscreen"
    return Profile(folders, cwd, env)


def _shared_memory() -> set[str]:
    shm = Path("/dev/shm")
    return {path.name for path in shm.iterdir()} if shm.is_dir() else set()


@pytest.fixture(scope="session")
def bundle() -> Path:
    if not (BUNDLE / "planner").is_file():
        pytest.fail(f"no bundle at {BUNDLE}: run `make bundle` (or `make bundle-test`)")
    return BUNDLE


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Profile]:
    """A clean profile; fails the test if the run left anything in it or in /dev/shm."""
    before = _shared_memory()
    isolated = _profile(tmp_path / "profile")
    yield isolated
    assert isolated.leftovers() == [], "the app wrote outside its own folder"
    assert _shared_memory() - before == set(), "the app left files in /dev/shm"


def run(command: list[str | Path], profile: Profile) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], env=profile.env, cwd=profile.cwd,
                          capture_output=True, text=True, timeout=180)


def require_module(relative: str) -> None:
    """Fail with a plain reason when a command's module has not been written yet."""
    if not (ROOT / relative).is_file():
        pytest.fail(f"{relative} does not exist yet, so the bundle cannot have it")


def tree(folder: Path) -> dict[str, int]:
    """Relative path -> size, for every file and link under `folder`."""
    return {path.relative_to(folder).as_posix(): path.lstat().st_size
            for path in folder.rglob("*")}


def frozen_modules(bundle: Path) -> set[str]:
    archive = CArchiveReader(str(bundle / "planner"))
    return set(archive.open_embedded_archive("PYZ.pyz").toc)


# -- it runs ---------------------------------------------------------------------------------

def test_prints_its_version(bundle: Path, profile: Profile) -> None:
    version = re.search(r'__version__ = "([^"]+)"',
                        (ROOT / "planner" / "__init__.py").read_text())[1]  # type: ignore[index]
    result = run([bundle / "planner", "--version"], profile)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"planner {version}"


def test_first_screen_paints_headless(bundle: Path, profile: Profile) -> None:
    result = run([bundle / "planner", "--startup-check"], profile)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().isdigit(), result.stdout


@pytest.mark.parametrize("locale", ["en", *SHIPPED_LANGUAGES])
def test_every_screen_looks_as_in_the_source_install(
    bundle: Path, profile: Profile, tmp_path: Path, locale: str
) -> None:
    """Same pictures, pixel for pixel, as the source install: so the bundle found its fonts,
    catalogs, content and babel's language names (a missing font would change every line)."""
    frozen, source = tmp_path / "frozen", tmp_path / "source"
    result = run([bundle / "planner", "tour", "--locale", locale, "--out", frozen], profile)
    assert result.returncode == 0, result.stderr
    reference = run([sys.executable, "-m", "planner", "tour", "--locale", locale,
                     "--out", source], _profile(tmp_path / "source-profile"))
    assert reference.returncode == 0, reference.stderr
    pictures = sorted(path.name for path in frozen.glob("*.png"))
    assert pictures, result.stdout
    assert pictures == sorted(path.name for path in source.glob("*.png"))
    different = [name for name in pictures
                 if (frozen / name).read_bytes() != (source / name).read_bytes()]
    assert different == []


def test_writes_the_blank_workbook(bundle: Path, profile: Profile, tmp_path: Path) -> None:
    require_module("planner/report/workbook.py")
    out = tmp_path / "workbook.pdf"
    result = run([bundle / "planner", "workbook", "--locale", "en", "--out", out], profile)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    pages = PdfReader(out).pages
    assert len(pages) > 0 and pages[0].extract_text().strip()


def test_writes_a_programs_policy_documents(bundle: Path, profile: Profile,
                                            tmp_path: Path) -> None:
    """The policy builder's documents from the bundle: its questions, odfdo and lxml for the
    ODT, and the static bold fonts for the PDFs are all inside it."""
    out = tmp_path / "policy"
    result = run([bundle / "planner", "policy", "--example", "--out", out, "--locale", "vi"],
                 profile)
    assert result.returncode == 0, result.stderr
    assert (out / "policy.odt").read_bytes().startswith(b"PK")
    for name in ("policy.pdf", "policy-worksheet.pdf"):
        reader = PdfReader(out / name)
        assert reader.pages[0].extract_text().strip()
        fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
                 for font in (page["/Resources"].get("/Font") or {}).values()}
        assert any("NotoSans-Bold" in font for font in fonts), fonts


def test_checks_the_bundled_topic_library(bundle: Path, profile: Profile, tmp_path: Path) -> None:
    """`check-content` with no folder reads the library inside the bundle, and finds exactly
    what the source install finds in content/ (whether the library is valid is `make test`'s
    business, not the bundle's)."""
    require_module("planner/core/content_check.py")
    frozen = run([bundle / "planner", "check-content"], profile)
    source = run([sys.executable, "-m", "planner", "check-content", ROOT / "content"],
                 _profile(tmp_path / "source-profile"))
    assert frozen.returncode == source.returncode

    def same_place(output: str, folder: Path) -> str:
        return output.replace(str(folder / "content"), "content")

    assert same_place(frozen.stderr, INTERNAL) == same_place(source.stderr, ROOT)
    assert same_place(frozen.stdout, INTERNAL) == same_place(source.stdout, ROOT)


def test_portable_copy_keeps_everything_in_its_own_folder(
    bundle: Path, profile: Profile, tmp_path: Path
) -> None:
    """A USB copy (made as `make portable` makes it) starts and runs the tour; afterwards the
    profile is empty and the copy's own folder is byte-for-byte as it was: nothing is written
    until a plan is saved, and then only into its `data` folder."""
    stick = tmp_path / "stick" / portable.FOLDER_NAME
    portable.make_folder(bundle, stick)
    assert (stick / portable.MARKER).is_file()
    before = tree(stick)
    result = run([stick / "planner", "--startup-check"], profile)
    assert result.returncode == 0, result.stderr
    result = run([stick / "planner", "tour", "--out", tmp_path / "pictures"], profile)
    assert result.returncode == 0, result.stderr
    assert tree(stick) == before


def test_portable_copy_creates_and_reopens_its_vault_beside_itself(
    bundle: Path, profile: Profile, tmp_path: Path
) -> None:
    """Real Argon2 and SQLCipher inside the bundle; the vault lands in the stick's data folder."""
    stick = tmp_path / "stick" / portable.FOLDER_NAME
    portable.make_folder(bundle, stick)
    first = subprocess.run([str(stick / "planner"), "vault-check"], input="usb passphrase\n",
                           env=profile.env, cwd=profile.cwd, capture_output=True, text=True,
                           timeout=180)
    assert first.returncode == 0, first.stderr
    assert "created and reopened" in first.stdout
    names = sorted(p.name for p in (stick / "data").iterdir())
    assert len(names) == 3 and names[1] == names[0] + ".bak" and names[2].startswith("key-")
    again = subprocess.run([str(stick / "planner"), "vault-check"], input="usb passphrase\n",
                           env=profile.env, cwd=profile.cwd, capture_output=True, text=True,
                           timeout=180)
    assert again.returncode == 0 and "opened" in again.stdout
    other = subprocess.run([str(stick / "planner"), "vault-check"],
                           input="another person's passphrase\n", env=profile.env,
                           cwd=profile.cwd, capture_output=True, text=True, timeout=180)
    assert other.returncode == 0 and "created and reopened" in other.stdout  # a second plan
    assert len(list((stick / "data").glob("*.db"))) == 2


# -- what is inside --------------------------------------------------------------------------

def test_no_network_parts_of_qt(bundle: Path) -> None:
    """No QtNetwork binding and no TLS or network-information plugins. libQt6Network itself
    is there only because libQt6Pdf links against it: no other file may refer to it."""
    files = [path for path in INTERNAL.rglob("*") if path.is_file() and not path.is_symlink()]
    assert [p.name for p in files if p.name.startswith("QtNetwork")] == []
    plugin_folders = {path.name for path in (INTERNAL / "PySide6" / "Qt" / "plugins").iterdir()}
    assert plugin_folders.isdisjoint({"tls", "networkinformation", "bearer"})
    users = {path.name for path in files
             if path.suffix == ".so" or ".so." in path.name
             if b"libQt6Network.so.6\x00" in path.read_bytes()}
    assert users - {"libQt6Network.so.6"} == {"libQt6Pdf.so.6"}


def test_only_the_plugins_the_app_uses(bundle: Path) -> None:
    plugins = INTERNAL / "PySide6" / "Qt" / "plugins"
    found = {path.relative_to(plugins).as_posix() for path in plugins.rglob("*.so")}
    assert found <= PLUGINS_ALLOWED
    assert {"platforms/libqxcb.so", "platforms/libqoffscreen.so"} <= found


def test_no_tools_or_network_clients_frozen(bundle: Path) -> None:
    modules = frozen_modules(bundle)
    present = sorted(name for name in modules
                     if any(name == top or name.startswith(top + ".") for top in NEVER_FROZEN))
    assert present == []
    assert {"planner.app", "planner.ui.tour", "planner.core.vault"} <= modules
    # Right-to-left printing needs both, and reportlab imports uharfbuzz only inside a try.
    assert {"planner.report.bidi", "bidi.algorithm", "uharfbuzz"} <= modules


def test_catalogs_for_the_shipped_languages_only(bundle: Path) -> None:
    ours = sorted(path.parent.parent.name
                  for path in (INTERNAL / "translations").glob("*/LC_MESSAGES/planner.mo"))
    assert ours == SHIPPED_LANGUAGES
    qt = sorted(path.name for path in (INTERNAL / "PySide6" / "Qt" / "translations").iterdir())
    bases = {"en", *(code.split("_")[0] for code in SHIPPED_LANGUAGES)}
    assert all(name.startswith("qtbase_") for name in qt), qt
    assert {name[len("qtbase_"):].split(".")[0].split("_")[0] for name in qt} <= bases
    for code in SHIPPED_LANGUAGES:  # babel names each language in itself on the welcome screen
        assert (INTERNAL / "babel" / "locale-data" / f"{code}.dat").is_file()


def test_ships_content_fonts_and_icon(bundle: Path) -> None:
    def names(folder: Path) -> set[str]:
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}

    assert names(INTERNAL / "content") == names(ROOT / "content")
    for package in FONT_PACKAGES:
        module = __import__(package)
        shipped = sorted(p.name for p in (Path(module.ROOT) / "files").glob("*.ttf"))
        assert shipped, package
        assert sorted(p.name for p in (INTERNAL / package / "files").glob("*.ttf")) == shipped
    assert (INTERNAL / "assets" / "planner.png").read_bytes() == (
        ROOT / "assets" / "planner.png").read_bytes()
    assert names(INTERNAL / "assets" / "fonts") == names(ROOT / "assets" / "fonts")


def test_unpacked_size_within_budget(bundle: Path) -> None:
    size = sum(path.stat().st_size for path in bundle.rglob("*")
               if path.is_file() and not path.is_symlink())
    assert size < SIZE_BUDGET, f"{size / 1e6:.1f} MB"


# -- Linux desktop integration ---------------------------------------------------------------

def test_install_script_installs_and_removes_cleanly(bundle: Path, tmp_path: Path) -> None:
    """install.sh, run from the download (the portable folder), puts the program and a menu
    entry in the home folder, without the stick's marker or data; --uninstall takes them away
    and keeps the plan; --erase-plan deletes the plan too. Nothing is left behind."""
    download = tmp_path / "download" / portable.FOLDER_NAME
    portable.make_folder(bundle, download)
    (download / "data").mkdir()
    (download / "data" / "plan.db").write_bytes(b"a plan that belongs to the stick")
    isolated = _profile(tmp_path / "profile")
    del isolated.env["XDG_DATA_HOME"]  # the common case: ~/.local/share
    home = Path(isolated.env["HOME"])
    result = run(["sh", download / "install.sh"], isolated)
    assert result.returncode == 0, result.stderr
    installed = home / ".local" / "opt" / "planner"
    assert sorted(path.name for path in installed.iterdir()) == ["_internal", "install.sh",
                                                                 "planner"]
    entry = home / ".local" / "share" / "applications" / "planner.desktop"
    assert f'Exec="{installed}/planner"' in entry.read_text().splitlines()
    assert (home / ".local/share/icons/hicolor/512x512/apps/planner.png").is_file()
    assert run([installed / "planner", "--version"], isolated).returncode == 0

    plan = home / ".local" / "share" / "planner" / "plan.db"
    plan.parent.mkdir(mode=0o700)
    plan.write_bytes(b"stand-in for an encrypted plan")
    result = run(["sh", installed / "install.sh", "--uninstall"], isolated)
    assert result.returncode == 0, result.stderr
    assert [p for p in home.rglob("*") if p.is_file()] == [plan]
    result = run(["sh", bundle / "install.sh", "--uninstall", "--erase-plan"], isolated)
    assert result.returncode == 0, result.stderr
    assert [p for p in home.rglob("*") if p.is_file()] == []


def test_desktop_files_use_neutral_words() -> None:
    linux = ROOT / "packaging" / "linux"
    entry = (linux / "planner.desktop").read_text()
    assert "\nName=Planner\n" in entry
    for path in linux.iterdir():
        text = path.read_text().lower()
        for word in ("abuse", "violence", "domestic", "survivor", "safety", "escape", "shelter"):
            assert word not in text, f"{path.name} says {word!r}"
