"""Keep None, True and False alive whatever PySide6 does to their reference counts.

PySide6 6.12 on Python 3.11 gives back one reference too many to the object a call into Qt
returns when it returns nothing (None), and in some signal paths to True or False: measured,
1,000 `setVisible` calls take 1,000 references from None. Once None's count reaches zero the
interpreter aborts ("none_dealloc", "bool_dealloc"), which would close the app in the middle
of a session, with no word and nothing hidden. From Python 3.12 these objects are immortal and
such a slip changes nothing; on 3.11 this gives each of them the same immortality by hand: a
count so large that no session can use it up. QtPdf for Qt 6.11 and older ships only inside
PySide6-Addons (a much larger download), so staying on 6.12 with this is the smaller cost.
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

