"""A fetched page, parsed once, for tests to ask about instead of searching the HTML string.

The checking client (tests/checking_client.py) attaches one to every HTML response as
``response.page``, from the same parse its checks used:

    page = client.get("/admin/audit-log").page
    page.title, page.h1, page.text                 # whitespace-normalised words
    page.find_all("table tbody tr"), page.find(".govuk-error-summary"), page.by_id("sex")
    page.one("main h2")                            # fails unless exactly one matches
    page.table_rows("events")                      # [["12 March", "Sam Signer", ...], ...]
    page.error_summary                             # [("Enter your name", "#full_name"), ...]
    page.field_error("full_name")                  # "Enter your name", or None
    page.links["Next page"]                        # the link's href

Selectors are a small part of CSS: tag, ``.class``, ``#id``, ``[attr]``, ``[attr=value]``
(also ``~=``, ``^=``, ``$=``, ``*=``), the descendant and child (``>``) combinators, and
comma-separated lists. Anything else is refused rather than matched wrongly."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

import html5lib

# Not text a person reads: code, styles and templates.
SKIPPED = {"script", "style", "template", "head"}
# Elements a browser puts on their own line: their words never run into their neighbours'.
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "label", "legend", "li", "main", "nav", "ol", "option", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip


def parse_html(html: str) -> Element:
    return html5lib.parse(html, namespaceHTMLElements=False)


def words(text: str) -> str:
    """Runs of whitespace (non-breaking spaces too) as one space, none at either end."""
    return " ".join(text.split())


def text_of(element: Element | None) -> str:
    """The words in an element, whitespace-normalised, without scripts and styles. Text a
    screen reader hears but the eye does not (govuk-visually-hidden) is included."""
    if element is None:
        return ""
    parts: list[str] = []
    _collect_text(element, parts)
    return words("".join(parts))


def _collect_text(element: Element, parts: list[str]) -> None:
    tag = element.tag
    if isinstance(tag, str) and tag not in SKIPPED:  # comments have a function as their tag
        block = tag in BLOCKS
        parts.append(" " if block else "")
        parts.append(element.text or "")
        for child in element:
            _collect_text(child, parts)
            parts.append(child.tail or "")
        parts.append(" " if block else "")


def markup_of(element: Element) -> str:
    """An element as HTML again, attributes and all: for checking that something appears
    nowhere in it, not even where a reader would not see it."""
    tail, element.tail = element.tail, None  # the text after it is not part of it
    try:
        return ElementTree.tostring(element, encoding="unicode", method="html")
    finally:
        element.tail = tail


def classes(element: Element) -> list[str]:
    return (element.get("class") or "").split()


class Page:
    """A parsed HTML page. Pass ``html`` to parse it when first asked, or a ``document``
    already parsed."""

    def __init__(self, html: str | None = None, *, document: Element | None = None) -> None:
        if (html is None) == (document is None):
            raise TypeError("give the page's html or its parsed document, not both")
        self._html = html
        if document is not None:
            self.document = document

    @cached_property
    def document(self) -> Element:
        assert self._html is not None
        return parse_html(self._html)

    @cached_property
    def _parents(self) -> dict[Element, Element]:
        return {child: parent for parent in self.document.iter() for child in parent}

    # The page's name and words ------------------------------------------------------------

    @property
    def title(self) -> str:
        return text_of(self.document.find(".//title"))

    @property
    def h1(self) -> str | None:
        heading = self.find("h1")
        return None if heading is None else text_of(heading)

    @property
    def text(self) -> str:
        """Every word of the page's body, whitespace-normalised."""
        body = self.document.find(".//body")
        return text_of(body if body is not None else self.document)

    # Finding elements -----------------------------------------------------------------------

    def find_all(self, selector: str) -> list[Element]:
        """The elements matching a selector (see the module docstring), in page order."""
        groups = [_parse_selector(part) for part in _split_groups(selector)]
        return [
            element
            for element in self.document.iter()
            if isinstance(element.tag, str)
            and any(_matches(element, steps, self._parents) for steps in groups)
        ]

    def find(self, selector: str) -> Element | None:
        found = self.find_all(selector)
        return found[0] if found else None

    def one(self, selector: str) -> Element:
        """The only element matching ``selector``; fails saying how many there were."""
        found = self.find_all(selector)
        assert len(found) == 1, f"expected one {selector!r} on the page, found {len(found)}"
        return found[0]

    def by_id(self, element_id: str) -> Element | None:
        return next((el for el in self.document.iter() if el.get("id") == element_id), None)

    # Tables, errors and links -----------------------------------------------------------------

    def table(self, which: int | str = 0) -> Element:
        """A table by its position on the page, or by its id or its caption's id."""
        tables = list(self.document.iter("table"))
        if isinstance(which, int):
            assert which < len(tables), f"no table {which}: the page has {len(tables)}"
            return tables[which]
        for table in tables:
            caption = table.find("caption")
            if which in (table.get("id"), caption.get("id") if caption is not None else None):
                return table
        raise AssertionError(f"no table with the id {which!r}, nor a caption with it")

    def table_rows(self, which: int | str = 0) -> list[list[str]]:
        """The text of each cell (header cells too) of each row of a table's body."""
        # The parser puts every row outside <thead> and <tfoot> in a <tbody>, written or not.
        rows = [row for body in self.table(which).findall("tbody") for row in body.findall("tr")]
        return [[text_of(cell) for cell in row if cell.tag in ("td", "th")] for row in rows]

    def table_headers(self, which: int | str = 0) -> list[str]:
        """The text of each column heading in a table's <thead>."""
        return [text_of(cell) for cell in self.table(which).findall("thead/tr/th")]

    @property
    def error_summary(self) -> list[tuple[str, str]]:
        """The GOV.UK error summary's messages, each with the href it links to ("" for a
        message without a link); [] when the page has no summary."""
        return [
            (text_of(item), link.get("href", "") if (link := item.find(".//a")) is not None else "")
            for item in self.find_all(".govuk-error-summary .govuk-error-summary__list li")
        ]

    def field_error(self, field_id: str) -> str | None:
        """The error message shown with a field (the id of its input, or of its fieldset's
        first input), without the "Error:" that only screen readers hear; None if none."""
        message = self.by_id(f"{field_id}-error")
        if message is None or "govuk-error-message" not in classes(message):
            message = None
            element = self.by_id(field_id)
            while element is not None and message is None:
                if "govuk-form-group" in classes(element):
                    message = next(
                        (el for el in element.iter() if "govuk-error-message" in classes(el)),
                        None,
                    )
                element = self._parents.get(element)
        if message is None:
            return None
        return text_of(message).removeprefix("Error:").strip()

    @property
    def links(self) -> dict[str, str]:
        """Each link's words -> its href (the first, where two links say the same)."""
        found: dict[str, str] = {}
        for link in self.document.iter("a"):
            if link.get("href") is not None:
                found.setdefault(text_of(link), link.get("href"))
        return found


# A small CSS selector engine ------------------------------------------------------------------

_TOKEN = re.compile(r"\s*(>)\s*|\s+|((?:[^\s>\[]|\[[^\]]*\])+)")
_COMPOUND = re.compile(r"(?P<tag>\*|[a-zA-Z][\w-]*)?(?P<rest>.*)")
_PART = re.compile(
    r"\.(?P<cls>[\w-]+)|#(?P<id>[\w-]+)"
    r"|\[(?P<attr>[\w-]+)\s*(?:(?P<op>[~^$*]?=)\s*(?P<quote>['\"]?)(?P<value>.*?)(?P=quote))?\s*\]"
)


@dataclass
class _Compound:
    tag: str | None = None
    ids: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def matches(self, element: Element) -> bool:
        # An <svg>'s elements are namespaced ("{http://www.w3.org/2000/svg}rect").
        if self.tag not in (None, "*") and element.tag.rsplit("}", 1)[-1] != self.tag:
            return False
        if any(element.get("id") != wanted for wanted in self.ids):
            return False
        if not set(self.classes) <= set(classes(element)):
            return False
        return all(_attribute_matches(element.get(name), op, value)
                   for name, op, value in self.attributes)  # fmt: skip


def _attribute_matches(actual: str | None, op: str | None, value: str | None) -> bool:
    if actual is None:
        return False
    checks: dict[str | None, Any] = {
        None: lambda: True,
        "=": lambda: actual == value,
        "~=": lambda: value in actual.split(),
        "^=": lambda: actual.startswith(value),
        "$=": lambda: actual.endswith(value),
        "*=": lambda: value in actual,
    }
    return checks[op]()


def _split_groups(selector: str) -> list[str]:
    groups = [part.strip() for part in re.split(r",(?![^\[]*\])", selector)]
    if not all(groups):
        raise ValueError(f"empty selector in {selector!r}")
    return groups


def _parse_selector(selector: str) -> list[tuple[str, _Compound]]:
    """[(combinator, compound), ...]: the combinator joins each compound to the one before
    (" " for a descendant, ">" for a child; the first has "")."""
    steps: list[tuple[str, _Compound]] = []
    combinator = ""
    position = 0
    while position < len(selector):
        token = _TOKEN.match(selector, position)
        if token is None or token.end() == position:
            raise ValueError(f"cannot read the selector {selector!r} at {selector[position:]!r}")
        position = token.end()
        if token.group(1):
            combinator = ">"
        elif token.group(2):
            steps.append((combinator or (" " if steps else ""), _compound(token.group(2))))
            combinator = ""
        elif steps:
            combinator = combinator or " "
    if not steps or combinator == ">":
        raise ValueError(f"incomplete selector {selector!r}")
    return steps


def _compound(text: str) -> _Compound:
    match = _COMPOUND.fullmatch(text)
    assert match is not None  # every string matches: both groups are optional
    tag = match.group("tag")
    compound = _Compound(tag=tag.lower() if tag else None)
    rest = match.group("rest")
    position = 0
    while position < len(rest):
        part = _PART.match(rest, position)
        if part is None:
            raise ValueError(f"unsupported selector part {rest[position:]!r} in {text!r}")
        position = part.end()
        if part.group("cls"):
            compound.classes.append(part.group("cls"))
        elif part.group("id"):
            compound.ids.append(part.group("id"))
        else:
            compound.attributes.append((part.group("attr"), part.group("op"), part.group("value")))
    return compound


def _matches(
    element: Element, steps: list[tuple[str, _Compound]], parents: dict[Element, Element]
) -> bool:
    combinator, last = steps[-1]
    if not last.matches(element):
        return False
    if len(steps) == 1:
        return True
    before = steps[:-1]
    ancestor = parents.get(element)
    if combinator == ">":
        return ancestor is not None and _matches(ancestor, before, parents)
    while ancestor is not None:
        if _matches(ancestor, before, parents):
            return True
        ancestor = parents.get(ancestor)
    return False
