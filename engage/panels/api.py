"""What other packages may use of the panels: the three panels, appointing members for a
term and what a round needs to know of the seats it filled, the term fields of an
appointment form, and how recruitment tells the panels' pages which rounds are open.
Everything else in engage/panels is its own; the import contracts keep it so."""

from engage.panels.access import current_member_emails, current_panel_ids, panels_of_members
from engage.panels.appointments import (
    appointed_application_ids,
    appointment_for_application,
    current_member_applications,
)
from engage.panels.forms import TermMixin, role_field, term_end_field, term_start_field
from engage.panels.models import CHAIR, MEMBER, MEMBERSHIP_ROLES, Panel
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
    "get_panel",
    "panels",
    "panels_of_members",
    "panels_with_ids",
    "role_field",
    "tell_panels_about_recruitment",
    "term_end_field",
    "term_start_field",
    "upsert_panel",
]
