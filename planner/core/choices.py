"""What a person can say matters to them, in words: labels for priorities and platforms.

The ids are the content vocabulary (`planner.core.vocabulary`); the labels are marked with `N_`
and translated when shown.
"""

from __future__ import annotations

from planner.core.i18n import N_

PRIORITY_LABELS: dict[str, str] = {
    "location": N_("Keep my location private"),
    "harassment": N_("Stop harassment"),
    "children": N_("Protect my children"),
    "accounts": N_("Secure my accounts"),
    "connection": N_("Stay in touch with my people"),
    "court": N_("Prepare for court"),
}

PLATFORM_LABELS: dict[str, str] = {
    "facebook": N_("Facebook"),
    "instagram": N_("Instagram"),
    "tiktok": N_("TikTok"),
    "snapchat": N_("Snapchat"),
    "x": N_("X (Twitter)"),
    "whatsapp": N_("WhatsApp"),
    "youtube": N_("YouTube"),
    "dating": N_("Dating apps"),
    "iphone": N_("iPhone or iPad"),
    "android": N_("Android phone"),
    "google": N_("Google account"),
    "email": N_("Email"),
    "games": N_("Games and game chat"),
}
