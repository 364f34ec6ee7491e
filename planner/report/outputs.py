"""The four printed outputs: my plan, pocket cards, family rules, and the blank workbook.

Each is a pure function from data to PDF bytes. Text passes through `discreet.neutral` when
the person asked for discreet wording; the family rules sheet always does, because it is meant
to hang on a fridge.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph

from planner.core.content import Library, Resource, Topic
from planner.core.hotlines import national_hotlines
from planner.core.i18n import N_, _
from planner.core.markdown import parse_blocks
from planner.core.plan import ActionStatus, Contact, LocalResource, Plan
from planner.report import discreet, fonts
from planner.report.layout import (
    CheckItem,
    PrintOptions,
    Styles,
    WriteInLines,
    build,
    gap,
    label_width,
    make_canvas_class,
    p,
    page_direction,
    printed_date,
    styles,
)
from planner.report.bidi import has_rtl
from planner.report.text import para

PRINTED_STATUSES = (ActionStatus.TODO, ActionStatus.LATER, ActionStatus.DONE)
STATUS_WORDS = {
    # NOTE: a short status word printed before a step on paper: still to do. Keep it short.
    ActionStatus.TODO: N_("To do"),
    # NOTE: a short status word printed before a step: to do later, when it is safe.
    ActionStatus.LATER: N_("Later"),
    ActionStatus.DONE: N_("Done"),
}
MAX_CARD_CONTACTS = 3


@dataclass(frozen=True)
class PrintablePlan:
    """What a plan says, read once from the vault, so layout never touches storage."""

    statuses: Mapping[str, ActionStatus]
    notes: Mapping[str, str]
    contacts: tuple[Contact, ...]
    resources: tuple[LocalResource, ...]

    @classmethod
    def from_plan(cls, plan: Plan) -> PrintablePlan:
        return cls(plan.statuses(), plan.notes(), plan.contacts(), plan.resources())


def _wording(options: PrintOptions) -> Callable[[str], str]:
    if options.discreet:
        return lambda text: discreet.neutral(text, options.locale)
    return lambda text: text


def _help_lines(options: PrintOptions, program: Sequence[Resource],
                own: Sequence[LocalResource]) -> list[tuple[str, str, str]]:
    """(name, how to reach, note) for hotlines, the program's resources and the person's own."""
    say = _wording(options)
    lines = [(say(line.discreet_name if options.discreet else line.name), line.reach, say(line.note))
             for line in national_hotlines()]
    for resource in program:
        reach = " \u00b7 ".join(x for x in (resource.phone, resource.text, resource.web) if x)
        lines.append((say(resource.name), reach, say(" ".join(filter(None, (resource.hours,
                                                                              resource.note))))))
    lines += [(say(item.name), item.reach, say(item.note)) for item in own]
    return lines


def my_plan(plan: PrintablePlan, library: Library, options: PrintOptions,
            program: Sequence[Resource] = ()) -> bytes:
    """The take-home plan: cover, chosen steps by topic, notes, people, help lines."""
    s = styles(options.large_print, options.locale)
    say = _wording(options)
    story: list[Flowable] = [gap(s, 8), p(say(options.title) or _("My plan"), s.cover), gap(s, 2),
                             p(printed_date(options), s.centered), PageBreak()]
    chosen_any = False
    column = label_width([_(word) for word in STATUS_WORDS.values()], s.body)
    for topic in library.topics:
        actions = [a for a in topic.actions if plan.statuses.get(a.id) in PRINTED_STATUSES]
        note = plan.notes.get(topic.id, "") if options.include_notes else ""
        if not actions and not note:
            continue
        chosen_any = True
        story.append(p(say(topic.title), s.h2))
        for action in actions:
            status = plan.statuses[action.id]
            story.append(CheckItem(say(action.text), s.body, _(STATUS_WORDS[status]),
                                   done=status is ActionStatus.DONE, label_width=column))
        if note:
            story.append(p(_("My notes:"), s.small))
            story.append(p(say(note), s.body))
        story.append(WriteInLines(3, s.size * 1.8))
    if not chosen_any:
        story.append(p(_("No steps chosen yet. Use the lines below to write your own."), s.body))
        story.append(WriteInLines(8, s.size * 1.8))
    story += _people_and_help(plan, options, program, s)
    return build(story, options)


def _people_and_help(plan: PrintablePlan, options: PrintOptions, program: Sequence[Resource],
                     s: Styles) -> list[Flowable]:
    say = _wording(options)
    story: list[Flowable] = [p(_("People I trust"), s.h2)]
    for contact in plan.contacts:
        story.append(p(" \u2014 ".join(say(x) for x in (contact.name, contact.reach, contact.note)
                                       if x), s.body))
    story.append(WriteInLines(2, s.size * 1.8))
    story.append(p(_("Help lines and local resources"), s.h2))
    for name, reach, note in _help_lines(options, program, plan.resources):
        story.append(p(f"{name}: {reach}" + (f" \u2014 {note}" if note else ""), s.body))
    return story


def family_rules(library: Library, options: PrintOptions) -> bytes:
    """One page for the fridge: the household's online rules, with no mention of abuse."""
    s = styles(True, options.locale)  # a sheet for the fridge is read from across the kitchen
    story: list[Flowable] = [p(_("Our family's online rules"), s.h1)]
    for rule in library.family_rules():
        story.append(CheckItem(discreet.neutral(rule.text, options.locale), s.body))
    story.append(gap(s))
    story.append(p(_("Our own rules:"), s.h2))
    story.append(WriteInLines(3, s.size * 1.8))
    return build(story, options, footer=False)


def _key_points(topic: Topic) -> list[str]:
    """The first paragraph and the bullet points of each section: the topic in brief."""
    points: list[str] = []
    took_paragraph = False
    for block in parse_blocks(topic.body):
        if block.kind == "heading":
            took_paragraph = False
        elif block.kind == "bullet":
            points.append(block.text)
        elif not took_paragraph:
            points.append(block.text)
            took_paragraph = True
    return points


def workbook(library: Library, options: PrintOptions) -> bytes:
    """Every topic's key points and every step with an empty box: a plan on paper only."""
    s = styles(options.large_print, options.locale)
    say = _wording(options)
    story: list[Flowable] = [gap(s, 8), p(say(options.title) or _("Workbook"), s.cover), gap(s, 2),
                             p(_("Tick the steps you want to take. Write your own on the lines."),
                               s.centered), PageBreak()]
    for topic in library.topics:
        story.append(p(say(topic.title), s.h1))
        story.append(p(say(topic.summary), s.body))
        for point in _key_points(topic):
            story.append(p("\u2022 " + say(point), s.small))
        story.append(p(_("Steps"), s.h2))
        for action in topic.actions:
            story.append(CheckItem(say(action.text), s.body))
        story.append(WriteInLines(3, s.size * 1.8))
    return build(story, options)


CARD = (85 * mm, 55 * mm)
LARGE_CARD = (170 * mm, 110 * mm)


def pocket_cards(plan: PrintablePlan, contact_ids: Sequence[int], options: PrintOptions,
                 program: Sequence[Resource] = ()) -> bytes:
    """Wallet cards (several to a page, with cut marks): help lines and up to three people."""
    fonts.register()
    chosen = [c for c in plan.contacts if c.id in contact_ids][:MAX_CARD_CONTACTS]
    say = _wording(options)
    lines = [(name, reach) for name, reach, _note in _help_lines(options, program, ())]
    lines += [(say(c.name), say(c.reach)) for c in chosen]
    width, height = LARGE_CARD if options.large_print else CARD
    size = 18.0 if options.large_print else 8.5
    buffer = io.BytesIO()
    canvas = make_canvas_class(options.locale, footer=False)(buffer, pagesize=LETTER, invariant=1)
    page_w, page_h = LETTER
    columns, rows = int((page_w - 20 * mm) // width), int((page_h - 20 * mm) // height)
    left = (page_w - columns * width) / 2
    bottom = (page_h - rows * height) / 2
    for row in range(rows):
        for column in range(columns):
            x, y = left + column * width, bottom + row * height
            _draw_card(canvas, x, y, width, height, lines, size, options)
    _cut_marks(canvas, left, bottom, width, height, columns, rows)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_card(canvas: Canvas, x: float, y: float, width: float, height: float,
               lines: list[tuple[str, str]], size: float, options: PrintOptions) -> None:
    from reportlab.lib.styles import ParagraphStyle

    pad = 4 * mm
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.5)
    canvas.setDash(2, 2)
    canvas.rect(x, y, width, height)
    canvas.setDash()
    style = ParagraphStyle("card", fontName=fonts.BODY, fontSize=size, leading=size * 1.25,
                           **page_direction(options.locale))
    title = ParagraphStyle("card-title", parent=style, fontName=fonts.BOLD)
    top = y + height - pad
    blocks = [p(_("Numbers to keep"), title)]
    blocks += [p(f"{name} {reach}", style) if has_rtl(name + reach)
               else Paragraph(f"<b>{para(name)}</b> {para(reach)}", style) for name, reach in lines]
    for block in blocks:
        _w, h = block.wrap(width - 2 * pad, height)
        if top - h < y + pad:
            break
        block.drawOn(canvas, x + pad, top - h)
        top -= h + size * 0.2


def _cut_marks(canvas: Canvas, left: float, bottom: float, width: float, height: float,
               columns: int, rows: int) -> None:
    """Short solid lines outside the grid where the scissors go."""
    canvas.setLineWidth(0.8)
    mark = 5 * mm
    for column in range(columns + 1):
        x = left + column * width
        canvas.line(x, bottom - mark - 1 * mm, x, bottom - 1 * mm)
        canvas.line(x, bottom + rows * height + 1 * mm, x, bottom + rows * height + mark + 1 * mm)
    for row in range(rows + 1):
        y = bottom + row * height
        canvas.line(left - mark - 1 * mm, y, left - 1 * mm, y)
        canvas.line(left + columns * width + 1 * mm, y, left + columns * width + mark + 1 * mm, y)
