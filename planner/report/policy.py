"""A program's social media policy on paper and as an editable document, and its worksheet.

Three outputs, all from `planner.core.policy`: the draft policy as a PDF (`policy_pdf`), the
same draft as an OpenDocument text file a program edits and adopts in its word processor
(`policy_odt`), and a blank worksheet of the questions for a staff meeting (`worksheet_pdf`).
The PDFs use the same page machinery as every other printout (fonts, page numbers, the date
printed, mirrored pages for right-to-left languages).

Why ODT, written with odfdo: the editable document must keep right-to-left paragraphs for
Arabic and other such languages. python-docx can only set that by editing its XML by hand, and
Qt's own ODT writer (QTextDocumentWriter) drops the paragraph direction. ODF states it as a plain
style property (`style:writing-mode="rl-tb"`), which odfdo writes directly; odfdo is actively
released and reads its files back, so the tests need nothing else. LibreOffice, Word and Google
Docs all open ODT files.

`planner policy --answers FILE --out DIR [--locale L]` writes all three for a program's answers
file, and `planner policy --example --out DIR` for the example program shipped with the app.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from odfdo import Cell, Column, Document, Header, List, ListItem, Paragraph, Row, Style, Table
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus import Table as PdfTable

from planner.core import files
from planner.core.content import ContentError, load_library
from planner.core.i18n import _
from planner.core.policy import (
    EXAMPLE_FILE,
    HEADER_LABELS,
    STATUS_LABELS,
    AnswersFileError,
    Option,
    PolicyAnswers,
    PolicyDocument,
    PolicyGuide,
    PolicyGuideError,
    Question,
    draft,
    load_guide,
    read_answers_file,
)
from planner.core.resources import content_dir
from planner.report import fonts
from planner.report.layout import (
    LONG_TEXT_PIECE,
    CheckItem,
    PrintOptions,
    Stop,
    Styles,
    WriteInLines,
    build,
    catalog,
    gap,
    lead_in,
    long_text,
    never,
    p,
    printed_date,
    styles,
)
from planner.report.text import clean

BULLET = "\u2022 "


def _h3(s: Styles) -> ParagraphStyle:
    """A question's or a section's heading: bold body text that stays with what follows."""
    return ParagraphStyle("h3", parent=s.body, fontName=fonts.BOLD, spaceBefore=s.size * 0.6,
                          keepWithNext=1)


def _header_table(rows: Sequence[tuple[str, str]], s: Styles,
                  right_to_left: bool) -> Flowable:
    """The policy's header as a ruled two-column table: label, then value (mirrored for a
    right-to-left page). An empty value prints as an empty cell, to fill in by hand."""
    label = ParagraphStyle("label", parent=s.body, fontName=fonts.BOLD, spaceAfter=0)
    value = ParagraphStyle("value", parent=s.body, spaceAfter=0)
    cells = [[p(name, label), p(text, value)] for name, text in rows]
    widths = [0.32, 0.68]
    if right_to_left:
        cells = [list(reversed(row)) for row in cells]
        widths.reverse()
    table = PdfTable(cells, colWidths=[f"{w * 100:.0f}%" for w in widths],
                     hAlign="RIGHT" if right_to_left else "LEFT")
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.8, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), s.size * 0.3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), s.size * 0.3)]))
    return table


def policy_pdf(document: PolicyDocument, options: PrintOptions, stop: Stop = never) -> bytes:
    """The draft policy: title, header, introduction, the four parts, and what is still to
    decide, each with a box to tick when it is done."""
    _ = options.gettext
    s = styles(options.large_print, options.right_to_left)
    h3 = _h3(s)
    h3_free = ParagraphStyle("h3-free", parent=h3, keepWithNext=0)
    story: list[Flowable] = [p(document.title, s.h1), p(printed_date(options), s.small),
                             gap(s, 0.4),
                             _header_table([(row.label, row.value) for row in document.header],
                                           s, options.right_to_left),
                             gap(s, 0.6), p(document.intro, s.body)]
    for part in document.parts:
        story.append(p(part.heading, s.h2))
        if not part.sections:
            story.append(p(_("Nothing is decided for this part yet."), s.body))
        for section in part.sections:
            long = any(len(text) > LONG_TEXT_PIECE for text in section.paragraphs)
            # A long text is laid out piece by piece and never fits whole, so a heading kept
            # with it would push it to a new page: that heading is left free.
            story.append(p(section.heading, h3_free if long else h3))
            story += [long_text(text, s.body) if len(text) > LONG_TEXT_PIECE else p(text, s.body)
                      for text in section.paragraphs]
            story += [p(BULLET + item, s.compact) for item in section.items]
    if document.actions:
        story.append(p(document.actions_heading, s.h2))
        story += [CheckItem(action, s.body) for action in document.actions]
    return build(story, options, stop=stop)


class Stacked(Flowable):
    """Flowables drawn one under another as one block: an option's meaning and its concern
    under the option's checkbox (`CheckItem` takes one block there)."""

    def __init__(self, content: Sequence[Flowable]) -> None:
        super().__init__()
        self.content = list(content)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = sum(item.wrap(available_width, available_height)[1]
                          for item in self.content)
        return available_width, self.height

    def draw(self) -> None:
        top = self.height
        for item in self.content:
            top -= item.height
            item.drawOn(self.canv, 0, top)


def _option_notes(option: Option, options: PrintOptions, s: Styles) -> Flowable:
    """What an option means, and, when it works against a survivor-centred mission, why."""
    notes = [p(option.means, s.small)]
    if option.concern:
        notes.append(lead_in(options.gettext("Think about this:"), option.concern, s.small))
    return Stacked(notes)


def _worksheet_question(question: Question, options: PrintOptions, s: Styles,
                        topic_titles: Mapping[str, str]) -> list[Flowable]:
    _ = options.gettext
    lines = s.size * 1.8
    story: list[Flowable] = [p(question.ask, _h3(s)),
                             lead_in(_("Why it matters:"), question.why, s.small)]
    if question.kind == "text":
        if question.hint:
            story.append(p(question.hint, s.small))
        story.append(WriteInLines(3, lines))
        return story
    if question.kind == "single":
        story.append(p(_("Tick one."), s.small))
    for option in question.options:
        story.append(CheckItem(option.label, s.body, caution=_option_notes(option, options, s)))
    for topic in question.topics:
        story.append(CheckItem(topic_titles.get(topic, topic), s.compact))
    if question.takes_text:
        story.append(p(_("Your own words:"), s.small))
        story.append(WriteInLines(2, lines))
    return story


def worksheet_pdf(guide: PolicyGuide, options: PrintOptions,
                  topic_titles: Mapping[str, str] | None = None, stop: Stop = never) -> bytes:
    """Every question with empty boxes and lines, for a staff meeting: the header to fill in,
    then each part's questions, why each matters, and what each answer means."""
    _ = options.gettext
    s = styles(options.large_print, options.right_to_left)
    lines = s.size * 1.8
    story: list[Flowable] = [
        p(_("{title}: worksheet").format(title=guide.title), s.h1),
        p(printed_date(options), s.small),
        p(_("Talk through each question together. Tick the answers that fit your program, and "
            "write your own words on the lines. Answers marked \u201cThink about this\u201d "
            "work against a survivor-centred mission."), s.body)]
    for name, label in HEADER_LABELS:
        if name == "status":
            story.append(p(_(label), _h3(s)))
            story += [CheckItem(_(word), s.body) for word in STATUS_LABELS.values()]
        else:
            story += [p(_(label), _h3(s)), WriteInLines(1, lines)]
    titles = topic_titles or {}
    for part in guide.parts:
        story += [p(part.title, s.h1), p(part.intro, s.body)]
        for question in part.questions:
            story += _worksheet_question(question, options, s, titles)
    return build(story, options, stop=stop)


# -- the editable document (ODT) -----------------------------------------------------------------

BODY_STYLE = "PolicyBody"
HEADING_STYLES = {1: "PolicyHeading1", 2: "PolicyHeading2", 3: "PolicyHeading3"}
LABEL_STYLE = "PolicyLabel"
TABLE_STYLE = "PolicyHeaderTable"
RIGHT_TO_LEFT = "rl-tb"
LIST_STYLE = "List_20_1"  # the template's bulleted list


def _paragraph_style(name: str, parent: str, right_to_left: bool, bold: bool = False) -> Style:
    """A paragraph style; a right-to-left document's paragraphs run right to left and start
    at the right margin (`style:writing-mode`, which word processors honour)."""
    style = Style("paragraph", name=name, parent_style=parent)
    direction = RIGHT_TO_LEFT if right_to_left else "lr-tb"
    style.set_properties(area="paragraph", properties={"style:writing-mode": direction,
                                                       "fo:text-align": "start"})
    if bold:  # after the paragraph properties: the order ODF's schema asks for
        style.set_properties(area="text", properties={"fo:font-weight": "bold"})
    return style


def _odt_styles(document: Document, right_to_left: bool) -> None:
    document.insert_style(_paragraph_style(BODY_STYLE, "Text_20_body", right_to_left))
    document.insert_style(_paragraph_style(LABEL_STYLE, "Text_20_body", right_to_left, True))
    for level, name in HEADING_STYLES.items():
        document.insert_style(_paragraph_style(name, f"Heading_20_{level}", right_to_left))
    table = Style("table", name=TABLE_STYLE)
    table.set_properties(area="table", properties={
        "style:writing-mode": RIGHT_TO_LEFT if right_to_left else "lr-tb",
        "style:width": "17cm", "table:align": "margins"})
    document.insert_style(table, automatic=True)


def _heading(level: int, text: str) -> Header:
    heading = Header(level, clean(text))
    heading.style = HEADING_STYLES[level]  # odfdo's constructor ignores `style` for headings
    return heading


def _odt_header_table(rows: Sequence[tuple[str, str]]) -> Table:
    table = Table("PolicyHeader", style=TABLE_STYLE)
    table.append(Column(repeated=2))
    for label, value in rows:
        row = Row()
        for text, style in ((label, LABEL_STYLE), (value, BODY_STYLE)):
            cell = Cell()
            cell.append(Paragraph(clean(text), style=style))
            row.append(cell)
        table.append(row)
    return table


def _odt_list(items: Sequence[str]) -> List:
    listing = List(style=LIST_STYLE)
    for item in items:
        entry = ListItem()
        entry.append(Paragraph(clean(item), style=BODY_STYLE))
        listing.append(entry)
    return listing


def policy_odt(document: PolicyDocument) -> bytes:
    """The draft policy as an OpenDocument text file, opening with the policy header."""
    _ = catalog(document.language).gettext
    odt = Document("text")
    body = odt.body
    body.clear()
    _odt_styles(odt, document.right_to_left)
    _neutral_metadata(odt, document)
    body.append(_heading(1, document.title))
    body.append(_odt_header_table([(row.label, row.value) for row in document.header]))
    body.append(Paragraph(clean(document.intro), style=BODY_STYLE))
    for part in document.parts:
        body.append(_heading(2, part.heading))
        if not part.sections:
            body.append(Paragraph(clean(_("Nothing is decided for this part yet.")),
                                  style=BODY_STYLE))
        for section in part.sections:
            body.append(_heading(3, section.heading))
            for paragraph in section.paragraphs:
                body.append(Paragraph(clean(paragraph), style=BODY_STYLE))
            if section.items:
                body.append(_odt_list(section.items))
    if document.actions:
        body.append(_heading(2, document.actions_heading))
        body.append(_odt_list(document.actions))
    buffer = io.BytesIO()
    odt.save(buffer)
    return buffer.getvalue()


def _neutral_metadata(odt: Document, document: PolicyDocument) -> None:
    """The document's own title and language; no names, no program that made it."""
    meta = odt.meta
    meta.set_title(clean(document.title))
    meta.set_generator("")
    meta.set_initial_creator("")
    meta.set_creator("")
    meta.set_language(document.language.split("_")[0])
    now = datetime.now()  # the template's own dates would say the file is older than it is
    meta.set_creation_date(now)
    meta.set_dc_date(now)


# -- the command line ----------------------------------------------------------------------------

POLICY_PDF = "policy.pdf"
POLICY_ODT = "policy.odt"
WORKSHEET_PDF = "policy-worksheet.pdf"


def write_policy_files(guide: PolicyGuide, answers: PolicyAnswers, folder: Path,
                       topic_titles: Mapping[str, str], printed_on: date) -> list[Path]:
    """The policy PDF, the editable policy and the worksheet, saved in `folder` (raises
    OSError for the caller to explain)."""
    document = draft(guide, answers, topic_titles=topic_titles)
    options = PrintOptions(language=guide.locale, printed_on=printed_on)
    files.ensure_private_dir(folder)
    made = [(folder / POLICY_PDF, policy_pdf(document, options)),
            (folder / POLICY_ODT, policy_odt(document)),
            (folder / WORKSHEET_PDF, worksheet_pdf(guide, options, topic_titles))]
    for path, data in made:
        files.atomic_write(path, data)
    return [path for path, _data in made]


def policy_main(argv: Sequence[str]) -> int:
    """`planner policy`: the documents for an answers file, or for the example program."""
    parser = argparse.ArgumentParser(prog="planner policy")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--answers", type=Path, help="a program's answers file (JSON)")
    source.add_argument("--example", action="store_true",
                        help="use the complete example program shipped with the app")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write to")
    parser.add_argument("--locale", default="en")
    arguments = parser.parse_args(list(argv))
    content = content_dir()
    try:
        guide = load_guide(content, arguments.locale)
        library = load_library(content, arguments.locale)
        path = arguments.answers or content / "en" / EXAMPLE_FILE
        answers = read_answers_file(path, guide)
    except AnswersFileError as error:
        print(_("The answers file could not be read: {error}").format(error=error),
              file=sys.stderr)
        return 1
    except (PolicyGuideError, ContentError) as error:
        print(_("The questions could not be read: {error}").format(error=error),
              file=sys.stderr)
        return 1
    titles = {topic.id: topic.title for topic in library.topics}
    try:
        made = write_policy_files(guide, answers, arguments.out, titles, date.today())
    except OSError as error:
        print(_("The documents could not be saved in {folder}: {reason}").format(
            folder=arguments.out, reason=error.strerror or error), file=sys.stderr)
        return 1
    for path in made:
        print(path)
    return 0
