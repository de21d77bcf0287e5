"""What other packages may use of recruitment: what it holds about one person (their data
download), and what the tracker, the annual report, erasure and retention ask of it.
Everything else in engage/recruitment is its own."""

from engage.recruitment.annual import (
    FairnessInYear,
    PanelInYear,
    RoundInYear,
    fairness_between,
    first_round_year,
    panel_make_up_between,
)
from engage.recruitment.personal_data import email_for_reference, personal_data

__all__ = [
    "FairnessInYear",
    "PanelInYear",
    "RoundInYear",
    "email_for_reference",
    "fairness_between",
    "first_round_year",
    "panel_make_up_between",
    "personal_data",
]

# The retention schedule (engage/retention, `flask apply-retention`).
# Erasure requests (engage/rights): what would be erased for a person, and erasing it.
from engage.recruitment.erasure import erase as erase
from engage.recruitment.erasure import erasure_plan as erasure_plan

# What the strategy tracker shows for each priority (engage/tracker).
from engage.recruitment.evidence import evidence_for_priorities as evidence_for_priorities
from engage.recruitment.retention import apply_retention as apply_retention
