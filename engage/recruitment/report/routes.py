"""The fairness report for a round and the round's exports (see report_services and exports).

Who may use these: the round's lead officer (or an admin) holding the equality data role
(``report_access.ROUND_REPORT``). Every view and export is written to the audit log."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import SelectChoice, SelectField

from engage.core.access import access
from engage.core.audit import record_event
from engage.core.db import db
from engage.core.exports import download
from engage.core.forms import BaseForm
from engage.monitoring.api import aggregates_viewed
from engage.recruitment.report import exports
from engage.recruitment.report import services as report_services
from engage.recruitment.report.panel_make_up import panel_make_up
from engage.recruitment.report_access import ROUND_REPORT
from engage.recruitment.services import round_or_404
from engage.recruitment.stages import round_state

bp = Blueprint("report", __name__, url_prefix="/admin/round-reports")

ROUND_EXPORTED = "round_exported"


class CharacteristicForm(BaseForm):
    """A GET form (no CSRF token): which characteristic the report shows."""

    class Meta:
        csrf = False

    characteristic = SelectField(
        "Characteristic",
        widget=GovSelect(),
        default=report_services.DEFAULT_CHARACTERISTIC,
        invalid_choice_message="Choose a characteristic from the list",
    )

    def load_choices(self) -> None:
        self.characteristic.choices = [
            SelectChoice(key, c.label) for key, c in report_services.REPORT_CHARACTERISTICS.items()
        ]
        if self.characteristic.data is None:
            self.characteristic.data = report_services.DEFAULT_CHARACTERISTIC


@bp.route("/rounds/<int:round_id>")
@access(ROUND_REPORT)
def report(round_id: int) -> str:
    round_ = round_or_404(round_id)
    form = CharacteristicForm(request.args)
    form.load_choices()
    chosen = form.characteristic.data if form.validate() else None
    result = report_services.round_report(round_)
    make_up = panel_make_up(round_, chosen) if chosen else []
    page = render_template(
        "recruitment/report/round.html",
        round=round_,
        status=round_state(round_),
        report=result,
        form=form,
        breakdown=result.characteristics.get(chosen) if chosen else None,
        make_up=make_up,
        stages=report_services.STAGES,
    )
    # Recorded once the page is made (committing first would make every record on it be
    # read again from the database).
    aggregates_viewed(
        current_user,
        f"recruitment round {round_.id}: fairness report",
        round_id=round_.id,
        characteristic=chosen or "",
    )
    db.session.commit()
    return page


@bp.route("/rounds/<int:round_id>/applications.csv")
@access(ROUND_REPORT)
def applications_csv(round_id: int) -> Response:
    return _applications_export(round_id, "csv")


@bp.route("/rounds/<int:round_id>/applications.xlsx")
@access(ROUND_REPORT)
def applications_xlsx(round_id: int) -> Response:
    return _applications_export(round_id, "xlsx")


@bp.route("/rounds/<int:round_id>/monitoring.csv")
@access(ROUND_REPORT)
def monitoring_csv(round_id: int) -> Response:
    return _monitoring_export(round_id, "csv")


@bp.route("/rounds/<int:round_id>/monitoring.xlsx")
@access(ROUND_REPORT)
def monitoring_xlsx(round_id: int) -> Response:
    return _monitoring_export(round_id, "xlsx")


def _applications_export(round_id: int, extension: str) -> Response:
    """One row per sent application, without monitoring answers or access needs."""
    round_ = round_or_404(round_id)
    sheet = exports.applications_sheet(round_)
    record_event(
        ROUND_EXPORTED,
        object_type="recruitment_round",
        object_id=round_.id,
        what="applications",
        format=extension,
        rows=len(sheet.rows),
    )
    db.session.commit()
    return download(sheet, f"round-{round_.id}-applications", extension)


def _monitoring_export(round_id: int, extension: str) -> Response:
    """The report's published tables only: no row per person."""
    round_ = round_or_404(round_id)
    result = report_services.round_report(round_)
    aggregates_viewed(
        current_user,
        f"recruitment round {round_.id}: monitoring export",
        round_id=round_.id,
        format=extension,
    )
    db.session.commit()
    # CSV holds one table, so the report's tables go in one long one; XLSX has a sheet each.
    if extension == "csv":
        sheets = [exports.monitoring_table(result)]
    else:
        sheets = exports.monitoring_sheets(result)
    return download(sheets, f"round-{round_.id}-monitoring", extension)
