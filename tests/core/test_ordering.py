"""engage.core.ordering: placing an item at a position and renumbering the rest."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from engage.core.ordering import next_position, place, renumber


@dataclass(eq=False)
class Item:
    name: str
    position: int = 0


def items(*names: str) -> list[Item]:
    made = [Item(name) for name in names]
    renumber(made)
    return made


def order(found: list[Item]) -> list[tuple[str, int]]:
    return sorted(((item.name, item.position) for item in found), key=lambda pair: pair[1])


def test_renumber_closes_gaps_from_the_first_number():
    found = [Item("a", 3), Item("b", 7), Item("c", 8)]
    renumber(found)
    assert order(found) == [("a", 1), ("b", 2), ("c", 3)]
    renumber(found, first=0)
    assert [item.position for item in found] == [0, 1, 2]


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        (None, ["a", "b", "c", "new"]),
        (1, ["new", "a", "b", "c"]),
        (2, ["a", "new", "b", "c"]),
        (4, ["a", "b", "c", "new"]),
        (99, ["a", "b", "c", "new"]),  # past the end: last
        (0, ["new", "a", "b", "c"]),  # before the start: first
        (-5, ["new", "a", "b", "c"]),
    ],
)
def test_place_a_new_item(position, expected):
    found = items("a", "b", "c")
    new = Item("new")
    place(found, new, position)
    assert order([*found, new]) == [(name, n) for n, name in enumerate(expected, start=1)]


def test_place_moves_an_item_already_in_the_list():
    found = items("a", "b", "c", "d")
    place(found, found[3], 1)
    assert order(found) == [("d", 1), ("a", 2), ("b", 3), ("c", 4)]
    place(found, found[3], None)  # "d" to the end again
    assert order(found) == [("a", 1), ("b", 2), ("c", 3), ("d", 4)]
    place(found, found[0], 2)
    assert order(found) == [("b", 1), ("a", 2), ("c", 3), ("d", 4)]


def test_place_counts_from_first():
    found = items("a", "b")
    renumber(found, first=0)
    new = Item("new")
    place(found, new, 0, first=0)
    assert order([*found, new]) == [("new", 0), ("a", 1), ("b", 2)]


def test_next_position_follows_the_last_or_starts_at_first():
    assert next_position([]) == 1
    assert next_position([], first=0) == 0
    assert next_position([Item("a", 4), Item("b", 2)]) == 5
