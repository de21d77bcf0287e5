"""Accounts: registration, email verification, sign-in with two-factor for staff, passwords,
and roles (global and scoped)."""
