"""The task list's section pages (about you, panels, experience, availability, access needs
and equality monitoring): each stores what was typed, marks the section and moves on.

These views are on the ``apply`` blueprint (apply/pages.py), so their endpoints are
``recruitment.apply.<view>``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import access
from engage.core.db import db
from engage.monitoring.api import MonitoringForm
from engage.recruitment import resume_links
from engage.recruitment.access import APPLICANT
from engage.recruitment.apply import services
from engage.recruitment.apply.forms import (
    AboutForm,
    AccessNeedsForm,
    AvailabilityForm,
    experience_form,
    panel_order_form,
    panels_form,
)
from engage.recruitment.apply.pages import (
    NEXT_PAGE,
    PAGES,
    Page,
    application_or_404,
    bp,
    not_editable,
)
from engage.recruitment.models import Application
from engage.recruitment.task_list import COMPLETED, mark_section, section_state
from engage.reference.api import local_authorities


def _after_save(
    application: Application, key: str, *, valid: bool, stored: bool = True
) -> Response | None:
    """Commit a section save, then move on; None means show the page again with errors.
    ``key`` is the section, or "monitoring" (only ever marked by a valid save)."""
    if key != "monitoring":
        mark_section(application, key, valid)
    if resume_links.after_save(application):
        flash(
            f"We have emailed {application.email} a link so you can come back to your "
            "application on any device.",
            "important",
        )
    db.session.commit()
    reference = application.reference
    if request.form.get("save") == "later" and stored:
        if application.user_id is None and not resume_links.is_email_address(application.email):
            # Without an account or an email address, only this browser can find it again.
            flash(
                "Your answers have been saved. Without an email address, only this browser can "
                "open your application, for the next 8 hours: give your email address below and "
                "we will email you a link to come back to it.",
                "success",
            )
        else:
            flash("Your answers have been saved. You can come back to them at any time.", "success")
        return redirect(url_for("recruitment.apply.task_list", reference=reference))
    if not valid:
        return None
    if request.args.get("from") == "check" and key != "monitoring":
        return redirect(url_for("recruitment.apply.check_answers", reference=reference))
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
    application = application_or_404(reference)
    if stop := not_editable(application):
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


# The sections ----------------------------------------------------------------------------------


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
    application = application_or_404(reference)
    if stop := not_editable(application):
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
            return redirect(
                url_for("recruitment.apply.panel_order", reference=reference, **request.args)
            )
    return render_template("recruitment/apply/panels.html", application=application, form=form)


def _order_form(application: Application) -> Any:
    current = {f"panel_{c.panel_id}": str(c.preference) for c in application.panel_choices}
    return panel_order_form([c.panel for c in application.panel_choices], data=current)


@bp.route("/applications/<reference>/panels/order", methods=["GET", "POST"])
@access(APPLICANT)
def panel_order(reference: str) -> Page:
    if len(application_or_404(reference).panel_choices) < 2:
        return redirect(url_for("recruitment.apply.panels", reference=reference))
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
    if not needs and section_state(application, "access") == COMPLETED:
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
