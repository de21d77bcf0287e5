"""The records audit events are about, in words, with a link to the staff page for each when
there is one and the person reading the log may open it.

Events name a record by type and id (``recruitment_round``, ``7``). Records may have been
deleted since (a removed criterion): the words then say so. Reading only: this module never
changes another feature's records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, url_for
from flask_login import current_user
from werkzeug.routing import BuildError

from engage.accounts import invitations
from engage.accounts.services import get_user
from engage.core.access import rule_for_endpoint
from engage.core.db import db
from engage.panels.models import PanelMembership
from engage.panels.services import get_panel
from engage.recruitment.interviews import slot_label
from engage.recruitment.models import Application, InterviewSlot
from engage.recruitment.services import get_round
from engage.strategy.services import (
    get_item,
    get_measure,
    get_objective,
    get_priority,
    get_strategy,
)


@dataclass(frozen=True)
class Described:
    text: str
    href: str | None = None


def link(endpoint: str, **values: Any) -> str | None:
    """The URL, if the person reading may open it (by the endpoint's own access rule)."""
    rule = rule_for_endpoint(current_app, endpoint)
    if rule is None or not rule.allows(current_user, values):
        return None
    try:
        return url_for(endpoint, **values)
    except BuildError:  # the page's address changed: show the words without a link
        return None


def person(user_id: Any) -> Described:
    user = get_user(int(user_id)) if str(user_id).isdigit() else None
    if user is None:
        return Described("A person whose account has been deleted")
    return Described(f"{user.full_name} ({user.email})", link("admin.user_detail", user_id=user.id))


def round_(round_id: Any) -> Described:
    found = get_round(int(round_id)) if str(round_id).isdigit() else None
    if found is None:
        return Described("A recruitment round that has been deleted")
    return Described(
        f"Recruitment round: {found.title}", link("recruitment.manage.show", round_id=found.id)
    )


def application(application_id: Any) -> Described:
    found = (
        db.session.get(Application, int(application_id)) if str(application_id).isdigit() else None
    )
    if found is None:
        return Described("An application that has been deleted")
    return Described(
        f"Application {found.reference} ({found.round.title})",
        link(
            "recruitment.decide.application",
            round_id=found.round_id,
            candidate_number=found.candidate_number,
        ),
    )


def _part_of_round(what: str, details: dict[str, Any]) -> Described:
    round_id = details.get("round_id")
    if round_id is None:
        return Described(what)
    of = round_(round_id)
    return Described(f"{what} of {of.text.removeprefix('Recruitment round: ')}", of.href)


def _slot(slot_id: Any) -> Described:
    slot = db.session.get(InterviewSlot, int(slot_id)) if str(slot_id).isdigit() else None
    if slot is None:
        return Described("An interview time that has been removed")
    of = round_(slot.round_id)
    text = f"Interview time {slot_label(slot)}, {of.text.removeprefix('Recruitment round: ')}"
    return Described(text, link("recruitment.decide.interview_schedule", round_id=slot.round_id))


def _membership(membership_id: Any) -> Described:
    found = (
        db.session.get(PanelMembership, int(membership_id))
        if str(membership_id).isdigit()
        else None
    )
    if found is None:
        return Described("A panel membership that has been deleted")
    panel = found.panel
    return Described(
        f"Membership of the {panel.name}", link("panels.memberships", panel_code=panel.code)
    )


def _objective(objective_id: Any) -> Described:
    found = get_objective(int(objective_id)) if str(objective_id).isdigit() else None
    if found is None:
        return Described("A strategy objective that has been deleted")
    return Described(
        f"Strategy objective {found.code}: {found.title}",
        link("strategy.edit_objective", objective_id=found.id),
    )


def _priority(priority_id: Any) -> Described:
    found = get_priority(int(priority_id)) if str(priority_id).isdigit() else None
    if found is None:
        return Described("A strategy priority that has been deleted")
    return Described(
        f"Strategy priority {found.code}: {found.title}",
        link("strategy.edit_priority", priority_id=found.id),
    )


def _strategy(strategy_id: Any) -> Described:
    found = get_strategy(int(strategy_id)) if str(strategy_id).isdigit() else None
    if found is None:
        return Described("A version of the strategy that has been deleted")
    return Described(
        f"{found.title}, version {found.version}",
        link("strategy.version", strategy_id=found.id),
    )


def _strategy_item(item_id: Any) -> Described:
    found = get_item(int(item_id)) if str(item_id).isdigit() else None
    if found is None:
        return Described("An action or ambition of the strategy that has been removed")
    return Described(f"{found.text[:80]}", link("strategy.edit_item", item_id=found.id))


def _strategy_measure(measure_id: Any) -> Described:
    found = get_measure(int(measure_id)) if str(measure_id).isdigit() else None
    if found is None:
        return Described("A success measure of the strategy that has been removed")
    return Described(
        f"Success measure: {found.measure[:80]}",
        link("strategy.edit_measure", measure_id=found.id),
    )


def _invitation(invitation_id: Any) -> Described:
    found = invitations.get_invitation(int(invitation_id)) if str(invitation_id).isdigit() else None
    if found is None:
        return Described("A staff invitation that has been deleted")
    return Described(f"Staff invitation for {found.email}", link("admin.invitations"))


def record(object_type: str | None, object_id: Any, details: dict[str, Any]) -> Described:
    """What an event was about, in words."""
    if not object_type:
        return Described("")
    describe = {
        "user": person,
        "invitation": _invitation,
        "recruitment_round": round_,
        "application": application,
        "interview_slot": _slot,
        "panel_membership": _membership,
        "objective": _objective,
        "priority": _priority,
        "strategy": _strategy,
        "strategy_item": _strategy_item,
        "strategy_measure": _strategy_measure,
    }.get(object_type)
    if describe is not None:
        return describe(object_id)
    parts = {
        "round_criterion": "A scoring criterion",
        "round_question": "A question",
        "round_document": "A document",
    }
    if object_type in parts:
        return _part_of_round(parts[object_type], details)
    if object_type == "equality_data":
        return Described("Equality monitoring totals")
    return Described(object_type.replace("_", " ").capitalize())


def panel_name(code: Any) -> str:
    panel = get_panel(str(code))
    return panel.name if panel else str(code)
