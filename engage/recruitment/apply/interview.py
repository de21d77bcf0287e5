"""The applicant chooses a time for their interview, beside their application
(/applications/<reference>/interview). The lead officer offers the times (decide)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from engage.core.access import access
from engage.core.db import db
from engage.recruitment import interviews as interview_services
from engage.recruitment.access import APPLICANT
from engage.recruitment.apply.pages import bp
from engage.recruitment.decide import services
from engage.recruitment.decide.forms import NO, YES, ChooseSlotForm
from engage.recruitment.services import get_application

# The applicant chooses a time: a public URL beside their application, not under /admin -----


@bp.route("/applications/<reference>/interview", methods=["GET", "POST"])
@access(APPLICANT)
def choose_slot(reference: str) -> str | Response:
    candidate = get_application(reference) or abort(404)
    current = interview_services.booked_slot(candidate)
    if not interview_services.can_choose_slot(candidate):
        return render_template(
            "recruitment/apply/choose_slot.html",
            candidate=candidate,
            current=current,
            current_label=interview_services.slot_label(current) if current else None,
            status_url=_status_url(reference),
            form=None,
        )
    form = ChooseSlotForm()
    has_needs = bool(interview_services.access_needs(candidate))
    if not has_needs:
        del form.share_access_needs
    slots = interview_services.free_slots(candidate.round_id)
    if current is not None:
        slots = sorted([current, *slots], key=lambda s: (s.starts_at, s.id))
    form.slot.choices = [(str(s.id), interview_services.slot_label(s)) for s in slots]
    if not form.is_submitted():
        form.slot.data = str(current.id) if current else None
        if has_needs:
            form.share_access_needs.data = (
                YES if candidate.share_access_needs_with_interviewers else NO
            )
    if form.validate_on_submit():
        share = form.share_access_needs.data == YES if has_needs else None
        try:
            slot = interview_services.book_slot(candidate, form.slot.data, share_access_needs=share)
        except services.DecisionRefused as refused:
            db.session.rollback()
            form.slot.errors = [str(refused)]
            # Show the times that are free now, without the one just taken.
            candidate = get_application(reference)
            current = interview_services.booked_slot(candidate)
            slots = interview_services.free_slots(candidate.round_id)
            if current is not None:
                slots = sorted([current, *slots], key=lambda s: (s.starts_at, s.id))
            form.slot.choices = [(str(s.id), interview_services.slot_label(s)) for s in slots]
        else:
            db.session.commit()
            flash(f"Your interview is booked for {interview_services.slot_label(slot)}.", "success")
            return redirect(url_for("recruitment.apply.choose_slot", reference=reference))
    return render_template(
        "recruitment/apply/choose_slot.html",
        candidate=candidate,
        current=current,
        current_label=interview_services.slot_label(current) if current else None,
        status_url=_status_url(reference),
        form=form,
    )


def _status_url(reference: str) -> str:
    return url_for("recruitment.apply.status", reference=reference)
