"""The report as a Word document officers can edit before committee (engage/core/word.py):
the page's headings, paragraphs and tables, in the same order with the same numbers. A chart
is left out: the table after it holds its numbers."""

from __future__ import annotations

from engage.annual_report.content import Block, ComparisonChart, CountsChart
from engage.annual_report.tables import TableData
from engage.core import word


def _word_blocks(blocks: list[Block]) -> list[word.Block]:
    found: list[word.Block] = []
    for block in blocks:
        if isinstance(block, (ComparisonChart, CountsChart)):
            continue
        if isinstance(block, TableData):
            found.append(word.Paragraph(block.caption, bold=True))
            found.append(word.Table(block.headers, block.rows))
            found += [word.Paragraph(note) for note in block.notes]
        elif isinstance(block, word.Heading):
            found.append(word.Heading(block.text, min(block.level, 3)))
        else:
            found.append(block)
    return found


def as_word(blocks: list[Block]) -> bytes:
    return word.to_docx(_word_blocks(blocks))
