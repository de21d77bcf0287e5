"""Forms for writing and publishing a consultation's outcome."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import RadioField, SelectChoice, SubmitField
from wtforms.validators import InputRequired

from engage.consultations.outcome.models import THEME_RESULT_LABELS
from engage.core.forms import BaseForm, GovRadios, text_area

MAX_TEXT = 10_000


class SummaryForm(BaseForm):
    what_we_asked = text_area(
        "We asked", required="Say what we asked", max_length=MAX_TEXT, name="What we asked",
        hint="What the consultation asked people, in a sentence or two.",
    )  # fmt: skip
    decision = text_area(
        "What was decided", required="Say what was decided", max_length=MAX_TEXT,
        name="What was decided", hint="What the authority decided, who decided it and when.",
    )  # fmt: skip
    changes = text_area(
        "What changed because of what people said", required="Say what changed",
        max_length=MAX_TEXT, name="What changed",
        hint="If nothing changed, say so and why.",
    )  # fmt: skip
    submit = SubmitField("Save", widget=GovSubmitInput(), id="save-summary")


class ThemeOutcomeForm(BaseForm):
    result = RadioField(
        "What did we do about it?",
        widget=GovRadios(),
        choices=[SelectChoice(code, words) for code, words in THEME_RESULT_LABELS.items()],
        validators=[InputRequired(message="Select what we did about it")],
    )
    we_did = text_area(
        "We did", required="Say what we did about it", max_length=MAX_TEXT, name="What we did",
        hint="In plain words, what the authority did about this, or why not.",
    )  # fmt: skip
    submit = SubmitField("Save", widget=GovSubmitInput())


class PublishForm(BaseForm):
    submit = SubmitField("Publish", widget=GovSubmitInput())
