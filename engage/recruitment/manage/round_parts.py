"""The parts of a round kept in order: its assessment criteria and its questions. Both are
added, changed, moved and removed the same way, and both lock once anyone has started
applying (stages.py): applicants answer the questions and are scored on the criteria they
read when they applied."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, select

from engage.core.audit import record_event
from engage.core.db import db
from engage.core.ordering import place, renumber
from engage.recruitment import stages
from engage.recruitment.models import Application, Criterion, RecruitmentRound, RoundQuestion

MIN_WORD_LIMIT = 50
MAX_WORD_LIMIT = 1000


def _check_word_limit(values: dict[str, Any]) -> None:
    if not MIN_WORD_LIMIT <= values["word_limit"] <= MAX_WORD_LIMIT:
        raise ValueError(f"Word limit must be between {MIN_WORD_LIMIT} and {MAX_WORD_LIMIT}")


@dataclass(frozen=True)
class RoundPart:
    name: str  # "criterion", as in the audit actions recruitment_criterion_added...
    model: type
    collection: str  # the round's list of them
    object_type: str  # as the audit log names the record
    check_changeable: Callable[[bool], None]
    check_values: Callable[[dict[str, Any]], None] = lambda values: None


CRITERIA = RoundPart(
    "criterion", Criterion, "criteria", "round_criterion", stages.check_criteria_changeable
)
QUESTIONS = RoundPart(
    "question",
    RoundQuestion,
    "questions",
    "round_question",
    stages.check_questions_changeable,
    _check_word_limit,
)


def applications_started(round_: RecruitmentRound) -> bool:
    return bool(db.session.scalar(select(exists().where(Application.round_id == round_.id))))


def check_changeable(round_: RecruitmentRound, part: RoundPart) -> None:
    part.check_changeable(applications_started(round_))


def get(round_: RecruitmentRound, part: RoundPart, item_id: int) -> Any:
    item = db.session.get(part.model, item_id)
    return item if item is not None and item.round_id == round_.id else None


def _audit(round_: RecruitmentRound, part: RoundPart, item: Any, done: str) -> None:
    action = f"recruitment_{part.name}_{done}"  # recruitment_criterion_added, ...
    record_event(
        action,
        object_type=part.object_type,
        object_id=item.id,
        round_id=round_.id,
    )


def save(
    round_: RecruitmentRound,
    part: RoundPart,
    item: Any | None,
    values: dict[str, Any],
    position: int | None,
) -> Any:
    """Add a part (``item`` None) or change one, at ``position`` (None: last)."""
    check_changeable(round_, part)
    part.check_values(values)
    adding = item is None
    items = getattr(round_, part.collection)
    if item is None:
        item = part.model()
        items.append(item)
    for name, value in values.items():
        setattr(item, name, value)
    place(list(items), item, position)
    db.session.flush()
    _audit(round_, part, item, "added" if adding else "edited")
    return item


def remove(round_: RecruitmentRound, part: RoundPart, item: Any) -> None:
    check_changeable(round_, part)
    items = getattr(round_, part.collection)
    items.remove(item)
    renumber(items)
    _audit(round_, part, item, "removed")
