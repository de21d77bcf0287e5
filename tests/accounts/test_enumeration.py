"""Registering, asking for a password reset and asking for a new confirmation link do the
same work whether or not the address has an account, so the time taken tells nobody who
has one. (Timing itself is measured by scripts/measure_account_timing.py, not here.)"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from engage.accounts import services, tokens
from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.core.email import OutboxMessage
from tests.conftest import post_form
from tests.factories import PASSWORD


@pytest.fixture
def work(monkeypatch) -> Counter:
    """Counts the expensive or telling steps: hashing a password, making a signed link."""
    done: Counter = Counter()
    real_hash, real_token = services.hash_password, tokens.make_token

    def hash_password(password: str) -> str:
        done["password hashed"] += 1
        return real_hash(password)

    def make_token(purpose: str, payload: dict) -> str:
        done[f"{purpose} link made"] += 1
        return real_token(purpose, payload)

    monkeypatch.setattr(services, "hash_password", hash_password)
    monkeypatch.setattr(tokens, "make_token", make_token)
    return done


def rows(app) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count(AuditEvent.id))),
            db.session.scalar(select(func.count(OutboxMessage.id))),
        )


def registration(email: str) -> dict[str, str]:
    return {
        "full_name": "Some Person",
        "email": email,
        "password": PASSWORD,
        "confirm_password": PASSWORD,
    }


def test_register_hashes_the_password_for_a_known_address_too(app, client, make_user, work):
    make_user(email="known@example.org")
    response = post_form(client, "/register", registration("known@example.org"))
    assert response.headers["Location"] == "/register/check-your-email"
    known = dict(work)
    work.clear()
    response = post_form(client, "/register", registration("new@example.org"))
    assert response.headers["Location"] == "/register/check-your-email"
    assert known["password hashed"] == 1
    assert dict(work)["password hashed"] == 1


def test_password_reset_does_the_same_work_for_an_unknown_address(app, client, make_user, work):
    make_user(email="known@example.org")
    before = rows(app)
    response = post_form(client, "/forgotten-password", {"email": "known@example.org"})
    assert response.headers["Location"] == "/forgotten-password/check-your-email"
    known, after_known = dict(work), rows(app)
    work.clear()
    response = post_form(client, "/forgotten-password", {"email": "nobody@example.org"})
    assert response.headers["Location"] == "/forgotten-password/check-your-email"
    unknown, after_unknown = dict(work), rows(app)

    assert known == unknown == {"reset-password link made": 1}
    # Each writes one audit event; only the known address gets an email.
    assert after_known[0] - before[0] == after_unknown[0] - after_known[0] == 1
    assert (after_known[1] - before[1], after_unknown[1] - after_known[1]) == (1, 0)


def test_new_confirmation_link_does_the_same_work_either_way(app, client, make_user, work):
    make_user(email="waiting@example.org", email_verified_at=None)
    make_user(email="confirmed@example.org")
    done = {}
    for email in ("waiting@example.org", "confirmed@example.org", "nobody@example.org"):
        work.clear()
        before = rows(app)
        response = post_form(client, "/verify-email/send-again", {"email": email})
        assert response.headers["Location"] == "/register/check-your-email"
        after = rows(app)
        done[email] = (dict(work), after[0] - before[0], after[1] - before[1])
    assert done == {
        "waiting@example.org": ({"verify-email link made": 1}, 1, 1),
        "confirmed@example.org": ({"verify-email link made": 1}, 1, 0),
        "nobody@example.org": ({"verify-email link made": 1}, 1, 0),
    }
