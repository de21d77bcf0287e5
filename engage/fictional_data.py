"""Fictional data: the local demo (``flask seed-demo``, run by ``make run``), and N times the
demo's size for the benchmark (``flask seed-scale --factor N``, run by ``make bench FACTOR=N``
after the demo data).

At factor N, beside the demo's own records:
- one finished recruitment round with N x 68 applications at every stage, each sent one
  reviewed by two reviewers on five criteria, with agreed scores, panel choices, local
  authorities, answers and equality monitoring answers;
- N - 1 more rounds (not open yet) to lengthen the officers' list of rounds;
- N x 5 more people, N x 1,000 more audit events and N x 50 more delivered emails;
- N - 1 more draft policies, each with two versions of 200 headings and paragraphs, one of
  them open to the Disabled People Panel with N x 10 comments (1,000 at N = 100);
- N x 320 organisations in the directory in all (32,000 at N = 100), each with services, a
  venue and its search words;
- one closed consultation of 100 questions answered by N x 200 people (about 2,000,000
  answers at N = 100), with their equality monitoring answers;
- lived-experience stories up to N x 500 in all (50,000 at N = 100), told over two years,
  most coded to themes, with equality monitoring answers on most told online;
- equality monitoring answers up to N x 2,000 in all (the applications' and fictional
  "who we heard from" answers): 200,000 at N = 100, and the consultation's and stories'
  answers on top.

Everything is inserted in batches (a few minutes at N = 100 on SQLite), with fixed random
choices, and nothing names a real person. This sits beside create_app because it fills the
tables of several packages directly, as a bulk import would."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from engage.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from engage.accounts.models import OFFICER, RoleGrant, User
from engage.accounts.passwords import hash_password
from engage.accounts.roles import create_verified_user, grant_role
from engage.consultations.api import (
    add_scale_consultation,
    create_demo_consultation_responses,
    create_demo_consultations,
)
from engage.core.audit import AuditEvent
from engage.core.dates import uk_today
from engage.core.db import db, insert_rows
from engage.core.email import SENT, OutboxMessage
from engage.directory.api import (
    add_organisations,
    create_demo_editing,
    create_demo_organisations,
)
from engage.monitoring.api import (
    add_fictional_answers,
    create_demo_responses,
    fictional_answers,
    save_many_answers,
)
from engage.monitoring.models import MonitoringResponse
from engage.panels.models import Panel
from engage.policies.demo import add_scale_policies, create_demo_policies
from engage.recruitment.demo import create_demo_recruitment
from engage.recruitment.models import (
    APPOINTED,
    DRAFT,
    NOT_APPOINTED,
    NOT_SHORTLISTED,
    RESERVE,
    WITHDRAWN,
    Application,
    ApplicationAnswer,
    Criterion,
    CriterionScore,
    ModeratedScore,
    PanelChoice,
    RecruitmentRound,
    Review,
    RoundQuestion,
    application_local_authority,
    round_panel,
    round_reviewer,
)
from engage.reference.models import LocalAuthority
from engage.reference_data import load_reference_data
from engage.stories.demo import SCALE_PER_FACTOR, add_scale_stories, create_demo_stories
from engage.stories.models import Story
from engage.strategy.api import create_demo_measure_values

DEMO_APPLICATIONS = 68
ANSWERS_PER_FACTOR = 2000
# One long survey: 20,000 responses of about 100 answers each at factor 100.
SCALE_RESPONSES_PER_FACTOR = 200
# The finished demo round's mix of outcomes (62 applications), scaled.
MIX = {APPOINTED: 15, RESERVE: 6, NOT_APPOINTED: 9, NOT_SHORTLISTED: 26, WITHDRAWN: 4, DRAFT: 2}
CRITERIA = 5
QUESTIONS = 3


def _insert(target: Any, rows: Iterable[dict[str, Any]]) -> int:
    return len(insert_rows(target, rows))


def _next_id(model: Any) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _people(rng: random.Random, count: int) -> list[int]:
    """Fictional officers (one in five) and residents; returns the officers' ids."""
    first = _next_id(User)
    password = hash_password("scale-data-not-a-real-account")
    _insert(
        User,
        (
            {
                "id": first + n,
                "email": f"scale.person{first + n}@example.net",
                "full_name": f"Scale Person {first + n}",
                "password_hash": password,
                "email_verified_at": datetime.now(UTC),
                "session_token": f"scale{first + n}",
            }
            for n in range(count)
        ),
    )
    officers = [first + n for n in range(0, count, 5)]
    _insert(RoleGrant, ({"user_id": user_id, "role": OFFICER} for user_id in officers))
    return officers


def _round(title: str, opens: date, closes: date, lead_id: int, panel_ids: list[int]) -> int:
    round_id = _next_id(RecruitmentRound)
    db.session.execute(
        insert(RecruitmentRound),
        [{"id": round_id, "title": title, "summary": "Fictional round for the benchmark",
          "opens_on": opens, "closes_on": closes, "places": 15, "lead_officer_id": lead_id}],
    )  # fmt: skip
    _insert(round_panel, ({"round_id": round_id, "panel_id": p} for p in panel_ids))
    _insert(
        Criterion,
        ({"round_id": round_id, "position": n, "title": f"Criterion {n}",
          "description": "What the criterion looks for"} for n in range(1, CRITERIA + 1)),
    )  # fmt: skip
    _insert(
        RoundQuestion,
        ({"round_id": round_id, "position": n, "text": f"Question {n}", "hint": "",
          "word_limit": 300} for n in range(1, QUESTIONS + 1)),
    )  # fmt: skip
    return round_id


def _big_round(rng: random.Random, factor: int, lead_id: int, reviewer_ids: list[int]) -> int:
    """One finished round with factor x 68 applications; returns how many."""
    today = uk_today()
    panel_ids = list(db.session.scalars(select(Panel.id).order_by(Panel.id)))
    authority_ids = list(db.session.scalars(select(LocalAuthority.id)))
    opens = today - timedelta(days=400)
    round_id = _round(f"Benchmark round at {factor} times the demo", opens,
                      opens + timedelta(days=35), lead_id, panel_ids)  # fmt: skip
    db.session.execute(
        round_reviewer.insert(), [{"round_id": round_id, "user_id": u} for u in reviewer_ids]
    )
    db.session.execute(
        RecruitmentRound.__table__.update()
        .where(RecruitmentRound.id == round_id)
        .values(outcomes_sent_at=_at(opens + timedelta(days=80)))
    )
    criteria = list(db.session.scalars(select(Criterion.id).where(Criterion.round_id == round_id)))
    questions = list(
        db.session.scalars(select(RoundQuestion.id).where(RoundQuestion.round_id == round_id))
    )
    total = factor * DEMO_APPLICATIONS
    statuses = rng.choices(list(MIX), weights=list(MIX.values()), k=total)
    first = _next_id(Application)
    ids = range(first, first + total)
    sent = _at(opens + timedelta(days=10))
    _insert(
        Application,
        ({"id": app_id, "round_id": round_id, "reference": f"BM-{app_id:08d}",
          "candidate_number": n + 1, "status": status, "full_name": f"Applicant {app_id}",
          "email": f"applicant{app_id}@example.net", "connections": ["live"],
          "availability": ["daytime", "online"], "access_needs": [],
          "completed_sections": [], "submitted_at": None if status == DRAFT else sent}
         for n, (app_id, status) in enumerate(zip(ids, statuses, strict=True))),
    )  # fmt: skip
    _insert(PanelChoice, ({"application_id": a, "panel_id": rng.choice(panel_ids),
                           "preference": 1} for a in ids))  # fmt: skip
    _insert(application_local_authority, ({"application_id": a,
            "local_authority_id": rng.choice(authority_ids)} for a in ids))  # fmt: skip
    _insert(ApplicationAnswer, ({"application_id": a, "question_id": q,
            "text": "Fictional answer text."} for a in ids for q in questions))  # fmt: skip
    reviewed = [a for a, s in zip(ids, statuses, strict=True) if s not in (DRAFT, WITHDRAWN)]
    _reviews(rng, reviewed, criteria, reviewer_ids, sent)
    save_many_answers("panel_application", ((a, fictional_answers(rng)) for a in reviewed))
    return total


def _reviews(rng: random.Random, application_ids: list[int], criteria: list[int],
             reviewer_ids: list[int], when: datetime) -> None:  # fmt: skip
    first = _next_id(Review)
    pairs = [(a, r) for a in application_ids for r in rng.sample(reviewer_ids, 2)]
    _insert(Review, ({"id": first + n, "application_id": a, "reviewer_id": r, "comment": "",
                      "started_at": when, "submitted_at": when}
                     for n, (a, r) in enumerate(pairs)))  # fmt: skip
    _insert(CriterionScore, ({"review_id": first + n, "criterion_id": c,
                              "score": rng.randint(1, 4), "comment": "Fictional comment"}
                             for n in range(len(pairs)) for c in criteria))  # fmt: skip
    _insert(ModeratedScore, ({"application_id": a, "criterion_id": c, "score": 3,
                              "note": "", "moderated_at": when}
                             for a in application_ids for c in criteria))  # fmt: skip


def _demo_user(name: str) -> User:
    return db.session.scalars(select(User).where(User.email == f"{name}@example.org")).one()


def _stories(officer: User) -> dict[str, int]:
    added = create_demo_stories(officer)
    return {
        "stories": added["stories"],
        "withdrawn stories": added["withdrawn"],
        "published stories": added["published"],
        "overdue stories": added["overdue"],
    }


def seed_demo() -> dict[str, int] | None:
    """The demo accounts, monitoring answers and recruitment, only into a database with no
    accounts (None when it has some). Does not commit."""
    if db.session.scalar(select(func.count(User.id))):
        return None
    load_reference_data()  # the panels the demo rounds recruit to (idempotent)
    for email, name, granted in DEMO_ACCOUNTS:
        user = create_verified_user(name, email, DEMO_PASSWORD)
        for role in sorted(granted):
            grant_role(user, role)
    answers = create_demo_responses()
    recruitment = create_demo_recruitment()
    officer = _demo_user("officer")
    return {
        "answers": answers,
        **recruitment,
        "measure values": create_demo_measure_values(),
        # Before the consultations: the stories' audit events are not the newest in the log.
        **_stories(officer),
        "consultations": create_demo_consultations(officer),
        "consultation responses": create_demo_consultation_responses(officer),
        "policies": create_demo_policies(officer),
        "organisations": create_demo_organisations(),
        "directory reviews": create_demo_editing(_demo_user("resident")),
    }


def seed_scale(factor: int, seed: int = 2026) -> dict[str, int]:
    """Add the data described above (the demo data is factor 1). Does not commit."""
    added = dict.fromkeys(
        ("applications", "answers", "people", "events", "emails", "policy paragraphs",
         "organisations", "consultation answers", "stories"), 0
    )  # fmt: skip
    if factor <= 1:
        return added
    rng = random.Random(seed)  # noqa: S311 - fictional data, not security
    extra = factor - 1
    first_person = _next_id(User)
    officers = _people(rng, extra * 5)
    residents = [
        user_id for user_id in range(first_person, first_person + extra * 5)
        if user_id not in set(officers)
    ]  # fmt: skip
    # The demo's lead and reviewers run the big round too, so the demo accounts open its pages.
    demo_staff = [
        user_id
        for email in ("officer@example.org", "reviewer1@example.org", "reviewer2@example.org")
        if (user_id := db.session.scalar(select(User.id).where(User.email == email)))
    ]
    lead_id, *reviewers = (demo_staff if len(demo_staff) == 3 else (officers * 3))[:3]
    added["people"] = extra * 5
    added["applications"] = _big_round(rng, factor, lead_id, [lead_id, *reviewers])
    today = uk_today()
    panel_ids = list(db.session.scalars(select(Panel.id)))
    for number in range(extra - 1):
        opens = today + timedelta(days=60 + number)
        _round(f"Future round {number + 1}", opens, opens + timedelta(days=28), lead_id, panel_ids)
    held = db.session.scalar(select(func.count(MonitoringResponse.id))) or 0
    highest = db.session.scalar(
        select(func.count(MonitoringResponse.id)).where(MonitoringResponse.subject_type == "demo")
    )
    wanted = factor * ANSWERS_PER_FACTOR - held
    first = (highest or 0) + 1
    added["answers"] = add_fictional_answers(rng, range(first, first + max(wanted, 0)))
    added["events"] = _insert(
        AuditEvent,
        ({"occurred_at": datetime.now(UTC) - timedelta(days=1, minutes=n), "actor_id": lead_id,
          "action": "recruitment_application_viewed", "object_type": "application",
          "object_id": "1", "details": {"purpose": "review"}} for n in range(extra * 1000)),
    )  # fmt: skip
    added["emails"] = _insert(
        OutboxMessage,
        ({"recipient": f"scale{n}@example.net", "kind": "verify-email", "status": SENT,
          "attempts": 1, "sent_at": datetime.now(UTC)} for n in range(extra * 50)),
    )  # fmt: skip
    added["policy paragraphs"] = add_scale_policies(rng, extra, lead_id, factor * 10)
    added["organisations"] = add_organisations(rng, extra * 320)
    added["consultation answers"] = add_scale_consultation(
        rng, db.session.get(User, lead_id), factor * SCALE_RESPONSES_PER_FACTOR
    )
    held_stories = db.session.scalar(select(func.count(Story.id))) or 0
    added["stories"] = add_scale_stories(
        rng, lead_id, factor * SCALE_PER_FACTOR - held_stories, residents
    )
    return added
