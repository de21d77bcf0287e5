"""What other packages may use of the directory: which listed organisations serve given
communities in given areas (consultations ask it to suggest who could help reach the groups
they are missing), the taxonomy of communities with its link to equality monitoring answers,
the demo and scale data, the reminders to confirm entries (a scheduled command), and the
strategy measure of diverse-led suppliers by financial year (from commissioning awards).
Everything else in engage/directory is its own."""

from engage.directory.demo import add_organisations, create_demo_organisations
from engage.directory.demo_editing import create_demo_editing
from engage.directory.evidence import evidence_for_priorities, organisations_by_community
from engage.directory.opportunities.report import SupplierYear, supplier_diversity_by_year
from engage.directory.personal_data import personal_data
from engage.directory.reminders import send_confirmation_reminders
from engage.directory.services import OrganisationSummary, organisations_serving
from engage.directory.taxonomy import COMMUNITIES, communities_for

__all__ = [
    "COMMUNITIES",
    "OrganisationSummary",
    "SupplierYear",
    "add_organisations",
    "communities_for",
    "create_demo_editing",
    "create_demo_organisations",
    "evidence_for_priorities",
    "organisations_by_community",
    "organisations_serving",
    "personal_data",
    "send_confirmation_reminders",
    "supplier_diversity_by_year",
]

# Erasure requests (engage/rights): what would be erased for a person, and erasing it.
from engage.directory.erasure import erase as erase
from engage.directory.erasure import erasure_plan as erasure_plan
