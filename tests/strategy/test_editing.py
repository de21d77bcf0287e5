"""Admins edit every text the public strategy page shows: the title and period, the vision,
each objective's actions and ambitions, and each success measure (text, baseline, target and
year). Each form validates, keeps what was typed on error, and each change is audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.reference_data import load_reference_data
from engage.strategy import services
from engage.strategy.models import ACTION, AMBITION, ObjectiveItem, SuccessMeasure
from tests.conftest import csrf_token, post_form


@pytest.fixture
def admin(make_user, signed_in_as, app):
    with app.app_context():
        load_reference_data()
        db.session.commit()
    return signed_in_as(make_user(roles=["admin", "officer"]))


def ids(app) -> dict[str, int]:
    with app.app_context():
        objective = services.current_strategy().objectives[0]
        return {
            "objective": objective.id,
            "action": objective.actions[0].id,
            "ambition": objective.ambitions[0].id,
            "measure": objective.measures[0].id,
        }


def audit(app, action: str) -> AuditEvent:
    with app.app_context():
        return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).one()


def public_page(client) -> str:
    return client.get("/strategy").get_data(as_text=True)


def test_manage_page_links_to_every_text_it_can_edit(app, admin):
    found = ids(app)
    page = admin.get("/admin/strategy").get_data(as_text=True)
    for href in (
        "/admin/strategy/details",
        "/admin/strategy/vision",
        f"/admin/strategy/objectives/{found['objective']}",
        f"/admin/strategy/items/{found['action']}",
        f"/admin/strategy/items/{found['ambition']}",
        f"/admin/strategy/measures/{found['measure']}",
        f"/admin/strategy/objectives/{found['objective']}/items/new",
        f"/admin/strategy/objectives/{found['objective']}/measures/new",
    ):
        assert f'href="{href}"' in page, href


def test_admin_edits_the_vision(app, admin):
    form = admin.get("/admin/strategy/vision").get_data(as_text=True)
    assert "Equity: do more for those facing greatest disadvantage\nEquality, diversity" in form
    response = post_form(
        admin,
        "/admin/strategy/vision",
        {"vision": "Fairness for <everyone>\r\n\r\n  Nobody left out  \r\n"},
    )
    assert response.headers["Location"] == "/admin/strategy"
    with app.app_context():
        assert services.current_strategy().vision == ["Fairness for <everyone>", "Nobody left out"]
    page = public_page(admin)
    assert "<li>Fairness for &lt;everyone&gt;</li>" in page and "Equity: do more" not in page
    event = audit(app, "strategy_vision_edited")
    assert event.details["before"][0] == "Equity: do more for those facing greatest disadvantage"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (" \r\n ", "Enter at least one vision statement"),
        ("Fine\r\n" + "x" * 301, "Statement 2 must be 300 characters or fewer"),
        ("\r\n".join(f"Line {n}" for n in range(21)), "Enter 20 statements or fewer"),
    ],
)
def test_vision_form_refuses_with_a_message_and_keeps_the_text(app, admin, typed, message):
    page = post_form(admin, "/admin/strategy/vision", {"vision": typed}).get_data(as_text=True)
    assert message in page and 'href="#vision"' in page  # the error summary links to the box
    if typed.strip():
        assert typed.replace("\r\n", "\n").split("\n")[0] in page
    with app.app_context():
        assert len(services.current_strategy().vision) == 7


def test_admin_adds_edits_and_removes_actions_and_ambitions(app, admin):
    found = ids(app)
    new_url = f"/admin/strategy/objectives/{found['objective']}/items/new"
    page = post_form(admin, new_url, {"text": "Say it once"}).get_data(as_text=True)
    assert "Select whether it is an action or an ambition" in page
    assert "Say it once" in page  # kept
    assert "<legend" in page  # the radios have their question as a legend
    response = post_form(admin, new_url, {"kind": AMBITION, "text": "A new ambition & more"})
    assert response.status_code == 302
    assert "A new ambition &amp; more" in public_page(admin)

    edit_url = f"/admin/strategy/items/{found['action']}"
    assert "Edit an action in the first year (EO1)" in admin.get(edit_url).get_data(as_text=True)
    assert "Enter the text" in post_form(admin, edit_url, {"text": "  "}).get_data(as_text=True)
    post_form(admin, edit_url, {"text": "Positive action, now for every group"})
    assert "Positive action, now for every group" in public_page(admin)
    assert audit(app, "strategy_item_edited").details["before"].startswith("Positive action")

    form = admin.get(f"/admin/strategy/items/{found['ambition']}")
    response = admin.post(
        f"/admin/strategy/items/{found['ambition']}/remove", data={"csrf_token": csrf_token(form)}
    )
    assert response.status_code == 302
    assert "Employer accreditations" not in public_page(admin)
    with app.app_context():
        assert db.session.get(ObjectiveItem, found["ambition"]) is None
        kinds = [i.kind for i in services.current_strategy().objectives[0].items]
        assert kinds.count(ACTION) == 11 and kinds.count(AMBITION) == 6  # 6 - 1 + 1
    removed = audit(app, "strategy_item_removed").details["before"]
    assert removed["text"].startswith("Employer accreditations")
    assert audit(app, "strategy_item_added").details["kind"] == AMBITION


def test_admin_edits_every_part_of_a_success_measure(app, admin):
    found = ids(app)
    url = f"/admin/strategy/measures/{found['measure']}"
    form = admin.get(url).get_data(as_text=True)
    assert "Workforce from Black, Asian and minority ethnic backgrounds" in form
    assert 'value="3.6%"' in form and 'value="2026"' in form
    response = post_form(
        admin,
        url,
        {
            "measure": "Staff from ethnic minority backgrounds",
            "baseline": "4.1%",
            "target": "7%",
            "by": "2027",
        },
    )
    assert response.status_code == 302
    page = public_page(admin)
    for text in ("Staff from ethnic minority backgrounds", "4.1%", "7%", "2027"):
        assert f'<td class="govuk-table__cell">{text}</td>' in page, text
        assert f"{text}</" in page.split('class="lcr-measures-stacked"')[1]
    before = audit(app, "strategy_measure_edited").details["before"]
    assert before == {
        "measure": "Workforce from Black, Asian and minority ethnic backgrounds",
        "baseline": "3.6%",
        "target": "6%",
        "by": "2026",
    }


def test_measure_form_validates_and_keeps_what_was_typed(app, admin):
    url = f"/admin/strategy/objectives/{ids(app)['objective']}/measures/new"
    page = post_form(
        admin, url, {"measure": "", "baseline": "kept baseline", "by": "x" * 21}
    ).get_data(as_text=True)
    assert "Enter what is measured" in page
    assert "By when (optional) must be 20 characters or fewer" in page
    assert 'value="kept baseline"' in page
    response = post_form(admin, url, {"measure": "Residents who feel heard", "by": "2027"})
    assert response.status_code == 302
    page = public_page(admin)
    assert '<td class="govuk-table__cell">Residents who feel heard</td>' in page
    with app.app_context():
        added = db.session.scalars(
            select(SuccessMeasure).where(SuccessMeasure.measure == "Residents who feel heard")
        ).one()
        assert (added.baseline, added.target, added.by, added.position) == ("", "", "2027", 7)
        measure_id = added.id
    form = admin.get(f"/admin/strategy/measures/{measure_id}")
    admin.post(
        f"/admin/strategy/measures/{measure_id}/remove", data={"csrf_token": csrf_token(form)}
    )
    assert "Residents who feel heard" not in public_page(admin)
    assert audit(app, "strategy_measure_removed").details["before"]["by"] == "2027"


def test_admin_edits_the_title_and_period(app, admin):
    page = post_form(
        admin,
        "/admin/strategy/details",
        {
            "title": "Equality Strategy",
            "period_start": ["1", "4", "2026"],
            "period_end": ["1", "1", "2026"],
        },
    ).get_data(as_text=True)
    assert "End date must be after the start date" in page
    assert "Title of the new version" not in page and 'value="Equality Strategy"' in page
    post_form(
        admin,
        "/admin/strategy/details",
        {
            "title": "Equality Strategy 2022-27",
            "period_start": ["1", "4", "2022"],
            "period_end": ["31", "3", "2027"],
        },
    )
    with app.app_context():
        strategy = services.current_strategy()
        assert strategy.title == "Equality Strategy 2022-27"
        assert strategy.period_end == date(2027, 3, 31)
    assert "1 April 2022 to 31 March 2027" in public_page(admin)
    before = audit(app, "strategy_details_edited").details["before"]
    assert before == {
        "title": "Equality Strategy 2022-26",
        "period_start": "2022-04-01",
        "period_end": "2026-03-31",
    }


def test_older_versions_cannot_be_edited(app, admin):
    found = ids(app)
    with app.app_context():
        current = services.current_strategy()
        services.start_next_version(
            current, title="Next", period_start=date(2026, 4, 1), period_end=date(2027, 3, 31)
        )
        db.session.commit()
    for url in (
        f"/admin/strategy/items/{found['action']}",
        f"/admin/strategy/measures/{found['measure']}",
        f"/admin/strategy/objectives/{found['objective']}/items/new",
        f"/admin/strategy/objectives/{found['objective']}/measures/new",
    ):
        response = admin.get(url)
        assert response.headers["Location"] == "/admin/strategy", url
    token = csrf_token(admin.get("/admin/strategy"))
    response = admin.post(
        f"/admin/strategy/measures/{found['measure']}/remove", data={"csrf_token": token}
    )
    assert response.headers["Location"] == "/admin/strategy"
    with app.app_context():
        assert db.session.get(SuccessMeasure, found["measure"]) is not None


def test_officers_cannot_edit_strategy_text(app, make_user, signed_in_as, client):
    with app.app_context():
        load_reference_data()
        db.session.commit()
    found = ids(app)
    signed_in_as(make_user(roles=["officer"]))
    assert client.get("/admin/strategy/vision").status_code == 403
    assert client.get(f"/admin/strategy/measures/{found['measure']}").status_code == 403
    assert client.post(f"/admin/strategy/items/{found['action']}/remove").status_code in (
        400,
        403,
    )
