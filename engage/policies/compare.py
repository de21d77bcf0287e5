"""Two versions of a policy compared paragraph by paragraph, with the words changed inside
each changed paragraph, so reviewers see what a new draft altered.

Standard library only (difflib). The segments of a paragraph always rebuild both versions'
text exactly: "same" + "deleted" is the old text, "same" + "inserted" the new."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

UNCHANGED, CHANGED, ADDED, REMOVED = "unchanged", "changed", "added", "removed"
SAME, INSERTED, DELETED = "same", "inserted", "deleted"

# Below this word similarity a replaced paragraph reads better as removed and added.
SIMILAR_ENOUGH = 0.4

_WORD = re.compile(r"(\S+)(\s*)")

# The matcher's inner loop runs once for every pair of equal tokens, so a text that repeats
# one token thousands of times ("- - - ...") would take seconds. Past this many pairs,
# difflib's "popular element" heuristic (autojunk) keeps it fast; real paragraphs stay far below.
_MATCHING_PAIRS_BUDGET = 1_000_000

Opcode = tuple[str, int, int, int, int]


@dataclass(frozen=True)
class Segment:
    kind: str  # SAME, INSERTED or DELETED
    text: str


@dataclass(frozen=True)
class ComparedParagraph:
    status: str  # UNCHANGED, CHANGED, ADDED or REMOVED
    old_number: str | None  # None when ADDED
    new_number: str | None  # None when REMOVED
    kind: str  # the new block's kind (the old one's when REMOVED)
    level: int
    segments: list[Segment]


@dataclass(frozen=True)
class Comparison:
    paragraphs: tuple[ComparedParagraph, ...]  # a tuple: a kept comparison is shared

    @property
    def counts(self) -> dict[str, int]:
        """How many paragraphs have each status, every status present."""
        counts = {CHANGED: 0, ADDED: 0, REMOVED: 0, UNCHANGED: 0}
        for paragraph in self.paragraphs:
            counts[paragraph.status] += 1
        return counts


def _opcodes(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[Opcode]:
    """difflib's opcodes, with the common start and end matched first (cheap, and most edits
    leave them alone) so the matcher only works on the middle."""
    shortest = min(len(old), len(new))
    head = 0
    while head < shortest and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old_middle, new_middle = old[head : len(old) - tail], new[head : len(new) - tail]
    opcodes: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    if old_middle or new_middle:
        in_new = Counter(new_middle)
        pairs = sum(in_new[token] for token in old_middle)
        matcher = SequenceMatcher(
            None, old_middle, new_middle, autojunk=pairs > _MATCHING_PAIRS_BUDGET
        )
        opcodes += [
            (tag, i1 + head, i2 + head, j1 + head, j2 + head)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
    if tail:
        opcodes.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return opcodes


def _ratio(old: list[str], new: list[str], opcodes: list[Opcode]) -> float:
    if not old and not new:
        return 1.0
    matches = sum(i2 - i1 for tag, i1, i2, _, _ in opcodes if tag == "equal")
    return 2.0 * matches / (len(old) + len(new))


def _could_be_similar(old: list[str], new: list[str]) -> bool:
    """Cheap upper bounds on the ratio (lengths, then shared words), as difflib's quick ratios."""
    total = len(old) + len(new)
    if not total:
        return True
    if 2.0 * min(len(old), len(new)) / total < SIMILAR_ENOUGH:
        return False
    shared = sum((Counter(old) & Counter(new)).values())
    return 2.0 * shared / total >= SIMILAR_ENOUGH


class _Words:
    """A text as its leading whitespace, then each word with the whitespace after it."""

    def __init__(self, text: str) -> None:
        self.lead = text[: len(text) - len(text.lstrip())]
        found = _WORD.findall(text, len(self.lead))
        self.words = [word for word, _ in found]
        self.gaps = [gap for _, gap in found]

    def joined(self, start: int, stop: int, last_gap: bool = True) -> str:
        parts = [part for k in range(start, stop) for part in (self.words[k], self.gaps[k])]
        if not last_gap and parts:
            parts.pop()
        return "".join(parts)


class _Segments:
    """Segments under construction: adjacent ones of the same kind merge, empty ones vanish."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, list[str]]] = []

    def add(self, kind: str, text: str) -> None:
        if not text:
            return
        if self.parts and self.parts[-1][0] == kind:
            self.parts[-1][1].append(text)
        else:
            self.parts.append((kind, [text]))

    def whitespace(self, old: str, new: str) -> None:
        if old == new:
            self.add(SAME, old)
        else:
            self.add(DELETED, old)
            self.add(INSERTED, new)

    def segments(self) -> list[Segment]:
        return [Segment(kind, "".join(texts)) for kind, texts in self.parts]


def _word_segments(old: _Words, new: _Words, opcodes: list[Opcode]) -> list[Segment]:
    """The words kept, deleted and inserted. Words are matched without their whitespace, so
    spacing alone never hides a match; whitespace that differs is shown deleted and inserted."""
    built = _Segments()
    built.whitespace(old.lead, new.lead)
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            # A run of words and gaps kept is one segment, added at once (hundreds of words).
            kept: list[str] = []
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                kept.append(old.words[i])
                if old.gaps[i] == new.gaps[j]:
                    kept.append(old.gaps[i])
                else:
                    built.add(SAME, "".join(kept))
                    kept = []
                    built.whitespace(old.gaps[i], new.gaps[j])
            built.add(SAME, "".join(kept))
        elif tag == "replace" and old.gaps[i2 - 1] == new.gaps[j2 - 1]:
            built.add(DELETED, old.joined(i1, i2, last_gap=False))
            built.add(INSERTED, new.joined(j1, j2, last_gap=False))
            built.add(SAME, old.gaps[i2 - 1])  # "b c" -> "x c": "b" for "x", then " c" kept
        else:
            built.add(DELETED, old.joined(i1, i2))
            built.add(INSERTED, new.joined(j1, j2))
    return built.segments()


def _changed(old: Any, new: Any) -> ComparedParagraph | None:
    """The pair as one changed paragraph with its word diff, or None if too different."""
    old_words, new_words = _Words(old.text), _Words(new.text)
    if not _could_be_similar(old_words.words, new_words.words):
        return None
    opcodes = _opcodes(old_words.words, new_words.words)
    if _ratio(old_words.words, new_words.words, opcodes) < SIMILAR_ENOUGH:
        return None
    segments = _word_segments(old_words, new_words, opcodes)
    return ComparedParagraph(CHANGED, old.number, new.number, new.kind, new.level, segments)


def _unchanged(old: Any, new: Any) -> ComparedParagraph:
    return ComparedParagraph(
        UNCHANGED, old.number, new.number, new.kind, new.level, [Segment(SAME, new.text)]
    )


def _removed(old: Any) -> ComparedParagraph:
    return ComparedParagraph(
        REMOVED, old.number, None, old.kind, old.level, [Segment(DELETED, old.text)]
    )


def _added(new: Any) -> ComparedParagraph:
    return ComparedParagraph(
        ADDED, None, new.number, new.kind, new.level, [Segment(INSERTED, new.text)]
    )


def _replaced(old: Sequence[Any], new: Sequence[Any]) -> list[ComparedParagraph]:
    """Pair replaced paragraphs in order: similar pairs are changed, others removed and added."""
    rows: list[ComparedParagraph] = []
    for before, after in zip(old, new, strict=False):
        if (before.kind, before.level, before.text) == (after.kind, after.level, after.text):
            rows.append(_unchanged(before, after))  # only when very repetitive (see _opcodes)
            continue
        changed = _changed(before, after)
        rows += [changed] if changed else [_removed(before), _added(after)]
    rows += [_removed(before) for before in old[len(new) :]]
    rows += [_added(after) for after in new[len(old) :]]
    return rows


def compare_versions(old: Sequence[Any], new: Sequence[Any]) -> Comparison:
    """Compare two versions' blocks (anything with number, kind, level and text).

    A paragraph whose kind or level changed (text made a heading) counts as changed.
    Blocks that are hashable (database rows, tuples) are compared once per process for the
    same content: comparing two long drafts costs more than reading them, and officers open
    the same pair again and again. The key is the blocks themselves, so different text is
    never served a kept comparison."""
    old, new = tuple(old), tuple(new)
    try:
        hash((old, new))
    except TypeError:  # blocks that cannot be hashed: compared each time
        return _compare(old, new)
    return _compare_kept(old, new)


@lru_cache(maxsize=32)
def _compare_kept(old: tuple[Any, ...], new: tuple[Any, ...]) -> Comparison:
    return _compare(old, new)


def _compare(old: Sequence[Any], new: Sequence[Any]) -> Comparison:
    old_keys = [(block.kind, block.level, block.text) for block in old]
    new_keys = [(block.kind, block.level, block.text) for block in new]
    paragraphs: list[ComparedParagraph] = []
    for tag, i1, i2, j1, j2 in _opcodes(old_keys, new_keys):
        if tag == "equal":
            paragraphs += [_unchanged(a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
        elif tag == "delete":
            paragraphs += [_removed(block) for block in old[i1:i2]]
        elif tag == "insert":
            paragraphs += [_added(block) for block in new[j1:j2]]
        else:
            paragraphs += _replaced(old[i1:i2], new[j1:j2])
    return Comparison(tuple(paragraphs))
