"""Editors proposing an organisation's services and venues: adding, changing and removing
each, and which venues each service runs at. Every change is sent for review at once, in the
editor's one waiting proposal (with any details they changed), and shown here as it would be
once approved. A service or venue is looked for only among the organisation's own: any other
key is a 404."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import access
from engage.core.db import db
from engage.directory import editing, service_changes, services
from engage.directory.access import ORGANISATION_EDITOR
from engage.directory.models import ChangeRequest, Organisation, new_uuid
from engage.directory.service_forms import RemoveForm, ServiceForm, VenueForm
from engage.directory.taxonomy import CATEGORIES

bp = Blueprint("services_edit", __name__, url_prefix="/directory/your-organisations")

SERVICES, VENUES = "services", "venues"


class _Editing:
    """The organisation in the URL, the editor's waiting proposal and what they edit: the
    services and venues as they would be once it is approved."""

    def __init__(self, organisation_id: int) -> None:
        self.organisation: Organisation = services.listed_organisation(organisation_id) or abort(
            404
        )
        self.waiting: ChangeRequest | None = editing.pending_change(
            self.organisation.id, current_user.id
        )
        self.start = editing.starting_values(self.organisation, self.waiting)
        self.records = {kind: self.start[kind] for kind in service_changes.RECORD_KINDS}

    def record(self, kind: str, key: str) -> dict[str, Any]:
        return service_changes.find(self.records, kind, key) or abort(404)

    def send(self, records: dict[str, Any], done: str) -> Response:
        """Propose the editor's waiting changes with these services and venues."""
        note = self.waiting.note if self.waiting else ""
        change = editing.propose_change(
            self.organisation, current_user, {**self.start, **records}, note
        )
        if change is None and self.waiting is not None:
            service_changes.withdraw(self.waiting)
        db.session.commit()
        if change is None:
            flash("The entry already says this, so nothing is waiting for review.", "success")
        else:
            flash(f"{done} An officer will review it and email you.", "success")
        return redirect(url_for(".index", organisation_id=self.organisation.id))

    def page(self, template: str, **context: Any) -> str:
        return render_template(
            f"directory/edit/{template}",
            organisation=self.organisation,
            waiting=self.waiting,
            **context,
        )


@bp.route("/<int:organisation_id>/services")
@access(ORGANISATION_EDITOR)
def index(organisation_id: int) -> str:
    found = _Editing(organisation_id)
    return found.page(
        "services.html",
        services=service_changes.by_name(found.records[SERVICES]),
        venues=service_changes.by_name(found.records[VENUES]),
        venue_names={v["key"]: v["name"] for v in found.records[VENUES]},
        category_label=CATEGORIES.label,
        waiting_for_review=service_changes.waiting_for_review(
            service_changes.records_of(found.organisation), found.records
        ),
    )


def _service_page(found: _Editing, form: ServiceForm, record: dict[str, Any] | None) -> str:
    return found.page("service.html", form=form, record=record)


@bp.route("/<int:organisation_id>/services/new", methods=["GET", "POST"])
@access(ORGANISATION_EDITOR)
def add_service(organisation_id: int) -> str | Response:
    found = _Editing(organisation_id)
    form = ServiceForm()
    form.load_venues(service_changes.by_name(found.records[VENUES]))
    if form.validate_on_submit():
        record = form.record(new_uuid())
        records = service_changes.with_record(found.records, SERVICES, record)
        return found.send(records, f"Sent for review: the new service {record['name']}.")
    return _service_page(found, form, None)


@bp.route("/<int:organisation_id>/services/<service_key>", methods=["GET", "POST"])
@access(ORGANISATION_EDITOR)
def change_service(organisation_id: int, service_key: str) -> str | Response:
    found = _Editing(organisation_id)
    record = found.record(SERVICES, service_key)
    form = ServiceForm(data=record)
    form.load_venues(service_changes.by_name(found.records[VENUES]))
    if form.validate_on_submit():
        changed = form.record(record["key"])
        records = service_changes.with_record(found.records, SERVICES, changed)
        return found.send(records, f"Sent for review: the changes to {changed['name']}.")
    return _service_page(found, form, record)


@bp.route("/<int:organisation_id>/services/<service_key>/remove", methods=["GET", "POST"])
@access(ORGANISATION_EDITOR)
def remove_service(organisation_id: int, service_key: str) -> str | Response:
    found = _Editing(organisation_id)
    record = found.record(SERVICES, service_key)
    form = RemoveForm()
    if form.validate_on_submit():
        records = service_changes.without_service(found.records, record["key"])
        return found.send(records, f"Sent for review: removing the service {record['name']}.")
    return found.page("remove_service.html", form=form, record=record)


def _venue_page(found: _Editing, form: VenueForm, record: dict[str, Any] | None) -> str:
    return found.page("venue.html", form=form, record=record)


@bp.route("/<int:organisation_id>/venues/new", methods=["GET", "POST"])
@access(ORGANISATION_EDITOR)
def add_venue(organisation_id: int) -> str | Response:
    found = _Editing(organisation_id)
    form = VenueForm()
    if form.validate_on_submit():
        record = form.record(new_uuid())
        records = service_changes.with_record(found.records, VENUES, record)
        return found.send(records, f"Sent for review: the new venue {record['name']}.")
    return _venue_page(found, form, None)


@bp.route("/<int:organisation_id>/venues/<venue_key>", methods=["GET", "POST"])
@access(ORGANISATION_EDITOR)
def change_venue(organisation_id: int, venue_key: str) -> str | Response:
    found = _Editing(organisation_id)
    record = found.record(VENUES, venue_key)
    form = VenueForm(data=record)
    if form.validate_on_submit():
        changed = form.record(record["key"])
        records = service_changes.with_record(found.records, VENUES, changed)
        return found.send(records, f"Sent for review: the changes to {changed['name']}.")
    return _venue_page(found, form, record)


@bp.route("/<int:organisation_id>/venues/<venue_key>/remove", methods=["GET", "POST"])
@access(ORGANISATION_EDITOR)
def remove_venue(organisation_id: int, venue_key: str) -> str | Response:
    found = _Editing(organisation_id)
    record = found.record(VENUES, venue_key)
    form = RemoveForm()
    if form.validate_on_submit():
        records = service_changes.without_venue(found.records, record["key"])
        return found.send(records, f"Sent for review: removing the venue {record['name']}.")
    return found.page(
        "remove_venue.html",
        form=form,
        record=record,
        run_there=service_changes.services_at(found.records, record["key"]),
    )
