"""The national help lines the app shows and prints, kept in one place.

Facts from the organisations' own public pages (thehotline.org, rainn.org, 988lifeline.org),
checked 2026-11-24 (988's Spanish option and the relay note 2026-11-30); the help topic cites
them. Names are translated when shown; numbers are not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planner.core.i18n import N_, _


@dataclass(frozen=True)
class Hotline:
    """A help line: what it is, how to reach it, and a short note."""

    name: str
    reach: str
    note: str
    discreet_name: str


_HOTLINES = (
    (N_("National Domestic Violence Hotline"),
     N_("Call 1-800-799-7233 \u00b7 Text START to 88788"),
     N_("Free and confidential, 24 hours a day. Chat at thehotline.org. Deaf or hard of "
        "hearing: text, chat, or call by relay (711)."),
     N_("Support line")),
    (N_("RAINN National Sexual Assault Hotline"),
     N_("Call 1-800-656-4673"),
     N_("Free and confidential, 24 hours a day."),
     N_("Helpline")),
    (N_("988 Suicide & Crisis Lifeline"),
     N_("Call or text 988"),
     N_("If you are in crisis or thinking about suicide. In Spanish: press 2, or text AYUDA."),
     N_("988 Lifeline")),
    (N_("Emergency"),
     N_("Call 911"),
     N_("If you are in danger right now."),
     N_("Emergency")),
)


def national_hotlines(translate: Callable[[str], str] = _) -> tuple[Hotline, ...]:
    """The lines, translated by `translate`: the current language unless a printout names its
    own (`PrintOptions.gettext`)."""
    return tuple(Hotline(translate(name), translate(reach), translate(note), translate(discreet))
                 for name, reach, note, discreet in _HOTLINES)
