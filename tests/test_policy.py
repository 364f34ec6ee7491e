"""The program's social media policy builder, without paper: the questions, the answers, the
answers file, concerns, the action list, and the draft's structure."""

from __future__ import annotations

import json
import shutil
import stat
from datetime import date
from pathlib import Path

import pytest

from planner.core.plan import Plan
from planner.core.policy import (
    PART_IDS,
    Answer,
    AnswersFileError,
    PolicyAnswers,
    PolicyGuideError,
    PolicyHeader,
    PolicyStatus,
    answers_from_json,
    answers_in_plan,
    answers_to_json,
    concerns,
    draft,
    load_guide,
    read_answers_file,
    save_in_plan,
    unanswered,
    write_answers_file,
)
from planner.core.resources import content_dir
from planner.core.vault import Vault

EXAMPLE = content_dir() / "en" / "policy-example.json"


@pytest.fixture(scope="module")
def guide():
    return load_guide(content_dir())


@pytest.fixture(scope="module")
def example(guide):
    return read_answers_file(EXAMPLE, guide)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of the English content to break or translate."""
    shutil.copytree(content_dir() / "en", tmp_path / "en")
    return tmp_path


def test_the_questions_come_in_four_parts_each_asked_the_checklist_way(guide) -> None:
    assert [part.id for part in guide.parts] == list(PART_IDS)
    for question in guide.questions:
        assert question.ask.endswith("?") or "Choose" in question.ask, question.id
        assert question.why and question.heading, question.id
        if question.kind in ("single", "multi"):
            assert len(question.options) >= 2, question.id
            for option in question.options:
                assert option.label and option.means and option.policy, option.id
    kinds = {question.kind for question in guide.questions}
    assert kinds == {"single", "multi", "text", "topics"}
    assert any(question.takes_text for question in guide.questions if question.kind != "text")


def test_the_field_guides_questions_are_all_asked(guide) -> None:
    """One question (or option) for each matter the field's guidance raises."""
    ids = {question.id for question in guide.questions}
    assert {"mission-statement", "mission-goals", "mission-specific", "mission-risks",
            "mission-self-determination", "org-what-to-post", "org-opposing-views",
            "org-controversial", "org-connections", "org-content-rules", "org-removal",
            "org-about-survivors", "org-private-events", "org-photos", "org-survivor-stories",
            "org-too-much", "org-monitoring-time", "org-monitoring-plan",
            "org-direct-advocacy", "adv-personal-use", "adv-survivors", "adv-employer",
            "adv-work-hours", "adv-page-login", "surv-role", "surv-shelter", "surv-posts",
            "surv-education", "surv-topics"} <= ids
    education = {option.id for option in guide.question("surv-education").options}
    assert {"privacy", "safety", "legal", "safety-planning", "family"} <= education
    assert "accept-all" in {o.id for o in guide.question("org-connections").options}


def test_choices_against_a_survivor_centred_mission_carry_a_concern(guide) -> None:
    flagged = {(c.question.id, c.option.id) for c in concerns(guide, PolicyAnswers(answers={
        q.id: Answer(tuple(o.id for o in q.options)) for q in guide.questions
        if q.kind == "multi"} | {q.id: Answer((q.options[-1].id,)) for q in guide.questions
                                  if q.kind == "single"}))}
    for expected in (("org-direct-advocacy", "public-requests"), ("surv-shelter", "ban"),
                     ("org-removal", "keep-copies"), ("adv-survivors", "friend-if-asked")):
        assert expected in flagged
    assert ("org-connections", "friend-survivors") in flagged
    answers = PolicyAnswers().with_answer("org-direct-advocacy", Answer(("public-requests",)))
    [concern] = concerns(guide, answers)
    assert "public" in concern.text.lower()
    assert concerns(guide, answers.with_answer("org-direct-advocacy",
                                               Answer(("no-direct",)))) == []


def test_the_example_program_answers_everything_without_concerns(guide, example) -> None:
    assert unanswered(guide, example) == []
    assert concerns(guide, example) == []
    assert example.header.status is PolicyStatus.ADOPTED


def test_unanswered_questions_become_an_action_list_not_a_blocker(guide) -> None:
    answers = PolicyAnswers().with_header(program="Lakeside")
    actions = unanswered(guide, answers)
    keys = [action.key for action in actions]
    assert "header.program" not in keys and "header.next_review" in keys
    assert [key for key in keys if not key.startswith("header.")] == [
        q.id for q in guide.questions]
    answered = answers.with_answer("surv-role", Answer(("inform",)))
    assert "surv-role" not in [action.key for action in unanswered(guide, answered)]
    document = draft(guide, answered)
    assert len(document.actions) == len(actions) - 1
    assert f"Decide: {guide.question('surv-shelter').ask}" in document.actions
    assert [part.id for part in document.parts] == list(PART_IDS)


def test_the_draft_fills_text_answers_and_lists_the_education_topics(guide) -> None:
    answers = (PolicyAnswers()
               .with_answer("mission-statement", Answer(own_text="We help people be safe."))
               .with_answer("surv-topics", Answer(("location", "children")))
               .with_answer("org-photos", Answer(("permission",), "Photo-free corner.")))
    document = draft(guide, answers, topic_titles={"location": "Location",
                                                   "children": "Children online"})
    sections = {s.question_id: s for part in document.parts for s in part.sections}
    assert sections["mission-statement"].paragraphs == ("Our mission: We help people be safe.",)
    assert sections["surv-topics"].items == ("Location", "Children online")
    assert document.education_topics == ("Location", "Children online")
    assert sections["org-photos"].paragraphs == (
        guide.question("org-photos").option("permission").policy, "Photo-free corner.")
    assert set(sections) == {"mission-statement", "surv-topics", "org-photos"}


def test_answers_round_trip_through_a_file(guide, example, tmp_path: Path) -> None:
    answers = example.with_answer("org-photos", Answer(("notice",), "Línea 1\nالسطر ٢ 🙂"))
    path = tmp_path / "our-policy.json"
    write_answers_file(path, answers)
    assert read_answers_file(path, guide) == answers
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and "no survivor data" in data["about"]


def test_answers_are_kept_in_the_plan(guide, example) -> None:
    plan = Plan(Vault.guest())
    try:
        assert answers_in_plan(plan, guide) is None
        save_in_plan(plan, example)
        assert answers_in_plan(plan, guide) == example
        data = json.loads(answers_to_json(example))
        data["answers"]["a-question-since-removed"] = {"chosen": ["x"], "own_text": ""}
        plan.set_setting("policy:answers", json.dumps(data))
        assert answers_in_plan(plan, guide) == example
    finally:
        plan.vault.close()


def test_a_broken_answers_file_is_refused_with_its_line(guide, tmp_path: Path) -> None:
    text = answers_to_json(PolicyAnswers(PolicyHeader(program="Lakeside")))
    lines = text.splitlines()
    lines[5] = lines[5].rstrip(",")  # a missing comma after the program's name
    path = tmp_path / "broken.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(AnswersFileError) as caught:
        read_answers_file(path, guide)
    assert caught.value.line == 7
    assert str(path) in str(caught.value) and "line 7" in str(caught.value)


def _answers_text(answers: dict[str, object]) -> str:
    data = json.loads(answers_to_json(PolicyAnswers()))
    data["answers"] = answers
    return json.dumps(data, indent=2)


def test_unknown_questions_and_options_are_named_with_their_line(guide) -> None:
    text = _answers_text({"surv-role": {"chosen": ["inform"]}, "no-such-question": {}})
    with pytest.raises(AnswersFileError) as caught:
        answers_from_json(text, guide, "ours.json")
    assert "no-such-question" in str(caught.value)
    assert caught.value.line == text.splitlines().index('    "no-such-question": {}') + 1
    text = _answers_text({"surv-role": {"chosen": ["inform"]},
                          "surv-shelter": {"chosen": ["allowed", "closed-doors"]}})
    with pytest.raises(AnswersFileError) as caught:
        answers_from_json(text, guide, "ours.json")
    message = str(caught.value)
    assert "ours.json" in message and "closed-doors" in message and "surv-shelter" in message
    assert caught.value.line == text.splitlines().index('        "closed-doors"') + 1


@pytest.mark.parametrize(("change", "words"), [
    ({"version": 99}, "newer version"),
    ({"format": "something-else"}, "not a policy answers file"),
    ({"header": {"approved_on": "24/11/2026"}}, "2026-11-24"),
    ({"answers": {"surv-role": {"chosen": ["inform", "set-rules"]}}}, "only one"),
])
def test_answers_files_that_cannot_be_used_say_why(guide, change, words) -> None:
    data = json.loads(answers_to_json(PolicyAnswers()))
    data.update(change)
    with pytest.raises(AnswersFileError, match=words):
        answers_from_json(json.dumps(data, indent=2), guide)


def test_a_broken_question_file_names_the_file_and_line(content_copy: Path) -> None:
    path = content_copy / "en" / "policy.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('kind = "single"', 'kind = "single"\nkind = "multi"', 1),
                    encoding="utf-8")
    with pytest.raises(PolicyGuideError, match=r"policy\.toml.*line \d+"):
        load_guide(content_copy)
    broken = text.replace('policy = "We post the date, time and place of our events, '
                          'including support groups, on our public pages."\n', "")
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(PolicyGuideError) as caught:
        load_guide(content_copy)
    line = broken.splitlines().index('id = "org-private-events"') + 1
    assert f"policy.toml, line {line}:" in str(caught.value)
    assert "'post-all'" in str(caught.value) and "'policy'" in str(caught.value)


def test_a_question_may_only_name_topics_that_exist(content_copy: Path) -> None:
    path = content_copy / "en" / "policy.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"your-safety",', '"no-topic",'),
                    encoding="utf-8")
    with pytest.raises(PolicyGuideError, match="no-topic"):
        load_guide(content_copy)


def test_a_translation_falls_back_to_english_question_by_question(content_copy: Path) -> None:
    (content_copy / "xx").mkdir()
    (content_copy / "xx" / "policy.toml").write_text("""
source_version = 1
title = "Política"

[[parts]]
id = "survivors"
heading = "Uso por las personas sobrevivientes"

[[parts.questions]]
id = "surv-role"
ask = "¿Su programa informa en lugar de controlar?"
why = "Porque las personas sobrevivientes deciden."
heading = "Nuestro papel"

[[parts.questions.options]]
id = "inform"
label = "Informamos"
means = "Compartimos riesgos."
policy = "Informamos; cada persona decide."

[[parts.questions]]
id = "mission-statement"
policy = "a text question's sentence that lost its slot"
""", encoding="utf-8")
    english = load_guide(content_copy)
    guide = load_guide(content_copy, "xx")
    assert guide.title == "Política" and guide.locale == "xx"
    role = guide.question("surv-role")
    assert role.ask.startswith("¿Su programa") and role.option("inform").label == "Informamos"
    assert role.option("set-rules") == english.question("surv-role").option("set-rules")
    assert role.fallback  # "set-rules" is still English
    assert guide.question("surv-shelter") == english.question("surv-shelter").__class__(
        **{**english.question("surv-shelter").__dict__, "fallback": True})
    assert guide.question("mission-statement").policy == "Our mission: {text}"
    assert guide.part("survivors").heading == "Uso por las personas sobrevivientes"
    assert guide.part("survivors").title == english.part("survivors").title
    untranslated = load_guide(content_copy, "zz")
    assert untranslated.locale == "zz" and all(q.fallback for q in untranslated.questions)
    assert not any(q.fallback for q in english.questions)


def test_answers_hold_program_choices_only(guide, example) -> None:
    """The answers file has the header, question ids, option ids and the program's own words:
    nothing read from the plan, so no survivor's data can be in it."""
    data = json.loads(answers_to_json(example))
    assert set(data) == {"format", "version", "about", "header", "answers"}
    assert set(data["header"]) == {"program", "approved_by", "approved_on", "version",
                                   "next_review", "status"}
    assert set(data["answers"]) <= {q.id for q in guide.questions}
    assert example.header.approved_on == date(2026, 11, 24)


def test_a_translation_of_an_older_english_version_is_not_used(content_copy: Path) -> None:
    """A translation made from an older English version may say what the policy no longer
    says: every question is shown in English, marked, and check-content names the file."""
    from planner.core.content_check import check_policy_questions

    english = load_guide(content_copy)
    (content_copy / "xx").mkdir()
    spanish = (content_dir() / "es" / "policy.toml").read_text(encoding="utf-8")
    assert f"source_version = {english.version}" in spanish
    (content_copy / "xx" / "policy.toml").write_text(spanish, encoding="utf-8")
    assert not [q for q in load_guide(content_copy, "xx").questions if q.fallback]
    assert check_policy_questions(content_copy) == []

    older = spanish.replace(f"source_version = {english.version}",
                            f"source_version = {english.version - 1}")
    (content_copy / "xx" / "policy.toml").write_text(older, encoding="utf-8")
    outdated = load_guide(content_copy, "xx")
    assert all(q.fallback for q in outdated.questions)
    assert [q.ask for q in outdated.questions] == [q.ask for q in english.questions]
    (problem,) = check_policy_questions(content_copy)
    assert "another English version" in problem.message and problem.path.parent.name == "xx"


def test_check_content_names_each_question_a_translation_leaves_in_english(
        content_copy: Path) -> None:
    from planner.core.content_check import check_policy_questions

    (content_copy / "xx").mkdir()
    spanish = (content_dir() / "es" / "policy.toml").read_text(encoding="utf-8")
    without_one = spanish.replace('id = "surv-role"', 'id = "surv-role-gone"', 1)
    assert without_one != spanish
    (content_copy / "xx" / "policy.toml").write_text(without_one, encoding="utf-8")
    problems = check_policy_questions(content_copy)
    assert [p.message for p in problems] == ["question 'surv-role' is not fully translated"]
