"""Putting what matters to the person first, without deciding for them.

Chosen priorities and platforms move the topics that serve them up the list and mark matching
actions as "suggested". Nothing is ever pre-selected: the person makes every choice.
The first topic (how to use the planner safely) stays first, and help stays reachable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from planner.core.content import Action, Library, Topic
from planner.core.plan import ActionStatus

PINNED_FIRST = "your-safety"


def relevance(topic: Topic, interests: frozenset[str]) -> int:
    """How many of the person's chosen priorities and platforms a topic serves."""
    return len(interests.intersection(topic.tags))


def ordered_topics(library: Library, priorities: Iterable[str],
                   platforms: Iterable[str]) -> tuple[Topic, ...]:
    """Topics with the most relevant first; ties keep the library's order."""
    interests = frozenset(priorities) | frozenset(platforms)
    topics = library.topics
    if not interests:
        return topics

    def key(topic: Topic) -> tuple[int, int, int]:
        pinned = 0 if topic.id == PINNED_FIRST else 1
        return (pinned, -relevance(topic, interests), topic.order)

    return tuple(sorted(topics, key=key))


def is_suggested(action: Action, topic: Topic, priorities: Iterable[str],
                 platforms: Iterable[str]) -> bool:
    """An action is suggested when it is about a chosen platform, or its topic serves a chosen
    priority and the action is not about some other platform."""
    chosen_platforms = frozenset(platforms)
    if action.platform:
        return action.platform in chosen_platforms
    return bool(frozenset(priorities).intersection(topic.tags)) or bool(
        chosen_platforms.intersection(topic.tags))


def progress(topic: Topic, statuses: Mapping[str, ActionStatus]) -> tuple[int, int]:
    """(actions decided, actions in the topic): any status counts as decided."""
    decided = sum(1 for action in topic.actions if action.id in statuses)
    return decided, len(topic.actions)
