"""The applicant's journey: the round as residents see it, the task list and its sections,
check your answers, sending, the emailed link back, status and withdrawal.

Application pages are under /applications/<reference>/ with the APPLICANT rule: only this
browser session (after Start or the emailed link) or the signed-in owner may open them."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_login import current_user
from sqlalchemy.orm import selectinload
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response

from engage.core.access import PUBLIC, access
from engage.core.db import db
from engage.core.pagination import paginate
from engage.extensions import limiter
from engage.monitoring.forms import MonitoringForm
from engage.recruitment import apply_services as services
from engage.recruitment.access import APPLICANT, SESSION_APPLICATIONS
from engage.recruitment.apply_forms import (
    AboutForm,
    AccessNeedsForm,
    AvailabilityForm,
    DeclarationForm,
    FindApplicationForm,
    SendLinkForm,
    WithdrawForm,
    experience_form,
    panel_order_form,
    panels_form,
)
from engage.recruitment.models import DRAFT, SCORE_SCALE, Application, RecruitmentRound
from engage.recruitment.services import get_application, get_round, round_status
from engage.reference.services import local_authorities

bp = Blueprint("apply", __name__)

# Each task-list section: its page and template, in order (the panel choice has its own view
# and template; "panels" here is its second page, the preference order).
PAGES = {
    "about": ("apply.about", "about.html"),
    "panels": ("apply.panels", "panel_order.html"),
    "experience": ("apply.experience", "experience.html"),
    "availability": ("apply.availability", "availability.html"),
    "access": ("apply.access_needs", "access_needs.html"),
    "monitoring": ("apply.monitoring", "monitoring.html"),
}
SECTION_ENDPOINTS = {key: endpoint for key, (endpoint, _template) in PAGES.items()}
NEXT_PAGE = dict(
    zip(PAGES, [*list(SECTION_ENDPOINTS.values())[1:], "apply.check_answers"], strict=True)
)
REMEMBERED = 20  # references one browser session keeps

Page = str | Response | tuple[str, int]


def _limit():  # noqa: ANN202 - a Flask-Limiter decorator
    # These email an address someone typed: limit them like password resets.
    return limiter.limit(lambda: current_app.config["RESET_RATE_LIMIT"], methods=["POST"])


def _remember(reference: str) -> None:
    """Let this browser session open the application (see access.APPLICANT)."""
    kept = [ref for ref in session.get(SESSION_APPLICATIONS, []) if ref != reference]
    session[SESSION_APPLICATIONS] = [*kept[-(REMEMBERED - 1) :], reference]
    session.permanent = True  # 8 hours, like a signed-in session


def _round(round_id: int) -> RecruitmentRound:
    round_ = get_round(round_id)
    if round_ is None:
        abort(404)
    return round_


def _application(reference: str) -> Application:
    application = get_application(reference)
    if application is None:
        abort(404)
    return application


def _closed(round_: RecruitmentRound, status: int, application: Application | None = None) -> Page:
    return (
        render_template(
            "recruitment/apply/round_closed.html",
            round=round_,
            state=round_status(round_),
            application=application,
        ),
        status,
    )


def _not_editable(application: Application) -> Page | None:
    if application.status != DRAFT:
        return redirect(url_for("apply.status", reference=application.reference))
    if not services.round_is_open(application.round):
        return _closed(application.round, 409 if request.method == "POST" else 200, application)
    return None


def _after_save(
    application: Application, key: str, *, valid: bool, stored: bool = True
) -> Response | None:
    """Commit a section save, then move on; None means show the page again with errors.
    ``key`` is the section, or "monitoring" (only ever marked by a valid save)."""
    if key != "monitoring":
        services.mark_section(application, key, valid)
    if services.after_save(application):
        flash(
            f"We have emailed {application.email} a link so you can come back to your "
            "application on any device.",
            "important",
        )
    db.session.commit()
    reference = application.reference
    if request.form.get("save") == "later" and stored:
        flash("Your answers have been saved. You can come back to them at any time.", "success")
        return redirect(url_for("apply.task_list", reference=reference))
    if not valid:
        return None
    if request.args.get("from") == "check" and key != "monitoring":
        return redirect(url_for("apply.check_answers", reference=reference))
    return redirect(url_for(NEXT_PAGE[key], reference=reference))


def _edit(
    reference: str,
    key: str,
    build: Callable[[Application], Any],
    save: Callable[[Application, Any], bool | None],
    **context: Any,
) -> Page:
    """One section page: show the form; on POST store what was typed (``save`` returns
    False if some of it could not be stored), mark the section, and move on or show errors."""
    application = _application(reference)
    if stop := _not_editable(application):
        return stop
    form = build(application)
    if form.is_submitted():
        valid = form.validate()
        stored = save(application, form) is not False
        if done := _after_save(application, key, valid=valid, stored=stored):
            return done
    return render_template(
        f"recruitment/apply/{PAGES[key][1]}", application=application, form=form, **context
    )


# The round, as residents see it ------------------------------------------------------------


@bp.route("/recruitment")
@access(PUBLIC)
def rounds() -> str:
    statement = services.open_rounds_statement().options(selectinload(RecruitmentRound.panels))
    return render_template("recruitment/apply/rounds.html", page=paginate(statement, per_page=10))


@bp.route("/recruitment/<int:round_id>")
@access(PUBLIC)
def round_page(round_id: int) -> Page:
    round_ = _round(round_id)
    if not services.round_is_open(round_):
        return _closed(round_, 200)
    return render_template("recruitment/apply/round.html", round=round_, scale=SCORE_SCALE)


@bp.route("/recruitment/<int:round_id>/documents/<int:document_id>")
@access(PUBLIC)
def document(round_id: int, document_id: int) -> Response:
    found = services.get_document(round_id, document_id)
    if found is None:
        abort(404)
    name = secure_filename(found.filename) or f"{found.kind}-document"
    response = send_file(
        BytesIO(found.content),
        mimetype=found.content_type or "application/octet-stream",
        as_attachment=True,
        download_name=name,
        etag=False,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/recruitment/<int:round_id>/start", methods=["POST"])
@access(PUBLIC)
@_limit()  # each new application can email the address typed into it once
def start(round_id: int) -> Page:
    round_ = _round(round_id)
    application = services.reusable_draft(
        round_.id, current_user, session.get(SESSION_APPLICATIONS, [])
    )
    if application is None:
        try:
            application = services.start_application(round_, current_user)
        except services.RoundClosed:
            return _closed(round_, 409)
        db.session.commit()
    _remember(application.reference)
    return redirect(url_for("apply.task_list", reference=application.reference))


# The task list and its sections ------------------------------------------------------------


def _task_list_page(application: Application, form: SendLinkForm | None = None) -> str:
    return render_template(
        "recruitment/apply/task_list.html",
        application=application,
        tasks=services.tasks(application),
        endpoints=SECTION_ENDPOINTS,
        incomplete=services.incomplete_sections(application),
        is_open=services.round_is_open(application.round),
        form=form or SendLinkForm(data={"email": application.email}),
    )


@bp.route("/applications/<reference>/tasks")
@access(APPLICANT)
def task_list(reference: str) -> Page:
    application = _application(reference)
    if application.status != DRAFT:
        return redirect(url_for("apply.status", reference=reference))
    return _task_list_page(application)


def _about_form(application: Application) -> AboutForm:
    form = AboutForm(data=services.about_values(application, current_user))
    form.load_choices(local_authorities())
    return form


@bp.route("/applications/<reference>/about-you", methods=["GET", "POST"])
@access(APPLICANT)
def about(reference: str) -> Page:
    return _edit(
        reference, "about", _about_form, lambda a, form: services.save_about(a, form.values())
    )


@bp.route("/applications/<reference>/panels", methods=["GET", "POST"])
@access(APPLICANT)
def panels(reference: str) -> Page:
    application = _application(reference)
    if stop := _not_editable(application):
        return stop
    chosen = [str(choice.panel_id) for choice in application.panel_choices]
    form = panels_form(application.round.panels, data={"panels": chosen})
    if form.is_submitted():
        valid = form.validate()
        services.save_panels(application, form.panel_ids())
        # With more than one panel, the section is finished on the next page (the order).
        several = len(application.panel_choices) > 1
        if done := _after_save(application, "panels", valid=valid and not several):
            return done
        if valid:
            return redirect(url_for("apply.panel_order", reference=reference, **request.args))
    return render_template("recruitment/apply/panels.html", application=application, form=form)


def _order_form(application: Application) -> Any:
    current = {f"panel_{c.panel_id}": str(c.preference) for c in application.panel_choices}
    return panel_order_form([c.panel for c in application.panel_choices], data=current)


@bp.route("/applications/<reference>/panels/order", methods=["GET", "POST"])
@access(APPLICANT)
def panel_order(reference: str) -> Page:
    if len(_application(reference).panel_choices) < 2:
        return redirect(url_for("apply.panels", reference=reference))
    return _edit(
        reference,
        "panels",
        _order_form,
        lambda a, form: services.save_panel_order(a, form.order()),
    )


def _experience_form(application: Application) -> Any:
    saved = services.answer_texts(application)
    data = {f"answer_{question}": text for question, text in saved.items()}
    return experience_form(application.round.questions, data=data)


@bp.route("/applications/<reference>/experience", methods=["GET", "POST"])
@access(APPLICANT)
def experience(reference: str) -> Page:
    return _edit(
        reference,
        "experience",
        _experience_form,
        lambda a, form: services.save_answers(a, form.texts()),
    )


@bp.route("/applications/<reference>/availability", methods=["GET", "POST"])
@access(APPLICANT)
def availability(reference: str) -> Page:
    return _edit(
        reference,
        "availability",
        lambda a: AvailabilityForm(data={"times": a.availability, "ways": a.availability}),
        lambda a, form: services.save_availability(
            a, [*(form.times.data or []), *(form.ways.data or [])]
        ),
    )


def _access_form(application: Application) -> AccessNeedsForm:
    needs = list(application.access_needs or [])
    if not needs and services.section_state(application, "access") == services.COMPLETED:
        needs = [services.NO_ACCESS_NEEDS]  # completed with none: show "none" ticked
    share = "yes" if application.share_access_needs_with_interviewers else "no"
    return AccessNeedsForm(
        data={"needs": needs, "other": application.access_needs_other, "share": share}
    )


@bp.route("/applications/<reference>/access-needs", methods=["GET", "POST"])
@access(APPLICANT)
def access_needs(reference: str) -> Page:
    return _edit(
        reference,
        "access",
        _access_form,
        lambda a, form: services.save_access_needs(
            a, form.needs.data or [], form.other.data or "", form.share.data == "yes"
        ),
    )


def _save_monitoring(application: Application, form: MonitoringForm) -> bool:
    if form.errors:  # answers are codes: only valid ones can be stored
        return False
    services.save_monitoring(application, form.to_answers())
    return True


@bp.route("/applications/<reference>/equality-monitoring", methods=["GET", "POST"])
@access(APPLICANT)
def monitoring(reference: str) -> Page:
    return _edit(
        reference,
        "monitoring",
        lambda a: MonitoringForm.from_response(services.monitoring_response(a)),
        _save_monitoring,
    )


# Checking, sending and afterwards ----------------------------------------------------------


def _check_answers_page(application: Application, form: DeclarationForm) -> str:
    return render_template(
        "recruitment/apply/check_answers.html",
        application=application,
        form=form,
        incomplete=services.incomplete_sections(application),
        monitoring_rows=services.monitoring_summary(application),
        titles=services.SECTIONS,
        endpoints=SECTION_ENDPOINTS,
        labels=services,
        word_count=services.word_count,
    )


@bp.route("/applications/<reference>/check-your-answers")
@access(APPLICANT)
def check_answers(reference: str) -> Page:
    application = _application(reference)
    if stop := _not_editable(application):
        return stop
    return _check_answers_page(application, DeclarationForm())


@bp.route("/applications/<reference>/submit", methods=["POST"])
@access(APPLICANT)
def submit(reference: str) -> Page:
    application = _application(reference)
    if application.status != DRAFT:  # sent already: a second press shows the confirmation
        return redirect(url_for("apply.confirmation", reference=reference))
    if not services.round_is_open(application.round):
        return _closed(application.round, 409, application)
    form = DeclarationForm()
    if not form.validate():
        return _check_answers_page(application, form)
    try:
        services.submit_application(application)
    except services.SectionsIncomplete:
        flash("Finish every section marked as required before you send your application.")
        return redirect(url_for("apply.task_list", reference=reference))
    db.session.commit()
    return redirect(url_for("apply.confirmation", reference=reference))


@bp.route("/applications/<reference>/sent")
@access(APPLICANT)
def confirmation(reference: str) -> Page:
    application = _application(reference)
    if application.status == DRAFT:
        return redirect(url_for("apply.task_list", reference=reference))
    return render_template("recruitment/apply/confirmation.html", application=application)


@bp.route("/applications/<reference>")
@access(APPLICANT)
def status(reference: str) -> Page:
    application = _application(reference)
    if application.status == DRAFT:
        return redirect(url_for("apply.task_list", reference=reference))
    return render_template(
        "recruitment/apply/status.html",
        application=application,
        status_label=services.applicant_status(application),
        outcome_visible=services.outcome_visible(application),
        can_withdraw=services.can_withdraw(application),
    )


@bp.route("/applications/<reference>/withdraw", methods=["GET", "POST"])
@access(APPLICANT)
def withdraw(reference: str) -> Page:
    application = _application(reference)
    if not services.can_withdraw(application):
        flash("This application can no longer be withdrawn.")
        return redirect(url_for("apply.status", reference=reference))
    form = WithdrawForm()
    if form.validate_on_submit():
        services.withdraw_application(application)
        db.session.commit()
        emailed = services.is_email_address(application.email)
        flash(
            "You have withdrawn your application."
            + (" We have sent you an email to confirm." if emailed else ""),
            "success",
        )
        return redirect(url_for("apply.status", reference=reference))
    return render_template("recruitment/apply/withdraw.html", application=application, form=form)


# Coming back by email ----------------------------------------------------------------------


@bp.route("/applications/<reference>/send-link", methods=["POST"])
@access(APPLICANT)
@_limit()
def send_link(reference: str) -> Page:
    application = _application(reference)
    form = SendLinkForm()
    if not form.validate():
        return _task_list_page(application, form)
    if not application.email:
        application.email = form.email.data
    services.send_resume_link(application, form.email.data)
    db.session.commit()
    return render_template(
        "recruitment/apply/link_sent.html", email=form.email.data, application=application
    )


@bp.route("/applications/resume/<token>")
@access(PUBLIC)
def resume(token: str) -> Page:
    try:
        application = services.application_for_token(token)
    except services.LinkExpired:
        return render_template("recruitment/apply/link_problem.html", problem="expired")
    except services.LinkInvalid:
        return render_template("recruitment/apply/link_problem.html", problem="invalid")
    _remember(application.reference)
    if application.status == DRAFT:
        return redirect(url_for("apply.task_list", reference=application.reference))
    return redirect(url_for("apply.status", reference=application.reference))


@bp.route("/applications/find", methods=["GET", "POST"])
@access(PUBLIC)
@_limit()
def find() -> str:
    form = FindApplicationForm()
    if form.validate_on_submit():
        application = services.find_for_link(form.reference.data, form.email.data)
        if application is not None:
            services.send_resume_link(application, application.email)
            db.session.commit()
        # The same page either way, so references and addresses cannot be tested here.
        return render_template("recruitment/apply/link_sent.html", email=form.email.data)
    return render_template("recruitment/apply/find.html", form=form)
