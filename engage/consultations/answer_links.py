"""The emailed "come back to your response" link, for someone answering without an account:
engage/core/resume_links.py's links (only the newest works; 30 days; none once the response
is sent). None of these functions commits: the route commits."""

from __future__ import annotations

from engage.consultations.models import Consultation, ConsultationResponse
from engage.core.email import queue_email
from engage.core.resume_links import (  # noqa: F401 - the errors callers catch
    LinkExpired,
    LinkInvalid,
    ResumeLinks,
)

LINKS = ResumeLinks(
    ConsultationResponse,
    salt="engage.consultation-response-resume",
    endpoint="consultations.answer.resume",
)


def send_link(response: ConsultationResponse, consultation: Consultation, address: str) -> None:
    """Keep ``address`` on the response and email it a fresh link (any earlier link stops
    working)."""
    response.email = address
    queue_email(
        address,
        "consultation-response-saved",
        f"Come back to your response: {consultation.title}",
        link=LINKS.new_link(response),
        consultation=consultation,
    )


def response_for_token(token: str) -> ConsultationResponse:
    """The response a link opens. Raises LinkExpired or LinkInvalid."""
    return LINKS.record_for(token)
