"""The content validator: each rule fails clearly on a broken example, and it never crashes."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.content import load_library
from planner.core.content_check import check_content, check_resources

TODAY = date(2026, 11, 24)

VALID = '''+++
id = "{id}"
kind = "guide"
version = 1
title = "A topic"
summary = "What this topic helps with."
order = {order}
audience = ["survivor", "advocate"]
reviewed = 2026-11-01
review_due = 2027-11-01
tags = ["location", "instagram"]
related = [{related}]
advocate_prompts = ["What worries you?"]
advocate_notes = "Notes."

[[sources]]
name = "NNEDV Safety Net"
url = "https://www.techsafety.org/"

[[actions]]
id = "{id}-first"
text = "Check who can see your posts."
platform = "instagram"
alerts_abuser = false

[[actions]]
id = "{id}-second"
text = "Turn off location sharing."
caution = "They may notice."
alerts_abuser = true
+++

## Why it matters

Plain words and a [link](topic:{link}).
'''


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _library(tmp_path: Path, first: str | None = None) -> Path:
    """Two valid topics that point at each other; `first` replaces the first file's text."""
    english = tmp_path / "content" / "en"
    _write(english, "10-one.md", first if first is not None else
           VALID.format(id="one", order=10, related='"two"', link="two"))
    _write(english, "20-two.md", VALID.format(id="two", order=20, related='"one"', link="one"))
    return tmp_path / "content"


def _problems(content: Path) -> list[str]:
    return [str(problem) for problem in check_content(content, TODAY)]


def _broken(tmp_path: Path, old: str, new: str) -> list[str]:
    text = VALID.format(id="one", order=10, related='"two"', link="two")
    assert old in text
    return _problems(_library(tmp_path, text.replace(old, new, 1)))


def test_valid_library_has_no_problems_and_loads(tmp_path: Path) -> None:
    content = _library(tmp_path)
    assert _problems(content) == []
    library = load_library(content)
    assert [t.id for t in library.topics] == ["one", "two"]
    assert library.action("one-second").alerts_abuser


@pytest.mark.parametrize("old, new, expected, line", [
    ('title = "A topic"\n', "", "missing field 'title'", 1),
    ('order = 10\n', 'order = 10\ncolour = "red"\n', "unknown field 'colour'", 8),
    ('platform = "instagram"\n', 'platform = "instagram"\nicon = "x"\n', "unknown field 'icon'", 23),  # noqa: E501 - a table row reads best whole
    ('order = 10', 'order = "ten"', "'order' must be a whole number", 7),
    ("reviewed = 2026-11-01", "reviewed = 2026-13-01", "not valid TOML", 10),
    ("reviewed = 2026-11-01", "reviewed = 2026-12-25", "reviewed date is in the future", 10),
    ("review_due = 2027-11-01", "review_due = 2026-10-01", "review_due must be after", 11),
    ('tags = ["location", "instagram"]', 'tags = ["location", "myspace"]', "unknown tag 'myspace'", 12),  # noqa: E501 - a table row reads best whole
    ('platform = "instagram"', 'platform = "friendster"', "unknown platform 'friendster'", 21),
    ('text = "Check who can see your posts."', 'text = "   "', "'text' is empty", 22),
    ('caution = "They may notice."\n', "", "alerts_abuser needs a caution", 27),
    ('related = ["two"]', 'related = ["nowhere"]', "related topic 'nowhere' does not exist", 13),
    ("(topic:two)", "(topic:nowhere)", "link to unknown topic 'nowhere'", 35),
    ("Plain words", "Plain <b>bold</b> words", "raw HTML in the body", 35),
    ('summary = "What this topic helps with."', 'summary = "<script>x</script>"', "contains raw HTML", 6),  # noqa: E501 - a table row reads best whole
    ("## Why it matters", "Why it matters", "needs at least one ## section", 32),
    ('kind = "guide"', 'kind = "poem"', "kind must be one of", 3),
    ('id = "one-first"', 'id = "One First"', "must be lowercase-kebab", 20),
    ('id = "one-first"', 'id = "one-second"', "duplicate action id 'one-second'", 21),
])
def test_each_rule_names_file_and_line(tmp_path: Path, old: str, new: str, expected: str,
                                      line: int) -> None:
    problems = _broken(tmp_path, old, new)
    matching = [p for p in problems if expected in p]
    assert matching, problems
    assert matching[0].startswith(f"{tmp_path / 'content' / 'en' / '10-one.md'}:")
    assert abs(int(matching[0].split(":")[1]) - line) <= 1, matching[0]


def test_an_action_must_say_whether_it_can_be_noticed(tmp_path: Path) -> None:
    """Every English step declares alerts_abuser, so a step that changes what another person
    sees cannot slip through without a caution just because its wording is unusual."""
    problems = _broken(tmp_path, "alerts_abuser = false\n", "")
    missing = [p for p in problems if "missing 'alerts_abuser'" in p]
    assert len(missing) == 1, problems
    path, line, message = missing[0].split(":", 2)
    assert path == str(tmp_path / "content" / "en" / "10-one.md")
    assert abs(int(line) - 20) <= 1 and "action 'one-first'" in message
    assert "caution" in message
    declared_false = _broken(tmp_path, "alerts_abuser = false", 'alerts_abuser = "no"')
    assert any("'alerts_abuser' must be bool" in p for p in declared_false)


def test_a_translation_may_leave_alerts_abuser_to_english(tmp_path: Path) -> None:
    content = _library(tmp_path)
    english = (content / "en" / "10-one.md").read_text()
    spanish = english.replace("version = 1\n", "version = 1\nsource_version = 1\n")
    _translation(content, spanish.replace("alerts_abuser = false\n", ""))
    assert not any("alerts_abuser" in p for p in _problems(content))
    assert load_library(content, "es").action("one-second").alerts_abuser
    _translation(content, spanish.replace("alerts_abuser = true", "alerts_abuser = false"))
    assert any(p.startswith(str(content / "es" / "10-one.md")) and "action 'one-second'" in p
               and "alerts_abuser is False here but True in English" in p
               for p in _problems(content))


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    content = _library(tmp_path)
    _write(content / "en", "30-three.md", VALID.format(id="one", order=30, related="", link="one"))
    problems = _problems(content)
    assert any("30-three.md" in p and "duplicate topic id 'one'" in p for p in problems)
    assert any("duplicate action id 'one-first'" in p for p in problems)


def test_missing_delimiters_and_binary_files(tmp_path: Path) -> None:
    content = _library(tmp_path, "no front matter here\n")
    assert any("must start with a +++ line" in p for p in _problems(content))
    (content / "en" / "10-one.md").write_bytes(b"\xff\xfe\x00binary")
    assert any("cannot be read as UTF-8" in p for p in _problems(content))


def _translation(content: Path, text: str) -> Path:
    return _write(content / "es", "10-one.md", text)


def test_translations_missing_older_or_incomplete(tmp_path: Path) -> None:
    content = _library(tmp_path)
    english = (content / "en" / "10-one.md").read_text()
    spanish = english.replace('version = 1\n', 'version = 1\nsource_version = 0\n')
    spanish = spanish.replace('[[actions]]\nid = "one-second"', '[[actions]]\nid = "one-extra"')
    _translation(content, spanish)
    problems = _problems(content)
    es = str(content / "es")
    assert any(p.startswith(es) and "older than its English source" in p for p in problems)
    assert any("missing action 'one-second'" in p for p in problems)
    assert any("'one-extra' is not in the English topic" in p for p in problems)
    assert any(p.startswith(f"{es}/20-two.md:1:") and "missing translation" in p for p in problems)
    _write(content / "es", "99-orphan.md", english)
    assert any("99-orphan.md" in p and "no English original" in p for p in _problems(content))


def test_translation_falls_back_to_english_marked(tmp_path: Path) -> None:
    content = _library(tmp_path)
    english = (content / "en" / "10-one.md").read_text()
    spanish = english.replace('title = "A topic"', 'title = "Un tema"').replace(
        'text = "Check who can see your posts."', 'text = "Revise quién ve sus publicaciones."')
    spanish = spanish.replace('[[actions]]\nid = "one-second"\n'
                              'text = "Turn off location sharing."\n'
                              'caution = "They may notice."\nalerts_abuser = true\n', "")
    _translation(content, spanish.replace("version = 1\n", "version = 1\nsource_version = 1\n"))
    topic = load_library(content, "es").topic("one")
    assert topic.title == "Un tema"
    first, second = topic.actions
    assert (first.text, first.fallback) == ("Revise quién ve sus publicaciones.", False)
    assert (second.text, second.fallback) == ("Turn off location sharing.", True)
    other = load_library(content, "es").topic("two")
    assert other.title == "A topic" and other.fallback_fields


def test_local_resources_rules(tmp_path: Path) -> None:
    path = _write(tmp_path, "resources.toml", '''
[[resources]]
name = "Our line"
phone = "555-0100"

[[resources]]
name = "No way to reach"
hours = "9-5"

[[resources]]
name = "Office"
phone = "555-0101"
note = "Come to 123 Main Street"
colour = "blue"
''')
    problems = [str(p) for p in check_resources(path)]
    assert any("needs a phone, text or web" in p for p in problems)
    assert any("street address" in p for p in problems)
    assert any("unknown field 'colour'" in p for p in problems)
    assert all(p.startswith(str(path)) for p in problems)


def test_command_line_exits_non_zero_and_prints_file_line(tmp_path: Path) -> None:
    content = _library(tmp_path, VALID.format(id="one", order=10, related='"zzz"', link="two"))
    result = subprocess.run([sys.executable, "-m", "planner.core.content_check", str(content)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert f"{content / 'en' / '10-one.md'}:12: related topic 'zzz'" in result.stdout
    assert "1 problems in 1 files" in result.stderr
    ok = subprocess.run([sys.executable, "-m", "planner.core.content_check",
                         str(_library(tmp_path / "good"))], capture_output=True, text=True,
                        check=False)
    assert ok.returncode == 0, ok.stdout


def _mutations() -> st.SearchStrategy[str]:
    base = VALID.format(id="one", order=10, related='"two"', link="two")
    lines = base.splitlines(keepends=True)

    def mutate(ops: list[tuple[int, int, str]]) -> str:
        current = list(lines)
        for kind, index, text in ops:
            if not current:
                break
            index %= len(current)
            if kind == 0:
                del current[index]
            elif kind == 1:
                current.insert(index, current[index])
            elif kind == 2:
                current[index] = text
            else:
                current = current[:index]
        return "".join(current)

    ops = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 200), st.text(max_size=30)),
                   max_size=6)
    return st.one_of(ops.map(mutate), st.text(max_size=300))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_mutations(), raw=st.binary(max_size=64))
def test_random_and_mutated_files_never_crash_and_always_name_the_file(
        tmp_path: Path, text: str, raw: bytes) -> None:
    content = _library(tmp_path, text)
    (content / "en" / "15-raw.md").write_bytes(raw)
    problems = check_content(content, TODAY)
    english = content / "en"
    for problem in problems:
        assert problem.path.parent in (english, content / "local") or problem.path == english
        assert problem.line >= 1
    assert any(p.path.name == "15-raw.md" for p in problems)


def test_check_content_reports_every_translation_of_the_real_library_complete() -> None:
    from planner.core.resources import content_dir

    result = subprocess.run([sys.executable, "-m", "planner", "check-content"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
    assert result.stdout == "" and "OK:" in result.stderr
    for language in ("es", "vi", "ar"):  # each has every English topic, so nothing is missing
        assert sorted(p.name for p in (content_dir() / language).glob("*.md")) \
            == sorted(p.name for p in (content_dir() / "en").glob("*.md")), language
