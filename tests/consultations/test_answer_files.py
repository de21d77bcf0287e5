"""Officers opening the files people uploaded to answer a file question: the results page
links each file question to a page listing its files from sent responses (paged), and each
file downloads exactly, as an attachment with a safe name, never cached, each download in
the audit log. Drafts, other consultations' files and unknown keys are not found; residents,
panel members and signed-out people are refused."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from markupsafe import escape
from sqlalchemy import select
from werkzeug.http import parse_options_header

from engage.consultations import answering
from engage.consultations.answer_values import Upload
from engage.consultations.models import AnswerFile, Consultation, Question, QuestionPage
from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.core.filenames import clean_filename
from tests.factories.consultation_answers import AnswerFileFactory
from tests.factories.consultations import (
    ConsultationFactory,
    ConsultationResponseFactory,
    QuestionFactory,
    QuestionPageFactory,
)
from tests.panels.helpers import add_membership, login
from tests.recruitment.helpers import ensure_reference_data

BASE = "/admin/consultations"
PDF = b"%PDF-1.4 The bus stop by my house has no shelter.\n"
BLNS = json.loads((Path(__file__).parents[1] / "data" / "blns.json").read_text())
DOWNLOADED = "consultation_answer_file_downloaded"


@dataclass
class Uploaded:
    consultation_id: int
    question_id: int  # the file question, question 2 of the consultation
    keys: list[str]  # of the sent responses' files, in the order they were sent
    draft_key: str

    @property
    def results(self) -> str:
        return f"{BASE}/{self.consultation_id}/results/"

    @property
    def files_page(self) -> str:
        return f"{BASE}/{self.consultation_id}/results/questions/{self.question_id}/files"

    def download(self, key: str) -> str:
        return f"{BASE}/{self.consultation_id}/results/files/{key}"


def _answer(consultation: Consultation, names: list[str], *, send: bool, user_id=None) -> list:
    """A response per name, each uploading a file of that name through the answering
    service (which cleans the name as a real upload's is), sent or left as a draft."""
    page = db.session.scalars(
        select(QuestionPage).where(QuestionPage.consultation_id == consultation.id)
    ).one()
    question_id = page.questions[1].id
    keys = []
    for name in names:
        response = answering.start_response(consultation, user_id=user_id)
        answering.save_page(response, page, {}, {question_id: Upload(name, PDF)})
        if send:
            answering.submit(response)
            # Equality monitoring answers: never shown beside the response's file.
            answering.save_about_you(response, "E08000012", {"sexual_orientation": "bisexual"})
        keys.append(answering.stored_answers(response)[question_id]["file"]["key"])
    db.session.commit()
    return keys


def make_uploaded(app, names: tuple[str, ...] = ("report.pdf",), user_id=None) -> Uploaded:
    """An open consultation whose second question takes a file, with a sent response for
    each name and a draft with a file of its own."""
    with app.app_context():
        consultation = ConsultationFactory(status="open")
        page = QuestionPageFactory(consultation_id=consultation.id, position=1)
        QuestionFactory(page_id=page.id, position=1, required=False)
        question = QuestionFactory(
            page_id=page.id, position=2, kind="file", options=[], required=False,
            text="Upload a photo or letter about your bus stop",
        )  # fmt: skip
        keys = _answer(consultation, list(names), send=True, user_id=user_id)
        [draft_key] = _answer(consultation, ["unsent.pdf"], send=False)
        return Uploaded(consultation.id, question.id, keys, draft_key)


@pytest.fixture
def officer_user(app, make_user):
    ensure_reference_data(app)
    return make_user(roles=["officer"])


def _events(app) -> list[AuditEvent]:
    with app.app_context():
        found = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == DOWNLOADED)))
        db.session.expunge_all()
        return found


def sent_name(response) -> str:
    """The file name a browser saves as, from the Content-Disposition header (the UTF-8
    ``filename*`` when there is one), checking it is an attachment first."""
    header = response.headers["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    header.encode("latin-1")  # a header a server can send
    kind, options = parse_options_header(header)
    assert kind == "attachment"
    return options["filename"]


def test_an_officer_downloads_exactly_the_file_and_it_is_audited(app, officer_user):
    uploaded = make_uploaded(app)
    officer = login(app, officer_user)
    response = officer.get(uploaded.download(uploaded.keys[0]))
    assert response.status_code == 200
    assert response.data == PDF
    assert response.headers["Content-Disposition"] == "attachment; filename=report.pdf"
    assert response.mimetype == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    [event] = _events(app)
    assert event.actor_id == officer_user.id
    assert (event.object_type, event.object_id) == ("consultation", str(uploaded.consultation_id))
    with app.app_context():
        [response_id] = db.session.scalars(
            select(AnswerFile.response_id).where(AnswerFile.key == uploaded.keys[0])
        )
    assert event.details == {"response": response_id, "question": 2, "size": len(PDF)}
    # Each download is recorded, not only the first.
    assert officer.get(uploaded.download(uploaded.keys[0])).status_code == 200
    assert len(_events(app)) == 2


def test_the_audit_log_says_in_words_who_opened_a_file(app, make_user, officer_user):
    uploaded = make_uploaded(app)
    login(app, officer_user).get(uploaded.download(uploaded.keys[0]))
    admin = login(app, make_user(roles=["admin"]))
    text = admin.get("/admin/audit-log").page.text
    assert "Downloaded a file someone uploaded with their response to a consultation" in text
    assert "Question: 2" in text


def test_a_draft_file_another_consultations_file_and_unknown_keys_are_not_found(app, officer_user):
    uploaded = make_uploaded(app)
    other = make_uploaded(app, ("other.pdf",))
    officer = login(app, officer_user)
    for url in (
        uploaded.download(uploaded.draft_key),  # a draft is still the person's own
        uploaded.download(other.keys[0]),  # the key is right, the consultation is not
        other.download(uploaded.keys[0]),
        uploaded.download("no-such-key"),
        uploaded.download("x" * 65),
        uploaded.download("%00"),
        f"{BASE}/999999/results/files/{uploaded.keys[0]}",
    ):
        assert officer.get(url).status_code == 404, url
    assert _events(app) == []
    # The list of files: only one of the consultation's own file questions.
    with app.app_context():
        choice_id = db.session.scalars(
            select(Question.id)
            .join(QuestionPage)
            .where(
                QuestionPage.consultation_id == uploaded.consultation_id, Question.kind != "file"
            )
        ).one()
    questions = f"{BASE}/{uploaded.consultation_id}/results/questions"
    for question_id in (other.question_id, choice_id):
        assert officer.get(f"{questions}/{question_id}/files").status_code == 404


def test_residents_panel_members_and_signed_out_people_cannot_open_the_files(
    app, client, make_user
):
    ensure_reference_data(app)
    resident = make_user()
    uploaded = make_uploaded(app, user_id=resident.id)  # even the person who sent it
    member = make_user()
    add_membership(app, user=member)
    analyst = make_user(roles=["equality_data"])
    urls = [uploaded.files_page, uploaded.download(uploaded.keys[0])]
    for user in (resident, member, analyst):
        signed_in = login(app, user)
        for url in urls:
            assert signed_in.get(url).status_code == 403, (user.email, url)
            assert signed_in.post(url).status_code in (403, 405), (user.email, url)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    assert _events(app) == []


def test_the_results_page_links_to_the_list_of_files_with_download_links(app, officer_user):
    uploaded = make_uploaded(app, ("report.pdf", "My letter.PDF"))
    officer = login(app, officer_user)
    results = officer.get(uploaded.results).page
    # Fewer than 10 responses hide the counts; the list of files is still reachable.
    assert results.links["list of the files uploaded to question 2"] == uploaded.files_page
    page = officer.get(uploaded.files_page).page
    assert page.h1 == "Files uploaded to question 2"
    assert "Question 2: Upload a photo or letter about your bus stop" in page.text
    assert "Showing 1 to 2 of 2 files" in page.text
    assert "Each download is recorded in the audit log with your name" in page.text
    rows = page.table_rows("files-caption")
    assert [row[:2] for row in rows] == [
        [rows[0][0], f"report.pdf, from {rows[0][0].lower()} ({len(PDF):,} bytes)"],
        [rows[1][0], f"My letter.pdf, from {rows[1][0].lower()} ({len(PDF):,} bytes)"],
    ]
    assert all(re.fullmatch(r"Response \d+", row[0]) for row in rows)
    hrefs = [link.get("href") for link in page.find_all("table a")]
    assert hrefs == [uploaded.download(key) for key in uploaded.keys]
    # Only sent responses: the draft's file is not listed. No monitoring answer is shown.
    assert "unsent.pdf" not in page.text
    assert "Bisexual" not in page.text and "bisexual" not in page.text
    # Filters on the results page do not reach the list: it is always everyone.
    assert officer.get(uploaded.files_page + "?group=sexual_orientation:bisexual").page.text == (
        page.text
    )


def test_a_long_list_of_files_is_paged(app, officer_user):
    uploaded = make_uploaded(app)
    with app.app_context():
        for n in range(50):
            response = ConsultationResponseFactory(consultation_id=uploaded.consultation_id)
            AnswerFileFactory(response_id=response.id, question_id=uploaded.question_id,
                              filename=f"photo-{n}.pdf")  # fmt: skip
    officer = login(app, officer_user)
    # With 10 or more responses the question's counts show, with the link beside them.
    results = officer.get(uploaded.results).page
    assert results.links["The files people uploaded to question 2"] == uploaded.files_page
    first = officer.get(uploaded.files_page).page
    assert "Showing 1 to 50 of 51 files" in first.text
    assert len(first.table_rows("files-caption")) == 50
    second = officer.get(uploaded.files_page + "?page=2").page
    assert "Showing 51 to 51 of 51 files" in second.text
    [last] = second.table_rows("files-caption")
    assert last[1].startswith("photo-49.pdf")


def test_hostile_file_names_are_shown_escaped_and_sent_with_a_safe_name(app, officer_user):
    """Every string of the Big List of Naughty Strings as the name of an uploaded file,
    stored as the answering pages store it: shown escaped, sent as an attachment whose
    header cannot be broken and whose name names no folder."""
    names = [f"{name}.txt" for name in BLNS]
    uploaded = make_uploaded(app, tuple(names))
    officer = login(app, officer_user)
    html = ""
    for number in range(1, len(names) // 50 + 2):
        html += officer.get(f"{uploaded.files_page}?page={number}").get_data(as_text=True)
    for name, key in zip(names, uploaded.keys, strict=True):
        stored = clean_filename(name)
        assert str(escape(stored)) in html, name
        response = officer.get(uploaded.download(key))
        assert response.status_code == 200, name
        assert response.data == PDF
        assert sent_name(response) == stored, name
        assert not re.search(r"[\\/\x00-\x1f]", stored), name
    assert "<script>alert(123)</script>" not in html


def test_a_stored_name_that_was_never_cleaned_is_still_sent_safely(app, officer_user):
    """Whatever wrote the name, the download cleans it again: no header injection, no
    folders."""
    uploaded = make_uploaded(app)
    hostile = {
        "../../etc/passwd": "passwd",
        'a"; filename="evil.exe': "a ; filename= evil.exe",
        "line\r\nSet-Cookie: taken=yes.txt": "line Set-Cookie taken=yes.txt",
        "\u202etxt.exe": "txt.exe",
        "réponse à la consultation.pdf": "réponse à la consultation.pdf",
    }
    keys = {}
    with app.app_context():
        for raw in hostile:
            response = ConsultationResponseFactory(consultation_id=uploaded.consultation_id)
            stored = AnswerFileFactory(
                response_id=response.id, question_id=uploaded.question_id, filename=raw
            )
            keys[raw] = stored.key
    officer = login(app, officer_user)
    for raw, safe in hostile.items():
        response = officer.get(uploaded.download(keys[raw]))
        assert response.status_code == 200, raw
        assert "Set-Cookie" not in response.headers or "taken" not in response.headers["Set-Cookie"]
        assert sent_name(response) == safe, raw
