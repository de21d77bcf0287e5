"""Two senders at once (two instances' cron jobs, say) deliver every message exactly once, to
a real SMTP server. The claim is what makes it safe: FOR UPDATE SKIP LOCKED on PostgreSQL
(CI's second run), a conditional update everywhere."""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import func, insert, select

from engage.core.db import db, utcnow
from engage.core.email import PENDING, SENDING, SENT, OutboxMessage
from engage.core.email_sender import STALE_CLAIM, claim, release_stale_claims, send_pending
from tests.core.test_email import smtp_server  # noqa: F401 - the fixture
from tests.databases import is_postgres


def db_url(app) -> str:
    return app.config["SQLALCHEMY_DATABASE_URI"]


MESSAGES = 1000
SENDERS = 2


def queue_many(app, count: int) -> None:
    with app.app_context():
        db.session.execute(
            insert(OutboxMessage),
            [
                {
                    "recipient": f"person{number}@example.org",
                    "subject": f"Message {number}",
                    "body": "Hello",
                    "kind": "verify-email",
                    "status": PENDING,
                    "attempts": 0,
                    "created_at": utcnow(),
                }
                for number in range(count)
            ],
        )
        db.session.commit()


def test_two_senders_at_once_deliver_each_message_exactly_once(app, smtp_server):  # noqa: F811
    queue_many(app, MESSAGES)
    start = threading.Barrier(SENDERS)
    results: list[dict[str, int]] = []
    errors: list[BaseException] = []

    def sender() -> None:
        try:
            with app.app_context():
                start.wait()
                results.append(send_pending(limit=25))  # small batches: the runs interleave
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=sender) for _ in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    delivered = Counter(recipient for d in smtp_server.deliveries for recipient in d.rcpt_tos)
    assert len(delivered) == MESSAGES and set(delivered.values()) == {1}
    assert sum(result["sent"] for result in results) == MESSAGES
    if is_postgres(db_url(app)):  # SKIP LOCKED: each run takes rows the other has not
        assert all(result["sent"] > 0 for result in results), results
    with app.app_context():
        statuses = dict(
            db.session.execute(
                select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
            ).all()
        )
    assert statuses == {SENT: MESSAGES}


def test_a_claim_takes_only_messages_nobody_else_has(app):
    queue_many(app, 10)
    with app.app_context():
        first = {m.id for m in claim(6)}
        second = {m.id for m in claim(6)}
        third = claim(6)
    assert len(first) == 6 and len(second) == 4 and not first & second and third == []


def test_a_claim_left_by_a_run_that_died_is_taken_back(app):
    queue_many(app, 3)
    with app.app_context():
        claimed = claim(3)
        for message in claimed:
            message.claimed_at = utcnow() - STALE_CLAIM * 2
        db.session.commit()
        assert release_stale_claims() == 3
        statuses = set(db.session.scalars(select(OutboxMessage.status)))
    assert statuses == {PENDING} and SENDING not in statuses
