"""An erasure request's statuses and the rules about moving between them: asked for, then
carried out or refused (with a reason the person is told). Handling happens once: the
service claims the request by moving it out of "requested" in one conditional update."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from engage.core.errors import Refused


class Status(StrEnum):
    REQUESTED = "requested"
    CARRIED_OUT = "carried_out"
    REFUSED = "refused"


STATUS_LABELS = {
    Status.REQUESTED: "Waiting",
    Status.CARRIED_OUT: "Carried out",
    Status.REFUSED: "Refused",
}
TAG_CLASSES = {
    Status.REQUESTED: "govuk-tag--yellow",
    Status.CARRIED_OUT: "govuk-tag--green",
    Status.REFUSED: "govuk-tag--grey",
}
MAX_REASON = 2_000


class AlreadyHandled(Refused):
    """Someone else carried out or refused this request first."""


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)  # type: ignore[call-overload]


def is_waiting(request: Any) -> bool:
    return request.status == Status.REQUESTED


def check_waiting(request: Any) -> None:
    if not is_waiting(request):
        raise AlreadyHandled(
            f"This request has already been handled ({status_label(request.status).lower()})"
        )
