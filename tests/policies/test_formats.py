"""Alternative formats of a draft and requests for support: officers upload an Easy Read
version that members of the panel download; a member asks for another format or support,
which reaches the officer as an email and a request to mark as arranged."""

from __future__ import annotations

import io

from sqlalchemy import select

from engage.core.db import db
from engage.core.email import OutboxMessage
from engage.policies.models import SupportRequest
from tests.conftest import csrf_token, post_form
from tests.panels.helpers import login

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def upload(client, admin_base: str, content: bytes, filename: str, kind: str = "easy_read"):
    url = f"{admin_base}/formats/new"
    token = csrf_token(client.get(url))
    return client.post(
        url,
        data={"csrf_token": token, "kind": kind, "file": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
    )


def test_members_download_the_easy_read_version_an_officer_uploads(app, scene):
    officer = scene["officer_client"]
    assert upload(officer, scene["admin_base"], PDF, "Bus stops (Easy Read).pdf").status_code == 302
    refused = upload(officer, scene["admin_base"], b"<html>not a pdf</html>", "fake.pdf")
    assert "is not a real PDF file" in refused.get_data(as_text=True)
    member = login(app, scene["member"])
    draft = member.get(scene["base"]).get_data(as_text=True)
    assert "Easy Read" in draft and "Bus stops (Easy Read).pdf" in draft
    download_url = next(
        part.split('"')[0]
        for part in draft.split('href="')[1:]
        if "/formats/" in part.split('"')[0]
    )
    got = member.get(download_url)
    assert got.status_code == 200 and got.data == PDF
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    outsider = login(app, scene["outsider"])
    assert outsider.get(download_url).status_code == 403


def test_a_request_for_support_reaches_the_officer(app, scene):
    member = login(app, scene["member"])
    sent = post_form(
        member,
        f"{scene['base']}/support",
        {"needs": ["bsl", "meeting"], "details": "Evenings suit me."},
    )
    assert sent.status_code == 302
    with app.app_context():
        request = db.session.scalars(select(SupportRequest)).one()
        email = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "policy-support-requested")
        ).one()
    assert email.recipient == scene["officer"].email
    assert "British Sign Language" in email.body and "Evenings suit me." in email.body
    officer = scene["officer_client"]
    page = officer.get(scene["admin_base"]).get_data(as_text=True)
    assert "British Sign Language, To give my views by phone or at a meeting" in page
    token = csrf_token(officer.get(scene["admin_base"]))
    done = officer.post(
        f"{scene['admin_base']}/support/{request.id}/done", data={"csrf_token": token}
    )
    assert done.status_code == 302
    assert "arranged" in officer.get(scene["admin_base"]).get_data(as_text=True)
    empty = post_form(member, f"{scene['base']}/support", {"details": "x"})
    assert "Select what would help you take part" in empty.get_data(as_text=True)
