"""Demo recruitment for ``make run``: one finished round for the three panels, with about 60
fictional applications at every stage, reviews, agreed scores, reasons, interview slots and
appointed members; and one round open today with a few draft and sent applications.

Everything is fictional and deterministic (``random.Random(seed)``): the names are a fixed
list of invented names, email addresses are at example.net (reserved for examples) and
phone numbers are in Ofcom's range kept for drama (07700 900000 to 900999). Monitoring
answers are skewed towards each panel's communities, as real applications are.

Run after the reference data is loaded (``flask seed-demo`` loads it first):
officer@example.org leads both rounds, two more officers review, and one appointed member is
the demo resident, so the members' area can be tried. Any missing account is created with the
demo password."""

from __future__ import annotations

import random
import unicodedata
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from engage.accounts import api as accounts
from engage.accounts.api import DEMO_ACCOUNTS, DEMO_PASSWORD, OFFICER, User
from engage.core.dates import uk_today
from engage.core.db import db
from engage.monitoring.api import PREFER_NOT_TO_SAY, QUESTIONS, save_answers
from engage.panels.api import CHAIR, MEMBER, Panel, create_membership, get_panel
from engage.recruitment import task_list
from engage.recruitment.apply import services as apply_services
from engage.recruitment.demo_texts import (
    ACCESS_NEED_CHOICES,
    ANSWER_TEXTS,
    AUTHORITY_WEIGHTS,
    CRITERIA,
    FEEDBACK,
    NAMES,
    OUTCOME_REASONS,
    PANEL_WEIGHTS,
    QUESTIONS_ASKED,
    SHORTLIST_REASONS,
    SUMMARY,
    WEIGHTS,
)
from engage.recruitment.models import (
    APPOINTED,
    DRAFT,
    NOT_APPOINTED,
    NOT_SHORTLISTED,
    RESERVE,
    SUBMITTED,
    WITHDRAWN,
    Application,
    ApplicationAnswer,
    Criterion,
    CriterionScore,
    InterviewSlot,
    ModeratedScore,
    PanelChoice,
    RecruitmentRound,
    Review,
    RoundQuestion,
)
from engage.recruitment.review.moderation import (
    LARGE_CRITERION_DIFFERENCE,
    LARGE_TOTAL_DIFFERENCE,
)
from engage.reference.api import local_authorities

SUBJECT_TYPE = "panel_application"
LEAD_EMAIL = "officer@example.org"
RESIDENT_EMAIL = "resident@example.org"
REVIEWERS = (("reviewer1@example.org", "Ravi Reviewer"), ("reviewer2@example.org", "Rosa Reviewer"))
PANEL_CODES = ("disabled-people", "race", "gender")
# The finished round: outcomes per panel (by first choice), then the rest.
PER_PANEL = {APPOINTED: 5, RESERVE: 2, NOT_APPOINTED: 3}
NOT_SHORTLISTED_COUNT = 26
WITHDRAWN_COUNT = 4
ONLINE = "Online (Microsoft Teams)"
CONNECTIONS = list(apply_services.CONNECTIONS)


_SKIP_RATE = 0.05
_PREFER_NOT_RATE = 0.04


def _choose(rng: random.Random, key: str, panel_code: str) -> str | None:
    roll = rng.random()
    if roll < _SKIP_RATE:
        return None
    if roll < _SKIP_RATE + _PREFER_NOT_RATE:
        return PREFER_NOT_TO_SAY
    weights_for = {**WEIGHTS.get(key, {}), **PANEL_WEIGHTS.get(panel_code, {}).get(key, {})}
    codes = [code for code in QUESTIONS[key].codes if code != PREFER_NOT_TO_SAY]
    return rng.choices(codes, weights=[weights_for.get(code, 1) for code in codes])[0]


def _monitoring_answers(rng: random.Random, panel_code: str) -> dict[str, str | None]:
    answers = {key: _choose(rng, key, panel_code) for key in QUESTIONS}
    if answers["long_term_condition"] != "yes":
        answers["day_to_day_limited"] = None
    return answers


def _email_for(name: str, used: set[str]) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    parts = ["".join(ch for ch in part.lower() if ch.isalnum()) for part in ascii_name.split()]
    base = f"{parts[0]}.{''.join(parts[1:])}"
    email, number = f"{base}@example.net", 2
    while email in used:
        email, number = f"{base}{number}@example.net", number + 1
    used.add(email)
    return email


def _account(email: str, name: str, roles: set[str], password: str) -> tuple[User, bool]:
    user = accounts.find_user_by_email(email)
    created = user is None
    if user is None:
        user = accounts.create_verified_user(name, email, password)
    for role in sorted(roles):
        accounts.grant_role(user, role)
    return user, created


def _at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


class _Builder:
    """Adds rounds and applications, drawing everything from one seeded generator."""

    def __init__(self, rng: random.Random, lead: User, reviewers: list[User]) -> None:
        self.rng, self.lead, self.reviewers = rng, lead, reviewers
        self.panels = {code: get_panel(code) for code in PANEL_CODES}
        self.authorities = local_authorities()
        self.names = list(NAMES)
        rng.shuffle(self.names)
        self.emails: set[str] = set()
        self.references: set[str] = set()

    def round(self, title: str, opens: date, closes: date, places: int) -> RecruitmentRound:
        round_ = RecruitmentRound(
            title=title, summary=SUMMARY, opens_on=opens, closes_on=closes, places=places,
            lead_officer_id=self.lead.id,
        )  # fmt: skip
        round_.panels.extend(self.panels[code] for code in PANEL_CODES)
        round_.reviewers.extend([*self.reviewers, self.lead])  # the lead always reviews
        for position, (title_, description) in enumerate(CRITERIA, start=1):
            round_.criteria.append(
                Criterion(title=title_, description=description, position=position)
            )
        for position, (text, hint, limit) in enumerate(QUESTIONS_ASKED, start=1):
            round_.questions.append(
                RoundQuestion(text=text, hint=hint, word_limit=limit, position=position)
            )
        db.session.add(round_)
        db.session.flush()
        return round_

    def reference(self) -> str:
        while True:
            body = "".join(self.rng.choice("23456789ABCDEFGHJKMNPQRSTUVWXYZ") for _ in range(8))
            reference = f"EP-{body[:4]}-{body[4:]}"
            if reference not in self.references:
                self.references.add(reference)
                return reference

    def application(self, round_: RecruitmentRound, number: int, status: str, first_choice: str,
                    sent: datetime | None) -> Application:  # fmt: skip
        rng, name = self.rng, self.names.pop()
        others = [code for code in PANEL_CODES if code != first_choice]
        choices = [first_choice, *rng.sample(others, rng.choice((0, 0, 1)))]
        weights = [AUTHORITY_WEIGHTS.get(la.name, 1) for la in self.authorities]
        named = {rng.choices(self.authorities, weights=weights)[0]}
        if rng.random() < 0.15:
            named.add(rng.choice(self.authorities))
        complete = status != DRAFT
        application = Application(
            round_id=round_.id, reference=self.reference(), candidate_number=number,
            status=status, full_name=name, email=_email_for(name, self.emails),
            phone=f"07700 900{rng.randrange(1000):03d}",
            connections=sorted(rng.sample(CONNECTIONS, rng.randint(1, 3))),
            availability=[rng.choice(list(apply_services.AVAILABILITY_TIMES)),
                          rng.choice(list(apply_services.AVAILABILITY_WAYS))],
            access_needs=list(rng.choice(ACCESS_NEED_CHOICES)),
            completed_sections=(
                [*task_list.REQUIRED_SECTIONS, "monitoring"] if complete else ["about"]
            ),
            declaration_accepted_at=sent, submitted_at=sent,
            withdrawn_at=sent + timedelta(days=9) if status == WITHDRAWN and sent else None,
        )  # fmt: skip
        application.local_authorities = sorted(named, key=lambda la: la.name)
        for preference, code in enumerate(choices, start=1):
            application.panel_choices.append(
                PanelChoice(panel_id=self.panels[code].id, preference=preference)
            )
        for question, texts in zip(round_.questions, ANSWER_TEXTS, strict=True):
            if complete or question.position == 1:
                application.answers.append(
                    ApplicationAnswer(question_id=question.id, text=rng.choice(texts))
                )
        db.session.add(application)
        return application

    def review(self, application: Application, round_: RecruitmentRound, when: datetime) -> None:
        """Two submitted reviews and the lead officer's agreed scores."""
        base = {APPOINTED: (3, 4, 4), RESERVE: (2, 3, 3, 4), NOT_APPOINTED: (2, 3, 3, 4)}.get(
            application.status, (0, 1, 1, 2, 2)
        )
        scores: dict[int, list[int]] = {criterion.id: [] for criterion in round_.criteria}
        for offset, reviewer in enumerate(self.reviewers):
            review = Review(
                application=application, reviewer_id=reviewer.id,
                comment="Clear answers with a good example." if offset else "Fair marks.",
                started_at=when + timedelta(hours=offset),
                submitted_at=when + timedelta(hours=offset + 1),
            )  # fmt: skip
            for criterion in round_.criteria:
                nudge = self.rng.choice((-1, 0, 0, 1)) if offset else 0
                score = max(0, min(4, self.rng.choice(base) + nudge))
                scores[criterion.id].append(score)
                review.scores.append(CriterionScore(criterion_id=criterion.id, score=score))
            db.session.add(review)
        agreed = _agreed(scores)
        firsts, seconds = ([pair[n] for pair in scores.values()] for n in (0, 1))
        explain_total = abs(sum(firsts) - sum(seconds)) >= LARGE_TOTAL_DIFFERENCE
        for criterion_id, (first, second) in scores.items():
            # The lead's note, where moderation asks for one (moderation_services).
            noted = abs(first - second) >= LARGE_CRITERION_DIFFERENCE or (
                explain_total and first != second
            )
            db.session.add(
                ModeratedScore(
                    application_id=application.id, criterion_id=criterion_id,
                    score=agreed[criterion_id], moderated_by_id=self.lead.id,
                    note="Reviewers differed; agreed after reading it again." if noted else "",
                    moderated_at=when + timedelta(days=3),
                )
            )  # fmt: skip


def _agreed(scores: dict[int, list[int]]) -> dict[int, int]:
    """Agreed scores as a lead would reach them: each between its two reviewers' scores, and
    the total half-way between their totals (so never above or below both)."""
    target = (sum(a for a, _ in scores.values()) + sum(b for _, b in scores.values()) + 1) // 2
    agreed = {criterion_id: min(pair) for criterion_id, pair in scores.items()}
    for criterion_id, pair in scores.items():
        step = min(target - sum(agreed.values()), max(pair) - min(pair))
        agreed[criterion_id] += step
    return agreed


def _finished_round(builder: _Builder, today: date, resident: User) -> tuple[int, int]:
    """The round that closed months ago, outcomes sent. Returns (applications, members)."""
    rng = builder.rng
    opens = today - timedelta(days=240)
    closes, decided = opens + timedelta(days=35), opens + timedelta(days=80)
    round_ = builder.round(f"Equality Panels recruitment {opens.year}", opens, closes, 15)
    round_.outcomes_sent_at = _at(decided, 16)
    specs = [(status, code) for code in PANEL_CODES for status, n in PER_PANEL.items()
             for _ in range(n)]  # fmt: skip
    specs += [(NOT_SHORTLISTED, rng.choice(PANEL_CODES)) for _ in range(NOT_SHORTLISTED_COUNT)]
    specs += [(WITHDRAWN, rng.choice(PANEL_CODES)) for _ in range(WITHDRAWN_COUNT)]
    rng.shuffle(specs)
    sent = [opens + timedelta(days=rng.randrange(35)) for _ in specs]
    applications = [
        (builder.application(round_, number, status, code, _at(day, rng.randint(8, 21))), code)
        for number, ((status, code), day) in enumerate(zip(specs, sorted(sent), strict=True), 1)
    ]
    for number, code in enumerate(("race", "gender"), start=len(specs) + 1):
        builder.application(round_, number, DRAFT, code, None)  # started, never sent
    db.session.flush()

    slots, members = 0, dict.fromkeys(PANEL_CODES, 0)
    for application, code in applications:
        if application.status == WITHDRAWN:
            continue  # withdrew before review; their monitoring answers were erased
        save_answers(SUBJECT_TYPE, application.id, _monitoring_answers(rng, code))
        builder.review(application, round_, _at(closes + timedelta(days=3)))
        shortlisted = application.status != NOT_SHORTLISTED
        application.shortlist_reason = SHORTLIST_REASONS[shortlisted]
        application.decided_at = _at(decided, 15)
        application.feedback = (
            FEEDBACK if application.status in (NOT_SHORTLISTED, NOT_APPOINTED) else ""
        )
        if not shortlisted:
            continue
        day = closes + timedelta(days=21 + slots // 8)
        where = ONLINE if slots % 2 else "No 1 Mann Island, Liverpool"
        starts = _at(day, 10 + slots % 8)
        db.session.add(InterviewSlot(round_id=round_.id, starts_at=starts, where=where,
                                     minutes=45, application_id=application.id))  # fmt: skip
        slots += 1
        application.outcome_reason = OUTCOME_REASONS[application.status]
        if application.status == APPOINTED:
            if code == "disabled-people" and members[code] == 1:  # the demo resident's seat
                application.user_id = resident.id
                application.full_name, application.email = resident.full_name, resident.email
            _appoint(builder.panels[code], application, decided, members[code])
            members[code] += 1
    for extra in range(4):  # times nobody booked
        starts = _at(closes + timedelta(days=26), 10 + extra)
        db.session.add(InterviewSlot(round_id=round_.id, starts_at=starts, where=ONLINE))
    return len(specs) + 2, sum(members.values())


def _appoint(panel: Panel, application: Application, decided: date, seat: int) -> None:
    """A two-year seat starting a fortnight after the decision; the first seat is the chair,
    and two in three members agreed to be listed publicly. Every member has the name they go
    by recorded, as the appointment form asks (fellow members see it)."""
    start = decided + timedelta(days=14)
    create_membership(
        panel, email=application.email, role=CHAIR if seat == 0 else MEMBER,
        term_start=start, term_end=start + timedelta(days=730),
        listed_publicly=seat % 3 != 2, public_name=application.full_name,
        user_id=application.user_id, application_id=application.id, notify=False,
    )  # fmt: skip


def _open_round(builder: _Builder, today: date) -> int:
    """Opened today, closes in four weeks: three drafts and three sent applications."""
    round_ = builder.round(
        f"Equality Panels: new members {today.year}", today, today + timedelta(days=28), 9
    )
    specs = [(DRAFT, code) for code in PANEL_CODES] + [(SUBMITTED, code) for code in PANEL_CODES]
    for number, (status, code) in enumerate(specs, start=1):
        sent = _at(today, 8 + number) if status == SUBMITTED else None
        application = builder.application(round_, number, status, code, sent)
        if status == SUBMITTED:
            db.session.flush()
            save_answers(SUBJECT_TYPE, application.id, _monitoring_answers(builder.rng, code))
    return len(specs)


def create_demo_recruitment(today: date | None = None, seed: int = 2026) -> dict[str, int]:
    """Add the demo rounds unless any round exists. Returns what was added. Does not commit."""
    added = {"rounds": 0, "applications": 0, "members": 0, "accounts": 0}
    if db.session.scalar(select(func.count(RecruitmentRound.id))):
        return added
    today = today or uk_today()
    if get_panel(PANEL_CODES[0]) is None:
        raise RuntimeError("Load the reference data first: flask --app engage load-reference")
    demo = {email: (name, roles) for email, name, roles in DEMO_ACCOUNTS}
    wanted = [(LEAD_EMAIL, *demo[LEAD_EMAIL]), (RESIDENT_EMAIL, *demo[RESIDENT_EMAIL])]
    wanted += [(email, name, {OFFICER}) for email, name in REVIEWERS]
    users = []
    for email, name, roles in wanted:
        user, created = _account(email, name, roles, DEMO_PASSWORD)
        users.append(user)
        added["accounts"] += created
    lead, resident, *reviewers = users

    builder = _Builder(random.Random(seed), lead, reviewers)  # noqa: S311 - not security
    applications, members = _finished_round(builder, today, resident)
    applications += _open_round(builder, today)
    db.session.flush()
    added.update(rounds=2, applications=applications, members=members)
    return added
