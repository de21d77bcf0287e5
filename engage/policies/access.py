"""Who may read a draft policy's version (staff, and current members of a panel it was opened
to) and comment on it (those members only). Anyone else signed in gets 403, a member of another
panel too."""

from __future__ import annotations

from typing import Any

from engage.core.access import Rule, per_request
from engage.policies import comments, services


def may_read_draft(user: Any, args: dict[str, Any]) -> bool:
    policy_id, number = args.get("policy_id"), args.get("version_number")
    return per_request(
        ("policy draft reader", policy_id, number),
        lambda: comments.may_read(user, services.get_version(policy_id, number)),
    )


def may_comment(user: Any, args: dict[str, Any]) -> bool:
    policy_id, number = args.get("policy_id"), args.get("version_number")
    return per_request(
        ("policy draft commenter", policy_id, number),
        lambda: comments.may_comment(user, services.get_version(policy_id, number)),
    )


def may_read_feedback(user: Any, args: dict[str, Any]) -> bool:
    policy_id = args.get("policy_id")
    return per_request(
        ("policy reader", policy_id), lambda: comments.may_read_policy(user, policy_id)
    )


DRAFT_READER = Rule("reader of draft", may_read_draft)
# A policy's "you said, we did": staff and the members of any panel it went to.
POLICY_READER = Rule("reader of policy", may_read_feedback)
# Commenting is for the panels' members: staff answer comments, they do not make them.
DRAFT_COMMENTER = Rule("commenter on draft", may_comment)
