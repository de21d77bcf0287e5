"""What a feature tells the strategy tracker about one of its records tagged to a priority.

Each feature builds these in its own ``evidence.py`` (reading its own tables) and exports an
``evidence_for_priorities(priority_ids)`` from its ``api.py``; the tracker only arranges them.

Staff see ``summary`` (exact counts). The public page shows a record only when ``public`` is
true, with ``public_text`` (words with no counts of people) and ``public_counts``: counts from
people's records, as label -> count cells that do not overlap (so they add up to a total),
which the public page puts through disclosure control before showing any of them.

A feature's statements are built once (``functools.cache``) with ``PRIORITY_IDS`` in place of
the ids, and run with ``{"priority_ids": ids}``: the tracker asks every feature on every view,
and building a statement took longer than the database took to answer it."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam

PRIORITY_IDS = bindparam("priority_ids", expanding=True)


def priority_ids_given(priority_ids: list[int]) -> dict[str, list[int]]:
    """The parameters a statement built with ``PRIORITY_IDS`` runs with."""
    return {"priority_ids": list(priority_ids)}


@dataclass(frozen=True)
class Evidence:
    feature: str  # "Consultations": which feature gathered it
    title: str
    summary: str  # for staff, such as "412 responses; outcome published"
    url: str | None = None  # a staff page about the record
    public: bool = False  # may the public progress page show it at all
    public_url: str | None = None
    public_text: str = ""  # words only: never a count of people
    public_counts: tuple[tuple[str, int], ...] = field(default=())
    links: tuple[tuple[str, str], ...] = field(default=())  # more staff links: (text, url)
    # How many of the feature's records this stands for, for the tracker's counts (a summary
    # of 40 stories is 40; a story listed under that summary is 0, counted already).
    count: int = 1
