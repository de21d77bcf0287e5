"""What other packages may use of the panels: the three panels, appointing members for a
term and what a round needs to know of the seats it filled, the term fields of an
appointment form, and how recruitment tells the panels' pages which rounds are open.
Everything else in engage/panels is its own; the import contracts keep it so."""

from engage.panels.access import current_member_emails, current_panel_ids, panels_of_members
from engage.panels.annual import first_term_year, members_serving_between
from engage.panels.appointments import (
    appointed_application_ids,
    appointment_for_application,
    current_member_applications,
)
from engage.panels.forms import TermMixin, role_field, term_end_field, term_start_field
from engage.panels.models import CHAIR, MEMBER, MEMBERSHIP_ROLES, Panel
from engage.panels.personal_data import personal_data
from engage.panels.recruiting import (
    RecruitingRound,
    RecruitmentFacts,
    tell_panels_about_recruitment,
)
from engage.panels.services import (
    apply_panel_texts,
    create_membership,
    default_term,
    get_panel,
    panels,
    panels_with_ids,
    upsert_panel,
)
from engage.panels.stages import MembershipRefused

__all__ = [
    "CHAIR",
    "MEMBER",
    "MEMBERSHIP_ROLES",
    "MembershipRefused",
    "Panel",
    "RecruitingRound",
    "RecruitmentFacts",
    "TermMixin",
    "apply_panel_texts",
    "appointed_application_ids",
    "appointment_for_application",
    "create_membership",
    "current_member_applications",
    "current_member_emails",
    "current_panel_ids",
    "default_term",
    "first_term_year",
    "get_panel",
    "members_serving_between",
    "panels",
    "panels_of_members",
    "panels_with_ids",
    "personal_data",
    "role_field",
    "tell_panels_about_recruitment",
    "term_end_field",
    "term_start_field",
    "upsert_panel",
]

# Erasure requests (engage/rights): what would be erased for a person, and erasing it.
from engage.panels.erasure import erase as erase
from engage.panels.erasure import erasure_plan as erasure_plan
