"""Erasing a person's consultation responses (engage/rights asks).

Published figures must not change. A consultation's published "we asked, you said, we did"
is counted live from its sent responses (how many came by each channel, and how many people
raised each theme, from the theme codes on their answers), so a sent response to a
consultation whose outcome is published is anonymised, not deleted:
- it is unlinked from the account and its email address, and no longer asks to be told;
- the words typed in it (text, email and postcode answers, "other, please say") are replaced,
  and uploaded files deleted; choices and the theme codes stay, so every count stays;
- its equality monitoring answers stay with it, now linked to nobody, because they are
  counted in who the authority heard from, which the annual equality report publishes.
Every other response (drafts, and sent responses whose outcome is not published yet) is
deleted with its answers, files, theme codes and equality monitoring answers; so is every
request for another format. Two queries to plan."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, false, func, or_, select, update
from sqlalchemy import delete as sql_delete

from engage.consultations import stages
from engage.consultations.coding.services import ITEM as CODED_ITEM
from engage.consultations.models import (
    Answer,
    AnswerFile,
    Consultation,
    ConsultationResponse,
    FormatRequest,
)
from engage.consultations.outcome.models import ConsultationOutcome
from engage.core import themes
from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.erasure import ErasurePlan, ErasureResult, anonymise, counted, delete
from engage.monitoring.api import delete_answers

FEATURE = "Consultations"
REMOVED = "Removed at the request of the person who wrote it"
PUBLISHED_REASON = (
    "It is counted in the consultation's published \u201cwe asked, you said, we did\u201d: "
    "it stays, with its choices and equality monitoring answers, so the published counts "
    "stay the same, but no longer linked to the person, and the words they typed and any "
    "files they uploaded are removed."
)


def _whose(subject: DataSubject) -> Any:
    # Responses carry no reference: someone known only by a reference has none here.
    if subject.by_reference:
        return false()
    conditions = []
    if subject.user_id is not None:
        conditions.append(ConsultationResponse.user_id == subject.user_id)
    if subject.email:
        conditions.append(
            ConsultationResponse.user_id.is_(None)
            & (func.lower(ConsultationResponse.email) == subject.email.strip().lower())
        )
    return or_(*conditions) if conditions else false()


def _responses(subject: DataSubject) -> list[tuple[int, str, bool]]:
    """(id, consultation title, whether a published outcome counts it)."""
    published = and_(
        ConsultationOutcome.published_at.is_not(None),
        ConsultationResponse.status == stages.ResponseStatus.SUBMITTED,
    )
    rows = db.session.execute(
        select(ConsultationResponse.id, Consultation.title, published)
        .join(Consultation, Consultation.id == ConsultationResponse.consultation_id)
        .outerjoin(
            ConsultationOutcome,
            ConsultationOutcome.consultation_id == ConsultationResponse.consultation_id,
        )
        .where(_whose(subject))
        .order_by(ConsultationResponse.id)
    )
    return [(response_id, title, bool(counted_in)) for response_id, title, counted_in in rows]


def _format_requests(subject: DataSubject) -> list[int]:
    if subject.user_id is None:
        return []
    return list(
        db.session.scalars(select(FormatRequest.id).where(FormatRequest.user_id == subject.user_id))
    )


def _plan(responses: list[tuple[int, str, bool]], requests: list[int]) -> ErasurePlan:
    plan = ErasurePlan(FEATURE)
    for _id, title, published in responses:
        what = f"A response to \u201c{title}\u201d"
        if published:
            plan.items.append(anonymise(what, PUBLISHED_REASON))
        else:
            plan.items.append(
                delete(f"{what}, with its answers, files and equality monitoring answers")
            )
    if requests:
        plan.items.append(
            delete(counted(len(requests), "request", "requests") + " for another format")
        )
    return plan


def erasure_plan(subject: DataSubject) -> ErasurePlan:
    return _plan(_responses(subject), _format_requests(subject))


def _without_words(value: Any) -> Any:
    """An answer with what the person typed replaced; choices, numbers and dates kept."""
    if not isinstance(value, dict):
        return value
    cleaned = dict(value)
    for key in ("text", "other"):
        if key in cleaned:
            cleaned[key] = REMOVED
    if isinstance(cleaned.get("file"), dict):
        cleaned["file"] = {"name": REMOVED, "key": "", "size": 0}
    return cleaned


def _anonymise(ids: list[int]) -> None:
    db.session.execute(
        update(ConsultationResponse)
        .where(ConsultationResponse.id.in_(ids))
        .values(user_id=None, email="", wants_outcome=False, resume_secret_hash=None)
        .execution_options(synchronize_session=False)
    )
    for answer in db.session.scalars(select(Answer).where(Answer.response_id.in_(ids))):
        cleaned = _without_words(answer.value)
        if cleaned != answer.value:
            answer.value = cleaned
    db.session.execute(
        sql_delete(AnswerFile)
        .where(AnswerFile.response_id.in_(ids))
        .execution_options(synchronize_session=False)
    )


def _delete(ids: list[int]) -> None:
    themes.forget_items(CODED_ITEM, select(Answer.id).where(Answer.response_id.in_(ids)))
    for response_id in ids:
        delete_answers(stages.MONITORING_SUBJECT, response_id)
    # Answers and files go with it (ON DELETE CASCADE).
    db.session.execute(
        sql_delete(ConsultationResponse)
        .where(ConsultationResponse.id.in_(ids))
        .execution_options(synchronize_session=False)
    )


def erase(subject: DataSubject) -> ErasureResult:
    """Does not commit."""
    responses = _responses(subject)
    requests = _format_requests(subject)
    plan = _plan(responses, requests)
    published = [response_id for response_id, _title, counted_in in responses if counted_in]
    others = [response_id for response_id, _title, counted_in in responses if not counted_in]
    if published:
        _anonymise(published)
    if others:
        _delete(others)
    if requests:
        db.session.execute(
            sql_delete(FormatRequest)
            .where(FormatRequest.id.in_(requests))
            .execution_options(synchronize_session=False)
        )
    return ErasureResult(FEATURE, list(plan.items))
