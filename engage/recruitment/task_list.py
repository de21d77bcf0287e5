"""The application's task list (engage/core/task_list.py): its sections in order, which are
required, and what counts as started in each."""

from __future__ import annotations

from engage.core.task_list import COMPLETED, INCOMPLETE, NOT_STARTED, Section, Task, TaskList
from engage.recruitment.models import Application

__all__ = ["COMPLETED", "INCOMPLETE", "NOT_STARTED", "Task"]


def _about_started(application: Application) -> bool:
    return bool(
        application.full_name
        or application.email
        or application.phone
        or application.connections
        or application.local_authorities
    )


APPLICATION_SECTIONS = TaskList(
    [
        Section("about", "About you", started=_about_started),
        Section("panels", "Which panels you want to join", started=lambda a: bool(a.panel_choices)),
        Section(
            "experience",
            "Your experience and why you want to join",
            started=lambda a: any(answer.text for answer in a.answers),
        ),
        Section(
            "availability",
            "When and how you can take part",
            started=lambda a: bool(a.availability),
        ),
        Section(
            "access",
            "Access needs and support",
            started=lambda a: bool(a.access_needs or a.access_needs_other),
        ),
        Section("monitoring", "Equality monitoring questions", required=False),
    ]
)
SECTIONS = APPLICATION_SECTIONS.titles
REQUIRED_SECTIONS = APPLICATION_SECTIONS.required


def section_state(application: Application, key: str) -> str:
    return APPLICATION_SECTIONS.state(application, key)


def tasks(application: Application) -> list[Task]:
    return APPLICATION_SECTIONS.tasks(application)


def incomplete_sections(application: Application) -> list[str]:
    return APPLICATION_SECTIONS.incomplete(application)


def mark_section(application: Application, key: str, complete: bool) -> None:
    APPLICATION_SECTIONS.mark(application, key, complete)
