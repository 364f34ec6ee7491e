"""The topic library as typed, immutable objects, loaded from `content/` (see FORMAT.md).

English is the source. Another language overlays English field by field: whatever a
translation lacks is shown in English and marked as such (`fallback`), never left blank.
Full checking with line numbers is the validator's job (`content_check`); the loader only
refuses what it cannot turn into objects, with the file named in the message.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

SOURCE_LOCALE = "en"
DELIMITER = "+++"
TRANSLATABLE_TOPIC_FIELDS = ("title", "summary", "advocate_prompts", "advocate_notes", "body")


class ContentError(ValueError):
    """A content file could not be read; the message starts with the file's path."""


@dataclass(frozen=True)
class Source:
    name: str
    url: str


@dataclass(frozen=True)
class Action:
    """A step a person can add to their plan."""

    id: str
    topic_id: str
    text: str
    platform: str | None = None
    caution: str | None = None
    alerts_abuser: bool = False
    fallback: bool = False


@dataclass(frozen=True)
class FamilyRule:
    """A line of the printable family rules sheet (children topic)."""

    id: str
    text: str
    fallback: bool = False


@dataclass(frozen=True)
class Topic:
    id: str
    kind: str
    version: int
    title: str
    summary: str
    order: int
    audience: tuple[str, ...]
    reviewed: date
    review_due: date
    tags: tuple[str, ...]
    related: tuple[str, ...]
    advocate_prompts: tuple[str, ...]
    advocate_notes: str
    readability_exception: str
    sources: tuple[Source, ...]
    actions: tuple[Action, ...]
    family_rules: tuple[FamilyRule, ...]
    body: str
    locale: str
    path: Path
    fallback_fields: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Library:
    """All topics in one language, in reading order."""

    topics: tuple[Topic, ...]

    def topic(self, topic_id: str) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    def action(self, action_id: str) -> Action:
        for action in self.actions:
            if action.id == action_id:
                return action
        raise KeyError(action_id)

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(action for topic in self.topics for action in topic.actions)

    def family_rules(self) -> tuple[FamilyRule, ...]:
        return tuple(rule for topic in self.topics for rule in topic.family_rules)


@dataclass(frozen=True)
class Resource:
    """A program's own contact (no street addresses: a printed plan may be found)."""

    name: str
    phone: str = ""
    text: str = ""
    web: str = ""
    hours: str = ""
    note: str = ""


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, line number where the body starts); raises ValueError if the
    file does not start and close its front matter with `+++` lines."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != DELIMITER:
        raise ValueError("the file must start with a +++ line")
    for index in range(1, len(lines)):
        if lines[index].strip() == DELIMITER:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    raise ValueError("the front matter has no closing +++ line")


def read_topic_file(path: Path) -> tuple[dict[str, Any], str]:
    """Parse one file into its metadata and Markdown body."""
    try:
        text = path.read_text(encoding="utf-8")
        front, body, _line = split_front_matter(text)
        return tomllib.loads(front), body.strip("\n")
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ContentError(f"{path}: {error}") from None


def _text(data: dict[str, Any], key: str, path: Path, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise ContentError(f"{path}: '{key}' must be text")
    return value


def _texts(data: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(item) for item in data.get(key, ()))


def _date(data: dict[str, Any], key: str, path: Path) -> date:
    value = data.get(key)
    if not isinstance(value, date):
        raise ContentError(f"{path}: '{key}' must be a date like 2026-11-24")
    return value


def _topic(data: dict[str, Any], body: str, path: Path, locale: str) -> Topic:
    try:
        topic_id = _text(data, "id", path)
        actions = tuple(
            Action(id=_text(item, "id", path), topic_id=topic_id, text=_text(item, "text", path),
                   platform=item.get("platform") or None, caution=item.get("caution") or None,
                   alerts_abuser=bool(item.get("alerts_abuser", False)))
            for item in data.get("actions", ()))
        rules = tuple(FamilyRule(_text(item, "id", path), _text(item, "text", path))
                      for item in data.get("family_rules", ()))
        sources = tuple(Source(_text(item, "name", path), _text(item, "url", path))
                        for item in data.get("sources", ()))
        return Topic(
            id=topic_id, kind=_text(data, "kind", path, "guide"),
            version=int(data.get("version", 1)), title=_text(data, "title", path),
            summary=_text(data, "summary", path), order=int(data["order"]),
            audience=_texts(data, "audience"), reviewed=_date(data, "reviewed", path),
            review_due=_date(data, "review_due", path), tags=_texts(data, "tags"),
            related=_texts(data, "related"), advocate_prompts=_texts(data, "advocate_prompts"),
            advocate_notes=_text(data, "advocate_notes", path, ""),
            readability_exception=_text(data, "readability_exception", path, ""),
            sources=sources, actions=actions, family_rules=rules, body=body, locale=locale,
            path=path)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        if isinstance(error, ContentError):
            raise
        raise ContentError(f"{path}: missing or malformed field ({error})") from None


def _overlay(english: Topic, path: Path, locale: str) -> Topic:
    """English with the translation's texts laid over it; gaps stay English and are marked."""
    try:
        data, body = read_topic_file(path)
    except ContentError:
        return english
    missing = set()
    values: dict[str, Any] = {}
    for key in TRANSLATABLE_TOPIC_FIELDS:
        given = body if key == "body" else data.get(key)
        if given:
            values[key] = tuple(given) if isinstance(given, list) else given
        else:
            missing.add(key)
    texts = {str(item.get("id")): item for item in data.get("actions", ())
             if isinstance(item, dict)}
    actions = []
    for action in english.actions:
        item = texts.get(action.id, {})
        text, caution = item.get("text"), item.get("caution")
        fallback = not text or (action.caution is not None and not caution)
        actions.append(Action(action.id, action.topic_id, text or action.text, action.platform,
                              (caution or action.caution) if action.caution else None,
                              action.alerts_abuser, fallback))
    rule_texts = {str(item.get("id")): item.get("text") for item in data.get("family_rules", ())
                  if isinstance(item, dict)}
    rules = tuple(FamilyRule(rule.id, rule_texts.get(rule.id) or rule.text,
                             not rule_texts.get(rule.id)) for rule in english.family_rules)
    return Topic(**{**english.__dict__, **values, "actions": tuple(actions),
                    "family_rules": rules, "locale": locale, "path": path,
                    "fallback_fields": frozenset(missing)})


def load_library(content_dir: Path, locale: str = SOURCE_LOCALE) -> Library:
    """Every English topic, in order, overlaid with `locale` where a translation exists."""
    source = content_dir / SOURCE_LOCALE
    topics = []
    for path in sorted(source.glob("*.md")):
        data, body = read_topic_file(path)
        topic = _topic(data, body, path, SOURCE_LOCALE)
        translation = content_dir / locale / path.name
        if locale != SOURCE_LOCALE and translation.is_file():
            topic = _overlay(topic, translation, locale)
        elif locale != SOURCE_LOCALE:
            topic = Topic(**{**topic.__dict__, "locale": SOURCE_LOCALE,
                             "fallback_fields": frozenset(TRANSLATABLE_TOPIC_FIELDS),
                             "actions": tuple(Action(**{**a.__dict__, "fallback": True})
                                              for a in topic.actions)})
        topics.append(topic)
    if not topics:
        raise ContentError(f"{source}: no topics found")
    return Library(tuple(sorted(topics, key=lambda topic: topic.order)))


RESOURCE_FIELDS = ("name", "phone", "text", "web", "hours", "note")


def load_resources(path: Path) -> tuple[Resource, ...]:
    """A program's local resources file; no file means no resources."""
    if not path.is_file():
        return ()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return tuple(Resource(**{key: str(item.get(key, "")) for key in RESOURCE_FIELDS})
                     for item in data.get("resources", ()))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, AttributeError) as error:
        raise ContentError(f"{path}: {error}") from None
