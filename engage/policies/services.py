"""Draft policies and their versions: creating, reading, adding and deleting versions, and
comparing two versions. Routes commit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from engage.core.access import per_request
from engage.core.audit import record_event
from engage.core.db import db
from engage.policies import stages
from engage.policies.compare import Comparison, compare_versions
from engage.policies.document_text import NumberedBlock
from engage.policies.models import Policy, PolicyParagraph, PolicyVersion
from engage.policies.stages import VersionRefused
from engage.strategy.api import set_tags


@dataclass(frozen=True)
class PolicyDetails:
    title: str
    summary: str
    owner: str
    priority_ids: list[int]


def policy_list_statement() -> Select:
    """Every policy, most recently changed first, with its number of versions and when the
    latest was added (rows, for a list page)."""
    versions = (
        select(
            PolicyVersion.policy_id,
            func.count(PolicyVersion.id).label("version_count"),
            func.max(PolicyVersion.created_at).label("latest_at"),
        )
        .group_by(PolicyVersion.policy_id)
        .subquery()
    )
    return (
        select(
            Policy.id,
            Policy.title,
            Policy.owner,
            func.coalesce(versions.c.version_count, 0).label("version_count"),
            versions.c.latest_at,
        )
        .outerjoin(versions, versions.c.policy_id == Policy.id)
        .order_by(Policy.updated_at.desc(), Policy.id.desc())
    )


def get_policy(policy_id: int) -> Policy | None:
    return db.session.get(Policy, policy_id)


def create_policy(details: PolicyDetails, created_by: Any) -> Policy:
    policy = Policy(created_by_id=created_by.id)
    _apply(policy, details)
    db.session.add(policy)
    db.session.flush()
    record_event("policy_created", object_type="policy", object_id=policy.id)
    return policy


def update_policy(policy: Policy, details: PolicyDetails) -> None:
    _apply(policy, details)
    record_event("policy_updated", object_type="policy", object_id=policy.id)


def _apply(policy: Policy, details: PolicyDetails) -> None:
    policy.title = details.title
    policy.summary = details.summary
    policy.owner = details.owner
    set_tags(policy, details.priority_ids)


def versions_of(policy_id: int) -> list[PolicyVersion]:
    return list(
        db.session.scalars(
            select(PolicyVersion)
            .where(PolicyVersion.policy_id == policy_id)
            .order_by(PolicyVersion.number)
        )
    )


def latest_number(policy_id: int) -> int | None:
    return db.session.scalar(
        select(func.max(PolicyVersion.number)).where(PolicyVersion.policy_id == policy_id)
    )


def get_version(policy_id: int, number: int, *, with_panels: bool = False) -> PolicyVersion | None:
    """With its policy. Asked once per request (the access rule asks first).
    ``with_panels``: the panels it is open to loaded too (one query, opened or not)."""

    def find() -> PolicyVersion | None:
        statement = (
            select(PolicyVersion)
            .where(PolicyVersion.policy_id == policy_id, PolicyVersion.number == number)
            .options(joinedload(PolicyVersion.policy))
        )
        if with_panels:
            statement = statement.options(selectinload(PolicyVersion.panels))
        return db.session.scalars(statement).first()

    return per_request(("policy version", policy_id, number, with_panels), find)


def paragraphs_of(version_id: int) -> list[Any]:
    """The version's headings and paragraphs in order, as rows (id, position, number, kind,
    level, text): read-only, and several times quicker to load than objects for a long
    text."""
    return list(
        db.session.execute(
            select(
                PolicyParagraph.id,
                PolicyParagraph.position,
                PolicyParagraph.number,
                PolicyParagraph.kind,
                PolicyParagraph.level,
                PolicyParagraph.text,
            )
            .where(PolicyParagraph.version_id == version_id)
            .order_by(PolicyParagraph.position)
        )
    )


def add_version(
    policy: Policy,
    blocks: list[NumberedBlock],
    *,
    change_note: str,
    source: str,
    filename: str,
    created_by: Any,
) -> PolicyVersion:
    """The next version, with its paragraphs written in one statement. Two officers adding a
    version at the same moment cannot both get the same number: the second is refused."""
    number = stages.next_version_number(latest_number(policy.id))
    version = PolicyVersion(
        policy_id=policy.id,
        number=number,
        change_note=change_note,
        source=source,
        source_filename=filename,
        paragraph_count=len(blocks),
        created_by_id=created_by.id,
    )
    try:
        with db.session.begin_nested():
            db.session.add(version)
            db.session.flush()
    except IntegrityError as clash:
        raise VersionRefused(
            "Someone else added a version of this policy at the same time. "
            "Check the versions below, then add yours again."
        ) from clash
    db.session.execute(
        insert(PolicyParagraph),
        [
            {
                "version_id": version.id,
                "position": block.position,
                "number": block.number,
                "kind": block.kind,
                "level": block.level,
                "text": block.text,
            }
            for block in blocks
        ],
    )
    policy.updated_at = version.created_at
    record_event(
        "policy_version_added",
        object_type="policy",
        object_id=policy.id,
        version=number,
        paragraphs=len(blocks),
    )
    return version


def delete_version(version: PolicyVersion) -> None:
    problem = stages.delete_problem(version, latest_number(version.policy_id) or 0)
    if problem:
        raise VersionRefused(problem)
    record_event(
        "policy_version_deleted",
        object_type="policy",
        object_id=version.policy_id,
        version=version.number,
    )
    db.session.execute(delete(PolicyParagraph).where(PolicyParagraph.version_id == version.id))
    db.session.execute(delete(PolicyVersion).where(PolicyVersion.id == version.id))


def compare(policy_id: int, old_number: int, new_number: int) -> Comparison | None:
    """Two versions of a policy compared paragraph by paragraph (None if either is missing)."""
    if old_number == new_number:
        raise VersionRefused(stages.SAME_VERSION)
    old, new = get_version(policy_id, old_number), get_version(policy_id, new_number)
    if old is None or new is None:
        return None
    return compare_versions(paragraphs_of(old.id), paragraphs_of(new.id))
