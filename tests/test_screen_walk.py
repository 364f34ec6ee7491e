"""Every screen and dialog at 100, 150 and 200 % text, in English, Spanish and the long
pseudo-locale, in both themes: nothing cut short, no sideways scrolling, every choice visibly a
choice, every button's text readable.

What a person sees is checked from pixels where it matters: an unselected check box or radio
button must show an outline that stands out from what is behind it, and a button's text must
stand out from the button.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from ui_helpers import (
    AppUnderTest,
    clipped_buttons,
    clipped_labels,
    clipped_when_focused,
    start_app,
)

from planner.core import i18n
from planner.core.preferences import Preferences
from planner.ui.tour_steps import fill_sample_plan

LOCALES = ("en", "es", "en_XA")
SCALES = (100, 150, 200)
WINDOW = (1024, 720)  # a small laptop or shelter screen, less the task bar
OUTLINE_CONTRAST = 3.0  # WCAG 2.2 non-text contrast
TEXT_CONTRAST = 4.5
DISABLED_TEXT_CONTRAST = 3.0


def _luminance(color: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) \
        + 0.0722 * channel(color.blue())


def contrast(a: QColor, b: QColor) -> float:
    first, second = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (first + 0.05) / (second + 0.05)


def _pixels(image: QImage, left: int, top: int, width: int, height: int) -> list[int]:
    """The RGB values in a rectangle of `image` (as ints: comparing them is cheap)."""
    return [image.pixel(x, y)
            for y in range(max(0, top), min(image.height(), top + height))
            for x in range(max(0, left), min(image.width(), left + width))]


def _most_common(colors: list[int]) -> QColor:
    counts: dict[int, int] = {}
    for color in colors:
        counts[color] = counts.get(color, 0) + 1
    return QColor.fromRgb(max(counts, key=counts.__getitem__))


def _strongest_contrast(colors: list[int], against: QColor) -> float:
    return max((contrast(QColor.fromRgb(color), against) for color in set(colors)),
               default=1.0)


def faint_choices(root: QWidget) -> list[str]:
    """Unselected check boxes and radio buttons whose box or circle barely shows."""
    faint = []
    for widget in root.findChildren(QAbstractButton):
        if not isinstance(widget, (QCheckBox, QRadioButton)) or not widget.isVisibleTo(root) \
                or widget.isChecked():
            continue
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        element = (QStyle.SubElement.SE_CheckBoxIndicator if isinstance(widget, QCheckBox)
                   else QStyle.SubElement.SE_RadioButtonIndicator)
        box = widget.style().subElementRect(element, option, widget)
        image = widget.grab().toImage()
        around = list(_pixels(image, box.left() - 4, box.top(), 3, box.height()))
        inside = list(_pixels(image, box.left(), box.top(), box.width(), box.height()))
        behind = _most_common(around or inside)
        if _strongest_contrast(inside, behind) < OUTLINE_CONTRAST:
            faint.append(widget.text()[:40])
    return faint


def unreadable_buttons(root: QWidget) -> list[str]:
    """Push buttons whose text hardly stands out from the button itself."""
    unreadable = []
    for widget in root.findChildren(QPushButton):
        if not widget.isVisibleTo(root) or not widget.text():
            continue
        image = widget.grab().toImage()
        inner = list(_pixels(image, 6, 6, image.width() - 12, image.height() - 12))
        face = _most_common(inner)
        needed = TEXT_CONTRAST if widget.isEnabled() else DISABLED_TEXT_CONTRAST
        if _strongest_contrast(inner, face) < needed:
            unreadable.append(widget.text()[:40])
    return unreadable


def sideways_scrolling(root: QWidget) -> list[str]:
    return [f"{type(area).__name__} {area.accessibleName()!r}"
            for area in root.findChildren(QAbstractScrollArea)
            if area.isVisibleTo(root) and area.horizontalScrollBar().isVisible()]


def problems(name: str, root: QWidget) -> list[str]:
    QApplication.processEvents()
    root.window().centralWidget().layout().activate() if hasattr(root.window(), "centralWidget") \
        else None
    QApplication.processEvents()
    found = [f"{name}: label cut short: {text!r}" for text in clipped_labels(root)]
    found += [f"{name}: button cut short: {text!r}" for text in clipped_buttons(root)]
    found += [f"{name}: cut short when focused: {text!r}" for text in clipped_when_focused(root)]
    found += [f"{name}: scrolls sideways: {area}" for area in sideways_scrolling(root)]
    found += [f"{name}: choice with no visible outline: {text!r}" for text in faint_choices(root)]
    found += [f"{name}: unreadable button: {text!r}" for text in unreadable_buttons(root)]
    return found


def _dialog_problems(name: str, dialog: QWidget) -> list[str]:
    dialog.show()
    QApplication.processEvents()
    found = problems(name, dialog)
    dialog.close()
    return found


def _photo_with_location() -> bytes:
    import io

    from PIL import Image

    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (40.0, 26.0, 46.0)})
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(out, "JPEG", exif=exif)
    return out.getvalue()


def evidence_problems(window: QWidget) -> list[str]:
    """The evidence log: empty, its list, and an entry open with a photo that has a location
    (its warning shown), then that photo in the picture dialog. The log's printout is walked
    with the other outputs."""
    from datetime import date

    from planner.core.evidence import EntryFields

    window.show_page("evidence")
    screen = window.screens["evidence"]
    found = problems("evidence log, empty", screen)
    log = window.plan().evidence()
    entry = log.add(EntryFields(date(2026, 11, 2), account="@someone",
                                what_happened="A message I did not want."))
    attachment = log.attach(entry.id, "IMG_0001.jpg", _photo_with_location())
    screen.refresh()
    found += problems("evidence log", screen)
    screen.open_entry(entry.id)
    found += problems("evidence entry", screen)
    picture = screen.view_file(attachment)
    found += _dialog_problems("picture dialog", picture)
    return found


def policy_problems(window: QWidget) -> list[str]:
    """The program policy builder (advocate view): every step, with a concern showing."""
    preferences = replace(window.preferences, advocate_view=True)
    window.settings.preferences_changed.emit(preferences)
    window.show_page("policy")
    screen = window.screens["policy"]
    question = next(q for q in screen.guide.questions if any(o.concern for o in q.options))
    concern = next(o for o in question.options if o.concern)
    screen.questions[question.id].choices[concern.id].setChecked(True)
    found = []
    for step, widget in screen.step_buttons.items():
        widget.click()
        found += problems(f"policy, {step}", screen)
    return found


def walk(app: AppUnderTest) -> list[str]:
    """Visit every screen, state and dialog a person can reach; return what is wrong."""
    window = app.window
    found = problems("welcome", window.welcome)
    window.welcome.new_button.click()
    found += problems("new plan", window.welcome)
    window.welcome.show_choices()
    window.welcome.guest_button.click()
    plan = window.plan()
    preferences = Preferences(text_scale=app.scale, high_contrast=app.contrast)
    preferences.save(plan)
    window.settings.preferences_changed.emit(preferences)
    found += problems("what matters", window.priorities)
    fill_sample_plan(plan)
    window.show_page("topics")
    found += problems("topics", window.topics)
    window.topics.list.setCurrentRow(window.topics.list.count() - 1)  # Next topic is disabled
    found += problems("last topic", window.topics)
    caution = next(t.id for t in window.topics.topics if any(a.caution for a in t.actions))
    window.topics.refresh(caution)
    found += problems("topic with caution", window.topics)
    window.show_page("plan")
    window.plan_screen.people.open_form(None)
    found += problems("my plan", window.plan_screen)
    found += evidence_problems(window)
    window.show_page("print")
    screen = window.screens["print"]
    for kind, radio in screen.kind_buttons.items():
        radio.setChecked(True)
        screen.discreet.setChecked(kind == "card")
        screen.show_preview()  # what the preview timer does a moment later
        found += problems(f"print {kind}", screen)
    screen._printers = lambda: []
    screen.print_button.click()
    found += problems("print, no printer", screen)
    from planner.ui.printer_dialog import PrinterDialog
    from planner.ui.save_dialog import SaveDialog

    found += _dialog_problems("printer dialog", PrinterDialog(["Office printer"], window))
    found += _dialog_problems("save dialog", SaveDialog(b"%PDF", window))
    from planner.ui.open_dialog import OpenDialog

    found += _dialog_problems("open dialog", OpenDialog(window))
    found += policy_problems(window)
    window.show_page("settings")
    found += problems("settings", window.settings)
    window.show_page("help")
    found += problems("help", window.help)
    window.save_errors.show_message("Your last change could not be saved because the disk is "
                                    "full. Everything saved before it is safe.")
    found += problems("save error", window.save_errors)
    window.lock()
    found += problems("lock", window.lock_screen)
    window.end_session()
    from PySide6.QtCore import QCoreApplication, QEvent

    # What the app's event loop does next: delete the screens of the ended session.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.welcome.open_button.setEnabled(False)  # as when no plan is saved here
    window.welcome.new_button.setEnabled(False)
    found += problems("welcome, disabled choices", window.welcome)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("contrast", [False, True], ids=["calm", "high-contrast"])
@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("locale", LOCALES)
def test_every_screen_fits_and_shows_its_choices(qtbot, tmp_path: Path, locale: str,
                                                 scale: int, contrast: bool) -> None:
    app = start_app(tmp_path / "data", qtbot)
    app.window.resize(*WINDOW)
    app.scale, app.contrast = scale, contrast
    app.window.language_chosen.emit(locale)
    try:
        found = walk(app)
    finally:
        app.window.language_chosen.emit(i18n.SOURCE_LANGUAGE)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("contrast", [False, True], ids=["calm", "high-contrast"])
def test_quick_exit_is_the_red_button_in_both_themes(qtbot, tmp_path: Path,
                                                     contrast: bool) -> None:
    from planner.ui.application import apply_preferences

    app = start_app(tmp_path / "data", qtbot)
    apply_preferences(QApplication.instance(), Preferences(high_contrast=contrast))
    image = app.window.header.quick_exit.grab().toImage()
    face = _most_common(list(_pixels(image, 6, 6, image.width() - 12, image.height() - 12)))
    assert face.red() > 150 and face.green() < 80 and face.blue() < 80, face.name()
    apply_preferences(QApplication.instance(), Preferences())


def _cut_short_list_items(widget) -> list[str]:
    """Items of a word-wrapped list whose text needs more height than the item was given."""
    from PySide6.QtCore import QRect, Qt

    metrics = widget.fontMetrics()
    short = []
    for row in range(widget.count()):
        item = widget.item(row)
        rect = widget.visualItemRect(item)
        needed = metrics.boundingRect(QRect(0, 0, rect.width() - 12, 10_000),
                                      int(Qt.TextFlag.TextWordWrap), item.text()).height()
        if rect.height() < needed:
            short.append(item.text().replace("\n", " ")[:40])
    return short


def test_topic_list_items_fit_after_the_text_size_changes(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    window = app.window
    window.welcome.guest_button.click()
    window.show_page("topics")
    QApplication.processEvents()
    assert _cut_short_list_items(window.topics.list) == []
    for scale, contrast in ((100, True), (200, True), (150, False), (100, False)):
        preferences = Preferences(text_scale=scale, high_contrast=contrast)
        preferences.save(window.plan())
        window.settings.preferences_changed.emit(preferences)
        window.show_page("settings")
        window.show_page("topics")
        QApplication.processEvents()
        assert _cut_short_list_items(window.topics.list) == [], f"at {scale} %"
    window.end_session()


def test_at_200_percent_the_topic_list_still_shows_several_topics(qtbot, tmp_path: Path) -> None:
    from ui_helpers import create_saved_plan

    app = start_app(tmp_path / "data", qtbot)
    window = app.window
    window.resize(*WINDOW)
    create_saved_plan(qtbot, app, "blue kettle morning")
    preferences = Preferences(text_scale=200)
    preferences.save(window.plan())
    window.settings.preferences_changed.emit(preferences)
    window.show_page("topics")
    QApplication.processEvents()
    topics = window.topics.list
    whole = [row for row in range(topics.count())
             if topics.viewport().rect().contains(topics.visualItemRect(topics.item(row)))]
    assert len(whole) >= 3, f"only {len(whole)} topics can be seen whole"
    assert _cut_short_list_items(topics) == []
    window.end_session()
