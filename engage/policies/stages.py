"""The rules of draft policies: where a version's text came from, and what may be done to a
version. Every "can X" rule of the feature is here."""

from __future__ import annotations

from typing import Any

PASTED = "pasted"
DOCX = "docx"
SOURCE_LABELS = {PASTED: "Pasted text", DOCX: "Word document"}

# A pasted text longer than this is refused before it is split (about 250 pages).
MAX_PASTED_CHARACTERS = 500_000


class VersionRefused(Exception):
    """An action on a version that the rules do not allow; the message says why."""


ONLY_LATEST_DELETED = (
    "Only the latest version can be deleted, so that the versions stay numbered in order"
)
SAME_VERSION = "Choose two different versions to compare"


def can_delete_version(version: Any, latest_number: int) -> bool:
    """Only the latest version, so version numbers never have gaps."""
    return version.number == latest_number


def next_version_number(latest_number: int | None) -> int:
    return 1 if latest_number is None else latest_number + 1
