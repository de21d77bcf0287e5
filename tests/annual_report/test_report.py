"""The annual equality information report: each section from the year's records and none from
another year, the page and the Word document, who may open them."""

from __future__ import annotations

import io
import zipfile

from engage.core.db import db
from tests.annual_report.helpers import current_strategy_with_value, docx_text, records_of

YEAR = 2024


def _setup(app, make_user):
    with app.app_context():
        records_of(YEAR)
        records_of(YEAR - 1)
        current_strategy_with_value(YEAR)
        db.session.commit()
    return make_user(roles=["officer"])


def test_the_report_shows_each_section_from_the_years_records_only(app, make_user, signed_in_as):
    officer = _setup(app, make_user)
    client = signed_in_as(officer)
    page = client.get(f"/admin/annual-report/{YEAR}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for text in (
        f"Round closed {YEAR}",
        f"Buses consultation {YEAR}",
        f"Evening buses from {YEAR}",
        f"We added buses in {YEAR}",
        f"Broken lift {YEAR}",
        f"Lift fixed in {YEAR}",
        f"Transport policy {YEAR}",
        f"Paragraph 3 rewritten in {YEAR}",
        f"64% in {YEAR}",
        "1 January to 31 December 2024",
        "Open Government Licence",
    ):
        assert text in html, text
    for year in (YEAR - 1,):
        for text in (
            "Round closed",
            "Buses consultation",
            "Broken lift",
            "Transport policy",
            "Paragraph 3 rewritten in",
            "60% in",
        ):
            assert f"{text} {year}" not in html, f"{text} {year}"


def test_the_word_document_is_a_valid_docx_with_the_same_sections(app, make_user, signed_in_as):
    officer = _setup(app, make_user)
    client = signed_in_as(officer)
    response = client.get(f"/admin/annual-report/{YEAR}.docx")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert archive.testzip() is None
        assert "word/document.xml" in archive.namelist()
    text = docx_text(response.data)
    assert f"Buses consultation {YEAR}" in text
    assert f"Lift fixed in {YEAR}" in text
    assert f"Buses consultation {YEAR - 1}" not in text
    assert "How this report was made" in text
