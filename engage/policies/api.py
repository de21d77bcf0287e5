"""What other packages may use of draft policies: creating a policy and adding a version
(the demo data does), and the closing-date reminders (a scheduled command). Everything else in
engage/policies is its own."""

from engage.policies.document_text import blocks_from_text, number_blocks
from engage.policies.emails import send_closing_reminders
from engage.policies.services import PolicyDetails, add_version, create_policy

__all__ = [
    "PolicyDetails",
    "add_version",
    "blocks_from_text",
    "create_policy",
    "number_blocks",
    "send_closing_reminders",
]
