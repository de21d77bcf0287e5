"""Who may use the staff administration pages beyond the shared OFFICER and ADMIN rules."""

from __future__ import annotations

from engage.core.access import Rule
from engage.core.email import demo_mailbox_enabled

# The demo mailbox shows whole messages, secret links included. It exists only in the local
# demo (development settings, no SMTP server), where nothing is ever sent and every address is
# fictional; there anyone trying the demo may read it, since a newcomer who has just
# registered is not signed in yet. Anywhere else it answers 404, to everyone.
DEMO_MAILBOX = Rule(
    "local demo mailbox",
    lambda user, args: demo_mailbox_enabled(),
    needs_sign_in=False,
    allowed_before_mfa=True,
    refuse_with=404,
)
