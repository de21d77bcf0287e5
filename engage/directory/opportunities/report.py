"""The Equality Strategy's measure "diverse-owned community suppliers onboarded and awarded
contracts, and their share of value", by financial year (1 April to 31 March), from the
awards officers record and the organisations listed in the directory. "Diverse-led": the
organisation says it is led by a community it serves (any taxonomy.LED_BY term).

Every figure counts organisations or money, not people, so no disclosure control applies:
equality monitoring's small-number suppression is for counts of people. Each figure is
summed by the database, a GROUP BY per question (two queries), whatever the number of
awards."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, distinct, extract, func, select

from engage.core.db import db
from engage.core.exports import Share, Sheet
from engage.directory import stages
from engage.directory.models import Organisation, OrganisationTerm
from engage.directory.opportunities.models import OpportunityAward
from engage.directory.opportunities.rules import financial_year_label
from engage.directory.taxonomy import LED_BY


@dataclass(frozen=True)
class SupplierYear:
    """One financial year of the measure. Money in pence."""

    start_year: int  # the year of its 1 April
    organisations_awarded: int
    diverse_led_awarded: int
    newly_onboarded: int  # listed organisations that joined the directory that year
    newly_onboarded_diverse_led: int
    value_pence: int
    diverse_led_value_pence: int

    @property
    def label(self) -> str:
        return financial_year_label(self.start_year)

    @property
    def diverse_led_share(self) -> float | None:
        """The diverse-led organisations' share of the value awarded (None: nothing awarded)."""
        return self.diverse_led_value_pence / self.value_pence if self.value_pence else None


def financial_year(column: Any) -> Any:
    """The year a date's financial year starts in: January to March belong to the year
    before's."""
    return extract("year", column) - case((extract("month", column) < 4, 1), else_=0)


def _led() -> Any:
    return select(OrganisationTerm.organisation_id).where(OrganisationTerm.taxonomy == LED_BY.key)


def supplier_diversity_by_year() -> list[SupplierYear]:
    """Every financial year with an award or a newly listed organisation, the latest first."""
    led = OpportunityAward.organisation_id.in_(_led())
    year = financial_year(OpportunityAward.awarded_on).label("year")
    awarded = {
        int(row.year): row
        for row in db.session.execute(
            select(
                year,
                func.count(distinct(OpportunityAward.organisation_id)).label("organisations"),
                func.count(distinct(case((led, OpportunityAward.organisation_id)))).label("led"),
                func.coalesce(func.sum(OpportunityAward.value_pence), 0).label("value"),
                func.coalesce(
                    func.sum(case((led, OpportunityAward.value_pence), else_=0)), 0
                ).label("led_value"),
            ).group_by(year)
        )
    }
    joined_year = financial_year(Organisation.created_at).label("year")
    joined = {
        int(row.year): row
        for row in db.session.execute(
            select(
                joined_year,
                func.count(Organisation.id).label("organisations"),
                func.count(case((Organisation.id.in_(_led()), Organisation.id))).label("led"),
            )
            .where(Organisation.status == stages.LISTED)
            .group_by(joined_year)
        )
    }
    years = []
    for start in sorted(awarded.keys() | joined.keys(), reverse=True):
        a, j = awarded.get(start), joined.get(start)
        years.append(
            SupplierYear(
                start_year=start,
                organisations_awarded=a.organisations if a else 0,
                diverse_led_awarded=a.led if a else 0,
                newly_onboarded=j.organisations if j else 0,
                newly_onboarded_diverse_led=j.led if j else 0,
                value_pence=int(a.value) if a else 0,
                diverse_led_value_pence=int(a.led_value) if a else 0,
            )
        )
    return years


HEADERS = (
    "Financial year (April to March)",
    "Organisations awarded",
    "Diverse-led organisations awarded",
    "Organisations newly listed in the directory",
    "Diverse-led organisations newly listed",
    "Value awarded (£)",
    "Value to diverse-led organisations (£)",
    "Diverse-led share of value",
)


def report_sheet(years: list[SupplierYear]) -> Sheet:
    sheet = Sheet("Diverse-led suppliers", HEADERS)
    for y in years:
        sheet.rows.append((
            y.label, y.organisations_awarded, y.diverse_led_awarded, y.newly_onboarded,
            y.newly_onboarded_diverse_led, y.value_pence / 100, y.diverse_led_value_pence / 100,
            None if y.diverse_led_share is None else Share(y.diverse_led_share),
        ))  # fmt: skip
    return sheet
