"""Anonymised scoring by two independent reviewers, and the lead officer's moderation."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import event, select

from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.recruitment.anonymise import AnonymisedApplication, CriterionView, anonymise
from engage.recruitment.models import (
    WITHDRAWN,
    Application,
    ModeratedScore,
    RecruitmentRound,
    Review,
)
from engage.recruitment.review import moderation as moderation_services
from engage.recruitment.review import services as review_services
from tests.conftest import csrf_token, post_form
from tests.recruitment.helpers import application_id, make_round, submitted_application

# Distinctive identity and monitoring answers that must never reach a reviewer's page.
IDENTITY = {
    "full_name": "Zebedee Quillfeather",
    "email": "zebedee.quillfeather@identity.example",
    "phone": "07700 900461",
    "access_needs_other": "Needs a Zorblax reading frame",
}
MONITORING = {
    "religion": "other",
    "religion_other": "Quetzalcoatlism Reformed",
    "sexual_orientation": "other",
    "sexual_orientation_other": "Xylophonic orientation",
}
SECRET_STRINGS = [
    *IDENTITY.values(),
    "Zebedee",
    "Quillfeather",
    "Zorblax",
    "Quetzalcoatlism",
    "Xylophonic",
    "British Sign Language",  # an access need's label
]


@pytest.fixture
def scene(app, make_user):
    """A round with two criteria, three reviewers (a, b, c) and a lead officer, and one
    application carrying distinctive identity and monitoring answers."""
    people = {
        name: make_user(roles=["officer"], full_name=f"Reviewer {name.upper()}")
        for name in ("a", "b", "c", "lead")
    }
    round_id = make_round(app)
    with app.app_context():
        round_ = db.session.get(RecruitmentRound, round_id)
        round_.lead_officer_id = people["lead"].id
        round_.reviewers = [
            db.session.merge(people[name], load=False) for name in ("a", "b", "c", "lead")
        ]
        criteria = [c.id for c in round_.criteria]
        db.session.commit()
    reference = submitted_application(
        app,
        round_id,
        full_name=IDENTITY["full_name"],
        email=IDENTITY["email"],
        phone=IDENTITY["phone"],
        access_needs=["bsl"],
        access_needs_other=IDENTITY["access_needs_other"],
        answers=["I ran a tenants' group for ten years.", "To change how buses work."],
        monitoring_answers=MONITORING,
    )
    return {
        "round_id": round_id,
        "reference": reference,
        "application_id": application_id(app, reference),
        "criteria": criteria,
        "people": people,
    }


def as_user(client, user):
    """Switch the client to ``user`` (signed in, two-factor passed) in a fresh session."""
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["mfa_verified"] = True
    return client


def session_csrf(client):
    """This session's CSRF token, for posting to a page that shows no form."""
    return csrf_token(client.get("/admin/rounds/new"))


def score_url(scene, number=1):
    return f"/review/rounds/{scene['round_id']}/applications/{number}"


def scores_form(scene, scores, comment_prefix, submit=True):
    data = {}
    for criterion_id, score in zip(scene["criteria"], scores, strict=True):
        if score is not None:
            data[f"score_{criterion_id}"] = str(score)
        data[f"comment_{criterion_id}"] = f"{comment_prefix} on criterion {criterion_id}"
    data["submit_scores" if submit else "save_draft"] = "y"
    return data


def review_count(app, scene):
    with app.app_context():
        return len(
            db.session.scalars(
                select(Review).where(Review.application_id == scene["application_id"])
            ).all()
        )


def test_reviewer_sees_the_answers_but_no_identity_or_monitoring(client, scene):
    as_user(client, scene["people"]["a"])
    page = client.get(score_url(scene)).get_data(as_text=True)
    assert "Applicant 1" in page
    assert "I ran a tenants&#39; group for ten years." in page
    assert "Disabled People Panel" in page
    for secret in [*SECRET_STRINGS, scene["reference"]]:
        assert secret not in page, secret


def test_two_reviewers_score_independently(app, client, scene):
    a, b = scene["people"]["a"], scene["people"]["b"]
    as_user(client, a)
    response = post_form(client, score_url(scene), scores_form(scene, [3, 2], "ALPHA", False))
    assert response.status_code == 302
    as_user(client, b)
    page = client.get(score_url(scene)).get_data(as_text=True)
    assert "ALPHA" not in page  # a's draft is invisible

    as_user(client, a)
    response = post_form(client, score_url(scene), scores_form(scene, [3, 2], "ALPHA"))
    assert response.status_code == 302
    page = client.get(score_url(scene)).get_data(as_text=True)
    assert "You submitted these scores" in page
    assert "The other reviewer has not submitted their scores yet" in page

    as_user(client, b)
    page = client.get(score_url(scene)).get_data(as_text=True)
    assert "ALPHA" not in page  # submitted, but b has not submitted yet
    with app.app_context():  # the rule itself, not only the template
        application = db.session.get(Application, scene["application_id"])
        view = review_services.review_page(application, application.round, b.id)
        assert view.others == () and view.mine is None and view.reviews_complete == 1
    response = post_form(client, score_url(scene), scores_form(scene, [1, 2], "BRAVO"))
    assert response.status_code == 302
    page = client.get(score_url(scene)).get_data(as_text=True)
    assert "ALPHA on criterion" in page and "BRAVO on criterion" in page
    assert "Reviewer A" not in page  # reviewers stay anonymous to each other

    as_user(client, a)
    assert "BRAVO on criterion" in client.get(score_url(scene)).get_data(as_text=True)
    queue = client.get(f"/review/rounds/{scene['round_id']}").get_data(as_text=True)
    assert "2 of 2" in queue and "Submitted" in queue


def test_submitting_needs_every_score_and_comment_and_keeps_input(app, client, scene):
    as_user(client, scene["people"]["a"])
    data = scores_form(scene, [3, None], "Kept text")
    data[f"comment_{scene['criteria'][1]}"] = ""
    response = post_form(client, score_url(scene), data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Choose a score for Working with others" in page
    assert "Add a comment on Working with others" in page
    assert f'href="#score_{scene["criteria"][1]}"' in page
    assert "Kept text on criterion" in page
    with app.app_context():
        review = db.session.scalars(select(Review)).first()
        assert review is None or review.submitted_at is None


def test_a_draft_keeps_a_comment_before_its_score_is_chosen(app, client, scene):
    as_user(client, scene["people"]["a"])
    response = post_form(
        client, score_url(scene), scores_form(scene, [None, 2], "Thinking aloud", False)
    )
    assert response.status_code == 302
    page = client.get(score_url(scene)).get_data(as_text=True)
    assert f"Thinking aloud on criterion {scene['criteria'][0]}" in page
    with app.app_context():
        review = db.session.scalars(select(Review)).one()
        scores = {row.criterion_id: row.score for row in review.scores}
        assert scores == {scene["criteria"][0]: None, scene["criteria"][1]: 2}
        assert review.submitted_at is None
    # Submitting still needs every score.
    page = post_form(client, score_url(scene), scores_form(scene, [None, 2], "Now"))
    assert "Choose a score for" in page.get_data(as_text=True)


def test_submitted_scores_cannot_be_changed(app, client, scene):
    as_user(client, scene["people"]["a"])
    post_form(client, score_url(scene), scores_form(scene, [3, 2], "First"))
    page = client.get(score_url(scene))
    assert 'name="submit_scores"' not in page.get_data(as_text=True)
    response = client.post(
        score_url(scene),
        data={"csrf_token": session_csrf(client), **scores_form(scene, [0, 0], "X")},
    )
    assert response.status_code == 302
    with app.app_context():
        scores = sorted(s.score for s in db.session.scalars(select(Review)).one().scores)
    assert scores == [2, 3]


def test_a_third_reviewer_cannot_start(app, client, scene):
    for name in ("a", "b"):
        as_user(client, scene["people"][name])
        post_form(client, score_url(scene), scores_form(scene, [2, 2], name, submit=False))
    as_user(client, scene["people"]["c"])
    page = client.get(score_url(scene)).get_data(as_text=True)
    assert "Two other reviewers are already scoring Applicant 1" in page
    assert "tenants" not in page
    queue = client.get(f"/review/rounds/{scene['round_id']}").get_data(as_text=True)
    assert "Two other reviewers are scoring this" in queue
    response = client.post(
        score_url(scene),
        data={"csrf_token": session_csrf(client), **scores_form(scene, [1, 1], "C")},
    )
    assert response.status_code == 302
    assert review_count(app, scene) == 2
    with app.app_context():  # the service refuses too, whatever the page does
        application = db.session.get(Application, scene["application_id"])
        with pytest.raises(review_services.CannotReview):
            review_services.save_review(
                application,
                application.round,
                scene["people"]["c"].id,
                scores={},
                comments={},
                overall_comment="",
                submit=False,
            )
        db.session.rollback()


def test_only_the_rounds_reviewers_and_lead_get_in(app, client, scene, make_user):
    outsider = make_user(roles=["officer"])
    resident = make_user()
    round_id = scene["round_id"]
    as_user(client, outsider)
    assert client.get(f"/review/rounds/{round_id}").status_code == 403
    assert client.get(score_url(scene)).status_code == 403
    as_user(client, resident)
    assert client.get(f"/review/rounds/{round_id}").status_code == 403
    as_user(client, scene["people"]["a"])
    assert client.get(f"/review/rounds/{round_id}").status_code == 200
    assert client.get(f"/review/rounds/{round_id}/moderation").status_code == 403
    assert client.get(f"/review/rounds/{round_id}/moderation/1").status_code == 403
    assert client.get(f"/review/rounds/{round_id}/applications/99").status_code == 404
    as_user(client, scene["people"]["lead"])
    assert client.get(f"/review/rounds/{round_id}/moderation").status_code == 200


def test_withdrawn_applications_are_not_scored(app, client, scene):
    with app.app_context():
        db.session.get(Application, scene["application_id"]).status = WITHDRAWN
        db.session.commit()
    as_user(client, scene["people"]["a"])
    assert client.get(score_url(scene)).status_code == 404
    queue = client.get(f"/review/rounds/{scene['round_id']}").get_data(as_text=True)
    assert "Applicant 1" not in queue


def submit_both(client, scene, first, second):
    for name, scores in (("a", first), ("b", second)):
        as_user(client, scene["people"][name])
        response = post_form(client, score_url(scene), scores_form(scene, scores, name.upper()))
        assert response.status_code == 302


def test_lead_sees_both_flags_large_difference_and_records_agreed_scores(app, client, scene):
    moderate_url = f"/review/rounds/{scene['round_id']}/moderation/1"
    as_user(client, scene["people"]["lead"])
    assert "Waiting" in client.get(f"/review/rounds/{scene['round_id']}/moderation").text
    waiting = client.get(moderate_url).get_data(as_text=True)
    assert "0 of 2 reviews submitted" in waiting and 'name="agreed_' not in waiting

    submit_both(client, scene, [4, 2], [1, 2])  # criterion 1 differs by 3
    as_user(client, scene["people"]["lead"])
    listing = client.get(f"/review/rounds/{scene['round_id']}/moderation").get_data(as_text=True)
    assert "6 and 3" in listing and "Large difference" in listing
    page = client.get(moderate_url).get_data(as_text=True)
    assert "Reviewer A" in page and "Reviewer B" in page
    assert "A on criterion" in page and "B on criterion" in page
    first, second = scene["criteria"]
    # The note is needed where the reviewers differ a lot.
    response = post_form(client, moderate_url, {f"agreed_{first}": "3", f"agreed_{second}": "2"})
    assert "Explain the agreed score for Lived experience" in response.get_data(as_text=True)
    response = post_form(
        client,
        moderate_url,
        {f"agreed_{first}": "3", f"agreed_{second}": "2", f"note_{first}": "Met and agreed 3"},
    )
    assert response.status_code == 302
    with app.app_context():
        stored = {
            m.criterion_id: (m.score, m.note) for m in db.session.scalars(select(ModeratedScore))
        }
        assert stored == {first: (3, "Met and agreed 3"), second: (2, "")}
        assert moderation_services.moderated_total(scene["application_id"]) == 5
        assert db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "recruitment_moderation_recorded")
        ).one()
    listing = client.get(f"/review/rounds/{scene['round_id']}/moderation").get_data(as_text=True)
    assert "Large difference" in listing and ">5<" in listing


def test_no_identity_or_monitoring_on_any_reviewer_or_moderation_page(client, scene):
    submit_both(client, scene, [2, 3], [3, 3])
    as_user(client, scene["people"]["lead"])
    round_id = scene["round_id"]
    pages = [
        "/review/",
        f"/review/rounds/{round_id}",
        score_url(scene),
        f"/review/rounds/{round_id}/moderation",
        f"/review/rounds/{round_id}/moderation/1",
    ]
    for user in ("a", "lead"):
        as_user(client, scene["people"][user])
        for url in pages:
            response = client.get(url)
            if response.status_code == 403:
                continue
            html = response.get_data(as_text=True)
            assert response.status_code == 200, url
            for secret in [*SECRET_STRINGS, scene["reference"]]:
                assert secret not in html, f"{secret} on {url}"


def test_the_anonymised_view_carries_no_identity(app, scene):
    with app.app_context():
        application = db.session.get(Application, scene["application_id"])
        view = anonymise(application, application.round)
    names = {field.name for field in dataclasses.fields(AnonymisedApplication)}
    assert names == {
        "candidate_number",
        "label",
        "panels",
        "connections",
        "local_authorities",
        "availability",
        "answers",
    }
    text = repr(view)
    for secret in [*SECRET_STRINGS, scene["reference"]]:
        assert secret not in text
    assert view.label == "Applicant 1" and view.answers[0].answer.startswith("I ran")


def test_connection_and_availability_codes_all_have_reviewer_wording():
    from engage.recruitment import anonymise as anonymise_module
    from engage.recruitment.apply import services as apply_services

    assert set(apply_services.CONNECTIONS) <= set(anonymise_module.CONNECTION_LABELS)
    assert set(apply_services.AVAILABILITY) <= set(anonymise_module.AVAILABILITY_LABELS)


@pytest.mark.parametrize(
    ("first", "second", "large"),
    [
        ([3, 3], [2, 2], False),  # 1 point each, totals 2 apart
        ([3, 3], [1, 3], True),  # one criterion 2 apart
        ([4, 4, 4, 4], [3, 3, 3, 3], True),  # totals 4 apart
        ([4, 4, 4, 0], [3, 3, 3, 1], False),  # totals 2 apart
    ],
)
def test_large_difference_rule(first, second, large):
    criteria = [CriterionView(n, n, f"C{n}", "") for n in range(len(first))]

    def review(scores):
        return Review(scores=[_score(n, s) for n, s in enumerate(scores)])

    comparison = moderation_services.compare(review(first), review(second), criteria)
    assert comparison.large_difference is large


def _score(criterion_id, score):
    from engage.recruitment.models import CriterionScore

    return CriterionScore(criterion_id=criterion_id, score=score)


def test_ranked_applications_highest_moderated_total_first(app, scene, make_user):
    other = submitted_application(app, scene["round_id"], full_name="Second Person")
    third = submitted_application(app, scene["round_id"], full_name="Third Person")
    first, second = scene["criteria"]
    with app.app_context():
        for reference, (x, y) in ((other, (4, 4)), (scene["reference"], (1, 2))):
            app_id = db.session.scalar(
                select(Application.id).where(Application.reference == reference)
            )
            for criterion_id, score in ((first, x), (second, y)):
                db.session.add(
                    ModeratedScore(
                        application_id=app_id,
                        criterion_id=criterion_id,
                        score=score,
                        moderated_at=db.func.now(),
                    )
                )
        db.session.commit()
        ranked = moderation_services.ranked_applications(scene["round_id"])
        assert [(a.reference, total) for a, total in ranked] == [
            (other, 8),
            (scene["reference"], 3),
            (third, None),
        ]


def test_queue_page_queries_do_not_grow_with_applications(app, client, scene):
    def queries_for_queue():
        statements = []

        def count(*args):
            statements.append(args[2])

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", count)
        try:
            response = client.get(f"/review/rounds/{scene['round_id']}")
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert response.status_code == 200
        return len(statements)

    as_user(client, scene["people"]["a"])
    post_form(client, score_url(scene), scores_form(scene, [2, 2], "A", submit=False))
    few = queries_for_queue()
    for n in range(8):
        submitted_application(app, scene["round_id"], full_name=f"Person {n}")
    many = queries_for_queue()
    assert "Applicant 9" in client.get(f"/review/rounds/{scene['round_id']}").text
    assert many == few


def test_agreed_scores_stay_within_the_reviewers_scores_unless_explained(app, client, scene):
    """Issue 8: moderation agreed totals higher than both reviewers' totals. An agreed score
    outside the two reviewers' scores, or a total outside their totals, needs a note."""
    moderate_url = f"/review/rounds/{scene['round_id']}/moderation/1"
    first, second = scene["criteria"]
    submit_both(client, scene, [1, 2], [2, 1])  # totals 3 and 3
    as_user(client, scene["people"]["lead"])
    page = client.get(moderate_url).get_data(as_text=True)
    assert "The reviewers gave 1 and 2. Agree a score from 1 to 2" in page

    # Outside one criterion's range, no note: refused, with the message on that field.
    response = post_form(client, moderate_url, {f"agreed_{first}": "4", f"agreed_{second}": "1"})
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The agreed score for Lived experience must be between 1 and 2" in text
    assert f'href="#agreed_{first}"' in text
    # Each within its range, but a total (4) higher than both reviewers' (3): refused too.
    response = post_form(client, moderate_url, {f"agreed_{first}": "2", f"agreed_{second}": "2"})
    text = response.get_data(as_text=True)
    assert "their total, 4, is higher than the reviewers&#39; totals (both 3)" in text
    assert f'href="#note_{first}"' in text
    with app.app_context():
        assert db.session.scalars(select(ModeratedScore)).all() == []

    # Within both: saved without a note. Outside, with a reason: saved, reason kept.
    response = post_form(client, moderate_url, {f"agreed_{first}": "2", f"agreed_{second}": "1"})
    assert response.status_code == 302
    response = post_form(
        client,
        moderate_url,
        {f"agreed_{first}": "4", f"agreed_{second}": "1", f"note_{first}": "Re-read: strong."},
    )
    assert response.status_code == 302
    with app.app_context():
        assert moderation_services.moderated_total(scene["application_id"]) == 5
        assert (
            db.session.scalars(
                select(ModeratedScore.note).where(ModeratedScore.criterion_id == first)
            ).one()
            == "Re-read: strong."
        )
