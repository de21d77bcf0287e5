"""Offers panel applicants' equality monitoring answers to the "who we heard from" view.

Counted: every application sent to any recruitment round, at any stage after sending, except
withdrawn ones (withdrawing erases the answers). Drafts are not counted: those people have not
applied. An application sent without answering the questions counts as "did not answer", and
someone who applied in two rounds counts once for each application."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Select, bindparam, select

from engage.monitoring.api import AnswerSource, register_source
from engage.recruitment.apply.services import MONITORING_SUBJECT
from engage.recruitment.models import DRAFT, WITHDRAWN, Application

_SENT_APPLICATIONS = select(Application.id).where(Application.status.not_in((DRAFT, WITHDRAWN)))


_SENT_BETWEEN = _SENT_APPLICATIONS.where(
    Application.submitted_at >= bindparam("start"), Application.submitted_at < bindparam("end")
)


def sent_applications() -> Select:
    """Built once: monitoring builds its counting statements once for each subjects query."""
    return _SENT_APPLICATIONS


def sent_applications_between() -> Select:
    """Those sent from ``start`` to ``end`` (bindparams), for a report of a year."""
    return _SENT_BETWEEN


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
    subjects_between=sent_applications_between,
    dated_by="sent",
)


def register(app: Flask) -> None:
    register_source(app, PANEL_APPLICATIONS)
