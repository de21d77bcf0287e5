"""The stories download: CSV and XLSX open, one row per story not withdrawn, what the person
wrote only with their consent to be quoted, contact details only with consent to be
contacted, safeguarding stories only for safeguarding officers, and every download audited."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import select

from engage.core.audit import AuditEvent
from engage.core.db import db, utcnow
from engage.stories import stages
from tests.stories.reports_helpers import URL, officer, stories, theme_ids

CONTACT = {"anonymous": False, "name": "Ada Quernby", "email": "ada.q@example.org",
           "phone": "0151 496 0000"}  # fmt: skip


def _made(app) -> None:
    transport, housing = theme_ids(app, "Transport", "Housing")
    stories(app, 1, themed=[transport, housing], consent_quote=True, consent_contact=True,
            what_happened="Quotable words about the lift.", reference="LE-QUOTE1",
            **CONTACT)  # fmt: skip
    stories(app, 1, consent_quote=False, consent_contact=False, reference="LE-SILENT",
            what_happened="Words not to be quoted.", **CONTACT)  # fmt: skip
    stories(app, 1, reference="LE-GONE01", withdrawn_at=utcnow(), consent_quote=True)
    stories(app, 1, reference="LE-SAFE01", safeguarding=True, consent_quote=True,
            what_happened="Safeguarding words.")  # fmt: skip
    stories(app, 1, reference="LE-FORMUL", consent_quote=True, what_happened="=1+2")


def _csv_rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    return list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def test_csv_rows_and_consents(app, make_user):
    _made(app)
    rows = {row["Reference"]: row for row in _csv_rows(officer(app, make_user).get(
        URL + "stories.csv"))}  # fmt: skip
    assert set(rows) == {"LE-QUOTE1", "LE-SILENT", "LE-FORMUL"}  # no withdrawn, no safeguarding
    quoted, silent = rows["LE-QUOTE1"], rows["LE-SILENT"]
    assert quoted["What happened (only if they agreed to be quoted)"] == (
        "Quotable words about the lift."
    )
    assert quoted["Email (only if they agreed to be contacted)"] == "ada.q@example.org"
    assert quoted["Name (only if they agreed to be contacted)"] == "Ada Quernby"
    assert quoted["Themes"] == "Transport; Housing"
    assert quoted["Status"] == "New" and quoted["How it came in"] == "Online, by the person"
    assert silent["What happened (only if they agreed to be quoted)"] == ""
    assert silent["Email (only if they agreed to be contacted)"] == ""
    assert silent["Phone (only if they agreed to be contacted)"] == ""
    assert "Needs safeguarding" not in quoted
    # A formula is written as text.
    assert rows["LE-FORMUL"]["What happened (only if they agreed to be quoted)"] == "'=1+2"
    with app.app_context():
        exported = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "stories_exported")
        ).one()
        assert exported.details["rows"] == 3 and exported.details["format"] == "csv"


def test_safeguarding_officers_get_safeguarding_stories(app, make_user):
    _made(app)
    client = officer(app, make_user, stages.SAFEGUARDING_ROLE)
    rows = {row["Reference"]: row for row in _csv_rows(client.get(URL + "stories.csv"))}
    assert "LE-SAFE01" in rows and "LE-GONE01" not in rows
    assert rows["LE-SAFE01"]["Needs safeguarding"] == "Yes"
    assert rows["LE-QUOTE1"]["Needs safeguarding"] == "No"
    with app.app_context():
        exported = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "stories_exported")
        ).one()
        assert exported.details["safeguarding_stories"] == 1


def test_xlsx_opens(app, make_user):
    _made(app)
    response = officer(app, make_user).get(URL + "stories.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Reference" and len(rows) == 4
    assert {row[0] for row in rows[1:]} == {"LE-QUOTE1", "LE-SILENT", "LE-FORMUL"}


def test_withdrawing_consent_to_quote_takes_the_words_out(app, make_user):
    [story_id] = stories(app, 1, consent_quote=True, what_happened="Words once quotable.")
    client = officer(app, make_user)
    [row] = _csv_rows(client.get(URL + "stories.csv"))
    assert row["What happened (only if they agreed to be quoted)"] == "Words once quotable."
    with app.app_context():
        from engage.stories.models import Story

        db.session.get(Story, story_id).consent_quote = False
        db.session.commit()
    [row] = _csv_rows(client.get(URL + "stories.csv"))
    assert row["What happened (only if they agreed to be quoted)"] == ""
    assert "Words once quotable." not in str(row)
