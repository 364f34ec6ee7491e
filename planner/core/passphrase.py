"""A plain-language strength hint for a new passphrase.

Not a scientific estimate: a nudge toward length, which matters most against guessing, said in
words a stressed person can act on. The only hard rule is the minimum length.
"""

from __future__ import annotations

from enum import Enum

from planner.core.i18n import _

MIN_LENGTH = 8


class Strength(Enum):
    TOO_SHORT = 0
    OKAY = 1
    STRONG = 2


def strength(passphrase: str) -> Strength:
    """Rate by length and variety: 8+ characters is okay, 16+ (or 12+ with spaces/mix) strong."""
    length = len(passphrase)
    if length < MIN_LENGTH:
        return Strength.TOO_SHORT
    kinds = sum((any(c.islower() for c in passphrase), any(c.isupper() for c in passphrase),
                 any(c.isdigit() for c in passphrase), any(not c.isalnum() for c in passphrase)))
    if length >= 16 or (length >= 12 and kinds >= 2):
        return Strength.STRONG
    return Strength.OKAY


def hint(passphrase: str) -> str:
    """What to tell the person about the passphrase they are typing."""
    rating = strength(passphrase)
    if rating is Strength.TOO_SHORT:
        return _("Use at least 8 characters. A few words you can remember work well.")
    if rating is Strength.OKAY:
        return _("This works. A longer one, like four random words, is harder to guess.")
    return _("Strong. Make sure it's one the other person would not guess.")
