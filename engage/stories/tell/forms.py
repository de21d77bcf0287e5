"""The forms for telling a story: the story itself, "about you" (anonymous or with contact
details, and the three consents, each its own yes/no question), sending (with the honeypot),
asking for a new link, changing choices, withdrawing, and an officer typing a story in. The
Easy Read journey uses the same forms with other words (``easy_read_words``)."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import RadioField, SelectChoice, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Optional, ValidationError

from engage.core.forms import (
    CONTROL_CHARACTER_MESSAGE,
    EMAIL_FORMAT,
    BaseForm,
    DateInputField,
    GovCheckboxes,
    GovRadios,
    email_field,
    strip_whitespace,
    text_area,
    text_field,
)
from engage.core.resume_links import is_email_address
from engage.stories import stages
from engage.stories.models import MAX_BETTER, MAX_NAME, MAX_PLACE, MAX_STORY

YES, NO = "yes", "no"
ANONYMOUS, NAMED = "anonymous", "named"
CONSENTS = ("consent_quote", "consent_publish", "consent_contact")


def _yes_no(label: str, required: str, hint: str = "") -> RadioField:
    return RadioField(
        label,
        widget=GovRadios(),
        choices=[SelectChoice(YES, "Yes"), SelectChoice(NO, "No")],
        description=hint,
        validators=[InputRequired(message=required)],
        invalid_choice_message=required,
    )


def _optional_email(form: Any, field: Any) -> None:
    if field.data and not is_email_address(field.data):
        raise ValidationError(EMAIL_FORMAT)


class StoryForm(BaseForm):
    what_happened = text_area(
        "What happened?",
        required="Tell us what happened",
        max_length=MAX_STORY,
        name="What happened",
        hint="Tell us in your own words. You do not need to give names of people.",
    )
    area = RadioField(
        "Where did it happen? (optional)",
        widget=GovRadios(),
        validators=[Optional()],
        invalid_choice_message="Select where it happened from the list, or leave it blank",
    )
    place = text_field(
        "Which service or place was it? (optional)",
        max_length=MAX_PLACE,
        name="The service or place",
        hint="For example, a bus route, a station, a GP surgery or a council office.",
    )
    when_happened = RadioField(
        "When did it happen? (optional)",
        widget=GovRadios(),
        choices=[SelectChoice(value.value, label) for value, label in stages.WHEN_LABELS.items()],
        validators=[Optional()],
        invalid_choice_message="Select when it happened from the list, or leave it blank",
    )
    what_would_help = text_area(
        "What would have made it better? (optional)",
        max_length=MAX_BETTER,
        name="What would have made it better",
    )
    themes = SelectMultipleField(
        "What is your story about? (optional)",
        widget=GovCheckboxes(),
        description="Select all that apply.",
        validators=[Optional()],
        invalid_choice_message="Select from the list",
        invalid_value_message="Select from the list",
    )

    def load_choices(self, areas: list[tuple[str, str]], themes: list[tuple[int, str]]) -> None:
        self.area.choices = [SelectChoice(code, words) for code, words in areas]
        self.themes.choices = [SelectChoice(str(theme_id), label) for theme_id, label in themes]


def check_contact(form: Any) -> bool:
    """The contact questions' rules: nothing is asked of someone staying anonymous, someone
    named gives an email address or a phone number, and "may we contact you" is asked only
    with an email address."""
    if form.anonymous:
        # Hidden questions are not asked: nothing typed there is kept, so only hidden
        # characters (which BaseForm has taken out of what is shown back) are still said.
        for field in (form.name, form.email, form.phone, form.consent_contact):
            hidden = CONTROL_CHARACTER_MESSAGE.format(label=field.label.text)
            field.errors = [error for error in field.errors if error == hidden]
    else:
        if not (form.email.data or form.phone.data) and not form.email.errors:
            form.email.errors = [
                "Enter an email address or a phone number, or choose to stay anonymous"
            ]
        if not form.email.data:
            form.consent_contact.errors = []  # only asked with an email address
    # Decide again from the errors left (CSRF errors included: the token is a field).
    return not any(field.errors for field in form) and not form.form_errors


class AboutForm(BaseForm):
    who = RadioField(
        "Do you want to give us your name and contact details?",
        widget=GovRadios(),
        choices=[
            SelectChoice(ANONYMOUS, "No, I want to stay anonymous"),
            SelectChoice(NAMED, "Yes"),
        ],
        validators=[InputRequired(message="Select whether you want to give us your details")],
        invalid_choice_message="Select whether you want to give us your details",
    )
    name = text_field("Your name (optional)", max_length=MAX_NAME, name="Your name")
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Optional(), _optional_email],
        render_kw={"autocomplete": "email", "spellcheck": "false", "type": "email"},
    )
    phone = text_field("Phone number", max_length=40, name="Phone number")
    consent_quote = _yes_no(
        "May we quote your story in our reports, without your name?",
        "Select yes if we may quote your story in reports without your name",
    )
    consent_publish = _yes_no(
        "May we publish your story on our website, after we remove names and other details?",
        "Select yes if we may publish your story after removing names and details",
        hint="We remove names, exact dates and places, and anything else that could show who "
        "you are, before anyone sees it.",
    )
    consent_contact = _yes_no(
        "May we contact you about your story?",
        "Select yes if we may contact you about your story",
        hint="Only if you give us an email address. We would email you our reply.",
    )

    @property
    def anonymous(self) -> bool:
        return self.who.data != NAMED

    def validate(self, extra_validators: Any = None) -> bool:
        super().validate(extra_validators=extra_validators)
        return check_contact(self)

    def details(self) -> dict[str, Any]:
        """The contact details and consents, as create_story takes them."""
        named = not self.anonymous
        return {
            "anonymous": not named,
            "name": (self.name.data or "") if named else "",
            "email": (self.email.data or "") if named else "",
            "phone": (self.phone.data or "") if named else "",
            "consent_quote": self.consent_quote.data == YES,
            "consent_publish": self.consent_publish.data == YES,
            "consent_contact": named and bool(self.email.data) and self.consent_contact.data == YES,
        }


class SendForm(BaseForm):
    # The honeypot: hidden from people (and screen readers); a program filling in every box
    # fills it in, and its story is quietly not kept.
    website = StringField(
        "Leave this blank",
        widget=GovTextInput(),
        render_kw={"autocomplete": "off", "tabindex": "-1"},
    )

    @property
    def is_spam(self) -> bool:
        return bool((self.website.data or "").strip())


class NewLinkForm(BaseForm):
    reference = text_field(
        "Your story's reference",
        required="Enter your story's reference",
        max_length=20,
        hint="It starts LE-, like LE-4K7Q2M. It is in the email we sent you.",
    )
    email = email_field("The email address you gave us")


class ChoicesForm(BaseForm):
    consent_quote = AboutForm.consent_quote
    consent_publish = AboutForm.consent_publish
    consent_contact = AboutForm.consent_contact


class WithdrawForm(BaseForm):
    """Only the button: the confirm page says what withdrawing does."""


class OfficerForm(StoryForm):
    channel = RadioField(
        "How did the story reach us?",
        widget=GovRadios(),
        choices=[SelectChoice(c.value, stages.CHANNEL_LABELS[c]) for c in stages.OFFICER_CHANNELS],
        validators=[InputRequired(message="Select how the story reached us")],
        invalid_choice_message="Select how the story reached us from the list",
    )
    told_through = text_field(
        "Who passed it on? (optional)",
        max_length=MAX_NAME,
        name="Who passed it on",
        hint="The support worker, organisation or event. Leave blank if the person told you.",
    )
    told_on = DateInputField(
        "When was it told?",
        validators=[InputRequired(message="Enter the date the story was told")],
        description="For example, 27 3 2027",
    )
    who = AboutForm.who
    name = AboutForm.name
    email = AboutForm.email
    phone = AboutForm.phone
    consent_quote = AboutForm.consent_quote
    consent_publish = AboutForm.consent_publish
    consent_contact = AboutForm.consent_contact

    anonymous = AboutForm.anonymous
    details = AboutForm.details

    def validate(self, extra_validators: Any = None) -> bool:
        super().validate(extra_validators=extra_validators)
        return check_contact(self)


# Easy Read: the same questions in shorter, plainer words.
EASY_READ_WORDS: dict[str, tuple[str, str]] = {
    "what_happened": ("What happened to you?", "Write it in your own words. You do not have "
                      "to write names."),
    "area": ("Where did it happen?", "You do not have to answer this."),
    "place": ("What was the place or service?", "For example, a bus, a shop or a doctor. You "
              "do not have to answer this."),
    "when_happened": ("When did it happen?", "You do not have to answer this."),
    "what_would_help": ("What would have made it better?", "You do not have to answer this."),
    "themes": ("What is your story about?", "Tick all the ones that fit. You do not have to "
               "answer this."),
    "who": ("Do you want to tell us who you are?", ""),
    "name": ("Your name", "You do not have to give your name."),
    "email": ("Your email address", ""),
    "phone": ("Your phone number", ""),
    "consent_quote": ("Can we use your words in our reports?", "We will not use your name."),
    "consent_publish": ("Can we put your story on our website?", "We will take out names and "
                        "anything that says who you are first."),
    "consent_contact": ("Can we email you about your story?", ""),
}  # fmt: skip
EASY_WHO = {ANONYMOUS: "No. I do not want to say who I am", NAMED: "Yes. I will tell you"}


def easy_read_words(form: BaseForm) -> None:
    """Put the Easy Read words on ``form``'s questions (the answers stay the same)."""
    for name, (label, hint) in EASY_READ_WORDS.items():
        if name in form:
            form[name].label.text = label
            form[name].description = hint
    if "who" in form:
        form["who"].choices = [SelectChoice(v, EASY_WHO[v]) for v in (ANONYMOUS, NAMED)]
