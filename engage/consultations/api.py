"""What other packages may use of consultations: the demo and scale data. Everything else in
engage/consultations is its own."""

from engage.consultations.annual import (
    OutcomeInYear,
    first_consultation_year,
    outcomes_published_between,
)
from engage.consultations.demo import create_demo_consultations
from engage.consultations.demo_responses import (
    add_scale_consultation,
    create_demo_consultation_responses,
)
from engage.consultations.evidence import evidence_for_priorities
from engage.consultations.personal_data import personal_data

__all__ = [
    "OutcomeInYear",
    "add_scale_consultation",
    "create_demo_consultation_responses",
    "create_demo_consultations",
    "evidence_for_priorities",
    "first_consultation_year",
    "outcomes_published_between",
    "personal_data",
]

# The retention schedule (engage/retention, `flask apply-retention`).
# Erasure requests (engage/rights): what would be erased for a person, and erasing it.
from engage.consultations.erasure import erase as erase
from engage.consultations.erasure import erasure_plan as erasure_plan
from engage.consultations.retention import apply_retention as apply_retention
