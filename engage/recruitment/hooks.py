"""What recruitment tells other features when the app starts (``init_app``), so that none of
them imports recruitment: the applications on "Your account", the applications a browser keeps
across signing in, the rounds the panels' pages show as recruiting and the officer members
contact, the panel applicants' answers on "who we heard from", and the audit log's words for
rounds and applications."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask, url_for

from engage.accounts.api import AccountSection, add_account_section, keep_on_sign_in
from engage.core.pagination import paginate
from engage.panels.api import RecruitingRound, RecruitmentFacts, tell_panels_about_recruitment
from engage.recruitment import audit_records, monitoring_source
from engage.recruitment.access import SESSION_APPLICATIONS
from engage.recruitment.apply import services as apply_services
from engage.recruitment.services import latest_lead_officer_id, open_rounds


def _your_applications(user: Any) -> dict[str, Any]:
    return {
        "applications": paginate(apply_services.applications_of(user.id), per_page=10),
        "application_status": apply_services.applicant_status,
    }


def _recruiting(today: date) -> list[RecruitingRound]:
    return [
        RecruitingRound(
            title=round_.title,
            closing_time=round_.closing_time,
            url=url_for("recruitment.apply.round_page", round_id=round_.id),
            panel_ids=tuple(panel.id for panel in round_.panels),
        )
        for round_ in open_rounds(today)
    ]


def register(app: Flask) -> None:
    add_account_section(
        app, AccountSection("recruitment/apply/_account_section.html", _your_applications)
    )
    # Applications started before signing in stay reachable (they are also emailed a link).
    keep_on_sign_in(app, SESSION_APPLICATIONS)
    tell_panels_about_recruitment(app, RecruitmentFacts(_recruiting, latest_lead_officer_id))
    monitoring_source.register(app)
    audit_records.register(app)
