"""Equality Impact Assessments: an officer assesses each characteristic of a version before it
opens, the assessment is fixed once the panels see it, members comment on each section, the
officer answers those comments like any other, the next version starts from a copy, and a
complete assessment can be published and found by strategy objective."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from engage.core.dates import uk_today
from engage.core.db import db
from engage.panels.models import Panel
from engage.policies import assessments, demo_assessments
from engage.policies.api import PolicyDetails, add_version, create_policy
from engage.policies.document_text import blocks_from_text, number_blocks
from engage.policies.models import ImpactAssessment, PolicyComment, PolicyVersion
from engage.policies.stages import CHARACTERISTICS
from engage.strategy.api import current_priority_ids
from tests.conftest import csrf_token, post_form
from tests.panels.helpers import login
from tests.policies.conftest import member_of
from tests.policies.helpers import TEXT, count_queries
from tests.recruitment.helpers import ensure_reference_data


def post(client, url: str, data: dict | None = None):
    token = csrf_token(client.get("/applications/find"))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def _version(app, policy_id: int, number: int) -> PolicyVersion:
    with app.app_context():
        return db.session.scalars(
            select(PolicyVersion).where(
                PolicyVersion.policy_id == policy_id, PolicyVersion.number == number
            )
        ).one()


@pytest.fixture
def prepared(app, make_user):
    """A policy tagged to priority EO2.3 whose version 1 is being prepared (not opened)."""
    ensure_reference_data(app)
    officer = make_user(roles=["officer"], full_name="Olu Officer")
    with app.app_context():
        details = PolicyDetails("Buying fairly", "Spending.", "Commercial", [])
        details.priority_ids.extend(current_priority_ids(["EO2.3"]))
        policy = create_policy(details, officer)
        add_version(
            policy, number_blocks(blocks_from_text(TEXT)), change_note="", source="pasted",
            filename="", created_by=officer,
        )  # fmt: skip
        db.session.commit()
        policy_id = policy.id
    return {
        "officer": login(app, officer),
        "officer_user": officer,
        "policy_id": policy_id,
        "admin": f"/admin/policies/{policy_id}/versions/1/impact-assessment",
        "base": f"/policies/{policy_id}/versions/1",
        "member": member_of(app, make_user, "disabled-people", "Dee Member"),
        "outsider": member_of(app, make_user, "race", "Ray Race"),
    }


def _open(app, client, policy_id: int, number: int = 1):
    with app.app_context():
        panel_id = db.session.scalar(select(Panel.id).where(Panel.code == "disabled-people"))
    closes = uk_today() + timedelta(days=14)
    response = post_form(
        client,
        f"/admin/policies/{policy_id}/versions/{number}/open",
        {
            "panels": [str(panel_id)],
            "closes_on": [str(closes.day), str(closes.month), str(closes.year)],
        },
    )
    assert response.status_code == 302


def _complete(app, policy_id: int, number: int = 1) -> None:
    version = _version(app, policy_id, number)
    with app.app_context():
        version = db.session.merge(version)
        demo_assessments.assess(version, demo_assessments.PROCUREMENT, "Go ahead.")
        db.session.commit()


def test_an_officer_assesses_each_characteristic_and_the_conclusion(app, prepared):
    officer, admin = prepared["officer"], prepared["admin"]
    first = officer.get(admin).get_data(as_text=True)
    assert "Start the impact assessment" in first
    assert post(officer, f"{admin}/start").status_code == 302
    page = officer.get(admin).get_data(as_text=True)
    assert "0 of 11 sections assessed" in page
    for label in CHARACTERISTICS.values():
        assert f">{label}</h2>" in page
    assert 'Assess<span class="govuk-visually-hidden"> the impact on socio-economic status' in page
    # A negative impact needs what will be done about it; the answers are kept.
    refused = post_form(
        officer,
        f"{admin}/disability",
        {"impact": "negative", "evidence": "Steps at <b>the</b> door.", "mitigation": ""},
    )
    assert refused.status_code == 200
    shown = refused.get_data(as_text=True)
    assert 'href="#mitigation"' in shown
    assert "Say what will be done to remove or reduce the negative impact" in shown
    assert "Steps at &lt;b&gt;the&lt;/b&gt; door." in shown
    assert re.search(r'value="negative"\s+checked|checked[^>]*value="negative"', shown)
    saved = post_form(
        officer,
        f"{admin}/disability",
        {"impact": "negative", "evidence": "Steps at <b>the</b> door.", "mitigation": "A ramp."},
    )
    assert saved.status_code == 302
    assert post_form(officer, f"{admin}/conclusion", {"text": ""}).status_code == 200
    assert post_form(officer, f"{admin}/conclusion", {"text": "Go ahead."}).status_code == 302
    page = officer.get(admin).get_data(as_text=True)
    assert "1 of 11 sections assessed, and the conclusion written" in page
    assert "Steps at &lt;b&gt;the&lt;/b&gt; door." in page and "A ramp." in page
    assert officer.get(f"{admin}/not-a-characteristic").status_code == 404
    # Not complete: it cannot be published yet.
    assert post(officer, f"{admin}/publish", {"publish": "yes"}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(ImpactAssessment.published_at)) is None


def test_the_assessment_is_fixed_once_its_version_is_open(app, prepared):
    officer, admin = prepared["officer"], prepared["admin"]
    _complete(app, prepared["policy_id"])
    _open(app, officer, prepared["policy_id"])
    refused = officer.get(f"{admin}/disability", follow_redirects=True).get_data(as_text=True)
    assert "cannot be changed once its version has been opened" in refused
    posted = post(officer, f"{admin}/disability", {"impact": "positive", "evidence": "New."})
    assert posted.status_code == 302
    with app.app_context():
        assessment = db.session.scalars(select(ImpactAssessment)).one()
        assert assessments.section_of(assessment, "disability").evidence != "New."
    page = officer.get(admin).get_data(as_text=True)
    assert "can no longer be changed" in page and "Change<span" not in page


def test_an_open_version_cannot_be_given_an_assessment(app, prepared):
    officer, admin = prepared["officer"], prepared["admin"]
    warned = officer.get(f"/admin/policies/{prepared['policy_id']}/versions/1/open")
    assert "has no Equality Impact Assessment" in warned.get_data(as_text=True)
    _open(app, officer, prepared["policy_id"])
    assert "cannot have one now" in officer.get(admin).get_data(as_text=True)
    post(officer, f"{admin}/start")
    with app.app_context():
        assert db.session.scalar(select(ImpactAssessment.id)) is None


def test_members_read_and_comment_on_each_section_and_the_officer_answers(app, prepared):
    officer = prepared["officer"]
    _complete(app, prepared["policy_id"])
    _open(app, officer, prepared["policy_id"])
    member = login(app, prepared["member"])
    base = prepared["base"]
    draft = member.get(base).get_data(as_text=True)
    assert "Read the Equality Impact Assessment and comment on it" in draft
    page = member.get(f"{base}/impact-assessment").get_data(as_text=True)
    assert "Comment on the impact assessment for disability" in page
    assert "Comment on the impact assessment for carers" in page
    assert login(app, prepared["outsider"]).get(f"{base}/impact-assessment").status_code == 403
    assert app.test_client().get(f"{base}/impact-assessment").status_code == 302  # sign in
    form = member.get(f"{base}/comment?section=disability").get_data(as_text=True)
    assert "Comment on the impact assessment for disability" in form
    assert "Suppliers&#39; equality policies" in form  # the section's evidence, quoted
    sent = post_form(
        member,
        f"{base}/comment?section=disability",
        {"text": "What about deaf staff?", "name_shown": "no"},
    )
    assert sent.status_code == 302
    post_form(member, f"{base}/comment?paragraph=1.1", {"text": "Fine.", "name_shown": "no"})
    assert member.get(f"{base}/comment?section=nothing").status_code == 404
    listed = member.get(f"{base}/comments").get_data(as_text=True)
    # Document order: paragraphs before the impact assessment.
    assert listed.index("Paragraph 1.1") < listed.index("Impact assessment: Disability")
    assert "1 comment so far" in member.get(f"{base}/impact-assessment").get_data(True)
    with app.app_context():
        on_section = db.session.scalars(
            select(PolicyComment).where(PolicyComment.section_id.is_not(None))
        ).one()
    admin_base = f"/admin/policies/{prepared['policy_id']}/versions/1"
    answer = officer.get(f"{admin_base}/comments/{on_section.id}/answer").get_data(True)
    assert "On the impact assessment for disability" in answer
    answered = post_form(
        officer,
        f"{admin_base}/comments/{on_section.id}/answer",
        {"outcome": "accepted", "response": "Added to version 2."},
    )
    assert answered.status_code == 302
    exported = officer.get(f"{admin_base}/comments.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(exported.lstrip("\ufeff"))))
    assert (rows[-1][2], rows[-1][10]) == ("Impact assessment: Disability", "Accepted")
    said = member.get(f"/policies/{prepared['policy_id']}/you-said-we-did").get_data(True)
    assert "Version 1, the impact assessment for disability" in said


def test_a_members_page_of_the_assessment_makes_few_queries(app, prepared):
    _complete(app, prepared["policy_id"])
    _open(app, prepared["officer"], prepared["policy_id"])
    member = login(app, prepared["member"])
    assert count_queries(app, member, f"{prepared['base']}/impact-assessment") <= 10


def test_the_next_version_starts_from_a_copy_of_the_last_assessment(app, prepared):
    officer, policy_id = prepared["officer"], prepared["policy_id"]
    _complete(app, policy_id)
    _open(app, officer, policy_id)
    with app.app_context():
        policy_version = _version(app, policy_id, 1)
        policy = db.session.merge(policy_version).policy
        add_version(
            policy, number_blocks(blocks_from_text(TEXT + "\nMore.")), change_note="More",
            source="pasted", filename="", created_by=prepared["officer_user"],
        )  # fmt: skip
        db.session.commit()
    admin2 = f"/admin/policies/{policy_id}/versions/2/impact-assessment"
    started = post(officer, f"{admin2}/start")
    assert started.status_code == 302
    page = officer.get(admin2).get_data(as_text=True)
    assert "Started from version 1" in page
    assert "11 of 11 sections assessed" in page
    with app.app_context():
        found = db.session.scalars(select(ImpactAssessment).order_by(ImpactAssessment.id)).all()
        assert len(found) == 2
        assert [s.evidence for s in found[0].sections] == [s.evidence for s in found[1].sections]
        assert found[1].published_at is None


def test_a_complete_assessment_is_published_and_found_by_objective(app, prepared):
    officer, admin = prepared["officer"], prepared["admin"]
    _complete(app, prepared["policy_id"])
    public = app.test_client()
    with app.app_context():
        assessment_id = db.session.scalar(select(ImpactAssessment.id))
    assert public.get(f"/policies/equality-impact-assessments/{assessment_id}").status_code == 404
    assert post(officer, f"{admin}/publish", {"publish": "yes"}).status_code == 302
    shown = public.get(f"/policies/equality-impact-assessments/{assessment_id}")
    text = shown.get_data(as_text=True)
    assert shown.status_code == 200
    assert "Buying fairly, version 1" in text and "Small local firms" in text
    assert "Everyone who uses a bus" not in text  # the draft itself stays with the panels
    listed = public.get("/policies/equality-impact-assessments").get_data(as_text=True)
    assert "Buying fairly, version 1" in listed and "Strategy objectives: EO2" in listed
    by_eo2 = public.get("/policies/equality-impact-assessments?objective=EO2").get_data(True)
    assert "Buying fairly, version 1" in by_eo2 and "1 assessment for EO2" in by_eo2
    by_eo1 = public.get("/policies/equality-impact-assessments?objective=EO1").get_data(True)
    assert "Buying fairly" not in by_eo1
    assert "No assessments for this objective have been published yet." in by_eo1
    # An unknown objective is ignored rather than an error.
    unknown = public.get("/policies/equality-impact-assessments?objective=%3Cx%3E")
    assert unknown.status_code == 200 and "Buying fairly" in unknown.get_data(True)
    assert post(officer, f"{admin}/publish", {"publish": "no"}).status_code == 302
    assert public.get(f"/policies/equality-impact-assessments/{assessment_id}").status_code == 404


def test_a_members_comment_on_a_section_is_refused_for_another_panel(app, prepared):
    _complete(app, prepared["policy_id"])
    _open(app, prepared["officer"], prepared["policy_id"])
    outsider = login(app, prepared["outsider"])
    url = f"{prepared['base']}/comment?section=disability"
    assert outsider.get(url).status_code == 403
    assert post(outsider, url, {"text": "Hi", "name_shown": "no"}).status_code == 403
