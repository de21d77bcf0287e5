"""Items kept in an order people choose: criteria, questions, and any list a new feature lets
officers arrange (a consultation's questions, a policy's sections). Each item has a whole
number ``position``; the parent's relationship is ordered by it
(``order_by="Question.position"``).

    place(list(consultation.questions), question, form.position.data)  # add or move
    consultation.questions.remove(question)
    renumber(consultation.questions)  # close the gap
    item.position = next_position(objective.items, first=0)  # append, never reorder

Positions run 1, 2, 3... (what an officer types in a "Position" box) unless ``first`` says
otherwise."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol


class Positioned(Protocol):
    position: int


def renumber(items: Iterable[Positioned], first: int = 1) -> None:
    """Number ``items`` in their current order, with no gaps."""
    for number, item in enumerate(items, start=first):
        item.position = number


def place(
    items: Sequence[Positioned], item: Positioned, position: int | None, first: int = 1
) -> None:
    """Put ``item`` at ``position`` (``first`` = the start; None, or past the end = last) and
    renumber the rest in order. ``item`` may be new or already among ``items``."""
    others = [other for other in items if other is not item]
    index = len(others) if position is None else max(0, min(position - first, len(others)))
    others.insert(index, item)
    renumber(others, first)


def next_position(items: Iterable[Positioned], first: int = 1) -> int:
    """The position after the last of ``items`` (``first`` when there are none)."""
    return 1 + max((item.position for item in items), default=first - 1)
