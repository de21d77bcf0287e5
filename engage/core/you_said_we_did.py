""" "You said, we did": what people told the authority and what it did about each point, told
the same way by every feature (draft policies now; consultations and feedback later). A
feature builds a ``YouSaidWeDid`` from its own records; templates/macros/you_said_we_did.html
shows it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Point:
    """One thing someone said, where, and what was done about it."""

    where: str  # "Paragraph 2.1 of version 1"
    said: str
    who: str  # a name only where the person agreed; otherwise how they took part
    outcome: str  # in words: "Accepted", "No outcome yet"...
    did: str  # the response


@dataclass(frozen=True)
class OutcomeRow:
    label: str  # a version and its panels, a question...
    counts: dict[str, int]  # outcome label -> how many, in OUTCOMES order

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class YouSaidWeDid:
    outcomes: list[str]  # the outcome labels, in the order they are shown
    rows: list[OutcomeRow] = field(default_factory=list)
    changes: list[tuple[str, str]] = field(default_factory=list)  # (what, what changed)

    def add_row(self, label: str, counted: Iterable[tuple[str, int]]) -> None:
        counts = dict.fromkeys(self.outcomes, 0)
        for outcome, count in counted:
            counts[outcome] = counts.get(outcome, 0) + count
        self.rows.append(OutcomeRow(label, counts))

    @property
    def headings(self) -> list[dict[str, object]]:
        """The outcome table's column headings."""
        numbers = [{"text": outcome, "numeric": True} for outcome in self.outcomes]
        return [{"text": "What"}, *numbers, {"text": "All", "numeric": True}]

    @property
    def totals(self) -> OutcomeRow:
        counts = dict.fromkeys(self.outcomes, 0)
        for row in self.rows:
            for outcome, count in row.counts.items():
                counts[outcome] = counts.get(outcome, 0) + count
        return OutcomeRow("All", counts)
