"""Two-factor sign-in for staff: TOTP (RFC 6238, any authenticator app) and recovery codes."""

from __future__ import annotations

import hashlib
import secrets
import time

import pyotp
import segno

from engage.accounts.models import RecoveryCode, User
from engage.core.audit import record_event
from engage.core.db import db, utcnow

ISSUER = "LCR Engage"
RECOVERY_CODE_COUNT = 10


def start_setup(user: User) -> str:
    """Give the user a new, unconfirmed secret (kept until they confirm a code)."""
    if not user.totp_secret:
        user.totp_secret = pyotp.random_base32()
    return user.totp_secret


def provisioning_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_code_data_uri(user: User) -> str:
    """The provisioning URI as an SVG QR code, for an <img> (no inline SVG or style)."""
    return segno.make(provisioning_uri(user), error="m").svg_data_uri(scale=5, border=2)


def _clean(code: str) -> str:
    # ASCII only: "²" and "٣" pass str.isdigit() but are not what an authenticator shows.
    return "".join(ch for ch in code if ch.isascii() and ch.isalnum()).lower()


def verify_totp(user: User, code: str) -> bool:
    """Check a 6-digit code, allowing one 30-second step of clock drift either way. A code
    that has been used once is refused, so a code read over a shoulder cannot be replayed."""
    code = _clean(code)
    if not user.totp_secret or len(code) != 6 or not code.isdigit():
        return False
    totp = pyotp.TOTP(user.totp_secret)
    now_step = int(time.time()) // totp.interval
    for step in (now_step - 1, now_step, now_step + 1):
        if secrets.compare_digest(totp.at(step * totp.interval), code):
            if user.last_totp_step is not None and step <= user.last_totp_step:
                return False
            user.last_totp_step = step
            return True
    return False


def confirm_setup(user: User, code: str) -> list[str] | None:
    """Finish setup with a first code. Returns fresh recovery codes, or None if wrong."""
    if not verify_totp(user, code):
        return None
    user.totp_confirmed_at = utcnow()
    record_event("mfa_enabled", object_type="user", object_id=user.id)
    return new_recovery_codes(user)


def _code_hash(cleaned: str) -> str:
    # Recovery codes are 48 random bits, so a fast hash is enough (unlike passwords).
    return hashlib.sha256(cleaned.encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes; the plain codes are shown once and not stored."""
    for old in list(user.recovery_codes):
        user.recovery_codes.remove(old)
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODE_COUNT)]
    for code in codes:
        user.recovery_codes.append(RecoveryCode(code_hash=_code_hash(_clean(code))))
    record_event("recovery_codes_created", object_type="user", object_id=user.id)
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    cleaned = _clean(code)
    if len(cleaned) != 12:
        return False
    wanted = _code_hash(cleaned)
    for stored in user.recovery_codes:
        if stored.used_at is None and secrets.compare_digest(stored.code_hash, wanted):
            stored.used_at = utcnow()
            record_event("recovery_code_used", object_type="user", object_id=user.id)
            return True
    return False


def unused_recovery_codes(user: User) -> int:
    return sum(1 for code in user.recovery_codes if code.used_at is None)


def reset_mfa(user: User, *, by: User) -> None:
    """An admin clears someone's authenticator so they set it up again at next sign-in."""
    user.totp_secret = None
    user.totp_confirmed_at = None
    user.last_totp_step = None
    for old in list(user.recovery_codes):
        user.recovery_codes.remove(old)
    db.session.flush()
    record_event("mfa_reset", object_type="user", object_id=user.id, actor_id=by.id)
