"""The annual report's pages: who may open them, the year list, years that cannot be reported,
and hostile text typed by officers and residents shown back escaped on the page and valid in
the Word document."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from engage.core.audit import AuditEvent
from engage.core.dates import uk_today
from engage.core.db import db
from tests.annual_report.helpers import at, docx_text, records_of
from tests.factories.consultation_outcomes import ConsultationOutcomeFactory
from tests.factories.consultations import ConsultationFactory
from tests.factories.stories import StoryFactory

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BLNS = Path(__file__).resolve().parents[1] / "data" / "blns.json"
YEAR = 2024


@pytest.mark.parametrize(
    "url",
    ["/admin/annual-report/", f"/admin/annual-report/{YEAR}", f"/admin/annual-report/{YEAR}.docx"],
)
def test_residents_and_anonymous_users_cannot_open_it(app, client, make_user, signed_in_as, url):
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/sign-in" in anonymous.headers["Location"]
    signed_in_as(make_user())
    assert client.get(url).status_code == 403


def test_the_year_list_offers_the_years_with_records_and_the_current_one(
    app, make_user, signed_in_as
):
    with app.app_context():
        records_of(2022)
        db.session.commit()
    client = signed_in_as(make_user(roles=["officer"]))
    page = client.get("/admin/annual-report/").get_data(as_text=True)
    this_year = uk_today().year
    for year in range(2022, this_year + 1):
        assert f"/admin/annual-report/{year}" in page
        assert f"/admin/annual-report/{year}.docx" in page
    assert "/admin/annual-report/2021" not in page
    assert "calendar year" in page


def test_a_year_still_to_come_is_not_found(app, make_user, signed_in_as):
    client = signed_in_as(make_user(roles=["officer"]))
    assert client.get(f"/admin/annual-report/{uk_today().year + 1}").status_code == 404
    assert client.get("/admin/annual-report/1999.docx").status_code == 404


def test_opening_and_downloading_are_recorded_in_the_audit_log(app, make_user, signed_in_as):
    officer = make_user(roles=["officer"])
    client = signed_in_as(officer)
    client.get(f"/admin/annual-report/{YEAR}")
    client.get(f"/admin/annual-report/{YEAR}.docx")
    with app.app_context():
        events = db.session.scalars(
            db.select(AuditEvent).where(
                AuditEvent.actor_id == officer.id, AuditEvent.object_type == "equality_data"
            )
        ).all()
        assert [e.details["what"] for e in events] == [
            f"annual equality report {YEAR}",
            f"annual equality report {YEAR} (Word)",
        ]


def test_hostile_text_is_escaped_on_the_page_and_valid_in_the_document(
    app, make_user, signed_in_as
):
    # Forms refuse control characters (core/forms.py BaseForm), so none is ever stored.
    strings = [s for s in json.loads(BLNS.read_text()) if s.strip() and not CONTROL.search(s)]
    hostile = "<script>alert('x')</script> & \u202e" + " ".join(strings[:40])
    with app.app_context():
        for n, text in enumerate(strings[:60]):
            consultation = ConsultationFactory(title=text[:200] or f"x{n}", status="closed")
            ConsultationOutcomeFactory(
                consultation_id=consultation.id,
                published_at=at(YEAR, 3),
                decision=text,
                changes=hostile,
            )
        StoryFactory(
            told_at=at(YEAR),
            change="made",
            change_description=hostile,
            public_title="<b>bold</b>",
            published_at=at(YEAR),
            consent_publish=True,
        )
        db.session.commit()
    client = signed_in_as(make_user(roles=["officer"]))
    page = client.get(f"/admin/annual-report/{YEAR}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "<script>alert('x')</script>" not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in text
    assert "<b>bold</b>" not in text
    document = client.get(f"/admin/annual-report/{YEAR}.docx")
    assert document.status_code == 200
    with zipfile.ZipFile(io.BytesIO(document.data)) as archive:
        ElementTree.fromstring(archive.read("word/document.xml"))  # noqa: S314 - our own output
    words = docx_text(document.data)
    assert "<script>alert('x')</script>" in words  # as typed, as text
    assert "<b>bold</b>" in words
