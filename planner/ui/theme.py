"""Colours, sizes and focus rings: one stylesheet, built from the person's settings.

Calm, warm colours by default; a high-contrast theme (white on black, cyan focus) for low
vision. Sizes are in points scaled by the text-size setting, so 200% really doubles everything,
and every control is at least 32 px high. Nothing relies on colour alone: states also change
text, borders or icons.
"""

from __future__ import annotations

from typing import NamedTuple

from planner.core.resources import assets_dir


class Palette(NamedTuple):
    """One theme's colours (a named tuple: a frozen dataclass of 16 fields took 1 ms of the
    first screen's start-up to build)."""

    name: str
    window: str
    surface: str
    text: str
    muted: str
    accent: str
    accent_text: str
    focus: str
    caution_bg: str
    caution_border: str
    exit_bg: str
    exit_text: str
    exit_border: str
    banner_bg: str
    control_border: str
    disabled: str


# Every colour pair used for text, and every control's outline against its background, meets
# WCAG 2.2 contrast (4.5:1 for text, 3:1 for outlines and focus rings); tests check the pixels.
CALM = Palette(name="calm", window="#f6f4ef", surface="#ffffff", text="#1d2730",
               muted="#4a5561", accent="#2c5d63", accent_text="#ffffff", focus="#a34f00",
               caution_bg="#fff4d6", caution_border="#8a5a00", exit_bg="#9b2226",
               exit_text="#ffffff", exit_border="#9b2226", banner_bg="#e3ecf7",
               control_border="#5f6b78", disabled="#5d6670")
# Quick exit stays red here too: the help calls it "the red button".
HIGH_CONTRAST = Palette(name="contrast", window="#000000", surface="#000000", text="#ffffff",
                        muted="#ffffff", accent="#ffff00", accent_text="#000000",
                        focus="#00ffff", caution_bg="#000000", caution_border="#ffff00",
                        exit_bg="#c00000", exit_text="#ffffff", exit_border="#ffffff",
                        banner_bg="#000000", control_border="#ffffff", disabled="#c8c8c8")


def palette_for(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else CALM


def stylesheet(scale_percent: int = 100, high_contrast: bool = False) -> str:
    """The Qt stylesheet for a text size (100–200%) and theme.

    Focus never changes a control's size (only the colour of a border it always has), so a
    focused label is never cut short. Check boxes and radio buttons always show their outline,
    so a choice never looks like plain text.
    """
    p = palette_for(high_contrast)
    s = scale_percent / 100

    def pt(points: float) -> str:
        return f"{points * s:.1f}pt"

    def px(pixels: float) -> str:
        return f"{round(pixels * s)}px"

    border = "2px solid " + (p.text if high_contrast else "#9aa5b1")
    tick = (assets_dir() / f"check-{p.name}.svg").as_posix()
    arrow = (assets_dir() / f"arrow-{p.name}.svg").as_posix()
    arrow_up = (assets_dir() / f"arrow-up-{p.name}.svg").as_posix()
    indicator = round(20 * s)
    # No widget animations: the only one Qt would run here is the main window's, which starts a
    # zero-length animation at first show even with nothing to animate. Its timer is an object
    # of a class PySide does not know; shown it by the app's event filters, PySide builds every
    # Qt type to place it (about 15 ms) before the first screen is painted.
    return f"""
QWidget {{ background: {p.window}; color: {p.text}; widget-animation-duration: 0; }}
QLabel {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {pt(20)}; font-weight: bold; }}
QLabel[role="subtitle"] {{ font-size: {pt(15)}; font-weight: bold; }}
QLabel[role="muted"] {{ color: {p.muted}; }}
QFrame[role="card"] {{ background: {p.surface}; border: {border}; border-radius: 8px; }}
QFrame[role="caution"] {{ background: {p.caution_bg}; border: 2px solid {p.caution_border};
    border-left: 8px solid {p.caution_border}; border-radius: 6px; }}
QFrame[role="banner"] {{ background: {p.banner_bg}; border: 2px solid {p.accent};
    border-radius: 6px; }}
QPushButton {{ min-height: {px(34)}; padding: {px(4)} {px(14)}; border: {border}; margin: 1px;
    border-radius: 6px; background: {p.surface}; color: {p.text}; }}
QPushButton[role="primary"] {{ background: {p.accent}; color: {p.accent_text};
    border: 2px solid {p.accent}; font-weight: bold; }}
QPushButton[current="true"] {{ background: {p.accent}; color: {p.accent_text};
    border: 2px solid {p.accent}; font-weight: bold; }}
QPushButton[role="quick-exit"] {{ background: {p.exit_bg}; color: {p.exit_text};
    border: 2px solid {p.exit_border}; font-weight: bold; min-width: {px(120)}; }}
QPushButton:disabled, QPushButton[role="primary"]:disabled {{ background: {p.window};
    color: {p.disabled}; border: 2px dashed {p.disabled}; }}
QPushButton:focus, QLineEdit:focus, QPlainTextEdit:focus, QTextBrowser:focus, QListWidget:focus,
QComboBox:focus, QSpinBox:focus, QTreeView:focus {{ outline: none;
    border: 3px solid {p.focus}; margin: 0; }}
QLineEdit, QPlainTextEdit, QTextBrowser, QListWidget, QComboBox, QSpinBox, QTreeView {{
    background: {p.surface}; color: {p.text}; border: {border}; border-radius: 6px; margin: 1px;
    padding: {px(4)}; min-height: {px(30)}; selection-background-color: {p.accent};
    selection-color: {p.accent_text}; }}
QComboBox {{ padding-right: {px(34)}; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
    width: {px(30)}; border: none; background: transparent; }}
QComboBox::down-arrow {{ image: url("{arrow}"); width: {px(16)}; height: {px(16)}; }}
QSpinBox {{ padding-right: {px(34)}; }}
QSpinBox::up-button, QSpinBox::down-button {{ subcontrol-origin: border; width: {px(30)};
    border: none; background: transparent; }}
QSpinBox::up-button {{ subcontrol-position: top right; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; }}
QSpinBox::up-arrow {{ image: url("{arrow_up}"); width: {px(14)}; height: {px(14)}; }}
QSpinBox::down-arrow {{ image: url("{arrow}"); width: {px(14)}; height: {px(14)}; }}
QListWidget::item, QTreeView::item {{ min-height: {px(32)}; padding: {px(2)}; }}
QListWidget::item:selected, QTreeView::item:selected {{ background: {p.accent};
    color: {p.accent_text}; }}
QCheckBox, QRadioButton {{ min-height: {px(32)}; spacing: {px(8)}; padding: {px(2)} {px(4)};
    border: 3px solid transparent; border-radius: 6px; }}
QCheckBox:focus, QRadioButton:focus {{ outline: none; border-color: {p.focus}; }}
QCheckBox:disabled, QRadioButton:disabled {{ color: {p.disabled}; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: {indicator}px; height: {indicator}px;
    background: {p.surface}; border: 2px solid {p.control_border}; }}
QCheckBox::indicator {{ border-radius: 3px; }}
QRadioButton::indicator {{ border-radius: {indicator // 2 + 2}px; }}
QCheckBox::indicator:checked {{ image: url("{tick}"); border-color: {p.accent};
    background: {p.accent}; }}
QRadioButton::indicator:checked {{ border-color: {p.accent};
    background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
        stop: 0 {p.accent}, stop: 0.55 {p.accent}, stop: 0.6 {p.surface}, stop: 1 {p.surface}); }}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{
    border: 2px dashed {p.disabled}; }}
QGroupBox[role="choices"] {{ border: none; margin: 0; padding: 0; }}
QToolTip {{ background: {p.surface}; color: {p.text}; border: {border}; }}
QScrollArea, QPdfView {{ border: 3px solid transparent; }}
QScrollArea:focus, QPdfView:focus {{ border: 3px solid {p.focus}; }}
QScrollBar:vertical {{ width: {px(16)}; background: {p.window}; margin: 0; }}
QScrollBar::handle:vertical {{ background: {p.muted}; min-height: {px(40)}; border-radius: 6px;
    margin: 2px; }}
QScrollBar:horizontal {{ height: {px(16)}; background: {p.window}; margin: 0; }}
QScrollBar::handle:horizontal {{ background: {p.muted}; min-width: {px(40)};
    border-radius: 6px; margin: 2px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
"""
