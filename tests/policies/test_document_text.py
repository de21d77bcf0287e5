"""A policy's text as numbered blocks: pasted text, real .docx files built here, refusals of
hostile or unusable files, and the "4.2" numbering rules."""

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from engage.policies import document_text
from engage.policies.document_text import (
    HEADING,
    MAX_PARAGRAPH_CHARACTERS,
    MAX_PARAGRAPHS,
    TEXT,
    Block,
    DocumentRefused,
    blocks_from_docx,
    blocks_from_text,
    number_blocks,
)

BLNS = json.loads((Path(__file__).parents[1] / "data" / "blns.json").read_text("utf-8"))

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def document_xml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}" xmlns:mc="{MC}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )


def docx(body: str = "", *, xml: str | bytes | None = None, with_document: bool = True) -> bytes:
    """A real .docx (a zip with the parts Word needs) whose body is the given WordprocessingML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        if with_document:
            archive.writestr("word/document.xml", document_xml(body) if xml is None else xml)
    return buffer.getvalue()


def para(text: str = "", style: str | None = None, outline: object = None) -> str:
    props = ""
    if style is not None:
        props += f'<w:pStyle w:val="{style}"/>'
    if outline is not None:
        props += f'<w:outlineLvl w:val="{outline}"/>'
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p><w:pPr>{props}</w:pPr>{run}</w:p>"


def cell(*paragraphs: str) -> str:
    return f"<w:tc>{''.join(paragraphs)}</w:tc>"


def refusal(action, *args) -> str:
    with pytest.raises(DocumentRefused) as refused:
        action(*args)
    return str(refused.value)


def normalised(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text.replace("\0", "")).strip(" \t")


# Pasted text


def test_each_line_is_a_block_and_hashes_make_headings():
    text = "# Scope\r\nThis policy  covers\tall staff.\r\r## Who this covers\n\n   \nEveryone.\n"
    assert blocks_from_text(text) == [
        Block(HEADING, 1, "Scope"),
        Block(TEXT, 0, "This policy covers all staff."),
        Block(HEADING, 2, "Who this covers"),
        Block(TEXT, 0, "Everyone."),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("###### Six", Block(HEADING, 6, "Six")),
        ("  ##\tTabbed  heading ", Block(HEADING, 2, "Tabbed heading")),
        ("####### Seven is text", Block(TEXT, 0, "####### Seven is text")),
        ("#NoSpace", Block(TEXT, 0, "#NoSpace")),
        ("#", Block(TEXT, 0, "#")),
        ("# ", Block(TEXT, 0, "#")),
        ("C# is a language", Block(TEXT, 0, "C# is a language")),
        ("a\0b", Block(TEXT, 0, "ab")),
    ],
)
def test_headings_need_one_to_six_hashes_and_a_space(line, expected):
    assert blocks_from_text(line) == [expected]


def test_hostile_strings_round_trip_apart_from_spaces_and_nuls():
    for string in [*BLNS, "\u202etxet\u202c", "\ufeff\u200bzero width", "a\0\0b"]:
        for line in re.split(r"\r\n|\r|\n", string):
            if not normalised(line).strip():
                continue
            [block] = blocks_from_text(line)
            shown = f"{'#' * block.level} {block.text}" if block.kind == HEADING else block.text
            assert shown == normalised(line)


@pytest.mark.parametrize("text", ["", "   ", "\n\r\n\t\n", "\0"])
def test_no_text_is_refused(text):
    assert refusal(blocks_from_text, text) == "Paste the text of the policy"


def test_too_many_paragraphs_are_refused():
    assert len(blocks_from_text("para\n" * MAX_PARAGRAPHS)) == MAX_PARAGRAPHS
    message = refusal(blocks_from_text, "para\n" * (MAX_PARAGRAPHS + 1))
    assert message.startswith("The policy has more than 2,000 paragraphs")


def test_a_paragraph_too_long_is_refused_by_its_number():
    fine = "x" * MAX_PARAGRAPH_CHARACTERS
    assert blocks_from_text(f"one\n\ntwo\n{fine}")[-1].text == fine
    message = refusal(blocks_from_text, f"one\n\ntwo\n{fine}y\nfour")
    assert message.startswith("Paragraph 3 is longer than 20,000 characters")


# Word documents


def test_a_word_document_gives_headings_paragraphs_and_table_cells_in_order():
    body = (
        para("Equality and Diversity Policy", style="Title")
        + para("This policy was agreed in 2024.")
        + para("Scope", style="Heading1")
        + para()  # an empty paragraph, skipped
        + '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        "<w:r><w:t>It covers </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>all</w:t></w:r>"
        '<w:r><w:t xml:space="preserve"> staff</w:t><w:tab/><w:t>and</w:t><w:br/>'
        "<w:t>volunteers.</w:t></w:r></w:p>"
        + para("Who this covers", style="Heading2")
        + "<w:tbl><w:tblPr/><w:tr>"
        + cell(para("Group"), para("   "))
        + cell(para("Staff"))
        + "</w:tr><w:tr>"
        + cell(para("Volunteers"))
        + cell("<w:p/>")
        + "</w:tr></w:tbl>"
        + para("Review", style="heading 1")
        + para("Outline level heading", outline=1)
        + para("Body text outline level", outline=9)
        + para("Odd outline level", outline="²")
        + para("An ordinary paragraph", style="Normal")
    )
    blocks = blocks_from_docx(docx(body))
    assert blocks == [
        Block(HEADING, 1, "Equality and Diversity Policy"),
        Block(TEXT, 0, "This policy was agreed in 2024."),
        Block(HEADING, 1, "Scope"),
        Block(TEXT, 0, "It covers all staff and volunteers."),
        Block(HEADING, 2, "Who this covers"),
        Block(TEXT, 0, "Group"),
        Block(TEXT, 0, "Staff"),
        Block(TEXT, 0, "Volunteers"),
        Block(HEADING, 1, "Review"),
        Block(HEADING, 2, "Outline level heading"),
        Block(TEXT, 0, "Body text outline level"),
        Block(TEXT, 0, "Odd outline level"),
        Block(TEXT, 0, "An ordinary paragraph"),
    ]
    assert [block.number for block in number_blocks(blocks)] == [
        "1", "1.1", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "3", "3.1", "3.2", "3.3", "3.4",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("style", "level"),
    [("Heading3", 3), ("HEADING 6", 6), ("heading1", 1), ("title", 1), ("Heading7", 0)],
)
def test_heading_styles(style, level):
    [block] = blocks_from_docx(docx(para("Words", style=style)))
    assert (block.kind, block.level) == ((HEADING, level) if level else (TEXT, 0))


def test_tracked_changes_text_boxes_and_old_styles_are_read_once():
    body = (
        "<w:p><w:pPr><w:pPrChange><w:pPr><w:pStyle w:val='Heading1'/></w:pPr></w:pPrChange>"
        "</w:pPr><w:r><w:t>Kept </w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>added</w:t></w:r></w:ins>"
        "<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>"
        + para("In a text box")
        + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        + para("In a text box")
        + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        + para("After")
    )
    assert blocks_from_docx(docx(body)) == [
        Block(TEXT, 0, "Kept added"),
        Block(TEXT, 0, "In a text box"),
        Block(TEXT, 0, "After"),
    ]


def test_hostile_strings_survive_a_word_document():
    strings = [s for s in BLNS if normalised(s.replace("\n", " ").replace("\r", " ")).strip()]
    strings = [s for s in strings if not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", s)]
    escaped = [s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for s in strings]
    blocks = blocks_from_docx(docx("".join(para(s) for s in escaped)))
    expected = [
        normalised(s.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")) for s in strings
    ]
    assert [block.text for block in blocks] == expected


def test_what_is_not_a_word_document_is_refused():
    not_docx = (
        "The file is not a Word document (.docx). Save it as .docx, or paste the text instead"
    )
    assert refusal(blocks_from_docx, b"%PDF-1.7 not a zip") == not_docx
    assert refusal(blocks_from_docx, b"") == not_docx
    assert refusal(blocks_from_docx, docx(with_document=False)) == not_docx
    assert refusal(blocks_from_docx, docx(xml="<html><body>hi</body></html>")) == not_docx


@pytest.mark.parametrize(
    "xml",
    [
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaa">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body>'
        "</w:document>",
        f'<w:document xmlns:w="{W}"><w:body><!ENTITY ',
        document_xml(para("unclosed")).replace("</w:body>", ""),
        # In UTF-16 the bytes "<!DOCTYPE" do not appear, so the parser's own guard refuses it.
        ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY a "b">]>'
         f'<w:document xmlns:w="{W}"><w:body>{para("&a;")}</w:body></w:document>').encode("utf-16"),
    ],
)  # fmt: skip
def test_entity_tricks_and_broken_xml_are_refused(xml):
    assert refusal(blocks_from_docx, docx(xml=xml)).startswith(
        "The Word document could not be read"
    )


def test_too_big_files_are_refused_before_reading(monkeypatch):
    message = refusal(blocks_from_docx, b"PK" + b"\0" * document_text.MAX_DOCX_BYTES)
    assert message.startswith("The file is larger than 10 MB")
    monkeypatch.setattr(document_text, "MAX_DOCUMENT_XML_BYTES", 1000)
    big = docx(para("words " * 500))
    assert refusal(blocks_from_docx, big).startswith("The Word document is too large to read")


def test_a_document_without_text_is_refused():
    empty = docx(para() + para("  \t ") + "<w:tbl><w:tr>" + cell("<w:p/>") + "</w:tr></w:tbl>")
    assert refusal(blocks_from_docx, empty) == "The document has no text"


def test_too_many_or_too_long_paragraphs_in_a_document_are_refused():
    many = docx(para("para") * (MAX_PARAGRAPHS + 1))
    assert refusal(blocks_from_docx, many).startswith("The policy has more than 2,000 paragraphs")
    long = docx(para("first") + para("x" * (MAX_PARAGRAPH_CHARACTERS + 1)))
    assert refusal(blocks_from_docx, long).startswith("Paragraph 2 is longer than")


# Numbering


def numbers(blocks: list[Block]) -> list[str]:
    return [block.number for block in number_blocks(blocks)]


def test_without_headings_paragraphs_are_numbered_one_two_three():
    blocks = [Block(TEXT, 0, "a"), Block(TEXT, 0, "b"), Block(TEXT, 0, "c")]
    numbered = number_blocks(blocks)
    assert [(b.position, b.number, b.text) for b in numbered] == [
        (1, "1", "a"),
        (2, "2", "b"),
        (3, "3", "c"),
    ]


def test_a_preamble_is_section_zero_and_subheadings_are_numbered_in_sequence():
    blocks = blocks_from_text(
        "Preamble\nMore preamble\n# Scope\nIntro\n## Who this covers\nStaff\n# Review\n## When"
    )
    assert numbers(blocks) == ["0.1", "0.2", "1", "1.1", "1.2", "1.3", "2", "2.1"]


def test_the_biggest_heading_present_is_the_top_level():
    level_two = blocks_from_text("Preamble\n## Scope\nText\n### Detail\nMore\n## Review\nEnd")
    level_one = blocks_from_text("Preamble\n# Scope\nText\n## Detail\nMore\n# Review\nEnd")
    assert numbers(level_two) == numbers(level_one) == ["0.1", "1", "1.1", "1.2", "1.3", "2", "2.1"]


def test_an_empty_list_numbers_to_nothing():
    assert number_blocks([]) == []


@pytest.mark.parametrize(
    "text",
    [
        "# A\n# B\n# C",
        "## a\n# A\n### b\n## c\ntext\n# B\n###### deep\n# C\n# D\ntext",
        "text\n### x\n### y\n#### z\ntext\n### w",
        "\n".join(["# S", *["p"] * 15, "# T", *["## h", "p"] * 6]),
        "\n".join(f"{'#' * (k % 7)} para {k}" if k % 7 else f"plain {k}" for k in range(200)),
    ],
)
def test_numbers_are_unique_and_positions_count_up(text):
    numbered = number_blocks(blocks_from_text(text))
    assert len({block.number for block in numbered}) == len(numbered)
    assert [block.position for block in numbered] == list(range(1, len(numbered) + 1))
