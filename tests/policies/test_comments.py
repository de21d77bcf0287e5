"""Panel members commenting on a draft opened to their panel, and the officer answering every
comment: who may see and comment, names shown only where members chose, editing and
withdrawing until the closing date, outcomes with reasons, and closing as answered."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from sqlalchemy import select

from engage.core.dates import uk_today
from engage.core.db import db
from engage.panels.models import Panel
from engage.policies import comments
from engage.policies.document_text import blocks_from_docx
from engage.policies.models import PolicyComment, PolicyVersion
from tests.conftest import csrf_token, post_form
from tests.factories import PanelMembershipFactory
from tests.panels.helpers import login
from tests.policies.conftest import member_of
from tests.policies.helpers import TEXT, count_queries


def post(client, url: str, data: dict):
    """POST with the session's CSRF token, for an action that has no page of its own."""
    token = csrf_token(client.get("/applications/find"))
    return client.post(url, data={"csrf_token": token, **data})


def comment(client, base: str, text: str, paragraph: str | None = None, show: str = "no"):
    url = f"{base}/comment" + (f"?paragraph={paragraph}" if paragraph else "")
    return post_form(client, url, {"text": text, "name_shown": show})


def test_only_members_of_the_chosen_panels_and_staff_see_the_draft(app, scene, make_user):
    member = login(app, scene["member"])
    listed = member.get("/policies/").get_data(as_text=True)
    assert "Bus stops, version 1" in listed
    page = member.get(scene["base"]).get_data(as_text=True)
    assert "Comment on paragraph 1.1" in page and "Comment on heading 2" in page
    assert "Comment on the whole draft" in page
    outsider = login(app, scene["outsider"])
    assert outsider.get(scene["base"]).status_code == 403
    assert outsider.get(f"{scene['base']}/comments").status_code == 403
    assert "No drafts are open to your panels" in outsider.get("/policies/").get_data(True)
    resident = login(app, make_user())
    assert resident.get(scene["base"]).status_code == 403
    assert scene["officer_client"].get(scene["base"]).status_code == 200
    # Staff read the draft but do not comment as members.
    assert scene["officer_client"].get(f"{scene['base']}/comment").status_code == 403


def test_comments_replies_and_names_only_where_members_chose(app, scene):
    member, fellow = login(app, scene["member"]), login(app, scene["fellow"])
    sent = comment(member, scene["base"], "Say which stops come first.", paragraph="1.2")
    assert sent.status_code == 302
    assert comment(member, scene["base"], "Good overall.", show="yes").status_code == 302
    with app.app_context():
        first = db.session.scalars(select(PolicyComment).order_by(PolicyComment.id)).first()
    replied = post_form(
        fellow,
        f"{scene['base']}/comments/{first.id}/reply",
        {"text": "Agreed: start with hospitals.", "name_shown": "yes"},
    )
    assert replied.status_code == 302
    seen_by_fellow = fellow.get(f"{scene['base']}/comments").get_data(as_text=True)
    # Document order: the whole draft first, then paragraph 1.2 with its reply.
    assert seen_by_fellow.index("The whole draft") < seen_by_fellow.index("Paragraph 1.2")
    assert "Dee Member" in seen_by_fellow  # she showed her name on the whole-draft comment
    assert seen_by_fellow.count("<strong>A panel member</strong>") == 1  # not on paragraph 1.2
    assert "Fay Fellow</strong> replied" in seen_by_fellow
    assert seen_by_fellow.count("No outcome yet") == 3
    seen_by_staff = scene["officer_client"].get(f"{scene['admin_base']}/comments")
    assert "<strong>A panel member</strong>" not in seen_by_staff.get_data(as_text=True)
    draft = member.get(scene["base"]).get_data(as_text=True)
    assert "2 comments so far" in draft  # paragraph 1.2: the comment and its reply


def test_members_change_or_withdraw_their_own_comment_until_the_closing_date(app, scene):
    member, fellow = login(app, scene["member"]), login(app, scene["fellow"])
    comment(member, scene["base"], "First thoughts.", paragraph="1.1")
    with app.app_context():
        mine = db.session.scalars(select(PolicyComment)).one()
    edit = f"{scene['base']}/comments/{mine.id}/edit"
    assert fellow.get(edit).status_code == 404  # not theirs
    assert (
        post_form(member, edit, {"text": "Second thoughts.", "name_shown": "no"}).status_code == 302
    )
    with app.app_context():
        assert db.session.get(PolicyComment, mine.id).text == "Second thoughts."
    post_form(member, f"{scene['base']}/comments/{mine.id}/withdraw", {})
    page = fellow.get(f"{scene['base']}/comments").get_data(as_text=True)
    assert "Withdrawn by its author" in page and "Second thoughts." not in page
    comment(member, scene["base"], "Another.", paragraph="1.1")
    with app.app_context():
        version = db.session.get(PolicyVersion, scene["version_id"])
        version.closes_on = uk_today() - timedelta(days=1)
        db.session.commit()
        latest = db.session.scalars(select(PolicyComment).order_by(PolicyComment.id.desc())).first()
    refused = post(
        member, f"{scene['base']}/comments/{latest.id}/edit", {"text": "x", "name_shown": "no"}
    )
    assert refused.status_code == 302
    too_late = post(member, f"{scene['base']}/comment", {"text": "Too late.", "name_shown": "no"})
    assert too_late.status_code == 302
    with app.app_context():
        assert db.session.get(PolicyComment, latest.id).text == "Another."
        assert (
            db.session.scalar(select(PolicyComment.id).where(PolicyComment.text == "Too late."))
            is None
        )


def test_every_comment_is_answered_before_the_version_is_closed_as_answered(app, scene):
    member, officer = login(app, scene["member"]), scene["officer_client"]
    comment(member, scene["base"], "Add audio announcements.", paragraph="1.2")
    comment(member, scene["base"], "Review every six months.", paragraph="2.1")
    with app.app_context():
        first, second = db.session.scalars(select(PolicyComment).order_by(PolicyComment.id))
    answer = f"{scene['admin_base']}/comments/{first.id}/answer"
    missing = post_form(officer, answer, {"outcome": "not_accepted", "response": ""})
    assert "Give the reason, which the member reads" in missing.get_data(as_text=True)
    post_form(officer, answer, {"outcome": "accepted", "response": "Added to 1.2."})
    closed = post(officer, f"{scene['admin_base']}/answered", {})
    assert closed.status_code == 302
    with app.app_context():  # still open for comments: not closed
        assert db.session.get(PolicyVersion, scene["version_id"]).answered_at is None
        version = db.session.get(PolicyVersion, scene["version_id"])
        version.closes_on = uk_today() - timedelta(days=1)
        db.session.commit()
    post(officer, f"{scene['admin_base']}/answered", {})
    with app.app_context():  # one comment has no outcome
        assert db.session.get(PolicyVersion, scene["version_id"]).answered_at is None
        assert comments.unanswered_count(scene["version_id"]) == 1
    post_form(
        officer,
        f"{scene['admin_base']}/comments/{second.id}/answer",
        {"outcome": "partly_accepted", "response": "Yearly, with a mid-year check."},
    )
    post(officer, f"{scene['admin_base']}/answered", {})
    with app.app_context():
        assert db.session.get(PolicyVersion, scene["version_id"]).answered_at is not None
    seen = member.get(f"{scene['base']}/comments").get_data(as_text=True)
    assert "Accepted" in seen and "Added to 1.2." in seen
    assert "Partly accepted" in seen and "Yearly, with a mid-year check." in seen


def test_draft_and_comment_pages_make_the_same_queries_for_more_comments(app, scene):
    member = login(app, scene["member"])
    urls = [scene["base"], f"{scene['base']}/comments", "/policies/"]
    staff_urls = [f"{scene['admin_base']}/comments", scene["admin_base"]]
    comment(member, scene["base"], "One.", paragraph="1.1")
    few = [count_queries(app, member, u) for u in urls]
    staff_few = [count_queries(app, scene["officer_client"], u) for u in staff_urls]
    fellow = login(app, scene["fellow"])
    for n in range(8):
        comment(fellow if n % 2 else member, scene["base"], f"More {n}.", paragraph="1.2")
    assert [count_queries(app, member, u) for u in urls] == few
    assert [count_queries(app, scene["officer_client"], u) for u in staff_urls] == staff_few
    assert max(few + staff_few) <= 10


def test_an_accepted_comment_links_to_its_paragraph_in_the_next_version(app, scene):
    member, officer = login(app, scene["member"]), scene["officer_client"]
    comment(member, scene["base"], "Name the boroughs.", paragraph="1.2")
    with app.app_context():
        mine = db.session.scalars(select(PolicyComment)).one()
    post_form(
        officer,
        f"{scene['admin_base']}/comments/{mine.id}/answer",
        {"outcome": "accepted", "response": "Listed in 1.2."},
    )
    paste = post_form(
        officer,
        f"/admin/policies/{scene['policy_id']}/versions/new",
        {"text": TEXT.replace("every borough.", "all six boroughs."), "change_note": "Boroughs"},
    )
    assert paste.status_code == 302
    # Staff see where it went at once; members once version 2 is opened (published).
    staff = officer.get(f"{scene['admin_base']}/comments").get_data(as_text=True)
    assert "In version 2" in staff and "compare?old=1&amp;new=2#paragraph-1.2" in staff
    assert "In version 2" not in member.get(f"{scene['base']}/comments").get_data(as_text=True)
    assert member.get(f"/policies/{scene['policy_id']}/versions/2").status_code == 403
    with app.app_context():
        panel_id = db.session.scalar(select(Panel.id).where(Panel.code == "race"))
        version = db.session.scalars(select(PolicyVersion).where(PolicyVersion.number == 2)).one()
        comments.open_version(version, [panel_id], uk_today() + timedelta(days=7))
        db.session.commit()
    seen = member.get(f"{scene['base']}/comments").get_data(as_text=True)
    assert (
        f'/policies/{scene["policy_id"]}/versions/2#paragraph-1.2">Paragraph 1.2</a> changed'
        in seen
    )
    # Version 2 went to the Race Panel: Dee reads it but does not comment on it.
    draft = member.get(f"/policies/{scene['policy_id']}/versions/2").get_data(as_text=True)
    assert "all six boroughs." in draft and "Comment on paragraph" not in draft
    assert member.get(f"/policies/{scene['policy_id']}/versions/2/comment").status_code == 403


def test_officers_download_every_comment_with_its_answer(app, scene, make_user):
    member = login(app, scene["member"])
    comment(member, scene["base"], '=HYPERLINK("http://evil")', paragraph="1.1")
    comment(member, scene["base"], "On the whole: good.", show="yes")
    officer = scene["officer_client"]
    response = officer.get(f"{scene['admin_base']}/comments.csv")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["Comment", "Reply to comment", "On"]
    assert [r[2] for r in rows[1:]] == ["The whole draft", "Paragraph 1.1"]
    assert rows[2][9].startswith("'=")  # a formula is defused
    assert officer.get(f"{scene['admin_base']}/comments.xlsx").status_code == 200
    assert member.get(f"{scene['admin_base']}/comments.csv").status_code == 403


def test_you_said_we_did_for_the_panels_and_an_anonymous_summary_for_the_public(
    app, scene, make_user
):
    member, officer = login(app, scene["member"]), scene["officer_client"]
    comment(member, scene["base"], "Private-words-xyzzy about stops.", paragraph="1.2")
    comment(login(app, scene["fellow"]), scene["base"], "Shown-words.", show="yes")
    with app.app_context():
        first = db.session.scalars(select(PolicyComment).order_by(PolicyComment.id)).first()
    post_form(
        officer,
        f"{scene['admin_base']}/comments/{first.id}/answer",
        {"outcome": "not_accepted", "response": "Stops are listed elsewhere."},
    )
    url = f"/policies/{scene['policy_id']}/you-said-we-did"
    page = member.get(url).get_data(as_text=True)
    assert "Version 1 (Disabled People Panel)" in page
    assert "Private-words-xyzzy" in page and "Stops are listed elsewhere." in page
    assert "Fay Fellow" in page  # she showed her name
    outsider = login(app, scene["outsider"])
    assert outsider.get(url).status_code == 403
    public = f"/policies/{scene['policy_id']}/what-the-panels-said"
    assert app.test_client().get(public).status_code == 404  # nothing published yet
    published = post_form(
        officer,
        f"/admin/policies/{scene['policy_id']}/summary",
        {"text": "The panel asked us to list the stops."},
    )
    assert published.status_code == 302
    shown = app.test_client().get(public).get_data(as_text=True)
    assert "The panel asked us to list the stops." in shown
    assert "Private-words-xyzzy" not in shown and "Fay Fellow" not in shown
    assert "Not accepted" in shown  # the counts
    listed = app.test_client().get("/policies/what-the-panels-said").get_data(as_text=True)
    assert "Bus stops" in listed
    post_form(officer, f"/admin/policies/{scene['policy_id']}/summary", {"text": ""})
    assert app.test_client().get(public).status_code == 404


def test_the_summary_form_shows_its_errors_beside_the_counts(app, scene):
    too_long = post_form(
        scene["officer_client"],
        f"/admin/policies/{scene['policy_id']}/summary",
        {"text": "x" * 10_001},
    )
    page = too_long.get_data(as_text=True)
    assert too_long.status_code == 200 and "govuk-error-summary" in page
    assert "Comments by outcome" in page


def test_you_said_we_did_as_a_word_document_names_only_those_who_agreed(app, scene):
    member, fellow = login(app, scene["member"]), login(app, scene["fellow"])
    comment(member, scene["base"], "Hidden-name <comment> & stops.", paragraph="1.1")
    comment(fellow, scene["base"], "Shown-name comment.", show="yes")
    response = scene["officer_client"].get(
        f"/admin/policies/{scene['policy_id']}/you-said-we-did.docx"
    )
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('.docx"')
    text = [b.text for b in blocks_from_docx(response.data)]
    assert "Bus stops: you said, we did" in text
    assert "Comments by panel" in text and "Disabled People Panel" in text
    assert "Hidden-name <comment> & stops." in text and "Shown-name comment." in text
    assert "You said (A panel member):" in text and "You said (Fay Fellow):" in text
    assert "Dee Member" not in " ".join(text)
    assert (
        member.get(f"/admin/policies/{scene['policy_id']}/you-said-we-did.docx").status_code == 403
    )


def _row_total(page: str, label: str) -> int:
    """The "All" cell of the counts table's row for ``label``."""
    row = re.search(rf">{re.escape(label)}</th>(.*?)</tr>", page, re.S)
    assert row, f"no row for {label}"
    return int(re.findall(r">\s*(\d+)\s*<", row.group(1))[-1])


def test_you_said_we_did_counts_comments_by_the_panel_of_whoever_made_them(app, scene, make_user):
    with app.app_context():
        version = db.session.get(PolicyVersion, scene["version_id"])
        race = db.session.scalars(select(Panel).where(Panel.code == "race")).one()
        version.panels = [*version.panels, race]
        db.session.commit()
    both = member_of(app, make_user, "disabled-people", "Bo Both")
    with app.app_context():
        PanelMembershipFactory(panel=db.session.merge(race), user=both)
    comment(login(app, scene["member"]), scene["base"], "From the Disabled People Panel.")
    comment(login(app, scene["outsider"]), scene["base"], "From the Race Panel.")
    comment(login(app, both), scene["base"], "From both panels.")
    page = login(app, scene["member"]).get(f"/policies/{scene['policy_id']}/you-said-we-did")
    text = page.get_data(as_text=True)
    assert "Comments by outcome, for each panel" in text
    assert _row_total(text, "Disabled People Panel") == 2
    assert _row_total(text, "Race Panel") == 2
    assert _row_total(text, "Version 1 (Disabled People Panel, Race Panel)") == 3
