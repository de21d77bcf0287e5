"""The comment and reply forms panel members use."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import RadioField, SelectChoice, SelectMultipleField, SubmitField
from wtforms.validators import InputRequired

from engage.core.forms import BaseForm, GovCheckboxes, GovRadios, text_area
from engage.policies.stages import MAX_COMMENT_CHARACTERS, SUPPORT_NEEDS

YES, NO = "yes", "no"


class CommentForm(BaseForm):
    text = text_area(
        "Your comment",
        required="Enter your comment",
        max_length=MAX_COMMENT_CHARACTERS,
        hint="Say what you think and why. The officer answers every comment.",
    )
    name_shown = RadioField(
        "Can other panel members see your name with this comment?",
        widget=GovRadios(),
        choices=[
            SelectChoice(YES, "Yes, show my name"),
            SelectChoice(NO, "No, show it as from “A panel member”"),
        ],
        description="Officers always see who wrote a comment.",
        validators=[InputRequired(message="Choose whether other members can see your name")],
        invalid_choice_message="Choose whether other members can see your name",
    )
    submit = SubmitField("Send comment", widget=GovSubmitInput())


class ReplyForm(CommentForm):
    submit = SubmitField("Send reply", widget=GovSubmitInput())


class SupportForm(BaseForm):
    needs = SelectMultipleField(
        "What would help you take part?",
        widget=GovCheckboxes(),
        choices=[SelectChoice(value, label) for value, label in SUPPORT_NEEDS.items()],
        description="Select all that apply.",
        validators=[InputRequired(message="Select what would help you take part")],
        invalid_choice_message="Select from the list",
        invalid_value_message="Select from the list",
        validate_choice=True,
    )
    details = text_area(
        "Tell us more (optional)",
        max_length=MAX_COMMENT_CHARACTERS,
        name="What you told us",
        hint="For example, which language, or when you could talk to us.",
    )
    submit = SubmitField("Send your request", widget=GovSubmitInput())
