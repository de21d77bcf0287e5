"""Shared by the telling tests: walking the online journey with the test client, and
reading what was stored."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engage.core.db import db
from engage.core.email import OutboxMessage
from engage.stories.models import Story
from tests.conftest import csrf_token

LIVERPOOL = "E08000012"
STORY = {
    "what_happened": "The ramp at the bus station was blocked by bins for a fortnight.",
    "area": LIVERPOOL,
    "place": "Liverpool ONE bus station",
    "when_happened": "this_month",
    "what_would_help": "Keep the ramp clear.",
}
ANONYMOUS = {"who": "anonymous", "consent_quote": "yes", "consent_publish": "no"}
NAMED = {
    "who": "named",
    "name": "Priya Teller",
    "email": "priya@example.org",
    "phone": "0151 555 0100",
    "consent_quote": "no",
    "consent_publish": "yes",
    "consent_contact": "yes",
}


def post(client: Any, url: str, data: dict[str, Any], **kwargs: Any) -> Any:
    token = csrf_token(client.get(url, **kwargs))
    return client.post(url, data={"csrf_token": token, **data}, **kwargs)


def tell(
    client: Any,
    story: dict[str, Any] | None = None,
    about: dict[str, Any] | None = None,
    equality: dict[str, Any] | None = None,
    *,
    version: str = "",
    send: bool = True,
) -> Any:
    """Walk the journey to check your answers (and send, unless ``send`` is false);
    returns the last response."""
    begin = "/tell-us/begin" + (f"?version={version}" if version else "")
    assert client.get(begin).headers["Location"] == "/tell-us/story"
    went = post(client, "/tell-us/story", story or STORY)
    assert went.headers["Location"] == "/tell-us/about-you", went.get_data(as_text=True)[:3000]
    went = post(client, "/tell-us/about-you", about or ANONYMOUS)
    assert went.headers["Location"] == "/tell-us/equality", went.get_data(as_text=True)[:3000]
    went = post(client, "/tell-us/equality", equality or {"skip": "1"})
    assert went.headers["Location"] == "/tell-us/check"
    if not send:
        return went
    return post(client, "/tell-us/check", {"website": ""})


def stories(app: Any) -> list[Story]:
    with app.app_context():
        found = list(db.session.scalars(select(Story).order_by(Story.id)))
        db.session.expunge_all()
        return found


def emails(app: Any, kind: str) -> list[OutboxMessage]:
    with app.app_context():
        found = list(
            db.session.scalars(
                select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
            )
        )
        db.session.expunge_all()
        return found
