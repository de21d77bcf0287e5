"""Forms for applying to an Equality Panel, one per task-list section.

The panels, preference-order and experience forms depend on the round, so they are built for
it by the functions at the bottom. Every form validates on the server; the routes store what
was typed even when it is not valid yet (see ``apply_services``)."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from engage.core.forms import BaseForm, GovCheckboxes, GovRadios, email_field, strip_whitespace
from engage.recruitment.apply.services import (
    ACCESS_NEEDS,
    AVAILABILITY_TIMES,
    AVAILABILITY_WAYS,
    CONNECTIONS,
    MAX_LENGTHS,
    NO_ACCESS_NEEDS,
    word_count,
)

CHOOSE_FROM_LIST = "Select from the list"
ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]
OTHER_MAX_LENGTH = 1000


def _choices(labels: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(code, label) for code, label in labels.items()]


def _checkboxes(label: str, choices: Any, required: str, hint: str = "") -> SelectMultipleField:
    return SelectMultipleField(
        label,
        widget=GovCheckboxes(),
        choices=choices,
        description=hint,
        validators=[InputRequired(message=required)],
        invalid_choice_message=CHOOSE_FROM_LIST,
        invalid_value_message=CHOOSE_FROM_LIST,
    )


class AboutForm(BaseForm):
    full_name = StringField(
        "Full name",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter your full name"),
            Length(
                max=MAX_LENGTHS["full_name"], message="Full name must be 200 characters or fewer"
            ),
        ],
        render_kw={"autocomplete": "name", "spellcheck": "false"},
    )
    email = email_field("Email address")
    phone = StringField(
        "Phone number (optional)",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description="We will only call you about your application, for example to arrange "
        "support. Leave it blank if you prefer email.",
        validators=[
            Optional(),
            Length(max=MAX_LENGTHS["phone"], message="Phone number must be 40 characters or fewer"),
            Regexp(
                r"^\+?[0-9 ()-]+$",
                message="Enter a phone number using numbers, like 0151 123 4567 or "
                "+44 151 123 4567",
            ),
        ],
        render_kw={"autocomplete": "tel", "type": "tel"},
    )
    connections = _checkboxes(
        "How are you connected to the Liverpool City Region?",
        _choices(CONNECTIONS),
        "Select how you are connected to the Liverpool City Region",
        "Select all that apply.",
    )
    local_authorities = _checkboxes(
        "Which council areas are you connected to?",
        [],
        "Select at least one council area",
        "The Liverpool City Region is these six council areas. Select all that apply.",
    )

    def load_choices(self, authorities: list[Any]) -> None:
        self.local_authorities.choices = [SelectChoice(la.code, la.name) for la in authorities]

    def values(self) -> dict[str, Any]:
        return {
            "full_name": self.full_name.data or "",
            "email": self.email.data or "",
            "phone": self.phone.data or "",
            "connections": self.connections.data or [],
            "local_authorities": self.local_authorities.data or [],
        }


class AvailabilityForm(BaseForm):
    times = _checkboxes(
        "When can you usually take part?",
        _choices(AVAILABILITY_TIMES),
        "Select when you can usually take part",
        "Select all that apply.",
    )
    ways = _checkboxes(
        "How can you take part?",
        _choices(AVAILABILITY_WAYS),
        "Select how you can take part",
        "Select all that apply.",
    )


class AccessNeedsForm(BaseForm):
    needs = SelectMultipleField(
        "What support or adjustments would help you take part?",
        choices=[
            *_choices(ACCESS_NEEDS),
            SelectChoice(NO_ACCESS_NEEDS, "I do not need any of these"),
        ],
        invalid_choice_message=CHOOSE_FROM_LIST,
        invalid_value_message=CHOOSE_FROM_LIST,
    )
    other = TextAreaField(
        "If you chose ‘Something else’, tell us what would help",
        widget=GovTextArea(),
        validators=[
            Length(
                max=OTHER_MAX_LENGTH,
                message=f"What would help must be {OTHER_MAX_LENGTH} characters or fewer",
            )
        ],
    )
    share = RadioField(
        "May we share your access needs with the people who interview you?",
        widget=GovRadios(),
        choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")],
        default="no",
        description="The organisers always see your access needs, so they can arrange "
        "support. The people who score your application never see them. If you say yes, "
        "the people who interview you will know what support you need.",
        validators=[InputRequired(message="Select yes or no")],
        invalid_choice_message="Select yes or no",
    )

    def validate_needs(self, field: SelectMultipleField) -> None:
        chosen = set(field.data or [])
        typed = bool((self.other.data or "").strip())  # typing counts as "Something else"
        if not chosen and not typed:
            raise ValidationError(
                "Select the support you need, or select ‘I do not need any of these’"
            )
        if NO_ACCESS_NEEDS in chosen and (chosen - {NO_ACCESS_NEEDS} or typed):
            raise ValidationError(
                "Select the support you need, or select ‘I do not need any of these’, not both"
            )

    def validate_other(self, field: TextAreaField) -> None:
        if "other" in (self.needs.data or []) and not (field.data or "").strip():
            raise ValidationError("Tell us what other support would help you")

    def needs_params(self) -> dict[str, Any]:
        """``govukCheckboxes`` parameters, with "none" after an "or" divider (the widget
        alone cannot add the divider)."""
        field = self.needs
        chosen = set(field.data or [])
        items: list[dict[str, Any]] = [
            {"value": code, "text": label, "checked": code in chosen}
            for code, label in ACCESS_NEEDS.items()
        ]
        items += [
            {"divider": "or"},
            {
                "value": NO_ACCESS_NEEDS,
                "text": "I do not need any of these",
                "checked": NO_ACCESS_NEEDS in chosen,
                "behaviour": "exclusive",
            },
        ]
        params: dict[str, Any] = {
            "name": field.name,
            "idPrefix": field.id,
            "fieldset": {
                "legend": {"text": field.label.text, "classes": "govuk-fieldset__legend--m"}
            },
            "hint": {
                "text": "Select all that apply. You can change this until you send your "
                "application."
            },
            "items": items,
        }
        if field.errors:
            params["errorMessage"] = {"text": field.errors[0]}
        return params


class DeclarationForm(BaseForm):
    declaration = BooleanField(
        "I confirm the declaration above",
        widget=GovCheckboxInput(),
        validators=[DataRequired(message="Confirm the declaration to send your application")],
    )


class SendLinkForm(BaseForm):
    email = email_field("Email address")


class FindApplicationForm(BaseForm):
    reference = StringField(
        "Application reference",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        description="It is in the emails we sent you, like EP-7K3F-9Q2M",
        validators=[
            InputRequired(message="Enter your application reference"),
            Length(max=20, message="Application reference must be 20 characters or fewer"),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    email = email_field("Email address you gave on your application")


class WithdrawForm(BaseForm):
    """Only the CSRF token: the button is the confirmation."""


# Forms built for a round ---------------------------------------------------------------------


def panels_form(panels: list[Any], **kwargs: Any) -> BaseForm:
    choices = [SelectChoice(str(panel.id), panel.name) for panel in panels]

    class PanelsForm(BaseForm):
        panels = SelectMultipleField(
            "Which panels do you want to join?",
            widget=GovCheckboxes(),
            choices=choices,
            description="Select all that apply. If you choose more than one, we will ask "
            "which you would most like to join.",
            validators=[InputRequired(message="Select at least one panel")],
            invalid_choice_message=CHOOSE_FROM_LIST,
            invalid_value_message=CHOOSE_FROM_LIST,
        )

        def panel_ids(self) -> list[int]:
            return [
                int(value)
                for value in self.panels.data or []
                if value.isascii() and value.isdigit()
            ]

    return PanelsForm(**kwargs)


def panel_order_form(panels: list[Any], **kwargs: Any) -> BaseForm:
    """One radio question per chosen panel: first, second or third choice."""
    count = len(panels)
    choices = [SelectChoice(str(n), f"{ORDINALS[n - 1]} choice") for n in range(1, count + 1)]

    class PanelOrderForm(BaseForm):
        def order(self) -> dict[int, int]:
            result = {}
            for panel in panels:
                value = self[f"panel_{panel.id}"].data
                if value and str(value).isascii() and str(value).isdigit():
                    result[panel.id] = int(value)
            return result

        def validate(self, extra_validators: Any = None) -> bool:
            valid = super().validate(extra_validators=extra_validators)
            seen: set[str] = set()
            for panel in panels:
                field = self[f"panel_{panel.id}"]
                if field.data and not field.errors:
                    if field.data in seen:
                        field.errors = [
                            f"Choose a different place for the {panel.name}: each panel "
                            "needs its own place in your order"
                        ]
                        valid = False
                    seen.add(field.data)
            return valid

    for panel in panels:
        setattr(
            PanelOrderForm,
            f"panel_{panel.id}",
            RadioField(
                panel.name,
                widget=GovRadios(),
                choices=choices,
                validators=[InputRequired(message=f"Select where the {panel.name} comes")],
                invalid_choice_message=CHOOSE_FROM_LIST,
            ),
        )
    return PanelOrderForm(**kwargs)


def _word_limit(number: int, limit: int) -> Any:
    def check(form: Any, field: Any) -> None:
        count = word_count(field.data)
        if count > limit:
            raise ValidationError(
                f"Your answer to question {number} must be {limit} words or fewer: "
                f"it is {count} words. We have saved it, so you can shorten it"
            )

    return check


def experience_form(questions: list[Any], **kwargs: Any) -> BaseForm:
    """One box per round question, each with the question's word limit."""

    class ExperienceForm(BaseForm):
        def texts(self) -> dict[int, str]:
            return {q.id: self[f"answer_{q.id}"].data or "" for q in questions}

    for number, question in enumerate(questions, start=1):
        setattr(
            ExperienceForm,
            f"answer_{question.id}",
            TextAreaField(
                question.text,
                widget=GovCharacterCount(),
                description=question.hint or None,
                validators=[
                    DataRequired(message=f"Enter your answer to question {number}"),
                    _word_limit(number, question.word_limit),
                ],
            ),
        )
    return ExperienceForm(**kwargs)
