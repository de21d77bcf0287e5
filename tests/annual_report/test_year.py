"""What each feature counts for a year of the report: only records of that year, each person
once per panel, and the undated or fictional answers left out."""

from __future__ import annotations

from datetime import date

from engage.annual_report.services import Year, annual_report
from engage.core.db import db
from engage.monitoring.api import AnswerSource, heard_from_between, register_source
from tests.annual_report.helpers import answers, at
from tests.factories.consultations import ConsultationResponseFactory
from tests.factories.panels import PanelFactory, PanelMembershipFactory
from tests.factories.recruitment import ApplicationFactory, RoundFactory

YEAR = 2024


def test_who_we_heard_from_counts_only_the_years_records(app):
    with app.app_context():
        for n in range(12):
            response = ConsultationResponseFactory(submitted_at=at(YEAR, 1 + n % 12))
            answers("consultation_response", response.id, sex="female")
        for _ in range(15):  # the years either side
            before = ConsultationResponseFactory(submitted_at=at(YEAR - 1, 12, 31))
            answers("consultation_response", before.id, sex="male")
            after = ConsultationResponseFactory(submitted_at=at(YEAR + 1, 1, 1))
            answers("consultation_response", after.id, sex="male")
        db.session.commit()
        report = annual_report(YEAR)
        assert report.heard_from.period.counts["sex"] == {
            "female": 12,
            "male": 0,
            "prefer_not_to_say": 0,
            "not_answered": 0,
        }
        sex = next(c for c in report.heard_from.comparisons if c.characteristic == "sex")
        assert sex.respondents.cell("male").status == "fewer than 10"
        counted = {each.source.key: each.records for each in report.heard_from.period.counted}
        assert counted == {"panel-applications": 0, "consultation-responses": 12, "stories": 0}


def test_a_source_that_cannot_be_dated_is_left_out_and_named(app):
    undated = AnswerSource("undated", "Undated things", "undated_thing", "Things with no date")
    register_source(app, undated)
    try:
        with app.app_context():
            answers("undated_thing", 1, sex="female")
            db.session.commit()
            period = Year(YEAR)
            found = heard_from_between(["sex"], period.start, period.end)
            assert [s.key for s in found.left_out] == ["undated"]
            assert found.counts["sex"]["female"] == 0
    finally:
        app.extensions["engage_monitoring_sources"].pop("undated")


def test_panel_make_up_counts_everyone_who_served_in_the_year_once(app):
    with app.app_context():
        panel = PanelFactory(name="Gender Equality Panel")
        # Renewed within the year: one person, two seats.
        PanelMembershipFactory(
            panel=panel,
            user=None,
            email="renewed@example.org",
            term_start=date(2022, 1, 1),
            term_end=date(YEAR, 3, 31),
        )
        PanelMembershipFactory(
            panel=panel,
            user=None,
            email="Renewed@example.org",
            term_start=date(YEAR, 4, 1),
            term_end=date(YEAR + 2, 3, 31),
        )
        # Served until the spring; ended early last year; starts next year.
        PanelMembershipFactory(
            panel=panel, user=None, term_start=date(2023, 1, 1), term_end=date(YEAR, 4, 30)
        )
        PanelMembershipFactory(
            panel=panel,
            user=None,
            term_start=date(2022, 1, 1),
            term_end=date(YEAR + 1, 1, 1),
            ended_at=at(YEAR - 1),
        )
        PanelMembershipFactory(
            panel=panel, user=None, term_start=date(YEAR + 1, 1, 1), term_end=date(YEAR + 3, 1, 1)
        )
        db.session.commit()
        found = {p.panel.name: p.members for p in annual_report(YEAR).panels}
        assert found == {"Gender Equality Panel": 2}


def test_recruitment_takes_the_rounds_that_closed_in_the_year_together(app):
    with app.app_context():
        rounds = [
            RoundFactory(title=f"Round {n}", opens_on=date(YEAR, n, 1), closes_on=closes)
            for n, closes in (
                (1, date(YEAR, 2, 1)),
                (2, date(YEAR, 12, 31)),
                (3, date(YEAR + 1, 1, 1)),
            )
        ]
        for round_ in rounds:
            for status in ("submitted", "shortlisted", "appointed", "withdrawn"):
                ApplicationFactory(round=round_, status=status)
            ApplicationFactory(round=round_, draft=True)
        db.session.commit()
        fairness = annual_report(YEAR).fairness
        assert [r.title for r in fairness.rounds] == ["Round 1", "Round 2"]
        assert fairness.people == {"applied": 8, "shortlisted": 4, "appointed": 2}
        assert fairness.withdrawn == 2
