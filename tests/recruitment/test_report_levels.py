"""Issue 16: two levels from one counting path. An equality analyst outside the round sees
exact counts and rates with intervals (restricted, on screen only, every view audited); the
round's lead and reviewers see nothing until the outcomes are sent, then the shared tables;
exports are always the shared tables."""

from __future__ import annotations

import io
import zipfile

from sqlalchemy import select

from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.fictional_data import seed_demo
from engage.recruitment.models import RecruitmentRound
from tests.recruitment.report_data import build_round, table_rows, url


def sheets_of(content: bytes) -> dict[str, bytes]:
    """The workbook's sheets, without the file's own metadata (its creation time)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")}


def test_an_analyst_outside_the_round_sees_exact_counts_rates_and_intervals(
    app, client, make_user, signed_in_as
):
    lead = make_user(roles=["officer", "equality_data"])
    analyst = make_user(roles=["officer", "equality_data"])
    with app.app_context():
        round_id = build_round(lead.id)
    signed_in_as(analyst)
    response = client.get(url(round_id, "?characteristic=sex"))
    html = response.get_data(as_text=True)
    assert "Restricted: not for publication" in html
    assert response.headers["Cache-Control"] == "no-store"
    rows = table_rows(html, "characteristic-stages")
    # 13 women applied, 10 shortlisted, 5 appointed; 10 men: 2 and 0; 2 withdrew unanswered.
    assert rows["Everyone who applied"][:2] == ["25", "12"]
    assert rows["Female"][0:2] == ["13", "10"] and rows["Female"][3] == "5"
    assert rows["Female"][2].startswith("76.9% (49.7% to 91.8%)")
    assert rows["Male"][0:2] == ["10", "2"] and rows["Male"][3] == "0"
    assert rows["Male"][2].startswith("20.0% (5.7% to 51.0%)")
    assert rows["Male"][4].startswith("0.0% (0.0% to 27.8%)")
    # Two of ten shortlisted is lower, but not clearly: no group is called lower.
    assert "Lower" not in "".join(cell for row in rows.values() for cell in row)
    assert "No group's rate is clearly lower than everyone else's." in html
    assert "fewer than 10" not in str(rows)


def test_every_restricted_view_is_audited_and_exports_stay_shared(
    app, client, make_user, signed_in_as
):
    lead = make_user(roles=["officer", "equality_data"])
    analyst = make_user(roles=["officer", "equality_data"])
    with app.app_context():
        round_id = build_round(lead.id)
    signed_in_as(analyst)
    for characteristic in ("sex", "disability", "sex"):
        assert client.get(url(round_id, f"?characteristic={characteristic}")).status_code == 200
    analyst_export = client.get(url(round_id, "/monitoring.xlsx")).data
    with app.app_context():
        views = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "equality_data_viewed")
            .order_by(AuditEvent.id)
        ).all()
    assert [(v.actor_id, v.details["level"]) for v in views[:3]] == [(analyst.id, "restricted")] * 3
    assert [v.details["characteristic"] for v in views[:3]] == ["sex", "disability", "sex"]
    assert views[3].details.get("format") == "xlsx"
    client.post("/sign-out", data={})
    with client.session_transaction() as session:
        session.clear()
    signed_in_as(lead)  # the round is finished: its lead gets the shared tables
    lead_export = client.get(url(round_id, "/monitoring.xlsx")).data
    assert sheets_of(analyst_export) == sheets_of(lead_export)
    assert b"fewer than 10" in b"".join(sheets_of(lead_export).values()) or b"fewer than 10" in (
        zipfile.ZipFile(io.BytesIO(lead_export)).read("xl/sharedStrings.xml")
    )


def test_decision_makers_see_no_figures_before_the_outcomes_are_sent(
    app, client, make_user, signed_in_as
):
    lead = make_user(roles=["officer", "equality_data"])
    with app.app_context():
        round_id = build_round(lead.id, finished=False)
    signed_in_as(lead)
    html = client.get(url(round_id, "?characteristic=sex")).get_data(as_text=True)
    assert "shows you none until the round's outcomes have been sent" in html
    assert "fewer than 10" not in html and "Female" not in html and "<table" not in html
    refused = client.get(url(round_id, "/monitoring.csv"))
    assert refused.status_code == 302 and refused.headers["Location"] == url(round_id)
    told = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "not shown to you until its outcomes have been sent" in told
    with app.app_context():
        viewed = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "equality_data_viewed")
        ).all()
    assert viewed == []  # nothing was shown, so nothing to record


def be(client, user) -> None:
    """Act as ``user`` (the demo's accounts have the demo's password, not the tests')."""
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"], session["_fresh"], session["mfa_verified"] = user.get_id(), True, True


def test_the_demo_analyst_sees_exact_figures_and_the_lead_the_shared_tables(app, client):
    with app.app_context():
        seed_demo()
        db.session.commit()
        finished = db.session.scalars(
            select(RecruitmentRound).where(RecruitmentRound.outcomes_sent_at.is_not(None))
        ).one()
        round_id = finished.id
        from engage.accounts.api import find_user_by_email

        analyst = find_user_by_email("analyst@example.org")
        lead = find_user_by_email("officer@example.org")
    be(client, analyst)
    html = client.get(url(round_id, "?characteristic=disability")).get_data(as_text=True)
    assert "Restricted: not for publication" in html
    rows = table_rows(html, "characteristic-stages")
    assert all(cell != "fewer than 10" for row in rows.values() for cell in row)
    assert "(" in rows["Everyone who applied"][2]  # a rate with its interval
    be(client, lead)
    html = client.get(url(round_id, "?characteristic=disability")).get_data(as_text=True)
    assert "These are the shared tables" in html and "Restricted" not in html
    assert "fewer than 10" in html
