"""Counting a consultation's answers in SQL (results/counts.py), on a handmade set of
responses: every kind of question, drafts left out, "Other" counted, filters."""

from __future__ import annotations

from sqlalchemy import event, func, select

from engage.consultations.models import ConsultationResponse
from engage.consultations.results.counts import (
    OTHER,
    Filters,
    count_results,
    count_rows,
    questions_of,
    responses_statement,
)
from engage.core.count_snapshots import CountSnapshot
from engage.core.db import db
from engage.monitoring.api import monitoring_group
from tests.consultations.results_data import WIRRAL, full_answers, make_consultation, respond


def _count(made, filters=None):
    filters = filters or Filters()
    return count_results(questions_of(made.consultation_id), made.consultation_id, filters)


def test_each_kind_is_counted_and_drafts_are_not(app):
    with app.app_context():
        made = make_consultation()
        respond(made, full_answers(number=1))
        respond(made, full_answers(choice="No", agreement="Disagree", choices=("Walk", "Taxi"),
                                   ranking=("Speed", "Price", "Comfort"), number=10),
                channel="paper")  # fmt: skip
        respond(made, {**full_answers(number=4), "single_choice": {"choice": OTHER,
                                                                  "other": "Sometimes"},
                       "multiple_choice": {"choices": ["Train", OTHER], "other": "Bicycle"}},
                channel="phone")  # fmt: skip
        # Answered only the first question, and its other answers are missing.
        respond(made, {"single_choice": {"choice": "Yes"}, "matrix": {"rows": {"Seats": "Good"}}})
        respond(made, full_answers(choice="No", number=1000), status="draft")

        counts = _count(made)
        q = made.questions

    assert counts.responses == 4
    assert counts.channels == {"online": 2, "paper": 1, "phone": 1}
    assert counts.answered[q["single_choice"]] == 4
    assert counts.answered[q["long_text"]] == 3
    assert counts.choices[q["single_choice"]] == {"Yes": 2, "No": 1, OTHER: 1}
    assert counts.choices[q["agreement"]] == {"Agree": 2, "Disagree": 1}
    assert counts.choices[q["multiple_choice"]] == {"Walk": 2, "Taxi": 1, "Train": 1, OTHER: 1}
    assert counts.ranking[q["ranking"]] == {
        "Price": {1: 2, 2: 1},
        "Speed": {1: 1, 2: 2},
        "Comfort": {3: 3},
    }
    assert counts.matrix[q["matrix"]] == {
        "Shelter": {"Good": 3},
        "Seats": {"Poor": 3, "Good": 1},
    }
    summary = counts.number_summary(q["number"])
    assert (summary.answers, summary.lowest, summary.median, summary.highest) == (3, 1, 4, 10)


def test_median_of_an_even_number_of_answers_is_the_mean_of_the_middle_two(app):
    with app.app_context():
        made = make_consultation()
        for number in (7, 1, 3, 100):
            respond(made, {"number": {"number": number}})
        summary = _count(made).number_summary(made.questions["number"])
    assert (summary.answers, summary.lowest, summary.median, summary.highest) == (4, 1, 5, 100)


def test_another_consultations_answers_do_not_count(app):
    with app.app_context():
        made, other = make_consultation(), make_consultation()
        respond(made, full_answers())
        respond(other, full_answers(choice="No"))
        counts = _count(made)
    assert counts.responses == 1
    assert counts.choices[made.questions["single_choice"]] == {"Yes": 1}


def test_filter_by_area(app):
    with app.app_context():
        made = make_consultation()
        respond(made, full_answers(choice="Yes"))
        respond(made, full_answers(choice="No"), area_code=WIRRAL)
        respond(made, full_answers(choice="No"), area_code=WIRRAL)
        counts = _count(made, Filters(area_code=WIRRAL))
    assert counts.responses == 2
    assert counts.choices[made.questions["single_choice"]] == {"No": 2}


def test_filter_by_monitoring_group_is_a_subquery(app):
    disabled = {"long_term_condition": "yes", "day_to_day_limited": "a_lot"}
    with app.app_context():
        made = make_consultation()
        respond(made, full_answers(choice="Yes"), monitoring=disabled)
        respond(made, full_answers(choice="No"), monitoring={"long_term_condition": "no"})
        respond(made, full_answers(choice="No"))  # no monitoring answers
        respond(made, full_answers(choice="Yes"), monitoring={"day_to_day_limited": "a_little"})
        group = monitoring_group("disability:disabled")
        counts = _count(made, Filters(group=group))
        sql = str(responses_statement(made.consultation_id, Filters(group=group)))
    assert counts.responses == 2
    assert counts.choices[made.questions["single_choice"]] == {"Yes": 2}
    assert "monitoring_response" in sql and "IN (SELECT" in sql


def _statements(app, run) -> list[str]:
    statements = []

    def seen(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    return statements


def test_counting_is_one_query_and_a_second_view_reads_what_was_counted(app):
    with app.app_context():
        made = make_consultation()
        respond(made, full_answers())
        questions = questions_of(made.consultation_id)
        assert len(_statements(app, lambda: count_rows(questions, made.consultation_id,
                                                       Filters()))) == 1  # fmt: skip
        first = count_results(questions, made.consultation_id)
        db.session.commit()
        questions = questions_of(made.consultation_id)
        again = _statements(app, lambda: count_results(questions, made.consultation_id))
        # The responses' fingerprint and the snapshot: no answer read.
        assert len(again) == 2 and "consultation_answer" not in " ".join(again)
        assert count_results(questions, made.consultation_id) == first


def test_counted_again_when_a_response_is_sent(app):
    with app.app_context():
        made = make_consultation()
        respond(made, full_answers(choice="Yes"))
        questions = questions_of(made.consultation_id)
        count_results(questions, made.consultation_id)
        db.session.commit()
        draft = respond(made, full_answers(choice="No"), status="draft")
        assert count_results(questions, made.consultation_id).responses == 1
        db.session.get(ConsultationResponse, draft).status = "submitted"
        db.session.commit()
        counts = count_results(questions, made.consultation_id)
        assert counts.choices[made.questions["single_choice"]] == {"Yes": 1, "No": 1}
        db.session.commit()
        assert db.session.scalar(select(func.count(CountSnapshot.id))) == 1


def test_counted_again_when_one_response_is_sent_as_another_is_deleted(app):
    """The kept counts' check is how many responses match and when the latest was sent:
    sending one while another is erased leaves the number the same, and is still seen."""
    from engage.consultations import answering

    with app.app_context():
        made = make_consultation()
        first = respond(made, full_answers(choice="Yes"))
        respond(made, full_answers(choice="Yes"))
        draft = respond(made, full_answers(choice="No"), status="draft")
        questions = questions_of(made.consultation_id)
        assert count_results(questions, made.consultation_id).choices[
            made.questions["single_choice"]
        ] == {"Yes": 2}
        db.session.commit()
        answering.submit(db.session.get(ConsultationResponse, draft))
        db.session.delete(db.session.get(ConsultationResponse, first))
        db.session.commit()
        counts = count_results(questions, made.consultation_id)
        assert counts.responses == 2
        assert counts.choices[made.questions["single_choice"]] == {"Yes": 1, "No": 1}
