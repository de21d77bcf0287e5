"""The fairness report for a round and the round's exports: the numbers for a known set of 25
applicants, small counts suppressed, no monitoring answers or access needs in exports,
formula injection defused, who may see them, and the audit trail."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from engage.core.audit import AuditEvent
from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.recruitment.models import RecruitmentRound
from engage.recruitment.report import exports
from engage.recruitment.report import services as report_services
from tests.factories import RoundFactory
from tests.recruitment.report_data import (
    ACCESS_NEED,
    EVIL_NAME,
    QUUX,
    ZORBLAX,
    build_round,
    table_rows,
    url,
)


@pytest.fixture
def lead(make_user):
    return make_user(roles=["officer", "equality_data"])


@pytest.fixture
def round_id(app, lead):
    with app.app_context():
        return build_round(lead.id, members=2)


EXPORTS = ("/applications.csv", "/applications.xlsx", "/monitoring.csv", "/monitoring.xlsx")


# --- The numbers ------------------------------------------------------------------------------


def test_stage_counts_and_tables_for_a_known_round(app, round_id):
    with app.app_context():
        report = report_services.round_report(db.session.get(RecruitmentRound, round_id))
        assert report.people == {"applied": 25, "shortlisted": 12, "appointed": 5}
        assert report.withdrawn == 2
        sex = report.characteristics["sex"]
        applied, shortlisted, appointed = (stage.table for stage in sex.stages)
        assert applied.cell("female").count == 13
        assert applied.cell("female").percentage_display == "52.0%"
        assert applied.cell("male").count == 10
        assert applied.cell("not_answered").display == "fewer than 10"  # the withdrawn two
        assert applied.total == 25
        assert shortlisted.cell("female").count == 10
        assert shortlisted.cell("male").display == "fewer than 10"
        assert appointed.total is None  # 5 people: everything under 10

        disabled = report.characteristics["disability"].stages[0].table.cell("disabled")
        assert disabled.display == "fewer than 10"
        assert disabled.count is None and disabled.percentage is None


def test_progression_rates_only_where_both_counts_are_shown(app, round_id):
    with app.app_context():
        report = report_services.round_report(db.session.get(RecruitmentRound, round_id))
    rows = {row.code: row for row in report.characteristics["sex"].progression}
    assert rows["female"].shortlisted_rate == pytest.approx(10 / 13)
    assert rows["female"].appointed_rate is None  # 5 appointed: too few to show
    assert rows["male"].shortlisted_rate is None  # 2 shortlisted
    disability = {row.code: row for row in report.characteristics["disability"].progression}
    assert disability["disabled"].shortlisted_rate is None
    assert report.shortlisted_rate == pytest.approx(12 / 25)


def test_each_person_counts_under_every_local_authority_they_named(app, round_id):
    with app.app_context():
        report = report_services.round_report(db.session.get(RecruitmentRound, round_id))
    applied = report.local_authorities.stages[0].table
    assert applied.cell("E08000012").count == 25  # Liverpool
    assert applied.cell("E08000015").display == "fewer than 10"  # Wirral: 3
    assert applied.total is None and applied.cell("E08000012").percentage is None


def test_a_table_whose_total_would_give_a_small_count_away_is_withheld():
    # Everybody gave the same answer: the table could only hide its total, but the number of
    # people at the stage is shown, so nothing in it can be shown.
    table, withheld = report_services.publish_for_known_total({"a": 0, "b": 10, "c": 0})
    assert withheld
    assert all(cell.count is None and cell.status == "hidden" for cell in table.cells)
    table, withheld = report_services.publish_for_known_total({"a": 12, "b": 15, "c": 3})
    assert not withheld and table.cell("b").count == 15  # a is hidden so c cannot be worked out
    assert table.cell("a").status == "hidden" and table.total == 30


def test_the_report_page_shows_counts_suppresses_small_ones_and_hides_small_rates(
    client, signed_in_as, lead, round_id
):
    signed_in_as(lead)
    page = client.get(url(round_id, "?characteristic=sex")).get_data(as_text=True)
    assert "Fairness report" in page
    stages = table_rows(page, "characteristic-stages")
    assert stages["Female"][:2] == ["13", "52.0%"]
    assert stages["Male"][2:4] == ["fewer than 10", "–"]
    rates = table_rows(page, "progression")
    assert rates["Female"] == ["76.9%", "not enough people to show"]
    assert rates["Male"] == ["not enough people to show", "not enough people to show"]
    assert rates["Everyone who applied"][0] == "48.0%"

    page = client.get(url(round_id, "?characteristic=disability")).get_data(as_text=True)
    disabled = table_rows(page, "characteristic-stages")["Disabled"]
    assert disabled[:2] == ["fewer than 10", "–"]
    assert not any("%" in cell for cell in disabled)
    places = table_rows(page, "local-authorities")
    assert places["Liverpool"][0] == "25" and places["Wirral"][0] == "fewer than 10"
    assert ZORBLAX not in page and QUUX not in page and ACCESS_NEED not in page


def test_panel_make_up_counts_current_members_against_the_census(
    client, signed_in_as, lead, round_id
):
    signed_in_as(lead)
    page = client.get(url(round_id, "?characteristic=disability")).get_data(as_text=True)
    assert "2 current members, 2 of them appointed through an application" in page
    assert "Not enough responses to compare" in page
    assert "Open Government Licence" in page
    page = client.get(url(round_id, "?characteristic=unpaid_care")).get_data(as_text=True)
    assert "No census baseline is held for this question" in page


def test_a_round_with_no_applications_yet_shows_an_empty_report(app, client, signed_in_as, lead):
    with app.app_context():
        round_id = RoundFactory(
            title="Empty",
            opens_on=uk_today(),
            closes_on=uk_today(),
            lead_officer_id=lead.id,
            outcomes_sent_at=utcnow(),  # finished, so its lead sees the shared tables
            panels=[],
            criteria=[],
            questions=[],
        ).id
    signed_in_as(lead)
    page = client.get(url(round_id, "?characteristic=sex")).get_data(as_text=True)
    assert table_rows(page, "stage-counts")["Applied"] == ["0", "–"]
    assert "This round is not for any panel yet" in page
    assert len(csv_rows(client.get(url(round_id, "/applications.csv")).data)) == 1  # header


def test_an_unknown_characteristic_is_refused_with_a_message(client, signed_in_as, lead, round_id):
    signed_in_as(lead)
    response = client.get(url(round_id, "?characteristic=ethnic_group"))  # the detailed one
    assert response.status_code == 200
    assert "Choose a characteristic from the list" in response.get_data(as_text=True)


# --- Exports ----------------------------------------------------------------------------------


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_text(content: bytes) -> str:
    """Every bit of text stored in the workbook, however it is stored."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def test_the_applications_export_has_no_identity_monitoring_answers_or_access_needs(
    client, signed_in_as, lead, round_id
):
    signed_in_as(lead)
    response = client.get(url(round_id, "/applications.csv"))
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    rows = csv_rows(response.data)
    header, body = rows[0], rows[1:]
    assert len(body) == 25  # every sent application, not the draft
    assert not {"Name", "Email", "Phone"} & set(header)
    assert not {"Sex", "Disability", "Ethnic group", "Religion", "Access needs"} & set(header)
    by_reference = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert by_reference["EP-TEST-0013"]["Moderated total (out of 8)"] == "7"
    assert by_reference["EP-TEST-0014"]["Moderated total (out of 8)"] == ""
    assert by_reference["EP-TEST-0013"]["Status"] == "Appointed"
    for content in (response.data, client.get(url(round_id, "/applications.xlsx")).data):
        text = content.decode("utf-8", "replace") if content[:3] == b"\xef\xbb\xbf" else ""
        text = text or xlsx_text(content)
        for secret in (
            ZORBLAX,
            QUUX,
            ACCESS_NEED,
            "qz_loop",
            "limited_a_lot",
            "white_british",
            "Applicant Person",
            "example.net",
            EVIL_NAME,
        ):
            assert secret not in text


def test_the_monitoring_export_holds_aggregates_only(client, signed_in_as, lead, round_id):
    signed_in_as(lead)
    rows = csv_rows(client.get(url(round_id, "/monitoring.csv")).data)
    assert rows[0] == ["Stage", "Table", "Answer", "People", "Share"]
    assert ["Applied", "Sex", "Female", "13", "52.0%"] in rows
    assert ["Applied", "Disability (Equality Act)", "Disabled", "fewer than 10", ""] in rows
    workbook_bytes = client.get(url(round_id, "/monitoring.xlsx")).data
    for text in ("\n".join(",".join(row) for row in rows), xlsx_text(workbook_bytes)):
        for secret in ("EP-TEST-", "Applicant Person", "example.net", ZORBLAX, QUUX, ACCESS_NEED):
            assert secret not in text
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    assert workbook.sheetnames[:3] == ["About", "Local authority", "Ethnic group"]
    sheet = workbook["Sex"]
    assert sheet["A1"].font.bold and sheet.column_dimensions["A"].width > 8
    female = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Female")
    assert female[:3] == ("Female", 13, pytest.approx(0.52))


def test_exports_defuse_formula_injection(client, signed_in_as, lead, round_id):
    signed_in_as(lead)
    rows = csv_rows(client.get(url(round_id, "/applications.csv")).data)
    header = rows[0]
    row = dict(zip(header, next(r for r in rows if r[0] == "EP-TEST-0003"), strict=True))
    assert row["Shortlisting reason"] == "'+SUM(A1:A9)"
    outcome = dict(zip(header, next(r for r in rows if r[0] == "EP-TEST-0013"), strict=True))
    assert outcome["Outcome reason"].startswith("'@cmd")

    workbook = load_workbook(io.BytesIO(client.get(url(round_id, "/applications.xlsx")).data))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Reference", "Candidate number", "Status"]
    assert sheet["A1"].font.bold
    column = header.index("Shortlisting reason")
    reason = next(r[column] for r in sheet.iter_rows(min_row=2) if r[0].value == "EP-TEST-0003")
    assert reason.value == "'+SUM(A1:A9)" and reason.data_type == "s"


def test_defuse_and_csv_directly():
    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert exports.defuse(dangerous) == "'" + dangerous
    # Spreadsheets skip white space before a formula (issue 8): these ran before.
    for dangerous in (
        " =1+1",
        "  +1",
        " -1",
        " @SUM(A1)",
        "\n=1+1",
        '\r\n=HYPERLINK("http://x.example")',
        "\t=1+1",
        "\r=1+1",
        "\n",
        "\u00a0=1+1",  # a no-break space
        " \n\t @cmd",
    ):
        assert exports.defuse(dangerous) == "'" + dangerous, repr(dangerous)
    sheet = exports.Sheet("T", ("A",), [(" =1+1",), ("\n=1+1",), ("\t=1+1",), ("\r=1+1",)])
    assert csv_rows(exports.to_csv(sheet))[1:] == [
        ["' =1+1"],
        ["'\n=1+1"],
        ["'\t=1+1"],
        ["'\r=1+1"],
    ]
    cells = load_workbook(io.BytesIO(exports.to_xlsx([sheet])))["T"]
    values = [cells[f"A{n}"].value for n in range(2, 6)]
    assert values[:3] == ["' =1+1", "'\n=1+1", "'\t=1+1"]
    assert values[3].startswith("'")  # XML turns the carriage return into a line feed
    for harmless in ("Siobhán O'Hare", "Good evidence = 3", "a-b", " plain", ""):
        assert exports.defuse(harmless) == harmless
    assert exports.defuse("Siobhán O'Hare") == "Siobhán O'Hare"
    assert exports.defuse(-3) == -3  # numbers are numbers, not formulas
    sheet = exports.Sheet("T", ("Name",), [("Siobhán",), ("=cmd",), (None,)])
    assert csv_rows(exports.to_csv(sheet)) == [["Name"], ["Siobhán"], ["'=cmd"], [""]]
    workbook = load_workbook(
        io.BytesIO(exports.to_xlsx([exports.Sheet("T", ("A",), [("\x00x",)])]))
    )
    assert workbook["T"]["A2"].value == "x"  # control characters dropped, not an error


# --- Who may see it, and the audit trail --------------------------------------------------------


MONITORING_EXPORTS = ("/monitoring.csv", "/monitoring.xlsx")
APPLICATION_EXPORTS = ("/applications.csv", "/applications.xlsx")


@pytest.mark.parametrize(
    ("roles", "part", "finished", "page", "monitoring", "applications"),
    [
        # (who, their part in the round, outcomes sent?, what the report shows, export codes;
        # 302: sent back to the report, which says why)
        (["officer"], "lead", False, 403, 403, 200),  # the lead without the equality data role
        (["officer", "equality_data"], None, False, "restricted", 200, 403),  # an analyst
        (["equality_data"], None, False, "restricted", 200, 403),
        (["officer", "equality_data"], "reviewer", False, "none", 302, 403),
        (["officer", "equality_data"], "reviewer", True, "shared", 200, 403),
        (["officer", "equality_data"], "lead", False, "none", 302, 200),
        (["officer", "equality_data"], "lead", True, "shared", 200, 200),
        (["admin", "officer", "equality_data"], None, False, "restricted", 200, 200),
        (["admin", "officer"], None, True, 403, 403, 200),  # no equality data by default
    ],
)
def test_who_may_see_the_report_and_exports(
    app, client, make_user, signed_in_as, roles, part, finished, page, monitoring, applications
):
    """Issue 16: taking part in the round's decisions, not seniority, decides the level."""
    user = make_user(roles=roles)
    other = make_user(roles=["officer", "equality_data"])
    with app.app_context():
        round_id = build_round(
            user.id if part == "lead" else other.id,
            reviewer_ids=(user.id,) if part == "reviewer" else (),
            finished=finished,
        )
    signed_in_as(user)
    response = client.get(url(round_id))
    if isinstance(page, int):
        assert response.status_code == page
    else:
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert ("Restricted: not for publication" in html) == (page == "restricted")
        assert ("shows you none until" in html) == (page == "none")
        assert ("These are the shared tables" in html) == (page == "shared")
    for what in MONITORING_EXPORTS:
        assert client.get(url(round_id, what)).status_code == monitoring, what
    for what in APPLICATION_EXPORTS:
        assert client.get(url(round_id, what)).status_code == applications, what


def test_anonymous_people_are_sent_to_sign_in_and_missing_rounds_are_404(
    client, make_user, signed_in_as, round_id
):
    response = client.get(url(round_id))
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    signed_in_as(make_user(roles=["admin", "officer", "equality_data"]))
    for what in ("", *EXPORTS):
        assert client.get(url(round_id + 999, what)).status_code == 404


def test_every_view_and_export_is_audited(app, client, signed_in_as, lead, round_id):
    signed_in_as(lead)
    for what in ("", "?characteristic=religion", *EXPORTS):
        assert client.get(url(round_id, what)).status_code == 200
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    viewed = [e for e in events if e.action == "equality_data_viewed"]
    exported = [e for e in events if e.action == "round_exported"]
    assert [e.details.get("characteristic") for e in viewed[:2]] == [
        "ethnic_group_broad",
        "religion",
    ]
    assert [e.details.get("format") for e in viewed[2:]] == ["csv", "xlsx"]
    assert all(e.actor_id == lead.id and e.details["round_id"] == round_id for e in viewed)
    assert [(e.object_id, e.details["format"]) for e in exported] == [
        (str(round_id), "csv"),
        (str(round_id), "xlsx"),
    ]
    assert exported[0].details["rows"] == 25
