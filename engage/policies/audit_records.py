"""Draft policies in the audit log, in words (see engage/core/audit_records.py). Every event
of the feature names the policy (its version, paragraph and comment are details), so a page of
events describes them all with one query."""

from __future__ import annotations

from typing import Any

from flask import Flask

from engage.core.audit_records import Described, describe_records, get_record, link, load_records
from engage.policies.models import Policy


def _policy(policy_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(Policy, policy_id)
    if found is None:
        return Described("A policy that has been deleted")
    return Described(f"Policy: {found.title}", link("policies.manage.show", policy_id=found.id))


def _policies(ids: list[Any]) -> list[Any]:
    return load_records(Policy, ids)


def register(app: Flask) -> None:
    describe_records(app, "policy", _policy, _policies)
