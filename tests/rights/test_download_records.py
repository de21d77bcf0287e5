"""A data download contains every record about the person, and nothing about anyone else:
one record of each kind for the person, the same for another person with the same name, and
every one of the first (and none of the second) on the page and in the JSON file."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import event

from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.email import latest_message
from engage.rights.download import services
from tests.conftest import post_form
from tests.factories import (
    AnswerFactory,
    AnswerFileFactory,
    ApplicationFactory,
    ChangeRequestFactory,
    ClaimRequestFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    EditorInvitationFactory,
    EntryReportFactory,
    FormatRequestFactory,
    InterviewSlotFactory,
    InvitationFactory,
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
    StoryFactory,
    StoryReplyFactory,
    SupportRequestFactory,
    UserFactory,
)

SAME_NAME = "Sam Same"


@dataclass
class Person:
    user_id: int
    email: str
    marks: dict[str, str]  # what each record says, by kind


def make_records(app: Flask, tag: str, email: str) -> Person:
    """One record of every kind held about a person, each saying ``tag`` and its kind."""

    def mark(kind: str) -> str:
        return f"{tag}-{kind}-mark"

    with app.app_context():
        user = UserFactory(full_name=SAME_NAME, email=email)
        marks = {}
        # Recruitment: an application with the account, and one sent without signing in
        # under the same (confirmed) address; its monitoring answers; an interview.
        application = ApplicationFactory(user=user, email=email, full_name=SAME_NAME)
        application.access_needs_other = mark("access-needs")
        application.feedback = mark("feedback")
        marks["application"] = application.reference
        InterviewSlotFactory(application=application, where=mark("interview"))
        MonitoringResponseFactory(
            application=application, religion="other", religion_other=mark("religion")
        )
        no_account = ApplicationFactory(email=email.upper(), phone=mark("phone"), draft=True)
        marks["draft-application"] = no_account.reference
        # Panels: a seat.
        PanelMembershipFactory(user=user, email=email, public_name=mark("seat"))
        # Policies: a comment with the officer's response, and a request for support.
        version = PolicyVersionFactory(policy=PolicyFactory(title=mark("policy")))
        PolicyCommentFactory(
            version_id=version.id,
            author_id=user.id,
            text=mark("comment"),
            outcome="accepted",
            response=mark("response"),
        )
        SupportRequestFactory(version_id=version.id, user_id=user.id, details=mark("support"))
        # Consultations: a sent response with an answer and a file, a draft saved by email
        # without signing in, monitoring answers, and a request for another format.
        consultation = ConsultationFactory(title=mark("consultation"), status="open")
        response = ConsultationResponseFactory(consultation_id=consultation.id, user_id=user.id)
        question = QuestionFactory(kind="text", options=[], text=mark("question"))
        AnswerFactory(response_id=response.id, question_id=question.id, value=mark("answer"))
        AnswerFileFactory(response_id=response.id, filename=f"{mark('file')}.txt")
        draft = ConsultationResponseFactory(
            consultation_id=consultation.id, status="draft", submitted_at=None, email=email
        )
        AnswerFactory(response_id=draft.id, question_id=question.id, value=mark("draft-answer"))
        MonitoringResponseFactory(
            subject_type="consultation_response",
            subject_id=str(response.id),
            sex="male",
            ethnic_group="white_other",
            ethnic_group_other=mark("ethnic"),
        )
        FormatRequestFactory(
            consultation_id=consultation.id, user_id=user.id, details=mark("format")
        )
        # Stories: one told signed in, one told by email only, a reply, monitoring answers.
        story = StoryFactory(user_id=user.id, anonymous=False, what_happened=mark("story"))
        StoryReplyFactory(story_id=story.id, text=mark("reply"), sent_to=email)
        by_email = StoryFactory(anonymous=False, email=email, what_would_help=mark("story-email"))
        marks["story-reference"] = by_email.reference
        MonitoringResponseFactory(
            subject_type="story",
            subject_id=str(story.id),
            gender_identity="no",
            gender_identity_other=mark("gender"),
        )
        # Directory: an entry they edit, a claim, a change, an invitation, a report, an
        # opportunity email choice and a response to an opportunity.
        edited = OrganisationFactory(name=mark("edited-org"))
        RoleGrantFactory(
            user=user,
            role="organisation_editor",
            scope_type="organisation",
            scope_id=str(edited.id),
        )
        ClaimRequestFactory(user_id=user.id, role_at_organisation=mark("claim"))
        ChangeRequestFactory(proposed_by_id=user.id, note=mark("change"))
        EditorInvitationFactory(
            email=email, organisation_id=OrganisationFactory(name=mark("invited-org")).id
        )
        EntryReportFactory(contact_email=email, what_is_wrong=mark("report"))
        OpportunityEmailOptInFactory(
            user_id=user.id, organisation_id=OrganisationFactory(name=mark("opt-in-org")).id
        )
        OpportunityResponseFactory(
            user_id=user.id,
            opportunity_id=OpportunityFactory(title=mark("opportunity")).id,
            message=mark("opportunity-message"),
        )
        # Accounts: a staff invitation to their address.
        InvitationFactory(email=email, roles="equality_data")
        db.session.commit()
        kinds = [
            "access-needs", "feedback", "interview", "religion", "phone", "seat", "policy",
            "comment", "response", "support", "consultation", "question", "answer", "file",
            "draft-answer", "ethnic", "format", "story", "reply", "story-email", "gender",
            "edited-org", "claim", "change", "invited-org", "report", "opt-in-org",
            "opportunity", "opportunity-message",
        ]  # fmt: skip
        marks.update({kind: mark(kind) for kind in kinds})
        return Person(user.id, email, marks)


def link_for(app: Flask, email: str) -> str:
    with app.app_context():
        message = latest_message(email, services.EMAIL_KIND)
        assert message is not None, f"no data download link was sent to {email}"
        match = re.search(r"http://localhost(/your-data/\S+)", message.body)
        assert match, message.body
        return match.group(1)


def download(client, app: Flask, person: Person) -> tuple[str, str]:
    """Ask for a link as the signed-in person, open it: the page and the JSON file."""
    response = post_form(client, "/account/your-data", {})
    assert response.status_code == 302
    link = link_for(app, person.email)
    page = client.get(link)
    assert page.status_code == 200
    data = client.get(link + "/your-data.json")
    assert data.status_code == 200
    assert data.mimetype == "application/json"
    assert "attachment" in data.headers["Content-Disposition"]
    return page.get_data(as_text=True), data.get_data(as_text=True)


def test_download_has_every_record_about_the_person_and_nothing_about_anyone_else(
    app, signed_in_as
):
    person = make_records(app, "alpha", "alpha@example.org")
    other = make_records(app, "bravo", "bravo@example.org")
    with app.app_context():
        user = db.session.get(UserFactory._meta.model, person.user_id)
    page, data = download(signed_in_as(user), app, person)
    parsed = json.loads(data)
    flat = json.dumps(parsed, ensure_ascii=False)
    for kind, text in person.marks.items():
        assert text in page, f"{kind} is missing from the page"
        assert text in flat, f"{kind} is missing from the JSON"
    for kind, text in other.marks.items():
        assert text not in page, f"the other person's {kind} is on the page"
        assert text not in flat, f"the other person's {kind} is in the JSON"
    assert other.email not in page and other.email not in flat
    # Monitoring answers in words, as the person chose them, not as stored codes.
    assert "white_other" not in page and "Any other White background" in page
    assert SAME_NAME in page  # the shared name is theirs too: it is shown, once per record
    # Never secrets that prove who someone is.
    for secret in ("password", "totp", "session_token", "scrypt:"):
        assert secret not in flat.lower()
    titles = [section["section"] for section in parsed["sections"]]
    for expected in (
        "Your account",
        "Panel applications",
        "Your equality monitoring answers (applications)",
        "Panel membership",
        "Comments on draft policies",
        "Consultation responses",
        "Your equality monitoring answers (consultations)",
        "Lived-experience stories",
        "Your equality monitoring answers (stories)",
        "Directory entries you edit",
    ):
        assert expected in titles


def test_an_unconfirmed_address_does_not_bring_in_what_was_given_under_it(app):
    """Someone who registered with another person's address, and never confirmed it, gets
    only what is tied to their account."""
    person = make_records(app, "alpha", "alpha@example.org")
    with app.test_request_context():
        found = services.gather(DataSubject(user_id=None, email=None, reference=None))
        assert found == []
        unconfirmed = services.subject_of(
            type("U", (), {"id": 999_999, "email": person.email, "is_verified": False})()
        )
        assert unconfirmed.email is None
        assert services.gather(unconfirmed) == []


def count_queries(app: Flask, subject: DataSubject) -> int:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    with app.test_request_context():
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            services.gather(subject)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_gathering_makes_the_same_few_queries_however_much_is_held(app):
    person = make_records(app, "alpha", "alpha@example.org")
    subject = DataSubject(user_id=person.user_id, email=person.email)
    once = count_queries(app, subject)
    with app.app_context():
        user = db.session.get(UserFactory._meta.model, person.user_id)
        for n in range(3):
            application = ApplicationFactory(user=user, email=person.email)
            MonitoringResponseFactory(application=application)
            StoryReplyFactory(story_id=StoryFactory(user_id=user.id).id, text=f"more {n}")
            PolicyCommentFactory(author_id=user.id)
            ConsultationResponseFactory(user_id=user.id)
            PanelMembershipFactory(user=user, email=person.email)
            ClaimRequestFactory(user_id=user.id)
    assert count_queries(app, subject) == once
    assert once <= 45


def test_consultation_answers_are_shown_as_the_person_gave_them():
    from engage.consultations.personal_data import answer_in_words

    assert answer_in_words({"text": "My words"}) == "My words"
    assert answer_in_words({"number": 12}) == "12"
    assert answer_in_words({"date": "2027-03-27"}) == "2027-03-27"
    assert answer_in_words({"choice": "Yes"}) == "Yes"
    assert answer_in_words({"choice": "__other__", "other": "Trams"}) == "Other: Trams"
    assert answer_in_words({"choices": ["Bus", "__other__"], "other": "Ferry"}) == [
        "Bus",
        "Other: Ferry",
    ]
    assert answer_in_words({"ranking": ["Cost", "Safety"]}) == ["1. Cost", "2. Safety"]
    assert answer_in_words({"rows": {"Buses": "Agree"}}) == ["Buses: Agree"]
    assert answer_in_words({"file": {"name": "views.txt", "key": "k", "size": 3}}) == "views.txt"
    assert answer_in_words("typed on paper") == "typed on paper"
