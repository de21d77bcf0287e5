"""A breakdown's chart and table as the results page and the annual report write them
(results/markup.py): every word escaped, suppressed counts drawn without a bar and said in
words, the total row and the notes."""

from __future__ import annotations

from engage.consultations.results.markup import counts_chart, counts_table
from engage.consultations.results.tables import Breakdown
from engage.monitoring.api import publish_table
from tests.page import parse_html, text_of

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(\"x\")</script> & 'quoted'"


def _chart_rows(breakdown: Breakdown) -> dict:
    page = parse_html(str(counts_chart(breakdown, "The chart")))
    assert text_of(page.find(".//figcaption")) == "The chart"
    assert page.find(".//script") is None
    return {text_of(row.find(".//strong")): row for row in page.iter("li")}


def test_the_chart_has_a_bar_for_each_shown_count_and_words_for_every_count():
    breakdown = Breakdown("Q", publish_table({"Yes": 30, HOSTILE: 15}))
    rows = _chart_rows(breakdown)
    assert [text_of(row) for row in rows.values()] == [
        "Yes: 30 people, 66.7%",
        f"{HOSTILE}: 15 people, 33.3%",
    ]
    for row, cell in zip(rows.values(), breakdown.cells, strict=True):
        assert row.find(f".//{SVG}svg").get("aria-hidden") == "true"
        assert row.find(f".//{SVG}rect").get("width") == f"{cell.percentage:.2f}"


def test_suppressed_counts_draw_no_bar_and_say_why():
    breakdown = Breakdown("Q", publish_table({"Yes": 40, "Maybe": 20, "No": 3}))
    cells = {cell.label: cell for cell in breakdown.cells}
    assert cells["No"].primary and cells["Maybe"].secondary
    rows = _chart_rows(breakdown)
    assert text_of(rows["No"]) == f"No: {cells['No'].display} people"
    assert text_of(rows["Maybe"]) == (
        "Maybe: number not shown, so that a small number cannot be worked out"
    )
    assert all(row.find(f".//{SVG}svg") is None for row in (rows["No"], rows["Maybe"]))
    one = Breakdown("Q", publish_table({"Yes": 1, "No": 1}))
    assert text_of(_chart_rows(one)["Yes"]) == f"Yes: {one.cells[0].display} people"


def test_the_table_has_a_row_for_each_answer_a_total_and_the_notes():
    counts = {"Yes": 30, "No": 3, "Maybe": 20}  # "No" too few, "Maybe" hidden to protect it
    breakdown = Breakdown(HOSTILE, publish_table(counts), notes=("A note.",))
    page = parse_html(str(counts_table(breakdown, "q1-caption")))
    caption = page.find(".//caption")
    assert caption.get("id") == "q1-caption" and text_of(caption) == HOSTILE
    assert page.find(".//div[@role='region']").get("aria-labelledby") == "q1-caption"
    rows = [[text_of(c) for c in row] for row in page.find(".//tbody").iter("tr")]
    assert rows == [
        ["Yes", "30", "56.6%"],
        ["No", breakdown.cells[1].display, "not shown"],
        ["Maybe", "hidden", "not shown"],
        ["Total", "53", "100%"],
    ]
    notes = [text_of(p) for p in page.iter("p")]
    assert notes == [breakdown.table.note, "A note."]


def test_a_table_whose_total_is_not_published_has_no_total_row():
    breakdown = Breakdown("Q", publish_table({"Walk": 30, "Bus": 20}, publish_total=False))
    page = parse_html(str(counts_table(breakdown, "q2")))
    headers = [text_of(row.find("th")) for row in page.find(".//tbody").iter("tr")]
    assert headers == ["Walk", "Bus"]
