"""Policies and their versions in the audit log, in words (see engage/core/audit_records.py)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy.orm import joinedload

from engage.core.audit_records import Described, describe_records, get_record, link, load_records
from engage.policies.models import Policy, PolicyVersion


def _policy(policy_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(Policy, policy_id)
    if found is None:
        return Described("A policy that has been deleted")
    return Described(f"Policy: {found.title}", link("policies.show", policy_id=found.id))


def _version(version_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(PolicyVersion, version_id)
    if found is None:
        return Described(f"Version {details.get('version', '')} of a policy (since deleted)")
    return Described(
        f"Version {found.number} of {found.policy.title}",
        link("policies.version", policy_id=found.policy_id, number=found.number),
    )


def _policies(ids: list[Any]) -> list[Any]:
    return load_records(Policy, ids)


def _versions(ids: list[Any]) -> list[Any]:
    return load_records(PolicyVersion, ids, joinedload(PolicyVersion.policy))


def register(app: Flask) -> None:
    describe_records(app, "policy", _policy, _policies)
    describe_records(app, "policy_version", _version, _versions)
