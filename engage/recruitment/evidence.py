"""What the strategy tracker shows of panel recruitment rounds tagged to priorities: each
round's state, its sent applications and how many are at each stage, with a link to the
round's fairness report. One query, counting in the database. Staff only: the fairness of a
round is published through its own report, not the public progress page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from flask import url_for
from sqlalchemy import Select, func, select

from engage.core.db import db
from engage.core.evidence import PRIORITY_IDS, Evidence, priority_ids_given
from engage.recruitment import stages
from engage.recruitment.models import Application, RecruitmentRound

FEATURE = "Panel recruitment"
# The stages shown, in the order an application moves through them (drafts are not sent).
STAGES = (
    stages.SUBMITTED,
    stages.SHORTLISTED,
    stages.NOT_SHORTLISTED,
    stages.APPOINTED,
    stages.RESERVE,
    stages.NOT_APPOINTED,
    stages.WITHDRAWN,
)


@dataclass
class _Round:
    id: int
    title: str
    opens_on: date
    closes_on: date
    outcomes_sent_at: datetime | None
    by_status: dict[str, int]


def evidence_for_priorities(
    priority_ids: list[int], *, detail: bool = True
) -> dict[int, list[Evidence]]:
    """For each priority id, the recruitment rounds tagged to it, oldest first."""
    found: dict[int, list[Evidence]] = {priority_id: [] for priority_id in priority_ids}
    if not priority_ids:  # ``detail`` changes nothing here: one query either way
        return found
    rows = db.session.execute(_rounds_statement(), priority_ids_given(priority_ids))
    rounds: dict[tuple[int, int], _Round] = {}
    for priority_id, round_id, title, opens_on, closes_on, sent_at, status, count in rows:
        round_ = rounds.setdefault(
            (priority_id, round_id), _Round(round_id, title, opens_on, closes_on, sent_at, {})
        )
        if status is not None:
            round_.by_status[status] = count
    for (priority_id, _), round_ in rounds.items():
        found[priority_id].append(_evidence(round_))
    return found


@cache
def _rounds_statement() -> Select:
    """Each tagged round and how many of its sent applications are at each stage."""
    tags = db.metadata.tables["recruitment_round_priority"]
    return (
        select(
            tags.c.priority_id,
            RecruitmentRound.id,
            RecruitmentRound.title,
            RecruitmentRound.opens_on,
            RecruitmentRound.closes_on,
            RecruitmentRound.outcomes_sent_at,
            Application.status,
            func.count(Application.id),
        )
        .join(RecruitmentRound, RecruitmentRound.id == tags.c.record_id)
        .outerjoin(
            Application,
            (Application.round_id == RecruitmentRound.id) & (Application.status != stages.DRAFT),
        )
        .where(tags.c.priority_id.in_(PRIORITY_IDS))
        .group_by(
            tags.c.priority_id,
            RecruitmentRound.id,
            RecruitmentRound.title,
            RecruitmentRound.opens_on,
            RecruitmentRound.closes_on,
            RecruitmentRound.outcomes_sent_at,
            Application.status,
        )
        .order_by(tags.c.priority_id, RecruitmentRound.opens_on, RecruitmentRound.id)
    )


def _evidence(round_: _Round) -> Evidence:
    sent = sum(round_.by_status.values())
    at_stages = [
        f"{round_.by_status[status]:,} {stages.STATUS_LABELS[status].lower()}"
        for status in STAGES
        if round_.by_status.get(status)
    ]
    summary = f"{stages.round_state(round_).value}; {sent:,} applications sent"
    if at_stages:
        summary += ": " + ", ".join(at_stages)
    return Evidence(
        feature=FEATURE,
        title=round_.title,
        summary=summary,
        url=url_for("recruitment.manage.show", round_id=round_.id),
        links=(
            (
                "Fairness report",
                url_for("recruitment.report.report", round_id=round_.id),
            ),
        ),
    )
