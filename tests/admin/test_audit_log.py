"""The audit log reads as words: people by name and email, records by name with a link,
actions and details without codes; and it can be filtered by who, what and when, with paging
that keeps the filters."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime
from pathlib import Path

from engage.admin.audit_words import ACTION_WORDS
from engage.core.audit import record_event
from engage.core.db import db
from tests.conftest import post_form
from tests.factories import AuditEventFactory
from tests.page import markup_of, text_of
from tests.recruitment.helpers import make_round

ROOT = Path(__file__).resolve().parents[2]


def test_events_read_as_words(app, client, make_user, signed_in_as):
    admin = make_user(full_name="Ada Admin", email="ada@example.org", roles=["admin", "officer"])
    analyst = make_user(full_name="Nia Numbers", email="nia@example.org")
    round_id = make_round(app, title="Equality Panels: new members 2027")
    signed_in_as(admin)
    post_form(client, f"/admin/people/{analyst.id}", {"roles": ["equality_data"]})
    with app.test_request_context():
        record_event(
            "recruitment_criterion_removed",
            object_type="round_criterion",
            object_id=999,
            actor_id=admin.id,
            round_id=round_id,
        )
        record_event(
            "recruitment_document_uploaded",
            object_type="round_document",
            object_id=5,
            actor_id=admin.id,
            round_id=round_id,
            kind="easy_read",
            filename="pack.pdf",
            size=2048,
            note="",
        )
        record_event("sign_in", object_type="user", object_id=analyst.id, actor_id=analyst.id)
        db.session.commit()

    page = client.get("/admin/audit-log").page
    rows = page.table_rows("audit-caption")  # When, Who, What, Record, From

    def row(action: str) -> list[str]:
        return next(row for row in rows if row[2].startswith(action))

    granted = row("Gave someone a role")
    assert granted[1:4] == [
        "Ada Admin (ada@example.org)",
        "Gave someone a role Role: Equality data",
        "Nia Numbers (nia@example.org)",
    ]
    removed = row("Removed a scoring criterion")
    assert removed[3] == "A scoring criterion of Equality Panels: new members 2027"
    uploaded = row("Uploaded a document")
    assert "Kind of document: Easy read" in uploaded[2] and "Size: 2 KB" in uploaded[2]
    links = {link.get("href") for link in page.find_all("table tbody a")}
    assert {f"/admin/rounds/{round_id}", f"/admin/people/{analyst.id}"} <= links
    table = markup_of(page.find("table tbody"))  # no codes in the rows' words or markup
    for code in (
        "user ",
        "recruitment_round",
        "round_criterion",
        "role_granted",
        "equality_data",
        "scope",
        "; ",
        ";<",
        "None",
    ):
        assert code not in table, code
    assert not re.search(r";\s*</", table)


def recorded_actions() -> set[str]:
    """The action of every record_event call in engage/, read from the code's syntax tree:
    a string, either string of a conditional, or a module constant."""
    actions: set[str] = set()
    for path in (ROOT / "engage").rglob("*.py"):
        tree = ast.parse(path.read_text())
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "record_event"
                and node.args
            ):
                continue
            first = node.args[0]
            options = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            for option in options:
                if isinstance(option, ast.Constant):
                    actions.add(option.value)
                elif isinstance(option, ast.Name) and option.id in constants:
                    actions.add(constants[option.id])
                elif not (isinstance(option, ast.Name) and option.id == "action"):
                    raise AssertionError(f"{path}: cannot read the action {ast.dump(option)}")
    return actions


def test_every_action_the_code_records_has_words():
    """A new action without words fails here, naming it."""
    actions = recorded_actions()
    assert len(actions) > 40
    missing = sorted(actions - ACTION_WORDS.keys())
    assert missing == [], f"add words for these actions to engage/admin/audit_words.py: {missing}"


def make_events(app, actor, count: int, action: str, when: datetime) -> None:
    with app.app_context():
        AuditEventFactory.create_batch(count, actor=actor, action=action, occurred_at=when)


def test_filters_by_who_what_and_when_and_paging_keeps_them(app, client, make_user, signed_in_as):
    admin = make_user(full_name="Ada Admin", email="ada@example.org", roles=["admin", "officer"])
    sam = make_user(full_name="Sam Signer", email="sam@example.org")
    other = make_user(full_name="Olu Other", email="olu@example.org")
    make_events(app, sam, 60, "sign_in", datetime(2026, 3, 10, 12, tzinfo=UTC))
    make_events(app, sam, 3, "sign_out", datetime(2026, 3, 10, 13, tzinfo=UTC))
    make_events(app, sam, 4, "sign_in", datetime(2026, 4, 2, 12, tzinfo=UTC))
    make_events(app, other, 5, "sign_in", datetime(2026, 3, 10, 12, tzinfo=UTC))
    signed_in_as(admin)

    query = "who=sam&what=sign_in&since=1&since=3&since=2026&until=31&until=3&until=2026"
    page = client.get(f"/admin/audit-log?{query}").page
    assert "Showing 1 to 25 of 60 events that match" in page.text
    events = page.table_rows("audit-caption")  # When, Who, What, Record, From
    assert len(events) == 25
    assert {event[1] for event in events} == {"Sam Signer (sam@example.org)"}
    assert {event[2] for event in events} == {"Signed in"}
    table = markup_of(page.table("audit-caption"))
    assert "Olu Other" not in table and "Signed out" not in table
    assert page.one("input[name=who]").get("value") == "sam"
    assert page.one("select[name=what] option[selected]").get("value") == "sign_in"
    next_link = page.find("a[href^='/admin/audit-log?'][href*='page=2']").get("href")
    for part in ("who=sam", "what=sign_in", "since=1", "since=3", "since=2026", "until=31"):
        assert part in next_link, part
    second = client.get(next_link).page
    assert "Showing 26 to 50 of 60 events that match" in second.text

    # Dates are UK days, the "to" day included.
    page = client.get("/admin/audit-log?since=2&since=4&since=2026&until=2&until=4&until=2026")
    assert "of 4 events that match" in page.page.text
    # Nobody matches.
    page = client.get("/admin/audit-log?who=nobody-at-all").page
    assert "No events match these filters" in page.text


def test_wrong_filters_are_explained_not_a_crash(app, client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["admin", "officer"]))
    response = client.get(
        "/admin/audit-log?what=drop_tables&since=31&since=2&since=2026&until=1&until=1&until=2026"
    )
    assert response.status_code == 200
    page = response.page
    assert text_of(page.one(".govuk-error-summary__title")) == "There is a problem"
    assert ("Choose what they did from the list", "#what") in page.error_summary
    assert page.field_error("what") == "Choose what they did from the list"
    assert page.field_error("since").startswith("From must be a real date")
    response = client.get("/admin/audit-log?since=2&since=3&since=2026&until=1&until=3&until=2026")
    assert response.page.field_error("until").startswith(
        "The 'to' date must be the same as or after"
    )


def test_officers_cannot_read_the_audit_log(client, make_user, signed_in_as):
    signed_in_as(make_user(roles=["officer", "equality_data"]))
    assert client.get("/admin/audit-log").status_code == 403


def test_events_about_deleted_records_ask_once_per_page(app, client, make_user, signed_in_as):
    """Records deleted since their events were recorded are not in the page's prefetch: the
    log says so, and asks about them once, never once per event."""
    from sqlalchemy import event

    admin = make_user(roles=["admin", "officer"])
    with app.test_request_context():
        for object_type in ("application", "user", "panel_membership", "objective"):
            for _ in range(6):
                record_event(
                    "sign_in", object_type=object_type, object_id=987654, actor_id=admin.id
                )
        db.session.commit()
    signed_in_as(admin)
    client.get("/admin/audit-log")
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        page = client.get("/admin/audit-log").page
    finally:
        event.remove(engine, "before_cursor_execute", count)
    records = {row[3] for row in page.table_rows("audit-caption")}  # the Record column
    assert "An application that has been deleted" in records
    assert "A person whose account has been deleted" in records
    assert "A panel membership that has been deleted" in records
    assert "A strategy objective that has been deleted" in records
    assert len(statements) <= 10, "\n".join(statements)


def test_a_long_log_counts_no_further_than_it_pages(
    app, client, make_user, signed_in_as, monkeypatch
):
    """The log grows for ever: the count stops at AUDIT_EVENTS_COUNTED (so a view does not
    read every event ever recorded), the page says "more than" and how to reach older events,
    and the filters still find them."""
    monkeypatch.setattr("engage.admin.routes.AUDIT_EVENTS_COUNTED", 100)
    admin = make_user(roles=["admin", "officer"])
    make_events(app, admin, 130, "sign_in", datetime(2026, 3, 10, 12, tzinfo=UTC))
    make_events(app, admin, 7, "sign_out", datetime(2025, 1, 10, 12, tzinfo=UTC))
    signed_in_as(admin)
    page = client.get("/admin/audit-log").get_data(as_text=True)
    assert "Showing 1 to 25 of more than 100 events." in page
    assert "The pages go back 100 events: to see older ones, choose dates above." in page
    assert "page=4" in page and "page=5" not in page
    page = client.get("/admin/audit-log?page=9").get_data(as_text=True)
    assert "Showing 76 to 100 of more than 100 events." in page
    page = client.get("/admin/audit-log?until=31&until=12&until=2025").get_data(as_text=True)
    assert "Showing 1 to 7 of 7 events that match" in page
    assert "more than" not in page


def test_views_of_equality_figures_name_the_characteristic_and_areas_in_words(
    app, client, make_user, signed_in_as
):
    admin = make_user(roles=["admin", "officer"])
    with app.test_request_context():
        record_event(
            "equality_data_viewed",
            object_type="equality_data",
            actor_id=admin.id,
            what="who we heard from: panel applications",
            source="panel-applications",
            characteristic="ethnic_group_broad",
            areas="E08000012,E08000015",
        )
        record_event(
            "equality_data_viewed",
            object_type="equality_data",
            actor_id=admin.id,
            what="recruitment round 1: fairness report (restricted)",
            characteristic="unpaid_care",
            areas="E06000006,E08000011,E08000012,E08000013,E08000014,E08000015",
            level="restricted",
        )
        db.session.commit()
    signed_in_as(admin)
    page = client.get("/admin/audit-log").page
    what = [row[2] for row in page.table_rows("audit-caption")]
    assert any(
        "Characteristic: Ethnic group" in cell and "Areas: Liverpool, Wirral" in cell
        for cell in what
    )
    assert any(
        "Areas: The whole city region" in cell
        and "Level: Restricted" in cell
        and "Characteristic: Unpaid care" in cell
        for cell in what
    )
    assert not any(code in " ".join(what) for code in ("E08", "ethnic_group", "panel-appl"))
