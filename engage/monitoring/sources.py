"""Where the "who we heard from" view takes its answers from.

Monitoring imports no feature, so a feature that collects answers registers a source when
the app is made (``register_source``), saying which of its records count (for example, panel
applications that were sent, not drafts). The fictional demo answers are a source too, offered
only when the database holds them (``flask seed-demo`` made it).

Each source says in plain words exactly what it counts; the page shows those words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app
from sqlalchemy import Select, exists, select

from engage.core.db import db
from engage.monitoring.counting import count_answers
from engage.monitoring.demo import DEMO_SIZE, DEMO_SUBJECT_TYPE
from engage.monitoring.models import MonitoringResponse

_EXTENSION = "engage_monitoring_sources"
DEMO = "demo"


@dataclass(frozen=True)
class AnswerSource:
    key: str  # the value in the page's address, such as "panel-applications"
    label: str  # a radio button's words, such as "Panel applications"
    subject_type: str  # monitoring_response.subject_type
    description: str  # exactly what is counted, shown on the page
    # A select of the ids of the records that count, each once; records with no saved
    # answers count as "did not answer" to every question. None: every saved set of answers
    # of subject_type.
    subjects: Callable[[], Select] | None = None
    fictional: bool = False
    # The same records, only those made in a period: a select of their ids with the
    # bindparams "start" and "end" (UTC datetimes, start included, end not), built once (a
    # module constant), so counting a year builds nothing per view. None: the source cannot
    # tell when its records were made, and reports of a period leave it out.
    subjects_between: Callable[[], Select] | None = None
    # What the period is measured by, for a report to say ("sent", "told").
    dated_by: str = ""


DEMO_SOURCE = AnswerSource(
    key=DEMO,
    label="Fictional demo answers",
    subject_type=DEMO_SUBJECT_TYPE,
    description=(
        f"{DEMO_SIZE} made-up sets of answers that flask seed-demo adds to an empty local demo "
        "database, skewed on purpose the way real engagement often is. They are not about "
        "real people."
    ),
    fictional=True,
)


def register_source(app: Flask, source: AnswerSource) -> None:
    """Offer ``source`` on this app's "who we heard from" view (once per key)."""
    registered = app.extensions.setdefault(_EXTENSION, {})
    registered[source.key] = source


def holds_demo_data() -> bool:
    """Whether the database holds the local demo's data (seed-demo adds the demo answers
    and the fictional recruitment rounds together, only to an empty database)."""
    return bool(
        db.session.scalar(
            select(exists().where(MonitoringResponse.subject_type == DEMO_SUBJECT_TYPE))
        )
    )


def available_sources() -> list[AnswerSource]:
    """The registered sources, then the demo answers if the database holds them."""
    found = list(current_app.extensions.get(_EXTENSION, {}).values())
    if holds_demo_data():
        found.append(DEMO_SOURCE)
    return found


def has_records(source: AnswerSource) -> bool:
    """Whether the source has anything to count (records, answered or not)."""
    if source.subjects is None:
        return bool(
            db.session.scalar(
                select(exists().where(MonitoringResponse.subject_type == source.subject_type))
            )
        )
    return bool(db.session.scalar(select(exists(source.subjects()))))


def counts_from(source: AnswerSource, question_key: str) -> dict[str, int]:
    """Counts per answer code for one question, counted by the database."""
    subjects = source.subjects() if source.subjects is not None else None
    return count_answers(question_key, source.subject_type, subjects)
