"""What the panels' pages show about recruitment: which rounds are recruiting to a panel now,
and which officer members can contact. Recruitment depends on panels (it appoints members),
so panels cannot ask recruitment: recruitment tells panels how to find out, when the app
starts (engage/recruitment/__init__.py). Without recruitment, no panel is recruiting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import Flask, current_app

_KEY = "engage.panels.recruitment"


@dataclass(frozen=True)
class RecruitingRound:
    """An open round, as a panel page shows it."""

    title: str
    closing_time: str  # "11:59pm on 30 December 2026"
    url: str
    panel_ids: tuple[int, ...]


@dataclass(frozen=True)
class RecruitmentFacts:
    open_rounds: Callable[[date], list[RecruitingRound]]
    # The user id of the officer to contact about a panel, or None.
    contact_officer_id: Callable[[int], int | None]


NO_RECRUITMENT = RecruitmentFacts(lambda today: [], lambda panel_id: None)


def tell_panels_about_recruitment(app: Flask, facts: RecruitmentFacts) -> None:
    app.extensions[_KEY] = facts


def recruitment_facts() -> RecruitmentFacts:
    return current_app.extensions.get(_KEY, NO_RECRUITMENT)
