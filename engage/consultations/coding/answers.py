"""Coding one question's answers: a page of its answers from submitted responses, each with
a form to tick its themes and write a note, the question's counts by theme, and the filter
"not coded yet". Views of the coding blueprint."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from engage.consultations.coding import services as coding
from engage.consultations.coding.forms import AnswerCodingForm
from engage.consultations.coding.routes import bp, get_consultation_or_404
from engage.consultations.models import Answer, Consultation
from engage.core import themes
from engage.core.access import OFFICER, access
from engage.core.db import db
from engage.core.pagination import paginate

PER_PAGE = 20
NOT_CODED = "not-coded"
NO_ANSWER = "Choose an answer to code: that one is not among this question's answers"
CODED_AT_ONCE = (
    "Someone else saved themes for this answer at the same moment. Check its themes below "
    "and save again if they need changing."
)


def _question_or_404(consultation: Consultation, question_id: int) -> coding.CodedQuestion:
    found = next((q for q in coding.coded_questions(consultation.id) if q.id == question_id), None)
    return found or abort(404)


def _list_args() -> dict[str, Any]:
    """The list's filter and page, kept when a form is posted and the page shown again."""
    args: dict[str, Any] = {}
    if request.args.get("show") == NOT_CODED:
        args["show"] = NOT_CODED
    if request.args.get("page", "").isdigit():
        args["page"] = request.args["page"]
    return args


def _render(
    consultation: Consultation,
    question: coding.CodedQuestion,
    failed: tuple[Answer, AnswerCodingForm] | None = None,
) -> str:
    frame = coding.codeframe(consultation.id)
    frame_themes = list(frame.themes) if frame else []
    choices = [(theme.id, theme.label) for theme in frame_themes]
    only_uncoded = request.args.get("show") == NOT_CODED
    statement = coding.answers_statement(question)
    if only_uncoded:
        statement = statement.where(coding.uncoded(frame))
    page = paginate(statement, per_page=PER_PAGE)
    answers = list(page.items)
    if failed and all(answer.id != failed[0].id for answer in answers):
        answers.insert(0, failed[0])
    found = themes.coding_for(frame, coding.ITEM, [answer.id for answer in answers])
    forms = {}
    for answer in answers:
        if failed and answer.id == failed[0].id:
            forms[answer.id] = failed[1]
            continue
        item = found[answer.id]
        data = {"themes": item.theme_ids, "note": item.note.text if item.note else ""}
        forms[answer.id] = AnswerCodingForm.for_answer(answer.id, choices, data)
    counts = coding.question_counts(consultation.id, frame, [question])[question.id]
    return render_template(
        "consultations/coding/question.html",
        consultation=consultation,
        question=question,
        themes=frame_themes,
        theme_counts=themes.counts_by_theme(
            frame, coding.ITEM, coding.answers_statement(question, (Answer.id,))
        ),
        counts=counts,
        page=page,
        answers=answers,
        texts={answer.id: coding.answer_text(answer.value) for answer in answers},
        coding=found,
        forms=forms,
        form=failed[1] if failed else None,  # the error summary's form
        only_uncoded=only_uncoded,
        list_args=_list_args(),
        not_coded=NOT_CODED,
    )


@bp.route("/questions/<int:text_question_id>", methods=["GET", "POST"])
@access(OFFICER)
def question(consultation_id: int, text_question_id: int) -> str | Response:
    consultation = get_consultation_or_404(consultation_id)
    found = _question_or_404(consultation, text_question_id)
    if request.method == "GET":
        return _render(consultation, found)
    back = url_for("consultations.coding.question", consultation_id=consultation.id,
                   text_question_id=found.id, **_list_args())  # fmt: skip
    answer = coding.get_answer(found, request.form.get("answer"))
    if answer is None:
        flash(NO_ANSWER + ".", "error")
        return redirect(back)
    frame = coding.codeframe_for(consultation.id)
    choices = [(theme.id, theme.label) for theme in frame.themes]
    form = AnswerCodingForm.for_answer(answer.id, choices)
    if not form.validate_on_submit():
        db.session.rollback()  # an empty codeframe made for this post is not kept
        return _render(consultation, found, (answer, form))
    try:
        changed = themes.set_item_themes(
            frame, coding.ITEM, answer.id, form.themes.data or [], current_user.id
        )
        noted = themes.set_note(frame, coding.ITEM, answer.id, form.note.data or "",
                                current_user.id)  # fmt: skip
        db.session.commit()
    except themes.ThemesRefused as refused:
        db.session.rollback()
        form.themes.errors = [str(refused)]
        return _render(consultation, found, (answer, form))
    except IntegrityError:
        # Two officers coded the same answer at the same moment: theirs was saved first.
        db.session.rollback()
        flash(CODED_AT_ONCE, "error")
        return redirect(f"{back}#answer-{answer.id}")
    labels = [theme.label for theme in frame.themes if theme.id in set(form.themes.data or [])]
    if not (changed or noted):
        flash(f"Nothing changed for answer {answer.id}.", "success")
    elif labels:
        flash(f"Answer {answer.id} is coded to: {', '.join(labels)}.", "success")
    else:
        flash(f"Answer {answer.id} is saved with no theme.", "success")
    anchor = None if request.args.get("show") == NOT_CODED else f"answer-{answer.id}"
    return redirect(f"{back}#{anchor}" if anchor else back)
