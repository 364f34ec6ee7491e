"""Reading level of content text (Flesch–Kincaid grade), for the content quality tests.

textstat is a test dependency only, so it is imported when a grade is asked for; the app
itself never calls this. Markdown, web addresses and phone numbers are removed first: they are
read as single words by people but confuse syllable counting.
"""

from __future__ import annotations

import re

from planner.core.markdown import plain_text

URL = re.compile(r"\(?\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:org|com|gov|net)(?:\.\w+)?(?:/\S*)?")
PHONE = re.compile(r"\b\d[\d-]{5,}\d\b")


def _countable(text: str, website: str, number: str) -> str:
    """Plain text with web addresses and phone numbers replaced by one ordinary word each."""
    return PHONE.sub(number, URL.sub(website, plain_text(text)))


def grade(text: str) -> float:
    """The Flesch–Kincaid grade of `text` (Markdown allowed)."""
    import textstat

    return float(textstat.flesch_kincaid_grade(_countable(text, "website", "number")))


def spanish_ease(text: str) -> float:
    """The Szigriszt-Pazos perspicuity of Spanish `text` on the INFLESZ scale: 65–80 reads
    "bastante fácil" (about grades 6–8), 55–65 "normal", below 40 "muy difícil"."""
    import textstat

    textstat.set_lang("es")
    try:
        return float(textstat.szigriszt_pazos(_countable(text, "sitio", "número")))
    finally:
        textstat.set_lang("en_US")
