"""Password rules and hashing (scrypt, through Werkzeug)."""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

from flask import current_app, has_app_context
from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 12
MAX_LENGTH = 256


@cache
def _common_passwords() -> frozenset[str]:
    # 20,000 common passwords compiled by Royce Williams, as shipped by Django (BSD licence);
    # see engage/data/PROVENANCE.md.
    data = resources.files("engage.data").joinpath("common-passwords.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode().split())


def password_problem(password: str, email: str | None = None) -> str | None:
    """Why ``password`` cannot be used, in words for the person choosing it, or None."""
    if len(password) < MIN_LENGTH:
        return f"Password must be {MIN_LENGTH} characters or more"
    if len(password) > MAX_LENGTH:
        return f"Password must be {MAX_LENGTH} characters or fewer"
    lowered = password.lower()
    if lowered in _common_passwords() or lowered.strip() in _common_passwords():
        return "This password is too common. Choose one that is harder to guess"
    if len(set(password)) < 4:
        return "Password must use more than a few different characters"
    if email and lowered.strip() in (email.lower(), email.split("@")[0].lower()):
        return "Password must not be your email address"
    return None


def hash_password(password: str) -> str:
    # Tests set a cheaper scrypt cost through PASSWORD_HASH_METHOD; production uses the default.
    method = "scrypt"
    if has_app_context():
        method = current_app.config.get("PASSWORD_HASH_METHOD", method)
    return generate_password_hash(password, method=method)


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


@cache
def dummy_hash() -> str:
    """Checked against when no account matches, so a failed sign-in takes as long either way."""
    return hash_password("not-a-real-password-for-timing")
