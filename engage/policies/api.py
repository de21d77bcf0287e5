"""What other packages may use of draft policies: creating a policy and adding a version
(the demo data does), and the closing-date reminders (a scheduled command). Everything else in
engage/policies is its own."""

from engage.policies.annual import PolicyInYear, first_policy_year, policies_answered_between
from engage.policies.document_text import blocks_from_text, number_blocks
from engage.policies.emails import send_closing_reminders
from engage.policies.evidence import evidence_for_priorities
from engage.policies.personal_data import personal_data
from engage.policies.services import PolicyDetails, add_version, create_policy

__all__ = [
    "PolicyDetails",
    "PolicyInYear",
    "add_version",
    "blocks_from_text",
    "create_policy",
    "evidence_for_priorities",
    "first_policy_year",
    "number_blocks",
    "personal_data",
    "policies_answered_between",
    "send_closing_reminders",
]

# Erasure requests (engage/rights): what would be erased for a person, and erasing it.
from engage.policies.erasure import erase as erase
from engage.policies.erasure import erasure_plan as erasure_plan

# The retention schedule (engage/retention, `flask apply-retention`).
from engage.policies.retention import apply_retention as apply_retention
