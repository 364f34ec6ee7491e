"""Printed outputs, read back with pypdf: the right words, and only them."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from planner.core.content import load_library
from planner.core.plan import ActionStatus, Plan
from planner.core.resources import content_dir
from planner.core.vault import Vault
from planner.report import discreet, outputs
from planner.report.layout import PrintOptions

DAY = date(2026, 11, 24)
NOTE = "Talk with Sam on Sunday about the tablet."


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u200b", ""))


def _typed(pdf: bytes) -> str:
    """The text of every page as it was typed, in NFC: what pypdf extracts, and each line of
    right-to-left text as its `ActualText` tag keeps it (pypdf gives Arabic back as joined glyph
    forms in drawing order; see tests/test_rtl_print.py), lines joined by spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    spans = [bytes.fromhex(span).decode("utf-16-be") for page in reader.pages
             for span in re.findall(r"/ActualText <FEFF([0-9a-f]+)>",
                                    page.get_contents().get_data().decode("latin-1"))]
    return unicodedata.normalize("NFC", _flat(_text(pdf) + "\n" + " ".join(spans)))


@pytest.fixture(scope="module")
def library():
    return load_library(content_dir())


@pytest.fixture
def plan(library):
    plan = Plan(Vault.guest())
    actions = library.actions
    for action, status in zip(actions[:9], [ActionStatus.TODO, ActionStatus.LATER,
                                            ActionStatus.DONE] * 3, strict=False):
        plan.set_status(action.id, status)
    plan.set_status(actions[9].id, ActionStatus.NOT_FOR_ME)
    plan.set_note(actions[0].topic_id, NOTE)
    plan.add_contact("Dee", "555-0100", "sister")
    yield plan
    plan.vault.close()


def test_chosen_actions_appear_and_others_do_not(plan, library) -> None:
    printable = outputs.PrintablePlan.from_plan(plan)
    pdf = outputs.my_plan(printable, library, PrintOptions(language="en", printed_on=DAY))
    text = _flat(_text(pdf))
    for action in library.actions[:9]:
        assert _flat(action.text) in text, action.id
    for action in library.actions[9:]:
        assert _flat(action.text) not in text, action.id
    assert NOTE in text and "Dee" in text and "1-800-799-7233" in text
    assert "November 24, 2026" in text
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text


def test_notes_only_when_included(plan, library) -> None:
    printable = outputs.PrintablePlan.from_plan(plan)
    pdf = outputs.my_plan(printable, library,
                          PrintOptions(language="en", printed_on=DAY, include_notes=False))
    assert NOTE not in _flat(_text(pdf))


def test_metadata_is_neutral_and_output_deterministic(plan, library) -> None:
    printable = outputs.PrintablePlan.from_plan(plan)
    first = outputs.my_plan(printable, library, PrintOptions(language="en", printed_on=DAY))
    assert first == outputs.my_plan(printable, library, PrintOptions(language="en", printed_on=DAY))
    info = PdfReader(io.BytesIO(first)).metadata
    assert info.get("/Title") == "Document"
    for key in ("/Author", "/Subject", "/Creator", "/Producer", "/Keywords"):
        assert not info.get(key), key


def _font_sizes(pdf: bytes) -> list[float]:
    sizes: list[float] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        content = page.get_contents().get_data().decode("latin-1")
        content = content.replace("BT /F1 12 Tf 14.4 TL ET", "")  # reportlab's page set-up
        sizes += [float(size) for size in re.findall(r"/F\d+\+?\d* ([\d.]+) Tf", content)]
    return sizes


def test_large_print_body_is_at_least_18_points(plan, library) -> None:
    printable = outputs.PrintablePlan.from_plan(plan)
    normal = _font_sizes(outputs.my_plan(printable, library,
                                         PrintOptions(language="en", printed_on=DAY)))
    large = _font_sizes(outputs.my_plan(printable, library,
                                        PrintOptions(language="en", printed_on=DAY,
                                                     large_print=True)))
    footer = 10.0
    assert min(s for s in normal if s != footer) < 18
    assert min(s for s in large if s != footer) >= 18 * 0.85  # status labels and notes


@pytest.mark.parametrize("kind", ["plan", "workbook", "card"])
def test_discreet_wording_leaves_none_of_the_listed_words(plan, library, kind: str) -> None:
    printable = outputs.PrintablePlan.from_plan(plan)
    every = Plan(Vault.guest())
    for action in library.actions:
        every.set_status(action.id, ActionStatus.TODO)
    options = PrintOptions(language="en", discreet=True, printed_on=DAY)
    all_steps = outputs.PrintablePlan.from_plan(every)
    pdf = {"plan": lambda: outputs.my_plan(all_steps, library, options),
           "workbook": lambda: outputs.workbook(library, options),
           "card": lambda: outputs.pocket_cards(printable, [], options)}[kind]()
    assert discreet.leftovers(_flat(_text(pdf)), "en") == []
    every.vault.close()


@pytest.mark.parametrize("language", ["en", "es", "vi", "ar"])
def test_family_rules_fit_one_page_and_never_mention_abuse(language: str) -> None:
    library = load_library(content_dir(), language)
    pdf = outputs.family_rules(library, PrintOptions(language=language, printed_on=DAY))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = _typed(pdf)
    rules = library.family_rules()
    assert rules and all(unicodedata.normalize("NFC", _flat(rule.text)) in text for rule in rules)
    assert discreet.leftovers(text, language) == []


def test_pocket_card_holds_at_most_three_people_and_has_cut_marks(plan) -> None:
    for name in ("Ann", "Bo", "Cy"):
        plan.add_contact(name, "555", "")
    printable = outputs.PrintablePlan.from_plan(plan)
    ids = [c.id for c in printable.contacts]
    pdf = outputs.pocket_cards(printable, ids, PrintOptions(language="en", printed_on=DAY))
    text = _text(pdf)
    names = [c.name for c in printable.contacts]
    assert sum(1 for n in names if n in text) == 3
    assert "Cy" not in text
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    assert content.count(" l S") >= 2 * (2 + 1) + 2 * (4 + 1)  # cut marks at every grid line


def test_workbook_has_every_action(library) -> None:
    text = _flat(_text(outputs.workbook(library, PrintOptions(language="en", printed_on=DAY))))
    missing = [a.id for a in library.actions if _flat(a.text) not in text]
    assert missing == []


def test_big_plan_and_hostile_text_render(library) -> None:
    plan = Plan(Vault.guest())
    hostile = ("\u202eevil\u202c \u200d\U0001f469\u200d\U0001f467 nul\x00 "
               + "W" * 5000 + " \ud7ff \u05e9\u05dc\u05d5\u05dd <b>&amp;</b>")
    for topic in library.topics:
        lines_per_note = 1_050_000 // 501 // len(library.topics) + 1
        plan.set_note(topic.id, ("note line " * 50 + "\n") * lines_per_note)
    plan.set_note(library.topics[0].id, hostile)
    for action in library.actions:
        plan.set_status(action.id, ActionStatus.TODO)
    plan.add_contact(hostile, hostile, hostile)
    printable = outputs.PrintablePlan.from_plan(plan)
    big = outputs.PrintablePlan(
        {**printable.statuses, **{f"x{i}": ActionStatus.TODO for i in range(300)}},
        printable.notes, printable.contacts, printable.resources)
    assert sum(len(n) for n in printable.notes.values()) > 900_000
    pdf = outputs.my_plan(big, library, PrintOptions(language="en", printed_on=DAY))
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 50
    assert outputs.pocket_cards(printable, [c.id for c in printable.contacts],
                                PrintOptions(language="en", printed_on=DAY))
    plan.vault.close()


def test_workbook_command(tmp_path: Path) -> None:
    out = tmp_path / "workbook.pdf"
    result = subprocess.run([sys.executable, "-m", "planner", "workbook", "--locale", "en",
                             "--out", str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert PdfReader(out).pages
    bad = subprocess.run([sys.executable, "-m", "planner", "workbook", "--out",
                          str(tmp_path / "missing" / "x.pdf")], capture_output=True, text=True,
                         check=False)
    assert bad.returncode == 1 and "could not be saved" in bad.stderr


@pytest.mark.parametrize("language", ["es", "vi", "ar"])
@pytest.mark.parametrize("kind", ["plan", "workbook", "card"])
def test_translated_discreet_wording_leaves_none_of_the_listed_words(kind: str,
                                                                     language: str) -> None:
    library = load_library(content_dir(), language)
    every = Plan(Vault.guest())
    for action in library.actions:
        every.set_status(action.id, ActionStatus.TODO)
    every.add_contact("Ana", "555-0100", "")
    printable = outputs.PrintablePlan.from_plan(every)
    options = PrintOptions(language=language, printed_on=DAY, discreet=True)
    pdf = {"plan": lambda: outputs.my_plan(printable, library, options),
           "workbook": lambda: outputs.workbook(library, options),
           "card": lambda: outputs.pocket_cards(printable, [c.id for c in printable.contacts],
                                                options)}[kind]()
    text = _typed(pdf)
    assert discreet.leftovers(text, language) == []
    heading = "Numbers to keep" if kind == "card" else "Page {page} of {total}"
    translated = _in(language, heading).split("{")[0].strip()
    assert translated != heading.split("{")[0].strip() and translated in text  # really that page
    every.vault.close()


@pytest.mark.parametrize("language", ["es", "vi", "ar"])
def test_no_neutral_word_is_itself_a_listed_word(language: str) -> None:
    table = discreet.WORDS[language]
    assert [new for new in table.values() if discreet.leftovers(new, language)] == []


@pytest.mark.parametrize("proclitic", discreet.ARABIC_PROCLITICS)
def test_arabic_listed_words_are_found_and_replaced_with_a_joined_proclitic(
        proclitic: str) -> None:
    for word in discreet.ARABIC_REVIEWED:
        if word.isascii():
            continue
        joined = proclitic + (word[1:] if proclitic.endswith("ل") and word.startswith("ال")
                              else word)
        text = f"قبل {joined} بعد"
        assert discreet.leftovers(text, "ar") == [joined]
        neutral = discreet.neutral(text, "ar")
        assert discreet.leftovers(neutral, "ar") == [], neutral
        assert neutral.split(" ", 1)[1].startswith(proclitic), neutral  # the proclitic stays


OWN_NOTE = "Ask Maria at the shelter about the abuser's new phone."
OWN_TITLE = "Shelter plan"


def _own_words_plan(library):
    """A plan whose person typed listed words: in a note, a person, a place, and the title."""
    from planner.core.plan import Contact, LocalResource

    every = {action.id: ActionStatus.TODO for action in library.actions}
    return outputs.PrintablePlan(
        every, {"legal-risks": OWN_NOTE},
        (Contact(1, "Maria (shelter)", "555-0100, ask for the advocate", "Shelter staff"),),
        (LocalResource(1, "Safe Harbor Shelter", "555-0111", "Abuse support group on Tuesdays"),))


@pytest.mark.parametrize("kind", ["plan", "card", "workbook"])
def test_discreet_wording_prints_what_the_person_typed_exactly(library, kind: str) -> None:
    printable = _own_words_plan(library)
    options = PrintOptions(language="en", title=OWN_TITLE, discreet=True, printed_on=DAY)
    typed = {"plan": [OWN_TITLE, OWN_NOTE, "Maria (shelter)", "555-0100, ask for the advocate",
                      "Shelter staff", "Safe Harbor Shelter", "Abuse support group on Tuesdays"],
             "card": ["Maria (shelter)", "555-0100, ask for the advocate"],
             "workbook": [OWN_TITLE]}[kind]
    pdf = {"plan": lambda: outputs.my_plan(printable, library, options),
           "card": lambda: outputs.pocket_cards(printable, [1], options),
           "workbook": lambda: outputs.workbook(library, options)}[kind]()
    text = _flat(_text(pdf))
    for words in typed:
        assert words in text, words
        text = text.replace(words, "")
    assert discreet.leftovers(text, "en") == []  # the app's own words are still neutral


def test_own_words_to_check_lists_each_listed_word_and_where_it_was_typed(library) -> None:
    found = discreet.own_words_to_check(_own_words_plan(library), OWN_TITLE, "en")
    assert found == [("Shelter", "The title"),
                     ("shelter", "My notes"), ("the abuser's", "My notes"),
                     ("shelter", "People I trust"), ("advocate", "People I trust"),
                     ("Shelter", "Help lines and local resources"),
                     ("Abuse", "Help lines and local resources")]
    quiet = outputs.PrintablePlan({}, {"x": "Talk with Sam."}, (), ())
    assert discreet.own_words_to_check(quiet, "", "en") == []


APP_WORDS = {  # words the app itself prints on each output, before translation
    "plan": ("Help lines and local resources", "People I trust", "To do",
             "National Domestic Violence Hotline"),
    "card": ("Numbers to keep", "National Domestic Violence Hotline"),
    "rules": ("Our family's online rules", "Our own rules:"),
    "workbook": ("Tick the steps you want to take. Write your own on the lines.", "Steps"),
}


def _in(language: str, message: str) -> str:
    """`message` as the catalog for `language` has it (read here, not through the app)."""
    import gettext

    from planner.core.resources import translations_dir

    return gettext.translation("planner", translations_dir(), languages=[language],
                               fallback=True).gettext(message)


@pytest.mark.parametrize(("printed", "shown"), [("es", "en"), ("en", "es"), ("vi", "en"),
                                               ("ar", "en"), ("en", "vi"), ("en", "ar")])
@pytest.mark.parametrize("kind", APP_WORDS)
def test_a_printout_is_in_its_own_language_whatever_the_app_shows(kind: str, printed: str,
                                                                  shown: str) -> None:
    from planner.core import i18n
    from planner.core.plan import Contact

    library = load_library(content_dir(), printed)
    chosen = outputs.PrintablePlan({a.id: ActionStatus.TODO for a in library.actions[:3]}, {},
                                   (Contact(1, "Dee", "555-0100", ""),), ())
    options = PrintOptions(language=printed, printed_on=DAY)
    i18n.set_language(shown)  # the window shows another language than the page asks for
    try:
        pdf = {"plan": lambda: outputs.my_plan(chosen, library, options),
               "card": lambda: outputs.pocket_cards(chosen, [1], options),
               "rules": lambda: outputs.family_rules(library, options),
               "workbook": lambda: outputs.workbook(library, options)}[kind]()
    finally:
        i18n.set_language("en")
    text = _typed(pdf)
    for message in APP_WORDS[kind]:
        assert _flat(_in(printed, message)) in text, message
        assert _flat(_in(shown, message)) not in text, message


@pytest.mark.parametrize("kind", ["plan", "card", "rules", "workbook"])
def test_a_printout_no_longer_wanted_stops_at_its_next_paragraph(library, kind: str) -> None:
    from planner.core.plan import Contact
    from planner.report.layout import Stopped

    long_plan = outputs.PrintablePlan({a.id: ActionStatus.TODO for a in library.actions},
                                      {library.topics[0].id: "a long note line\n" * 50_000},
                                      (Contact(1, "Dee", "555-0100", ""),), ())
    printout = outputs.Printout(kind, PrintOptions(language="en", printed_on=DAY), library,
                                long_plan, (1,))
    asked: list[int] = []

    def no_longer_wanted() -> bool:
        asked.append(1)
        return len(asked) == 3

    with pytest.raises(Stopped):
        printout.pdf(no_longer_wanted)
    assert len(asked) == 3
    assert printout.pdf()  # the same printout, still wanted, is laid out in full


def test_own_words_to_check_speaks_the_page_language() -> None:
    from planner.core.plan import Contact

    plan = outputs.PrintablePlan({}, {}, (Contact(1, "Ana", "555-0100",
                                                  "Intercesora del refugio"),), ())
    assert discreet.own_words_to_check(plan, "", "es") == [
        ("Intercesora", "Personas en las que confío"),
        ("refugio", "Personas en las que confío")]


@pytest.mark.parametrize(("locale", "text", "expected"), [
    ("en", "Talk with an advocate.", "Talk with a helper."),
    ("es", "Hable con una intercesora o un intercesor.", "Hable con una persona de apoyo."),
    ("es", "Una persona intercesora le ayuda.", "Una persona de apoyo le ayuda."),
    ("vi", "Kẻ bạo hành có thể cài phần mềm gián điệp.",
     "Người kia có thể cài ứng dụng ẩn."),
    ("ar", "اتصلي بخط المساعدة الوطني للعنف الأسري.", "اتصلي بخط الدعم."),
    ("ar", "لا تخبري المعتدي، وللمعتدي أن يغضب، والعنف ليس خطأك.",
     "لا تخبري الشخص الآخر، وللشخص الآخر أن يغضب، والأذى ليس خطأك."),
])
def test_discreet_wording_keeps_the_article_right(locale: str, text: str, expected: str) -> None:
    assert discreet.neutral(text, locale) == expected
