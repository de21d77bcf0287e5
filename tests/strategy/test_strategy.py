"""The Equality Strategy: loading, the public page, editing, and new versions that keep
old tags."""

from __future__ import annotations

import pytest
from flask import render_template_string
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.core.forms import BaseForm
from engage.reference_data import load_reference_data
from engage.strategy import services
from engage.strategy.models import Priority, Strategy
from engage.strategy.tagging import PriorityTagsField, filter_by_tags, set_tags
from tests.conftest import post_form
from tests.tagging_model import TaggedNote


@pytest.fixture
def strategy(app):
    with app.app_context():
        load_reference_data()
        db.session.commit()
        return services.current_strategy().id


def priority_id(app, code: str, version: int = 1) -> int:
    with app.app_context():
        return db.session.scalars(
            select(Priority.id)
            .join(Priority.objective)
            .join(Strategy)
            .where(Priority.code == code, Strategy.version == version)
        ).one()


def test_first_version_has_three_objectives_with_5_3_and_5_priorities(app, strategy):
    with app.app_context():
        current = services.current_strategy()
        assert current.version == 1 and current.code == "ES-2022-26"
        assert [(o.code, len(o.priorities)) for o in current.objectives] == [
            ("EO1", 5),
            ("EO2", 3),
            ("EO3", 5),
        ]
        assert len(current.vision) == 7
        # Loading again changes nothing.
        assert load_reference_data()["strategies"] == 0
        db.session.commit()
        assert db.session.scalar(select(db.func.count(Strategy.id))) == 1


def test_public_strategy_page(client, strategy):
    page = client.get("/strategy").get_data(as_text=True)
    assert "Equality Strategy 2022-26" in page
    for text in (
        "EO1: The Combined Authority as an employer",
        "EO2.1",
        "Engagement First",
        "How we will measure success (EO3)",
        "Citizen&#39;s Voice programme",  # a year-one action, escaped
        "Accessibility at the heart of all that we provide",  # the vision
    ):
        assert text in page, text


def test_admin_edits_adds_and_retires_priorities(app, client, make_user, signed_in_as, strategy):
    signed_in_as(make_user(roles=["admin", "officer"]))
    eo21 = priority_id(app, "EO2.1")
    response = post_form(
        client, f"/admin/strategy/priorities/{eo21}", {"title": "Engagement First, everywhere"}
    )
    assert response.headers["Location"] == "/admin/strategy"
    with app.app_context():
        objective_id = db.session.get(Priority, eo21).objective_id
    page = post_form(
        client,
        f"/admin/strategy/objectives/{objective_id}/priorities/new",
        {"code": "EO2.1", "title": "Duplicate"},
    ).get_data(as_text=True)
    assert "EO2.1 is already used" in page
    post_form(
        client,
        f"/admin/strategy/objectives/{objective_id}/priorities/new",
        {"code": "EO2.4", "title": "Digital inclusion"},
    )
    manage = client.get("/admin/strategy")
    token = manage.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    client.post(f"/admin/strategy/priorities/{eo21}/retire", data={"csrf_token": token})

    public = client.get("/strategy").get_data(as_text=True)
    assert "Digital inclusion" in public
    assert "Engagement First, everywhere" not in public  # retired: not on the public page
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {
        "strategy_priority_edited",
        "strategy_priority_added",
        "strategy_priority_retired",
    } <= actions


def test_officers_cannot_edit_the_strategy(client, make_user, signed_in_as, strategy):
    signed_in_as(make_user(roles=["officer"]))
    assert client.get("/admin/strategy").status_code == 403
    assert client.get("/admin/strategy/new-version").status_code == 403


def test_new_version_keeps_old_tags_and_says_which_version(
    app, client, make_user, signed_in_as, strategy
):
    eo21_v1 = priority_id(app, "EO2.1")
    with app.app_context():
        note = TaggedNote(text="Tagged last year")
        db.session.add(note)
        set_tags(note, [eo21_v1])
        db.session.commit()
        note_id = note.id

    signed_in_as(make_user(roles=["admin", "officer"]))
    response = post_form(
        client,
        "/admin/strategy/new-version",
        {
            "title": "Equality Strategy 2022-26 (2027 refresh)",
            "period_start": ["1", "4", "2026"],
            "period_end": ["31", "3", "2027"],
        },
    )
    assert response.headers["Location"] == "/admin/strategy"

    with app.app_context():
        current = services.current_strategy()
        assert current.version == 2 and current.title.endswith("(2027 refresh)")
        assert [len(o.priorities) for o in current.objectives] == [5, 3, 5]
        eo21_v2 = db.session.scalars(
            select(Priority)
            .join(Priority.objective)
            .where(Priority.code == "EO2.1", Priority.objective.has(strategy_id=current.id))
        ).one()
        assert eo21_v2.copied_from_id == eo21_v1

        note = db.session.get(TaggedNote, note_id)
        assert [p.id for p in note.priorities] == [eo21_v1]  # the old tag survives
        assert note.priorities[0].strategy.version == 1
        assert not note.priorities[0].strategy.is_current
        html = render_template_string(
            '{% from "strategy/_tags.html" import strategy_tags %}{{ strategy_tags(note) }}',
            note=note,
        )
        assert "Equality Strategy 2022-26, version 1" in html

        # A record tagged this year and one tagged last year both match the code.
        new_note = TaggedNote(text="Tagged this year")
        db.session.add(new_note)
        set_tags(new_note, [eo21_v2.id])
        db.session.commit()
        found = db.session.scalars(filter_by_tags(select(TaggedNote), TaggedNote, priority="EO2.1"))
        assert {n.text for n in found} == {"Tagged last year", "Tagged this year"}

    # The old version is a record: it is shown, and cannot be edited.
    old_page = client.get(f"/strategy/versions/{strategy}").get_data(as_text=True)
    assert "This is version 1, kept as a record" in old_page
    response = client.get(f"/admin/strategy/priorities/{eo21_v1}")
    assert response.headers["Location"] == "/admin/strategy"


def test_new_version_form_checks_dates(client, make_user, signed_in_as, strategy):
    signed_in_as(make_user(roles=["admin", "officer"]))
    page = post_form(
        client,
        "/admin/strategy/new-version",
        {"title": "Next", "period_start": ["31", "2", "2027"], "period_end": ["1", "1", "2027"]},
    ).get_data(as_text=True)
    assert "Start date must be a real date" in page
    assert 'href="#period_start"' in page and 'id="period_start"' in page
    page = post_form(
        client,
        "/admin/strategy/new-version",
        {"title": "Next", "period_start": ["1", "4", "2027"], "period_end": ["1", "1", "2027"]},
    ).get_data(as_text=True)
    assert "End date must be after the start date" in page


def test_filter_by_objective_and_local_authority(app, strategy):
    with app.app_context():
        from engage.reference.services import local_authorities

        liverpool = next(a for a in local_authorities() if a.name == "Liverpool")
        employer = TaggedNote(text="Employer")
        civic = TaggedNote(text="Civic")
        db.session.add_all([employer, civic])
        set_tags(employer, [priority_id(app, "EO1.2")], [liverpool.id])
        set_tags(civic, [priority_id(app, "EO3.3")], [])
        db.session.commit()

        def texts(**filters) -> set[str]:
            statement = filter_by_tags(select(TaggedNote), TaggedNote, **filters)
            return {n.text for n in db.session.scalars(statement)}

        assert texts(objective="EO1") == {"Employer"}
        assert texts(objective="EO3") == {"Civic"}
        assert texts(local_authority="E08000012") == {"Employer"}
        assert texts() == {"Employer", "Civic"}
        assert [o.code for o in db.session.get(TaggedNote, employer.id).objectives] == ["EO1"]


def test_tags_are_real_foreign_keys(app, strategy):
    with app.app_context():
        note = TaggedNote(text="x")
        db.session.add(note)
        db.session.commit()
        table = db.metadata.tables["test_tagged_note_priority"]
        with pytest.raises(IntegrityError):
            db.session.execute(insert(table).values(record_id=note.id, priority_id=999999))
            db.session.flush()
        db.session.rollback()


class NoteForm(BaseForm):
    class Meta:
        csrf = False

    priorities = PriorityTagsField()


def test_priority_field_groups_by_objective_and_keeps_old_tags(app, strategy):
    with app.test_request_context(method="POST", data={"priorities": ["999999"]}):
        form = NoteForm()
        form.priorities.load_choices()
        assert not form.validate()
        assert form.priorities.errors == ["Select priorities from the list"]
        html = str(form.priorities())
        for legend in ("EO1 The Combined Authority as an employer", "EO2 Devolved powers"):
            assert legend in html
        assert 'id="priorities"' in html  # the error summary link lands on the first box
        assert html.count('type="checkbox"') == 13

    retired = priority_id(app, "EO1.1")
    with app.app_context():
        services.set_retired(db.session.get(Priority, retired), True)
        db.session.commit()
    with app.test_request_context(method="POST", data={"priorities": [str(retired)]}):
        fresh = NoteForm()
        fresh.priorities.load_choices()
        assert not fresh.validate()  # retired: not offered for new records
        with app.app_context():
            kept = NoteForm()
            kept.priorities.load_choices(keep=[db.session.get(Priority, retired)])
            assert kept.validate(), kept.errors  # but kept on a record that has it
            assert "(retired)" in str(kept.priorities())
