"""Forms for officers managing panel memberships. The appointment form (in recruitment's
decide_forms) reuses the role and term fields from here."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import RadioField, SelectChoice, SubmitField
from wtforms.validators import InputRequired, ValidationError

from engage.core.forms import BaseForm, DateInputField, GovRadios, text_area
from engage.panels.models import MEMBERSHIP_ROLES

REASON_MAX = 5000


def role_field(label: str = "Role on the panel") -> RadioField:
    return RadioField(
        label,
        widget=GovRadios(),
        choices=[SelectChoice(value, text) for value, text in MEMBERSHIP_ROLES.items()],
        default="member",
        validators=[InputRequired(message="Choose the member's role")],
        invalid_choice_message="Choose the member's role from the list",
    )


def term_start_field(label: str = "Start of the term") -> DateInputField:
    return DateInputField(
        label,
        description="For example, 1 4 2026",
        validators=[InputRequired(message=f"Enter the {label.lower()}")],
    )


def term_end_field(label: str = "End of the term") -> DateInputField:
    return DateInputField(
        label,
        description="The last day of the term, for example, 31 3 2028",
        validators=[InputRequired(message=f"Enter the {label.lower()}")],
    )


class TermMixin:
    """The end of a term must come after its start."""

    def validate_term_end(self, field: DateInputField) -> None:
        start = self.term_start.data  # type: ignore[attr-defined]
        if field.data and start and field.data <= start:
            raise ValidationError(f"{field.label.text} must be after the start of the term")


class RenewForm(TermMixin, BaseForm):
    role = role_field()
    term_start = term_start_field("Start of the new term")
    term_end = term_end_field("End of the new term")
    submit = SubmitField("Renew membership", widget=GovSubmitInput())


class EndForm(BaseForm):
    reason = text_area(
        "Why is this membership ending?",
        required="Enter why the membership is ending",
        max_length=REASON_MAX,
        name="Reason",
        hint="For example, they stepped down, or moved away from the city region. "
        "We include this in the email to the member.",
    )
    submit = SubmitField("End membership", widget=GovSubmitInput())
