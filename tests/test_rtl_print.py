"""Right-to-left text on paper: Arabic is shaped, ordered right to left, mixed with English and
numbers correctly, and every language's letters have a font in the printed font stack.

The PDFs are real reportlab output read back with pypdf: each drawn run of glyphs with the x
position where it starts, so the tests see the order on the page as a reader does.
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from planner.core.content import load_library
from planner.core.plan import ActionStatus, Contact
from planner.core.resources import content_dir
from planner.report import bidi, fonts, outputs
from planner.report.layout import CheckItem, PrintOptions, build, p, styles

DAY = date(2026, 11, 25)
SAMPLES = {
    "es": "¿Dónde está la configuración? Añadir contraseña, niño, señal.",
    "vi": "Bảo mật tài khoản của bạn: mật khẩu mạnh, xác minh hai bước.",
    "ar": "خطة السلامة الخاصة بك: كلمة المرور والموقع",
}
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _runs(pdf: bytes) -> list[tuple[float, float, str]]:
    """(y, x, text) of every text-showing operation on the first page."""
    found: list[tuple[float, float, str]] = []

    def visit(text: str, _cm: object, tm: list[float], _font: object, _size: object) -> None:
        if text.strip():
            found.append((round(tm[5], 1), tm[4], text.rstrip("\n")))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def _pdf(*texts: str) -> bytes:
    s = styles(False, right_to_left=False)
    return build([p(text, s.body) for text in texts], PrintOptions(language="en", printed_on=DAY))


def test_arabic_is_shaped_drawn_right_to_left_and_extracts_in_typed_order() -> None:
    pdf = _pdf("لكم مساء")
    runs = [text for _y, _x, text in _runs(pdf) if not text.startswith("Page")]
    # pypdf turns a right-to-left run back into reading order, so a word drawn right to left
    # comes back in typed order, each letter in its joined form: initial lam, medial kaf,
    # final meem. Drawn left to right, or unshaped, it would come back differently.
    assert runs == ["\ufedf\ufedc\ufee2 \ufee3\ufeb4\ufe8e\u0621"]
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert unicodedata.normalize("NFKC", text).splitlines()[0] == "لكم مساء"


def test_english_inside_arabic_sits_in_bidi_order() -> None:
    # Typed order: "لكم", then "Sam", then "مساء". A right-to-left line puts the first word at
    # the right edge, the English word in the middle, the last word at the left.
    x_of = {}
    for _y, x, text in _runs(_pdf("لكم Sam مساء")):
        x_of[unicodedata.normalize("NFKC", text).strip()] = x
    assert x_of["مساء"] < x_of["Sam"] < x_of["لكم"]
    # And an Arabic word inside an English sentence stays where it was typed.
    x_of = {}
    for _y, x, text in _runs(_pdf("Call لكم now")):
        x_of[unicodedata.normalize("NFKC", text).strip()] = x
    assert x_of["Call"] < x_of["لكم"] < x_of["now"]


def test_phone_numbers_and_brackets_read_as_written() -> None:
    runs = sorted(_runs(_pdf("المرور لكم 1-800-799-7233 (مساء)")), key=lambda run: run[1])
    texts = [text for _y, _x, text in runs if not text.startswith("Page")]
    # One run in dialling order, left of the words typed before it; not 7233-799-800-1.
    assert "1-800-799-7233" in texts
    assert texts.index("1-800-799-7233") < next(i for i, s in enumerate(texts) if "\ufedf" in s)


def test_lines_carry_their_typed_text_for_copying_and_screen_readers() -> None:
    line = "ملاحظاتي: اتصلت بأختي يوم 3 نوفمبر"
    content = PdfReader(io.BytesIO(_pdf(line))).pages[0].get_contents().get_data().decode("latin-1")
    spans = re.findall(r"/ActualText <FEFF([0-9a-f]+)>", content)
    assert [bytes.fromhex(span).decode("utf-16-be") for span in spans] == [line]


def test_long_arabic_text_wraps_within_the_width_and_splits_across_pages() -> None:
    s = styles(False, right_to_left=False)
    words = ["سطر", "طويل", "جدا", "1-800-799-7233", "Sam"] * 300
    paragraph = bidi.BidiParagraph(" ".join(words), s.body)
    _width, height = paragraph.wrap(300, 10_000)
    assert height == len(paragraph.lines) * s.body.leading and len(paragraph.lines) > 50
    for line in paragraph.lines:
        drawn = sum(piece.width for piece in bidi.visual_line(line, True, s.body.fontSize))
        assert drawn <= 300
    assert " ".join(paragraph.lines).split() == words  # nothing lost, nothing reordered
    first, rest = paragraph.split(300, 200)
    assert first.lines + rest.lines == paragraph.lines
    pdf = build([p(" ".join(words), s.body)], PrintOptions(language="en", printed_on=DAY))
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2


def test_a_step_in_arabic_puts_its_box_on_the_right() -> None:
    s = styles(False, right_to_left=False)
    english = CheckItem("Turn on 2-step verification.", s.body, "Done", done=True)
    arabic = CheckItem("فعّلي التحقق بخطوتين.", s.body, "Done", done=True)
    assert not english.mirrored and arabic.mirrored
    pdf = build([english, arabic], PrintOptions(language="en", printed_on=DAY))
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    boxes = [float(x) for x in re.findall(r"n ([\d.]+) [\d.]+ [\d.]+ [\d.]+ re S", content)]
    assert len(boxes) == 2
    assert boxes[0] < 5 and boxes[1] > 300


def test_plan_with_arabic_notes_and_people_prints() -> None:
    library = load_library(content_dir(), "en")
    topic = library.topics[0]
    plan = outputs.PrintablePlan(
        statuses={topic.actions[0].id: ActionStatus.TODO},
        notes={topic.id: "أتحدث مع أختي يوم الأحد عن الهاتف."},
        contacts=(Contact(id=1, name="سارة", reach="555-0100", note="أختي"),),
        resources=())
    pdf = outputs.my_plan(plan, library, PrintOptions(language="en", printed_on=DAY))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "555-0100" in text
    assert any("\ufe70" <= ch <= "\ufeff" for ch in text)  # the Arabic is there, joined


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_pdf_font_stack_covers_each_language(language: str) -> None:
    sample = SAMPLES[language]
    missing = [ch for ch in sample if not ch.isspace() and fonts.font_for(ch) is None]
    assert missing == []
    # And the page really uses them: no letter was replaced by the "?" placeholder.
    pdf = _pdf(sample)
    drawn = "".join(text for _y, _x, text in _runs(pdf) if not text.startswith("Page"))
    assert fonts.MISSING not in drawn.replace("?", "", sample.count("?"))
    if language == "ar":
        assert bidi.has_rtl(sample) and any("\ufe70" <= ch <= "\ufeff" for ch in drawn)
    else:
        assert unicodedata.normalize("NFC", drawn) == unicodedata.normalize("NFC", sample)


def test_status_words_in_any_script_use_the_font_stack() -> None:
    s = styles(False, right_to_left=False)
    items = [CheckItem("Bật xác minh hai bước.", s.body, "Đã xong", done=True),
             CheckItem("لكم مساء", s.body, "لكم", done=True)]
    pdf = build(items, PrintOptions(language="en", printed_on=DAY))
    texts = [unicodedata.normalize("NFC", text) for _y, _x, text in _runs(pdf)]
    assert "Đã xong" in "".join(texts)
    assert "\ufedf\ufedc\ufee2" in texts  # the Arabic status word, shaped, on its own
    assert fonts.MISSING not in "".join(texts)


def test_zero_width_non_joiner_still_breaks_the_join_in_persian() -> None:
    # "می‌خواهم" (I want) is written with a zero-width non-joiner after "می": without it the
    # letters would join into a different, wrong word shape.
    with_joiner = "".join(piece.text for piece in bidi.visual_line("می\u200cخواهم", True, 12))
    without = "".join(piece.text for piece in bidi.visual_line("میخواهم", True, 12))
    assert with_joiner != without


def test_a_number_after_arabic_in_an_english_line_stays_whole() -> None:
    runs = sorted(_runs(_pdf("Call لكم 555-0100 today")), key=lambda run: run[1])
    texts = [unicodedata.normalize("NFKC", text).strip() for _y, _x, text in runs]
    assert "555-0100" in texts
    assert texts.index("Call") < texts.index("555-0100") < texts.index("today")


def test_a_page_in_a_right_to_left_language_is_mirrored() -> None:
    from planner.report.layout import writes_right_to_left

    assert writes_right_to_left("ar") and writes_right_to_left("ar_XB")
    assert not writes_right_to_left("es") and not writes_right_to_left("en_XA")
    library = load_library(content_dir(), "en")
    steps = library.topics[0].actions[:3]
    plan = outputs.PrintablePlan(statuses={a.id: ActionStatus.TODO for a in steps}, notes={},
                                 contacts=(), resources=())
    boxes = {}
    for locale in ("en", "ar"):
        pdf = outputs.my_plan(plan, library, PrintOptions(language=locale, printed_on=DAY))
        page = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
        boxes[locale] = [float(x) for x in
                         re.findall(r"n ([\d.]+) [\d.]+ [\d.]+ [\d.]+ re S", page)]
    assert len(boxes["en"]) == len(boxes["ar"]) == 3
    assert max(boxes["en"]) < 5 < 400 < min(boxes["ar"])  # left edge in English, right in Arabic


def _letters(text: str) -> str:
    """Only the letters, in NFC: pypdf gives a mirrored line's runs back in pieces."""
    return "".join(ch for ch in unicodedata.normalize("NFC", text) if ch.isalpha())


@pytest.mark.parametrize(("printed", "shown"), [("ar_XB", "en"), ("en", "ar_XB")])
def test_a_page_takes_its_words_and_direction_from_its_own_language(printed: str,
                                                                    shown: str) -> None:
    import gettext

    from planner.core import i18n
    from planner.core.resources import translations_dir

    library = load_library(content_dir(), "en")
    steps = library.topics[0].actions[:3]
    plan = outputs.PrintablePlan(statuses={a.id: ActionStatus.TODO for a in steps}, notes={},
                                 contacts=(), resources=())
    i18n.set_language(shown)  # the window shows another language than the page asks for
    try:
        pdf = outputs.my_plan(plan, library, PrintOptions(language=printed, printed_on=DAY))
    finally:
        i18n.set_language("en")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    boxes = [float(x) for x in re.findall(r"n ([\d.]+) [\d.]+ [\d.]+ [\d.]+ re S",
                                          page.get_contents().get_data().decode("latin-1"))]
    assert len(boxes) == 3
    if printed == "ar_XB":
        assert min(boxes) > 400  # mirrored: the boxes on the right
    else:
        assert max(boxes) < 5
    text = _letters(page.extract_text())
    heading = "Help lines and local resources"
    catalogs = {language: gettext.translation("planner", translations_dir(),
                                              languages=[language], fallback=True)
                for language in (printed, shown)}
    assert _letters(catalogs[printed].gettext(heading)) in text
    assert _letters(catalogs[shown].gettext(heading)) not in text


def _title(pdf: bytes, page: int) -> tuple[float, str]:
    """Where the page's first line starts across the page (points from the left edge, with the
    page's transformations applied), and the page's lines as typed (`ActualText`)."""
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if text.strip():
            found.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5],
                          tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))

    reader = PdfReader(io.BytesIO(pdf))
    reader.pages[page].extract_text(visitor_text=visit)
    top = max(y for y, _x in found)
    content = reader.pages[page].get_contents().get_data().decode("latin-1")
    typed = " ".join(bytes.fromhex(span).decode("utf-16-be")
                     for span in re.findall(r"/ActualText <FEFF([0-9a-f]+)>", content))
    return min(x for y, x in found if abs(y - top) < 1), typed or reader.pages[page].extract_text()


PRINTOUT_TITLES = {"plan": "My plan", "card": "Numbers to keep",
                   "rules": "Our family's online rules", "workbook": "Steps",
                   "evidence": "Evidence log"}


def _printout(kind: str, language: str) -> bytes:
    """`kind` printed in `language` from that language's topics, with three steps and a person."""
    from planner.core.evidence import EvidenceLog
    from planner.core.vault import Vault
    from planner.report.evidence_log import evidence_log

    library = load_library(content_dir(), language)
    plan = outputs.PrintablePlan({a.id: ActionStatus.TODO for a in library.actions[:3]}, {},
                                 (Contact(1, "Dee", "555-0100", ""),), ())
    options = PrintOptions(language=language, printed_on=DAY)
    if kind == "evidence":
        log = EvidenceLog(Vault.guest())
        try:
            return evidence_log(log.entries(), log.attachment_bytes, log.verify, options)
        finally:
            log.vault.close()
    return {"plan": lambda: outputs.my_plan(plan, library, options),
            "card": lambda: outputs.pocket_cards(plan, [1], options),
            "rules": lambda: outputs.family_rules(library, options),
            "workbook": lambda: outputs.workbook(library, options)}[kind]()


@pytest.mark.parametrize("kind", PRINTOUT_TITLES)
def test_every_printout_in_arabic_has_arabic_titles_and_is_mirrored(kind: str) -> None:
    import gettext

    from planner.core.resources import translations_dir

    page = 1 if kind == "workbook" else 0  # the workbook's first page is a centred cover
    english_start, _english = _title(_printout(kind, "en"), page)
    arabic_start, typed = _title(_printout(kind, "ar"), page)
    arabic = gettext.translation("planner", translations_dir(), languages=["ar"])
    title = arabic.gettext(PRINTOUT_TITLES[kind])
    assert title != PRINTOUT_TITLES[kind] and title in typed
    assert arabic_start > english_start + 100  # the first line sits against the right edge
