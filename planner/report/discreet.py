"""Discreet wording: printed pages that say nothing about abuse, for a page that may be found.

Each language has a reviewed list of words that must not appear on a discreet page, each with
a neutral replacement. Replacement keeps the step usable ("Block the other person" stays a
clear instruction) while the page reads like any household to-do list. A test extracts the
text of every discreet output and checks that none of the listed words is left.

Only the app's own words are replaced. What a person typed (the title, notes, people, their own
places) is theirs and prints exactly as typed; `own_words_to_check` lists the listed words in it,
so the print screen can show them before printing and the person decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from planner.report.layout import PrintOptions, catalog

if TYPE_CHECKING:
    from planner.core.plan import Contact, LocalResource

# Reviewed lists. Longer phrases come first so they are replaced before their parts.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "domestic violence": "family stress",
        "dating violence": "relationship stress",
        "sexual violence": "personal harm",
        "sexual assault": "personal harm",
        "intimate partner": "partner",
        "protective orders": "court papers",
        "protective order": "court papers",
        "restraining orders": "court papers",
        "restraining order": "court papers",
        "no-contact order": "court papers",
        "stalkerware": "hidden apps",
        "stalking": "following",
        "stalker": "person",
        "stalked": "followed",
        "the abuser's": "the other person's",
        "the abuser": "the other person",
        "an abuser": "someone",
        "your abuser": "the other person",
        "abusers": "people",
        "an advocate": "a helper",
        "abuser": "other person",
        "abusive": "hurtful",
        "abused": "hurt",
        "abuse": "harm",
        "violence": "harm",
        "violent": "harmful",
        "batterer": "other person",
        "perpetrator": "other person",
        "assault": "harm",
        "victims": "people",
        "victim": "person",
        "survivors": "people",
        "survivor": "person",
        "shelters": "programs",
        "shelter": "program",
        "advocates": "helpers",
        "advocate": "helper",
        "escape": "leave",
        "rape": "harm",
        "trafficking": "harm",
    },
    "es": {
        # With their articles first, so gender and number still agree after replacing.
        "la violencia doméstica": "el estrés familiar",
        "la violencia": "el daño",
        "el acoso": "las molestias",
        "del acoso": "de las molestias",
        "al acoso": "a las molestias",
        "el agresor": "la otra persona",
        "del agresor": "de la otra persona",
        "al agresor": "a la otra persona",
        "el abusador": "la otra persona",
        "del abusador": "de la otra persona",
        "al abusador": "a la otra persona",
        "la violación": "el daño",
        "de la orden de protección": "del papel del tribunal",
        "la orden de protección": "el papel del tribunal",
        "las órdenes de protección": "los papeles del tribunal",
        "el sobreviviente": "la persona",
        "los sobrevivientes": "las personas",
        "violencia doméstica": "estrés familiar",
        "violencia sexual": "daño personal",
        "agresión sexual": "daño personal",
        "órdenes de protección": "papeles del tribunal",
        "orden de protección": "papeles del tribunal",
        "orden de alejamiento": "papeles del tribunal",
        "stalkerware": "aplicaciones ocultas",
        "programas espía": "aplicaciones ocultas",
        "acoso": "molestias",
        "acosador": "la otra persona",
        "acosadora": "la otra persona",
        "agresores": "personas",
        "agresor": "la otra persona",
        "agresora": "la otra persona",
        "abusador": "la otra persona",
        "abusadora": "la otra persona",
        "abusivo": "dañino",
        "abusiva": "dañina",
        "abuso": "daño",
        "maltrato": "daño",
        "violencia": "daño",
        "violento": "dañino",
        "violenta": "dañina",
        "víctimas": "personas",
        "víctima": "persona",
        "sobrevivientes": "personas",
        "sobreviviente": "persona",
        "refugios": "programas",
        "refugio": "programa",
        "albergues": "programas",
        "albergue": "programa",
        "una intercesora o un intercesor": "una persona de apoyo",
        "una persona intercesora": "una persona de apoyo",
        "un intercesor": "una persona de apoyo",
        "intercesoras": "personas de apoyo",
        "intercesores": "personas de apoyo",
        "intercesora": "persona de apoyo",
        "intercesor": "persona de apoyo",
        "violación": "daño",
    },
}


def words(locale: str) -> tuple[str, ...]:
    """The listed words for a language (English when the language has no list)."""
    return tuple(WORDS.get(locale.split("_")[0], WORDS["en"]))


@lru_cache(maxsize=8)
def _pattern(locale: str) -> re.Pattern[str]:
    listed = sorted(words(locale), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in listed) + r")\b", re.IGNORECASE)


def neutral(text: str, locale: str) -> str:
    """`text` with every listed word replaced by its neutral word (keeping a capital)."""
    table = WORDS.get(locale.split("_")[0], WORDS["en"])

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        new = table[found.lower()]
        return new[:1].upper() + new[1:] if found[:1].isupper() else new

    return _pattern(locale).sub(replace, text)


def leftovers(text: str, locale: str) -> list[str]:
    """Listed words still present (for tests and for a last check before printing)."""
    return [m.group(0) for m in _pattern(locale).finditer(text)]


class PersonsText(Protocol):
    """What a person typed into a plan. `outputs.PrintablePlan` is one; it is described here,
    not imported, because `outputs` imports this module."""

    @property
    def notes(self) -> Mapping[str, str]: ...

    @property
    def contacts(self) -> Sequence[Contact]: ...

    @property
    def resources(self) -> Sequence[LocalResource]: ...


def own_words_to_check(plan: PersonsText, title: str, locale: str) -> list[tuple[str, str]]:
    """(listed word as typed, where it was typed) for the person's own text, each word once per
    place, in the order the page prints them, the places named as the page in `locale` names
    them. Pass only what will be printed (no notes when notes are left out; only the card's
    people for a pocket card). Discreet wording never rewrites a person's words, so the print
    screen shows these and the person decides."""
    _ = catalog(locale).gettext
    places = [
        # NOTE: where a word was typed: the title the person gave the printed page.
        (_("The title"), [title]),
        # NOTE: where a word was typed: the person's notes on topics.
        (_("My notes"), list(plan.notes.values())),
        (_("People I trust"), [text for person in plan.contacts
                               for text in (person.name, person.reach, person.note)]),
        (_("Help lines and local resources"), [text for place in plan.resources
                                               for text in (place.name, place.reach, place.note)]),
    ]
    found: list[tuple[str, str]] = []
    for place, texts in places:
        seen: set[str] = set()
        for text in texts:
            for word in leftovers(text, locale):
                if word.lower() not in seen:
                    seen.add(word.lower())
                    found.append((word, place))
    return found


def app_words(options: PrintOptions) -> Callable[[str], str]:
    """The app's own words on paper, made neutral when the person asked for discreet wording.
    Apply it to a template before filling it in: the person's own words are never changed."""
    if options.discreet:
        return lambda text: neutral(text, options.language)
    return lambda text: text
