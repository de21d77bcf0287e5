"""The officers' list of consultations: counts only submitted responses (in SQL), filters by
status, pages, and makes the same few queries however many consultations and responses
there are."""

from __future__ import annotations

from sqlalchemy import event, insert

from engage.consultations.models import ConsultationResponse
from engage.core.db import db, utcnow
from tests.consultations.helpers import BASE
from tests.factories.consultations import ConsultationFactory


def add(app, count: int, responses: int, status: str = "draft") -> list[int]:
    with app.app_context():
        ids = [ConsultationFactory(status=status).id for _ in range(count)]
        rows = [{"consultation_id": i, "status": "submitted", "channel": "online",
                 "created_at": utcnow(), "submitted_at": utcnow()}
                for i in ids for _ in range(responses)]  # fmt: skip
        if rows:
            db.session.execute(insert(ConsultationResponse), rows)
        db.session.commit()
        return ids


def queries(app, client, url: str) -> int:
    with app.app_context():
        engine = db.engine
    seen: list[str] = []

    def count(*args: object) -> None:
        seen.append(str(args[2]))

    client.get(url)  # warm
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def test_the_list_counts_sent_responses_and_filters_by_status(app, officer):
    [draft] = add(app, 1, 0)
    [open_one] = add(app, 1, 3, status="open")
    with app.app_context():
        db.session.execute(insert(ConsultationResponse),
                           [{"consultation_id": open_one, "status": "draft",
                             "created_at": utcnow()}])  # fmt: skip
        db.session.commit()
    html = officer.get(f"{BASE}/").get_data(as_text=True)
    assert "Showing 1 to 2 of 2 consultations" in html
    row = html.split(f'/admin/consultations/{open_one}"', 1)[1].split("</tr>")[0]
    assert ">3<" in row.replace(" ", "").replace("\n", "")  # the draft response is not counted
    opened = officer.get(f"{BASE}/?status=open").get_data(as_text=True)
    assert f'/admin/consultations/{open_one}"' in opened
    assert f'/admin/consultations/{draft}"' not in opened


def test_the_list_makes_the_same_few_queries_at_two_sizes(app, officer):
    add(app, 3, 2)
    small = queries(app, officer, f"{BASE}/")
    add(app, 60, 20, status="open")
    big = queries(app, officer, f"{BASE}/")
    assert big == small, (small, big)
    assert small <= 10
    html = officer.get(f"{BASE}/?page=2").get_data(as_text=True)
    assert "govuk-pagination" in html
