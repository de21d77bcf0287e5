"""The demo's editing work in progress, so an officer's review pages have something to show:
the demo resident edits one organisation's entry and has sent changes to it, has suggested
a new organisation, and asks an officer to check they work at another."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engage.accounts.api import grant_role
from engage.core.db import db
from engage.directory import claims, editing, stages, suggestions
from engage.directory.models import Organisation


def create_demo_editing(editor: Any) -> int:
    """``editor`` edits the first listed organisation (by name) and has changes waiting,
    has suggested a new organisation, and asks an officer to check they are a trustee of the
    second. Returns how many changes wait for review."""
    first, second = db.session.scalars(
        select(Organisation)
        .where(Organisation.status == stages.LISTED)
        .order_by(Organisation.name, Organisation.id)
        .limit(2)
    ).all()
    grant_role(editor, stages.EDITOR_ROLE, scope_type=stages.EDITOR_SCOPE, scope_id=first.id)
    proposed = editing.entry_values(first)
    proposed["phone"] = "0151 496 0999"
    proposed["languages"] = [*proposed["languages"], "Polish"]
    proposed["accessibility"] = (
        proposed["accessibility"] + " A hearing loop is now fitted in the main hall."
    ).strip()
    editing.propose_change(first, editor, proposed, "We have a new phone line and a hearing loop.")
    suggestions.suggest_organisation(
        editor,
        {
            **suggestions.blank_values(),
            "name": "Prescot Carers' Coffee Morning",
            "description": "A weekly coffee morning where unpaid carers meet, share advice "
            "and take a break, with a sitting service for the people they care for.",
            "kind": "community_group",
            "areas": ["E08000011"],
            "communities": ["carers"],
            "languages": ["English"],
            "postcode": "L34 5QX",
        },
        "I run it from the church hall on Thursdays.",
        "Organiser",
    )
    claims.claim_by_officer(second, editor, "Trustee")
    return 2
