"""engage/core/word.py writes real Word documents: the parts Word needs, headings with their
levels, paragraphs and tables in order, and any text (hostile or with control characters)
escaped or left out so the XML stays valid."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from engage.core import word
from engage.policies.document_text import blocks_from_docx

BLNS = Path(__file__).resolve().parents[1] / "data" / "blns.json"


def test_headings_paragraphs_and_tables_come_back_in_order():
    content = word.to_docx(
        [
            word.Heading("Report"),
            word.Paragraph("First <para> & more"),
            word.Heading("Counts", 2),
            word.Table(["What", "How many"], [["Accepted", 3], ["Noted", None]]),
            word.Paragraph("Line one\nLine two"),
        ]
    )
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = set(archive.namelist())
    assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} <= names
    blocks = [(b.kind, b.level, b.text) for b in blocks_from_docx(content)]
    assert blocks == [
        ("heading", 1, "Report"),
        ("text", 0, "First <para> & more"),
        ("heading", 2, "Counts"),
        ("text", 0, "What"),
        ("text", 0, "How many"),
        ("text", 0, "Accepted"),
        ("text", 0, "3"),
        ("text", 0, "Noted"),
        ("text", 0, "Line one"),
        ("text", 0, "Line two"),
    ]


def test_any_text_makes_a_valid_document():
    strings = [*json.loads(BLNS.read_text()), "\x00\x01\x0b nul and friends", "\ufffe"]
    content = word.to_docx([word.Paragraph(s) for s in strings])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        # Parses, so the XML is valid (our own output, not untrusted input).
        ElementTree.fromstring(archive.read("word/document.xml"))  # noqa: S314
    assert "nul and friends" in " ".join(b.text for b in blocks_from_docx(content))
