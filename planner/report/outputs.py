"""The printed outputs: my plan, pocket cards, family rules, the blank workbook, the evidence
log, and a program's social media policy and its worksheet (laid out in `report.policy`).

Each is a pure function from data to PDF bytes. When the person asked for discreet wording, the
app's own words (topics, steps, cautions, help lines, the program's resources) pass through
`discreet.neutral`; what the person typed (title, notes, people, their own places) prints exactly
as typed. The family rules sheet is always discreet, because it is meant to hang on a fridge.

Every word the app itself prints comes from `PrintOptions.language` (`_ = options.gettext` in
each function), so a printout is in one language whatever the window shows. A `Printout` holds
everything one PDF is made from, read beforehand, so it can be laid out on another thread.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, FrameBreak, PageBreak

from planner.core.content import Action, Library, Resource, Topic
from planner.core.errors import VaultError
from planner.core.evidence import EvidenceEntry
from planner.core.hotlines import national_hotlines
from planner.core.markdown import parse_blocks
from planner.core.plan import (
    ON_PLAN,
    STATUS_SHORT_WORDS,
    ActionStatus,
    Contact,
    LocalResource,
    Plan,
)
from planner.core.policy import PolicyAnswers, PolicyGuide, answers_in_plan, draft, load_guide
from planner.report import discreet, fonts
from planner.report.evidence_log import (
    EvidenceChoice,
    evidence_log,
)
from planner.report.layout import (
    MARGIN,
    CheckItem,
    Framed,
    PrintOptions,
    Stop,
    Styles,
    WriteInLines,
    build,
    gap,
    label_width,
    lead_in,
    long_text,
    never,
    p,
    page_direction,
    printed_date,
    styles,
)

MAX_CARD_CONTACTS = 3
# A sentence ends at . ! ? (or the Arabic or CJK full stop) followed by a space, after any closing
# quote or bracket; a dot inside a number, as in "1.800", does not end one.
SENTENCE_END = re.compile(r"[.!?\u061f\u3002][\"\u201d\u2019)\]]*(?=\s)")


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


ReadThrough = Callable[[Callable[[int], bytes]], Callable[[int], bytes]]
"""Wraps the vault's read of a file for the thread that lays the pages out (the vault's
connection belongs to the GUI thread; see `planner.ui.page_layout`)."""


class EvidenceFiles:
    """The evidence files of one printout, read one at a time while the pages are laid out, and
    checked against their recorded SHA-256 as they are read: a log of hundreds of photos never
    holds more than the file being drawn. A file that cannot be read prints as "could not be
    printed" and is reported as changed."""

    def __init__(self, read: Callable[[int], bytes], recorded: Mapping[int, str]) -> None:
        self._read = read
        self._recorded = dict(recorded)
        self._checked: dict[int, bool] = {}

    def picture(self, attachment_id: int) -> bytes:
        return self._bytes(attachment_id) or b""

    def verified(self, attachment_id: int) -> bool:
        if attachment_id not in self._checked:
            self._bytes(attachment_id)
        return self._checked[attachment_id]

    def _bytes(self, attachment_id: int) -> bytes | None:
        try:
            data = self._read(attachment_id)
        except VaultError:  # a PlanError (the file is gone) too
            self._checked[attachment_id] = False
            return None
        recorded = self._recorded.get(attachment_id)
        self._checked[attachment_id] = hashlib.sha256(data).hexdigest() == recorded
        return data


@dataclass(frozen=True)
class PrintableEvidence:
    """An evidence log's entries, read beforehand, and its files, read as the pages are laid
    out (see `EvidenceFiles`): only the pictures that print are decoded, one row at a time."""

    entries: tuple[EvidenceEntry, ...]
    files: EvidenceFiles
    choice: EvidenceChoice = field(default_factory=EvidenceChoice)

    @classmethod
    def from_plan(cls, plan: Plan, choice: EvidenceChoice | None = None,
                  read_through: ReadThrough | None = None) -> PrintableEvidence:
        """The chosen entries; their files are read later, through `read_through` when the
        pages are laid out on another thread."""
        choice = choice or EvidenceChoice()
        log = plan.evidence()
        entries = tuple(entry for entry in log.entries() if choice.holds(entry))
        read = log.attachment_bytes if read_through is None else read_through(
            log.attachment_bytes)
        recorded = {a.id: a.sha256 for entry in entries for a in entry.attachments}
        return cls(entries, EvidenceFiles(read, recorded), choice)

    def pdf(self, options: PrintOptions, stop: Stop = never) -> bytes:
        return evidence_log(self.entries, self.files.picture, self.files.verified,
                            options, self.choice, stop)


@dataclass(frozen=True)
class PrintablePolicy:
    """A program's policy questions and answers, read once (the answers from the plan), in the
    language the printout is in. Holds no survivor data: the answers are the program's."""

    guide: PolicyGuide
    answers: PolicyAnswers
    topic_titles: Mapping[str, str]

    @classmethod
    def from_plan(cls, plan: Plan, library: Library, language: str) -> PrintablePolicy:
        """The questions in `language` (English where a translation lacks them), and the
        answers kept in the plan (none yet: an empty draft)."""
        from planner.core.resources import content_dir

        guide = load_guide(content_dir(), language, {topic.id for topic in library.topics})
        return cls(guide, answers_in_plan(plan, guide) or PolicyAnswers(),
                   {topic.id: topic.title for topic in library.topics})

    def pdf(self, kind: str, options: PrintOptions, stop: Stop = never) -> bytes:
        """The draft policy (`kind` "policy") or the blank worksheet ("worksheet")."""
        from planner.report.policy import policy_pdf, worksheet_pdf  # loads odfdo too

        if kind == "worksheet":
            return worksheet_pdf(self.guide, options, self.topic_titles, stop)
        return policy_pdf(draft(self.guide, self.answers, topic_titles=self.topic_titles),
                          options, stop)


POLICY_KINDS = ("policy", "worksheet")


@dataclass(frozen=True)
class Printout:
    """One output to lay out and everything it is made from, read beforehand: laying it out
    reads neither storage nor the window, so it can run on any thread. The rules sheet and the
    workbook hold no plan (`plan` is None), so they carry none of the person's words."""

    kind: str  # "plan", "card", "rules", "workbook", "evidence", "policy" or "worksheet"
    options: PrintOptions
    library: Library
    plan: PrintablePlan | None = None
    contact_ids: tuple[int, ...] = ()  # the people on a pocket card
    program: tuple[Resource, ...] = ()
    evidence: PrintableEvidence | None = None
    policy: PrintablePolicy | None = None

    def pdf(self, stop: Stop = never) -> bytes:
        """The PDF bytes; `stop` is asked between paragraphs (see `layout.Stop`)."""
        if self.kind in POLICY_KINDS:
            if self.policy is None:
                raise ValueError("a policy printout needs the policy's questions")
            return self.policy.pdf(self.kind, self.options, stop)
        if self.kind == "evidence":
            evidence = self.evidence or PrintableEvidence((), EvidenceFiles(bytes, {}))
            return evidence.pdf(self.options, stop)
        if self.kind == "workbook":
            return workbook(self.library, self.options, stop)
        if self.kind == "rules":
            return family_rules(self.library, self.options, stop)
        plan = self.plan or PrintablePlan({}, {}, (), ())
        if self.kind == "card":
            return pocket_cards(plan, self.contact_ids, self.options, self.program, stop)
        return my_plan(plan, self.library, self.options, self.program, stop)


def _help_lines(options: PrintOptions, program: Sequence[Resource],
                own: Sequence[LocalResource]) -> list[tuple[str, str, str]]:
    """(name, how to reach, note) for hotlines, the program's resources and the person's own.
    Discreet wording changes the app's and the program's words, never the person's own."""
    say = discreet.app_words(options)
    lines = [(say(line.discreet_name if options.discreet else line.name), line.reach,
              say(line.note)) for line in national_hotlines(options.gettext)]
    for resource in program:
        reach = " \u00b7 ".join(x for x in (resource.phone, resource.text, resource.web) if x)
        lines.append((say(resource.name), reach, say(" ".join(filter(None, (resource.hours,
                                                                              resource.note))))))
    lines += [(item.name, item.reach, item.note) for item in own]
    return lines


def first_sentence(text: str) -> str:
    """The first sentence of `text`, or all of it when it has no sentence end: a caution on
    paper stays one short line, so a page of steps is still quick to read."""
    end = SENTENCE_END.search(text)
    return text[:end.end()].strip() if end else text.strip()


def _caution(action: Action, options: PrintOptions, s: Styles) -> Flowable | None:
    """"Before you do this: ..." for a step that can let the other person know something
    changed. Paper has no caution box to open, so the warning goes right under the step."""
    if not (action.alerts_abuser and action.caution):
        return None
    _ = options.gettext
    say = discreet.app_words(options)
    return lead_in(_("Before you do this") + ":", say(first_sentence(action.caution)), s.small)


def my_plan(plan: PrintablePlan, library: Library, options: PrintOptions,
            program: Sequence[Resource] = (), stop: Stop = never) -> bytes:
    """The take-home plan: title and date, the help lines in a box, then the chosen steps by
    topic, notes and people. No cover page: the numbers that matter most are on page one."""
    _ = options.gettext
    s = styles(options.large_print, options.right_to_left)
    story: list[Flowable] = [p(options.title or _("My plan"), s.h1),
                             p(printed_date(options), s.small), gap(s, 0.6),
                             _help_box(_help_lines(options, program, plan.resources), options, s)]
    story += _chosen_steps(plan, library, options, s)
    story += _people(plan, options, s)
    return build(story, options, stop=stop)


def _help_box(lines: Sequence[tuple[str, str, str]], options: PrintOptions,
              s: Styles) -> Flowable:
    """The help lines, framed: each name and number on one line, its note smaller below."""
    content = [p(options.gettext("Help lines and local resources"), s.h2)]
    for name, reach, note in lines:
        content.append(lead_in(name, reach, s.compact if note else s.body))
        if note:
            content.append(p(note, s.small))
    return Framed(content, s.size * 0.7)


def _chosen_steps(plan: PrintablePlan, library: Library, options: PrintOptions,
                  s: Styles) -> list[Flowable]:
    """Each topic with chosen steps or a note: its steps with their status, then the note."""
    _ = options.gettext
    say = discreet.app_words(options)
    story: list[Flowable] = []
    column = label_width([_(word) for word in STATUS_SHORT_WORDS.values()], s.body)
    for topic in library.topics:
        actions = [a for a in topic.actions if plan.statuses.get(a.id) in ON_PLAN]
        note = plan.notes.get(topic.id, "") if options.include_notes else ""
        if not actions and not note:
            continue
        story.append(p(say(topic.title), s.h2))
        for action in actions:
            status = plan.statuses[action.id]
            done = status is ActionStatus.DONE
            word = _(STATUS_SHORT_WORDS[status])
            story.append(CheckItem(say(action.text), s.body, word, done=done, label_width=column,
                                   caution=None if done else _caution(action, options, s)))
        if note:
            story.append(p(_("My notes:"), s.small))
            story.append(long_text(note, s.body))
        story.append(WriteInLines(3, s.size * 1.8))
    if not story:
        story.append(p(_("No steps chosen yet. Use the lines below to write your own."), s.body))
        story.append(WriteInLines(8, s.size * 1.8))
    return story


def _people(plan: PrintablePlan, options: PrintOptions, s: Styles) -> list[Flowable]:
    """The people the person trusts, exactly as typed, and lines to add more by hand."""
    story: list[Flowable] = [p(options.gettext("People I trust"), s.h2)]
    for contact in plan.contacts:
        story.append(p(" \u2014 ".join(x for x in (contact.name, contact.reach, contact.note) if x),
                       s.body))
    story.append(WriteInLines(2, s.size * 1.8))
    return story


def family_rules(library: Library, options: PrintOptions, stop: Stop = never) -> bytes:
    """One page for the fridge: the household's online rules, with no mention of abuse.

    Large print, as a sheet for the fridge is read from across the kitchen; normal print when a
    language's longer sentences would not fit one page in large print (Spanish, Vietnamese)."""
    story = _family_rules(library, options, styles(True, options.right_to_left))
    if not _fits_one_page(story):
        story = _family_rules(library, options, styles(False, options.right_to_left))
    return build(story, options, footer=False, stop=stop)


def _family_rules(library: Library, options: PrintOptions, s: Styles) -> list[Flowable]:
    _ = options.gettext
    story: list[Flowable] = [p(_("Our family's online rules"), s.h1)]
    for rule in library.family_rules():
        story.append(CheckItem(discreet.neutral(rule.text, options.language), s.body))
    story.append(gap(s))
    story.append(p(_("Our own rules:"), s.h2))
    story.append(WriteInLines(3, s.size * 1.8))
    return story


def _fits_one_page(story: Sequence[Flowable]) -> bool:
    """Whether `story` fits the one frame of a letter page that `build` lays it out in."""
    width, height = LETTER[0] - 2 * MARGIN, LETTER[1] - 2 * MARGIN - 6 * mm
    needed = sum(flowable.wrap(width, height)[1] + flowable.getSpaceBefore()
                 + flowable.getSpaceAfter() for flowable in story)
    return bool(needed <= height)


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


def workbook(library: Library, options: PrintOptions, stop: Stop = never) -> bytes:
    """Every topic's key points and every step with an empty box: a plan on paper only."""
    _ = options.gettext
    s = styles(options.large_print, options.right_to_left)
    say = discreet.app_words(options)
    story: list[Flowable] = [gap(s, 8), p(options.title or _("Workbook"), s.cover), gap(s, 2),
                             p(_("Tick the steps you want to take. Write your own on the lines."),
                               s.centered), PageBreak()]
    for topic in library.topics:
        story.append(p(say(topic.title), s.h1))
        story.append(p(say(topic.summary), s.body))
        for point in _key_points(topic):
            story.append(p("\u2022 " + say(point), s.small))
        story.append(p(_("Steps"), s.h2))
        for action in topic.actions:
            story.append(CheckItem(say(action.text), s.body,
                                   caution=_caution(action, options, s)))
        story.append(WriteInLines(3, s.size * 1.8))
    return build(story, options, stop=stop)


CARD = (85 * mm, 55 * mm)  # a bank card: it fits a wallet
CARD_TYPE_SIZES = (8.5, 8.0, 7.5, 7.0)  # a wallet card's type shrinks a little before it grows
LARGE_CARD_TYPE_SIZE = 18.0
LARGE_CARDS_DOWN = (3, 2, 1)  # large-print cards to a page, most first; a third fits a pocket
CARD_PAGE_MARGIN: float = 12 * mm  # room outside the cards for cut marks a home printer can reach
CARD_PADDING: float = 4 * mm


@dataclass(frozen=True)
class CardSheet:
    """How cards sit on a page: their size, their type size, and how many across and down."""

    width: float
    height: float
    type_size: float
    columns: int
    rows: int


def pocket_cards(plan: PrintablePlan, contact_ids: Sequence[int], options: PrintOptions,
                 program: Sequence[Resource] = (), stop: Stop = never) -> bytes:
    """Cards with cut marks: the help lines and up to three people. Wallet cards fill a page; a
    large-print card is as wide as the page and a third, a half or all of its height, whichever
    holds every line. Nothing is ever left off: text too long for one card runs on to the next."""
    fonts.register()
    chosen = [c for c in plan.contacts if c.id in contact_ids][:MAX_CARD_CONTACTS]
    lines = [(name, reach) for name, reach, _note in _help_lines(options, program, ())]
    lines += [(c.name, c.reach) for c in chosen]
    sheet = _card_sheet(lines, options)
    frames = _card_frames(sheet)
    if _fits(lines, sheet.width, sheet.height, sheet.type_size, options):
        story: list[Flowable] = []
        for _cell in frames:  # the same card in every place on the page
            story += [*_card_blocks(lines, sheet.type_size, options), FrameBreak()]
        story.pop()  # a break after the last card would start an empty page
    else:
        story = _card_blocks(lines, sheet.type_size, options)

    def outlines(canvas: Canvas, _document: object) -> None:
        _draw_outlines(canvas, sheet)

    return build(story, options, footer=False, frames=frames, decorate=outlines, stop=stop)


def _card_sheet(lines: Sequence[tuple[str, str]], options: PrintOptions) -> CardSheet:
    """The card size for these lines: the first choice where every line fits."""
    page_width, page_height = LETTER
    room_across, room_down = page_width - 2 * CARD_PAGE_MARGIN, page_height - 2 * CARD_PAGE_MARGIN
    if options.large_print:
        # 18 pt type needs the page's width; as many cards go down the page as leave room for
        # every line, so no paper is left blank, down to one card the size of the page.
        rows = next((rows for rows in LARGE_CARDS_DOWN
                     if _fits(lines, room_across, room_down / rows, LARGE_CARD_TYPE_SIZE, options)),
                    1)
        return CardSheet(room_across, room_down / rows, LARGE_CARD_TYPE_SIZE, 1, rows)
    width, height = CARD
    size = next((size for size in CARD_TYPE_SIZES if _fits(lines, width, height, size, options)),
                None)
    if size is None:  # still too much at the smallest type: the card grows taller instead
        size = CARD_TYPE_SIZES[-1]
        height = min(room_down, _needed_height(lines, width, size, options))
    return CardSheet(width, height, size, int(room_across // width), int(room_down // height))


def _card_blocks(lines: Sequence[tuple[str, str]], size: float,
                 options: PrintOptions) -> list[Flowable]:
    """One card's paragraphs: a heading, then each name in bold and how to reach them."""
    style = ParagraphStyle("card", fontName=fonts.BODY, fontSize=size, leading=size * 1.25,
                           spaceAfter=size * 0.2, **page_direction(options.right_to_left))
    title = ParagraphStyle("card-title", parent=style, fontName=fonts.BOLD)
    return [p(options.gettext("Numbers to keep"), title),
            *(lead_in(name, reach, style) for name, reach in lines)]


def _needed_height(lines: Sequence[tuple[str, str]], width: float, size: float,
                   options: PrintOptions) -> float:
    """The height a card must have for all of `lines` at `size` points."""
    blocks = _card_blocks(lines, size, options)
    inner = width - 2 * CARD_PADDING
    text = sum(float(block.wrap(inner, LETTER[1])[1]) for block in blocks)
    spaces = sum(float(block.getSpaceAfter()) for block in blocks[:-1])
    return text + spaces + 2 * CARD_PADDING + 1  # 1 pt to spare, so rounding never spills


def _fits(lines: Sequence[tuple[str, str]], width: float, height: float, size: float,
          options: PrintOptions) -> bool:
    return _needed_height(lines, width, size, options) <= height


def _card_frames(sheet: CardSheet) -> list[Frame]:
    """One frame per card, top row first, so text that runs on reads from card to card."""
    left, bottom = _grid_origin(sheet)
    return [Frame(left + column * sheet.width, bottom + row * sheet.height, sheet.width,
                  sheet.height, leftPadding=CARD_PADDING, rightPadding=CARD_PADDING,
                  topPadding=CARD_PADDING, bottomPadding=CARD_PADDING)
            for row in reversed(range(sheet.rows)) for column in range(sheet.columns)]


def _grid_origin(sheet: CardSheet) -> tuple[float, float]:
    """The bottom-left corner of the cards, which sit in the middle of the page."""
    page_width, page_height = LETTER
    return ((page_width - sheet.columns * sheet.width) / 2,
            (page_height - sheet.rows * sheet.height) / 2)


def _draw_outlines(canvas: Canvas, sheet: CardSheet) -> None:
    """A dashed line round each card, and cut marks outside them."""
    left, bottom = _grid_origin(sheet)
    canvas.saveState()
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.5)
    canvas.setDash(2, 2)
    for row in range(sheet.rows):
        for column in range(sheet.columns):
            canvas.rect(left + column * sheet.width, bottom + row * sheet.height, sheet.width,
                        sheet.height)
    canvas.setDash()
    _cut_marks(canvas, left, bottom, sheet.width, sheet.height, sheet.columns, sheet.rows)
    canvas.restoreState()


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
