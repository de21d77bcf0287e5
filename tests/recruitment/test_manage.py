"""Officers running recruitment rounds: the round, its criteria, questions, documents and
reviewers."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from engage.core.audit import AuditEvent
from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.recruitment.manage import documents
from engage.recruitment.manage import services as manage_services
from engage.recruitment.models import (
    Criterion,
    RecruitmentRound,
    RoundDocument,
    RoundQuestion,
)
from engage.strategy.models import Priority
from tests.conftest import csrf_token, post_form
from tests.recruitment.helpers import (
    DISABLED_PEOPLE,
    RACE,
    ensure_reference_data,
    make_round,
    panel_id,
    start,
    submitted_application,
)

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def officer(app, make_user, signed_in_as):
    ensure_reference_data(app)
    user = make_user(roles=["officer"], full_name="Olu Officer")
    signed_in_as(user)
    return user


def actions(app):
    with app.app_context():
        return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


OPENS = uk_today() + timedelta(days=30)
CLOSES = OPENS + timedelta(days=29)


def date_parts(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def round_form(app, lead_id, **overrides):
    with app.app_context():
        priority = db.session.scalars(select(Priority.id).order_by(Priority.id)).first()
    return {
        "title": "Panels recruitment autumn 2026",
        "summary": "Join a panel.",
        "opens_on": date_parts(OPENS),
        "closes_on": date_parts(CLOSES),
        "places": "8",
        "panels": [str(panel_id(app, DISABLED_PEOPLE)), str(panel_id(app, RACE))],
        "lead_officer_id": str(lead_id),
        "priorities": [str(priority)],
        **overrides,
    }


def test_people_who_are_not_officers_cannot_manage_rounds(app, client, make_user, signed_in_as):
    round_id = make_round(app)
    assert client.get("/admin/rounds/").headers["Location"].startswith("/sign-in")
    signed_in_as(make_user())
    for url in ("/admin/rounds/", "/admin/rounds/new", f"/admin/rounds/{round_id}"):
        assert client.get(url).status_code == 403, url
    assert client.get(f"/admin/rounds/{round_id}/edit").status_code == 403


def test_officer_creates_a_round_and_errors_keep_what_was_typed(app, client, officer):
    bad = round_form(
        app,
        officer.id,
        title="My <b>round</b>",
        closes_on=date_parts(OPENS - timedelta(days=1)),
        places="eight",
        panels=[],
        lead_officer_id="",
    )
    response = post_form(client, "/admin/rounds/new", bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in page
    for message in (
        "Closing date must be after the opening date",
        "Number of places must be a whole number, like 8",
        "Select at least one panel",
        "Choose the lead officer",
    ):
        assert message in page, message
    assert 'value="My &lt;b&gt;round&lt;/b&gt;"' in page and 'value="eight"' in page
    assert 'href="#closes_on"' in page

    response = post_form(client, "/admin/rounds/new", round_form(app, officer.id))
    assert response.status_code == 302
    with app.app_context():
        round_ = db.session.scalars(select(RecruitmentRound)).one()
        assert response.headers["Location"] == f"/admin/rounds/{round_.id}"
        assert round_.places == 8 and round_.closes_on == CLOSES
        assert sorted(p.code for p in round_.panels) == [DISABLED_PEOPLE, RACE]
        assert round_.lead_officer_id == officer.id
        assert [u.id for u in round_.reviewers] == [officer.id]  # the lead always reviews
        assert len(round_.priorities) == 1
        round_id = round_.id
    assert "recruitment_round_created" in actions(app)
    page = client.get(f"/admin/rounds/{round_id}").get_data(as_text=True)
    assert "Add at least one assessment criterion before the round opens" in page
    assert "Olu Officer" in page and "Race Panel" in page


def test_a_title_or_summary_of_only_spaces_is_missing_not_saved_empty(app, client, officer):
    form = round_form(app, officer.id, title="   ", summary=" \n\t ")
    page = post_form(client, "/admin/rounds/new", form).get_data(as_text=True)
    assert "Enter a title for the round" in page and "Enter a summary of the round" in page
    with app.app_context():
        assert db.session.scalars(select(RecruitmentRound)).first() is None


def test_officer_edits_a_round(app, client, officer):
    round_id = make_round(app, title="Old title", lead_officer_id=officer.id)
    url = f"/admin/rounds/{round_id}/edit"
    assert 'value="Old title"' in client.get(url).get_data(as_text=True)
    response = post_form(client, url, round_form(app, officer.id, title="New title", places="3"))
    assert response.status_code == 302
    with app.app_context():
        round_ = db.session.get(RecruitmentRound, round_id)
        assert (round_.title, round_.places) == ("New title", 3)
    assert "recruitment_round_edited" in actions(app)


def test_round_list_shows_status_and_counts_without_a_query_per_round(app, client, officer):
    first = make_round(app, title="First round")
    submitted_application(app, first)
    submitted_application(app, first)
    submitted_application(app, first, status="withdrawn")

    def count_queries():
        statements = []
        with app.app_context():
            engine = db.engine
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            page = client.get("/admin/rounds/")
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(statements), page.get_data(as_text=True)

    few, page = count_queries()
    assert "First round" in page and "Open for applications" in page
    # Counted as the fairness report counts "Applied": sent, withdrawn ones included.
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3 (1 withdrawn)</td>' in page
    for n in range(6):
        submitted_application(app, make_round(app, title=f"Round {n}"))
    many, page = count_queries()
    assert "Round 5" in page
    assert many == few


def test_criteria_are_added_reordered_removed_and_locked_once_anyone_applies(app, client, officer):
    round_id = make_round(app, criteria=[], lead_officer_id=officer.id)
    base = f"/admin/rounds/{round_id}/criteria"
    for title in ("Listening", "Lived experience"):
        response = post_form(
            client, f"{base}/new", {"title": title, "description": f"About {title}"}
        )
        assert response.status_code == 302
    response = post_form(client, f"{base}/new", {"title": "", "description": ""})
    assert "Enter the criterion" in response.get_data(as_text=True)
    with app.app_context():
        ids = {c.title: c.id for c in db.session.scalars(select(Criterion))}
    # Move "Lived experience" first.
    post_form(
        client,
        f"{base}/{ids['Lived experience']}",
        {"title": "Lived experience", "description": "Own life", "position": "1"},
    )
    with app.app_context():
        round_ = db.session.get(RecruitmentRound, round_id)
        assert [(c.position, c.title) for c in round_.criteria] == [
            (1, "Lived experience"),
            (2, "Listening"),
        ]
    page = client.get(f"/admin/rounds/{round_id}")
    response = client.post(
        f"{base}/{ids['Listening']}/remove", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 302
    with app.app_context():
        assert [c.title for c in db.session.get(RecruitmentRound, round_id).criteria] == [
            "Lived experience"
        ]
    # Once anyone starts applying, the criteria are fixed, as the questions are: before any
    # review, and even while the only application is a draft.
    reference = start(app.test_client(), round_id)
    with app.app_context():
        application = db.session.get(RecruitmentRound, round_id).applications[0]
        assert application.reference == reference and application.status == "draft"
    response = client.get(f"{base}/new")
    assert response.status_code == 302
    page = client.get(f"/admin/rounds/{round_id}").get_data(as_text=True)
    assert "The criteria cannot be changed because people have started applying" in page
    assert "People have started applying, so the criteria can no longer change" in page
    assert f"{base}/{ids['Lived experience']}/remove" not in page
    token = csrf_token(client.get(f"/admin/rounds/{round_id}/documents/new"))
    for url, data in (
        (f"{base}/{ids['Lived experience']}/remove", {}),
        (f"{base}/{ids['Lived experience']}", {"title": "Changed", "description": "Changed"}),
        (f"{base}/new", {"title": "Late", "description": "Added late"}),
    ):
        response = client.post(url, data={"csrf_token": token, **data})
        assert response.status_code == 302, url
    with app.app_context():
        criteria = db.session.get(RecruitmentRound, round_id).criteria
        assert [(c.title, c.description) for c in criteria] == [("Lived experience", "Own life")]
        with pytest.raises(manage_services.Locked):
            manage_services.remove_criterion(criteria[0].round, criteria[0])
    assert actions(app).count("recruitment_criterion_added") == 2
    assert actions(app).count("recruitment_criterion_removed") == 1


def test_questions_have_a_word_limit_between_50_and_1000(app, client, officer):
    round_id = make_round(app, questions=[], lead_officer_id=officer.id)
    url = f"/admin/rounds/{round_id}/questions/new"
    response = post_form(client, url, {"text": "Why join?", "word_limit": "20"})
    assert "Word limit must be between 50 and 1000" in response.get_data(as_text=True)
    response = post_form(client, url, {"text": "Why join?", "hint": "Say why", "word_limit": "250"})
    assert response.status_code == 302
    with app.app_context():
        question = db.session.scalars(select(RoundQuestion)).one()
        assert (question.text, question.hint, question.word_limit) == ("Why join?", "Say why", 250)
    # Once anyone applies, the questions are fixed.
    submitted_application(app, round_id)
    assert client.get(url).status_code == 302
    with app.app_context(), pytest.raises(manage_services.Locked):
        round_ = db.session.get(RecruitmentRound, round_id)
        manage_services.save_question(
            round_, None, text="Late", hint="", word_limit=100, position=None
        )


def upload(client, round_id, filename, content, kind="information_pack"):
    url = f"/admin/rounds/{round_id}/documents/new"
    page = client.get(url)
    return client.post(
        url,
        data={
            "csrf_token": csrf_token(page),
            "kind": kind,
            "file": (io.BytesIO(content), filename),
        },
        content_type="multipart/form-data",
    )


def test_officer_uploads_downloads_and_deletes_documents(app, client, officer):
    round_id = make_round(app, lead_officer_id=officer.id)
    response = upload(client, round_id, "Information pack.pdf", PDF)
    assert response.status_code == 302
    response = upload(client, round_id, "Easy read.pdf", PDF, kind="easy_read")
    assert response.status_code == 302
    with app.app_context():
        documents = db.session.scalars(select(RoundDocument).order_by(RoundDocument.id)).all()
        assert [(d.kind, d.filename, d.size) for d in documents] == [
            ("information_pack", "Information pack.pdf", len(PDF)),
            ("easy_read", "Easy read.pdf", len(PDF)),
        ]
        document_id = documents[0].id
    page = client.get(f"/admin/rounds/{round_id}").get_data(as_text=True)
    assert "Easy Read information pack" in page and "Information pack.pdf" in page
    download = client.get(f"/admin/rounds/{round_id}/documents/{document_id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.mimetype == "application/pdf"
    assert "attachment" in download.headers["Content-Disposition"]
    assert client.get(f"/admin/rounds/{round_id + 1}/documents/{document_id}").status_code == 404

    response = client.post(
        f"/admin/rounds/{round_id}/documents/{document_id}/delete",
        data={"csrf_token": csrf_token(client.get(f"/admin/rounds/{round_id}"))},
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(db.func.count(RoundDocument.id))) == 1
    assert {"recruitment_document_uploaded", "recruitment_document_deleted"} <= set(actions(app))


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("pack.html", b"<html></html>", "The selected file must be a PDF, DOCX, ODT, RTF or TXT"),
        ("pack.pdf", b"<html>not a pdf</html>", "The selected file is not a real PDF file"),
        ("pack.pdf", b"", "The selected file is empty"),
        (
            "big.pdf",
            b"%PDF-" + b"0" * (10 * 1024 * 1024),
            "The selected file must be smaller than 10MB",
        ),
    ],
)
def test_documents_of_the_wrong_kind_or_size_are_refused(
    app, client, officer, filename, content, message
):
    round_id = make_round(app, lead_officer_id=officer.id)
    response = upload(client, round_id, filename, content)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page and 'href="#file"' in page
    with app.app_context():
        assert db.session.scalar(select(db.func.count(RoundDocument.id))) == 0


def test_clean_filename_drops_folders_and_unsafe_characters():
    assert documents.clean_filename("C:\\Users\\me\\Pack.PDF") == "Pack.pdf"
    assert documents.clean_filename('a"b\r\n<c>.txt') == "a b c.txt"
    assert documents.clean_filename(".pdf") == "document.pdf"


def test_reviewers_are_officers_and_the_lead_is_always_one(app, client, officer, make_user):
    other = make_user(roles=["officer"], full_name="Rae Reviewer")
    resident = make_user(full_name="Not Staff")
    round_id = make_round(app)
    with app.app_context():
        db.session.get(RecruitmentRound, round_id).lead_officer_id = officer.id
        db.session.commit()
    url = f"/admin/rounds/{round_id}/reviewers"
    page = client.get(url).get_data(as_text=True)
    assert "Rae Reviewer" in page and "Not Staff" not in page
    response = post_form(client, url, {"reviewers": [str(other.id)]})
    assert response.status_code == 302
    with app.app_context():
        reviewers = {u.id for u in db.session.get(RecruitmentRound, round_id).reviewers}
    assert reviewers == {other.id, officer.id}
    response = post_form(client, url, {"reviewers": [str(resident.id)]})
    assert "Select reviewers from the list" in response.get_data(as_text=True)
    assert "recruitment_reviewers_changed" in actions(app)


def test_round_page_links_to_scoring_for_its_reviewers(app, client, officer):
    round_id = make_round(app)
    page = client.get(f"/admin/rounds/{round_id}").get_data(as_text=True)
    assert "Only this round's reviewers and lead officer can score" in page
    with app.app_context():
        db.session.get(RecruitmentRound, round_id).lead_officer_id = officer.id
        db.session.commit()
    page = client.get(f"/admin/rounds/{round_id}").get_data(as_text=True)
    assert f"/review/rounds/{round_id}" in page
    assert f"/review/rounds/{round_id}/moderation" in page
    assert client.get(f"/admin/rounds/{round_id + 99}").status_code == 404


def round_state(app, round_id):
    with app.app_context():
        round_ = db.session.get(RecruitmentRound, round_id)
        return (
            round_.title,
            round_.lead_officer_id,
            sorted(user.id for user in round_.reviewers),
            [c.title for c in round_.criteria],
            [q.text for q in round_.questions],
            len(round_.documents),
        )


def test_an_officer_outside_a_round_cannot_make_themselves_its_lead_or_a_reviewer(
    app, client, make_user, signed_in_as
):
    """Issue 8: any officer could post lead_officer_id=self to the edit page, or tick
    themselves on the reviewers page, and then read applicants' names on the decisions
    pages. Only the round's lead officer, or an admin, may change a round (GET and POST)."""
    ensure_reference_data(app)
    lead = make_user(roles=["officer"], full_name="Lee Lead")
    outsider = make_user(roles=["officer"], full_name="Otto Outsider")
    round_id = make_round(app, lead_officer_id=lead.id)
    submitted_application(app, round_id, full_name="Private Person")
    before = round_state(app, round_id)
    base = f"/admin/rounds/{round_id}"
    signed_in_as(outsider)

    token = csrf_token(client.get("/admin/rounds/new"))
    edit = client.post(
        f"{base}/edit", data={"csrf_token": token, **round_form(app, outsider.id, title="Mine")}
    )
    assert edit.status_code == 403
    tick = client.post(
        f"{base}/reviewers",
        data={"csrf_token": token, "reviewers": [str(outsider.id), str(lead.id)]},
    )
    assert tick.status_code == 403
    assert round_state(app, round_id) == before
    # So the decisions pages, which name applicants, stay closed to them.
    assert client.get(f"/admin/decisions/rounds/{round_id}").status_code == 403
    assert client.get(f"{base}/edit").status_code == 403
    assert client.get(f"{base}/reviewers").status_code == 403
    # They may see the round's page, without the links to change it.
    page = client.get(base).get_data(as_text=True)
    assert "Private Person" not in page
    assert "Only this round's lead officer, Lee Lead, or an admin can change it" in page
    for link in ("/edit", "/reviewers", "/criteria/new", "/questions/new", "/documents/new"):
        assert f'href="{base}{link}' not in page, link


def test_the_lead_hands_over_and_then_cannot_take_the_round_back(
    app, client, make_user, signed_in_as
):
    ensure_reference_data(app)
    lead = make_user(roles=["officer"], full_name="Lee Lead")
    successor = make_user(roles=["officer"], full_name="Sol Successor")
    admin = make_user(roles=["admin", "officer"], full_name="Ada Admin")
    round_id = make_round(app, lead_officer_id=lead.id)
    url = f"/admin/rounds/{round_id}/edit"
    signed_in_as(lead)
    token = csrf_token(client.get("/admin/rounds/new"))
    response = client.post(url, data={"csrf_token": token, **round_form(app, successor.id)})
    assert response.status_code == 302
    assert round_state(app, round_id)[1:3] == (successor.id, sorted([lead.id, successor.id]))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sol Successor now leads this round" in page

    # The former lead is refused now, on a replayed form.
    response = client.post(url, data={"csrf_token": token, **round_form(app, lead.id)})
    assert response.status_code == 403
    assert round_state(app, round_id)[1] == successor.id

    # An admin may change any round, and hand it back.
    client.post("/sign-out", data={"csrf_token": token})
    signed_in_as(admin)
    response = post_form(client, url, round_form(app, lead.id))
    assert response.status_code == 302
    assert round_state(app, round_id)[1] == lead.id


def test_a_new_round_is_led_by_the_officer_who_creates_it_unless_they_choose(app, client, officer):
    page = client.get("/admin/rounds/new").get_data(as_text=True)
    assert f'<option selected value="{officer.id}">' in page or (
        f'value="{officer.id}" selected' in page
    )


def test_documents_of_a_round_not_yet_open_are_for_officers_only(app, client, officer):
    """Issue 8: the applicant-facing download served a round's papers before it opened."""
    opens = uk_today() + timedelta(days=3)
    round_id = make_round(
        app,
        opens_on=opens,
        closes_on=opens + timedelta(days=30),
        document=("Pack.pdf", "application/pdf", PDF),
        lead_officer_id=officer.id,
    )
    with app.app_context():
        document_id = db.session.get(RecruitmentRound, round_id).documents[0].id
    public = f"/recruitment/{round_id}/documents/{document_id}"
    anonymous = app.test_client()
    assert anonymous.get(public).status_code == 404
    assert client.get(public).status_code == 404  # signed in makes no difference there
    officers = client.get(f"/admin/rounds/{round_id}/documents/{document_id}")
    assert officers.status_code == 200 and officers.data == PDF
    with app.app_context():
        db.session.get(RecruitmentRound, round_id).opens_on = uk_today()
        db.session.commit()
    response = anonymous.get(public)
    assert response.status_code == 200 and response.data == PDF


def test_text_documents_are_served_with_one_charset(app, client, officer):
    """Issue 8: .txt downloads said charset=utf-8 twice. Old uploads stored the charset in
    the content type; they are served with one too."""
    round_id = make_round(app, lead_officer_id=officer.id)
    assert upload(client, round_id, "Plain.txt", "Café pack".encode()).status_code == 302
    with app.app_context():
        old = RoundDocument(
            round_id=round_id,
            kind="large_print",
            filename="Old.txt",
            content_type="text/plain; charset=utf-8",
            size=3,
            content=b"old",
            uploaded_at=utcnow(),
        )
        db.session.add(old)
        db.session.commit()
        ids = [d.id for d in db.session.scalars(select(RoundDocument).order_by(RoundDocument.id))]
    for document_id in ids:
        for url in (
            f"/recruitment/{round_id}/documents/{document_id}",
            f"/admin/rounds/{round_id}/documents/{document_id}",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.headers["Content-Type"] == "text/plain; charset=utf-8", url


@pytest.mark.parametrize(
    "invisible",
    [
        "\u200e",
        "\u200f",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u061c",
        "\u200b",
        "\u200c",
        "\u200d",
        "\u2060",
        "\ufeff",
    ],
)
def test_invisible_and_direction_characters_are_taken_out_of_file_names(invisible):
    """Issue 8: a right-to-left override made 'pack<RLO>fdp.txt' show as 'packtxt.pdf'."""
    assert documents.clean_filename(f"pack{invisible}fdp.txt") == "packfdp.txt"
    assert documents.clean_filename(f"{invisible}Pack{invisible}.pdf{invisible}") == "Pack.pdf"


def test_an_uploaded_name_with_a_right_to_left_override_is_stored_without_it(app, client, officer):
    round_id = make_round(app, lead_officer_id=officer.id)
    response = upload(client, round_id, "Pack\u202efdp.txt", b"plain text")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(RoundDocument.filename)).one() == "Packfdp.txt"
    page = client.get(f"/admin/rounds/{round_id}").get_data(as_text=True)
    assert "\u202e" not in page and "Packfdp.txt" in page
