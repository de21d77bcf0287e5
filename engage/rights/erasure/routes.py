"""Erasure requests: a signed-in person asks from "Your account"; administrators (data
protection sits with them: they see every feature's records and manage people) see the
requests, what each would delete and keep, and carry it out or refuse it. Endpoints are
``rights.erasure.<view>``; routes commit."""

from __future__ import annotations

from flask import Flask, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.accounts.api import AccountSection, add_account_section, get_user
from engage.core.access import ADMIN, SIGNED_IN, access
from engage.core.audit_records import Described, describe_records, get_record, link, load_records
from engage.core.data_subject import DataSubject
from engage.core.db import db
from engage.core.erasure import ACTION_LABELS, Action
from engage.core.errors import refused_go_to
from engage.core.pagination import paginate
from engage.rights.erasure import by_reference, services, stages
from engage.rights.erasure.blueprint import bp
from engage.rights.erasure.forms import AskForm, CarryOutForm, RefuseForm
from engage.rights.erasure.models import ErasureRequest
from engage.rights.references import account_subject

__all__ = ["bp", "by_reference"]  # by_reference's views are on the same blueprint
PER_PAGE = 25


def _own_subject() -> DataSubject:
    return account_subject(current_user)


@bp.route("/account/delete-my-data", methods=["GET", "POST"])
@access(SIGNED_IN)
def ask() -> str | Response:
    waiting = services.waiting_request_of(current_user.id)
    form = AskForm()
    if waiting is None and form.validate_on_submit():
        services.ask(current_user)
        db.session.commit()
        return redirect(url_for("rights.erasure.asked"))
    plan = services.plan_for(_own_subject())
    return render_template(
        "rights/erasure/ask.html", form=form, waiting=waiting, plan=plan, Action=Action
    )


@bp.route("/account/delete-my-data/asked")
@access(SIGNED_IN)
def asked() -> str | Response:
    waiting = services.waiting_request_of(current_user.id)
    if waiting is None:  # handled already, or never asked
        return redirect(url_for("rights.erasure.ask"))
    return render_template("rights/erasure/asked.html", waiting=waiting)


# Staff ------------------------------------------------------------------------------------


@bp.route("/admin/erasure-requests")
@access(ADMIN)
def requests() -> str:
    page = paginate(services.requests_statement(), per_page=PER_PAGE)
    return render_template("rights/erasure/requests.html", page=page, stages=stages)


def _request(erasure_request_id: int) -> ErasureRequest:
    return services.get_request(erasure_request_id) or abort(404)


def _request_url(found: ErasureRequest) -> str:
    return url_for("rights.erasure.request_page", erasure_request_id=found.id)


@bp.route("/admin/erasure-requests/<int:erasure_request_id>")
@access(ADMIN)
def request_page(erasure_request_id: int) -> str:
    found = _request(erasure_request_id)
    waiting = stages.is_waiting(found)
    return render_template(
        "rights/erasure/request.html",
        erasure_request=found,
        waiting=waiting,
        asker=get_user(found.user_id) if found.user_id else None,
        plan=services.plan_for(services.subject_of(found)) if waiting else None,
        recorded=services.recorded_items(found),
        form=CarryOutForm(),
        Action=Action,
        action_labels=ACTION_LABELS,
        stages=stages,
    )


@bp.route("/admin/erasure-requests/<int:erasure_request_id>/carry-out", methods=["POST"])
@access(ADMIN)
def carry_out(erasure_request_id: int) -> Response:
    found = _request(erasure_request_id)
    form = CarryOutForm()
    if not form.validate_on_submit():
        abort(400)
    with refused_go_to(_request_url(found)):
        services.carry_out(found, current_user)
    db.session.commit()
    flash("The erasure has been carried out and the person emailed.", "success")
    return redirect(_request_url(found))


@bp.route("/admin/erasure-requests/<int:erasure_request_id>/refuse", methods=["GET", "POST"])
@access(ADMIN)
def refuse(erasure_request_id: int) -> str | Response:
    found = _request(erasure_request_id)
    with refused_go_to(_request_url(found)):
        stages.check_waiting(found)
        form = RefuseForm()
        if form.validate_on_submit():
            services.refuse(found, form.reason.data, current_user)
            db.session.commit()
            flash("The request has been refused and the person emailed the reason.", "success")
            return redirect(_request_url(found))
    return render_template("rights/erasure/refuse.html", erasure_request=found, form=form)


def _described(request_id: object, details: dict) -> Described:
    found = get_record(ErasureRequest, request_id)
    if found is None:
        return Described(f"Erasure request {request_id}")
    return Described(
        f"Erasure request {found.id}",
        link("rights.erasure.request_page", erasure_request_id=found.id),
    )


def register(app: Flask) -> None:
    add_account_section(app, AccountSection("rights/erasure/_account_section.html"))
    describe_records(
        app, "erasure_request", _described, lambda ids: load_records(ErasureRequest, ids)
    )
