"""Erasure removes everything its plan lists, keeps (or anonymises) what it says it keeps,
leaves another person's records alone, and does not change published counts: a consultation's
published "we asked, you said, we did" and a draft policy's published summary."""

from __future__ import annotations

from collections import Counter

from flask import Flask
from sqlalchemy import func, select

from engage.accounts.models import RoleGrant, User
from engage.consultations.models import Answer, AnswerFile, ConsultationResponse, FormatRequest
from engage.consultations.outcome import services as outcome_services
from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.core.email import OutboxMessage
from engage.core.theme_models import ThemeCode
from engage.directory.models import (
    ChangeRequest,
    ClaimRequest,
    EditorInvitation,
    EntryReport,
    Organisation,
)
from engage.directory.opportunities.models import OpportunityEmailOptIn, OpportunityResponse
from engage.monitoring.models import MonitoringResponse
from engage.panels.models import PanelMembership
from engage.policies import feedback
from engage.policies.erasure import REMOVED_TEXT
from engage.policies.models import Policy, PolicyComment, SupportRequest
from engage.recruitment.models import Application
from engage.rights.erasure import services
from engage.rights.erasure.models import ErasureRequest
from engage.stories.models import Story, StoryReply
from tests.conftest import csrf_token
from tests.factories import ErasureRequestFactory, admin
from tests.rights.erasure_setup import Person, make_person, make_shared

MODELS = {
    "application": Application,
    "membership": PanelMembership,
    "comment": PolicyComment,
    "support": SupportRequest,
    "response": ConsultationResponse,
    "format": FormatRequest,
    "story": Story,
    "organisation": Organisation,
    "claim": ClaimRequest,
    "invitation": EditorInvitation,
    "change": ChangeRequest,
    "report": EntryReport,
    "opportunity_response": OpportunityResponse,
    "user": User,
}


def _exists(kind: str, record_id: object) -> bool:
    if kind.startswith("monitoring:"):
        subject_type = kind.split(":", 1)[1]
        return bool(
            db.session.scalar(
                select(func.count()).where(
                    MonitoringResponse.subject_type == subject_type,
                    MonitoringResponse.subject_id == str(record_id),
                )
            )
        )
    return db.session.get(MODELS[kind], record_id) is not None


def _published_counts(person: Person) -> tuple[object, ...]:
    """What the public pages count: people per theme and responses per channel of the
    consultation's published outcome; the policy's comments by version and outcome."""
    outcome = outcome_services.get_outcome(person.consultation_id)
    themes = [(row.theme.id, row.people) for row in outcome_services.theme_rows(
        person.consultation_id, outcome
    )]  # fmt: skip
    # who_answered's raw counts (the published table suppresses these small numbers).
    channels = sorted(
        db.session.execute(
            select(ConsultationResponse.channel, func.count())
            .where(
                ConsultationResponse.consultation_id == person.consultation_id,
                ConsultationResponse.status == "submitted",
            )
            .group_by(ConsultationResponse.channel)
        )
    )
    policy = db.session.get(Policy, person.policy_id)
    comments: Counter = Counter()
    for version_id, _author, outcome_label, count in feedback.comment_counts(policy):
        comments[(version_id, outcome_label)] += count
    return themes, channels, sorted(comments.items())


def _table_sizes() -> dict[str, int]:
    models = {*MODELS.values(), MonitoringResponse, StoryReply, Answer, AnswerFile, ThemeCode}
    models |= {RoleGrant, OpportunityEmailOptIn, OutboxMessage, AuditEvent}
    return {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in models
    }


def test_erasure_removes_what_the_plan_lists_keeps_the_rest_and_published_counts(
    app: Flask, signed_in_as
):
    shared = make_shared(app)
    person = make_person(app, shared, "alpha@example.org")
    other = make_person(app, shared, "bravo@example.org")
    with app.app_context():
        request = ErasureRequestFactory(user_id=person.user_id, email=person.email)
        plan = services.plan_for(services.subject_of(request))
        listed = Counter(item.action.value for item in plan.items)
        counts_before = _published_counts(person)
        staff = admin()
    # The plan says what happens to each record.
    assert listed["delete"] >= 12 and listed["anonymise"] >= 6 and listed["keep"] >= 5

    client = signed_in_as(staff)
    page = client.get(f"/admin/erasure-requests/{request.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "It led to an appointment" in text and "flagged for safeguarding" in text
    assert person.email in text  # who asked, while it waits

    token = csrf_token(page)
    response = client.post(
        f"/admin/erasure-requests/{request.id}/carry-out", data={"csrf_token": token}
    )
    assert response.status_code == 302

    with app.app_context():
        for kind, ids in person.deleted.items():
            for record_id in ids:
                assert not _exists(kind, record_id), f"{kind} {record_id} was not erased"
        for kind, ids in person.kept.items():
            for record_id in ids:
                assert _exists(kind, record_id), f"{kind} {record_id} should have been kept"
        for kind, ids in person.anonymised.items():
            for record_id in ids:
                assert _exists(kind, record_id), f"{kind} {record_id} should stay, anonymised"
        # Anonymised records no longer name the person or hold their words.
        application = db.session.get(Application, person.anonymised["application"][0])
        assert application.user_id is None and application.email == ""
        assert application.full_name == "" and application.access_needs_other == ""
        assert application.status == "not_shortlisted"
        for comment_id in person.anonymised["comment"]:
            comment = db.session.get(PolicyComment, comment_id)
            assert comment.author_id is None and comment.text == REMOVED_TEXT
        counted = db.session.get(ConsultationResponse, person.anonymised["response"][0])
        assert counted.user_id is None and counted.email == "" and not counted.wants_outcome
        answers = db.session.scalars(select(Answer).where(Answer.response_id == counted.id))
        assert all(person.email not in str(answer.value) for answer in answers)
        assert db.session.get(ChangeRequest, person.anonymised["change"][0]).proposed_by_id is None
        assert db.session.get(EntryReport, person.anonymised["report"][0]).contact_email == ""
        opportunity = db.session.get(
            OpportunityResponse, person.anonymised["opportunity_response"][0]
        )
        assert opportunity.user_id is None
        seat = db.session.get(PanelMembership, person.kept["membership"][0])
        assert seat.user_id is None  # kept as the term record, unlinked from the account
        assert not db.session.scalar(
            select(func.count()).where(OpportunityEmailOptIn.user_id == person.user_id)
        )
        # Published counts are the same.
        assert _published_counts(person) == counts_before
        # Another person's records are all still there, theirs.
        for group in (other.deleted, other.kept, other.anonymised):
            for kind, ids in group.items():
                for record_id in ids:
                    assert _exists(kind, record_id), f"the other person's {kind} was touched"
        for comment_id in other.anonymised["comment"] + other.deleted["comment"]:
            assert db.session.get(PolicyComment, comment_id).author_id == other.user_id
        # The request is done, the person told, and it holds nothing that identifies them.
        done = db.session.get(ErasureRequest, request.id)
        assert done.status == "carried_out" and done.told_at is not None
        assert done.user_id is None and done.email == "" and done.reference == ""
        assert person.email not in str(done.record)
        message = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "erasure-carried-out")
        ).one()
        assert message.recipient == person.email
        assert "It led to an appointment" in message.body
        assert db.session.scalar(
            select(func.count()).where(AuditEvent.action == "erasure_carried_out")
        )
        sizes = _table_sizes()

    # Carrying it out again does nothing more.
    again = client.post(
        f"/admin/erasure-requests/{request.id}/carry-out", data={"csrf_token": token}
    )
    assert again.status_code == 302
    with app.app_context():
        assert _table_sizes() == sizes
    assert "already been handled" in client.get(again.location).get_data(as_text=True)
