"""The words topics may be tagged with: the priorities a person can choose, and the platforms
and devices they can say they use. The validator rejects anything else."""

from __future__ import annotations

PRIORITIES = ("location", "harassment", "children", "accounts", "connection", "court")

PLATFORMS = ("facebook", "instagram", "tiktok", "snapchat", "x", "whatsapp", "youtube", "dating",
             "iphone", "android", "google", "email", "games")
