"""What the strategy tracker shows of consultations tagged to priorities: each one's status,
its submitted responses (counted in the database) and whether "We asked, you said, we did"
is published. One query for any number of priorities and consultations."""

from __future__ import annotations

from functools import cache

from sqlalchemy import Select, select

from engage.consultations import stages
from engage.consultations.models import Consultation
from engage.consultations.outcome.models import ConsultationOutcome
from engage.consultations.services import sent_responses_of_each
from engage.core.db import db
from engage.core.evidence import PRIORITY_IDS, Evidence, priority_ids_given
from engage.core.urls import url_maker

FEATURE = "Consultations"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def evidence_for_priorities(
    priority_ids: list[int], *, detail: bool = True
) -> dict[int, list[Evidence]]:
    """For each priority id, the consultations tagged to it, oldest first."""
    found: dict[int, list[Evidence]] = {priority_id: [] for priority_id in priority_ids}
    if not priority_ids:  # ``detail`` changes nothing here: one query either way
        return found
    rows = db.session.execute(_consultations_statement(), priority_ids_given(priority_ids))
    # Each address built once, not per record (url_for costs about 25 µs a call).
    builder = url_maker("consultations.builder.show", "consultation_id")
    reach = url_maker("consultations.reach.index", "consultation_id")
    outcome = url_maker("consultations.outcome_public.show", "consultation_id")
    answer = url_maker("consultations.answer.show", "consultation_id")
    for priority_id, consultation_id, title, status, count, published_at in rows:
        published = published_at is not None
        status_label = stages.STATUS_LABELS.get(status, status)
        summary = f"{status_label}; {_plural(count, 'response', 'responses')}; " + (
            "outcome published" if published else "outcome not published"
        )
        public = published or status == stages.OPEN
        found[priority_id].append(
            Evidence(
                feature=FEATURE,
                title=title,
                summary=summary,
                url=builder(consultation_id),
                links=(
                    (
                        "Who we heard from (for the equality data role)",
                        reach(consultation_id),
                    ),
                ),
                public=public,
                public_url=(outcome(consultation_id) if published else answer(consultation_id)),
                public_text=(
                    "We asked, you said, we did: published" if published else "Open for answers"
                ),
                # Responses are counted publicly once the outcome (which counts them) is out.
                public_counts=(("Responses", count),) if published else (),
            )
        )
    return found


@cache
def _consultations_statement() -> Select:
    """Each tagged consultation, its sent responses and when its outcome was published."""
    tags = db.metadata.tables["consultation_priority"]
    responses = sent_responses_of_each()
    return (
        select(
            tags.c.priority_id,
            Consultation.id,
            Consultation.title,
            Consultation.status,
            responses.label("responses"),
            ConsultationOutcome.published_at,
        )
        .join(Consultation, Consultation.id == tags.c.record_id)
        .outerjoin(ConsultationOutcome, ConsultationOutcome.consultation_id == Consultation.id)
        .where(tags.c.priority_id.in_(PRIORITY_IDS))
        .order_by(tags.c.priority_id, Consultation.id)
    )
