"""Officers' results of a consultation: the page (counts per question, filtered by area or
monitoring group) and the exports. Viewing or exporting results for a monitoring group is
recorded as a view of equality aggregates; every export is recorded in the audit log."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, abort, render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.consultations import services, stages
from engage.consultations.models import Consultation
from engage.consultations.results import exports
from engage.consultations.results.counts import Filters, count_results, questions_of
from engage.consultations.results.forms import ResultsFilterForm, area_words
from engage.consultations.results.markup import counts_chart, counts_table
from engage.consultations.results.tables import channel_table, number_text, question_results
from engage.core.access import OFFICER, access
from engage.core.audit import record_event
from engage.core.db import db
from engage.core.exports import download, stream_download
from engage.core.pagination import page_of
from engage.monitoring.api import EQUALITY_DATA_ROLE, THRESHOLD, aggregates_viewed

bp = Blueprint("results", __name__, url_prefix="/admin/consultations/<int:consultation_id>/results")
bp.add_app_template_global(counts_chart, "consultation_counts_chart")
bp.add_app_template_global(counts_table, "consultation_counts_table")
# A survey of 100 questions is 100 sections of charts and tables: shown a page at a time.
QUESTIONS_PER_PAGE = 10
GROUP_HIDDEN_NOTE = (
    "The lowest, middle and highest answers are not shown for a monitoring group: each is one "
    "person’s answer."
)


def get_consultation_or_404(consultation_id: int) -> Consultation:
    return services.get_consultation(consultation_id) or abort(404)


def who_is_counted(filters: Filters) -> str:
    """The filters in words."""
    parts = []
    if filters.group is not None:
        parts.append(filters.group.label)
    if filters.area_code:
        parts.append(area_words(filters.area_code))
    return ", ".join(parts) if parts else "Everyone who responded"


def _filter_form() -> tuple[ResultsFilterForm, Filters]:
    form = ResultsFilterForm(request.args)
    form.load_choices(monitoring_groups=current_user.has_role(EQUALITY_DATA_ROLE))
    return form, (form.filters() if form.validate() else Filters())


def results_page_of(number: int) -> int:
    """The page of the results that shows question ``number``."""
    return (number - 1) // QUESTIONS_PER_PAGE + 1


def _results(consultation: Consultation, filters: Filters, *, paged: bool = False) -> dict:
    """Everything the page (``paged``: its page of questions) or the counts export shows."""
    questions = questions_of(consultation.id)
    counts = count_results(questions, consultation.id, filters)
    page = page_of(questions, per_page=QUESTIONS_PER_PAGE if paged else max(1, len(questions)))
    results = question_results(page.items, counts, first_number=page.first_item_number or 1)
    if filters.group is not None:
        results = [
            replace(result, summary=None, summary_note=GROUP_HIDDEN_NOTE)
            if result.question.kind == stages.QuestionKind.NUMBER
            else result
            for result in results
        ]
        aggregates_viewed(
            current_user,
            f"consultation results: {filters.group.label}",
            group=filters.group.key,
            consultation=consultation.id,
        )
    return {
        "counts": counts,
        "channels": channel_table(counts),
        "results": results,
        "question_page": page,
        "file_questions": [
            (number, question)
            for number, question in enumerate(questions, start=1)
            if question.kind == stages.QuestionKind.FILE
        ],
        "too_few": counts.responses < THRESHOLD,
        "who": who_is_counted(filters),
    }


@bp.route("/")
@access(OFFICER)
def index(consultation_id: int) -> str:
    consultation = get_consultation_or_404(consultation_id)
    form, filters = _filter_form()
    found = _results(consultation, filters, paged=True)
    page = render_template(
        "consultations/results/index.html",
        consultation=consultation,
        form=form,
        filters=filters,
        threshold=THRESHOLD,
        left_out_note=exports.LEFT_OUT_NOTE,
        number_text=number_text,
        export_filters={
            "area": filters.area_code or None,
            "group": filters.group.key if filters.group else None,
        },
        **found,
    )
    db.session.commit()  # the counts kept, any record of the view (after rendering: no reloads)
    return page


@bp.route("/answers.<any(csv, xlsx):extension>")
@access(OFFICER)
def answers_download(consultation_id: int, extension: str) -> Response:
    """Every submitted response's answers (no filters: a monitoring group's list of responses
    would put people's monitoring answers beside their responses), streamed: the rows are
    read as the file is written, after the export is recorded."""
    consultation = get_consultation_or_404(consultation_id)
    record_event("consultation_results_exported", object_type="consultation",
                 object_id=consultation.id, what="Answers, one row per response",
                 format=extension, rows=exports.answers_count(consultation.id))  # fmt: skip
    db.session.commit()
    sheet = exports.answers_sheet(consultation.id, questions_of(consultation.id))
    return stream_download(sheet, f"consultation-{consultation.id}-answers", extension)


@bp.route("/counts.<any(csv, xlsx):extension>")
@access(OFFICER)
def counts_download(consultation_id: int, extension: str) -> Response:
    """The page's tables, with the page's filters, suppressed as the page shows them."""
    consultation = get_consultation_or_404(consultation_id)
    _form, filters = _filter_form()
    found = _results(consultation, filters)
    sheet = exports.counts_sheet(found["who"], found["channels"], found["results"])
    record_event("consultation_results_exported", object_type="consultation",
                 object_id=consultation.id, what=f"Counts: {found['who']}",
                 format=extension)  # fmt: skip
    db.session.commit()
    return download(sheet, f"consultation-{consultation.id}-counts", extension)
