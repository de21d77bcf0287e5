"""The results exports: the answers (one row per sent response, text as typed and made safe
for spreadsheets, no monitoring and no email address) and the counts (suppressed as the page
shows them), as CSV and XLSX, each recorded in the audit log."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import select

from engage.consultations.results.counts import OTHER
from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.monitoring.api import QUESTIONS
from tests.consultations.results_data import full_answers, make_consultation, respond
from tests.consultations.test_results_page import DISABLED
from tests.panels.helpers import login

BASE = "/admin/consultations/{}/results"


def _made(app):
    with app.app_context():
        made = make_consultation()
        for index in range(11):
            respond(made, full_answers(choice="Yes", number=index), monitoring=DISABLED)
        respond(made, {**full_answers(text="=HYPERLINK(\"http://evil.example\")"),
                       "single_choice": {"choice": OTHER, "other": "Sometimes"},
                       "multiple_choice": {"choices": ["Taxi", OTHER], "other": "Bike"}},
                channel="paper", monitoring=DISABLED)  # fmt: skip
        respond(made, full_answers(text="A draft, not sent"), status="draft")
    return made


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def _audit(app) -> list[dict]:
    with app.app_context():
        return [
            event.details
            for event in db.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "consultation_results_exported")
            )
        ]


def test_answers_csv_one_row_per_sent_response(app, officer):
    made = _made(app)
    rows = _csv(officer.get(BASE.format(made.consultation_id) + "/answers.csv"))
    header, body = rows[0], rows[1:]
    assert len(body) == 12  # the draft is left out
    assert header[:4] == ["Response", "Came in by", "Sent on", "Where they live"]
    assert "8. Your email, if you want a reply" not in header
    assert "5. How are the stops?: Shelter" in header
    paper = next(row for row in body if row[1] == "Paper")
    assert "Other, please say: Sometimes" in paper
    assert "Taxi; Other, please say: Bike" in paper
    assert '\'=HYPERLINK("http://evil.example")' in paper  # defused, as typed after the quote
    assert "1. Price; 2. Speed; 3. Comfort" in paper
    everything = "\n".join(",".join(row) for row in rows)
    assert "@" not in everything  # no email address
    assert "A draft, not sent" not in everything
    for key in QUESTIONS:  # no monitoring column or answer
        assert key not in everything
    assert "a_lot" not in everything and "Disabled" not in everything
    assert _audit(app) == [{"what": "Answers, one row per response", "format": "csv", "rows": 12}]


def test_answers_xlsx_opens(app, officer):
    made = _made(app)
    response = officer.get(BASE.format(made.consultation_id) + "/answers.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 13
    numbers = [row[rows[0].index("6. How many trips a week?")] for row in rows[1:]]
    assert sorted(n for n in numbers if n is not None)[:3] == [0, 1, 2]


def test_counts_are_suppressed_as_on_the_page(app, officer):
    made = _made(app)
    rows = _csv(officer.get(BASE.format(made.consultation_id) + "/counts.csv"))
    assert rows[0][:5] == ["Question", "Table", "Answer", "People",
                           "Percentage of people who responded"]  # fmt: skip
    first = [row for row in rows if row[0] == "1. Do you use the bus?"]
    assert first[0][2:5] == ["Yes", "11", "91.7%"]
    assert first[2][2:5] == ["Other, please say", "fewer than 10", ""]
    assert not any(row[3] in {"1", "0"} for row in rows if row[3])  # never a small count
    assert _audit(app)[0]["format"] == "csv"


def test_counts_xlsx_for_a_monitoring_group(app, make_user):
    made = _made(app)
    analyst = login(app, make_user(roles=["officer", "equality_data"]))
    response = analyst.get(
        BASE.format(made.consultation_id) + "/counts.xlsx?group=disability:disabled"
    )
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.get_data())).active.iter_rows(values_only=True))
    assert rows[1][:2] == ("Who is counted", "Disabled people")
    assert ("1. Do you use the bus?", "Do you use the bus?", "Yes", 11) in [r[:4] for r in rows]
    # Lowest and highest answers are one person's: left out for a monitoring group.
    assert not any(row[2] == "Lowest answer" for row in rows)
    with app.app_context():
        viewed = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "equality_data_viewed")
        ).all()
    assert len(viewed) == 1
