"""Where things land on paper: the plan's first page, cautions on steps, and pocket cards that
use the page and never lose a line. Real PDFs, read back with pypdf, page by page."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from planner.core.content import Action, Library, load_library
from planner.core.hotlines import national_hotlines
from planner.core.plan import ActionStatus, Contact
from planner.core.resources import content_dir
from planner.report import outputs
from planner.report.layout import PrintOptions

DAY = date(2026, 11, 24)
NOTE = "Talk with Sam on Sunday about the tablet."
# The sample plan printed on 3 pages, in large print too, while it had a cover page and a last
# page of help lines.
PAGES_BEFORE = 3


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u200b", "")).strip()


def _pages(pdf: bytes) -> list[str]:
    return [_flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _lines_with_height(pdf: bytes, page: int = 0) -> list[tuple[float, str]]:
    """(height on the page in points, text) of every run of text drawn on `page`."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if text.strip():
            found.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return found


def _height_of(pdf: bytes, words: str, page: int = 0) -> float:
    return next(y for y, text in _lines_with_height(pdf, page) if words in text)


def _stroked_shapes(pdf: bytes, page: int = 0) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) on the page of every outline drawn (boxes, frames, lines)."""
    shapes: list[tuple[float, float, float, float]] = []
    points: list[tuple[float, float]] = []

    def on_page(x: float, y: float, cm: list[float]) -> tuple[float, float]:
        return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]

    def visit(operator: bytes, args: list[float], cm: list[float], _tm: object) -> None:
        if operator in (b"m", b"l"):
            points.append(on_page(float(args[0]), float(args[1]), cm))
        elif operator == b"c":
            points.extend(on_page(float(args[i]), float(args[i + 1]), cm) for i in (0, 2, 4))
        elif operator == b"re":
            x, y, w, h = (float(a) for a in args)
            points.extend([on_page(x, y, cm), on_page(x + w, y + h, cm)])
        elif operator in (b"S", b"s", b"B", b"b") and points:
            xs, ys = [px for px, _ in points], [py for _, py in points]
            shapes.append((min(xs), min(ys), max(xs), max(ys)))
            points.clear()
        elif operator in (b"n", b"f", b"f*"):
            points.clear()

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_operand_before=visit)
    return shapes


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(content_dir())


def _sample(library: Library) -> outputs.PrintablePlan:
    """The plan of tests/test_report.py: nine steps, one note, one person."""
    choices = [ActionStatus.TODO, ActionStatus.LATER, ActionStatus.DONE] * 3
    statuses = dict(zip((a.id for a in library.actions[:9]), choices, strict=False))
    statuses[library.actions[9].id] = ActionStatus.NOT_FOR_ME
    return outputs.PrintablePlan(statuses, {library.actions[0].topic_id: NOTE},
                                 (Contact(1, "Dee", "555-0100", "sister"),), ())


def _help_texts() -> list[str]:
    return [part for line in national_hotlines() for part in (line.name, line.reach, line.note)]


# -- the plan: no cover page, help lines first -------------------------------------------------

def test_first_page_has_the_title_date_and_help_numbers_above_the_steps(library: Library) -> None:
    pdf = outputs.my_plan(_sample(library), library, PrintOptions(language="en", printed_on=DAY))
    first = _pages(pdf)[0]
    assert "My plan" in first and "Printed on November 24, 2026" in first
    for line in national_hotlines():
        assert _flat(line.reach) in first, line.reach
    first_step = library.actions[0].text
    assert first_step in first
    assert _height_of(pdf, "Printed on") > _height_of(pdf, "1-800-799-7233") > \
        _height_of(pdf, first_step[:30])


def test_help_lines_sit_inside_one_frame_on_the_first_page(library: Library) -> None:
    pdf = outputs.my_plan(_sample(library), library, PrintOptions(language="en", printed_on=DAY))
    heights = [_height_of(pdf, _flat(line.reach)) for line in national_hotlines()]
    page_width = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width)
    frames = [(left, bottom, right, top) for left, bottom, right, top in _stroked_shapes(pdf)
              if right - left > page_width / 2 and bottom < min(heights) and top > max(heights)]
    assert len(frames) == 1


def test_sample_plan_prints_on_fewer_pages_than_with_a_cover(library: Library) -> None:
    pages = _pages(outputs.my_plan(_sample(library), library,
                                   PrintOptions(language="en", printed_on=DAY)))
    assert len(pages) < PAGES_BEFORE
    assert all(f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages, 1))


def test_large_print_sample_plan_takes_no_more_pages_than_with_a_cover(library: Library) -> None:
    # A guard: at 18 pt the help box is tall, so this small plan still needs three pages. Large
    # print saves no page here, and must not cost one.
    options = PrintOptions(language="en", large_print=True, printed_on=DAY)
    assert len(_pages(outputs.my_plan(_sample(library), library, options))) <= PAGES_BEFORE


@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large"])
def test_no_page_holds_only_help_lines(library: Library, large_print: bool) -> None:
    options = PrintOptions(language="en", large_print=large_print, printed_on=DAY)
    pages = _pages(outputs.my_plan(_sample(library), library, options))
    for number, text in enumerate(pages, 1):
        rest = text.replace(f"Page {number} of {len(pages)}", "")
        for part in ["Help lines and local resources", *_help_texts()]:
            rest = rest.replace(_flat(part), "")
        assert re.search(r"\w", rest), f"page {number} holds only help lines"


@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large"])
def test_no_page_opens_with_blank_write_in_lines(library: Library, large_print: bool) -> None:
    options = PrintOptions(language="en", large_print=large_print, printed_on=DAY)
    pdf = outputs.my_plan(_sample(library), library, options)
    for page in range(len(_pages(pdf))):
        top_line = max((top for left, bottom, right, top in _stroked_shapes(pdf, page)
                        if right - left > 300 and top - bottom < 1), default=0.0)
        top_text = max(y for y, _text in _lines_with_height(pdf, page))
        assert top_text > top_line, f"page {page + 1} opens with blank lines"


def test_a_right_to_left_plan_keeps_its_boxes_on_the_right_of_the_first_page(
        library: Library) -> None:
    steps = library.topics[0].actions[:3]
    plan = outputs.PrintablePlan({a.id: ActionStatus.TODO for a in steps}, {}, (), ())
    boxes = {}
    for locale in ("en", "ar"):
        pdf = outputs.my_plan(plan, library, PrintOptions(language=locale, printed_on=DAY))
        small = [(left, right) for left, bottom, right, top in _stroked_shapes(pdf)
                 if 5 < right - left < 20 and 5 < top - bottom < 20]
        boxes[locale] = small
    assert len(boxes["en"]) == len(boxes["ar"]) == 3
    assert max(right for _l, right in boxes["en"]) < 200  # the left edge in English
    assert min(left for left, _r in boxes["ar"]) > 400  # the right edge in Arabic


# -- cautions on steps that can alert someone --------------------------------------------------

def _alerting(library: Library, count: int) -> list[Action]:
    """`count` steps that can alert someone, each with a caution that opens differently."""
    chosen, openings = [], set()
    for action in library.actions:
        opening = (action.caution or "").split(". ")[0]
        if action.alerts_abuser and action.caution and ". " in action.caution \
                and opening not in openings:
            chosen.append(action)
            openings.add(opening)
    return chosen[:count]


def test_alerting_steps_to_do_and_later_print_their_first_caution_sentence(
        library: Library) -> None:
    todo, later, done = _alerting(library, 3)
    plan = outputs.PrintablePlan({todo.id: ActionStatus.TODO, later.id: ActionStatus.LATER,
                                  done.id: ActionStatus.DONE}, {}, (), ())
    pdf = outputs.my_plan(plan, library, PrintOptions(language="en", printed_on=DAY))
    text = " ".join(_pages(pdf))
    for action in (todo, later):
        first, rest = action.caution.split(". ", 1)
        assert f"Before you do this: {first}." in text, action.id
        assert _flat(rest) not in text, action.id  # short: the first sentence only
    assert done.caution.split(". ")[0] not in text


def test_caution_is_shortened_to_its_first_sentence() -> None:
    assert outputs.first_sentence("They may notice. Save proof first.") == "They may notice."
    assert outputs.first_sentence("¿Lo notará? Guarde pruebas.") == "¿Lo notará?"
    assert outputs.first_sentence("They may see it is gone") == "They may see it is gone"
    assert outputs.first_sentence("Call 1.800.799.7233 first. Then wait.") == \
        "Call 1.800.799.7233 first."


def test_workbook_prints_the_caution_of_every_alerting_step(library: Library) -> None:
    text = " ".join(_pages(outputs.workbook(library, PrintOptions(language="en", printed_on=DAY))))
    missing = [a.id for a in library.actions if a.alerts_abuser and a.caution
               and f"Before you do this: {_flat(outputs.first_sentence(a.caution))}" not in text]
    assert missing == []


# -- pocket cards ------------------------------------------------------------------------------

LONG_PEOPLE = (
    Contact(1, "Maria-Josefina Fernandez-Castellanos (neighbour upstairs, flat 4B)",
            "Call 555-0101 after 6 pm, or text 555-0102 and say it is about the book club", ""),
    Contact(2, "Bartholomew Alexander Featherstonehaugh-Whittington",
            "Knock on the blue door at the end of the hall, or call the shop on 555-0199", ""),
    Contact(3, "Auntie Guadalupe Esperanza de la Concepcion Rodriguez",
            "Text 555-0177 any time; if no answer, call her work line 555-0178 ext. 42", ""),
)


@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large"])
def test_pocket_cards_never_drop_a_help_line_or_a_person(large_print: bool) -> None:
    plan = outputs.PrintablePlan({}, {}, LONG_PEOPLE, ())
    pdf = outputs.pocket_cards(plan, [c.id for c in LONG_PEOPLE],
                               PrintOptions(language="en", large_print=large_print, printed_on=DAY))
    text = " ".join(_pages(pdf))
    for line in national_hotlines():
        assert _flat(line.name) in text and _flat(line.reach) in text, line.name
    for person in LONG_PEOPLE:
        assert _flat(person.name) in text and _flat(person.reach) in text, person.name


def _card_outlines(pdf: bytes) -> list[tuple[float, float, float, float]]:
    return [shape for shape in _stroked_shapes(pdf) if shape[2] - shape[0] > 100]


def test_large_print_card_uses_the_width_and_height_of_the_page() -> None:
    plan = outputs.PrintablePlan({}, {}, (Contact(1, "Dee", "555-0100", ""),), ())
    pdf = outputs.pocket_cards(plan, [1], PrintOptions(language="en", printed_on=DAY,
                                                       large_print=True))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    cards = _card_outlines(pdf)
    assert cards
    assert all(right - left > 0.85 * float(box.width) for left, _b, right, _t in cards)
    assert sum(top - bottom for _l, bottom, _r, top in cards) > 0.85 * float(box.height)


def test_large_print_card_grows_to_a_full_page_when_half_is_too_small() -> None:
    plan = outputs.PrintablePlan({}, {}, LONG_PEOPLE, ())
    pdf = outputs.pocket_cards(plan, [c.id for c in LONG_PEOPLE],
                               PrintOptions(language="en", large_print=True, printed_on=DAY))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    cards = _card_outlines(pdf)
    assert len(cards) == 1
    _left, bottom, _right, top = cards[0]
    assert top - bottom > 0.85 * float(box.height)


@pytest.mark.parametrize("shape", ["many lines", "one long line"])
def test_a_very_long_note_prints_whole(library: Library, shape: str) -> None:
    """A note of 300,000 letters (the app accepts a million) prints every part of it. Before,
    reportlab laid it out as one paragraph, in time growing with the square of its length
    (about a minute for this one); the report benchmark times it now."""
    if shape == "many lines":
        note = "".join(f"line {number:05d} of a long note, typed over many days\n"
                       for number in range(5500))
        markers = ["line 00000 ", "line 02750 ", "line 05499 "]
    else:
        words = [f"w{number:06d}" for number in range(40_000)]
        note = " ".join(words)
        markers = [words[0], words[20_000], words[-1]]
    plan = outputs.PrintablePlan({}, {library.topics[0].id: note}, (), ())
    pdf = outputs.my_plan(plan, library, PrintOptions(language="en", printed_on=date(2026, 11, 30)))
    whole = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for marker in markers:
        assert marker in whole.replace("\u200b", ""), marker
