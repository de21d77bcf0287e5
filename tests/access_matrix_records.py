"""Sample recruitment and panel records for the access matrix (tests/access_matrix.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.panels.models import Panel, PanelMembership
from engage.recruitment.models import (
    DRAFT,
    SUBMITTED,
    Application,
    ApplicationAnswer,
    Criterion,
    InterviewSlot,
    RecruitmentRound,
    RoundDocument,
    RoundQuestion,
)
from engage.recruitment.services import new_reference


def seed_recruitment(users: dict[str, Any]) -> dict[str, Any]:
    """A round led and reviewed by the matrix's officer, with a submitted application owned by
    the resident, and a panel the panel member sits on. Returns URL values by argument name."""
    from tests.access_matrix import OFFICER, PANEL_MEMBER, RESIDENT

    today = uk_today()
    panel = db.session.scalars(select(Panel).where(Panel.code == "disabled-people")).one()
    round_ = RecruitmentRound(
        title="Matrix round",
        summary="A round for the access matrix",
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=21),
        places=3,
        lead_officer_id=users[OFFICER].id,
    )
    round_.panels.append(panel)
    round_.reviewers.append(users[OFFICER])
    criterion = Criterion(title="Lived experience", description="Evidence of it", position=1)
    question = RoundQuestion(text="Why do you want to join?", word_limit=300, position=1)
    round_.criteria.append(criterion)
    round_.questions.append(question)
    document = RoundDocument(
        kind="easy_read",
        filename="easy-read.pdf",
        content_type="application/pdf",
        size=8,
        content=b"%PDF-1.4",
        uploaded_at=utcnow(),
    )
    round_.documents.append(document)
    db.session.add(round_)
    db.session.flush()
    resident = users[RESIDENT]
    application = Application(
        round_id=round_.id,
        reference=new_reference(),
        candidate_number=1,
        user_id=resident.id,
        status=SUBMITTED,
        full_name=resident.full_name,
        email=resident.email,
        submitted_at=utcnow(),
        declaration_accepted_at=utcnow(),
        connections=["live"],
        availability=["evening", "online"],
    )
    application.answers.append(ApplicationAnswer(question_id=question.id, text="Because."))
    db.session.add(application)
    db.session.flush()
    # A draft beside the sent application, so the form pages of an unfinished one are visited.
    draft = Application(
        round_id=round_.id,
        reference=new_reference(),
        candidate_number=2,
        user_id=resident.id,
        status=DRAFT,
        connections=[],
        availability=[],
        access_needs=[],
        completed_sections=[],
    )
    db.session.add(draft)
    slot = InterviewSlot(
        round_id=round_.id, starts_at=utcnow() + timedelta(days=30), minutes=45, where="Online"
    )
    db.session.add(slot)
    member = users[PANEL_MEMBER]
    membership = PanelMembership(
        panel_id=panel.id,
        user_id=member.id,
        email=member.email,
        role="member",
        term_start=today - timedelta(days=30),
        term_end=today + timedelta(days=700),
        listed_publicly=True,
        public_name=member.full_name,
    )
    db.session.add(membership)
    db.session.flush()
    return {
        "round_id": round_.id,
        "criterion_id": criterion.id,
        "question_id": question.id,
        "document_id": document.id,
        "reference": application.reference,
        "draft_reference": draft.reference,
        "candidate_number": application.candidate_number,
        "slot_id": slot.id,
        "panel_code": panel.code,
        "membership_id": membership.id,
    }


def seed_policies(users: dict[str, Any]) -> dict[str, Any]:
    """A draft policy with two versions (so they can be compared), the second open to the
    panel member's panel, with a comment of theirs."""
    from engage.policies import comments
    from engage.policies.api import PolicyDetails, add_version, create_policy
    from engage.policies.document_text import blocks_from_text, number_blocks
    from engage.policies.models import PolicyVersion
    from tests.access_matrix import OFFICER, PANEL_MEMBER

    officer = users[OFFICER]
    policy = create_policy(
        PolicyDetails("Matrix policy", "A policy for the access matrix", "Matrix team", []),
        officer,
    )
    for text in ("# Scope\nEveryone.", "# Scope\nEveryone in the city region.\n# Review"):
        add_version(
            policy,
            number_blocks(blocks_from_text(text)),
            change_note="",
            source="pasted",
            filename="",
            created_by=officer,
        )
    version = db.session.scalars(
        select(PolicyVersion).where(PolicyVersion.policy_id == policy.id, PolicyVersion.number == 2)
    ).one()
    panel = db.session.scalars(select(Panel).where(Panel.code == "disabled-people")).one()
    from engage.policies import demo_assessments

    demo_assessments.assess(version, demo_assessments.PROCUREMENT, "Go ahead.", publish=True)
    comments.open_version(version, [panel.id], uk_today() + timedelta(days=14))
    comment = comments.add_comment(version, users[PANEL_MEMBER], "Say more.", name_shown=True)
    policy.public_summary, policy.summary_published_at = "The panel asked for more.", utcnow()
    from engage.policies import formats
    from engage.policies.models import ImpactAssessment, SupportRequest, VersionDocument

    formats.add_document(version, "easy_read", "easy-read.pdf", b"%PDF-1.4 sample")
    formats.ask_for_support(version, users[PANEL_MEMBER], ["bsl"], "An interpreter, please.")
    format_id = db.session.scalars(select(VersionDocument.id)).first()
    request_id = db.session.scalars(select(SupportRequest.id)).first()
    return {
        "policy_id": policy.id,
        "version_number": 2,
        "comment_id": comment.id,
        "extension": "csv",
        "format_id": format_id,
        "request_id": request_id,
        "characteristic": "disability",
        "assessment_id": db.session.scalars(select(ImpactAssessment.id)).one(),
    }


def seed_directory(users: dict[str, Any]) -> dict[str, Any]:
    """A listed organisation with a service, edited by the resident and a co-editor, with the
    co-editor's changes waiting for review and the panel member asking an officer to make
    them an editor."""
    from engage.directory import claims, editing
    from tests.access_matrix import PANEL_MEMBER, RESIDENT
    from tests.factories import UserFactory
    from tests.factories.directory import OrganisationFactory

    organisation = OrganisationFactory(
        name="Matrix Community Group", communities=["carers"], services=[("Drop-in", "advice")]
    )
    organisation = db.session.merge(organisation)
    claims.claim_by_officer(organisation, users[PANEL_MEMBER], "Treasurer")
    editor = users[RESIDENT]
    from engage.accounts.api import grant_role

    grant_role(editor, "organisation_editor", scope_type="organisation", scope_id=organisation.id)
    values = {**editing.entry_values(organisation), "description": "Now with a Friday club."}
    # Sent by a co-editor: the resident's own proposals (the hostile-input test sends many
    # through the services pages) replace theirs, and the officer's review of this one must
    # stay open for the other tests.
    co_editor = UserFactory(email="co-editor@matrix.example")
    grant_role(co_editor, "organisation_editor", scope_type="organisation",
               scope_id=organisation.id)  # fmt: skip
    change = editing.propose_change(organisation, co_editor, values, "")
    claim = claims.open_claim(organisation.id, users[PANEL_MEMBER].id)
    from engage.directory import reports
    from engage.directory.models import EntryReport

    reports.report_entry(organisation, "It has moved.", "")
    db.session.flush()
    report_id = db.session.scalar(select(EntryReport.id))
    return {
        "organisation_id": organisation.id,
        "change_id": change.id,
        "claim_id": claim.id,
        "editor_invitation_id": _seed_editor_invitation(users, organisation.id),
        "report_id": report_id,
        "import_id": _seed_import(users),
        "opportunity_id": _seed_opportunity(users, organisation.id),
        **_seed_oruk(organisation),
    }


def _seed_oruk(organisation: Any) -> dict[str, Any]:
    """The Open Referral UK API's ids: the sample organisation's service, run at a venue, and
    a taxonomy and term."""
    from engage.directory.taxonomy import COMMUNITIES, term_uuid
    from tests.factories.directory import LocationFactory, ServiceAtLocationFactory

    service = organisation.services[0]
    place = LocationFactory(organisation_id=organisation.id, latitude=53.39, longitude=-2.96)
    link = ServiceAtLocationFactory(service_id=service.id, location_id=place.id)
    return {
        "service_uuid": service.uuid,
        "organization_uuid": organisation.uuid,
        "service_at_location_uuid": link.uuid,
        # The editors' pages name a service and a venue by key (its UUID).
        "service_key": service.uuid,
        "venue_key": place.uuid,
        "taxonomy_uuid": COMMUNITIES.id,
        "taxonomy_term_uuid": term_uuid(COMMUNITIES.key, "carers"),
    }


def _seed_editor_invitation(users: dict[str, Any], organisation_id: int) -> int:
    """An officer's invitation to edit the sample organisation, not yet accepted."""
    from tests.access_matrix import OFFICER
    from tests.factories.directory import EditorInvitationFactory

    return EditorInvitationFactory(
        organisation_id=organisation_id, invited_by_id=users[OFFICER].id
    ).id


def _seed_import(users: dict[str, Any]) -> int:
    """An Open Referral UK file the officer uploaded, waiting to be imported."""
    from tests.access_matrix import OFFICER
    from tests.factories.directory import DirectoryImportFactory

    return DirectoryImportFactory(officer_id=users[OFFICER].id).id


def _seed_opportunity(users: dict[str, Any], organisation_id: int) -> int:
    """A published commissioning opportunity, open, with the resident's organisation's
    registered interest."""
    from tests.access_matrix import RESIDENT
    from tests.factories.opportunities import OpportunityFactory, OpportunityResponseFactory

    opportunity = OpportunityFactory(title="Matrix opportunity", communities=["carers"])
    OpportunityResponseFactory(
        opportunity_id=opportunity.id, organisation_id=organisation_id,
        user_id=users[RESIDENT].id,
    )  # fmt: skip
    return opportunity.id


def seed_consultations(users: dict[str, Any]) -> dict[str, Any]:
    """A draft consultation with two pages, a single-choice question on the first and a route
    from its "No" to the end: every builder page's arguments."""
    from tests.access_matrix import OFFICER
    from tests.factories.consultations import (
        ConsultationFactory,
        PageRouteFactory,
        QuestionFactory,
        QuestionPageFactory,
    )

    consultation = ConsultationFactory(title="Matrix consultation", created_by_id=users[OFFICER].id)
    first = QuestionPageFactory(consultation_id=consultation.id, position=1)
    QuestionPageFactory(consultation_id=consultation.id, position=2)
    question = QuestionFactory(page_id=first.id, position=1)
    route = PageRouteFactory(question_id=question.id, page_id=first.id, answer="No")
    from tests.factories.consultation_materials import (
        ConsultationDocumentFactory,
        ConsultationEventFactory,
    )

    document = ConsultationDocumentFactory(consultation_id=consultation.id)
    event = ConsultationEventFactory(consultation_id=consultation.id)
    return {
        "consultation_id": consultation.id,
        "consultation_document_id": document.id,
        "consultation_event_id": event.id,
        "page_id": first.id,
        "consultation_question_id": question.id,
        "route_id": route.id,
    }


def seed_theme_coding(records: dict[str, Any]) -> dict[str, Any]:
    """Theme coding of the sample consultation: a long-answer question after the first
    page's question (nobody has answered, so the builder stays unlocked) and a theme."""
    from tests.factories.consultations import QuestionFactory
    from tests.factories.themes import CodeframeFactory, ThemeFactory

    question = QuestionFactory(
        page_id=records["page_id"], position=2, kind="long_text", options=[],
        text="What would make the bus better for you?",
    )  # fmt: skip
    frame = CodeframeFactory(owner_id=records["consultation_id"])
    theme = ThemeFactory(codeframe_id=frame.id, label="Matrix theme", position=1)
    return {"text_question_id": question.id, "theme_id": theme.id}


def seed_consultation_answering(records: dict[str, Any], users: dict[str, Any]) -> dict[str, Any]:
    """The sample consultation opened to answers (so its public pages show), with a paper
    response an officer has started typing in, a request for another format and a published
    outcome."""
    from engage.consultations.models import Consultation
    from engage.core.db import db
    from tests.access_matrix import OFFICER
    from tests.factories.consultation_answers import FormatRequestFactory
    from tests.factories.consultations import ConsultationResponseFactory

    consultation = db.session.get(Consultation, records["consultation_id"])
    consultation.status = "open"
    db.session.commit()
    entered = ConsultationResponseFactory(
        consultation_id=consultation.id, channel="paper", status="draft", submitted_at=None,
        entered_by_id=users[OFFICER].id,
    )  # fmt: skip
    request = FormatRequestFactory(consultation_id=consultation.id)
    # Its "we asked, you said, we did" is public (published earlier, as if reopened), so
    # the public page answers; officers' outcome pages send them back while it is open.
    from engage.core.db import utcnow
    from tests.factories.consultation_outcomes import ConsultationOutcomeFactory

    ConsultationOutcomeFactory(consultation_id=consultation.id, published_at=utcnow())
    return {"entered_response_id": entered.id, "format_request_id": request.id}


def seed_stories(users: dict[str, Any]) -> dict[str, Any]:
    """A story the resident told with their contact details, agreeing to everything, that an
    officer has published (so the public story page answers), and a safeguarding phrase."""
    from engage.core.db import utcnow
    from tests.access_matrix import RESIDENT
    from tests.factories.stories import SafeguardingPhraseFactory, StoryFactory

    story = StoryFactory(
        user_id=users[RESIDENT].id, anonymous=False, name="Matrix Resident",
        email=users[RESIDENT].email, consent_quote=True, consent_publish=True,
        consent_contact=True, public_title="The lift was broken",
        public_text="The lift at the station was broken for a week.",
        public_response="We asked for signs to be put up.", published_at=utcnow(),
        checks_ticked=["names", "dates", "places", "details", "safe"],
    )  # fmt: skip
    phrase = SafeguardingPhraseFactory(phrase="matrix danger")
    # A theme of the stories codeframe (triage's theme pages).
    from engage.stories import stages
    from tests.factories.themes import CodeframeFactory, ThemeFactory

    frame = CodeframeFactory(
        owner_type=stages.CODEFRAME_OWNER[0], owner_id=stages.CODEFRAME_OWNER[1]
    )
    story_theme = ThemeFactory(codeframe_id=frame.id, label="Matrix story theme", position=1)
    return {
        "story_id": story.id,
        "safeguarding_phrase_id": phrase.id,
        "story_theme_id": story_theme.id,
    }


def seed_erasure() -> dict[str, Any]:
    """A waiting erasure request from a person of its own (an administrator's POST in the
    matrix carries it out, which must not erase the matrix's own users)."""
    from tests.factories import ErasureRequestFactory, UserFactory

    asker = UserFactory(email="erasure@matrix.example")
    return {"erasure_request_id": ErasureRequestFactory(user_id=asker.id, email=asker.email).id}


def seed_answer_files(users: dict[str, Any]) -> dict[str, Any]:
    """A closed consultation of its own that someone has answered, with a file uploaded to
    its file question in the sent response: the officers' file pages' arguments."""
    from tests.access_matrix import OFFICER
    from tests.factories import (
        AnswerFactory,
        AnswerFileFactory,
        ConsultationFactory,
        ConsultationResponseFactory,
        QuestionFactory,
        QuestionPageFactory,
    )

    consultation = ConsultationFactory(
        title="Answered matrix consultation", status="closed", created_by_id=users[OFFICER].id
    )
    page = QuestionPageFactory(consultation_id=consultation.id, position=1)
    question = QuestionFactory(page_id=page.id, kind="file", options=[], text="Your evidence")
    response = ConsultationResponseFactory(consultation_id=consultation.id)
    stored = AnswerFileFactory(response_id=response.id, question_id=question.id)
    file = {"name": stored.filename, "key": stored.key, "size": stored.size}
    AnswerFactory(response_id=response.id, question_id=question.id, value={"file": file})
    return {"consultation_id": consultation.id, "file_question_id": question.id,
            "file_key": stored.key}  # fmt: skip
