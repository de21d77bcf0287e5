"""Officers' pages for a consultation's codeframe: the overview (themes, the questions with
free text and their counts by theme, downloads), adding, changing and deleting a theme, and
the exports. Coding the answers themselves is in answers.py."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from engage.consultations import services
from engage.consultations.coding import services as coding
from engage.consultations.coding.forms import ChangeThemeForm, ThemeForm
from engage.consultations.models import Consultation
from engage.core import themes
from engage.core.access import OFFICER, access
from engage.core.audit import record_event
from engage.core.db import db
from engage.core.exports import download
from engage.core.theme_forms import DeleteThemeForm, add_theme_from, change_theme_from

bp = Blueprint("coding", __name__, url_prefix="/admin/consultations/<int:consultation_id>/themes")


def get_consultation_or_404(consultation_id: int) -> Consultation:
    return services.get_consultation(consultation_id) or abort(404)


def url_for_index(consultation_id: int, anchor: str | None = None) -> str:
    return url_for("consultations.coding.index", consultation_id=consultation_id, _anchor=anchor)


@bp.route("/")
@access(OFFICER)
def index(consultation_id: int) -> str:
    consultation = get_consultation_or_404(consultation_id)
    frame = coding.codeframe(consultation.id)
    questions = coding.coded_questions(consultation.id)
    counts = coding.theme_counts(consultation.id, frame, questions)
    return render_template(
        "consultations/coding/index.html",
        consultation=consultation,
        themes=list(frame.themes) if frame else [],
        questions=questions,
        totals=coding.question_counts(consultation.id, frame, questions),
        counts=counts,
        theme_totals={
            theme_id: sum(n for (_, t), n in counts.items() if t == theme_id)
            for theme_id in {t for _, t in counts}
        },
    )


def _theme_or_404(
    consultation: Consultation, theme_id: int
) -> tuple[themes.Codeframe, themes.Theme]:
    frame = coding.codeframe(consultation.id)
    theme = themes.get_theme(frame, theme_id)
    if frame is None or theme is None:
        abort(404)
    return frame, theme


@bp.route("/new", methods=["GET", "POST"])
@access(OFFICER)
def new_theme(consultation_id: int) -> str | Response:
    consultation = get_consultation_or_404(consultation_id)
    form = ThemeForm()
    if form.validate_on_submit() and add_theme_from(form, coding.codeframe_for(consultation.id)):
        return redirect(url_for_index(consultation.id, "codeframe"))
    return render_template(
        "consultations/coding/theme_form.html", form=form, consultation=consultation, theme=None
    )


@bp.route("/<int:theme_id>/edit", methods=["GET", "POST"])
@access(OFFICER)
def edit_theme(consultation_id: int, theme_id: int) -> str | Response:
    consultation = get_consultation_or_404(consultation_id)
    frame, theme = _theme_or_404(consultation, theme_id)
    form = ChangeThemeForm.for_theme(theme, filled=request.method == "GET")
    if form.validate_on_submit() and change_theme_from(form, frame, theme):
        return redirect(url_for_index(consultation.id, "codeframe"))
    return render_template(
        "consultations/coding/theme_form.html", form=form, consultation=consultation, theme=theme
    )


@bp.route("/<int:theme_id>/delete", methods=["GET", "POST"])
@access(OFFICER)
def delete_theme(consultation_id: int, theme_id: int) -> str | Response:
    """A page that says how many answers are coded to the theme; deleting it takes that
    theme off them, so the button confirms that number."""
    consultation = get_consultation_or_404(consultation_id)
    frame, theme = _theme_or_404(consultation, theme_id)
    count = themes.coded_items(theme)
    form = DeleteThemeForm(data={"confirmed_count": str(count)})
    if form.validate_on_submit():
        label = theme.label
        try:
            themes.delete_theme(frame, theme, form.count())
        except themes.ThemesRefused as refused:
            db.session.rollback()
            flash(str(refused) + ".", "error")
            return redirect(request.path)
        db.session.commit()
        flash(f"The theme \u201c{label}\u201d is deleted.", "success")
        return redirect(url_for_index(consultation.id, "codeframe"))
    form.confirmed_count.data = str(count)
    return render_template(
        "consultations/coding/delete_theme.html",
        form=form,
        consultation=consultation,
        theme=theme,
        count=count,
    )


# Exports ----------------------------------------------------------------------------------------


@bp.route("/counts.<any(csv, xlsx):extension>")
@access(OFFICER)
def counts_download(consultation_id: int, extension: str) -> Response:
    consultation = get_consultation_or_404(consultation_id)
    sheet = coding.counts_sheet(consultation.id)
    record_event("themes_exported", object_type=coding.OWNER, object_id=consultation.id,
                 export="theme counts", format=extension)  # fmt: skip
    db.session.commit()
    return download(sheet, f"consultation-{consultation.id}-theme-counts", extension)


@bp.route("/answers.<any(csv, xlsx):extension>")
@access(OFFICER)
def answers_download(consultation_id: int, extension: str) -> Response:
    consultation = get_consultation_or_404(consultation_id)
    sheet = coding.answers_sheet(consultation.id)
    record_event("themes_exported", object_type=coding.OWNER, object_id=consultation.id,
                 export="coded answers", format=extension)  # fmt: skip
    db.session.commit()
    return download(sheet, f"consultation-{consultation.id}-coded-answers", extension)
