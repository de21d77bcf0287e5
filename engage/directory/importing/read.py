"""Reading one organisation of an Open Referral UK file (mapping.py):
text checked for its type and length, with hidden characters and HTML tags taken out; lists of
objects; UUIDs; our taxonomies' terms among its attributes; addresses. What it changes or
leaves out is kept as notes for the preview."""

from __future__ import annotations

import html
import re
import uuid
from typing import Any

import nh3

from engage.core.forms import remove_unshowable_characters
from engage.directory.postcodes import normal_postcode
from engage.directory.taxonomy import CATEGORIES, COMMUNITIES, KINDS, LED_BY, term_uuid

KEEPS_UP_TO = "the directory keeps up to {:,}"

# Every term of ours, by the UUID the Open Referral UK API gives it, by code and by label.
_TAXONOMIES = (KINDS, CATEGORIES, COMMUNITIES, LED_BY)
_TERM_BY_ID = {
    term_uuid(taxonomy.key, term.code): (taxonomy.key, term.code)
    for taxonomy in _TAXONOMIES
    for term in taxonomy.terms
}
_TAXONOMY_BY_NAME = {
    name.casefold(): taxonomy
    for taxonomy in _TAXONOMIES
    for name in (taxonomy.id, taxonomy.key, taxonomy.name)
}
_TERM_BY_LABEL = {
    term.label.casefold(): (taxonomy.key, term.code)
    for taxonomy in _TAXONOMIES
    for term in taxonomy.terms
}
_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&[a-zA-Z#][a-zA-Z0-9]*;")
_BLOCK_END = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6])\s*/?\s*>", re.IGNORECASE)


class Refused(Exception):
    """One organisation cannot be imported; the message says why."""


def type_words(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "an object" if isinstance(value, dict) else "empty"


class Reader:
    """Reads one organisation's fields, collecting notes on what it changed or left out."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def note(self, words: str) -> None:
        if words not in self.notes:
            self.notes.append(words)

    def text(self, obj: dict, key: str, label: str, most: int, *, one_line: bool = False) -> str:
        value = obj.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise Refused(f"{label} must be text, not {type_words(value)}")
        cleaned = remove_unshowable_characters(value)
        if _LOOKS_LIKE_HTML.search(cleaned):
            cleaned = html.unescape(nh3.clean(_BLOCK_END.sub("\n", cleaned), tags=set()))
            self.note(f"{label}: HTML tags were taken out, leaving the words")
        cleaned = " ".join(cleaned.split()) if one_line else cleaned.strip()
        if len(cleaned) > most:
            raise Refused(
                f"{label} is {len(cleaned):,} characters long: {KEEPS_UP_TO.format(most)}"
            )
        return cleaned

    def objects(self, obj: dict, key: str, label: str) -> list[dict]:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise Refused(f"{label} must be a list of objects, not {type_words(value)}")
        return value

    def uuid(self, obj: dict, label: str) -> str:
        value = obj.get("id")
        if value is None or value == "":
            raise Refused(f"{label} has no id, so a later import could not find it again")
        if not isinstance(value, str):
            raise Refused(f"{label}’s id must be text, not {type_words(value)}")
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise Refused(f"{label}’s id is not a UUID, so it cannot be matched") from None

    def number(self, obj: dict, key: str, low: float, high: float) -> float | None:
        value = obj.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high:
            return float(value)
        return None


def address_lines(read: Reader, address: dict) -> str:
    lines = [
        read.text(address, key, "An address line", 300, one_line=True)
        for key in ("address_1", "address_2")
    ]
    return ", ".join(line for line in lines if line)


def postcode_of(read: Reader, address: dict) -> str:
    given = read.text(address, "postal_code", "A postcode", 20, one_line=True)
    postcode = normal_postcode(given) if given else ""
    if postcode is None:
        read.note("Postcode: not a UK postcode, so it was left out")
        return ""
    return postcode


def terms_in(read: Reader, holders: list[dict]) -> dict[str, list[str]]:
    """Our taxonomies' terms among the attributes, by taxonomy (codes in the order found)."""
    found: dict[str, list[str]] = {}
    for holder in holders:
        for attribute in read.objects(holder, "attributes", "Attributes"):
            match = _our_term(attribute)
            if match and match[1] not in found.setdefault(match[0], []):
                found[match[0]].append(match[1])
    return {key: codes for key, codes in found.items() if codes}


def _our_term(attribute: dict) -> tuple[str, str] | None:
    term = attribute.get("taxonomy_term")
    term = term if isinstance(term, dict) else {}
    for identity in (attribute.get("taxonomy_term_id"), term.get("id")):
        if isinstance(identity, str) and identity.lower() in _TERM_BY_ID:
            return _TERM_BY_ID[identity.lower()]
    owner = next(
        (
            _TAXONOMY_BY_NAME.get(str(term.get(key)).casefold())
            for key in ("taxonomy_id", "taxonomy")
            if term.get(key)
        ),
        None,
    )
    for word in (term.get(key) for key in ("term", "name", "code")):
        if not isinstance(word, str):
            continue
        by_label = _TERM_BY_LABEL.get(word.strip().casefold())
        if owner is None:
            if by_label:
                return by_label
        elif owner.has(word.strip()):
            return owner.key, word.strip()
        elif by_label and by_label[0] == owner.key:
            return by_label
    return None
