"""Comparing two versions of a policy: paragraph statuses, word-level changes that always
rebuild both texts exactly (hostile strings included), and speed."""

import itertools
import json
import random
import time
from pathlib import Path
from types import SimpleNamespace

from engage.policies.compare import (
    ADDED,
    CHANGED,
    REMOVED,
    UNCHANGED,
    Comparison,
    Segment,
    _compare_kept,
    compare_versions,
)
from engage.policies.document_text import HEADING, TEXT, Block, blocks_from_text, number_blocks

BLNS = json.loads((Path(__file__).parents[1] / "data" / "blns.json").read_text("utf-8"))


def version(*paragraphs: str):
    return number_blocks([Block(TEXT, 0, text) for text in paragraphs])


def rows(comparison: Comparison) -> list[tuple]:
    return [(p.status, p.old_number, p.new_number) for p in comparison.paragraphs]


def assert_rebuilds(old, new, comparison: Comparison) -> None:
    """Every old paragraph appears once, in order, and its same + deleted segments are its
    text exactly; likewise every new paragraph with its same + inserted segments."""
    old_texts, new_texts = [], []
    for paragraph in comparison.paragraphs:
        if paragraph.old_number is not None:
            old_texts.append(
                "".join(s.text for s in paragraph.segments if s.kind in ("same", "deleted"))
            )
        if paragraph.new_number is not None:
            new_texts.append(
                "".join(s.text for s in paragraph.segments if s.kind in ("same", "inserted"))
            )
        kinds = [segment.kind for segment in paragraph.segments]
        assert all(a != b for a, b in itertools.pairwise(kinds)), "not merged"
    assert old_texts == [block.text for block in old]
    assert new_texts == [block.text for block in new]


def test_identical_versions_are_all_unchanged():
    old = number_blocks(blocks_from_text("# Scope\nAll staff.\n## Who\nEveryone."))
    new = number_blocks(blocks_from_text("# Scope\nAll staff.\n## Who\nEveryone."))
    comparison = compare_versions(old, new)
    assert rows(comparison) == [
        (UNCHANGED, "1", "1"),
        (UNCHANGED, "1.1", "1.1"),
        (UNCHANGED, "1.2", "1.2"),
        (UNCHANGED, "1.3", "1.3"),
    ]
    assert comparison.paragraphs[2].kind == HEADING and comparison.paragraphs[2].level == 2
    assert comparison.paragraphs[1].segments == [Segment("same", "All staff.")]
    assert comparison.counts == {"changed": 0, "added": 0, "removed": 0, "unchanged": 4}


def test_counts_has_every_status_even_when_empty():
    assert compare_versions([], []).counts == {
        "changed": 0,
        "added": 0,
        "removed": 0,
        "unchanged": 0,
    }


def test_a_changed_paragraph_shows_the_words_changed():
    old = version("Intro", "The council will consult residents every year.", "End")
    new = version("Intro", "The council must consult all residents every year.", "End")
    comparison = compare_versions(old, new)
    assert rows(comparison) == [(UNCHANGED, "1", "1"), (CHANGED, "2", "2"), (UNCHANGED, "3", "3")]
    assert comparison.paragraphs[1].segments == [
        Segment("same", "The council "),
        Segment("deleted", "will"),
        Segment("inserted", "must"),
        Segment("same", " consult "),
        Segment("inserted", "all "),
        Segment("same", "residents every year."),
    ]
    assert comparison.counts == {"changed": 1, "added": 0, "removed": 0, "unchanged": 2}


def test_spacing_changes_are_shown_without_losing_the_words():
    comparison = compare_versions(version("one two  three"), version(" one two three"))
    assert comparison.paragraphs[0].segments == [
        Segment("inserted", " "),
        Segment("same", "one two"),
        Segment("deleted", "  "),
        Segment("inserted", " "),
        Segment("same", "three"),
    ]


def test_added_and_removed_paragraphs():
    old = version("Keep one", "Drop this", "Keep two")
    new = version("Keep one", "Keep two", "A new closing paragraph")
    comparison = compare_versions(old, new)
    assert rows(comparison) == [
        (UNCHANGED, "1", "1"),
        (REMOVED, "2", None),
        (UNCHANGED, "3", "2"),
        (ADDED, None, "3"),
    ]
    assert comparison.paragraphs[1].segments == [Segment("deleted", "Drop this")]
    assert comparison.paragraphs[3].segments == [Segment("inserted", "A new closing paragraph")]
    assert comparison.counts == {"changed": 0, "added": 1, "removed": 1, "unchanged": 2}


def test_a_rewritten_paragraph_is_removed_then_added():
    old = version("Start", "We will publish an annual report on progress.", "End")
    new = version("Start", "Complaints go to the monitoring officer first.", "End")
    assert rows(compare_versions(old, new)) == [
        (UNCHANGED, "1", "1"),
        (REMOVED, "2", None),
        (ADDED, None, "2"),
        (UNCHANGED, "3", "3"),
    ]


def test_replaced_paragraphs_pair_in_order_and_leftovers_are_removed_or_added():
    old = version("Start", "alpha beta gamma delta", "one two three four", "End")
    new = version("Start", "alpha beta gamma epsilon", "one two three five", "brand new", "End")
    assert rows(compare_versions(old, new)) == [
        (UNCHANGED, "1", "1"),
        (CHANGED, "2", "2"),
        (CHANGED, "3", "3"),
        (ADDED, None, "4"),
        (UNCHANGED, "4", "5"),
    ]
    assert rows(compare_versions(new, old))[3] == (REMOVED, "4", None)


def test_a_paragraph_made_a_heading_counts_as_changed():
    old = number_blocks(blocks_from_text("Scope\nAll staff."))
    new = number_blocks(blocks_from_text("# Scope\nAll staff."))
    comparison = compare_versions(old, new)
    assert rows(comparison) == [(CHANGED, "1", "1"), (UNCHANGED, "2", "1.1")]
    first = comparison.paragraphs[0]
    assert (first.kind, first.level, first.segments) == (HEADING, 1, [Segment("same", "Scope")])


def test_database_rows_with_the_same_attributes_can_be_compared():
    old = [SimpleNamespace(number="1", kind=TEXT, level=0, text="a b c", id=7)]
    new = [SimpleNamespace(number="1", kind=TEXT, level=0, text="a x c", id=9)]
    assert compare_versions(old, new).paragraphs[0].segments == [
        Segment("same", "a "),
        Segment("deleted", "b"),
        Segment("inserted", "x"),
        Segment("same", " c"),
    ]


def test_segments_rebuild_both_texts_exactly():
    cases = [
        (["a b c"], ["a x c"]),
        (["a b"], ["a"]),
        (["a"], ["a b"]),
        (["  lead and trail  "], ["lead and trail"]),
        (["tabs\tand\u00a0nbsp\u2028line"], ["tabs and\u00a0nbsp\u2029line"]),
        (["same words"], ["same words "]),
        ([""], ["something"]),
        (["x y z"] * 3, ["x y z", "x q z", "x y z", "x y z"]),
        (["one two three four five"], ["five four three two one"]),
    ]
    for old_texts, new_texts in cases:
        old, new = version(*old_texts), version(*new_texts)
        assert_rebuilds(old, new, compare_versions(old, new))


def test_hostile_strings_rebuild_exactly():
    strings = [s for s in BLNS if s]
    edited = [
        f"{s} {strings[k - 1]}" if k % 3 else s.replace(" ", "  ") for k, s in enumerate(strings)
    ]
    old, new = version(*strings), version(*edited)
    comparison = compare_versions(old, new)
    assert_rebuilds(old, new, comparison)
    for first, second in itertools.pairwise(strings):
        pair_old, pair_new = version(first, f"x {first} y"), version(second, f"x {second} y")
        assert_rebuilds(pair_old, pair_new, compare_versions(pair_old, pair_new))


def test_random_edits_rebuild_exactly():
    rng = random.Random(4)
    words = ["the", "council", "will", "a", "b", " ", "\t", "  ", "\u00a0", "é", "<b>", "\u202e"]
    for _ in range(200):
        old = [rng.choice(words) + "".join(rng.choices(words, k=rng.randint(0, 12))) for _ in "abc"]
        new = [text[: rng.randint(0, len(text))] + rng.choice(words) + text[3:] for text in old]
        assert_rebuilds(
            version(*old), version(*new), compare_versions(version(*old), version(*new))
        )


def test_two_hundred_paragraphs_with_twenty_changed_compare_quickly():
    rng = random.Random(1)
    vocabulary = [f"word{k}" for k in range(1500)] + ["the", "of", "and", "to"] * 30
    paragraphs = [" ".join(rng.choices(vocabulary, k=rng.randint(20, 120))) for _ in range(200)]
    edited = list(paragraphs)
    for k in rng.sample(range(200), 20):
        words = edited[k].split()
        words[len(words) // 2] = "changed"
        edited[k] = " ".join(words)
    old, new = version(*paragraphs), version(*edited)
    timings = []
    for _ in range(3):
        # Each time compared afresh: the kept comparison would answer the second and third.
        _compare_kept.cache_clear()
        started = time.perf_counter()
        comparison = compare_versions(old, new)
        timings.append(time.perf_counter() - started)
    assert comparison.counts == {"changed": 20, "added": 0, "removed": 0, "unchanged": 180}
    assert min(timings) < 0.05


def test_repetitive_paragraphs_do_not_take_seconds():
    dashes = "- " * 10_000
    old, new = version(dashes + "a"), version("b " + "- " * 9_000 + "x " + "- " * 1_000)
    many_old = version(*("a" if k % 2 else "b" for k in range(2000)))
    many_new = version(*("b" if k % 3 else "a" for k in range(2000)))
    _compare_kept.cache_clear()
    started = time.perf_counter()
    comparison = compare_versions(old, new)
    many = compare_versions(many_old, many_new)
    # About 0.3 s alone; under two full test runs at once on two cores it reached 1.1 s. A
    # quadratic comparison takes far longer than this bound.
    assert time.perf_counter() - started < 3
    assert_rebuilds(old, new, comparison)
    assert_rebuilds(many_old, many_new, many)
    identical_but_changed = [
        p
        for p in many.paragraphs
        if p.status == CHANGED and {s.kind for s in p.segments} == {"same"}
    ]
    assert identical_but_changed == []


def test_a_kept_comparison_is_served_only_for_the_same_text():
    """Comparisons are kept per process, keyed by the blocks themselves: the same two
    versions again get the kept comparison, and a version with the same numbers but other
    words is compared afresh."""
    old, new = version("Keep this.", "Old words here."), version("Keep this.", "New words here.")
    first = compare_versions(old, new)
    assert compare_versions(list(old), list(new)) is first
    other = compare_versions(old, version("Keep this.", "Other words here."))
    assert other is not first
    assert "Other" in "".join(s.text for s in other.paragraphs[1].segments)
    unhashable = [SimpleNamespace(number="1", kind=TEXT, level=0, text="A list of blocks.")]
    assert rows(compare_versions(unhashable, [])) == [(REMOVED, "1", None)]
