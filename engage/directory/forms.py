"""The directory's forms: an entry's details (editors propose with it; officers change a
proposal with it before approving), claiming an entry and its emailed code, and a reason."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import EmailField, RadioField, SelectChoice, SelectMultipleField, SubmitField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from engage.core.forms import (
    BaseForm,
    GovCheckboxes,
    GovRadios,
    email_field,
    strip_whitespace,
    text_area,
    text_field,
)
from engage.directory import stages
from engage.directory.taxonomy import COMMUNITIES, KINDS, LED_BY

MAX_DESCRIPTION = 5_000


def _checkboxes(label: str, hint: str, choices: list[tuple[str, str]]) -> SelectMultipleField:
    return SelectMultipleField(
        label,
        widget=GovCheckboxes(),
        description=hint,
        choices=[SelectChoice(code, words) for code, words in choices],
        invalid_choice_message="Select from the list",
        invalid_value_message="Select from the list",
        validate_choice=True,
    )


class EntryForm(BaseForm):
    name = text_field("Name of the organisation", required="Enter the organisation's name",
                      max_length=200, name="The name")  # fmt: skip
    description = text_area(
        "What the organisation does",
        required="Say what the organisation does",
        max_length=MAX_DESCRIPTION,
        name="What the organisation does",
        hint="Who it is for and what it offers, in plain words. This is what people search.",
    )
    kind = RadioField(
        "Kind of organisation",
        widget=GovRadios(),
        choices=[SelectChoice(code, words) for code, words in KINDS.choices()],
        validators=[InputRequired(message="Choose the kind of organisation")],
        invalid_choice_message="Choose the kind of organisation from the list",
    )
    areas = SelectMultipleField(
        "Which areas does it work in?",
        widget=GovCheckboxes(),
        description="Select all that apply.",
        validators=[InputRequired(message="Select at least one area")],
        invalid_choice_message="Select areas from the list",
        invalid_value_message="Select areas from the list",
        validate_choice=True,
    )
    communities = _checkboxes(
        "Who does it work with?",
        "Select all that apply. Leave them all unticked if it works with anyone.",
        COMMUNITIES.choices(),
    )
    led_by = _checkboxes(
        "Is it led by the community it serves?",
        "Select any that describe it: most of the people who run it are from that community.",
        LED_BY.choices(),
    )
    languages = text_field(
        "Languages spoken", max_length=300, hint="Separate them with commas, for example "
        "English, British Sign Language, Urdu", name="Languages spoken",
    )  # fmt: skip
    phone = text_field("Phone", max_length=50, render_kw={"autocomplete": "tel"})
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        description="The address the public can use. An editor can prove they work there by a "
        "code sent to it.",
        filters=[strip_whitespace],
        validators=[Optional(), Length(max=320), Email(message="Enter an email address in the "
                    "correct format, like name@example.org", check_deliverability=False)],
        render_kw={"spellcheck": "false"},
    )  # fmt: skip
    website = text_field(
        "Website", max_length=500, hint="The full address, starting https://",
        render_kw={"spellcheck": "false"},
    )  # fmt: skip
    address = text_area("Address", max_length=500, hint="Leave empty if it has no public address.")
    postcode = text_field("Postcode", max_length=10, render_kw={"autocomplete": "postal-code"})
    accessibility = text_area(
        "Access to its venues",
        max_length=2_000,
        hint="Step-free access, accessible toilets, hearing loops, quiet spaces, parking.",
    )

    def load_areas(self, areas: list[tuple[str, str]]) -> None:
        self.areas.choices = [SelectChoice(code, name) for code, name in areas]

    def validate_website(self, field: Any) -> None:
        if field.data and not field.data.startswith(("https://", "http://")):
            raise ValidationError("Enter the website's full address, starting https://")

    def values(self) -> dict[str, Any]:
        """The entry's details as a proposal keeps them."""
        languages = [part.strip() for part in (self.languages.data or "").split(",")]
        return {
            "name": self.name.data,
            "description": self.description.data,
            "kind": self.kind.data,
            "areas": sorted(self.areas.data or []),
            "communities": [
                c for c, _ in COMMUNITIES.choices() if c in (self.communities.data or [])
            ],
            "led_by": [c for c, _ in LED_BY.choices() if c in (self.led_by.data or [])],
            "languages": [language for language in languages if language],
            "phone": self.phone.data or "",
            "email": self.email.data or "",
            "website": self.website.data or "",
            "address": self.address.data or "",
            "postcode": (self.postcode.data or "").upper(),
            "accessibility": self.accessibility.data or "",
        }

    @classmethod
    def data_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        """Form data from a proposal's values (to fill the form in)."""
        return {**values, "languages": ", ".join(values.get("languages") or [])}


class ProposeForm(EntryForm):
    note = text_area(
        "Anything the officer should know (optional)",
        max_length=2_000,
        name="Your note",
        hint="For example, why the name changed. Only the officer reads this.",
    )
    submit = SubmitField("Send for review", widget=GovSubmitInput())


class ClaimForm(BaseForm):
    method = RadioField(
        "How can we check you work there?",
        widget=GovRadios(),
        validators=[InputRequired(message="Choose how we can check you work there")],
        invalid_choice_message="Choose how we can check from the list",
    )
    role = text_field(
        "What is your role at the organisation?",
        max_length=200,
        name="Your role",
        hint="For example, chair, volunteer coordinator. An officer reads this.",
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def load_choices(self, published_email: str) -> None:
        choices = []
        if published_email:
            choices.append(SelectChoice(stages.BY_EMAIL, f"Email a code to {published_email}"))
        choices.append(SelectChoice(stages.BY_OFFICER, "Ask an officer to check"))
        self.method.choices = choices

    def validate(self, extra_validators: Any = None) -> bool:
        """The role is needed only when an officer checks (the box is optional on its own)."""
        if not super().validate(extra_validators=extra_validators):
            return False
        if self.method.data == stages.BY_OFFICER and not self.role.data:
            self.role.errors = ["Say what your role at the organisation is"]
            return False
        return True


class CodeForm(BaseForm):
    code = text_field(
        "Code",
        required="Enter the code from the email",
        max_length=20,
        hint="The 6 digits in the email.",
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"},
    )
    submit = SubmitField("Check the code", widget=GovSubmitInput())


class ApproveForm(EntryForm):
    submit = SubmitField("Approve and publish", widget=GovSubmitInput())


class ReasonForm(BaseForm):
    reason = text_area(
        "Why not?",
        required="Give the reason, which the editor reads",
        max_length=2_000,
        name="The reason",
        hint="They read this in an email. Say what they can do about it.",
    )
    # Its own id: the officer's review page also has the approve form's button.
    submit = SubmitField("Send", widget=GovSubmitInput(), id="send-reason")


class ReportForm(BaseForm):
    what_is_wrong = text_area(
        "What is wrong with this entry?",
        required="Say what is wrong with the entry",
        max_length=2_000,
        name="What is wrong",
        hint="For example, it has closed, or the phone number has changed.",
    )
    contact_email = EmailField(
        "Your email address (optional)",
        widget=GovTextInput(),
        description="Only if you would like us to reply. We do not publish it.",
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(max=320),
            Email(message="Enter an email address in the correct format, like name@example.org",
                  check_deliverability=False),
        ],
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )  # fmt: skip
    submit = SubmitField("Send", widget=GovSubmitInput())


class InviteEditorForm(BaseForm):
    email = email_field("Their email address", "Enter the email address to send the invitation to")
    submit = SubmitField("Send the invitation", widget=GovSubmitInput(), id="send-invitation")
