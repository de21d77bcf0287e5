"""templates/macros/tables.html: the table and list-page macros render GOV.UK table markup
with a caption, scoped headings and the named scrolling region, escape what they are given,
and page a list with a count people hear."""

from __future__ import annotations

from enum import StrEnum
from html import escape as html_escape
from typing import Any
from xml.etree import ElementTree

import html5lib
import pytest
from flask import render_template_string
from markupsafe import Markup, escape

from engage.core.pagination import Page
from engage.core.table_cells import cell_html, html_text, table_cell, table_markup

IMPORT = '{% from "macros/tables.html" import table, row, cell, list_page %}'


class Html:
    """A rendered fragment, parsed as a browser would, with the few look-ups these tests use."""

    def __init__(self, markup: str) -> None:
        self.markup = markup
        self.root = html5lib.parse(markup, namespaceHTMLElements=False)

    def all(self, tag: str, class_: str | None = None, within: Any = None) -> list[Any]:
        found = (within if within is not None else self.root).iter(tag)
        return [e for e in found if class_ is None or class_ in e.get("class", "").split()]

    def one(self, tag: str, class_: str | None = None, within: Any = None) -> Any:
        (found,) = self.all(tag, class_, within)
        return found


def text(element: Any) -> str:
    return "".join(element.itertext())


def inner(element: Any) -> str:
    """The element's contents as markup (text escaped as HTML writes it)."""
    parts = [html_escape(element.text or "")]
    for child in element:
        parts.append(ElementTree.tostring(child, encoding="unicode", method="html"))
    return "".join(parts)


def render(app, source: str, path: str = "/admin/people", **context: object) -> Html:
    with app.test_request_context(path):
        return Html(render_template_string(IMPORT + source, **context))


def test_a_table_of_fixed_rows(app):
    page = render(
        app,
        """{{ table("scale", "How <it> is scored", ["Score", {"text": "People", "numeric": true}],
                    rows=[["<b>bold</b>", 3], [{"text": "Total", "header": true},
                    {"text": "Go", "href": "/x?a=1&b=2", "numeric": true}]],
                    hide_caption=false, caption_size="s") }}""",
    )
    region = page.one("div", "lcr-table-container")
    assert (region.get("role"), region.get("tabindex")) == ("region", "0")
    assert region.get("aria-labelledby") == "scale"
    caption = page.one("caption")
    assert caption.get("id") == "scale"
    assert text(caption) == "How <it> is scored"  # escaped, shown as typed
    assert caption.get("class") == "govuk-table__caption govuk-table__caption--s"
    headings = page.all("th", within=page.one("thead"))
    assert [(text(th), th.get("scope")) for th in headings] == [("Score", "col"), ("People", "col")]
    assert headings[1].get("class") == "govuk-table__header govuk-table__header--numeric"
    first, second = page.all("tr", within=page.one("tbody"))
    assert text(page.all("td", within=first)[0]) == "<b>bold</b>" and not page.all("b")
    assert page.one("th", within=second).get("scope") == "row"
    numeric = page.one("td", "govuk-table__cell--numeric", within=second)
    link = page.one("a", "govuk-link", within=numeric)
    assert (text(link), link.get("href")) == ("Go", "/x?a=1&b=2")


def test_rows_with_markup_and_a_hidden_caption(app):
    page = render(
        app,
        """{% call table("people", "People", ["Name", "Note"]) %}
             {% for name in names %}
               {% call row() %}
                 {{ cell(name, classes="lcr-break-word") }}
                 {% call cell() %}<strong>{{ name }}</strong>{% endcall %}
               {% endcall %}
             {% endfor %}
           {% endcall %}""",
        names=["Siobhán", "<script>"],
    )
    assert "govuk-visually-hidden" in page.one("caption").get("class")
    rows = page.all("tr", within=page.one("tbody"))
    cells = [[inner(td) for td in page.all("td", within=tr)] for tr in rows]
    assert cells == [
        ["Siobhán", "<strong>Siobhán</strong>"],
        ["&lt;script&gt;", "<strong>&lt;script&gt;</strong>"],
    ]
    assert not page.all("script")
    assert page.all("td")[0].get("class") == "govuk-table__cell lcr-break-word"


def test_call_block_rows_come_before_fixed_rows_and_region_can_be_left_out(app):
    page = render(
        app,
        """{% call table(none, "Scores", ["A"], rows=[["Total"]], region=false) %}
             {{ row(["First"]) }}
           {% endcall %}""",
    )
    assert not page.all("div") and page.one("caption").get("id") is None
    assert [text(tr) for tr in page.all("tr", within=page.one("tbody"))] == ["First", "Total"]


LIST = """{% call list_page(page, "round", "rounds", "There are no rounds yet",
                          id="rounds", caption="Rounds", head=["Round"], filters=filters,
                          qualifier=qualifier, before=before, after=after, count=count) %}
            {% for item in page.items %}{{ row([item]) }}{% endfor %}
          {% endcall %}"""


def list_page(app, page: Page, **context: object) -> Html:
    values = {"filters": None, "qualifier": "", "before": "", "after": "", "count": True}
    return render(app, LIST, "/admin/people?q=x&page=2", page=page, **{**values, **context})


def status(page: Html) -> str:
    (found,) = [p for p in page.all("p") if p.get("role") == "status"]
    return text(found)


def test_a_list_page_counts_shows_the_table_and_pages_keeping_the_filters(app):
    page = list_page(
        app,
        Page(items=["Third", "Fourth"], page=2, per_page=2, total=5),
        filters='<form role="search"></form>',  # a plain string: escaped, shown as text
        qualifier=" that match",
        before="Note. ",
        after=".",
    )
    assert status(page) == "Note. Showing 3 to 4 of 5 rounds that match."
    assert [text(tr) for tr in page.all("tr", within=page.one("tbody"))] == ["Third", "Fourth"]
    links = [a.get("href") for a in page.all("a", within=page.one("nav", "govuk-pagination"))]
    assert "/admin/people?q=x&page=3" in links and "/admin/people?q=x&page=1" in links
    assert not page.all("form")


def test_a_list_page_with_one_item_or_none(app):
    one = list_page(app, Page(items=["Only"], page=1, per_page=25, total=1))
    assert status(one) == "Showing 1 to 1 of 1 round"
    assert not one.all("nav")  # one page: no pagination at all
    empty = list_page(app, Page(items=[], page=1, per_page=25, total=0))
    assert status(empty) == "There are no rounds yet"
    assert not empty.all("table")
    quiet = list_page(app, Page(items=[], page=1, per_page=25, total=0), count=False)
    assert [(p.get("role"), text(p)) for p in quiet.all("p")] == [(None, "There are no rounds yet")]


def test_a_list_page_without_a_table_and_with_its_own_empty_text(app):
    source = """{% set none_open %}<h2>None open</h2>{% endset %}
        {% call list_page(page, "round", "rounds", "", count=false, empty_html=none_open) %}
          <ul>{% for item in page.items %}<li>{{ item }}</li>{% endfor %}</ul>
        {% endcall %}"""
    full = render(app, source, page=Page(items=["A"], page=1, per_page=25, total=1))
    assert [text(li) for li in full.all("li")] == ["A"] and not full.all("table")
    empty = render(app, source, page=Page(items=[], page=1, per_page=25, total=0))
    assert text(empty.one("h2")) == "None open" and not empty.all("ul")


class Colour(StrEnum):
    RED = "<red>"


@pytest.mark.parametrize(
    "value",
    ["", "plain", "Tom & Jerry's \"<b>\"", "Siobhán 🙂 ‮", "&amp; already", 0, 12, -3,
     1.5, True, None, Markup("<b>safe</b>"), Colour.RED],
)  # fmt: skip
def test_text_is_escaped_exactly_as_markupsafe_escapes_it(value):
    assert html_text(value) == str(escape(value))
    if value is not None:
        expected = f'<td class="govuk-table__cell govuk-table__cell--numeric">{escape(value)}</td>'
        assert cell_html(value, numeric=True) == expected
        assert str(table_cell(value, numeric=True)) == expected
        assert isinstance(table_cell(value, numeric=True), Markup)


def test_python_gives_a_whole_table_its_rows_as_markup():
    rows = "".join(
        f"<tr>{cell_html(name, header=True)}{cell_html(n, numeric=True)}</tr>"
        for name, n in [("<Ann>", 3), ("Bo", 4)]
    )
    page = Html(
        table_markup("counts", "People & places", ["Name", {"text": "Count", "numeric": True}],
                     hide_caption=False, caption_size="s", body=rows)
    )  # fmt: skip
    assert page.one("div", "lcr-table-container").get("aria-labelledby") == "counts"
    assert text(page.one("caption")) == "People & places"
    assert [[text(c) for c in tr] for tr in page.all("tr")] == [
        ["Name", "Count"],
        ["<Ann>", "3"],
        ["Bo", "4"],
    ]
    assert not page.all("ann")
