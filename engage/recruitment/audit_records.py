"""Rounds, applications and interview times in the audit log, in words (see
engage/core/audit_records.py). Applications are named by reference and round, never by the
applicant's name."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy.orm import joinedload, lazyload

from engage.core.audit_records import (
    Described,
    describe_records,
    get_record,
    link,
    load_records,
)
from engage.recruitment.interviews import slot_label
from engage.recruitment.models import Application, InterviewSlot, RecruitmentRound

ROUND_PREFIX = "Recruitment round: "
PARTS_OF_A_ROUND = {
    "round_criterion": "A scoring criterion",
    "round_question": "A question",
    "round_document": "A document",
}


def _round(round_id: Any, details: dict[str, Any] | None = None) -> Described:
    found = get_record(RecruitmentRound, round_id)
    if found is None:
        return Described("A recruitment round that has been deleted")
    return Described(
        f"{ROUND_PREFIX}{found.title}", link("recruitment.manage.show", round_id=found.id)
    )


def _application(application_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(Application, application_id)
    if found is None:
        return Described("An application that has been deleted")
    return Described(
        f"Application {found.reference} ({found.round.title})",
        link(
            "recruitment.decide.application",
            round_id=found.round_id,
            candidate_number=found.candidate_number,
        ),
    )


def _slot(slot_id: Any, details: dict[str, Any]) -> Described:
    slot = get_record(InterviewSlot, slot_id)
    if slot is None:
        return Described("An interview time that has been removed")
    of = _round(slot.round_id)
    text = f"Interview time {slot_label(slot)}, {of.text.removeprefix(ROUND_PREFIX)}"
    return Described(text, link("recruitment.decide.interview_schedule", round_id=slot.round_id))


def _part_of_round(what: str) -> Any:
    def describe_part(object_id: Any, details: dict[str, Any]) -> Described:
        round_id = details.get("round_id")
        if round_id is None:
            return Described(what)
        of = _round(round_id)
        return Described(f"{what} of {of.text.removeprefix(ROUND_PREFIX)}", of.href)

    return describe_part


def _rounds(ids: list[Any]) -> list[Any]:
    return load_records(RecruitmentRound, ids)


def _applications(ids: list[Any]) -> list[Any]:
    """With their rounds, and none of the answers or choices loading an application brings."""
    return load_records(Application, ids, joinedload(Application.round), lazyload("*"))


def _slots(ids: list[Any]) -> list[Any]:
    slots = load_records(InterviewSlot, ids)
    return slots + _rounds([slot.round_id for slot in slots])


def register(app: Flask) -> None:
    describe_records(app, "recruitment_round", _round, _rounds)
    describe_records(app, "application", _application, _applications)
    describe_records(app, "interview_slot", _slot, _slots)
    for object_type, what in PARTS_OF_A_ROUND.items():
        describe_records(app, object_type, _part_of_round(what), reads_details=True)
