"""The person's display and safety preferences, kept inside their vault.

Stored as plan settings (never in QSettings), so a guest session's preferences vanish with it
and a saved plan's follow its passphrase.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.core.plan import Plan

TEXT_SIZES = (100, 125, 150, 175, 200)
DEFAULT_LOCK_MINUTES = 5


@dataclass(frozen=True)
class Preferences:
    """The person's display and safety preferences, read from the plan."""

    text_scale: int = 100
    high_contrast: bool = False
    lock_minutes: int = DEFAULT_LOCK_MINUTES
    advocate_view: bool = False

    @classmethod
    def from_plan(cls, plan: Plan | None) -> Preferences:
        if plan is None:
            return cls()
        try:
            scale = int(plan.setting("text_scale", "100"))
            minutes = int(plan.setting("lock_minutes", str(DEFAULT_LOCK_MINUTES)))
        except ValueError:
            return cls()
        return cls(text_scale=scale if scale in TEXT_SIZES else 100,
                   high_contrast=plan.setting("high_contrast") == "1",
                   lock_minutes=min(60, max(1, minutes)),
                   advocate_view=plan.setting("advocate_view") == "1")

    def save(self, plan: Plan) -> None:
        """Store all preferences in one commit, so a failed save leaves none half-changed."""
        plan.set_settings({"text_scale": str(self.text_scale),
                           "high_contrast": "1" if self.high_contrast else "0",
                           "lock_minutes": str(self.lock_minutes),
                           "advocate_view": "1" if self.advocate_view else "0"})
