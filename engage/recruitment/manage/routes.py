"""Officers setting up and running recruitment rounds (/admin/rounds).

Any officer may list the rounds, open a round's page and create a round (they are its lead
officer unless they choose someone else). Only the round's lead officer, or an admin, may
change it: its details and lead officer, criteria, questions, documents and reviewers
(``access.LEAD_OFFICER``, checked for GET and POST alike)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.accounts.api import get_user
from engage.core.access import OFFICER, access
from engage.core.dates import uk_today
from engage.core.db import db
from engage.core.errors import refused_go_to
from engage.core.pagination import paginate
from engage.panels.api import panels
from engage.recruitment.access import LEAD_OFFICER, is_lead, is_reviewer
from engage.recruitment.manage import documents, round_parts, services
from engage.recruitment.manage.forms import (
    CriterionForm,
    DocumentForm,
    QuestionForm,
    ReviewersForm,
    RoundForm,
)
from engage.recruitment.models import SCORE_SCALE, RecruitmentRound
from engage.recruitment.report_access import may_see_round_report
from engage.recruitment.services import round_or_404
from engage.recruitment.stages import round_state

bp = Blueprint("manage", __name__, url_prefix="/admin/rounds")

# Pages for the lead officer (decisions) and the fairness report, linked from the round page
# for the people allowed to use them.
OTHER_PAGES = {
    "recruitment.decide.round_overview": ("Shortlist and decisions", is_lead),
    "recruitment.report.report": ("Fairness report", may_see_round_report),
}


def _lead_name(round_: RecruitmentRound) -> str:
    lead = get_user(round_.lead_officer_id) if round_.lead_officer_id else None
    return lead.full_name if lead else "Another officer"


def _round_url(round_: RecruitmentRound, anchor: str = "") -> str:
    return url_for("recruitment.manage.show", round_id=round_.id, _anchor=anchor or None)


def _to_round(round_: RecruitmentRound, anchor: str = "") -> Response:
    return redirect(_round_url(round_, anchor))


@bp.route("/")
@access(OFFICER)
def index() -> str:
    page = paginate(services.round_list_statement())
    today = uk_today()
    return render_template(
        "recruitment/manage/index.html",
        page=page,
        counts=services.application_counts([round_.id for round_ in page.items]),
        no_counts=services.ApplicationCounts(),
        statuses={round_.id: round_state(round_, today) for round_ in page.items},
    )


def _details(form: RoundForm) -> services.RoundDetails:
    return services.RoundDetails(
        title=form.title.data,
        summary=form.summary.data or "",
        opens_on=form.opens_on.data,
        closes_on=form.closes_on.data,
        places=form.places.data,
        panel_ids=form.panels.data,
        lead_officer_id=int(form.lead_officer_id.data),
        priority_ids=form.priorities.data or [],
    )


@bp.route("/new", methods=["GET", "POST"])
@access(OFFICER)
def new() -> str | Response:
    # The officer creating the round leads it unless they choose someone else.
    form = RoundForm(data={"lead_officer_id": str(current_user.id)})
    form.load_choices(panels(), services.officers(), keep=[])
    if form.validate_on_submit():
        round_ = services.create_round(_details(form))
        db.session.commit()
        if is_lead(current_user, round_.id):
            flash(f"Round created: {round_.title}. Now add its criteria and questions.", "success")
        else:
            flash(
                f"Round created: {round_.title}. {_lead_name(round_)} leads it, so only they "
                "or an admin can add its criteria and questions.",
                "success",
            )
        return _to_round(round_)
    return render_template("recruitment/manage/round_form.html", form=form, round_=None)


@bp.route("/<int:round_id>")
@access(OFFICER)
def show(round_id: int) -> str:
    round_ = round_or_404(round_id)
    services.load_reviewers_without_roles(round_)
    other_pages = [
        (label, url_for(endpoint, round_id=round_.id))
        for endpoint, (label, allowed) in OTHER_PAGES.items()
        if allowed(current_user, round_.id)
    ]
    counts = services.application_counts([round_.id]).get(round_.id, services.ApplicationCounts())
    return render_template(
        "recruitment/manage/show.html",
        round_=round_,
        lead=get_user(round_.lead_officer_id) if round_.lead_officer_id else None,
        can_review=is_reviewer(current_user, round_.id),
        can_moderate=is_lead(current_user, round_.id),
        can_manage=is_lead(current_user, round_.id),
        status=round_state(round_),
        counts=counts,
        warnings=services.round_warnings(round_, started=counts.started),
        locked=counts.started,
        other_pages=other_pages,
        scale=SCORE_SCALE,
        size_text=documents.size_text,
    )


@bp.route("/<int:round_id>/edit", methods=["GET", "POST"])
@access(LEAD_OFFICER)
def edit(round_id: int) -> str | Response:
    round_ = round_or_404(round_id)
    form = RoundForm(data=services.round_details(round_))
    form.load_choices(panels(), services.officers(), keep=list(round_.priorities))
    if form.validate_on_submit():
        services.update_round(round_, _details(form))
        db.session.commit()
        flash("Round saved.", "success")
        if not is_lead(current_user, round_.id):
            flash(
                f"{_lead_name(round_)} now leads this round. Only they or an admin can change "
                "it from now on.",
                "important",
            )
        return _to_round(round_)
    return render_template("recruitment/manage/round_form.html", form=form, round_=round_)


# Criteria and questions: the round's parts kept in order (round_parts.py) ----------------------


@dataclass(frozen=True)
class PartPages:
    part: round_parts.RoundPart
    form: type
    template: str
    anchor: str  # where the round page lists them
    saved: str
    removed: str


CRITERIA = PartPages(
    round_parts.CRITERIA,
    CriterionForm,
    "recruitment/manage/criterion_form.html",
    "criteria",
    "Criterion saved.",
    "Criterion removed.",
)
QUESTIONS = PartPages(
    round_parts.QUESTIONS,
    QuestionForm,
    "recruitment/manage/question_form.html",
    "questions",
    "Question saved.",
    "Question removed.",
)


def _part(round_: RecruitmentRound, pages: PartPages, item_id: int) -> Any:
    return round_parts.get(round_, pages.part, item_id) or abort(404)


def _part_page(round_: RecruitmentRound, pages: PartPages, item: Any | None) -> str | Response:
    with refused_go_to(
        url_for("recruitment.manage.show", round_id=round_.id, _anchor=pages.anchor)
    ):
        round_parts.check_changeable(round_, pages.part)
        form = pages.form(obj=item)
        if form.validate_on_submit():
            round_parts.save(round_, pages.part, item, form.values(), form.position.data)
            db.session.commit()
            flash(pages.saved, "success")
            return _to_round(round_, pages.anchor)
    return render_template(
        pages.template,
        form=form,
        round_=round_,
        scale=SCORE_SCALE,
        **{pages.part.name: item},
    )


def _remove_part(round_: RecruitmentRound, pages: PartPages, item: Any) -> Response:
    with refused_go_to(
        url_for("recruitment.manage.show", round_id=round_.id, _anchor=pages.anchor)
    ):
        round_parts.remove(round_, pages.part, item)
    db.session.commit()
    flash(pages.removed, "success")
    return _to_round(round_, pages.anchor)


@bp.route("/<int:round_id>/criteria/new", methods=["GET", "POST"])
@access(LEAD_OFFICER)
def add_criterion(round_id: int) -> str | Response:
    return _part_page(round_or_404(round_id), CRITERIA, None)


@bp.route("/<int:round_id>/criteria/<int:criterion_id>", methods=["GET", "POST"])
@access(LEAD_OFFICER)
def edit_criterion(round_id: int, criterion_id: int) -> str | Response:
    round_ = round_or_404(round_id)
    return _part_page(round_, CRITERIA, _part(round_, CRITERIA, criterion_id))


@bp.route("/<int:round_id>/criteria/<int:criterion_id>/remove", methods=["POST"])
@access(LEAD_OFFICER)
def remove_criterion(round_id: int, criterion_id: int) -> Response:
    round_ = round_or_404(round_id)
    return _remove_part(round_, CRITERIA, _part(round_, CRITERIA, criterion_id))


@bp.route("/<int:round_id>/questions/new", methods=["GET", "POST"])
@access(LEAD_OFFICER)
def add_question(round_id: int) -> str | Response:
    return _part_page(round_or_404(round_id), QUESTIONS, None)


@bp.route("/<int:round_id>/questions/<int:question_id>", methods=["GET", "POST"])
@access(LEAD_OFFICER)
def edit_question(round_id: int, question_id: int) -> str | Response:
    round_ = round_or_404(round_id)
    return _part_page(round_, QUESTIONS, _part(round_, QUESTIONS, question_id))


@bp.route("/<int:round_id>/questions/<int:question_id>/remove", methods=["POST"])
@access(LEAD_OFFICER)
def remove_question(round_id: int, question_id: int) -> Response:
    round_ = round_or_404(round_id)
    return _remove_part(round_, QUESTIONS, _part(round_, QUESTIONS, question_id))


# Documents -----------------------------------------------------------------------------------


@bp.route("/<int:round_id>/documents/new", methods=["GET", "POST"])
@access(LEAD_OFFICER)
def upload_document(round_id: int) -> str | Response:
    round_ = round_or_404(round_id)
    form = DocumentForm()
    if form.validate_on_submit():
        document = documents.add_document(
            round_, form.kind.data, form.file.data.filename or "", form.content
        )
        db.session.commit()
        flash(f"{document.kind_label} uploaded: {document.filename}.", "success")
        return _to_round(round_, "documents")
    return render_template("recruitment/manage/document_form.html", form=form, round_=round_)


@bp.route("/<int:round_id>/documents/<int:document_id>")
@access(OFFICER)
def download_document(round_id: int, document_id: int) -> Response:
    document = documents.get_document(round_or_404(round_id), document_id) or abort(404)
    return documents.download(document)


@bp.route("/<int:round_id>/documents/<int:document_id>/delete", methods=["POST"])
@access(LEAD_OFFICER)
def delete_document(round_id: int, document_id: int) -> Response:
    round_ = round_or_404(round_id)
    document = documents.get_document(round_, document_id) or abort(404)
    filename = document.filename
    documents.delete_document(round_, document)
    db.session.commit()
    flash(f"Document deleted: {filename}.", "success")
    return _to_round(round_, "documents")


# Reviewers -----------------------------------------------------------------------------------


@bp.route("/<int:round_id>/reviewers", methods=["GET", "POST"])
@access(LEAD_OFFICER)
def reviewers(round_id: int) -> str | Response:
    round_ = round_or_404(round_id)
    lead = get_user(round_.lead_officer_id) if round_.lead_officer_id else None
    chosen = [user.id for user in round_.reviewers if lead is None or user.id != lead.id]
    form = ReviewersForm(data={"reviewers": chosen})
    # The lead officer always reviews (the page says so): they are not a choice here.
    form.load_choices([user for user in services.officers() if lead is None or user != lead])
    if form.validate_on_submit():
        services.set_reviewers(round_, form.reviewers.data)
        db.session.commit()
        flash("Reviewers saved.", "success")
        return _to_round(round_, "reviewers")
    return render_template("recruitment/manage/reviewers.html", form=form, round_=round_, lead=lead)
