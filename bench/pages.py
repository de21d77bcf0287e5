"""The pages the benchmark loads: every public page and every staff list page, with real ids
from the database it runs against, and who must be signed in to see each."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, url_for
from sqlalchemy import func, select

from engage.accounts.models import User
from engage.consultations.models import ConsultationResponse
from engage.core.dates import uk_today
from engage.core.db import db
from engage.directory.models import Organisation, Service
from engage.panels.models import Panel, PanelMembership
from engage.policies.models import ImpactAssessment, Policy, PolicyComment, PolicyVersion
from engage.recruitment.models import Application, RecruitmentRound
from engage.recruitment.services import open_rounds_statement
from engage.strategy.models import Objective, Priority, Strategy

ADMIN_EMAIL = "admin@example.org"
OFFICER_EMAIL = "officer@example.org"  # leads the demo rounds and has the equality data role
RESIDENT_EMAIL = "resident@example.org"  # a panel member in the demo
ANALYST_EMAIL = "analyst@example.org"  # equality data, in no round: the restricted report


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    user_email: str | None = None  # None: not signed in
    # A report drawn from every feature (the annual equality report) asks each of them once:
    # more queries than a list page, but still as many for any amount of data.
    most_queries: int = 10


def _finished_round() -> RecruitmentRound:
    return db.session.scalars(
        select(RecruitmentRound)
        .where(RecruitmentRound.outcomes_sent_at.is_not(None))
        .order_by(RecruitmentRound.id)
    ).first()


def _open_round() -> RecruitmentRound:
    return db.session.scalars(open_rounds_statement()).first()


def _largest_round() -> RecruitmentRound:
    """The round with the most applications (at factor 100, 6,800 of them)."""
    return db.session.scalars(
        select(RecruitmentRound)
        .join(Application, Application.round_id == RecruitmentRound.id)
        .group_by(RecruitmentRound.id)
        .order_by(func.count(Application.id).desc(), RecruitmentRound.id)
    ).first()


def _member_panel_code() -> str:
    return db.session.scalars(
        select(Panel.code)
        .join(PanelMembership, PanelMembership.panel_id == Panel.id)
        .join(User, User.id == PanelMembership.user_id)
        .where(User.email == RESIDENT_EMAIL)
    ).first()


def _longest_policy_version() -> PolicyVersion:
    """The latest version with the most paragraphs, of a policy with two versions or more
    (at scale, 200 paragraphs)."""
    return db.session.scalars(
        select(PolicyVersion)
        .where(PolicyVersion.number > 1)
        .order_by(PolicyVersion.paragraph_count.desc(), PolicyVersion.id)
    ).first()


def _most_commented_version() -> PolicyVersion:
    """The version opened to panels with the most comments (at scale, 1,000 of them)."""
    return db.session.scalars(
        select(PolicyVersion)
        .join(PolicyComment, PolicyComment.version_id == PolicyVersion.id)
        .group_by(PolicyVersion.id)
        .order_by(func.count(PolicyComment.id).desc(), PolicyVersion.id)
    ).first()


def _assessed_open_version() -> PolicyVersion:
    """The first version opened to panels with an impact assessment (the demo's bus stops)."""
    return db.session.scalars(
        select(PolicyVersion)
        .join(ImpactAssessment, ImpactAssessment.version_id == PolicyVersion.id)
        .where(PolicyVersion.opened_at.is_not(None), PolicyVersion.answered_at.is_(None))
        .order_by(PolicyVersion.id)
    ).first()


def _most_answered_consultation() -> int | None:
    """The consultation with the most sent responses (None when there is none)."""
    return db.session.scalars(
        select(ConsultationResponse.consultation_id)
        .where(ConsultationResponse.status == "submitted")
        .group_by(ConsultationResponse.consultation_id)
        .order_by(func.count().desc(), ConsultationResponse.consultation_id)
    ).first()


def _first_current_priority() -> int | None:
    """The current strategy's priority with the most stories tagged to it (the scale data
    tags most to a few priorities), else its first."""
    stories = db.metadata.tables["story_priority"]
    return db.session.scalar(
        select(Priority.id)
        .join(Objective, Objective.id == Priority.objective_id)
        .join(Strategy, Strategy.id == Objective.strategy_id)
        .outerjoin(stories, stories.c.priority_id == Priority.id)
        .where(Strategy.is_current)
        .group_by(Priority.id, Objective.position, Priority.position)
        .order_by(func.count(stories.c.record_id).desc(), Objective.position, Priority.position)
    )


def bench_pages(app: Flask) -> list[Page]:
    """Every page to load, built with ids from the database ``app`` uses."""
    with app.app_context():
        finished = _finished_round()
        largest = _largest_round()
        open_round = _open_round()
        panel_code = db.session.scalars(select(Panel.code).order_by(Panel.id)).first()
        member_panel = _member_panel_code()
        policy_version = _longest_policy_version()
        commented = _most_commented_version()
        published = db.session.scalars(
            select(Policy.id).where(Policy.summary_published_at.is_not(None)).order_by(Policy.id)
        ).first()
        assessed = _assessed_open_version()
        answered = _most_answered_consultation()
        first_priority = _first_current_priority()
        organisation = db.session.scalar(
            select(Organisation.id).where(Organisation.status == "listed").order_by(Organisation.id)
        )
        service_uuid = db.session.scalar(
            select(Service.uuid)
            .join(Organisation, Organisation.id == Service.organisation_id)
            .where(Organisation.status == "listed")
            .order_by(Service.id)
        )
        published_assessment = db.session.scalars(
            select(ImpactAssessment.id)
            .where(ImpactAssessment.published_at.is_not(None))
            .order_by(ImpactAssessment.id)
        ).first()
        with app.test_request_context():
            public = [
                ("Home", url_for("pages.home")),
                ("Accessibility statement", url_for("pages.accessibility")),
                ("Privacy notice", url_for("pages.privacy")),
                ("Cookies", url_for("pages.cookies")),
                ("Contact", url_for("pages.contact")),
                ("Sign in", url_for("accounts.sign_in")),
                ("Create an account", url_for("accounts.register")),
                ("Forgotten password", url_for("accounts.forgotten_password")),
                ("Equality Panels", url_for("panels.index")),
                ("A panel", url_for("panels.show", panel_code=panel_code)),
                ("Recruitment rounds", url_for("recruitment.apply.rounds")),
                ("An open round", url_for("recruitment.apply.round_page", round_id=open_round.id)),
                ("Find your application", url_for("recruitment.apply.find")),
                ("Equality Strategy", url_for("strategy.current")),
                ("What the panels said", url_for("policies.public.index")),
                (
                    "A published summary of a draft",
                    url_for("policies.public.summary", policy_id=published),
                ),
                ("Equality Impact Assessments", url_for("policies.public.assessments_index")),
                (
                    "Equality Impact Assessments of an objective",
                    url_for("policies.public.assessments_index", objective="EO2"),
                ),
                (
                    "A published impact assessment",
                    url_for("policies.public.assessment", assessment_id=published_assessment),
                ),
                ("Directory", url_for("directory.public.index")),
                ("Commissioning opportunities", url_for("directory.opportunities.index")),
                (
                    "Directory, words and filters",
                    url_for(
                        "directory.public.index", q="advice", area="E08000012", community="carers"
                    ),
                ),
                ("Directory, a common word", url_for("directory.public.index", q="community")),
                (
                    "An organisation",
                    url_for("directory.public.organisation", organisation_id=organisation),
                ),
                ("ORUK API services", url_for("directory.oruk.services")),
                (
                    "ORUK API services, a search",
                    url_for("directory.oruk.services", search="advice carers"),
                ),
                (
                    "ORUK API a service",
                    url_for("directory.oruk.service", service_uuid=service_uuid),
                ),
                ("Published stories", url_for("stories.publish.index")),
                (
                    "Published stories of an objective and area",
                    url_for("stories.publish.index", objective="EO2", area="E08000012"),
                ),
            ]
            signed_in = [
                ("Your account", url_for("accounts.account"), RESIDENT_EMAIL),
                ("Members' area", url_for("panels.members_home"), RESIDENT_EMAIL),
                ("Drafts to comment on", url_for("policies.comment.index"), RESIDENT_EMAIL),
                (
                    "A draft to comment on, the most commented",
                    url_for(
                        "policies.comment.draft",
                        policy_id=commented.policy_id,
                        version_number=commented.number,
                    ),
                    RESIDENT_EMAIL,
                ),
                (
                    "An impact assessment to comment on",
                    url_for(
                        "policies.comment.assessment",
                        policy_id=assessed.policy_id,
                        version_number=assessed.number,
                    ),
                    RESIDENT_EMAIL,
                ),
                (
                    "You said, we did, the most commented policy",
                    url_for("policies.comment.you_said_we_did", policy_id=commented.policy_id),
                    RESIDENT_EMAIL,
                ),
                (
                    "Comments on a draft, in document order",
                    url_for(
                        "policies.comment.comments",
                        policy_id=commented.policy_id,
                        version_number=commented.number,
                    ),
                    RESIDENT_EMAIL,
                ),
                (
                    "A panel's members' area",
                    url_for("panels.members_area", panel_code=member_panel),
                    RESIDENT_EMAIL,
                ),
            ]
            staff = [
                ("Staff home", url_for("admin.index"), OFFICER_EMAIL),
                ("Recruitment rounds (staff)", url_for("recruitment.manage.index"), OFFICER_EMAIL),
                (
                    "A round (staff)",
                    url_for("recruitment.manage.show", round_id=finished.id),
                    OFFICER_EMAIL,
                ),
                ("Rounds to review", url_for("recruitment.review.my_rounds"), OFFICER_EMAIL),
                (
                    "Review queue",
                    url_for("recruitment.review.queue", round_id=finished.id),
                    OFFICER_EMAIL,
                ),
                (
                    "Moderation",
                    url_for("recruitment.review.moderation", round_id=finished.id),
                    OFFICER_EMAIL,
                ),
                (
                    "Shortlist and decisions",
                    url_for("recruitment.decide.round_overview", round_id=finished.id),
                    OFFICER_EMAIL,
                ),
                (
                    "Interview times",
                    url_for("recruitment.decide.interview_schedule", round_id=finished.id),
                    OFFICER_EMAIL,
                ),
                (
                    "Fairness report (shared)",
                    url_for(
                        "recruitment.report.report",
                        round_id=finished.id,
                        characteristic="disability",
                    ),
                    OFFICER_EMAIL,
                ),
                (
                    "Fairness report, largest round (restricted)",
                    url_for(
                        "recruitment.report.report",
                        round_id=largest.id,
                        characteristic="disability",
                    ),
                    ANALYST_EMAIL,
                ),
                ("Panel memberships", url_for("panels.manage"), OFFICER_EMAIL),
                (
                    "A panel's members (staff)",
                    url_for("panels.memberships", panel_code=panel_code),
                    OFFICER_EMAIL,
                ),
                (
                    "Who we heard from",
                    url_for("monitoring.who_we_heard_from"),
                    OFFICER_EMAIL,
                ),
                ("People and roles", url_for("people.users"), ADMIN_EMAIL),
                ("Audit log", url_for("admin.audit_log"), ADMIN_EMAIL),
                ("Email delivery log", url_for("admin.outbox"), ADMIN_EMAIL),
                ("Manage the strategy", url_for("strategy.manage"), ADMIN_EMAIL),
                ("Draft policies", url_for("policies.manage.index"), OFFICER_EMAIL),
                (
                    "Commissioning opportunities (staff)",
                    url_for("directory.opportunities_admin.index"),
                    OFFICER_EMAIL,
                ),
                ("Consultations (staff)", url_for("consultations.builder.index"), OFFICER_EMAIL),
                ("Stories queue (staff)", url_for("stories.triage.queue"), OFFICER_EMAIL),
                (
                    "Stories queue, overdue and nobody's",
                    url_for("stories.triage.queue", only="overdue", assigned="nobody"),
                    OFFICER_EMAIL,
                ),
                ("Stories reports", url_for("stories.reports.index"), OFFICER_EMAIL),
                (
                    "Stories reports, a monitoring group",
                    url_for("stories.reports.index", group="disability:disabled"),
                    OFFICER_EMAIL,
                ),
                (
                    "Comments to answer, the most commented draft",
                    url_for(
                        "policies.manage.comments",
                        policy_id=commented.policy_id,
                        version_number=commented.number,
                    ),
                    OFFICER_EMAIL,
                ),
                (
                    "A policy version, the longest",
                    url_for(
                        "policies.manage.version",
                        policy_id=policy_version.policy_id,
                        version_number=policy_version.number,
                    ),
                    OFFICER_EMAIL,
                ),
                (
                    "Two policy versions compared",
                    url_for(
                        "policies.manage.compare",
                        policy_id=policy_version.policy_id,
                        old=policy_version.number - 1,
                        new=policy_version.number,
                    ),
                    OFFICER_EMAIL,
                ),
            ]
            if answered is not None:
                staff.append((
                    "Consultation results, the most answered",
                    url_for("consultations.results.index", consultation_id=answered),
                    OFFICER_EMAIL,
                ))  # fmt: skip
            reports = [
                Page(
                    "Annual equality information report",
                    url_for("annual_report.show", year=uk_today().year),
                    OFFICER_EMAIL,
                    most_queries=20,
                )
            ]
            # Progress on the equality objectives (engage/tracker): every feature's evidence
            # for every priority of the current strategy.
            public.append(("Progress on our equality objectives", url_for("tracker.public")))
            staff.append((
                "Progress on the objectives (staff)", url_for("tracker.overview"), OFFICER_EMAIL
            ))  # fmt: skip
            if first_priority is not None:
                staff.append((
                    "Progress on one priority (staff)",
                    url_for("tracker.priority", priority_id=first_priority),
                    OFFICER_EMAIL,
                ))  # fmt: skip
    return (
        reports
        + [Page(name, url) for name, url in public]
        + [Page(name, url, email) for name, url, email in signed_in]
        + [Page(name, url, email) for name, url, email in staff]
    )
