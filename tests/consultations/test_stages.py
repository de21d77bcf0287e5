"""The rules in engage/consultations/stages.py, directly."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from engage.consultations import stages

TODAY = date(2027, 3, 1)


def consultation(**fields):
    values = {"status": "draft", "opens_on": TODAY, "closes_on": date(2027, 4, 1), **fields}
    return SimpleNamespace(**values)


def test_questions_lock_after_a_submitted_response_and_when_closed():
    assert stages.can_change_questions(consultation(), 0)
    assert stages.can_change_questions(consultation(status="open"), 0)
    assert stages.questions_problem(consultation(status="open"), 1) == stages.QUESTIONS_LOCKED
    assert stages.questions_problem(consultation(), 2) == stages.QUESTIONS_LOCKED
    assert stages.questions_problem(consultation(status="closed"), 0) == stages.CLOSED_NOT_CHANGED


def test_opening_needs_dates_questions_on_every_page_and_working_routes():
    assert stages.opening_problems(consultation(), TODAY, [1, 2], []) == []
    assert stages.opening_problems(consultation(status="open"), TODAY, [1], []) == [
        stages.NOT_A_DRAFT
    ]
    found = stages.opening_problems(consultation(opens_on=None, closes_on=None), TODAY, [0], [])
    assert found == [stages.NO_OPENING_DATE, stages.NO_CLOSING_DATE, stages.NO_QUESTIONS,
                     "Page 1 has no questions: add one or delete the page"]  # fmt: skip
    late = consultation(opens_on=date(2027, 2, 1), closes_on=date(2027, 2, 2))
    assert stages.opening_problems(late, TODAY, [1], []) == [stages.CLOSING_DATE_PASSED]
    backwards = consultation(opens_on=date(2027, 5, 1))
    assert stages.opening_problems(backwards, TODAY, [1], []) == [stages.CLOSES_BEFORE_OPENING]
    assert stages.opening_problems(consultation(), TODAY, [1, 0], ["Page 2 cannot be reached"]) == [
        "Page 2 has no questions: add one or delete the page", "Page 2 cannot be reached"
    ]  # fmt: skip


def test_it_takes_answers_only_while_open_between_its_dates():
    assert stages.takes_answers(consultation(status="open"), TODAY)
    assert stages.takes_answers(consultation(status="open"), date(2027, 4, 1))
    assert not stages.takes_answers(consultation(status="open"), date(2027, 4, 2))
    assert not stages.takes_answers(consultation(status="open"), date(2027, 2, 28))
    assert not stages.takes_answers(consultation(), TODAY)
    assert not stages.takes_answers(consultation(status="closed"), TODAY)
    assert stages.can_close(consultation(status="open"))
    assert not stages.can_close(consultation())
    assert not stages.can_edit_details(consultation(status="closed"))


def test_which_kinds_have_options_and_other():
    assert stages.uses_options("matrix") and stages.uses_options("ranking")
    assert not stages.uses_options("agreement") and not stages.uses_options("short_text")
    assert stages.may_offer_other("single_choice") and not stages.may_offer_other("ranking")
    assert set(stages.KIND_LABELS) == set(stages.QuestionKind)
