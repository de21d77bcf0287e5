"""The annual report passes disclosure control, page and Word document alike: whatever the small
numbers of people in each group, no table of people shows a count under the threshold. Tested
as monitoring's publish_table is, with random counts (hypothesis)."""

from __future__ import annotations

import html
import itertools
import re
from datetime import date

from flask import render_template
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engage.annual_report.content import report_blocks
from engage.annual_report.document import as_word
from engage.annual_report.services import annual_report
from engage.core.db import db
from engage.monitoring.api import THRESHOLD
from engage.monitoring.models import MonitoringResponse
from engage.panels.models import PanelMembership
from engage.recruitment.models import Application
from engage.stories.models import Story
from tests.annual_report.helpers import at, docx_text
from tests.factories.consultations import ConsultationFactory
from tests.factories.panels import PanelFactory
from tests.factories.recruitment import RoundFactory

YEAR = 2024
SEXES = ("female", "male", "prefer_not_to_say", None)
STATUSES = ("submitted", "shortlisted", "appointed", "withdrawn")
CHANGES = ("not_yet", "planned", "made", "no_change")
# Tables of things, not of groups of people: the rounds (people at each stage of a round, as
# its lead officer publishes), comments on policies, the measures' recorded values.
NOT_PEOPLE_BY_GROUP = {"rounds", "policies", "measures"}
_NUMBER = re.compile(r"^\d[\d,]*$")
_serial = itertools.count()


def _small_numbers_in_html(page: str) -> list[str]:
    """Every count under the threshold in a table of people by group, as "table: row: cell"."""
    found = []
    for table in re.findall(r"<table.*?</table>", page, flags=re.S):
        table_id = re.search(r'<caption[^>]*id="([^"]+)"', table)
        if table_id and table_id.group(1) in NOT_PEOPLE_BY_GROUP:
            continue
        for row in re.findall(r"<tr.*?</tr>", table, flags=re.S):
            cells = [
                html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
            ]
            found += _small(table_id.group(1) if table_id else "?", cells)
    # The charts' words ("12 people") come from the same published cells.
    for count in re.findall(r"</strong>:\s*(\d[\d,]*) (?:people|person)\b", page):
        if int(count.replace(",", "")) < THRESHOLD:
            found.append(f"chart: {count}")
    return found


def _small(name: str, cells: list[str]) -> list[str]:
    if not cells or cells[0] == "Members":  # a panel's size is public, as recruitment's is
        return []
    return [
        f"{name}: {cells[0]}: {cell}"
        for cell in cells[1:]
        if _NUMBER.match(cell) and int(cell.replace(",", "")) < THRESHOLD
    ]


def _small_numbers_in_docx(content: bytes) -> list[str]:
    from io import BytesIO
    from zipfile import ZipFile

    xml = ZipFile(BytesIO(content)).read("word/document.xml").decode()
    found = []
    for table in re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S):
        rows = [
            [
                html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                for c in re.findall(r"<w:tc>(.*?)</w:tc>", row, flags=re.S)
            ]
            for row in re.findall(r"<w:tr>(.*?)</w:tr>", table, flags=re.S)
        ]
        if rows and rows[0][0] in ("Round", "Policy", "Measure"):
            continue
        for cells in rows[1:]:
            found += _small(rows[0][0], cells)
    return found


def _add(round_id: int, panel_id: int, consultation_id: int, draw: dict) -> None:
    for sex, count in zip(SEXES, draw["responses"], strict=True):
        for _ in range(count):
            from engage.consultations.models import ConsultationResponse

            response = ConsultationResponse(
                consultation_id=consultation_id, status="submitted", submitted_at=at(YEAR, 5)
            )
            db.session.add(response)
            db.session.flush()
            if sex:
                db.session.add(
                    MonitoringResponse(
                        subject_type="consultation_response",
                        subject_id=str(response.id),
                        collected_at=at(YEAR),
                        sex=sex,
                    )
                )
    for (status, sex), count in zip(
        itertools.product(STATUSES, SEXES), draw["applicants"], strict=True
    ):
        for _ in range(count):
            n = next(_serial)
            application = Application(
                round_id=round_id,
                reference=f"EP-P-{n}",
                candidate_number=n,
                status=status,
                submitted_at=at(YEAR, 3),
                email=f"p{n}@example.org",
            )
            db.session.add(application)
            db.session.flush()
            if sex:
                db.session.add(
                    MonitoringResponse(
                        subject_type="panel_application",
                        subject_id=str(application.id),
                        collected_at=at(YEAR),
                        sex=sex,
                    )
                )
            if status == "appointed":
                db.session.add(
                    PanelMembership(
                        panel_id=panel_id,
                        email=f"p{n}@example.org",
                        application_id=application.id,
                        term_start=date(YEAR, 5, 1),
                        term_end=date(YEAR + 2, 4, 30),
                    )
                )
    for change, count in zip(CHANGES, draw["stories"], strict=True):
        for _ in range(count):
            db.session.add(
                Story(
                    reference=f"LE-P{next(_serial)}",
                    what_happened="Something",
                    told_at=at(YEAR, 4),
                    due_on=date(YEAR, 5, 1),
                    change=change,
                )
            )
    db.session.flush()


def test_no_small_number_of_people_shows_on_the_page_or_in_the_document(app):
    with app.app_context():
        panel = PanelFactory()
        round_id = RoundFactory(
            opens_on=date(YEAR, 1, 1), closes_on=date(YEAR, 2, 1), panels=[panel]
        ).id
        panel_id = panel.id
        consultation_id = ConsultationFactory(status="closed").id

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        draw=st.fixed_dictionaries(
            {
                "responses": st.lists(st.integers(0, 24), min_size=4, max_size=4),
                "applicants": st.lists(st.integers(0, 5), min_size=16, max_size=16),
                "stories": st.lists(st.integers(0, 14), min_size=4, max_size=4),
            }
        )
    )
    def check(draw: dict) -> None:
        with app.test_request_context():
            try:
                _add(round_id, panel_id, consultation_id, draw)
                blocks = report_blocks(annual_report(YEAR))
                page = render_template("annual_report/show.html", blocks=blocks, year=YEAR)
                content = as_word(blocks)
            finally:
                db.session.rollback()
        assert _small_numbers_in_html(page) == []
        assert _small_numbers_in_docx(content) == []
        text = docx_text(content)
        assert "fewer than 10" in text and "fewer than 10" in page

    check()


def test_the_checks_find_a_small_number_when_there_is_one():
    """The checks above would fail on a small count (so they can fail)."""
    table = '<table><caption id="heard-from-sex">x</caption><tr><th>Female</th><td>7</td></tr>'
    assert _small_numbers_in_html(table + "</table>") == ["heard-from-sex: Female: 7"]
    assert _small_numbers_in_html("<strong>Made</strong>:\n 3 people") == ["chart: 3"]
