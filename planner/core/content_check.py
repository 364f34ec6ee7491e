"""`planner check-content [DIR]`: every problem in the topic library, as `file:line: message`.

The validator never raises on any input: unreadable bytes, broken TOML, wrong types and
missing files all become problems that name the file (and the best line we can find), so a
translator or a program's staff can fix content without reading code.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from planner.core.content import RESOURCE_FIELDS, SOURCE_LOCALE, split_front_matter
from planner.core.vocabulary import PLATFORMS, PRIORITIES

TOPIC_REQUIRED = {"id": str, "kind": str, "version": int, "title": str, "summary": str,
                  "order": int, "audience": list, "reviewed": date, "review_due": date,
                  "tags": list, "sources": list, "actions": list}
TOPIC_OPTIONAL = {"related": list, "advocate_prompts": list, "advocate_notes": str,
                  "readability_exception": str, "family_rules": list}
TRANSLATION_ONLY = {"source_version": int}
ACTION_FIELDS = {"id": str, "text": str, "platform": str, "caution": str, "alerts_abuser": bool}
SOURCE_FIELDS = {"name": str, "url": str}
RULE_FIELDS = {"id": str, "text": str}
KINDS = ("guide", "platform")
AUDIENCES = ("survivor", "advocate")
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>|<!--")
TOPIC_LINK = re.compile(r"\]\(topic:([^)]*)\)")
STREET = re.compile(r"\b\d{1,6}\s+\w+(\s\w+)*\s(street|st|avenue|ave|road|rd|boulevard|blvd|"
                    r"lane|ln|drive|dr|calle|avenida)\b\.?", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class _File:
    """A parsed topic file and what is needed to point at its lines."""

    path: Path
    text: str
    data: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line_of(self, needle: str, after: int = 0) -> int:
        """The first line (1-based) at or after `after` that contains `needle`."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if number > after and needle in line:
                return number
        return max(after, 1)

    def key_line(self, key: str, value: object = None) -> int:
        if isinstance(value, str) and value:
            found = self.line_of(value[:40])
            if found > 1:
                return found
        for number, text in enumerate(self.text.splitlines(), start=1):
            if re.match(rf"^\s*{re.escape(key)}\s*=", text):
                return number
        return 1


def _read(path: Path) -> tuple[_File | None, list[Problem]]:
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = f"cannot be read as UTF-8 text ({error.__class__.__name__})"
        return None, [Problem(path, 1, reason)]
    file = _File(path, text)
    try:
        front, file.body, file.body_line = split_front_matter(text)
    except ValueError as error:
        return None, [Problem(path, 1, str(error))]
    try:
        file.data = tomllib.loads(front)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) + 1 if match else 1
        return None, [Problem(path, line, f"front matter is not valid TOML: {error}")]
    return file, []


def _check_fields(file: _File, table: dict[str, Any], allowed: Mapping[str, type],
                  required: Iterable[str], where: str) -> list[Problem]:
    problems = []
    anchor = table.get("id") or table.get("name") or ""
    for key in required:
        if key not in table:
            line = file.key_line("id", anchor) if anchor else 1
            problems.append(Problem(file.path, line, f"{where}: missing field '{key}'"))
    for key, value in table.items():
        expected = allowed.get(key)
        line = file.key_line(key, value if isinstance(value, str) else None)
        if expected is None:
            problems.append(Problem(file.path, line, f"{where}: unknown field '{key}'"))
        elif expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            problems.append(Problem(file.path, line, f"{where}: '{key}' must be a whole number"))
        elif expected is date and (not isinstance(value, date) or hasattr(value, "hour")):
            problems.append(Problem(file.path, line,
                                    f"{where}: '{key}' must be a date like 2026-11-24"))
        elif expected not in (int, date) and not isinstance(value, expected):
            problems.append(Problem(file.path, line,
                                    f"{where}: '{key}' must be {expected.__name__}"))
        elif isinstance(value, str) and not value.strip() and key not in (
                "readability_exception", "advocate_notes"):
            problems.append(Problem(file.path, line, f"{where}: '{key}' is empty"))
        elif isinstance(value, str) and HTML.search(value):
            problems.append(Problem(file.path, line, f"{where}: '{key}' contains raw HTML"))
    return problems


def _tables(file: _File, key: str) -> list[dict[str, Any]]:
    value = file.data.get(key, [])
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _check_topic(file: _File, today: date, translation: bool) -> list[Problem]:
    data, path = file.data, file.path
    allowed = {**TOPIC_REQUIRED, **TOPIC_OPTIONAL, **(TRANSLATION_ONLY if translation else {})}
    required = list(TOPIC_REQUIRED) + (list(TRANSLATION_ONLY) if translation else [])
    problems = _check_fields(file, data, allowed, required, "topic")
    topic_id = data.get("id")
    if isinstance(topic_id, str) and not ID.match(topic_id):
        problems.append(Problem(path, file.key_line("id"),
                                f"id '{topic_id}' must be lowercase-kebab"))
    if data.get("kind", "guide") not in KINDS:
        problems.append(Problem(path, file.key_line("kind"), f"kind must be one of {KINDS}"))
    reviewed, due = data.get("reviewed"), data.get("review_due")
    if isinstance(reviewed, date) and reviewed > today:
        problems.append(Problem(path, file.key_line("reviewed"), "reviewed date is in the future"))
    if isinstance(reviewed, date) and isinstance(due, date) and due <= reviewed:
        problems.append(Problem(path, file.key_line("review_due"),
                                "review_due must be after reviewed"))
    for audience in data.get("audience", []) if isinstance(data.get("audience"), list) else []:
        if audience not in AUDIENCES:
            problems.append(Problem(path, file.key_line("audience"),
                                    f"unknown audience '{audience}'"))
    for tag in data.get("tags", []) if isinstance(data.get("tags"), list) else []:
        if tag not in PRIORITIES and tag not in PLATFORMS:
            problems.append(Problem(path, file.line_of(f'"{tag}"'), f"unknown tag '{tag}'"))
    prompts = data.get("advocate_prompts", [])
    for prompt in prompts if isinstance(prompts, list) else []:
        if not isinstance(prompt, str) or not prompt.strip():
            problems.append(Problem(path, file.key_line("advocate_prompts"),
                                    "empty advocate prompt"))
    for source in _tables(file, "sources"):
        problems += _check_fields(file, source, SOURCE_FIELDS, SOURCE_FIELDS, "source")
    for action in _tables(file, "actions"):
        where = f"action '{action.get('id', '?')}'"
        problems += _check_fields(file, action, ACTION_FIELDS, ("id", "text"), where)
        line = file.key_line("id", action.get("id")) if isinstance(action.get("id"), str) else 1
        if "alerts_abuser" not in action and not translation:
            problems.append(Problem(path, line, f"{where}: missing 'alerts_abuser': say true if "
                                    "doing this step can change what another person sees or be "
                                    "noticed by them (and add a caution), or false if it cannot"))
        if isinstance(action.get("id"), str) and not ID.match(action["id"]):
            problems.append(Problem(path, line, f"{where}: id must be lowercase-kebab"))
        platform = action.get("platform")
        if platform is not None and platform not in PLATFORMS:
            problems.append(Problem(path, line, f"{where}: unknown platform '{platform}'"))
        if action.get("alerts_abuser") and not action.get("caution") and not translation:
            problems.append(Problem(path, line, f"{where}: alerts_abuser needs a caution"))
    for rule in _tables(file, "family_rules"):
        problems += _check_fields(file, rule, RULE_FIELDS, RULE_FIELDS,
                                  f"family rule '{rule.get('id', '?')}'")
    problems += _check_body(file)
    return problems


def _check_body(file: _File) -> list[Problem]:
    problems = []
    lines = file.body.splitlines()
    if not any(line.startswith("## ") for line in lines):
        problems.append(Problem(file.path, file.body_line,
                                "the body needs at least one ## section"))
    for offset, line in enumerate(lines):
        if HTML.search(line):
            problems.append(Problem(file.path, file.body_line + offset, "raw HTML in the body"))
    return problems


def _check_library(files: list[_File], content_dir: Path) -> list[Problem]:
    """Rules across files: unique ids, links that resolve."""
    problems: list[Problem] = []
    seen: dict[str, Path] = {}

    def claim(identifier: object, file: _File, what: str) -> None:
        if not isinstance(identifier, str):
            return
        if identifier in seen:
            problems.append(Problem(file.path, file.key_line("id", identifier),
                                    f"duplicate {what} id '{identifier}' "
                                    f"(also in {seen[identifier]})"))
        else:
            seen[identifier] = file.path

    for file in files:
        claim(file.data.get("id"), file, "topic")
        for action in _tables(file, "actions"):
            claim(action.get("id"), file, "action")
        for rule in _tables(file, "family_rules"):
            claim(rule.get("id"), file, "family rule")
    topic_ids = {f.data.get("id") for f in files}
    for file in files:
        related = file.data.get("related", [])
        for target in related if isinstance(related, list) else []:
            if target not in topic_ids:
                problems.append(Problem(file.path, file.line_of(f'"{target}"'),
                                        f"related topic '{target}' does not exist"))
        for offset, line in enumerate(file.body.splitlines()):
            for target in TOPIC_LINK.findall(line):
                if target not in topic_ids:
                    problems.append(Problem(file.path, file.body_line + offset,
                                            f"link to unknown topic '{target}'"))
    return problems


def _ids(file: _File, key: str) -> set[str]:
    return {str(item.get("id")) for item in _tables(file, key)}


def _check_translations(english: dict[str, _File], folder: Path, today: date) -> list[Problem]:
    problems: list[Problem] = []
    present = set()
    for path in sorted(folder.glob("*.md")):
        present.add(path.name)
        file, read_problems = _read(path)
        problems += read_problems
        if file is None:
            continue
        source = english.get(path.name)
        if source is None:
            problems.append(Problem(path, 1, "translation has no English original with this name"))
            continue
        problems += _check_topic(file, today, translation=True)
        version, wanted = file.data.get("source_version"), source.data.get("version", 1)
        if isinstance(version, int) and isinstance(wanted, int) and version < wanted:
            problems.append(Problem(path, file.key_line("source_version"),
                                    f"translation is older than its English source "
                                    f"(source_version {version}, English version {wanted})"))
        for key, what in (("actions", "action"), ("family_rules", "family rule")):
            for missing in sorted(_ids(source, key) - _ids(file, key)):
                problems.append(Problem(path, file.body_line - 1,
                                        f"translation is missing {what} '{missing}'"))
            for extra in sorted(_ids(file, key) - _ids(source, key)):
                problems.append(Problem(path, file.key_line("id", extra),
                                        f"{what} '{extra}' is not in the English topic"))
        english_alerts = {str(a.get("id")): a.get("alerts_abuser")
                          for a in _tables(source, "actions")}
        for action in _tables(file, "actions"):
            declared = action.get("alerts_abuser")
            wanted_alerts = english_alerts.get(str(action.get("id")))
            if declared is not None and wanted_alerts is not None and declared != wanted_alerts:
                problems.append(Problem(path, file.key_line("id", action.get("id")),
                                        f"action '{action.get('id')}': alerts_abuser is "
                                        f"{declared} here but {wanted_alerts} in English "
                                        "(the app uses the English value)"))
    for name, source in sorted(english.items()):
        if name not in present:
            problems.append(Problem(folder / name, 1,
                                    f"missing translation of {source.path.name}"))
    return problems


def check_resources(path: Path) -> list[Problem]:
    """The program's local resources file (optional)."""
    if not path.is_file():
        return []
    try:
        text = path.read_bytes().decode("utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return [Problem(path, 1, f"cannot be read: {error}")]
    file = _File(path, text, data)
    problems: list[Problem] = []
    for key in data:
        if key != "resources":
            problems.append(Problem(path, file.key_line(key), f"unknown field '{key}'"))
    entries = data.get("resources", [])
    if not isinstance(entries, list):
        return [*problems, Problem(path, file.key_line("resources"), "'resources' must be a list")]
    for entry in entries:
        if not isinstance(entry, dict):
            problems.append(Problem(path, 1, "each resource must be a [[resources]] table"))
            continue
        fields = dict.fromkeys(RESOURCE_FIELDS, str)
        what = f"resource '{entry.get('name', '?')}'"
        problems += _check_fields(file, entry, fields, ("name",), what)
        if not any(str(entry.get(k, "")).strip() for k in ("phone", "text", "web")):
            problems.append(Problem(path, file.key_line("name", entry.get("name")),
                                    f"{what} needs a phone, text or web"))
        for key, value in entry.items():
            if isinstance(value, str) and STREET.search(value):
                problems.append(Problem(path, file.key_line(key, value),
                                        "looks like a street address: leave addresses off "
                                        "(a printed plan may be found)"))
    return problems


def check_content(content_dir: Path, today: date | None = None) -> list[Problem]:
    """Every problem in the library at `content_dir`; never raises."""
    today = today or date.today()
    source = content_dir / SOURCE_LOCALE
    problems: list[Problem] = []
    english: dict[str, _File] = {}
    paths = sorted(source.glob("*.md")) if source.is_dir() else []
    if not paths:
        return [Problem(source, 1, "no English topics found")]
    for path in paths:
        file, read_problems = _read(path)
        problems += read_problems
        if file is not None:
            problems += _check_topic(file, today, translation=False)
            english[path.name] = file
    problems += _check_library(list(english.values()), content_dir)
    for folder in sorted(p for p in content_dir.iterdir() if p.is_dir()):
        if folder.name not in (SOURCE_LOCALE, "local"):
            problems += _check_translations(english, folder, today)
    problems += check_resources(content_dir / "local" / "resources.toml")
    problems += check_policy_questions(content_dir)
    return problems


def check_policy_questions(content_dir: Path) -> list[Problem]:
    """The policy builder's questions: the English file loads, and each translation is of the
    current English version and translates every question and option."""
    from planner.core.policy import GUIDE_FILE, PolicyError, load_guide

    english_path = content_dir / SOURCE_LOCALE / GUIDE_FILE
    if not english_path.is_file():
        return []
    try:
        english = load_guide(content_dir)
    except PolicyError as error:
        return [Problem(english_path, 1, str(error))]
    problems = []
    for path in sorted(content_dir.glob(f"*/{GUIDE_FILE}")):
        locale = path.parent.name
        if locale == SOURCE_LOCALE:
            continue
        try:
            version = tomllib.loads(path.read_text(encoding="utf-8")).get("source_version")
            translated = load_guide(content_dir, locale)
        except (OSError, ValueError, PolicyError) as error:
            problems.append(Problem(path, 1, f"policy questions cannot be read: {error}"))
            continue
        if version != english.version:
            problems.append(Problem(path, 1, f"policy questions translated from another English "
                                             f"version (source_version {version}, English "
                                             f"version {english.version})"))
            continue
        problems += [Problem(path, 1, f"question '{question.id}' is not fully translated")
                     for question in translated.questions if question.fallback]
    return problems


def overdue_reviews(folder: Path, today: date) -> list[Problem]:
    """Topics whose `review_due` date has passed: facts (menu names, numbers) may be out of date.

    A date passing is not a change to the code, so everyday checks only warn; a release check
    (`--release`) refuses to ship with an overdue review.
    """
    from planner.core.content import load_library

    library = load_library(folder)
    return [Problem(topic.path, 1, f"review overdue since {topic.review_due.isoformat()}")
            for topic in library.topics if topic.review_due < today]


def main(argv: list[str] | None = None) -> int:
    """Print each problem; exit 1 if there are any. Overdue reviews are warnings, and fail
    only with `--release`."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    release = "--release" in arguments
    arguments = [argument for argument in arguments if argument != "--release"]
    folder = Path(arguments[0]) if arguments else Path(__file__).resolve().parents[2] / "content"
    try:
        problems = check_content(folder)
        overdue = [] if problems else overdue_reviews(folder, date.today())
    except Exception as error:
        problems, overdue = [Problem(folder, 1, f"unexpected error: {error!r}")], []
    for late in overdue:
        print(f"WARNING: {late}", file=sys.stderr)
    if release:
        problems += overdue
    for problem in problems:
        print(problem)
    files = len({problem.path for problem in problems})
    if problems:
        print(f"{len(problems)} problems in {files} files", file=sys.stderr)
        return 1
    print(f"OK: {folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
