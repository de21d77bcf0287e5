"""What other packages may use of accounts: people, roles, the demo accounts, and the hooks
through which accounts tells other features what happened (engage/accounts/hooks.py).
Everything else in engage/accounts is its own; the import contracts (tests/architecture)
keep it so."""

from engage.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from engage.accounts.hooks import (
    AccountSection,
    add_account_section,
    email_confirmed,
    keep_on_sign_in,
    signed_in,
)
from engage.accounts.models import (
    ADMIN,
    EQUALITY_DATA,
    OFFICER,
    SAFEGUARDING,
    User,
    role_name,
    role_names,
)
from engage.accounts.personal_data import personal_data
from engage.accounts.roles import (
    create_verified_user,
    grant_role,
    holders_of_scoped_role,
    revoke_role,
    user_ids_matching,
    users_with_role,
)
from engage.accounts.services import find_user_by_email, get_user, normalise_email

__all__ = [
    "ADMIN",
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "EQUALITY_DATA",
    "OFFICER",
    "SAFEGUARDING",
    "AccountSection",
    "User",
    "add_account_section",
    "create_verified_user",
    "email_confirmed",
    "find_user_by_email",
    "get_user",
    "grant_role",
    "holders_of_scoped_role",
    "keep_on_sign_in",
    "normalise_email",
    "personal_data",
    "revoke_role",
    "role_name",
    "role_names",
    "signed_in",
    "user_ids_matching",
    "users_with_role",
]

# Erasure requests (engage/rights): what would be erased for a person, and erasing it.
from engage.accounts.erasure import erase as erase
from engage.accounts.erasure import erasure_plan as erasure_plan

# Email preferences (engage/accounts/notifications.py): the optional kinds, and whether
# someone wants one (the outbox already asks; for callers that count who was told).
from engage.accounts.notifications import OPTIONAL_EMAILS as OPTIONAL_EMAILS
from engage.accounts.notifications import wants_email as wants_email
