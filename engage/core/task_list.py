"""A task list (the GOV.UK pattern) for a long form filled in over several visits: its
sections in order, which are required, and whether each is completed, started or not started
yet. A feature describes its sections once; pages, the "check your answers" step and sending
ask the list. The record keeps the keys of the sections marked complete in a JSON list
(``completed_sections``), so a saved draft shows where the person got to.

    SECTIONS = TaskList([
        Section("about", "About you", started=lambda r: bool(r.full_name or r.email)),
        Section("monitoring", "Equality monitoring questions", required=False),
    ])
    SECTIONS.tasks(record); SECTIONS.incomplete(record); SECTIONS.mark(record, "about", True)

Moving between the pages of the sections, and saving to come back later by an emailed link
(engage/core/resume_links.py), are the feature's pages' own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

COMPLETED, INCOMPLETE, NOT_STARTED = "completed", "incomplete", "not_started"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    required: bool = True
    # Whether the person has typed anything into it (shown as "In progress").
    started: Callable[[Any], bool] = field(default=lambda record: False)


@dataclass(frozen=True)
class Task:
    key: str
    title: str
    state: str  # COMPLETED, INCOMPLETE or NOT_STARTED
    optional: bool


class TaskList:
    def __init__(self, sections: list[Section]) -> None:
        self.sections = {section.key: section for section in sections}

    @property
    def titles(self) -> dict[str, str]:
        return {key: section.title for key, section in self.sections.items()}

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(key for key, section in self.sections.items() if section.required)

    def state(self, record: Any, key: str) -> str:
        if key in (record.completed_sections or []):
            return COMPLETED
        return INCOMPLETE if self.sections[key].started(record) else NOT_STARTED

    def tasks(self, record: Any) -> list[Task]:
        return [
            Task(key, section.title, self.state(record, key), not section.required)
            for key, section in self.sections.items()
        ]

    def incomplete(self, record: Any) -> list[str]:
        """Required sections not marked complete, in order."""
        done = set(record.completed_sections or [])
        return [key for key in self.required if key not in done]

    def mark(self, record: Any, key: str, complete: bool) -> None:
        done = [k for k in (record.completed_sections or []) if k != key]
        # A new list, so the JSON column sees the change.
        record.completed_sections = [*done, key] if complete else done
