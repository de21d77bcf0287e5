"""Records of every kind about a person, for the erasure tests: which the plan must delete,
which it must anonymise and which it must keep, by kind and id."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from flask import Flask

from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from tests.factories import (
    AnswerFactory,
    ApplicationFactory,
    ChangeRequestFactory,
    ClaimRequestFactory,
    ConsultationFactory,
    ConsultationOutcomeFactory,
    ConsultationResponseFactory,
    EditorInvitationFactory,
    EntryReportFactory,
    FormatRequestFactory,
    MonitoringResponseFactory,
    OpportunityEmailOptInFactory,
    OpportunityFactory,
    OpportunityResponseFactory,
    OrganisationFactory,
    PanelMembershipFactory,
    PolicyCommentFactory,
    PolicyFactory,
    PolicyVersionFactory,
    QuestionFactory,
    RoleGrantFactory,
    RoundFactory,
    StoryFactory,
    StoryReplyFactory,
    SupportRequestFactory,
    UserFactory,
)
from tests.factories.themes import CodeframeFactory, ThemeFactory, code


@dataclass
class Person:
    user_id: int
    email: str
    # kind -> ids
    deleted: dict[str, list[int]] = field(default_factory=dict)
    anonymised: dict[str, list[int]] = field(default_factory=dict)
    kept: dict[str, list[int]] = field(default_factory=dict)
    # Published things to count before and after.
    consultation_id: int = 0
    policy_id: int = 0
    organisation_id: int = 0


@dataclass
class Shared:
    """What both people's records hang on: a consultation with a published outcome, and a
    draft policy with a published summary."""

    consultation_id: int
    question_id: int
    theme_id: int
    version_id: int
    policy_id: int


def make_shared(app: Flask) -> Shared:
    with app.app_context():
        consultation = ConsultationFactory(title="Evening buses", status="closed")
        question = QuestionFactory(kind="long_text", options=[], text="What would help?")
        theme = ThemeFactory(
            codeframe_id=CodeframeFactory(owner_id=consultation.id).id, label="Later buses"
        )
        ConsultationOutcomeFactory(consultation_id=consultation.id, published_at=utcnow())
        policy = PolicyFactory(title="Accessible stations", summary_published_at=utcnow())
        version = PolicyVersionFactory(policy=policy)
        return Shared(consultation.id, question.id, theme.id, version.id, policy.id)


def make_person(app: Flask, shared: Shared, email: str) -> Person:
    """A resident with one record of every kind the erasure plan handles."""
    with app.app_context():
        user = UserFactory(email=email)
        person = Person(user.id, email)
        person.consultation_id, person.policy_id = shared.consultation_id, shared.policy_id
        deleted, anonymised, kept = person.deleted, person.anonymised, person.kept

        # Recruitment: a draft (account), a sent one in a live round (by email, no account),
        # an unsuccessful one in a finished round: deleted with monitoring answers. An
        # appointed one with its past seat: kept.
        draft = ApplicationFactory(user=user, email=email, draft=True)
        live = ApplicationFactory(email=email.upper())
        unsuccessful = ApplicationFactory(user=user, email=email, status="not_appointed")
        deleted["application"] = [draft.id, live.id, unsuccessful.id]
        deleted["monitoring:panel_application"] = [
            MonitoringResponseFactory(application=draft).subject_id,
            MonitoringResponseFactory(application=unsuccessful).subject_id,
        ]
        finished = ApplicationFactory(
            user=user, email=email, status="not_shortlisted", round=RoundFactory(finished=True),
            access_needs_other=f"{email} needs",
        )  # fmt: skip
        anonymised["application"] = [finished.id]
        kept["monitoring:panel_application"] = [
            MonitoringResponseFactory(application=finished).subject_id
        ]
        appointed = ApplicationFactory(user=user, email=email, status="appointed")
        kept["application"] = [appointed.id]
        kept["monitoring:panel_application"].append(
            MonitoringResponseFactory(application=appointed).subject_id
        )
        seat = PanelMembershipFactory(
            user=user,
            email=email,
            application_id=appointed.id,
            term_start=uk_today() - timedelta(days=800),
            term_end=uk_today() - timedelta(days=70),
        )
        kept["membership"] = [seat.id]

        # Policies: an unanswered comment on an unpublished policy (deleted), an answered
        # one (anonymised), one counted in a published summary (anonymised); support.
        quiet = PolicyVersionFactory(policy=PolicyFactory(title="Parking"))
        deleted["comment"] = [
            PolicyCommentFactory(version_id=quiet.id, author_id=user.id, text=f"{email} plain").id
        ]
        anonymised["comment"] = [
            PolicyCommentFactory(
                version_id=quiet.id, author_id=user.id, text=f"{email} answered",
                outcome="accepted", response="We changed paragraph 2.",
            ).id,
            PolicyCommentFactory(
                version_id=shared.version_id, author_id=user.id, text=f"{email} published"
            ).id,
        ]  # fmt: skip
        deleted["support"] = [SupportRequestFactory(version_id=quiet.id, user_id=user.id).id]

        # Consultations: a sent response counted in the published outcome, with a coded text
        # answer and monitoring answers (anonymised); a response to an unpublished one and a
        # draft saved by email (deleted); a request for another format (deleted).
        counted = ConsultationResponseFactory(
            consultation_id=shared.consultation_id, user_id=user.id, email=email,
            wants_outcome=True,
        )  # fmt: skip
        answer = AnswerFactory(
            response_id=counted.id, question_id=shared.question_id,
            value={"text": f"{email} wants the 10A later"},
        )  # fmt: skip
        code(shared.theme_id, answer.id)
        MonitoringResponseFactory(subject_type="consultation_response", subject_id=str(counted.id))
        anonymised["response"] = [counted.id]
        kept["monitoring:consultation_response"] = [str(counted.id)]
        other = ConsultationFactory(title="Ferry fares", status="closed")
        unpublished = ConsultationResponseFactory(consultation_id=other.id, user_id=user.id)
        AnswerFactory(response_id=unpublished.id, value={"text": f"{email} ferries"})
        MonitoringResponseFactory(
            subject_type="consultation_response", subject_id=str(unpublished.id)
        )
        saved = ConsultationResponseFactory(
            consultation_id=other.id, status="draft", submitted_at=None, email=email
        )
        deleted["response"] = [unpublished.id, saved.id]
        deleted["monitoring:consultation_response"] = [str(unpublished.id)]
        deleted["format"] = [FormatRequestFactory(consultation_id=other.id, user_id=user.id).id]

        # Stories: told signed in (with a reply and monitoring answers), published and told
        # by email (deleted); one flagged for safeguarding (kept).
        story = StoryFactory(user_id=user.id, anonymous=False, what_happened=f"{email} lift")
        StoryReplyFactory(story_id=story.id, sent_to=email)
        MonitoringResponseFactory(subject_type="story", subject_id=str(story.id))
        published = StoryFactory(
            anonymous=False, email=email, published_at=utcnow(), public_title="The lift"
        )
        deleted["story"] = [story.id, published.id]
        deleted["monitoring:story"] = [str(story.id)]
        kept["story"] = [StoryFactory(user_id=user.id, safeguarding=True).id]

        # Directory: an entry they edit (kept) and their role (removed), a claim, an
        # invitation, an opt-in (deleted); a change, a report and an opportunity response
        # (anonymised).
        organisation = OrganisationFactory()
        person.organisation_id = organisation.id
        RoleGrantFactory(
            user=user, role="organisation_editor", scope_type="organisation",
            scope_id=str(organisation.id),
        )  # fmt: skip
        kept["organisation"] = [organisation.id]
        deleted["claim"] = [ClaimRequestFactory(user_id=user.id).id]
        deleted["invitation"] = [EditorInvitationFactory(email=email).id]
        OpportunityEmailOptInFactory(user_id=user.id, organisation_id=organisation.id)
        anonymised["change"] = [ChangeRequestFactory(proposed_by_id=user.id).id]
        anonymised["report"] = [EntryReportFactory(contact_email=email).id]
        anonymised["opportunity_response"] = [
            OpportunityResponseFactory(
                user_id=user.id, organisation_id=organisation.id,
                opportunity_id=OpportunityFactory().id,
            ).id
        ]  # fmt: skip
        deleted["user"] = [user.id]
        db.session.commit()
        return person
