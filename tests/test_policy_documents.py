"""The program's social media policy as paper and as an editable document, read back: the PDF
with pypdf, the ODT with odfdo; and the `planner policy` command line."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from odfdo import Document
from pypdf import PdfReader

from planner.app import main
from planner.core.content import load_library
from planner.core.policy import (
    Answer,
    PolicyAnswers,
    answers_to_json,
    draft,
    load_guide,
    read_answers_file,
)
from planner.core.resources import content_dir
from planner.report.layout import PrintOptions
from planner.report.policy import policy_odt, policy_pdf, worksheet_pdf

DAY = date(2026, 11, 24)
EXAMPLE = content_dir() / "en" / "policy-example.json"
HOSTILE = "Our words \u202eevil\u202c, a NUL \x00, a joiner \u200d, emoji 🙂 and Ωmega."


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u200b", "")).strip()


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return _flat(" ".join(page.extract_text() for page in reader.pages))


def _odt(data: bytes) -> Document:
    return Document(io.BytesIO(data))


def _odt_text(data: bytes) -> str:
    return _flat(_odt(data).get_formatted_text())


@pytest.fixture(scope="module")
def guide():
    return load_guide(content_dir())


@pytest.fixture(scope="module")
def titles():
    return {topic.id: topic.title for topic in load_library(content_dir()).topics}


@pytest.fixture(scope="module")
def example(guide):
    return read_answers_file(EXAMPLE, guide)


@pytest.fixture(scope="module")
def document(guide, example, titles):
    return draft(guide, example, topic_titles=titles)


def _chosen_texts(guide, answers, titles) -> list[str]:
    """Every sentence the program's answers put in the draft."""
    texts = []
    for question in guide.questions:
        answer = answers.answer(question.id)
        if not answer.answered:
            continue
        texts.append(question.heading)
        if question.kind == "text":
            texts.append(question.policy.replace("{text}", answer.own_text))
            continue
        texts += [option.policy for option in question.options if option.id in answer.chosen]
        texts += [titles[topic] for topic in answer.chosen if question.kind == "topics"]
        texts += [answer.own_text] if answer.own_text else []
    return texts


def _header_texts() -> list[str]:
    return ["Social media policy", "Program", "Lakeside Family Safety Center (example)",
            "Approved by", "Board of Directors", "Date", "November 24, 2026", "Version", "1.0",
            "Next review date", "November 24, 2027", "Status", "Adopted"]


def test_the_policy_pdf_has_the_header_every_part_and_every_answer(guide, example, titles,
                                                                   document) -> None:
    pdf = policy_pdf(document, PrintOptions(language="en", printed_on=DAY))
    text = _pdf_text(pdf)
    assert text.startswith("Social media policy Printed on November 24, 2026 Program Lakeside")
    for expected in _header_texts():
        assert _flat(expected) in text, expected
    for part in guide.parts:
        assert part.heading in text
    for sentence in _chosen_texts(guide, example, titles):
        assert _flat(sentence) in text, sentence
    assert "Still to decide" not in text  # the example answers everything
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert f"Page 1 of {pages}" in text and pages <= 8


def test_the_editable_policy_has_the_header_every_part_and_every_answer(guide, example, titles,
                                                                        document) -> None:
    data = policy_odt(document)
    text = _odt_text(data)
    assert text.startswith("Social media policy")
    rows = [[cell.text_recursive.strip() for cell in row.get_cells()]
            for row in _odt(data).body.get_table(name="PolicyHeader").get_rows()]
    assert [value for row in rows for value in row] == _header_texts()[1:]
    for part in guide.parts:
        assert part.heading in text
    for sentence in _chosen_texts(guide, example, titles):
        assert _flat(sentence) in text, sentence
    style = _odt(data).get_style("paragraph", "PolicyBody")
    assert style.get_properties(area="paragraph")["style:writing-mode"] == "lr-tb"


def test_unanswered_questions_print_as_the_action_list(guide, titles) -> None:
    answers = PolicyAnswers().with_answer("surv-role", Answer(("inform",)))
    document = draft(guide, answers, topic_titles=titles)
    pdf_text = _pdf_text(policy_pdf(document, PrintOptions(language="en", printed_on=DAY)))
    odt_text = _odt_text(policy_odt(document))
    for text in (pdf_text, odt_text):
        assert "Still to decide" in text and "Write your program's name." in text
        assert _flat(f"Decide: {guide.question('surv-shelter').ask}") in text
        assert "Nothing is decided for this part yet." in text
        assert guide.question("surv-role").option("inform").policy in text


def test_a_right_to_left_language_writes_right_to_left_paragraphs(guide, example,
                                                                   titles) -> None:
    arabic = load_guide(content_dir(), "ar")
    document = draft(arabic, example, topic_titles=titles)
    assert document.right_to_left
    odt = _odt(policy_odt(document))
    for name in ("PolicyBody", "PolicyLabel", "PolicyHeading1", "PolicyHeading2",
                 "PolicyHeading3"):
        properties = odt.get_style("paragraph", name).get_properties(area="paragraph")
        assert properties["style:writing-mode"] == "rl-tb", name
    table = odt.get_style("table", "PolicyHeaderTable").get_properties(area="table")
    assert table["style:writing-mode"] == "rl-tb"
    assert odt.meta.get_language() == "ar"
    pdf = policy_pdf(document, PrintOptions(language="ar", printed_on=DAY))
    assert "Lakeside Family Safety Center" in _pdf_text(pdf)


def test_the_worksheet_asks_every_question_with_every_option(guide, titles) -> None:
    text = _pdf_text(worksheet_pdf(guide, PrintOptions(language="en", printed_on=DAY), titles))
    assert "Printed on November 24, 2026" in text
    for part in guide.parts:
        assert _flat(part.title) in text
        for question in part.questions:
            assert _flat(question.ask) in text, question.id
            assert _flat(question.why) in text, question.id
            for option in question.options:
                assert _flat(option.label) in text and _flat(option.means) in text, option.id
                if option.concern:
                    assert _flat(f"Think about this: {option.concern}") in text, option.id
            for topic in question.topics:
                assert _flat(titles[topic]) in text
    for label in ("Program", "Approved by", "Next review date", "Draft", "Adopted"):
        assert label in text


def test_the_programs_own_text_prints_whatever_it_holds(guide, example, titles) -> None:
    long_text = "A long rule. " * 20_000
    answers = (example.with_header(program=HOSTILE)
               .with_answer("org-photos", Answer(("notice",), HOSTILE))
               .with_answer("org-what-to-post", Answer(("own-work",), long_text)))
    document = draft(guide, answers, topic_titles=titles)
    pdf_text = _pdf_text(policy_pdf(document, PrintOptions(language="en", printed_on=DAY)))
    odt_text = _odt_text(policy_odt(document))
    for text in (pdf_text, odt_text):
        assert "Our words evil, a NUL , a joiner" in text and "mega." in text
        assert "\u202e" not in text and "\x00" not in text
        # every sentence of the long text is there, once the page footers are taken out
        assert re.sub(r" Page \d+ of \d+", "", text).count("A long rule.") == 20_000


def _run(arguments: list[str], capsys) -> tuple[int, str, str]:
    code = main(arguments)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_line_writes_the_example_programs_documents(tmp_path: Path,
                                                                 guide) -> None:
    out = tmp_path / "example"
    result = subprocess.run([sys.executable, "-m", "planner", "policy", "--example", "--out",
                             str(out)], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in out.iterdir()) == [
        "policy-worksheet.pdf", "policy.odt", "policy.pdf"]
    assert result.stdout.split() == [str(out / name) for name in
                                     ("policy.pdf", "policy.odt", "policy-worksheet.pdf")]
    assert "Lakeside Family Safety Center" in _pdf_text((out / "policy.pdf").read_bytes())
    assert "Lakeside Family Safety Center" in _odt_text((out / "policy.odt").read_bytes())
    assert guide.questions[-1].ask in _pdf_text((out / "policy-worksheet.pdf").read_bytes())


def test_the_command_line_writes_a_programs_answers(tmp_path: Path, guide, capsys) -> None:
    answers = PolicyAnswers().with_header(program="Riverbend Shelter").with_answer(
        "surv-shelter", Answer(("allowed",)))
    path = tmp_path / "answers.json"
    path.write_text(answers_to_json(answers), encoding="utf-8")
    code, _out, err = _run(["policy", "--answers", str(path), "--out", str(tmp_path / "docs"),
                           "--locale", "ar"], capsys)
    assert code == 0, err
    odt = _odt((tmp_path / "docs" / "policy.odt").read_bytes())
    assert "Riverbend Shelter" in odt.get_formatted_text()
    body = odt.get_style("paragraph", "PolicyBody").get_properties(area="paragraph")
    assert body["style:writing-mode"] == "rl-tb"
    arabic = load_guide(content_dir(), "ar").question("surv-shelter").option("allowed").policy
    assert arabic != guide.question("surv-shelter").option("allowed").policy
    assert _flat(arabic) in _flat(odt.get_formatted_text())
    assert _flat(arabic) in _pdf_typed_text((tmp_path / "docs" / "policy.pdf").read_bytes())


def test_the_command_line_refuses_a_broken_answers_file_naming_the_line(tmp_path: Path,
                                                                        capsys) -> None:
    path = tmp_path / "answers.json"
    lines = answers_to_json(PolicyAnswers()).splitlines()
    lines.insert(3, "  oops")
    path.write_text("\n".join(lines), encoding="utf-8")
    code, out, err = _run(["policy", "--answers", str(path), "--out", str(tmp_path / "d")],
                          capsys)
    assert code == 1 and out == ""
    assert str(path) in err and "line 4" in err
    assert not (tmp_path / "d").exists()
    code, _out, err = _run(["policy", "--answers", str(tmp_path / "missing.json"), "--out",
                            str(tmp_path / "d")], capsys)
    assert code == 1 and "missing.json" in err


def _pdf_typed_text(pdf: bytes) -> str:
    """The page's words as typed: plain text, plus the ActualText a right-to-left line carries
    (pypdf alone gives shaped Arabic glyph forms in visual order)."""
    reader = PdfReader(io.BytesIO(pdf))
    spans = []
    for page in reader.pages:
        content = page.get_contents().get_data().decode("latin-1")
        spans += [bytes.fromhex(span).decode("utf-16-be")
                  for span in re.findall(r"/ActualText <FEFF([0-9a-f]+)>", content)]
    return _flat(" ".join([_pdf_text(pdf), *spans]))


@pytest.mark.parametrize("language", ["es", "vi", "ar"])
def test_each_translation_writes_every_part_and_answer_in_its_language(
        language: str, example) -> None:
    """The example program's draft in Spanish, Vietnamese and Arabic: every part heading and
    every sentence its answers choose, in that language, in the PDF and in the ODT."""
    from planner.core.i18n import translator

    guide = load_guide(content_dir(), language)
    assert not [question.id for question in guide.questions if question.fallback]
    titles = {topic.id: topic.title for topic in load_library(content_dir(), language).topics}
    answers = read_answers_file(EXAMPLE, guide)
    document = draft(guide, answers, topic_titles=titles)
    english = load_guide(content_dir())
    pdf = _pdf_typed_text(policy_pdf(document, PrintOptions(language=language, printed_on=DAY)))
    odt = _odt_text(policy_odt(document))
    expected = [part.heading for part in guide.parts] + _chosen_texts(guide, answers, titles)
    expected.append(translator(language).gettext("Approved by"))
    for text in expected:
        assert _flat(text) in odt, text
        if language != "ar":  # Arabic lines are checked line by line below
            assert _flat(text) in pdf, text
    for part, source in zip(guide.parts, english.parts, strict=True):
        assert part.heading != source.heading  # translated, not English
        if language == "ar":
            assert _flat(part.heading) in pdf
