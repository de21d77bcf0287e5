"""The annual equality information report for a chosen year, as an accessible page and
an editable .docx, drawn from every feature through its ``api``, every table through
disclosure control.

- ``services``: the year (a calendar year) and everything gathered for it
- ``tables``: the report's tables as rows of text, for the page and the document alike
- ``content``: the report as blocks in order (headings, paragraphs, tables, charts)
- ``document``: the blocks as a Word document
- ``routes``: the staff pages
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.annual_report.routes import bp

    app.register_blueprint(bp)
