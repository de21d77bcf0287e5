"""Officers adding a consultation's documents and events, and residents downloading its
documents once it has opened."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from engage.consultations import services
from engage.consultations.materials import services as materials
from engage.consultations.materials.forms import DocumentForm, EventForm
from engage.consultations.models import Consultation
from engage.core.access import OFFICER, PUBLIC, access
from engage.core.db import db
from engage.core.uploads import download

bp = Blueprint("materials", __name__, url_prefix="/admin/consultations")
public_bp = Blueprint("documents", __name__, url_prefix="/consultations")


def _consultation(consultation_id: int) -> Consultation:
    return services.get_consultation(consultation_id) or abort(404)


def _send(document) -> Response:  # noqa: ANN001 - a ConsultationDocument
    if document.link:
        return redirect(document.link)
    return download(
        document.content or b"", content_type=document.content_type,
        filename=document.filename, fallback_name="consultation-document",
    )  # fmt: skip


@bp.route("/<int:consultation_id>/documents", methods=["GET", "POST"])
@access(OFFICER)
def documents(consultation_id: int) -> str | Response:
    consultation = _consultation(consultation_id)
    form = DocumentForm()
    if form.validate_on_submit():
        materials.add_document(
            consultation, title=form.title.data, format=form.format.data,
            link=form.link.data or "", filename=form.filename, content=form.content,
        )  # fmt: skip
        db.session.commit()
        flash(f"Added “{form.title.data}”.", "success")
        return redirect(url_for(".documents", consultation_id=consultation.id))
    return render_template(
        "consultations/materials/documents.html",
        consultation=consultation,
        documents=materials.documents_of(consultation.id),
        form=form,
    )


@bp.route("/<int:consultation_id>/documents/<int:consultation_document_id>")
@access(OFFICER)
def document(consultation_id: int, consultation_document_id: int) -> Response:
    return _send(materials.get_document(consultation_id, consultation_document_id) or abort(404))


@bp.route(
    "/<int:consultation_id>/documents/<int:consultation_document_id>/remove", methods=["POST"]
)
@access(OFFICER)
def remove_document(consultation_id: int, consultation_document_id: int) -> Response:
    found = materials.get_document(consultation_id, consultation_document_id) or abort(404)
    title = found.title
    materials.remove_document(found)
    db.session.commit()
    flash(f"Removed “{title}”.", "success")
    return redirect(url_for(".documents", consultation_id=consultation_id))


def _events_page(consultation: Consultation, form: EventForm, event=None) -> str:  # noqa: ANN001
    return render_template(
        "consultations/materials/events.html",
        consultation=consultation,
        events=materials.events_of(consultation.id),
        form=form,
        event=event,
    )


@bp.route("/<int:consultation_id>/events", methods=["GET", "POST"])
@access(OFFICER)
def events(consultation_id: int) -> str | Response:
    consultation = _consultation(consultation_id)
    form = EventForm()
    if form.validate_on_submit():
        materials.save_event(consultation, None, **form.values())
        db.session.commit()
        flash(f"Added the event “{form.title.data}”.", "success")
        return redirect(url_for(".events", consultation_id=consultation.id))
    return _events_page(consultation, form)


@bp.route("/<int:consultation_id>/events/<int:consultation_event_id>", methods=["GET", "POST"])
@access(OFFICER)
def event(consultation_id: int, consultation_event_id: int) -> str | Response:
    consultation = _consultation(consultation_id)
    found = materials.get_event(consultation.id, consultation_event_id) or abort(404)
    # Filled in from the event; a POST's data replaces it.
    form = EventForm(data=EventForm.data_from(found))
    if form.validate_on_submit():
        materials.save_event(consultation, found, **form.values())
        db.session.commit()
        flash(f"Saved the event “{form.title.data}”.", "success")
        return redirect(url_for(".events", consultation_id=consultation.id))
    return _events_page(consultation, form, found)


@bp.route("/<int:consultation_id>/events/<int:consultation_event_id>/remove", methods=["POST"])
@access(OFFICER)
def remove_event(consultation_id: int, consultation_event_id: int) -> Response:
    found = materials.get_event(consultation_id, consultation_event_id) or abort(404)
    title = found.title
    materials.remove_event(found)
    db.session.commit()
    flash(f"Removed the event “{title}”.", "success")
    return redirect(url_for(".events", consultation_id=consultation_id))


@public_bp.route("/<int:consultation_id>/documents/<int:consultation_document_id>")
@access(PUBLIC)
def download_document(consultation_id: int, consultation_document_id: int) -> Response:
    consultation = _consultation(consultation_id)
    return _send(materials.public_document(consultation, consultation_document_id) or abort(404))
