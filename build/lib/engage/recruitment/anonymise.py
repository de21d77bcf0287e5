"""The only view of an application that reviewers get, and the other plain values that
reviewer and moderation pages receive.

Reviewer and moderation templates receive an ``AnonymisedApplication`` and the dataclasses
below, never an ``Application``, ``Review`` or ``RecruitmentRound`` model, so no template can
reach the applicant's identity by accident.

What is kept, and why:
- the candidate label ("Applicant 17"), so reviewers can talk about an application;
- the panels chosen and their order of preference;
- the connection to the city region (live, work, study, volunteer) and the local authorities
  named: both are eligibility questions, and a local authority (populations of 130,000 to
  500,000) does not point to a person;
- availability (daytime or evening, online or in person);
- the answers to the round's questions, in the round's order.

What is never copied here: full name, email, phone, the application reference, the user
account, access needs and the sharing choice for them, dates that could be matched against
an inbox, and equality monitoring answers (which live in another feature's table and are
never read by recruitment)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from engage.recruitment.models import SCORE_SCALE, Application, RecruitmentRound, Review

# The applicant part stores short codes; these are the words reviewers read. Unknown codes
# fall back to a readable version of the code, so a new option never breaks a page.
CONNECTION_LABELS = {
    "live": "Lives in the city region",
    "work": "Works in the city region",
    "study": "Studies in the city region",
    "volunteer": "Volunteers in the city region",
}
AVAILABILITY_LABELS = {
    "daytime": "During the day on weekdays",
    "evening": "In the evening",
    "online": "Online, by video call",
    "in_person": "In person, at a venue in the city region",
}


def _label(code: str, labels: dict[str, str]) -> str:
    return labels.get(code) or code.replace("_", " ").capitalize()


@dataclass(frozen=True)
class PanelPreference:
    name: str
    preference: int


@dataclass(frozen=True)
class AnsweredQuestion:
    number: int
    question: str
    word_limit: int
    answer: str  # empty when not answered


@dataclass(frozen=True)
class AnonymisedApplication:
    candidate_number: int
    label: str
    panels: tuple[PanelPreference, ...]
    connections: tuple[str, ...]
    local_authorities: tuple[str, ...]
    availability: tuple[str, ...]
    answers: tuple[AnsweredQuestion, ...]


def anonymise(application: Application, round_: RecruitmentRound) -> AnonymisedApplication:
    """Copy only what a reviewer may see. ``round_`` supplies the questions in order (pass
    the application's own round)."""
    if application.round_id != round_.id:
        raise ValueError("The application belongs to another round")
    answers = {answer.question_id: answer.text for answer in application.answers}
    return AnonymisedApplication(
        candidate_number=application.candidate_number,
        label=f"Applicant {application.candidate_number}",
        panels=tuple(
            PanelPreference(choice.panel.name, choice.preference)
            for choice in sorted(application.panel_choices, key=lambda c: c.preference)
        ),
        connections=tuple(_label(code, CONNECTION_LABELS) for code in application.connections),
        local_authorities=tuple(sorted(la.name for la in application.local_authorities)),
        availability=tuple(_label(code, AVAILABILITY_LABELS) for code in application.availability),
        answers=tuple(
            AnsweredQuestion(
                number=number,
                question=question.text,
                word_limit=question.word_limit,
                answer=answers.get(question.id, ""),
            )
            for number, question in enumerate(round_.questions, start=1)
        ),
    )


# Everything else reviewer and moderation templates receive: plain values, never models. --------


@dataclass(frozen=True)
class CriterionView:
    id: int
    position: int
    title: str
    description: str


@dataclass(frozen=True)
class ScoreView:
    criterion_id: int
    title: str
    score: int | None
    label: str
    comment: str


@dataclass(frozen=True)
class ReviewView:
    reviewer_name: str  # empty where reviewers must not know each other
    submitted: bool
    scores: tuple[ScoreView, ...]
    overall_comment: str

    @property
    def total(self) -> int:
        return sum(score.score or 0 for score in self.scores)


@dataclass(frozen=True)
class RoundSummary:
    id: int
    title: str
    status: str


@dataclass(frozen=True)
class QueueItem:
    candidate_number: int
    label: str
    your_review: str  # "Not started", "Draft saved" or "Submitted"
    reviews_complete: int
    can_open: bool


@dataclass(frozen=True)
class ReviewPage:
    application: AnonymisedApplication | None  # None when this reviewer cannot review it
    blocked: bool
    mine: ReviewView | None  # only once submitted (the form shows a draft)
    others: tuple[ReviewView, ...]  # only once this reviewer has submitted
    reviews_complete: int


@dataclass(frozen=True)
class CriterionComparison:
    criterion_id: int
    title: str
    first: int
    second: int
    difference: int
    large: bool


@dataclass(frozen=True)
class Comparison:
    rows: tuple[CriterionComparison, ...]
    first_total: int
    second_total: int
    total_difference: int
    large_difference: bool


@dataclass(frozen=True)
class ModerationRow:
    candidate_number: int
    label: str
    reviews_complete: int
    totals: tuple[int, int] | None  # once both reviews are submitted
    large_difference: bool
    moderated_total: int | None


@dataclass(frozen=True)
class ModerationPage:
    application: AnonymisedApplication
    reviews_complete: int
    first: ReviewView | None  # both None until both reviews are submitted
    second: ReviewView | None
    comparison: Comparison | None
    agreed: dict[int, tuple[int, str]]  # criterion id: (score, note)
    moderated_total: int | None


def criteria_of(round_: RecruitmentRound) -> list[CriterionView]:
    return [CriterionView(c.id, c.position, c.title, c.description) for c in round_.criteria]


def review_view(
    review: Review, criteria: Sequence[CriterionView], reviewer_name: str = ""
) -> ReviewView:
    by_criterion = {score.criterion_id: score for score in review.scores}
    scores = []
    for criterion in criteria:
        score = by_criterion.get(criterion.id)
        value = score.score if score else None
        label = SCORE_SCALE[value] if value is not None else "Not scored"
        scores.append(
            ScoreView(criterion.id, criterion.title, value, label, score.comment if score else "")
        )
    return ReviewView(reviewer_name, review.submitted_at is not None, tuple(scores), review.comment)
