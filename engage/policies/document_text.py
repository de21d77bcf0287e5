"""A draft policy's text as numbered blocks (headings and paragraphs), from pasted text or a
Word .docx, so that versions can be compared and people can refer to "paragraph 4.2".

Standard library only. A .docx is read with a streaming ElementTree parser that builds no tree,
after refusing DTDs, so hostile uploads cannot expand entities or exhaust memory."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree

HEADING = "heading"
TEXT = "text"

MAX_PARAGRAPHS = 2000
MAX_PARAGRAPH_CHARACTERS = 20_000
MAX_DOCX_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_XML_BYTES = 50 * 1024 * 1024

_NOT_DOCX = "The file is not a Word document (.docx). Save it as .docx, or paste the text instead"
_UNREADABLE = (
    "The Word document could not be read. Save it again as .docx, or paste the text instead"
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SPACERS = {f"{_W}tab", f"{_W}br", f"{_W}cr"}

_SPACES = re.compile(r"[ \t]+")
_MARKDOWN_HEADING = re.compile(r"(#{1,6}) (.+)", re.DOTALL)
_HEADING_STYLE = re.compile(r"heading ?([1-6])", re.IGNORECASE)


class DocumentRefused(ValueError):
    """The text or file cannot be used; the message is plain English for the officer."""


@dataclass(frozen=True)
class Block:
    kind: str  # HEADING or TEXT
    level: int  # 1-6 for headings, 0 for text
    text: str


@dataclass(frozen=True)
class NumberedBlock:
    position: int
    number: str
    kind: str
    level: int
    text: str


def _normalise(text: str) -> str:
    """Collapse runs of spaces and tabs and drop NULs; everything else is kept as typed."""
    return _SPACES.sub(" ", text.replace("\0", "")).strip(" \t")


def _is_blank(text: str) -> bool:
    return not text.strip()


def _check_limits(blocks: list[Block], empty_message: str) -> list[Block]:
    """Refuse documents too big to store and compare, naming the paragraph at fault."""
    if not blocks:
        raise DocumentRefused(empty_message)
    if len(blocks) > MAX_PARAGRAPHS:
        raise DocumentRefused(
            f"The policy has more than {MAX_PARAGRAPHS:,} paragraphs. "
            "Split it into smaller documents"
        )
    for position, block in enumerate(blocks, start=1):
        if len(block.text) > MAX_PARAGRAPH_CHARACTERS:
            raise DocumentRefused(
                f"Paragraph {position:,} is longer than {MAX_PARAGRAPH_CHARACTERS:,} characters. "
                "Break it into shorter paragraphs"
            )
    return blocks


def blocks_from_text(text: str) -> list[Block]:
    """One block per non-blank line, as text pasted from Word has one paragraph a line;
    "# Scope" and "## Who this covers" are headings (Markdown style)."""
    blocks: list[Block] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _normalise(line)
        if _is_blank(line):
            continue
        heading = _MARKDOWN_HEADING.fullmatch(line)
        if heading and not _is_blank(heading.group(2)):
            blocks.append(Block(HEADING, len(heading.group(1)), heading.group(2)))
        else:
            blocks.append(Block(TEXT, 0, line))
        if len(blocks) > MAX_PARAGRAPHS:
            break  # enough to refuse; no need to read the rest
    return _check_limits(blocks, "Paste the text of the policy")


def _heading_level(style: str | None, outline: str | None) -> int:
    """The heading level from the paragraph's style, else its outline level; 0 for text."""
    if style is not None:
        if style.lower() == "title":
            return 1
        match = _HEADING_STYLE.fullmatch(style)
        if match:
            return int(match.group(1))
    if outline in {"0", "1", "2", "3", "4", "5"}:  # not isdigit(): int("²") fails
        return int(outline) + 1
    return 0


class _Paragraph:
    __slots__ = ("order", "outline", "parts", "style")

    def __init__(self, order: int) -> None:
        self.order = order
        self.parts: list[str] = []
        self.style: str | None = None
        self.outline: str | None = None


class _DocumentReader:
    """An ElementTree parser target: collects the body's paragraphs as events arrive.

    Paragraphs can nest (a text box inside a paragraph), so each is kept in the order it
    started. The markup-compatibility fallback repeats the text box's text, so it is skipped."""

    def __init__(self) -> None:
        self.path: list[str] = []
        self.open: list[_Paragraph] = []
        self.done: list[tuple[int, Block]] = []
        self.started = 0
        self.in_body = 0
        self.in_fallback = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if not self.path and tag != f"{_W}document":
            raise DocumentRefused(_NOT_DOCX)
        parent = self.path[-1] if self.path else ""
        grandparent = self.path[-2] if len(self.path) > 1 else ""
        self.path.append(tag)
        if tag == f"{_W}body":
            self.in_body += 1
        elif tag == _MC_FALLBACK:
            self.in_fallback += 1
        if not self.in_body or self.in_fallback:
            return
        if tag == f"{_W}p":
            self.open.append(_Paragraph(self.started))
            self.started += 1
        elif self.open and tag in _SPACERS and parent == f"{_W}r":
            self.open[-1].parts.append(" ")
        elif self.open and parent == f"{_W}pPr" and grandparent == f"{_W}p":
            if tag == f"{_W}pStyle":
                self.open[-1].style = attrib.get(f"{_W}val")
            elif tag == f"{_W}outlineLvl":
                self.open[-1].outline = attrib.get(f"{_W}val")

    def end(self, tag: str) -> None:
        self.path.pop()
        if tag == f"{_W}body":
            self.in_body -= 1
        elif tag == _MC_FALLBACK:
            self.in_fallback -= 1
        elif tag == f"{_W}p" and self.in_body and not self.in_fallback:
            self._finish(self.open.pop())

    def data(self, text: str) -> None:
        in_run_text = len(self.path) > 1 and self.path[-1] == f"{_W}t"
        if in_run_text and self.path[-2] == f"{_W}r" and self.open and not self.in_fallback:
            self.open[-1].parts.append(text)

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise DocumentRefused(_UNREADABLE)  # a second guard: no DTD in any encoding

    def close(self) -> None:
        return None

    def _finish(self, paragraph: _Paragraph) -> None:
        text = _normalise("".join(paragraph.parts).replace("\r", " ").replace("\n", " "))
        if _is_blank(text):
            return
        level = _heading_level(paragraph.style, paragraph.outline)
        self.done.append((paragraph.order, Block(HEADING if level else TEXT, level, text)))
        if len(self.done) > MAX_PARAGRAPHS:
            _check_limits([block for _, block in self.done], "")

    def blocks(self) -> list[Block]:
        return [block for _, block in sorted(self.done, key=lambda pair: pair[0])]


def _read_document_xml(content: bytes) -> bytes:
    """word/document.xml from the .docx, refusing anything that is not a safe Word file."""
    if len(content) > MAX_DOCX_BYTES:
        raise DocumentRefused(
            f"The file is larger than {MAX_DOCX_BYTES // (1024 * 1024)} MB. "
            "Paste the text of the policy instead"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCUMENT_XML_BYTES:
                raise DocumentRefused(
                    "The Word document is too large to read. Paste the text of the policy instead"
                )
            with archive.open(info) as member:
                xml = member.read(MAX_DOCUMENT_XML_BYTES + 1)
    except (zipfile.BadZipFile, KeyError) as error:
        raise DocumentRefused(_NOT_DOCX) from error
    except (zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError) as error:
        raise DocumentRefused(_UNREADABLE) from error
    if len(xml) > MAX_DOCUMENT_XML_BYTES or b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise DocumentRefused(_UNREADABLE)
    return xml


def blocks_from_docx(content: bytes) -> list[Block]:
    """The body's paragraphs (tables included) in order; Word's heading styles and outline
    levels make headings."""
    xml = _read_document_xml(content)
    reader = _DocumentReader()
    # Safe without defusedxml: DTDs are refused above and by the reader's doctype(), so there
    # are no entities to expand, and the reader builds no tree.
    parser = ElementTree.XMLParser(target=reader, encoding="utf-8")  # noqa: S314
    try:
        parser.feed(xml)
        parser.close()
    except ElementTree.ParseError as error:
        raise DocumentRefused(_UNREADABLE) from error
    return _check_limits(reader.blocks(), "The document has no text")


def number_blocks(blocks: list[Block]) -> list[NumberedBlock]:
    """Number paragraphs within top-level sections ("4", "4.1", "4.2") so people can cite them.

    The top level is the biggest heading present (smallest level number). Blocks before the
    first section are "0.1", "0.2"...; a document without headings is numbered "1", "2"..."""
    levels = [block.level for block in blocks if block.kind == HEADING]
    top = min(levels) if levels else None
    numbered: list[NumberedBlock] = []
    section = item = 0
    for position, block in enumerate(blocks, start=1):
        if top is None:
            number = str(position)
        elif block.kind == HEADING and block.level == top:
            section += 1
            item = 0
            number = str(section)
        else:
            item += 1
            number = f"{section}.{item}"
        numbered.append(NumberedBlock(position, number, block.kind, block.level, block.text))
    return numbered
