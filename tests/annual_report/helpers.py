"""Records for the annual report's tests: one of each kind in a year, with a title that names
the year, so a test can tell which year's records a report shows."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, date, datetime

from engage.core.db import db
from engage.monitoring.models import MonitoringResponse
from tests.factories.consultation_outcomes import ConsultationOutcomeFactory, ThemeOutcomeFactory
from tests.factories.consultations import ConsultationFactory, ConsultationResponseFactory
from tests.factories.panels import PanelFactory, PanelMembershipFactory
from tests.factories.policies import PolicyCommentFactory, PolicyFactory, PolicyVersionFactory
from tests.factories.recruitment import ApplicationFactory, RoundFactory
from tests.factories.stories import StoryFactory
from tests.factories.strategy import (
    MeasureValueFactory,
    ObjectiveFactory,
    StrategyFactory,
    SuccessMeasureFactory,
)
from tests.factories.themes import CodeframeFactory, ThemeFactory


def at(year: int, month: int = 6, day: int = 15) -> datetime:
    return datetime(year, month, day, 12, tzinfo=UTC)


def answers(subject_type: str, subject_id: int, **given: str) -> None:
    db.session.add(
        MonitoringResponse(
            subject_type=subject_type, subject_id=str(subject_id), collected_at=at(2000), **given
        )
    )


def records_of(year: int, panel=None) -> dict:
    """One record of each kind the report shows, all dated in ``year``, named for it."""
    panel = panel or PanelFactory(name="Race Equality Panel")
    round_ = RoundFactory(
        title=f"Round closed {year}",
        opens_on=date(year, 3, 1),
        closes_on=date(year, 4, 1),
        panels=[panel],
    )
    application = ApplicationFactory(round=round_, submitted_at=at(year, 3, 10), status="appointed")
    PanelMembershipFactory(
        panel=panel,
        application_id=application.id,
        term_start=date(year, 5, 1),
        term_end=date(year + 1, 4, 30),
        email=f"member{year}@example.org",
    )
    consultation = ConsultationFactory(title=f"Buses consultation {year}", status="closed")
    ConsultationResponseFactory(consultation_id=consultation.id, submitted_at=at(year, 2))
    frame = CodeframeFactory(owner_id=consultation.id)
    outcome = ConsultationOutcomeFactory(
        consultation_id=consultation.id,
        published_at=at(year, 7),
        decision=f"Decision of {year}",
        changes=f"Evening buses from {year}",
    )
    ThemeOutcomeFactory(
        outcome_id=outcome.id,
        theme_id=ThemeFactory(codeframe_id=frame.id, label=f"Late buses {year}").id,
        we_did=f"We added buses in {year}",
    )
    StoryFactory(
        told_at=at(year, 8),
        change="made",
        change_description=f"Lift fixed in {year}",
        public_title=f"Broken lift {year}",
        published_at=at(year, 9),
        consent_publish=True,
    )
    policy = PolicyFactory(title=f"Transport policy {year}")
    first = PolicyVersionFactory(policy=policy, number=1)
    PolicyVersionFactory(
        policy=policy,
        number=2,
        change_note=f"Paragraph 3 rewritten in {year}",
        created_at=at(year, 10),
    )
    PolicyCommentFactory(
        version_id=first.id, outcome="accepted", response="Done", responded_at=at(year, 9)
    )
    db.session.flush()
    return {"round": round_, "panel": panel, "application": application}


def current_strategy_with_value(year: int) -> None:
    strategy = StrategyFactory(is_current=True)
    objective = ObjectiveFactory(strategy=strategy, code="EO1", title="Fair access")
    measure = SuccessMeasureFactory(objective=objective, measure="Residents treated fairly")
    MeasureValueFactory(measure=measure, year=year, value=f"64% in {year}", source="Survey")
    MeasureValueFactory(measure=measure, year=year - 1, value=f"60% in {year - 1}", source="Old")
    db.session.flush()


def docx_text(content: bytes) -> str:
    """The words of a .docx's document.xml, each paragraph on its own line."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("word/document.xml").decode()
    xml = re.sub(r"</w:p>", "\n", xml)
    return _unescape(re.sub(r"<[^>]+>", "", xml))


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
