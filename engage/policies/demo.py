"""Demo draft policies for ``make run`` and the benchmark's larger ones. Fictional texts,
written for the demo: not the authority's policies.

- "Accessible bus stops and interchanges": one version, with an Equality Impact Assessment,
  open to the Disabled People Panel.
- "Inclusive procurement": two versions, the second changed after comments, so the two can
  be compared; the first's impact assessment is published.
At scale (``seed-scale``), more policies with two versions of 200 paragraphs each, inserted in
bulk."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from engage.accounts import api as accounts
from engage.core.dates import uk_today
from engage.core.db import db
from engage.panels import api as panels
from engage.policies import assessments, comments, demo_assessments, feedback, stages
from engage.policies.document_text import blocks_from_text, number_blocks
from engage.policies.models import (
    ImpactAssessment,
    ImpactSection,
    Policy,
    PolicyComment,
    PolicyParagraph,
    PolicyVersion,
)
from engage.policies.services import PolicyDetails, add_version, create_policy
from engage.strategy.api import current_priority_ids

BUS_STOPS = "\n".join(
    (
        "# Purpose",
        "This standard sets out how new and improved bus stops and interchanges in the city "
        "region will be designed so that everyone can use them.",
        "It applies to schemes funded or delivered by the Combined Authority from April 2027.",
        "# Boarding and alighting",
        "Every stop will have a raised kerb that lets a ramp reach the pavement at a safe angle.",
        "Stops will be kept clear of parked vehicles, with markings and enforcement where needed.",
        "# Information",
        "Timetables will be shown in large print at a height people can read from a wheelchair.",
        "Real-time displays will also announce arrivals out loud at the press of a button.",
        "# Shelter and seating",
        "Shelters will have seating with arm rests and space for a wheelchair or pushchair.",
    )
)

PROCUREMENT_V1 = "\n".join(
    (
        "# Introduction",
        "This policy explains how the Combined Authority will use its spending to advance "
        "equality.",
        "# Scope",
        "It covers contracts worth more than £25,000.",
        "# What we ask of suppliers",
        "Suppliers must have an equality policy.",
        "Suppliers must report the make-up of their workforce every year.",
        "# Monitoring",
        "Officers will check suppliers' reports once a year.",
    )
)

PROCUREMENT_V2 = "\n".join(
    (
        "# Introduction",
        "This policy explains how the Combined Authority will use its spending to advance "
        "equality and tackle disadvantage.",
        "# Scope",
        "It covers contracts worth more than £10,000, and grants to voluntary and community "
        "organisations.",
        "# What we ask of suppliers",
        "Suppliers must have an equality policy that their staff know about.",
        "Suppliers must pay at least the real Living Wage.",
        "# Monitoring",
        "Officers will check suppliers' reports once a year, with the Equality Panels' help.",
        "Results will be published every year.",
    )
)


def _policy(
    officer: Any, title: str, summary: str, owner: str, texts: list[tuple[str, str]], tag: str
) -> Policy:
    details = PolicyDetails(title, summary, owner, current_priority_ids([tag]))
    policy = create_policy(details, officer)
    for text, note in texts:
        add_version(
            policy,
            number_blocks(blocks_from_text(text)),
            change_note=note,
            source=stages.PASTED,
            filename="",
            created_by=officer,
        )
    return policy


# Fictional members of the Disabled People Panel who comment in the demo (with the resident).
DEMO_MEMBERS = (
    ("Sam Okafor", "sam.okafor@example.net"),
    ("Priya Shah", "priya.shah@example.net"),
)


def _demo_members() -> list[Any]:
    """The demo resident (a member of the Disabled People Panel) and two more members with
    accounts, so the demo's comments come from several people."""
    panel = panels.get_panel("disabled-people")
    people = [accounts.find_user_by_email("resident@example.org")]
    start = uk_today() - timedelta(days=60)
    for name, email in DEMO_MEMBERS:
        user = accounts.find_user_by_email(email) or accounts.create_verified_user(
            name, email, accounts.DEMO_PASSWORD
        )
        panels.create_membership(
            panel, email=email, role=panels.MEMBER, term_start=start,
            term_end=start + timedelta(days=730), listed_publicly=False, public_name="",
            user_id=user.id, notify=False,
        )  # fmt: skip
        people.append(user)
    return [person for person in people if person is not None]


def _paragraph(version: PolicyVersion, number: str) -> Any:
    return comments.paragraph_by_number(version.id, number)


def create_demo_policies(officer: Any) -> int:
    """The two demo policies (none when there are some already). Returns how many.
    "Accessible bus stops" is open to the Disabled People Panel with members' comments;
    "Inclusive procurement" had its first version answered, then a second version."""
    if db.session.scalar(select(func.count(Policy.id))):
        return 0
    panel = panels.get_panel("disabled-people")
    bus = _policy(
        officer,
        "Accessible bus stops and interchanges",
        "The design standard for new and improved bus stops, so that disabled people, older "
        "people and people with pushchairs can use them.",
        "Transport Policy Team",
        [(BUS_STOPS, "")],
        "EO2.2",
    )
    procurement = _policy(
        officer,
        "Inclusive procurement",
        "How the Combined Authority will use the money it spends with suppliers to advance "
        "equality.",
        "Commercial Team",
        [(PROCUREMENT_V1, "")],
        "EO2.3",
    )
    members = _demo_members()
    if panel is None or len(members) < 3:
        return 2
    resident, sam, priya = members
    today = uk_today()
    first = _version_of(bus, 1)
    demo_assessments.assess(
        first, demo_assessments.BUS_STOPS, "Go ahead: the standard helps disabled and older "
        "people most. Ask about languages and carers' seating before version 2.",
    )  # fmt: skip
    comments.open_version(first, [panel.id], today + timedelta(days=21))
    kerb = comments.add_comment(
        first, resident, "Please say how high the kerb will be: 180mm suits most ramps.",
        name_shown=True, paragraph=_paragraph(first, "2.1"),
    )  # fmt: skip
    comments.add_comment(
        first, priya, "Yes, and the kerb should be the same at every stop, so drivers know "
        "where to stop.", name_shown=False, reply_to=kerb,
    )  # fmt: skip
    comments.add_comment(
        first, sam, "Announcements should also be shown as text for Deaf passengers.",
        name_shown=False, paragraph=_paragraph(first, "3.2"),
    )  # fmt: skip
    comments.add_comment(
        first, sam, "Many disabled people cannot get to a stop at all: the assessment should "
        "say how people will get from home to the stop.", name_shown=True,
        section=assessments.section_of(assessments.assessment_of(first.id), "disability"),
    )  # fmt: skip
    # Procurement: version 1 was opened, commented on and answered; version 2 followed.
    old = _version_of(procurement, 1)
    demo_assessments.assess(
        old, demo_assessments.PROCUREMENT, "Go ahead, and find out how the reporting affects "
        "small local firms.", publish=True,
    )  # fmt: skip
    comments.open_version(old, [panel.id], today + timedelta(days=1))
    scope = comments.add_comment(
        old, resident, "£25,000 leaves out most contracts with small local firms.",
        name_shown=True, paragraph=_paragraph(old, "2.1"),
    )  # fmt: skip
    wage = comments.add_comment(
        old, sam, "Ask suppliers to pay the real Living Wage.", name_shown=False,
        paragraph=_paragraph(old, "3.2"),
    )  # fmt: skip
    old.closes_on = today - timedelta(days=14)
    comments.answer_comment(scope, old, officer, "accepted", "The threshold is now £10,000.")
    comments.answer_comment(
        wage, old, officer, "partly_accepted",
        "Version 2 asks for the Living Wage; workforce reports are no longer required, as few "
        "small suppliers could give them.",
    )  # fmt: skip
    comments.close_as_answered(old)
    feedback.publish_summary(
        procurement,
        "The Disabled People Panel told us the threshold left out most contracts with small "
        "local firms, and asked for the real Living Wage. Version 2 covers contracts over "
        "£10,000 and grants, and asks suppliers to pay the real Living Wage.",
    )
    add_version(
        procurement,
        number_blocks(blocks_from_text(PROCUREMENT_V2)),
        change_note="Scope widened and a Living Wage requirement added after the Disabled "
        "People Panel's comments",
        source=stages.PASTED,
        filename="",
        created_by=officer,
    )
    return 2


def _version_of(policy: Policy, number: int) -> PolicyVersion:
    return db.session.scalars(
        select(PolicyVersion).where(
            PolicyVersion.policy_id == policy.id, PolicyVersion.number == number
        )
    ).one()


def _long_text(
    rng: random.Random, sections: int, per_section: int, changed: set[int]
) -> list[dict]:
    words = ("people", "services", "access", "support", "transport", "housing", "advice",
             "community", "equality", "training", "funding", "review")  # fmt: skip
    rows, position = [], 0
    for section in range(1, sections + 1):
        position += 1
        rows.append({"position": position, "number": str(section), "kind": "heading",
                     "level": 1, "text": f"Section {section}"})  # fmt: skip
        for item in range(1, per_section + 1):
            position += 1
            text = " ".join(rng.choice(words) for _ in range(40))
            if position in changed:
                text += " This sentence was added in the second version."
            rows.append({"position": position, "number": f"{section}.{item}", "kind": "text",
                         "level": 0, "text": text})  # fmt: skip
    return rows


def add_scale_policies(
    rng: random.Random, count: int, officer_id: int | None, comment_count: int = 0
) -> int:
    """``count`` more policies, each tagged to a strategy priority, with two versions of 200
    headings and paragraphs (the second changes one in ten) and a published impact assessment
    of the first; the first policy's second version open to the Disabled People Panel with
    ``comment_count`` comments. Returns how many paragraphs were added."""
    added = 0
    first_version = None
    now = datetime.now(UTC)
    priorities = current_priority_ids(["EO1.1", "EO2.1", "EO2.2", "EO2.3", "EO3.2"])
    tags = db.metadata.tables["policy_priority"]
    for n in range(count):
        policy_id = db.session.execute(
            insert(Policy).values(
                title=f"Scale policy {n + 1}", summary="A long fictional policy.",
                owner="Policy Team", created_by_id=officer_id, created_at=now, updated_at=now,
            ).returning(Policy.id)
        ).scalar_one()  # fmt: skip
        seed = rng.random()
        for number, changed in ((1, set()), (2, set(range(5, 200, 10)))):
            paragraphs = _long_text(random.Random(seed), 10, 19, changed)  # noqa: S311
            version_id = db.session.execute(
                insert(PolicyVersion).values(
                    policy_id=policy_id, number=number, change_note="", source=stages.PASTED,
                    source_filename="", paragraph_count=len(paragraphs),
                    created_by_id=officer_id, created_at=now - timedelta(days=2 - number),
                ).returning(PolicyVersion.id)
            ).scalar_one()  # fmt: skip
            db.session.execute(
                insert(PolicyParagraph), [{**p, "version_id": version_id} for p in paragraphs]
            )
            added += len(paragraphs)
            first_version = first_version or (version_id if number == 2 else None)
            if number == 1:
                _scale_assessment(version_id, now)
        if priorities:
            priority_id = priorities[n % len(priorities)]
            db.session.execute(insert(tags).values(record_id=policy_id, priority_id=priority_id))
    if first_version and comment_count:
        _scale_comments(rng, first_version, comment_count)
    return added


def _scale_assessment(version_id: int, now: datetime) -> None:
    """A published impact assessment for the version, every section assessed."""
    assessment_id = db.session.execute(
        insert(ImpactAssessment).values(
            version_id=version_id, conclusion="Go ahead.", created_at=now, updated_at=now,
            published_at=now,
        ).returning(ImpactAssessment.id)
    ).scalar_one()  # fmt: skip
    db.session.execute(
        insert(ImpactSection),
        [
            {"assessment_id": assessment_id, "characteristic": code, "position": position,
             "impact": "neutral", "evidence": "No difference expected.", "mitigation": ""}
            for position, code in enumerate(stages.CHARACTERISTICS, start=1)
        ],
    )  # fmt: skip


def _scale_comments(rng: random.Random, version_id: int, count: int) -> None:
    """``count`` comments from the demo resident (a member of the Disabled People Panel) on a
    version opened to that panel: one in five a reply, half of them answered."""
    panel = panels.get_panel("disabled-people")
    author = accounts.find_user_by_email("resident@example.org")
    if panel is None or author is None:
        return
    version = db.session.get(PolicyVersion, version_id)
    version.panels = [panel]
    version.opened_at = datetime.now(UTC)
    version.closes_on = uk_today() + timedelta(days=30)
    paragraph_ids = list(
        db.session.scalars(
            select(PolicyParagraph.id).where(PolicyParagraph.version_id == version_id)
        )
    )
    now = datetime.now(UTC)
    firsts: dict[int, int | None] = {}  # a thread's first comment -> its paragraph
    for n in range(count):
        reply_to = rng.choice(list(firsts)) if firsts and n % 5 == 4 else None
        paragraph_id = firsts[reply_to] if reply_to else rng.choice(paragraph_ids)
        answered = n % 2 == 0
        comment_id = db.session.execute(
            insert(PolicyComment).values(
                version_id=version_id, author_id=author.id, name_shown=n % 3 == 0,
                paragraph_id=paragraph_id,
                parent_id=reply_to, text=f"Fictional comment {n + 1} on this paragraph.",
                created_at=now - timedelta(minutes=count - n),
                outcome="noted" if answered else None,
                response="Thank you: noted." if answered else "",
            ).returning(PolicyComment.id)
        ).scalar_one()  # fmt: skip
        if reply_to is None:
            firsts[comment_id] = paragraph_id
