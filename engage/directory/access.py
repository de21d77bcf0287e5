"""Who may edit an organisation's entry: its editors (the scoped role given when a claim is
approved). Officers do not propose changes: they review them."""

from __future__ import annotations

from typing import Any

from engage.core.access import Rule
from engage.directory import claims


def may_edit(user: Any, args: dict[str, Any]) -> bool:
    return claims.is_editor(user, args.get("organisation_id"))


ORGANISATION_EDITOR = Rule("editor of organisation", may_edit)
