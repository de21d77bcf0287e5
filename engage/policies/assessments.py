"""Equality Impact Assessments: each belongs to a version of a draft policy, has a section for
every characteristic (stages.CHARACTERISTICS) and the officer's conclusion, is opened to
panels with its version (who comment on each section) and can be published. Routes commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select

from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.policies import stages
from engage.policies.models import (
    ImpactAssessment,
    ImpactSection,
    Policy,
    PolicyComment,
    PolicyVersion,
)
from engage.policies.stages import VersionRefused
from engage.strategy.api import filter_by_tags, objectives_by_record


def assessment_of(version_id: int) -> ImpactAssessment | None:
    """The version's assessment with its sections (two queries)."""
    return db.session.scalars(
        select(ImpactAssessment).where(ImpactAssessment.version_id == version_id)
    ).first()


def has_assessment(version_id: int) -> bool:
    """Whether the version has an assessment (one query, for a link to it)."""
    return (
        db.session.scalar(
            select(ImpactAssessment.id).where(ImpactAssessment.version_id == version_id)
        )
        is not None
    )


def _about(version: PolicyVersion, **details: Any) -> dict[str, Any]:
    return {"object_type": "policy", "object_id": version.policy_id, "version": version.number,
            **details}  # fmt: skip


def _check_editable(version: PolicyVersion) -> None:
    if not stages.can_edit_assessment(version):
        raise VersionRefused(stages.ASSESSMENT_FIXED)


def start_assessment(version: PolicyVersion) -> tuple[ImpactAssessment, int | None]:
    """Start the version's assessment: a copy of the previous version's, when it has one, for
    the officer to bring up to date; otherwise an empty section for each characteristic.
    Returns the assessment and the number of the version it was copied from."""
    _check_editable(version)
    existing = assessment_of(version.id)
    if existing is not None:
        return existing, None
    previous = db.session.scalars(
        select(ImpactAssessment)
        .join(PolicyVersion, PolicyVersion.id == ImpactAssessment.version_id)
        .where(
            PolicyVersion.policy_id == version.policy_id,
            PolicyVersion.number < version.number,
        )
        .order_by(PolicyVersion.number.desc())
    ).first()
    earlier = {s.characteristic: s for s in previous.sections} if previous else {}
    assessment = ImpactAssessment(
        version_id=version.id, conclusion=previous.conclusion if previous else ""
    )
    for position, characteristic in enumerate(stages.CHARACTERISTICS, start=1):
        copied = earlier.get(characteristic)
        assessment.sections.append(
            ImpactSection(
                characteristic=characteristic,
                position=position,
                impact=copied.impact if copied else None,
                evidence=copied.evidence if copied else "",
                mitigation=copied.mitigation if copied else "",
            )
        )
    db.session.add(assessment)
    db.session.flush()
    copied_from = previous.version.number if previous else None
    record_event("policy_assessment_started", **_about(version, copied_from=copied_from))
    return assessment, copied_from


def section_of(assessment: ImpactAssessment, characteristic: str) -> ImpactSection | None:
    return next((s for s in assessment.sections if s.characteristic == characteristic), None)


def save_section(
    version: PolicyVersion, section: ImpactSection, *, impact: str, evidence: str, mitigation: str
) -> None:
    _check_editable(version)
    section.impact, section.evidence, section.mitigation = impact, evidence, mitigation
    section.assessment.updated_at = utcnow()
    record_event(
        "policy_assessment_section_saved",
        **_about(version, characteristic=section.label, impact=section.impact_label),
    )


def save_conclusion(version: PolicyVersion, assessment: ImpactAssessment, text: str) -> None:
    _check_editable(version)
    assessment.conclusion = text
    record_event("policy_assessment_conclusion_saved", **_about(version))


def set_published(version: PolicyVersion, assessment: ImpactAssessment, published: bool) -> None:
    if published:
        problem = stages.publish_problem(assessment)
        if problem:
            raise VersionRefused(problem)
    assessment.published_at = utcnow() if published else None
    record_event(
        "policy_assessment_published" if published else "policy_assessment_withdrawn",
        **_about(version),
    )


def comment_counts(assessment: ImpactAssessment) -> dict[int, int]:
    """How many comments (not withdrawn, replies included) each section has."""
    return dict(
        db.session.execute(
            select(PolicyComment.section_id, func.count(PolicyComment.id))
            .where(
                PolicyComment.section_id.in_([s.id for s in assessment.sections]),
                PolicyComment.withdrawn_at.is_(None),
            )
            .group_by(PolicyComment.section_id)
        ).all()
    )


# The public list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedRow:
    id: int
    policy_id: int
    title: str
    owner: str
    version_number: int
    published_at: datetime
    objectives: list[str]


def published_statement(objective: str | None = None) -> Select:
    """Published assessments, the latest first, optionally only those of policies tagged to a
    strategy objective (rows for a list page)."""
    statement = (
        select(
            ImpactAssessment.id,
            Policy.id.label("policy_id"),
            Policy.title,
            Policy.owner,
            PolicyVersion.number.label("version_number"),
            ImpactAssessment.published_at,
        )
        .join(PolicyVersion, PolicyVersion.id == ImpactAssessment.version_id)
        .join(Policy, Policy.id == PolicyVersion.policy_id)
        .where(ImpactAssessment.published_at.is_not(None))
        .order_by(ImpactAssessment.published_at.desc(), ImpactAssessment.id.desc())
    )
    return filter_by_tags(statement, Policy, objective=objective)


def with_objectives(rows: list[Any]) -> list[PublishedRow]:
    """The page's rows with the strategy objectives of each policy (one query)."""
    objectives = objectives_by_record(Policy, list({row.policy_id for row in rows}))
    return [PublishedRow(*row, objectives=objectives.get(row.policy_id, [])) for row in rows]


def published_assessment(assessment_id: int) -> ImpactAssessment | None:
    assessment = db.session.get(ImpactAssessment, assessment_id)
    return assessment if assessment and assessment.published_at else None
