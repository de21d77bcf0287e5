"""Officers record what a success measure stood at in a year, with its source; recording a
year again replaces it (audited with what it replaced); the annual report reads every measure
of the current strategy with its value for a year, in a fixed number of queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import event, select

from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.strategy.api import MeasureYear, measure_values_for_year
from engage.strategy.models import MeasureValue, Strategy
from tests.conftest import post_form
from tests.factories import (
    MeasureValueFactory,
    ObjectiveFactory,
    StrategyFactory,
    SuccessMeasureFactory,
)
from tests.tracker.world import make_strategy

BLNS = json.loads(Path("/work/shared/data/blns/blns.json").read_text())


@pytest.fixture
def world(app):
    with app.app_context():
        return make_strategy()


@pytest.fixture
def officer(make_user, signed_in_as):
    return signed_in_as(make_user(roles=["officer"]))


def url(world) -> str:
    return f"/admin/strategy/measures/{world.measure_id}/values"


def values(app, world) -> list[tuple[int, str, str]]:
    with app.app_context():
        return [
            (v.year, v.value, v.source)
            for v in db.session.scalars(
                select(MeasureValue)
                .where(MeasureValue.measure_id == world.measure_id)
                .order_by(MeasureValue.year)
            )
        ]


def test_officer_records_a_value_and_recording_the_year_again_replaces_it(app, world, officer):
    page = officer.get(url(world))
    assert page.status_code == 200
    assert "Residents who feel heard" in page.get_data(as_text=True)
    response = post_form(
        officer, url(world), {"year": "2025", "value": "52%", "source": "Survey 2025"}
    )
    assert response.status_code == 302
    post_form(officer, url(world), {"year": "2025", "value": "53%", "source": "Survey, revised"})
    assert values(app, world) == [
        (2024, "47%", "Residents' survey"),
        (2025, "53%", "Survey, revised"),
    ]
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "strategy_measure_value_recorded")
            .order_by(AuditEvent.id)
        ).all()
        assert [e.details["year"] for e in events] == [2025, 2025]
        assert events[0].details["before"] is None
        assert events[1].details["before"] == {"value": "52%", "source": "Survey 2025"}
        recorded = db.session.scalars(select(MeasureValue).where(MeasureValue.year == 2025)).one()
        assert recorded.recorded_by_id is not None
    assert "53%" in officer.get(url(world)).get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "", "value": "5%", "source": "x"}, "Enter the year the value is for"),
        ({"year": "20x5", "value": "5%", "source": "x"}, "Year must be a year in 4 figures"),
        ({"year": "٢٠٢٥", "value": "5%", "source": "x"}, "Year must be a year in 4 figures"),
        ({"year": "1999", "value": "5%", "source": "x"}, "Year must be between 2000 and 2100"),
        ({"year": "2025", "value": "  ", "source": "x"}, "Enter the value, such as 63%"),
        ({"year": "2025", "value": "5%", "source": ""}, "Enter where the figure came from"),
        ({"year": "2025", "value": "9" * 101, "source": "x"}, "100 characters or fewer"),
        ({"year": "2025", "value": "5%", "source": "s" * 501}, "500 characters or fewer"),
    ],
)
def test_form_refuses_bad_input_with_a_message_and_keeps_what_was_typed(
    app, world, officer, data, message
):
    response = post_form(officer, url(world), data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "govuk-error-summary" in html
    assert message in html
    assert values(app, world) == [(2024, "47%", "Residents' survey")]
    if data["value"].strip():
        assert f'value="{data["value"]}"' in html


def test_hostile_strings_are_stored_as_typed_and_shown_escaped(app, world, officer):
    hostile = [s for s in BLNS if s.strip() and len(s.strip()) <= 100][::25]
    for year, text in enumerate(hostile, start=2000):
        response = post_form(
            officer, url(world), {"year": str(year), "value": text, "source": text}
        )
        assert response.status_code in (200, 302), text
    stored = {year: value for year, value, _ in values(app, world)}
    html = officer.get(url(world)).get_data(as_text=True)
    assert "<script>alert" not in html
    for year, text in enumerate(hostile, start=2000):
        if year in stored:
            assert stored[year] == text.strip()


def test_residents_and_forged_posts_cannot_record_values(
    app, world, client, make_user, signed_in_as
):
    assert client.get(url(world)).status_code == 302
    resident = signed_in_as(make_user())
    assert resident.get(url(world)).status_code == 403
    forged = resident.post(url(world), data={"year": "2025", "value": "99%", "source": "me"})
    assert forged.status_code in (400, 403)
    assert values(app, world) == [(2024, "47%", "Residents' survey")]


def test_a_post_without_the_form_token_records_nothing(app, world, officer):
    no_token = officer.post(url(world), data={"year": "2025", "value": "99%", "source": "me"})
    assert no_token.status_code in (200, 400)
    assert values(app, world) == [(2024, "47%", "Residents' survey")]


def test_measure_values_for_year_lists_every_current_measure_in_order(app, world):
    with app.app_context():
        strategy = db.session.get(Strategy, world.strategy_id)
        objective_2 = ObjectiveFactory(
            strategy=strategy, code="EO2", title="Fair jobs", position=99
        )
        SuccessMeasureFactory(objective=objective_2, measure="Staff who are disabled", position=1)
        SuccessMeasureFactory(objective=objective_2, measure="Apprentices", position=0)
        # Another, not current, version's measures and values are not listed.
        old = ObjectiveFactory(strategy=StrategyFactory(), code="EO1")
        MeasureValueFactory(measure=SuccessMeasureFactory(objective=old), year=2024)
        found = measure_values_for_year(2024)
        assert found == [
            MeasureYear(
                "EO1", "Fair access", "Residents who feel heard", "40%", "60%", "2026",
                "47%", "Residents' survey",
            ),
            MeasureYear("EO2", "Fair jobs", "Apprentices", "61%", "75%", "2026", None, None),
            MeasureYear(
                "EO2", "Fair jobs", "Staff who are disabled", "61%", "75%", "2026", None, None
            ),
        ]  # fmt: skip
        assert measure_values_for_year(2023)[0].value is None


def test_measure_values_for_year_is_one_query_whatever_the_size(app, world):
    def queries() -> int:
        statements: list[str] = []

        def count(*args: object) -> None:
            statements.append(str(args[2]))

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert measure_values_for_year(2024)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    with app.app_context():
        small = queries()
        for _ in range(30):
            measure = SuccessMeasureFactory(objective_id=world.objective_id)
            MeasureValueFactory(measure=measure, year=2024)
        assert queries() == small == 1


def test_values_go_with_the_measures_into_next_years_version(app, world, make_user, signed_in_as):
    from datetime import date

    from engage.strategy import services

    with app.app_context():
        current = services.current_strategy()
        new = services.start_next_version(
            current, title="Next", period_start=date(2026, 4, 1), period_end=date(2027, 3, 31)
        )
        db.session.commit()
        assert new.is_current
        assert [(m.value, m.source) for m in measure_values_for_year(2024)] == [
            ("47%", "Residents' survey")
        ]
