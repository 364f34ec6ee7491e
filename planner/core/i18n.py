"""Languages: gettext for every user-facing string, switchable at run time.

`_` looks up the *current* catalog each time it is called, so text is translated when it is
shown, not when a module is imported; a language switch then only needs widgets to ask again.
`N_` marks strings defined at import time for extraction without translating them.
English needs no catalog: a missing catalog falls back to the source text.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from planner.core.resources import translations_dir

DOMAIN = "planner"
SOURCE_LANGUAGE = "en"

_current: gettext.NullTranslations = gettext.NullTranslations()
_language: str = SOURCE_LANGUAGE


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return _current.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark `message` for translation without translating it (for import-time constants)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose form depends on `count`."""
    return _current.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """Translate `message` where the same English word needs different translations."""
    return _current.pgettext(context, message)


def set_language(language: str, catalog_dir: Path | None = None) -> None:
    """Switch every later `_()` call to `language`; unknown languages show English."""
    global _current, _language
    folder = catalog_dir or translations_dir()
    _current = gettext.translation(DOMAIN, folder, languages=[language], fallback=True)
    _language = language


def current_language() -> str:
    """The language code `_()` translates into now."""
    return _language


PSEUDO_SUFFIXES = ("_XA", "_XB")


def writes_right_to_left(code: str) -> bool:
    """True for a language written right to left (Arabic, Persian, Hebrew, Urdu...), and for the
    `ar_XB` pseudo-locale: the screens and the printed pages then mirror."""
    from babel import Locale, UnknownLocaleError  # babel is loaded once a language is named

    try:
        return Locale.parse(code.split("_")[0]).character_order == "right-to-left"
    except (UnknownLocaleError, ValueError):
        return False


def available_languages(catalog_dir: Path | None = None) -> tuple[str, ...]:
    """English plus every real language with a compiled catalog, in a stable order.

    Pseudo-locales (for testing layouts) are left out of what people can pick.
    """
    folder = catalog_dir or translations_dir()
    found = sorted(
        path.parent.parent.name for path in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
        if not path.parent.parent.name.endswith(PSEUDO_SUFFIXES)
    )
    return (SOURCE_LANGUAGE, *[code for code in found if code != SOURCE_LANGUAGE])


def translator(language: str, catalog_dir: Path | None = None) -> gettext.NullTranslations:
    """The catalog for `language`, whatever language `_()` uses now: a printout names its own
    language, so what the window shows (or a switch while pages are laid out) changes nothing
    on paper. Unknown languages give English."""
    folder = catalog_dir or translations_dir()
    return gettext.translation(DOMAIN, folder, languages=[language], fallback=True)
