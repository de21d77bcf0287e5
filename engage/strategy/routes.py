from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from engage.core.access import ADMIN, PUBLIC, access
from engage.core.db import db
from engage.strategy import services
from engage.strategy.forms import NewPriorityForm, NewVersionForm, ObjectiveForm, PriorityForm
from engage.strategy.models import Strategy
from engage.strategy.period import period_status

bp = Blueprint("strategy", __name__)

NOT_EDITABLE = "Only the current version can be changed. Older versions are kept as they were."


@bp.errorhandler(services.NotEditable)
def not_editable(error: services.NotEditable) -> Response:
    flash(NOT_EDITABLE, "important")
    return redirect(url_for("strategy.manage"))


@bp.route("/strategy")
@access(PUBLIC)
def current() -> str:
    strategy = services.current_strategy() or abort(404)
    return _show(strategy)


@bp.route("/strategy/versions/<int:strategy_id>")
@access(PUBLIC)
def version(strategy_id: int) -> str:
    strategy = services.get_strategy(strategy_id) or abort(404)
    return _show(strategy)


def _show(strategy: Strategy) -> str:
    return render_template(
        "strategy/show.html",
        strategy=strategy,
        status=period_status(strategy),
        versions=services.versions(),
    )


@bp.route("/admin/strategy")
@access(ADMIN)
def manage() -> str:
    strategy = services.current_strategy()
    return render_template("strategy/manage.html", strategy=strategy, versions=services.versions())


@bp.route("/admin/strategy/new-version", methods=["GET", "POST"])
@access(ADMIN)
def new_version() -> str | Response:
    current = services.current_strategy() or abort(404)
    form = NewVersionForm()
    if form.validate_on_submit():
        new = services.start_next_version(
            current,
            title=form.title.data,
            period_start=form.period_start.data,
            period_end=form.period_end.data,
        )
        db.session.commit()
        flash(
            f"Version {new.version} started. Version {current.version} is kept as it was.",
            "success",
        )
        return redirect(url_for("strategy.manage"))
    if not form.is_submitted():
        form.title.data = current.title
    return render_template("strategy/new_version.html", form=form, current=current)


@bp.route("/admin/strategy/objectives/<int:objective_id>", methods=["GET", "POST"])
@access(ADMIN)
def edit_objective(objective_id: int) -> str | Response:
    objective = services.get_objective(objective_id) or abort(404)
    services.check_editable(objective.strategy)
    form = ObjectiveForm(obj=objective)
    if form.validate_on_submit():
        services.edit_objective(objective, title=form.title.data, summary=form.summary.data)
        db.session.commit()
        flash(f"{objective.code} saved.", "success")
        return redirect(url_for("strategy.manage"))
    return render_template("strategy/edit_objective.html", form=form, objective=objective)


@bp.route("/admin/strategy/objectives/<int:objective_id>/priorities/new", methods=["GET", "POST"])
@access(ADMIN)
def add_priority(objective_id: int) -> str | Response:
    objective = services.get_objective(objective_id) or abort(404)
    services.check_editable(objective.strategy)
    form = NewPriorityForm()
    if form.validate_on_submit():
        if services.code_in_use(objective, form.code.data):
            form.code.errors = [f"{form.code.data} is already used. Choose another code"]
        else:
            priority = services.add_priority(objective, code=form.code.data, title=form.title.data)
            db.session.commit()
            flash(f"{priority.code} added.", "success")
            return redirect(url_for("strategy.manage"))
    return render_template("strategy/add_priority.html", form=form, objective=objective)


@bp.route("/admin/strategy/priorities/<int:priority_id>", methods=["GET", "POST"])
@access(ADMIN)
def edit_priority(priority_id: int) -> str | Response:
    priority = services.get_priority(priority_id) or abort(404)
    services.check_editable(priority.strategy)
    form = PriorityForm(obj=priority)
    if form.validate_on_submit():
        services.edit_priority(priority, title=form.title.data)
        db.session.commit()
        flash(f"{priority.code} saved.", "success")
        return redirect(url_for("strategy.manage"))
    return render_template("strategy/edit_priority.html", form=form, priority=priority)


@bp.route("/admin/strategy/priorities/<int:priority_id>/retire", methods=["POST"])
@access(ADMIN)
def retire_priority(priority_id: int) -> Response:
    return _set_retired(priority_id, retired=True)


@bp.route("/admin/strategy/priorities/<int:priority_id>/restore", methods=["POST"])
@access(ADMIN)
def restore_priority(priority_id: int) -> Response:
    return _set_retired(priority_id, retired=False)


def _set_retired(priority_id: int, *, retired: bool) -> Response:
    priority = services.get_priority(priority_id) or abort(404)
    services.set_retired(priority, retired)
    db.session.commit()
    flash(f"{priority.code} {'retired' if retired else 'restored'}.", "success")
    return redirect(url_for("strategy.manage"))
