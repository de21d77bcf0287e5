"""Monitoring questions, the form section and saving answers: every question optional, and
"Prefer not to say" kept apart from "not answered"."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, func, inspect, literal, select

import engage.monitoring.models  # noqa: F401 - the app fixture creates its table
from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.monitoring.counting import count_answers, count_answers_by, count_answers_by_each
from engage.monitoring.forms import MonitoringForm
from engage.monitoring.models import MonitoringResponse
from engage.monitoring.questions import (
    ETHNIC_GROUPS,
    LIMITED_A_LITTLE,
    LIMITED_A_LOT,
    NOT_ANSWERED,
    NOT_DISABLED,
    PREFER_NOT_TO_SAY,
    QUESTIONS,
    WRITE_IN_COLUMNS,
    disability_status,
)
from engage.monitoring.services import (
    aggregates_viewed,
    answers_of,
    count_by_question,
    delete_answers,
    response_for,
    save_answers,
)


def submit(app, data):
    """A POSTed MonitoringForm, validated, without holding a context open afterwards."""
    with app.test_request_context(method="POST", data=data):
        form = MonitoringForm(meta={"csrf": False})
        valid = form.validate()
        return valid, form.errors, form.to_answers()


# --- the questions ----------------------------------------------------------------------


def test_ethnic_group_has_19_categories_under_5_headings():
    assert [g.heading for g in ETHNIC_GROUPS] == [
        "Asian, Asian British or Asian Welsh",
        "Black, Black British, Black Welsh, Caribbean or African",
        "Mixed or Multiple ethnic groups",
        "White",
        "Other ethnic group",
    ]
    assert [len(g.options) for g in ETHNIC_GROUPS] == [5, 3, 4, 5, 2]
    assert len(QUESTIONS["ethnic_group"].options) == 19
    write_ins = [o.label for o in QUESTIONS["ethnic_group"].options if o.write_in]
    assert write_ins == [
        "Any other Asian background",
        "Any other Black, Black British or Caribbean background",
        "Any other Mixed or Multiple background",
        "Any other White background",
        "Any other ethnic group",
    ]


def test_every_question_has_prefer_not_to_say_and_stable_codes():
    assert list(QUESTIONS) == [
        "age_band",
        "sex",
        "gender_identity",
        "sexual_orientation",
        "ethnic_group",
        "religion",
        "long_term_condition",
        "day_to_day_limited",
        "unpaid_care",
        "school_type",
        "free_school_meals",
        "parent_occupation",
    ]
    for question in QUESTIONS.values():
        assert question.codes[-1] == PREFER_NOT_TO_SAY
        assert len(set(question.codes)) == len(question.codes)
        assert all(len(code) <= 40 for code in question.codes)
        assert NOT_ANSWERED not in question.codes


def test_the_table_has_a_column_per_question_and_write_in(app):
    with app.app_context():
        columns = {c["name"]: c for c in inspect(db.engine).get_columns("monitoring_response")}
    for key in (*QUESTIONS, *WRITE_IN_COLUMNS):
        assert columns[key]["nullable"], key


@pytest.mark.parametrize(
    ("condition", "limited", "status"),
    [
        ("yes", "a_lot", LIMITED_A_LOT),
        ("yes", "a_little", LIMITED_A_LITTLE),
        (None, "a_little", LIMITED_A_LITTLE),
        ("yes", "not_at_all", NOT_DISABLED),
        ("no", None, NOT_DISABLED),
        ("no", "a_lot", NOT_DISABLED),
        (PREFER_NOT_TO_SAY, None, PREFER_NOT_TO_SAY),
        ("yes", PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY),
        ("yes", None, None),
        (None, None, None),
    ],
)
def test_disability_status(condition, limited, status):
    assert disability_status(condition, limited) == status


# --- the form ---------------------------------------------------------------------------


def test_an_empty_form_is_valid_and_answers_nothing(app):
    valid, errors, answers = submit(app, {})
    assert valid, errors
    assert set(answers) == {*QUESTIONS, *WRITE_IN_COLUMNS}
    assert all(value is None for value in answers.values())


def test_prefer_not_to_say_is_an_answer(app):
    valid, _, answers = submit(app, {"sex": PREFER_NOT_TO_SAY, "religion": "muslim"})
    assert valid
    assert answers["sex"] == PREFER_NOT_TO_SAY
    assert answers["religion"] == "muslim"
    assert answers["ethnic_group"] is None


def test_an_unknown_choice_gets_a_plain_english_error(app):
    valid, errors, _ = submit(app, {"ethnic_group": "martian"})
    assert not valid
    assert errors["ethnic_group"] == [
        "Select your ethnic group from the list, or leave the question blank"
    ]


def test_write_ins_are_kept_only_with_their_option(app):
    _, _, answers = submit(
        app, {"ethnic_group": "asian_other", "ethnic_group_other_asian": "  Kashmiri "}
    )
    assert answers["ethnic_group"] == "asian_other"
    assert answers["ethnic_group_other"] == "Kashmiri"

    valid, _, answers = submit(
        app,
        {
            "ethnic_group": "white_british",
            "ethnic_group_other_asian": "x" * 500,  # hidden, so not an error either
            "gender_identity": "no",
            "gender_identity_other": "Non-binary",
        },
    )
    assert valid
    assert answers["ethnic_group_other"] is None
    assert answers["gender_identity_other"] == "Non-binary"


def test_write_ins_have_a_length_limit_and_refuse_control_characters(app):
    valid, errors, _ = submit(app, {"religion": "other", "religion_other": "x" * 201})
    assert not valid
    assert errors["religion_other"] == ["Enter your religion must be 200 characters or fewer"]
    valid, errors, _ = submit(app, {"religion": "other", "religion_other": "Pagan\x00"})
    assert not valid and "hidden control characters" in errors["religion_other"][0]


# --- saving and counting ----------------------------------------------------------------


def test_prefer_not_to_say_is_stored_apart_from_not_answered(app):
    _, _, blank = submit(app, {})
    _, _, declined = submit(app, {"sex": PREFER_NOT_TO_SAY})
    with app.app_context():
        save_answers("demo", 1, blank)
        save_answers("demo", 2, declined)
        db.session.commit()
    with app.app_context():
        assert response_for("demo", 1).sex is None
        assert response_for("demo", 2).sex == PREFER_NOT_TO_SAY
        counts = count_answers("sex", "demo")
    assert counts == {"female": 0, "male": 0, PREFER_NOT_TO_SAY: 1, NOT_ANSWERED: 1}


def test_saving_again_replaces_the_answers(app):
    with app.app_context():
        save_answers("panel_application", "7", {"sex": "female", "religion": "hindu"})
        db.session.commit()
        save_answers("panel_application", 7, {"sex": "male"})
        db.session.commit()
        count = db.session.scalar(select(func.count()).select_from(MonitoringResponse))
        row = response_for("panel_application", 7)
        assert count == 1
        assert (row.sex, row.religion) == ("male", None)


def test_save_answers_does_not_commit(app):
    with app.app_context():
        save_answers("demo", 9, {"sex": "male"})
        db.session.rollback()
        assert response_for("demo", 9) is None


def test_save_answers_refuses_what_the_questions_do_not_allow(app):
    with app.app_context():
        with pytest.raises(ValueError, match="not an answer to sex"):
            save_answers("demo", 1, {"sex": "unknown"})
        with pytest.raises(ValueError, match="Unknown monitoring answers"):
            save_answers("demo", 1, {"full_name": "Ada"})
        # A write-in without its option is dropped, not stored.
        row = save_answers("demo", 1, {"religion": "christian", "religion_other": "Quaker"})
        assert row.religion_other is None
        db.session.rollback()


def test_counts_are_of_the_records_asked_and_those_without_answers_did_not_answer(app):
    """The database counts: the records' ids come as a query, never a list in Python."""
    with app.app_context():
        save_answers("consultation_response", 1, {"sex": "female"})
        save_answers("consultation_response", 2, {"sex": "male"})
        save_answers("consultation_response", 4, {"sex": "male"})
        save_answers("panel_application", 1, {"sex": "male"})
        db.session.commit()
        records = select(literal(1)).union_all(select(literal(2)), select(literal(3)))
        counts = count_answers("sex", "consultation_response", records)
        grouped = select(literal(1), literal("a")).union_all(
            select(literal(2), literal("b")), select(literal(4), literal("b"))
        )
        by_group = count_answers_by("sex", "consultation_response", grouped)
    assert counts == {"female": 1, "male": 1, PREFER_NOT_TO_SAY: 0, NOT_ANSWERED: 1}
    assert by_group["a"]["female"] == 1 and by_group["b"]["male"] == 2


# Built once, as a page's module would: its statement is built once, run with each value.
_RECORDS_FROM = (
    select(literal(1).label("id"), literal("x").label("g"))
    .union_all(select(literal(2), literal("x")), select(literal(4), literal("x")))
    .subquery()
)
RECORDS_FROM = select(_RECORDS_FROM.c.id, _RECORDS_FROM.c.g).where(
    _RECORDS_FROM.c.id >= bindparam("lowest")
)


def test_a_subjects_query_built_once_is_counted_with_each_value_of_its_parameters(app):
    with app.app_context():
        save_answers("consultation_response", 1, {"sex": "female"})
        save_answers("consultation_response", 2, {"sex": "male"})
        save_answers("consultation_response", 4, {"sex": "male"})
        db.session.commit()
        counted = [
            count_answers("sex", "consultation_response", RECORDS_FROM, {"lowest": lowest})
            for lowest in (1, 2, 3, 1)
        ]
        by_group = count_answers_by("sex", "consultation_response", RECORDS_FROM, {"lowest": 4})
        each = count_answers_by_each(
            ["sex", "religion"], "consultation_response", RECORDS_FROM, {"lowest": 2}
        )
    assert [(c["female"], c["male"]) for c in counted] == [(1, 2), (0, 2), (0, 1), (1, 2)]
    assert by_group == {"x": {**dict.fromkeys(by_group["x"], 0), "male": 1}}
    assert each["sex"]["x"]["male"] == 2 and each["religion"]["x"][NOT_ANSWERED] == 2


def test_a_person_can_see_and_erase_their_own_answers(app):
    with app.app_context():
        save_answers("demo", 5, {"unpaid_care": "hours_20_to_34"})
        db.session.commit()
        assert answers_of("demo", 5)["unpaid_care"] == "hours_20_to_34"
        assert delete_answers("demo", 5) is True
        db.session.commit()
        assert answers_of("demo", 5) is None
        assert delete_answers("demo", 5) is False


def test_count_by_question_lists_every_code_in_order():
    counts = count_by_question("age_band", [{"age_band": "25_to_34"}, {"age_band": None}])
    assert list(counts) == [*QUESTIONS["age_band"].codes, NOT_ANSWERED]
    assert counts["25_to_34"] == 1 and counts[NOT_ANSWERED] == 1
    with pytest.raises(ValueError, match="not an answer"):
        count_by_question("sex", [{"sex": "other"}])


def test_form_round_trips_a_saved_response(app):
    with app.app_context():
        row = save_answers(
            "demo", 3, {"ethnic_group": "black_other", "ethnic_group_other": "Somali British"}
        )
        db.session.commit()
        with app.test_request_context():
            form = MonitoringForm.from_response(row, meta={"csrf": False})
            assert form.ethnic_group.data == "black_other"
            assert form.ethnic_group_other_black.data == "Somali British"
            assert form.ethnic_group_other_asian.data is None
            assert form.to_answers()["ethnic_group_other"] == "Somali British"


def test_viewing_aggregates_is_audited(app, make_user):
    officer = make_user(roles=["officer"])
    with app.app_context():
        aggregates_viewed(officer, "consultation 4: ethnic group", consultation_id=4)
        db.session.commit()
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "equality_data_viewed")
        ).one()
    assert event.actor_id == officer.id
    assert event.details == {"what": "consultation 4: ethnic group", "consultation_id": 4}


def test_the_form_still_checks_the_csrf_token_when_used_on_its_own(app):
    with app.test_request_context(method="POST", data={"sex": "male"}):
        form = MonitoringForm()
        assert not form.validate()
        assert "csrf_token" in form.errors


def test_equality_data_is_its_own_role(make_user):
    from engage.monitoring.access import EQUALITY_DATA

    assert EQUALITY_DATA.allows(make_user(roles=["equality_data"]))
    assert not EQUALITY_DATA.allows(make_user(roles=["admin", "officer"]))
