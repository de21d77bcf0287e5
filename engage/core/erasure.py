"""What each feature answers when a person asks for their data to be erased (engage/rights):
its plan (what it would delete, what it would anonymise, and what it must keep, with the
reason in words) and, when staff carry the request out, what it did.

A plan's words are shown to staff and kept on the erasure request after the person's data is
gone, so they name the kind of record and its context (a round's title, a consultation's
title) but never the person: no name, email address, reference or their own words."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Action(StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"
    KEEP = "keep"


ACTION_LABELS = {
    Action.DELETE: "Deleted",
    Action.ANONYMISE: "Kept without anything that identifies the person",
    Action.KEEP: "Kept",
}


@dataclass(frozen=True)
class Item:
    """One record (or a group of like records) and what happens to it. ``reason`` says why
    a record is anonymised or kept; a deleted record needs none."""

    action: Action
    what: str
    reason: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"action": str(self.action), "what": self.what, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Item:
        return cls(Action(data["action"]), str(data.get("what", "")), str(data.get("reason", "")))


def delete(what: str) -> Item:
    return Item(Action.DELETE, what)


def anonymise(what: str, reason: str) -> Item:
    return Item(Action.ANONYMISE, what, reason)


def keep(what: str, reason: str) -> Item:
    return Item(Action.KEEP, what, reason)


@dataclass
class ErasurePlan:
    """What one feature would do (``feature``: its name in words, "Panel recruitment")."""

    feature: str
    items: list[Item] = field(default_factory=list)
    # Set when the person's account must stay (a seat they hold needs it): why, in words.
    account_needed: str = ""

    def of(self, action: Action) -> list[Item]:
        return [item for item in self.items if item.action == action]

    @property
    def to_delete(self) -> list[Item]:
        return self.of(Action.DELETE)

    @property
    def to_anonymise(self) -> list[Item]:
        return self.of(Action.ANONYMISE)

    @property
    def to_keep(self) -> list[Item]:
        return self.of(Action.KEEP)


@dataclass
class ErasureResult:
    """What one feature did: the plan's items it carried out (kept items included, so the
    record says what was kept and why)."""

    feature: str
    items: list[Item] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "items": [item.as_dict() for item in self.items]}


def counted(count: int, one: str, many: str) -> str:
    """ "1 draft application" / "3 draft applications"."""
    return f"{count:,} {one if count == 1 else many}"
