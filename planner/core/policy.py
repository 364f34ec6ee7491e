"""A program's own social media policy: the builder's questions, the program's answers, and the
draft policy made from them.

Domestic and sexual violence programs need a social media policy that fits their mission; a
generic template rarely does. The questions (`content/<locale>/policy.toml`, see FORMAT.md) walk
a program's staff through the choices, in four parts: the mission, the program's own use, staff's
use, and survivors' use. This module reads them, keeps the answers, points out answers that work
against a survivor-centred mission (`concerns`), turns gaps into an action list (`unanswered`),
and lays the answers out as a `PolicyDocument` that the PDF and the editable document share.

The answers are the program's, never a survivor's: they hold no survivor data, so they can be
kept in the plan (`save_in_plan`) and exported as a plain answers file a program keeps with its
other policies (`write_answers_file`, `read_answers_file`). A broken answers file is refused with
the file, the line and the problem named, so the person can fix it.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.core import files
from planner.core.content import SOURCE_LOCALE, ContentError, read_topic_file
from planner.core.i18n import N_, _, translator, writes_right_to_left

if TYPE_CHECKING:
    from planner.core.plan import Plan

GUIDE_FILE = "policy.toml"
EXAMPLE_FILE = "policy-example.json"
PART_IDS = ("mission", "organization", "advocates", "survivors")
KINDS = ("single", "multi", "text", "topics")
TEXT_SLOT = "{text}"
ANSWERS_FORMAT = "planner-policy-answers"
ANSWERS_VERSION = 1
PLAN_SETTING = "policy:answers"  # where a plan keeps the answers (see `Plan.set_setting`)

Gettext = Callable[[str], str]


class PolicyError(ValueError):
    """The questions or an answers file could not be used; `str()` names the file and why."""


class PolicyGuideError(PolicyError, ContentError):
    """The builder's question file is broken (a mistake in the app's content, not the user's)."""


class AnswersFileError(PolicyError):
    """An answers file could not be read. `line` is where the problem is (1 when unknown)."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


# -- the questions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """One answer a program may choose, and the sentences it puts in the draft policy.

    `concern` is set when the choice works against a survivor-centred mission: it says why."""

    id: str
    label: str
    means: str
    policy: str
    concern: str = ""


@dataclass(frozen=True)
class Question:
    """A question asked the checklist way ("Does your program...?").

    `kind` is "single" (one option), "multi" (any options), "text" (the program writes the
    answer; `policy` holds `{text}` where it goes) or "topics" (the app's topics a program uses
    as education material; `topics` lists their ids, `policy` leads the list)."""

    id: str
    part_id: str
    kind: str
    ask: str
    why: str
    heading: str
    options: tuple[Option, ...] = ()
    own_text: bool = False  # the program may add its own words to the chosen options
    hint: str = ""  # an example answer for a text question
    policy: str = ""
    topics: tuple[str, ...] = ()
    fallback: bool = False  # some of its words are English: the translation lacks them

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    @property
    def takes_text(self) -> bool:
        """True when the program can write its own words here (always, for a text question)."""
        return self.kind == "text" or self.own_text


@dataclass(frozen=True)
class Part:
    """A part of the builder. `title` and `intro` speak to the staff filling it in; `heading`
    is the part's heading in the draft policy."""

    id: str
    title: str
    heading: str
    intro: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class PolicyGuide:
    """All the questions, in order, in one language (English where a translation lacks them)."""

    version: int
    title: str
    intro: str
    parts: tuple[Part, ...]
    locale: str
    path: Path

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(question for part in self.parts for question in part.questions)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def part(self, part_id: str) -> Part:
        for part in self.parts:
            if part.id == part_id:
                return part
        raise KeyError(part_id)


def _line_of(text: str, needle: str) -> int:
    """The line where `needle` first appears in `text` (1 when it does not)."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


class _GuideReader:
    """Turns the parsed TOML of the English question file into objects, refusing the first
    problem with the file, the line and what is wrong."""

    def __init__(self, path: Path, text: str, topic_ids: Collection[str] | None) -> None:
        self.path = path
        self.text = text
        self.topic_ids = topic_ids

    def fail(self, problem: str, near: str = "") -> PolicyGuideError:
        line = _line_of(self.text, f'id = "{near}"') if near else 1
        return PolicyGuideError(f"{self.path}, line {line}: {problem}")

    def words(self, table: dict[str, Any], key: str, where: str, near: str,
              required: bool = True) -> str:
        value = table.get(key, None if required else "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(f"{where} needs '{key}' (text)", near)
        return value

    def guide(self, data: dict[str, Any], locale: str) -> PolicyGuide:
        version = data.get("version")
        if not isinstance(version, int):
            raise self.fail("'version' must be a whole number")
        parts = data.get("parts")
        if not isinstance(parts, list) or [p.get("id") for p in parts] != list(PART_IDS):
            raise self.fail(f"the parts must be, in this order: {', '.join(PART_IDS)}")
        built = tuple(self.part(part) for part in parts)
        seen: set[str] = set()
        for question in (q for part in built for q in part.questions):
            if question.id in seen:
                raise self.fail(f"question id '{question.id}' is used twice", question.id)
            seen.add(question.id)
        return PolicyGuide(version, self.words(data, "title", "the file", ""),
                           self.words(data, "intro", "the file", ""), built, locale, self.path)

    def part(self, table: dict[str, Any]) -> Part:
        part_id = str(table["id"])
        where = f"part '{part_id}'"
        questions = table.get("questions")
        if not isinstance(questions, list) or not questions:
            raise self.fail(f"{where} has no questions", part_id)
        return Part(part_id, self.words(table, "title", where, part_id),
                     self.words(table, "heading", where, part_id),
                     self.words(table, "intro", where, part_id),
                     tuple(self.question(item, part_id) for item in questions))

    def question(self, table: dict[str, Any], part_id: str) -> Question:
        question_id = table.get("id")
        if not isinstance(question_id, str) or not question_id:
            raise self.fail(f"a question in part '{part_id}' has no 'id'", part_id)
        where = f"question '{question_id}'"
        kind = table.get("kind")
        if kind not in KINDS:
            raise self.fail(f"{where}: 'kind' must be one of {', '.join(KINDS)}", question_id)
        items = table.get("options", [])
        options = tuple(self.option(item, where, question_id) for item in items)
        if kind in ("single", "multi") and len(options) < 2:
            raise self.fail(f"{where} needs at least two options", question_id)
        if kind in ("text", "topics") and options:
            raise self.fail(f"{where}: a {kind} question has no options", question_id)
        if len({option.id for option in options}) != len(options):
            raise self.fail(f"{where} uses an option id twice", question_id)
        policy = self.words(table, "policy", where, question_id, required=kind != "single"
                            and kind != "multi")
        if kind == "text" and TEXT_SLOT not in policy:
            raise self.fail(f"{where}: 'policy' must hold {TEXT_SLOT}", question_id)
        topics = tuple(str(topic) for topic in table.get("topics", ()))
        if kind == "topics":
            unknown = sorted(set(topics) - set(self.topic_ids or topics))
            if not topics or unknown:
                raise self.fail(f"{where}: unknown or missing topic ids {unknown}", question_id)
        own_text = table.get("own_text", False)
        if not isinstance(own_text, bool):
            raise self.fail(f"{where}: 'own_text' must be true or false", question_id)
        return Question(question_id, part_id, kind, self.words(table, "ask", where, question_id),
                        self.words(table, "why", where, question_id),
                        self.words(table, "heading", where, question_id), options, own_text,
                        self.words(table, "hint", where, question_id, required=False), policy,
                        topics)

    def option(self, table: dict[str, Any], where: str, question_id: str) -> Option:
        option_id = table.get("id")
        if not isinstance(option_id, str) or not option_id:
            raise self.fail(f"{where}: an option has no 'id'", question_id)
        inside = f"{where}, option '{option_id}'"
        return Option(option_id, self.words(table, "label", inside, question_id),
                      self.words(table, "means", inside, question_id),
                      self.words(table, "policy", inside, question_id),
                      self.words(table, "concern", inside, question_id, required=False))


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text), text
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PolicyGuideError(f"{path}: {error}") from None


def _library_topic_ids(content_dir: Path) -> frozenset[str]:
    """The ids of the English topics (the front matter only: no layout, no overlay)."""
    ids = set()
    for path in (content_dir / SOURCE_LOCALE).glob("*.md"):
        data, _body = read_topic_file(path)
        ids.add(str(data.get("id", "")))
    return frozenset(ids)


TRANSLATED_QUESTION_FIELDS = ("ask", "why", "heading", "hint", "policy")
TRANSLATED_OPTION_FIELDS = ("label", "means", "policy", "concern")


def _by_id(items: object) -> dict[str, dict[str, Any]]:
    if not isinstance(items, list):
        return {}
    return {str(item.get("id")): item for item in items if isinstance(item, dict)}


def _given(table: dict[str, Any], key: str, english: str) -> str:
    """The translation's text for `key`, or the English when it has none."""
    text = table.get(key)
    return text if isinstance(text, str) and text.strip() else english


def _overlay_question(question: Question, given: dict[str, Any]) -> Question:
    """The question in the translation's words; anything it lacks stays English, marked."""
    values: dict[str, Any] = {}
    missing = False
    for key in TRANSLATED_QUESTION_FIELDS:
        english, text = getattr(question, key), given.get(key)
        good = isinstance(text, str) and text.strip() and (
            key != "policy" or question.kind != "text" or TEXT_SLOT in text)
        if english and not good:
            missing = True
        values[key] = text if english and good else english
    options = []
    texts = _by_id(given.get("options"))
    for option in question.options:
        item = texts.get(option.id, {})
        changed = {}
        for key in TRANSLATED_OPTION_FIELDS:
            english, text = getattr(option, key), item.get(key)
            if english and not (isinstance(text, str) and text.strip()):
                missing = True
            changed[key] = text if english and isinstance(text, str) and text.strip() else english
        options.append(replace(option, **changed))
    return replace(question, **values, options=tuple(options), fallback=missing)


def _overlay(english: PolicyGuide, path: Path, locale: str) -> PolicyGuide:
    """The translation at `path` laid over `english`; one translated from an older English
    version is not used (its sentences may say what the policy no longer says): every
    question is then shown in English, marked, as for a topic."""
    data, _text = _read_toml(path)
    if data.get("source_version") != english.version:
        return _all_english(english, locale)
    parts = []
    given_parts = _by_id(data.get("parts"))
    for part in english.parts:
        given = given_parts.get(part.id, {})
        questions = _by_id(given.get("questions"))
        texts = {key: _given(given, key, getattr(part, key)) for key in ("title", "heading",
                                                                          "intro")}
        parts.append(replace(part, **texts, questions=tuple(
            _overlay_question(question, questions.get(question.id, {}))
            for question in part.questions)))
    return replace(english, title=_given(data, "title", english.title),
                   intro=_given(data, "intro", english.intro), parts=tuple(parts),
                   locale=locale, path=path)


def load_guide(content_dir: Path, locale: str = SOURCE_LOCALE,
               topic_ids: Collection[str] | None = None) -> PolicyGuide:
    """The questions from `content_dir/en/policy.toml`, with `content_dir/<locale>/policy.toml`
    laid over them question by question. The English file must be whole and right (a
    `PolicyGuideError` names the file, line and problem); a translation only adds words.
    `topic_ids` are the topics a "topics" question may name (by default, the English library's)."""
    path = content_dir / SOURCE_LOCALE / GUIDE_FILE
    data, text = _read_toml(path)
    known = _library_topic_ids(content_dir) if topic_ids is None else topic_ids
    try:
        english = _GuideReader(path, text, known).guide(data, locale)
    except (KeyError, TypeError, AttributeError) as error:
        raise PolicyGuideError(f"{path}: missing or malformed field ({error})") from None
    translation = content_dir / locale / GUIDE_FILE
    if locale != SOURCE_LOCALE and translation.is_file():
        return _overlay(english, translation, locale)
    if locale != SOURCE_LOCALE:  # no translation at all: every question is in English
        return _all_english(english, locale)
    return english


def _all_english(english: PolicyGuide, locale: str) -> PolicyGuide:
    """Every question in English, each marked so (no translation, or an outdated one)."""
    return replace(english, parts=tuple(replace(part, questions=tuple(
        replace(question, fallback=True) for question in part.questions))
        for part in english.parts))


# -- the answers ---------------------------------------------------------------------------------


class PolicyStatus(StrEnum):
    DRAFT = "draft"
    ADOPTED = "adopted"


STATUS_LABELS: dict[PolicyStatus, str] = {
    # NOTE: the state of a program's policy document: not yet approved.
    PolicyStatus.DRAFT: N_("Draft"),
    # NOTE: the state of a program's policy document: approved and in force.
    PolicyStatus.ADOPTED: N_("Adopted"),
}


@dataclass(frozen=True)
class PolicyHeader:
    """The usual header of a policy document. `program` is the program's name."""

    program: str = ""
    approved_by: str = ""
    approved_on: date | None = None
    version: str = ""
    next_review: date | None = None
    status: PolicyStatus = PolicyStatus.DRAFT


@dataclass(frozen=True)
class Answer:
    """A program's answer to one question: the chosen option ids (topic ids for a topics
    question) and its own words (the whole answer, for a text question)."""

    chosen: tuple[str, ...] = ()
    own_text: str = ""

    @property
    def answered(self) -> bool:
        return bool(self.chosen or self.own_text.strip())


@dataclass(frozen=True)
class PolicyAnswers:
    """Everything a program has answered so far. Holds no survivor data, by design."""

    header: PolicyHeader = field(default_factory=PolicyHeader)
    answers: Mapping[str, Answer] = field(default_factory=dict)

    def answer(self, question_id: str) -> Answer:
        return self.answers.get(question_id, Answer())

    def with_answer(self, question_id: str, answer: Answer) -> PolicyAnswers:
        """These answers with `question_id` answered as `answer` (an empty answer removes it)."""
        changed = {**self.answers, question_id: answer}
        if not answer.answered:
            del changed[question_id]
        return replace(self, answers=changed)

    def with_header(self, **fields: Any) -> PolicyAnswers:
        """These answers with header fields changed, e.g. `with_header(program="Lakeside")`."""
        return replace(self, header=replace(self.header, **fields))


@dataclass(frozen=True)
class Concern:
    """A chosen option that works against a survivor-centred mission, and why."""

    question: Question
    option: Option

    @property
    def text(self) -> str:
        return self.option.concern


def concerns(guide: PolicyGuide, answers: PolicyAnswers) -> list[Concern]:
    """Every chosen option that carries a concern, in question order."""
    found = []
    for question in guide.questions:
        for option in question.options:
            if option.concern and option.id in answers.answer(question.id).chosen:
                found.append(Concern(question, option))
    return found


@dataclass(frozen=True)
class PolicyAction:
    """Something still to decide: a question (`key` is its id) or a header field (`key` is
    "header.<field>"). Not a blocker: a draft can be printed with its action list."""

    key: str
    part_id: str
    text: str


HEADER_ACTIONS: tuple[tuple[str, str], ...] = (
    ("program", N_("Write your program's name.")),
    ("approved_by", N_("Write who approves this policy.")),
    ("approved_on", N_("Write the date the policy is approved.")),
    ("version", N_("Give this policy a version number.")),
    ("next_review", N_("Choose a date to review this policy again.")),
)


# NOTE: an item of a policy's action list; {question} is a question not answered yet.
DECIDE = N_("Decide: {question}")


def unanswered(guide: PolicyGuide, answers: PolicyAnswers,
               gettext: Gettext | None = None) -> list[PolicyAction]:
    """The action list: header fields left empty, then each question not answered yet, with
    the app's words in `gettext`'s language (the current one by default)."""
    say = gettext or _
    actions = [PolicyAction(f"header.{name}", "", say(text)) for name, text in HEADER_ACTIONS
               if getattr(answers.header, name) in ("", None)]
    actions += [PolicyAction(question.id, question.part_id,
                             say(DECIDE).format(question=question.ask))
                for question in guide.questions if not answers.answer(question.id).answered]
    return actions


# -- the answers file (and the plan's copy) ------------------------------------------------------


def answers_to_json(answers: PolicyAnswers) -> str:
    """The answers as the text of an answers file (stable order, one field a line)."""
    header = answers.header
    data = {
        "format": ANSWERS_FORMAT,
        "version": ANSWERS_VERSION,
        "about": "A program's answers to Planner's social media policy questions. "
                 "It holds no survivor data.",
        "header": {
            "program": header.program,
            "approved_by": header.approved_by,
            "approved_on": header.approved_on.isoformat() if header.approved_on else "",
            "version": header.version,
            "next_review": header.next_review.isoformat() if header.next_review else "",
            "status": header.status.value,
        },
        "answers": {question_id: {"chosen": list(answer.chosen), "own_text": answer.own_text}
                    for question_id, answer in sorted(answers.answers.items())},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class _AnswersReader:
    """Checks a parsed answers file against the questions; the first problem is raised with
    the line it is on (found by looking for the key in the file's text)."""

    def __init__(self, text: str, source: str, guide: PolicyGuide, strict: bool) -> None:
        self.text = text
        self.source = source
        self.guide = guide
        self.strict = strict

    def fail(self, problem: str, near: str = "", within: str = "") -> AnswersFileError:
        start = self.text.find(f'"{within}"') if within else 0
        line = _line_of(self.text[max(start, 0):], f'"{near}"') if near else 1
        line += self.text.count("\n", 0, max(start, 0)) if near else 0
        return AnswersFileError(_("{file}, line {line}: {problem}").format(
            file=self.source, line=line, problem=problem), line)

    def read(self, data: object) -> PolicyAnswers:
        if not isinstance(data, dict) or data.get("format") != ANSWERS_FORMAT:
            raise self.fail(_("this is not a policy answers file."))
        version = data.get("version")
        if not isinstance(version, int) or version < 1:
            raise self.fail(_("the file has no version number."), "version")
        if version > ANSWERS_VERSION:
            raise self.fail(_("this file was made by a newer version of Planner. "
                              "Update Planner to open it."), "version")
        header = data.get("header", {})
        if not isinstance(header, dict):
            raise self.fail(_("'header' must be a group of fields."), "header")
        given = data.get("answers", {})
        if not isinstance(given, dict):
            raise self.fail(_("'answers' must be a group of answers."), "answers")
        answers = {}
        for question_id, item in given.items():
            answer = self.answer(str(question_id), item)
            if answer is not None and answer.answered:
                answers[str(question_id)] = answer
        return PolicyAnswers(self.header(header), answers)

    def words(self, table: dict[str, Any], key: str) -> str:
        value = table.get(key, "")
        if not isinstance(value, str):
            raise self.fail(_("'{field}' must be text.").format(field=key), key)
        return value

    def day(self, table: dict[str, Any], key: str) -> date | None:
        value = self.words(table, key)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(_("'{field}' must be a date written like 2026-11-24.").format(
                field=key), key) from None

    def header(self, table: dict[str, Any]) -> PolicyHeader:
        status = self.words(table, "status") or PolicyStatus.DRAFT.value
        if status not in {s.value for s in PolicyStatus}:
            raise self.fail(_("'status' must be \"draft\" or \"adopted\"."), "status")
        return PolicyHeader(self.words(table, "program"), self.words(table, "approved_by"),
                            self.day(table, "approved_on"), self.words(table, "version"),
                            self.day(table, "next_review"), PolicyStatus(status))

    def answer(self, question_id: str, item: object) -> Answer | None:
        try:
            question = self.guide.question(question_id)
        except KeyError:
            if not self.strict:
                return None  # a question a later version of the questions removed
            raise self.fail(_("there is no question '{id}'.").format(id=question_id),
                            question_id) from None
        if not isinstance(item, dict):
            raise self.fail(_("the answer to '{id}' must be a group of fields.").format(
                id=question_id), question_id)
        chosen = item.get("chosen", [])
        if not isinstance(chosen, list) or not all(isinstance(c, str) for c in chosen):
            raise self.fail(_("'chosen' in '{id}' must be a list of option ids.").format(
                id=question_id), question_id)
        known = question.topics if question.kind == "topics" else tuple(
            option.id for option in question.options)
        unknown = [c for c in chosen if c not in known]
        if unknown and self.strict:
            raise self.fail(_("question '{id}' has no option '{option}'.").format(
                id=question_id, option=unknown[0]), unknown[0], question_id)
        chosen = [c for c in dict.fromkeys(chosen) if c in known]
        if question.kind == "single" and len(chosen) > 1:
            raise self.fail(_("question '{id}' takes only one option.").format(id=question_id),
                            question_id)
        own_text = self.words(item, "own_text")
        if own_text and not question.takes_text and self.strict:
            raise self.fail(_("question '{id}' takes no text of your own.").format(
                id=question_id), question_id)
        return Answer(tuple(chosen), own_text if question.takes_text else "")


def answers_from_json(text: str, guide: PolicyGuide, source: str = "",
                      strict: bool = True) -> PolicyAnswers:
    """Answers from an answers file's text. Raises `AnswersFileError` naming `source`, the line
    and the problem. Not `strict`: ids the questions no longer have are dropped, not refused."""
    source = source or _("the answers file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise AnswersFileError(_("{file}, line {line}: {problem}").format(
            file=source, line=error.lineno,
            problem=_("the file is broken here ({detail}).").format(detail=error.msg)),
            error.lineno) from None
    return _AnswersReader(text, source, guide, strict).read(data)


def read_answers_file(path: Path, guide: PolicyGuide) -> PolicyAnswers:
    """An answers file a program kept or brought from another computer."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AnswersFileError(_("{file}, line {line}: {problem}").format(
            file=path, line=1, problem=_("this is not a text file."))) from None
    except OSError as error:
        raise AnswersFileError(_("{file} could not be opened: {reason}").format(
            file=path, reason=error.strerror or error)) from None
    return answers_from_json(text, guide, str(path))


def write_answers_file(path: Path, answers: PolicyAnswers) -> None:
    """Save the answers as a file of their own (raises OSError for the caller to explain)."""
    files.atomic_write(path, answers_to_json(answers).encode("utf-8"))


def save_in_plan(plan: Plan, answers: PolicyAnswers) -> None:
    """Keep the answers in the person's plan (encrypted), so a program can come back to them."""
    plan.set_setting(PLAN_SETTING, answers_to_json(answers))


def answers_in_plan(plan: Plan, guide: PolicyGuide) -> PolicyAnswers | None:
    """The answers kept in the plan, if any; answers to questions since removed are dropped.
    None also when the kept text cannot be read (nothing to put back)."""
    text = plan.setting(PLAN_SETTING)
    if not text:
        return None
    try:
        return answers_from_json(text, guide, strict=False)
    except AnswersFileError:
        return None


# -- the draft policy ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderRow:
    label: str
    value: str


@dataclass(frozen=True)
class DraftSection:
    """One answered question in the draft: its heading, its paragraphs, and a list (the
    education topics' titles)."""

    question_id: str
    heading: str
    paragraphs: tuple[str, ...]
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftPart:
    id: str
    heading: str
    sections: tuple[DraftSection, ...]


@dataclass(frozen=True)
class PolicyDocument:
    """The draft policy as both writers (PDF and editable document) lay it out."""

    title: str
    header: tuple[HeaderRow, ...]
    intro: str
    parts: tuple[DraftPart, ...]
    actions_heading: str
    actions: tuple[str, ...]
    education_topics: tuple[str, ...]
    language: str

    @property
    def right_to_left(self) -> bool:
        return writes_right_to_left(self.language)


def _long_date(day: date | None, language: str) -> str:
    if day is None:
        return ""
    from babel.dates import format_date  # babel is loaded only when a date is printed

    return format_date(day, format="long", locale=language.split("_")[0])


# The header's labels, in the order a policy document shows them (also the worksheet's).
HEADER_LABELS: tuple[tuple[str, str], ...] = (
    # NOTE: in a policy's header: the name of the program the policy belongs to.
    ("program", N_("Program")),
    # NOTE: in a policy's header: the person or board that approved the policy.
    ("approved_by", N_("Approved by")),
    # NOTE: in a policy's header: the date the policy was approved.
    ("approved_on", N_("Date")),
    # NOTE: in a policy's header: the policy's version number.
    ("version", N_("Version")),
    ("next_review", N_("Next review date")),
    # NOTE: in a policy's header: draft or adopted.
    ("status", N_("Status")),
)
# NOTE: the heading of a draft policy's action list (the questions not answered yet).
STILL_TO_DECIDE = N_("Still to decide")


def _header_rows(header: PolicyHeader, language: str, say: Gettext) -> tuple[HeaderRow, ...]:
    rows = []
    for name, label in HEADER_LABELS:
        value = getattr(header, name)
        if isinstance(value, date):
            value = _long_date(value, language)
        elif isinstance(value, PolicyStatus):
            value = say(STATUS_LABELS[value])
        rows.append(HeaderRow(say(label), value or ""))
    return tuple(rows)


def _section(question: Question, answer: Answer,
             topic_titles: Mapping[str, str]) -> DraftSection:
    own = answer.own_text.strip()
    if question.kind == "text":
        return DraftSection(question.id, question.heading,
                            (question.policy.replace(TEXT_SLOT, own),))
    if question.kind == "topics":
        items = tuple(topic_titles.get(topic, topic) for topic in question.topics
                      if topic in answer.chosen)
        return DraftSection(question.id, question.heading,
                            (question.policy, *([own] if own else [])), items)
    chosen = [option.policy for option in question.options if option.id in answer.chosen]
    return DraftSection(question.id, question.heading, (*chosen, *([own] if own else [])))


def draft(guide: PolicyGuide, answers: PolicyAnswers, gettext: Gettext | None = None,
          topic_titles: Mapping[str, str] | None = None) -> PolicyDocument:
    """The draft policy: the header, then each part with a section per answered question, and
    what is still to decide. The app's own words come from `gettext` (by default the catalog
    of the guide's language); `topic_titles` names the education topics (id → title)."""
    say = gettext or translator(guide.locale).gettext
    titles = topic_titles or {}
    parts = tuple(DraftPart(part.id, part.heading, tuple(
        _section(question, answers.answer(question.id), titles)
        for question in part.questions if answers.answer(question.id).answered))
        for part in guide.parts)
    education = tuple(item for part in parts for section in part.sections
                      for item in section.items)
    return PolicyDocument(
        title=guide.title, header=_header_rows(answers.header, guide.locale, say),
        intro=guide.intro, parts=parts, actions_heading=say(STILL_TO_DECIDE),
        actions=tuple(action.text for action in unanswered(guide, answers, say)),
        education_topics=education, language=guide.locale)
