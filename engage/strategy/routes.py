from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from engage.core.access import ADMIN, OFFICER, PUBLIC, access
from engage.core.db import db
from engage.strategy import measures, services
from engage.strategy.contents import strategy_contents
from engage.strategy.forms import (
    ItemForm,
    MeasureForm,
    MeasureValueForm,
    NewItemForm,
    NewPriorityForm,
    NewVersionForm,
    ObjectiveForm,
    PriorityForm,
    StrategyDetailsForm,
    VisionForm,
)
from engage.strategy.models import ACTION, AMBITION, Strategy
from engage.strategy.period import period_status

bp = Blueprint("strategy", __name__)

KIND_NAMES = {ACTION: "action in the first year", AMBITION: "future ambition"}


@bp.errorhandler(services.NotEditable)
def not_editable(error: services.NotEditable) -> Response:
    """Every page that changes the strategy goes back to the strategy's page when asked to
    change an older version (there is nothing to show on a page of its own)."""
    flash(f"{error}.", "important")
    return redirect(url_for("strategy.manage"))


@bp.route("/strategy")
@access(PUBLIC)
def current() -> str:
    strategy = services.current_version() or abort(404)
    return _show(strategy)


@bp.route("/strategy/versions/<int:strategy_id>")
@access(PUBLIC)
def version(strategy_id: int) -> str:
    strategy = services.get_version(strategy_id) or abort(404)
    return _show(strategy)


def _show(strategy: Strategy) -> str:
    return render_template(
        "strategy/show.html",
        strategy=strategy,
        objectives=strategy_contents(strategy.id),
        status=period_status(strategy),
        versions=services.versions(),
    )


@bp.route("/admin/strategy")
@access(ADMIN)
def manage() -> str:
    strategy = services.current_version()
    return render_template(
        "strategy/manage.html",
        strategy=strategy,
        objectives=strategy_contents(strategy.id) if strategy else [],
        status=period_status(strategy) if strategy else None,
        versions=services.versions(),
    )


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


# The text the public page shows: title and period, vision, actions and ambitions, measures.


@bp.route("/admin/strategy/details", methods=["GET", "POST"])
@access(ADMIN)
def edit_details() -> str | Response:
    strategy = services.current_strategy() or abort(404)
    form = StrategyDetailsForm(obj=strategy)
    if form.validate_on_submit():
        services.edit_details(
            strategy,
            title=form.title.data,
            period_start=form.period_start.data,
            period_end=form.period_end.data,
        )
        db.session.commit()
        flash("Title and period saved.", "success")
        return redirect(url_for("strategy.manage"))
    return render_template("strategy/edit_details.html", form=form, strategy=strategy)


@bp.route("/admin/strategy/vision", methods=["GET", "POST"])
@access(ADMIN)
def edit_vision() -> str | Response:
    strategy = services.current_strategy() or abort(404)
    form = VisionForm()
    if form.validate_on_submit():
        services.edit_vision(strategy, form.statements())
        db.session.commit()
        flash("Vision saved.", "success")
        return redirect(url_for("strategy.manage"))
    if not form.is_submitted():
        form.vision.data = "\n".join(str(line) for line in strategy.vision)
    return render_template("strategy/edit_vision.html", form=form, strategy=strategy)


@bp.route("/admin/strategy/objectives/<int:objective_id>/items/new", methods=["GET", "POST"])
@access(ADMIN)
def add_item(objective_id: int) -> str | Response:
    objective = services.get_objective(objective_id) or abort(404)
    services.check_editable(objective.strategy)
    form = NewItemForm()
    if form.validate_on_submit():
        services.add_item(objective, kind=form.kind.data, text=form.text.data)
        db.session.commit()
        flash(f"Added to {objective.code}.", "success")
        return redirect(url_for("strategy.manage", _anchor=f"manage-{objective.code.lower()}"))
    return render_template("strategy/add_item.html", form=form, objective=objective)


@bp.route("/admin/strategy/items/<int:item_id>", methods=["GET", "POST"])
@access(ADMIN)
def edit_item(item_id: int) -> str | Response:
    item = services.get_item(item_id) or abort(404)
    objective = services.get_objective(item.objective_id)
    services.check_editable(objective.strategy)
    form = ItemForm(obj=item)
    if form.validate_on_submit():
        services.edit_item(item, text=form.text.data)
        db.session.commit()
        flash(f"{KIND_NAMES[item.kind].capitalize()} saved.", "success")
        return redirect(url_for("strategy.manage", _anchor=f"manage-{objective.code.lower()}"))
    return render_template(
        "strategy/edit_item.html", form=form, item=item, objective=objective, kinds=KIND_NAMES
    )


@bp.route("/admin/strategy/items/<int:item_id>/remove", methods=["POST"])
@access(ADMIN)
def remove_item(item_id: int) -> Response:
    item = services.get_item(item_id) or abort(404)
    objective = services.get_objective(item.objective_id)
    services.remove_item(item)
    db.session.commit()
    flash(f"{KIND_NAMES[item.kind].capitalize()} removed from {objective.code}.", "success")
    return redirect(url_for("strategy.manage", _anchor=f"manage-{objective.code.lower()}"))


@bp.route("/admin/strategy/objectives/<int:objective_id>/measures/new", methods=["GET", "POST"])
@access(ADMIN)
def add_measure(objective_id: int) -> str | Response:
    objective = services.get_objective(objective_id) or abort(404)
    services.check_editable(objective.strategy)
    form = MeasureForm()
    if form.validate_on_submit():
        services.add_measure(objective, _measure_values(form))
        db.session.commit()
        flash(f"Measure added to {objective.code}.", "success")
        return redirect(url_for("strategy.manage", _anchor=f"manage-{objective.code.lower()}"))
    return render_template(
        "strategy/edit_measure.html", form=form, objective=objective, measure=None
    )


@bp.route("/admin/strategy/measures/<int:measure_id>", methods=["GET", "POST"])
@access(ADMIN)
def edit_measure(measure_id: int) -> str | Response:
    measure = services.get_measure(measure_id) or abort(404)
    objective = services.get_objective(measure.objective_id)
    services.check_editable(objective.strategy)
    form = MeasureForm(obj=measure)
    if form.validate_on_submit():
        services.edit_measure(measure, _measure_values(form))
        db.session.commit()
        flash("Measure saved.", "success")
        return redirect(url_for("strategy.manage", _anchor=f"manage-{objective.code.lower()}"))
    return render_template(
        "strategy/edit_measure.html", form=form, objective=objective, measure=measure
    )


@bp.route("/admin/strategy/measures/<int:measure_id>/remove", methods=["POST"])
@access(ADMIN)
def remove_measure(measure_id: int) -> Response:
    measure = services.get_measure(measure_id) or abort(404)
    objective = services.get_objective(measure.objective_id)
    services.remove_measure(measure)
    db.session.commit()
    flash(f"Measure removed from {objective.code}.", "success")
    return redirect(url_for("strategy.manage", _anchor=f"manage-{objective.code.lower()}"))


def _measure_values(form: MeasureForm) -> dict[str, str]:
    return {name: getattr(form, name).data or "" for name in services.MEASURE_FIELDS}


@bp.route("/admin/strategy/measures/<int:measure_id>/values", methods=["GET", "POST"])
@access(OFFICER)
def measure_values(measure_id: int) -> str | Response:
    """An officer records what a measure stood at in a year, for any version (a value is a
    fact about a year, not part of the strategy's text)."""
    measure = services.get_measure(measure_id) or abort(404)
    objective = services.get_objective(measure.objective_id)
    form = MeasureValueForm()
    if form.validate_on_submit():
        year = int(form.year.data)
        measures.record_value(measure, year=year, value=form.value.data, source=form.source.data)
        db.session.commit()
        flash(f"Value for {year} saved.", "success")
        return redirect(url_for("strategy.measure_values", measure_id=measure.id))
    return render_template(
        "strategy/measure_values.html",
        form=form,
        measure=measure,
        objective=objective,
        values=measures.values_of_measure(measure.id),
    )
