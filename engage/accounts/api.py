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
    "revoke_role",
    "role_name",
    "role_names",
    "signed_in",
    "user_ids_matching",
    "users_with_role",
]
