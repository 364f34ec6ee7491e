"""Colours, sizes and focus rings: one stylesheet, built from the person's settings.

Calm, warm colours by default; a high-contrast theme (white on black, yellow focus) for low
vision. Sizes are in points scaled by the text-size setting, so 200% really doubles everything,
and every control is at least 32 px high. Nothing relies on colour alone: states also change
text, borders or icons.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
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
    banner_bg: str


CALM = Palette(window="#f6f4ef", surface="#ffffff", text="#1d2730", muted="#4a5561",
               accent="#2c5d63", accent_text="#ffffff", focus="#c77700", caution_bg="#fff4d6",
               caution_border="#8a5a00", exit_bg="#9b2226", exit_text="#ffffff",
               banner_bg="#e3ecf7")
HIGH_CONTRAST = Palette(window="#000000", surface="#000000", text="#ffffff", muted="#ffffff",
                        accent="#ffff00", accent_text="#000000", focus="#00ffff",
                        caution_bg="#000000", caution_border="#ffff00", exit_bg="#ffffff",
                        exit_text="#000000", banner_bg="#000000")


def stylesheet(scale_percent: int = 100, high_contrast: bool = False) -> str:
    """The Qt stylesheet for a text size (100–200%) and theme."""
    p = HIGH_CONTRAST if high_contrast else CALM
    s = scale_percent / 100

    def pt(points: float) -> str:
        return f"{points * s:.1f}pt"

    def px(pixels: float) -> str:
        return f"{round(pixels * s)}px"

    border = "2px solid " + (p.text if high_contrast else "#9aa5b1")
    return f"""
QWidget {{ background: {p.window}; color: {p.text}; }}
QLabel {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {pt(20)}; font-weight: bold; }}
QLabel[role="subtitle"] {{ font-size: {pt(15)}; font-weight: bold; }}
QLabel[role="muted"] {{ color: {p.muted}; }}
QFrame[role="card"] {{ background: {p.surface}; border: {border}; border-radius: 8px; }}
QFrame[role="caution"] {{ background: {p.caution_bg}; border: 2px solid {p.caution_border};
    border-left: 8px solid {p.caution_border}; border-radius: 6px; }}
QFrame[role="banner"] {{ background: {p.banner_bg}; border: 2px solid {p.accent};
    border-radius: 6px; }}
QPushButton {{ min-height: {px(34)}; padding: {px(4)} {px(14)}; border: {border};
    border-radius: 6px; background: {p.surface}; color: {p.text}; }}
QPushButton[role="primary"] {{ background: {p.accent}; color: {p.accent_text};
    border: 2px solid {p.accent}; font-weight: bold; }}
QPushButton[role="quick-exit"] {{ background: {p.exit_bg}; color: {p.exit_text};
    border: 2px solid {p.exit_bg}; font-weight: bold; min-width: {px(120)}; }}
QPushButton:disabled {{ color: {p.muted}; border-style: dashed; }}
QPushButton:focus, QLineEdit:focus, QPlainTextEdit:focus, QTextBrowser:focus, QListWidget:focus,
QComboBox:focus, QCheckBox:focus, QRadioButton:focus, QSpinBox:focus, QSlider:focus,
QTreeWidget:focus {{ outline: none; border: 3px solid {p.focus}; }}
QLineEdit, QPlainTextEdit, QTextBrowser, QListWidget, QComboBox, QSpinBox, QTreeWidget {{
    background: {p.surface}; color: {p.text}; border: {border}; border-radius: 6px;
    padding: {px(4)}; min-height: {px(30)}; selection-background-color: {p.accent};
    selection-color: {p.accent_text}; }}
QListWidget::item, QTreeWidget::item {{ min-height: {px(32)}; padding: {px(2)}; }}
QListWidget::item:selected, QTreeWidget::item:selected {{ background: {p.accent};
    color: {p.accent_text}; }}
QCheckBox, QRadioButton {{ min-height: {px(32)}; spacing: {px(8)}; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: {px(20)}; height: {px(20)}; }}
QToolTip {{ background: {p.surface}; color: {p.text}; border: {border}; }}
QScrollArea {{ border: none; }}
QScrollBar:vertical {{ width: {px(16)}; background: {p.window}; margin: 0; }}
QScrollBar::handle:vertical {{ background: {p.muted}; min-height: {px(40)}; border-radius: 6px;
    margin: 2px; }}
QScrollBar:horizontal {{ height: {px(16)}; background: {p.window}; margin: 0; }}
QScrollBar::handle:horizontal {{ background: {p.muted}; min-width: {px(40)};
    border-radius: 6px; margin: 2px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
"""
