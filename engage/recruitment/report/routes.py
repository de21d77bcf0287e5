"""The fairness report for a round and the round's exports (see report_services and exports).

Who may see what is report_access's and stages.report_level's: people with the equality data
role, at the restricted level (exact counts, on screen only) if they take no part in the
round's decisions, else at the shared level once the outcomes are sent, and nothing before.
The applications export is the lead officer's. Every view and export is audited."""

from __future__ import annotations

from flask import Blueprint, Response, make_response, render_template, request, url_for
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import SelectChoice, SelectField

from engage.core.access import access
from engage.core.audit import record_event
from engage.core.db import db
from engage.core.errors import refused_go_to
from engage.core.exports import download
from engage.core.forms import BaseForm
from engage.monitoring.api import aggregates_viewed
from engage.recruitment.access import LEAD_OFFICER, is_lead
from engage.recruitment.report import exports
from engage.recruitment.report import services as report_services
from engage.recruitment.report.panel_make_up import panel_make_up
from engage.recruitment.report.restricted import restricted_breakdown
from engage.recruitment.report.tables import breakdown_table, progression_table, restricted_table
from engage.recruitment.report_access import ROUND_REPORT, level_for, takes_part_in_decisions
from engage.recruitment.services import round_or_404
from engage.recruitment.stages import ReportLevel, check_can_export_figures, round_state

bp = Blueprint("report", __name__, url_prefix="/admin/round-reports")
# templates/recruitment/report/_macros.html names these.
bp.add_app_template_global(breakdown_table, "report_breakdown_table")
bp.add_app_template_global(progression_table, "report_progression_table")
bp.add_app_template_global(restricted_table, "report_restricted_table")

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
def report(round_id: int) -> Response | str:
    round_ = round_or_404(round_id)
    level = level_for(current_user, round_)
    form = CharacteristicForm(request.args)
    form.load_choices()
    chosen = form.characteristic.data if form.validate() else None
    figures: dict[str, object] = {}
    if level != ReportLevel.NONE:
        counts = report_services.round_counts(round_, only=[chosen] if chosen else [])
        figures = {
            "report": report_services.round_report(round_, counts),
            "make_up": panel_make_up(round_, chosen) if chosen else [],
            "restricted": restricted_breakdown(counts, chosen)
            if chosen and level == ReportLevel.RESTRICTED
            else None,
        }
    page = render_template(
        "recruitment/report/round.html",
        round=round_,
        status=round_state(round_),
        level=level,
        levels=ReportLevel,
        form=form,
        chosen=chosen,
        stages=report_services.STAGES,
        can_export_applications=is_lead(current_user, round_.id),
        breakdown=figures["report"].characteristics.get(chosen) if chosen and figures else None,
        **figures,
    )
    if level != ReportLevel.NONE:
        # Recorded once the page is made (committing first would make every record on it
        # be read again from the database).
        aggregates_viewed(
            current_user,
            f"recruitment round {round_.id}: fairness report ({level})",
            round_id=round_.id,
            characteristic=chosen or "",
            level=str(level),
        )
        db.session.commit()
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"  # equality figures: never kept in a cache
    return response


@bp.route("/rounds/<int:round_id>/applications.csv")
@access(LEAD_OFFICER)
def applications_csv(round_id: int) -> Response:
    return _applications_export(round_id, "csv")


@bp.route("/rounds/<int:round_id>/applications.xlsx")
@access(LEAD_OFFICER)
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
    """The report's shared tables only (never the restricted level): no row per person."""
    round_ = round_or_404(round_id)
    # A decision-maker before the outcomes goes back to the report, which says why.
    with refused_go_to(url_for("recruitment.report.report", round_id=round_.id)):
        check_can_export_figures(
            round_, takes_part_in_decisions=takes_part_in_decisions(current_user, round_.id)
        )
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
