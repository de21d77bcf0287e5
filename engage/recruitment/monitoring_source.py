"""Offers panel applicants' equality monitoring answers to the "who we heard from" view.

Counted: every application sent to any recruitment round, at any stage after sending, except
withdrawn ones (withdrawing erases the answers). Drafts are not counted: those people have not
applied. An application sent without answering the questions counts as "did not answer", and
someone who applied in two rounds counts once for each application."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Select, select

from engage.monitoring.api import AnswerSource, register_source
from engage.recruitment.apply.services import MONITORING_SUBJECT
from engage.recruitment.models import DRAFT, WITHDRAWN, Application

_SENT_APPLICATIONS = select(Application.id).where(Application.status.not_in((DRAFT, WITHDRAWN)))


def sent_applications() -> Select:
    """Built once: monitoring builds its counting statements once for each subjects query."""
    return _SENT_APPLICATIONS


PANEL_APPLICATIONS = AnswerSource(
    key="panel-applications",
    label="Panel applications",
    subject_type=MONITORING_SUBJECT,
    description=(
        "Answers given with applications to the Equality Panels: every application sent to "
        "any recruitment round, whatever its outcome, except withdrawn ones (withdrawing "
        "erases the answers). Drafts that were never sent are not counted. An application "
        "sent without answering counts as \u201cdid not answer\u201d, and someone who "
        "applied in two rounds counts once for each application."
    ),
    subjects=sent_applications,
)


def register(app: Flask) -> None:
    register_source(app, PANEL_APPLICATIONS)
