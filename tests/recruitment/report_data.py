"""A known round for the fairness report's tests (test_report.py, test_report_levels.py): 25
sent applications and a draft, with monitoring answers, reasons, agreed scores and members."""

from __future__ import annotations

from datetime import timedelta

import html5lib
from sqlalchemy import select

from engage.accounts.models import User
from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.monitoring.services import save_answers
from engage.panels.models import Panel
from engage.recruitment.models import (
    APPOINTED,
    DRAFT,
    NOT_APPOINTED,
    NOT_SHORTLISTED,
    RESERVE,
    WITHDRAWN,
    Criterion,
)
from engage.reference.models import LocalAuthority
from engage.reference_data import load_reference_data
from tests.factories import (
    ApplicationFactory,
    ModeratedScoreFactory,
    PanelMembershipFactory,
    RoundFactory,
)

# 25 sent applications: 2 withdrawn, 11 not shortlisted, 12 shortlisted (5 appointed).
STATUSES = [WITHDRAWN] * 2 + [NOT_SHORTLISTED] * 11 + [APPOINTED] * 5
STATUSES += [RESERVE] * 3 + [NOT_APPOINTED] * 4
FEMALE = {2, 3, 4, *range(13, 23)}  # 13 applied, 10 shortlisted, all 5 appointed
DISABLED = {5, 6, 7, 13}  # 4: a group too small to show
WITHDRAWN_WITHOUT_ANSWERS = {0, 1}
ZORBLAX = "Zorblaxian heritage"  # a write-in answer that must never leave the report unsummed
QUUX = "Quuxism of the valley"
ACCESS_NEED = "Hearing loop in room QZ-7"
EVIL_NAME = '=HYPERLINK("http://evil.example/","click me")'


def build_round(
    lead_id: int, reviewer_ids: tuple[int, ...] = (), members: int = 0, *, finished: bool = True
) -> int:
    """The 25 applicants above (plus a draft), with answers, scores and reasons; ``finished``:
    its outcomes have been sent (so its lead sees the shared tables). Call inside an app
    context; commits. Returns the round id."""
    load_reference_data()
    today = uk_today()
    panel = db.session.scalars(select(Panel).where(Panel.code == "disabled-people")).one()
    authorities = {la.name: la for la in db.session.scalars(select(LocalAuthority))}
    round_ = RoundFactory(
        title="Panels 2026",
        opens_on=today - timedelta(days=90),
        closes_on=today - timedelta(days=60),
        lead_officer_id=lead_id,
        reviewers=[db.session.get(User, reviewer_id) for reviewer_id in reviewer_ids],
        outcomes_sent_at=utcnow() - timedelta(days=5) if finished else None,
        panels=[panel],
        criteria=[
            Criterion(title="Lived experience", position=1),
            Criterion(title="Working with others", position=2),
        ],
        questions=[],
    )
    applications = [
        ApplicationFactory(
            round=round_,
            reference=f"EP-TEST-{number:04d}",
            status=status,
            draft=status == DRAFT,
            full_name=EVIL_NAME if number == 3 else f"Applicant Person {number}",
            email=f"person{number}@example.net",
            availability=["evening"],
            access_needs=["qz_loop"],
            access_needs_other=ACCESS_NEED,
            submitted_at=None if status == DRAFT else utcnow() - timedelta(days=70),
            shortlist_reason="+SUM(A1:A9)" if number == 3 else "Met the criteria",
            outcome_reason="@cmd|' /C calc'!A0" if number == 13 else "",
            local_authorities=[authorities["Liverpool"]]
            + ([authorities["Wirral"]] if number in (14, 15, 16) else []),
        )
        for number, status in enumerate([*STATUSES, DRAFT])
    ]
    for number, application in enumerate(applications[:25]):
        if number in WITHDRAWN_WITHOUT_ANSWERS:
            continue
        disabled = number in DISABLED
        save_answers(
            "panel_application",
            application.id,
            {
                "sex": "female" if number in FEMALE else "male",
                "long_term_condition": "yes" if disabled else "no",
                "day_to_day_limited": "a_lot" if disabled else None,
                "ethnic_group": "other_any" if number == 5 else "white_british",
                "ethnic_group_other": ZORBLAX if number == 5 else None,
                "religion": "other" if number == 6 else "no_religion",
                "religion_other": QUUX if number == 6 else None,
            },
        )
    for criterion in round_.criteria:  # agreed scores for applicant 14: 3 + 4
        score = 3 if criterion.position == 1 else 4
        ModeratedScoreFactory(application=applications[13], criterion=criterion, score=score)
    for number in range(13, 13 + members):  # appointed applicants seated on the panel
        PanelMembershipFactory(
            panel=panel,
            user=None,
            email=applications[number].email,
            term_start=today - timedelta(days=10),
            term_end=today + timedelta(days=700),
            application_id=applications[number].id,
        )
    PanelMembershipFactory(  # a member whose term ended: not counted
        panel=panel,
        user=None,
        email="former@example.net",
        term_start=today - timedelta(days=800),
        term_end=today - timedelta(days=70),
        application_id=applications[14].id,
    )
    db.session.commit()
    return round_.id


def url(round_id: int, what: str = "") -> str:
    return f"/admin/round-reports/rounds/{round_id}{what}"


def table_rows(html: str, caption_id: str) -> dict[str, list[str]]:
    """Row header text -> the row's cell texts, for the table whose caption has this id."""
    document = html5lib.parse(html, namespaceHTMLElements=False)
    for table in document.iter("table"):
        caption = table.find("caption")
        if caption is not None and caption.get("id") == caption_id:
            rows = {}
            for row in table.find("tbody").iter("tr"):
                header = "".join(row.find("th").itertext()).strip()
                rows[header] = ["".join(td.itertext()).strip() for td in row.findall("td")]
            return rows
    raise AssertionError(f"no table captioned #{caption_id}")
