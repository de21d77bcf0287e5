"""The report's content as one list of blocks (headings, paragraphs, tables, charts), written
once: the page renders them in order, and the .docx writes the same headings, paragraphs and
tables (a chart's numbers are in the table that follows it, so the document needs no
drawing). What each block says is set here, so the page and the document cannot disagree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from engage.annual_report.services import AnnualReport
from engage.annual_report.tables import (
    TableData,
    breakdown_table,
    comparison_table,
    panel_table,
    progression_table,
    published_table,
)
from engage.core.word import Heading, Paragraph
from engage.monitoring.api import (
    CENSUS_ATTRIBUTION,
    CENSUS_LICENCE_URL,
    THRESHOLD,
    Comparison,
    PublishedTable,
)


@dataclass(frozen=True)
class ComparisonChart:
    comparison: Comparison
    caption: str


@dataclass(frozen=True)
class CountsChart:
    table: PublishedTable
    caption: str


Block = Heading | Paragraph | TableData | ComparisonChart | CountsChart


def _date(day: object) -> str:
    return f"{day.day} {day:%B %Y}"  # type: ignore[attr-defined]


def _introduction(report: AnnualReport) -> Iterator[Block]:
    year = report.year
    yield Heading(f"Annual equality information report {year.year}")
    covers = f"This report covers the calendar year {year.covers}"
    if year.so_far:
        covers += ", which has not ended yet: it counts what happened up to today"
    yield Paragraph(
        covers + ". It sets out who the Combined Authority heard from, the make-up of its "
        "Equality Panels, how fairly panel recruitment treated each group, progress on the "
        "Equality Strategy's success measures, and what changed because people told us."
    )
    yield Paragraph(
        f"Numbers under {THRESHOLD} are shown as “fewer than {THRESHOLD}”, and some other "
        "numbers are hidden so that nobody can be identified: see “How this report was made”."
    )


def _heard_from(report: AnnualReport) -> Iterator[Block]:
    heard = report.heard_from
    yield Heading("Who we heard from", 2)
    yield Paragraph(
        "Everyone who answered the equality monitoring questions when they took part, added "
        "together across:"
    )
    for each in heard.period.counted:
        yield Paragraph(
            f"{each.source.label} ({each.source.dated_by} in {report.year.year}): "
            f"{each.source.description}"
        )
    for source in heard.period.left_out:
        yield Paragraph(
            f"Not included: {source.label}, because these records do not say when they were made."
        )
    yield Paragraph(
        "The counts are of contributions, not people: someone who applied to a panel and "
        "answered a consultation counts once for each. Every share is compared with the "
        "population of the six local authorities of the city region in the 2021 Census."
    )
    if heard.sources is not None:
        yield published_table(
            heard.sources, "heard-from-sources", "Contributions by how people took part",
            "How people took part", unit="Contributions",
        )  # fmt: skip
    else:
        yield Paragraph(
            "The number of contributions is not shown, because with the tables below it "
            "would let a small number be worked out."
        )
    for comparison in heard.comparisons:
        yield Heading(comparison.label, 3)
        caption = f"{comparison.label}: people who answered and the population"
        yield ComparisonChart(comparison, caption)
        yield comparison_table(
            comparison, f"heard-from-{comparison.characteristic}",
            f"{comparison.label} of people who answered, beside the population",
        )  # fmt: skip


def _panels(report: AnnualReport) -> Iterator[Block]:
    yield Heading("Panel make-up", 2)
    if not report.panels:
        yield Paragraph("There are no panels yet.")
        return
    members = ", ".join(f"{p.panel.name}: {p.members:,}" for p in report.panels)
    yield Paragraph(
        f"Everyone who served on each Equality Panel at any time in {report.year.year}, "
        f"counted once per panel ({members}). Members' equality answers are those they gave "
        "when they applied; a member who joined another way counts as “did not answer”."
    )
    count = len(report.panels[0].comparisons)
    for position in range(count):
        label = report.panels[0].comparisons[position][0].label
        columns = [(p.panel.name, p.members, *p.comparisons[position]) for p in report.panels]
        yield panel_table(
            label, columns, f"panels-{report.panels[0].comparisons[position][0].characteristic}",
            f"{label} of panel members in {report.year.year}",
        )  # fmt: skip


def _recruitment(report: AnnualReport) -> Iterator[Block]:
    fairness = report.fairness
    year = report.year.year
    yield Heading("Recruitment to the panels", 2)
    if not fairness.rounds:
        yield Paragraph(f"No recruitment round closed in {year}.")
        return
    yield Paragraph(
        f"The recruitment rounds that closed in {year}, taken together: how the people who "
        "applied moved through shortlisting to appointment, group by group. A withdrawn "
        "application counts as applied and goes no further."
    )
    rows = [
        [r.title, _date(r.closes_on), *(f"{n:,}" for n in r.people.values()), f"{r.withdrawn:,}"]
        for r in fairness.rounds
    ]
    rows.append(
        ["All rounds", "", *(f"{n:,}" for n in fairness.people.values()), f"{fairness.withdrawn:,}"]
    )
    yield TableData(
        "rounds", f"Recruitment rounds that closed in {year}",
        ["Round", "Closed", "Applied", "Shortlisted", "Appointed", "Withdrew"], rows,
        numeric_from=2,
    )  # fmt: skip
    for breakdown in fairness.breakdowns:
        yield Heading(breakdown.label, 3)
        yield breakdown_table(
            breakdown, f"recruitment-{breakdown.key}",
            f"{breakdown.label} of applicants at each stage",
        )  # fmt: skip
        yield progression_table(
            breakdown, (fairness.shortlisted_rate, fairness.appointed_rate),
            f"progression-{breakdown.key}",
            f"{breakdown.label}: share of applicants shortlisted and appointed",
        )  # fmt: skip


def _measures(report: AnnualReport) -> Iterator[Block]:
    year = report.year.year
    yield Heading("Success measures", 2)
    if not report.measures:
        yield Paragraph("The current Equality Strategy has no success measures.")
        return
    recorded = sum(1 for m in report.measures if m.value is not None)
    yield Paragraph(
        f"Each success measure of the current Equality Strategy, with the value officers "
        f"recorded for {year} and where it came from ({recorded} of {len(report.measures)} "
        "recorded)."
    )
    rows = [
        [
            f"{m.objective_code}: {m.measure}",
            m.baseline or "–",
            _target(m.target, m.by),
            m.value if m.value is not None else "Not recorded",
            m.source or "–",
        ]
        for m in report.measures
    ]
    yield TableData(
        "measures", f"Success measures in {year}",
        ["Measure", "Baseline", "Target", f"Value in {year}", "Source"], rows,
        numeric_from=99,
    )  # fmt: skip


def _target(target: str, by: str) -> str:
    if target and by:
        return f"{target} by {by}"
    return target or (f"by {by}" if by else "–")


def _what_changed(report: AnnualReport) -> Iterator[Block]:
    year = report.year.year
    yield Heading("What changed", 2)
    yield Heading("Consultations: we asked, you said, we did", 3)
    if not report.outcomes:
        yield Paragraph(f"No consultation outcome was published in {year}.")
    for outcome in report.outcomes:
        yield Heading(outcome.title, 4)
        yield Paragraph(
            f"Outcome published {_date(outcome.published_at)}. Responses: {outcome.responses}."
        )
        if outcome.decision:
            yield Paragraph(f"What we decided: {outcome.decision}")
        if outcome.changes:
            yield Paragraph(f"What changed: {outcome.changes}")
        if outcome.themes_by_result:
            themes = "; ".join(f"{label}: {n}" for label, n in outcome.themes_by_result.items())
            yield Paragraph(f"Themes people raised, by what we did: {themes}.")
        for theme, we_did in outcome.changed_themes:
            yield Paragraph(f"You said: {theme}. We did: {we_did}")
    yield Heading("Lived-experience stories", 3)
    yield Paragraph(
        f"Stories told in {year} by what changed because of them, as recorded when this "
        "report was made. Withdrawn stories and stories passed to safeguarding are not "
        "counted."
    )
    yield CountsChart(report.stories_table, f"Stories told in {year} by what changed")
    yield published_table(
        report.stories_table, "stories", f"Stories told in {year} by what changed",
        "What changed", unit="Stories",
    )  # fmt: skip
    stories = report.stories
    if stories.public_changes:
        listed = len(stories.public_changes)
        latest = "" if listed == stories.public_changes_in_all else f" (the latest {listed})"
        yield Paragraph(
            f"Changes from the {stories.public_changes_in_all:,} stories told in {year} and "
            f"published with the teller's agreement{latest}:"
        )
        for change in report.stories.public_changes:
            yield Paragraph(f"{change.title} ({change.change}): {change.description or '–'}")
    yield Heading("Draft policies", 3)
    if not report.policies:
        yield Paragraph(f"No panel comment on a draft policy was answered in {year}.")
        return
    yield Paragraph(
        f"Panel members' comments on draft policies that officers answered in {year}, by "
        "outcome (accepted and partly accepted comments changed the policy), and what each "
        "new version said it changed."
    )
    labels = list(report.policies[0].comments)
    rows = [[p.title, *(f"{n:,}" for n in p.comments.values())] for p in report.policies]
    yield TableData(
        "policies", f"Comments answered in {year}, by outcome", ["Policy", *labels], rows
    )
    for policy in report.policies:
        for version, note in policy.changes:
            yield Paragraph(f"{policy.title}, {version}: {note}")


def _method(report: AnnualReport) -> Iterator[Block]:
    yield Heading("How this report was made", 2)
    yield Paragraph(
        "Generated from LCR Engage's records when it was downloaded. Every count is made by "
        "the database from the records themselves."
    )
    yield Paragraph(
        f"Disclosure control: any number of people under {THRESHOLD} (including 0) is shown "
        f"as “fewer than {THRESHOLD}”, with no percentage. Where a total and the other "
        "numbers would let a small number be worked out, the next smallest number is hidden "
        "too (“hidden”), and if that cannot protect it, the total is not shown. Where a "
        "total is public anyway (the members of a panel, the people at a recruitment stage), "
        "a table that would need its total hidden is withheld whole."
    )
    yield Paragraph(
        "Comparison with the Census: a group's share of the people who answered is set "
        "beside its share of the population of the same places in the 2021 Census, leaving "
        "out, on both sides, people who did not answer or preferred not to say. The ratio "
        "is the first share divided by the second. " + report.heard_from.comparisons[0].rule
    )
    yield Paragraph(
        "The tables count overlapping groups of people (a panel member may also have "
        "applied, and answered a consultation); each table is protected on its own, so do "
        "not add further breakdowns of these numbers before publishing."
    )
    yield Paragraph(f"Census 2021 population figures. {CENSUS_ATTRIBUTION} ({CENSUS_LICENCE_URL}).")


def report_blocks(report: AnnualReport) -> list[Block]:
    return [
        *_introduction(report),
        *_heard_from(report),
        *_panels(report),
        *_recruitment(report),
        *_measures(report),
        *_what_changed(report),
        *_method(report),
    ]
