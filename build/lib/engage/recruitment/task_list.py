"""The application's task list: its sections in order, which are required, and whether each
is completed, started (incomplete) or not started yet."""

from __future__ import annotations

from dataclasses import dataclass

from engage.recruitment.models import Application

# Sections of the task list, in order. Monitoring is optional; the rest must be completed.
SECTIONS = {
    "about": "About you",
    "panels": "Which panels you want to join",
    "experience": "Your experience and why you want to join",
    "availability": "When and how you can take part",
    "access": "Access needs and support",
    "monitoring": "Equality monitoring questions",
}
REQUIRED_SECTIONS = ("about", "panels", "experience", "availability", "access")
COMPLETED, INCOMPLETE, NOT_STARTED = "completed", "incomplete", "not_started"


# The task list ------------------------------------------------------------------------------


@dataclass
class Task:
    key: str
    title: str
    state: str  # COMPLETED, INCOMPLETE or NOT_STARTED
    optional: bool


def _started(application: Application, key: str) -> bool:
    return {
        "about": bool(
            application.full_name
            or application.email
            or application.phone
            or application.connections
            or application.local_authorities
        ),
        "panels": bool(application.panel_choices),
        "experience": any(answer.text for answer in application.answers),
        "availability": bool(application.availability),
        "access": bool(application.access_needs or application.access_needs_other),
        "monitoring": False,
    }[key]


def section_state(application: Application, key: str) -> str:
    if key in (application.completed_sections or []):
        return COMPLETED
    return INCOMPLETE if _started(application, key) else NOT_STARTED


def tasks(application: Application) -> list[Task]:
    return [
        Task(key, title, section_state(application, key), key not in REQUIRED_SECTIONS)
        for key, title in SECTIONS.items()
    ]


def incomplete_sections(application: Application) -> list[str]:
    done = set(application.completed_sections or [])
    return [key for key in REQUIRED_SECTIONS if key not in done]


def mark_section(application: Application, key: str, complete: bool) -> None:
    done = [k for k in (application.completed_sections or []) if k != key]
    # A new list, so the JSON column sees the change.
    application.completed_sections = [*done, key] if complete else done
