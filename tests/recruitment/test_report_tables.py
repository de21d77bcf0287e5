"""The fairness report's tables, written in Python (engage/recruitment/report/tables.py): each
has its caption naming its scrolling region, column and row headings with their scope, and
shows only published numbers: small ones as "fewer than 10" with no share, the suppression
notes under the table, and at the restricted level each rate with its interval."""

from __future__ import annotations

from xml.etree import ElementTree

import html5lib

from engage.recruitment.report.restricted import restricted_breakdown
from engage.recruitment.report.services import RoundCounts, round_report
from engage.recruitment.report.tables import (
    breakdown_table,
    progression_table,
    restricted_table,
)

CODES = ("disabled", "not_disabled", "prefer_not_to_say", "not_answered")


def stages(applied: tuple[int, ...], shortlisted: tuple[int, ...], appointed: tuple[int, ...]):
    return {
        key: dict(zip(CODES, counts, strict=True))
        for key, counts in (
            ("applied", applied),
            ("shortlisted", shortlisted),
            ("appointed", appointed),
        )
    }


# 60 applied: 24 disabled, 30 not, 4 preferred not to say, 2 did not answer.
COUNTS = RoundCounts(
    people={"applied": 60, "shortlisted": 30, "appointed": 12},
    withdrawn=0,
    local_authorities=stages((20, 30, 0, 10), (10, 15, 0, 5), (4, 6, 0, 2)),
    characteristics={"disability": stages((24, 30, 4, 2), (6, 20, 2, 2), (1, 10, 1, 0))},
)


def parse(markup: str) -> ElementTree.Element:
    return html5lib.parse(markup, namespaceHTMLElements=False)


def text(element: ElementTree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def rows(root: ElementTree.Element) -> list[list[str]]:
    return [[text(cell) for cell in tr] for tr in root.iter("tr")]


def test_a_breakdown_shows_each_stage_with_its_share_and_hides_small_numbers():
    breakdown = round_report(None, COUNTS).characteristics["disability"]
    root = parse(breakdown_table(breakdown, "stages", "Disability of <applicants>"))
    region = next(root.iter("div"))
    assert (region.get("role"), region.get("aria-labelledby"), region.get("tabindex")) == (
        "region",
        "stages",
        "0",
    )
    caption = next(root.iter("caption"))
    assert (caption.get("id"), text(caption)) == ("stages", "Disability of <applicants>")
    heading, *body = rows(root)
    assert heading == [
        "Disability (Equality Act)",
        "Applied",
        "Applied: share",
        "Shortlisted",
        "Shortlisted: share",
        "Appointed",
        "Appointed: share",
    ]
    assert [th.get("scope") for th in next(root.iter("thead")).iter("th")] == ["col"] * 7
    assert [tr[0].get("scope") for tr in next(root.iter("tbody"))] == ["row"] * 5
    assert body[0][:3] == ["Disabled", "24", "40.0%"]
    assert body[0][5:] == ["fewer than 10", "–"]  # 1 disabled person appointed
    assert body[-1] == ["Total", "60", "100%", "30", "100%", "12", "100%"]
    notes = [text(p) for p in root.iter("p")]
    assert notes and all("fewer than 10" in note or "hidden" in note for note in notes)


def test_progression_says_when_a_rate_cannot_be_shown():
    report = round_report(None, COUNTS)
    breakdown = report.characteristics["disability"]
    root = parse(progression_table(breakdown, report, "rates", "Rates", "not enough people"))
    heading, everyone, disabled, *_ = rows(root)
    assert heading == [
        "Disability (Equality Act)",
        "Applicants shortlisted",
        "Applicants appointed",
    ]
    assert everyone == ["Everyone who applied", "50.0%", "20.0%"]
    assert disabled == ["Disabled", "not enough people", "not enough people"]


def test_the_restricted_table_gives_exact_numbers_rates_intervals_and_flags_lower_groups():
    root = parse(restricted_table(restricted_breakdown(COUNTS, "disability"), "r", "Exact"))
    heading, everyone, disabled, not_disabled, *_ = rows(root)
    assert heading[0] == "Disability (Equality Act)" and heading[3].startswith("Share shortlisted")
    assert everyone[:3] == ["Everyone who applied", "60", "30"]
    assert everyone[3].startswith("50.0% (") and "Lower" not in everyone[3]
    assert disabled[:3] == ["Disabled", "24", "6"]
    assert disabled[3].startswith("25.0% (") and disabled[3].endswith(") Lower")
    assert "Lower" not in not_disabled[3]
    tag = next(root.iter("strong"))
    assert tag.get("class") == "govuk-tag govuk-tag--red"
