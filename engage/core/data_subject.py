"""Whose data a data-rights request is about, so that every feature can answer "what do you
hold about this person?" and "erase it" (engage/rights) without knowing how they proved who
they are.

- A signed-in person: their account (``user_id``), and records they gave without signing in
  under their account's confirmed email address (``email``).
- Someone without an account: the one record whose ``reference`` they quoted, and only after
  opening a link emailed to the address held on that record (``email``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataSubject:
    user_id: int | None = None
    email: str | None = None
    reference: str | None = None

    @property
    def by_reference(self) -> bool:
        return self.user_id is None and self.reference is not None

    def matches_email(self, address: str | None) -> bool:
        """True when ``address`` is this person's (case and spaces ignored); never for a
        person who is known only by a reference, whose records are matched by it alone."""
        if self.by_reference or not self.email or not address:
            return False
        return address.strip().casefold() == self.email.strip().casefold()
