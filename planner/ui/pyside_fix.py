"""Two workarounds for PySide6 6.12, applied once when `planner.ui` is first imported.

Keep None, True and False alive whatever PySide6 does to their reference counts.
PySide6 6.12 on Python 3.11 gives back one reference too many to the object a call into Qt
returns when it returns nothing (None), and in some signal paths to True or False: measured,
1,000 `setVisible` calls take 1,000 references from None. Once None's count reaches zero the
interpreter aborts ("none_dealloc", "bool_dealloc"), which would close the app in the middle
of a session, with no word and nothing hidden. From Python 3.12 these objects are immortal and
such a slip changes nothing; on 3.11 this gives each of them the same immortality by hand: a
count so large that no session can use it up. QtPdf for Qt 6.11 and older ships only inside
PySide6-Addons (a much larger download), so staying on 6.12 with this is the smaller cost.

Skip PySide6's source scan of every imported module (see `skip_feature_scan`).
"""

from __future__ import annotations

import ctypes
import sys

IMMORTAL = 1 << 60  # references no session can use up (3.12 uses a similar constant)
SINGLETONS = (None, True, False)


def make_singletons_immortal() -> None:
    """On CPython before 3.12, raise the reference counts of None, True and False out of reach.

    `ob_refcnt` is the first field of every object in CPython's release builds, so it is
    written where `id()` points. A no-op elsewhere (3.12+, or another interpreter)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in SINGLETONS:
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < IMMORTAL:
            count.value = IMMORTAL



def _uses_no_features(_module: object) -> bool:
    return False


def skip_feature_scan() -> None:
    """Stop PySide6 reading the source of every module imported after it.

    PySide6 wraps `import` so that `from __feature__ import snake_case` (an opt-in spelling of
    its API) can work per module; to know which modules might opt in, it reads the whole source
    of each module imported after it. That is about 5 ms of the first screen's start-up (some
    60 modules), for a feature nothing here uses. Every module is now taken as one that does
    not opt in, which is what the scan would conclude for each of them, as none imports
    `__feature__`. The hook is PySide's own, not a public API: if a PySide6 release renames it,
    this does nothing and start-up is a few milliseconds slower.
    """
    import PySide6  # noqa: F401 - loads shibokensupport.feature and its import hook

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_features  # type: ignore[attr-defined]
