"""The applicant's journey: the round as residents see it, starting, the task list, check
your answers, sending, the emailed link back, status and withdrawal. The task list's section
pages are in sections.py; choosing an interview time is in interview.py."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, session, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from engage.core.access import PUBLIC, access
from engage.core.db import db
from engage.core.pagination import paginate
from engage.recruitment import resume_links, stages
from engage.recruitment.access import APPLICANT, SESSION_APPLICATIONS
from engage.recruitment.apply import services
from engage.recruitment.apply.forms import (
    DeclarationForm,
    FindApplicationForm,
    SendLinkForm,
    WithdrawForm,
)
from engage.recruitment.apply.pages import (
    SECTION_ENDPOINTS,
    Page,
    application_or_404,
    bp,
    closed_page,
    limit_emails,
    not_editable,
    remember,
)
from engage.recruitment.manage import documents
from engage.recruitment.models import DRAFT, SCORE_SCALE, Application, RecruitmentRound
from engage.recruitment.services import open_rounds_statement, round_or_404
from engage.recruitment.task_list import SECTIONS, incomplete_sections, tasks

# The round, as residents see it ------------------------------------------------------------


@bp.route("/recruitment")
@access(PUBLIC)
def rounds() -> str:
    statement = open_rounds_statement().options(selectinload(RecruitmentRound.panels))
    return render_template("recruitment/apply/rounds.html", page=paginate(statement, per_page=10))


@bp.route("/recruitment/<int:round_id>")
@access(PUBLIC)
def round_page(round_id: int) -> Page:
    round_ = round_or_404(round_id)
    if not stages.is_open(round_):
        return closed_page(round_, 200)
    return render_template("recruitment/apply/round.html", round=round_, scale=SCORE_SCALE)


@bp.route("/recruitment/<int:round_id>/documents/<int:document_id>")
@access(PUBLIC)
def document(round_id: int, document_id: int) -> Response:
    # Only once the round has opened: its papers are not public before then. Officers
    # download them from the round's page at any time.
    found = documents.public_document(round_id, document_id)
    if found is None:
        abort(404)
    return documents.download(found, ascii_name=True)


@bp.route("/recruitment/<int:round_id>/start", methods=["POST"])
@access(PUBLIC)
@limit_emails()  # each new application can email the address typed into it once
def start(round_id: int) -> Page:
    round_ = round_or_404(round_id)
    application = services.reusable_draft(
        round_.id, current_user, session.get(SESSION_APPLICATIONS, [])
    )
    if application is None:
        try:
            application = services.start_application(round_, current_user)
        except stages.RoundClosed:
            return closed_page(round_, 409)
        db.session.commit()
    remember(application.reference)
    return redirect(url_for("recruitment.apply.task_list", reference=application.reference))


# The task list and its sections ------------------------------------------------------------


def _task_list_page(application: Application, form: SendLinkForm | None = None) -> str:
    return render_template(
        "recruitment/apply/task_list.html",
        application=application,
        tasks=tasks(application),
        endpoints=SECTION_ENDPOINTS,
        incomplete=incomplete_sections(application),
        is_open=stages.is_open(application.round),
        form=form or SendLinkForm(data={"email": services.known_email(application, current_user)}),
    )


@bp.route("/applications/<reference>/tasks")
@access(APPLICANT)
def task_list(reference: str) -> Page:
    application = application_or_404(reference)
    if application.status != DRAFT:
        return redirect(url_for("recruitment.apply.status", reference=reference))
    return _task_list_page(application)


# Checking, sending and afterwards ----------------------------------------------------------


def _check_answers_page(application: Application, form: DeclarationForm) -> str:
    return render_template(
        "recruitment/apply/check_answers.html",
        application=application,
        form=form,
        incomplete=incomplete_sections(application),
        monitoring_rows=services.monitoring_summary(application),
        titles=SECTIONS,
        endpoints=SECTION_ENDPOINTS,
        labels=services,
        word_count=services.word_count,
    )


@bp.route("/applications/<reference>/check-your-answers")
@access(APPLICANT)
def check_answers(reference: str) -> Page:
    application = application_or_404(reference)
    if stop := not_editable(application):
        return stop
    return _check_answers_page(application, DeclarationForm())


@bp.route("/applications/<reference>/submit", methods=["POST"])
@access(APPLICANT)
def submit(reference: str) -> Page:
    application = application_or_404(reference)
    if application.status != DRAFT:  # sent already: a second press shows the confirmation
        return redirect(url_for("recruitment.apply.confirmation", reference=reference))
    if not stages.is_open(application.round):
        return closed_page(application.round, 409, application)
    form = DeclarationForm()
    if not form.validate():
        return _check_answers_page(application, form)
    try:
        services.submit_application(application)
    except stages.SectionsIncomplete:
        flash("Finish every section marked as required before you send your application.")
        return redirect(url_for("recruitment.apply.task_list", reference=reference))
    db.session.commit()
    return redirect(url_for("recruitment.apply.confirmation", reference=reference))


@bp.route("/applications/<reference>/sent")
@access(APPLICANT)
def confirmation(reference: str) -> Page:
    application = application_or_404(reference)
    if application.status == DRAFT:
        return redirect(url_for("recruitment.apply.task_list", reference=reference))
    return render_template("recruitment/apply/confirmation.html", application=application)


@bp.route("/applications/<reference>")
@access(APPLICANT)
def status(reference: str) -> Page:
    application = application_or_404(reference)
    if application.status == DRAFT:
        return redirect(url_for("recruitment.apply.task_list", reference=reference))
    return render_template(
        "recruitment/apply/status.html",
        application=application,
        status_label=services.applicant_status(application),
        outcome_visible=stages.outcome_visible(application),
        can_withdraw=stages.can_withdraw(application),
    )


@bp.route("/applications/<reference>/withdraw", methods=["GET", "POST"])
@access(APPLICANT)
def withdraw(reference: str) -> Page:
    application = application_or_404(reference)
    if not stages.can_withdraw(application):
        flash("This application can no longer be withdrawn.")
        return redirect(url_for("recruitment.apply.status", reference=reference))
    form = WithdrawForm()
    if form.validate_on_submit():
        services.withdraw_application(application)
        db.session.commit()
        emailed = resume_links.is_email_address(application.email)
        flash(
            "You have withdrawn your application."
            + (" We have sent you an email to confirm." if emailed else ""),
            "success",
        )
        return redirect(url_for("recruitment.apply.status", reference=reference))
    return render_template("recruitment/apply/withdraw.html", application=application, form=form)


# Coming back by email ----------------------------------------------------------------------


@bp.route("/applications/<reference>/send-link", methods=["POST"])
@access(APPLICANT)
@limit_emails()
def send_link(reference: str) -> Page:
    application = application_or_404(reference)
    form = SendLinkForm()
    if not form.validate():
        return _task_list_page(application, form)
    if not application.email:
        application.email = form.email.data
    resume_links.send_resume_link(application, form.email.data)
    db.session.commit()
    return render_template(
        "recruitment/apply/link_sent.html", email=form.email.data, application=application
    )


@bp.route("/applications/resume/<token>")
@access(PUBLIC)
def resume(token: str) -> Page:
    try:
        application = resume_links.application_for_token(token)
    except resume_links.LinkExpired:
        return render_template("recruitment/apply/link_problem.html", problem="expired")
    except resume_links.LinkInvalid:
        return render_template("recruitment/apply/link_problem.html", problem="invalid")
    remember(application.reference)
    if application.status == DRAFT:
        return redirect(url_for("recruitment.apply.task_list", reference=application.reference))
    return redirect(url_for("recruitment.apply.status", reference=application.reference))


@bp.route("/applications/find", methods=["GET", "POST"])
@access(PUBLIC)
@limit_emails()
def find() -> str:
    form = FindApplicationForm()
    if form.validate_on_submit():
        application = resume_links.find_for_link(form.reference.data, form.email.data)
        if application is not None:
            resume_links.send_resume_link(application, application.email)
            db.session.commit()
        # The same page either way, so references and addresses cannot be tested here.
        return render_template("recruitment/apply/link_sent.html", email=form.email.data)
    return render_template("recruitment/apply/find.html", form=form)
