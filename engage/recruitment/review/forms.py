"""Scoring and moderation forms. Their fields depend on the round's criteria, so each form
class is built for the criteria it is shown with (one score and one comment per criterion)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import RadioField, SelectChoice, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Optional

from engage.core.forms import BaseForm, GovRadios, text_area
from engage.recruitment.anonymise import ModerationPage
from engage.recruitment.models import SCORE_SCALE

COMMENT_MAX = 5000


def score_choices() -> list[SelectChoice]:
    return [SelectChoice(value, f"{value}: {label}") for value, label in SCORE_SCALE.items()]


def score_field(criterion_id: int) -> str:
    return f"score_{criterion_id}"


def comment_field(criterion_id: int) -> str:
    return f"comment_{criterion_id}"


def agreed_field(criterion_id: int) -> str:
    return f"agreed_{criterion_id}"


def note_field(criterion_id: int) -> str:
    return f"note_{criterion_id}"


def _comment(label: str) -> TextAreaField:
    return text_area(label, max_length=COMMENT_MAX)


class ScoreForm(BaseForm):
    """One reviewer's scores. "Save draft" keeps what is there; "Submit scores" needs a score
    and a comment for every criterion (checked in review_services, which the route asks)."""

    overall_comment: TextAreaField
    save_draft: SubmitField
    submit_scores: SubmitField

    @property
    def submitting(self) -> bool:
        return bool(self.submit_scores.data)


class ModerationForm(BaseForm):
    submit: SubmitField


def build_score_form(criteria: Sequence[Any], **kwargs: Any) -> ScoreForm:
    """``criteria``: objects with ``id``, ``title`` and ``description``."""
    fields: dict[str, Any] = {}
    # Fields are ordered by creation, so the error summary follows the page.
    for criterion in criteria:
        fields[score_field(criterion.id)] = RadioField(
            criterion.title,
            widget=GovRadios(),
            coerce=int,
            choices=score_choices(),
            validators=[Optional()],
            description=criterion.description,
            invalid_choice_message=f"Choose a score from 0 to 4 for {criterion.title}",
        )
        fields[comment_field(criterion.id)] = _comment(f"Comment on {criterion.title}")
    fields["overall_comment"] = _comment("Overall comment (optional)")
    fields["save_draft"] = SubmitField("Save draft", widget=GovSubmitInput())
    fields["submit_scores"] = SubmitField("Submit scores", widget=GovSubmitInput())
    form_class = type("RoundScoreForm", (ScoreForm,), fields)
    return form_class(**kwargs)


def _reviewers_gave(row: Any) -> str:
    if row is None:
        return ""
    if row.first == row.second:
        return (
            f"Both reviewers gave {row.first}. Agree {row.first}, or explain in the note why not."
        )
    low, high = sorted((row.first, row.second))
    return (
        f"The reviewers gave {row.first} and {row.second}. Agree a score from {low} to {high}, "
        "or explain in the note why not."
    )


def build_moderation_form(
    criteria: Sequence[Any], comparison: Any = None, **kwargs: Any
) -> ModerationForm:
    """``comparison``: the reviewers' scores (moderation_services.compare), for the hints."""
    rows = {row.criterion_id: row for row in comparison.rows} if comparison else {}
    fields: dict[str, Any] = {}
    for criterion in criteria:
        hint = " ".join(
            part
            for part in (criterion.description, _reviewers_gave(rows.get(criterion.id)))
            if part
        )
        fields[agreed_field(criterion.id)] = RadioField(
            f"Agreed score for {criterion.title}",
            widget=GovRadios(),
            coerce=int,
            description=hint,
            choices=score_choices(),
            validators=[InputRequired(message=f"Choose the agreed score for {criterion.title}")],
            invalid_choice_message=f"Choose an agreed score from 0 to 4 for {criterion.title}",
        )
        fields[note_field(criterion.id)] = _comment(f"Moderation note on {criterion.title}")
    fields["submit"] = SubmitField("Save agreed scores", widget=GovSubmitInput())
    form_class = type("RoundModerationForm", (ModerationForm,), fields)
    return form_class(**kwargs)


def draft_data(review: Any) -> dict[str, object]:
    """A saved draft ``Review`` as form data, or nothing."""
    if review is None:
        return {}
    data: dict[str, object] = {"overall_comment": review.comment}
    for score in review.scores:
        data[score_field(score.criterion_id)] = score.score
        data[comment_field(score.criterion_id)] = score.comment
    return data


def moderation_data(page: ModerationPage) -> dict[str, object]:
    """The saved agreed scores; before any, the score where both reviewers agree."""
    data: dict[str, object] = {}
    if page.agreed:
        for criterion_id, (score, note) in page.agreed.items():
            data[agreed_field(criterion_id)] = score
            data[note_field(criterion_id)] = note
    elif page.comparison is not None:
        for row in page.comparison.rows:
            if row.first == row.second:
                data[agreed_field(row.criterion_id)] = row.first
    return data
