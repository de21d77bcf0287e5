"""Forms for opportunities: an officer's opportunity and award, an editor's response, the
editor's choice of which organisations hear about opportunities, and the public filters."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput
from wtforms import RadioField, SelectChoice, SelectField, SelectMultipleField, SubmitField
from wtforms.validators import InputRequired, Optional, ValidationError

from engage.core.forms import (
    BaseForm,
    DateInputField,
    GovCheckboxes,
    GovRadios,
    text_area,
    text_field,
)
from engage.directory.opportunities import rules
from engage.directory.opportunities.listing import CLOSED, OPEN, PublicFilters
from engage.directory.opportunities.services import OpportunityDetails
from engage.directory.taxonomy import CATEGORIES, COMMUNITIES
from engage.strategy.api import PriorityTagsField

# "12500", "12,500", "£12,500.50": pounds, with pence optional.
_MONEY = re.compile(r"^£?\s*([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]{2})?$")
MAX_PENCE = 100_000_000_000  # £1 billion: a typing mistake beyond that


def _money_field(label: str, hint: str) -> Any:
    return text_field(
        label, required=f"Enter the {label.lower()} in pounds", max_length=20, hint=hint,
        name=label, render_kw={"inputmode": "decimal", "spellcheck": "false"},
    )  # fmt: skip


def pence_of(text: str) -> int:
    """Pence from pounds as typed ("£12,500.50" -> 1250050); ValueError when not money."""
    found = _MONEY.match((text or "").strip())
    if not found:
        raise ValueError(text)
    pence = int(Decimal(found.group(0).lstrip("£").strip().replace(",", "")) * 100)
    if pence > MAX_PENCE:
        raise ValueError(text)
    return pence


def _check_money(field: Any) -> None:
    if field.data:
        try:
            pence_of(field.data)
        except ValueError as error:
            raise ValidationError(
                f"Enter the {field.label.text.lower()} in pounds, like 12,500 or 12500.50, "
                "up to £1 billion"
            ) from error


def _checkboxes(label: str, hint: str, choices: list[tuple[str, str]], **kwargs: Any) -> Any:
    return SelectMultipleField(
        label,
        widget=GovCheckboxes(),
        description=hint,
        choices=[SelectChoice(code, words) for code, words in choices],
        invalid_choice_message="Select from the list",
        invalid_value_message="Select from the list",
        validate_choice=True,
        **kwargs,
    )


class OpportunityForm(BaseForm):
    title = text_field("Title", required="Enter the opportunity's title", max_length=200)
    kind = RadioField(
        "What kind of opportunity is it?",
        widget=GovRadios(),
        choices=[SelectChoice(kind.value, label) for kind, label in rules.KIND_LABELS.items()],
        validators=[InputRequired(message="Choose what kind of opportunity it is")],
        invalid_choice_message="Choose the kind of opportunity from the list",
    )
    what_is_wanted = text_area(
        "What is wanted", required="Say what is wanted", max_length=5_000,
        hint="The work, who it is for and what it should achieve, in plain English.",
    )  # fmt: skip
    how_to_apply = text_area(
        "How to apply", required="Say how to apply", max_length=3_000,
        hint="What to send, to whom, and what happens next. Organisations can also register "
        "interest or apply here.",
    )  # fmt: skip
    value = _money_field("Value", "In pounds, for example 25,000")
    closes_on = DateInputField(
        "Closing date",
        description="It takes interest and applications until the end of this day. For "
        "example, 30 1 2027",
        validators=[InputRequired(message="Enter the closing date")],
    )
    areas = _checkboxes("Which areas is it for?", "Select all that apply.", [],
                        validators=[InputRequired(message="Select at least one area")])  # fmt: skip
    communities = _checkboxes(
        "Which communities is it for?",
        "Select all that apply. Leave them all unticked if it is for any community.",
        COMMUNITIES.choices(),
    )
    category = SelectField(
        "Service category (optional)",
        widget=GovSelect(),
        description="Only organisations running a service in this category are told of it.",
        choices=[SelectChoice("", "Any"), *(SelectChoice(c, t) for c, t in CATEGORIES.choices())],
        validators=[Optional()],
        validate_choice=True,
    )
    priorities = PriorityTagsField()
    submit = SubmitField("Save", widget=GovSubmitInput())

    def load_choices(self, areas: list[tuple[str, str]], keep: list[Any]) -> None:
        self.areas.choices = [SelectChoice(code, name) for code, name in areas]
        self.priorities.load_choices(keep=keep)

    def validate_value(self, field: Any) -> None:
        _check_money(field)

    def details(self) -> OpportunityDetails:
        return OpportunityDetails(
            title=self.title.data,
            kind=self.kind.data,
            what_is_wanted=self.what_is_wanted.data,
            how_to_apply=self.how_to_apply.data,
            value_pence=pence_of(self.value.data),
            closes_on=self.closes_on.data,
            communities=list(self.communities.data or []),
            area_codes=list(self.areas.data or []),
            category=self.category.data or "",
            priority_ids=list(self.priorities.data or []),
        )

    @classmethod
    def data_from(cls, opportunity: Any) -> dict[str, Any]:
        return {
            "title": opportunity.title,
            "kind": opportunity.kind,
            "what_is_wanted": opportunity.what_is_wanted,
            "how_to_apply": opportunity.how_to_apply,
            "value": rules.pounds(opportunity.value_pence).lstrip("£"),
            "closes_on": opportunity.closes_on,
            "areas": [area.code for area in opportunity.local_authorities],
            "communities": opportunity.community_codes,
            "category": opportunity.category,
            "priorities": [priority.id for priority in opportunity.priorities],
        }


class ResponseForm(BaseForm):
    organisation = RadioField(
        "Which organisation is this for?",
        widget=GovRadios(),
        coerce=int,
        validators=[InputRequired(message="Choose the organisation")],
        invalid_choice_message="Choose one of your organisations from the list",
    )
    kind = RadioField(
        "What would you like to do?",
        widget=GovRadios(),
        choices=[
            SelectChoice(rules.ResponseKind.INTEREST.value, "Register interest"),
            SelectChoice(rules.ResponseKind.APPLICATION.value, "Apply"),
        ],
        validators=[InputRequired(message="Choose whether to register interest or apply")],
        invalid_choice_message="Choose whether to register interest or apply",
    )
    message = text_area(
        "Your message", max_length=3_000, name="Your message",
        hint="For an application, how your organisation would do what is wanted. Only "
        "officers read this.",
    )  # fmt: skip
    submit = SubmitField("Send", widget=GovSubmitInput())

    def load_organisations(self, organisations: list[Any]) -> None:
        self.organisation.choices = [SelectChoice(o.id, o.name) for o in organisations]

    def validate(self, extra_validators: Any = None) -> bool:
        """A message is needed to apply (it is optional when registering interest)."""
        if not super().validate(extra_validators=extra_validators):
            return False
        if self.kind.data == rules.ResponseKind.APPLICATION and not self.message.data:
            self.message.errors = ["Say how your organisation would do what is wanted"]
            return False
        return True


class OptInForm(BaseForm):
    organisations = SelectMultipleField(
        "Email me about new commissioning opportunities for",
        widget=GovCheckboxes(),
        coerce=int,
        description="When an officer publishes an opportunity for an organisation's areas and "
        "the communities it serves. Untick them all to stop these emails.",
        invalid_choice_message="Select your organisations from the list",
        invalid_value_message="Select your organisations from the list",
        validate_choice=True,
    )
    submit = SubmitField(
        "Save email choices", widget=GovSubmitInput(), id="save-opportunity-emails"
    )

    def load_organisations(self, organisations: list[Any]) -> None:
        self.organisations.choices = [SelectChoice(o.id, o.name) for o in organisations]


class AwardForm(BaseForm):
    organisation = RadioField(
        "Which organisation was it awarded to?",
        widget=GovRadios(),
        coerce=int,
        validators=[InputRequired(message="Choose the organisation")],
        invalid_choice_message="Choose an organisation from the list",
    )
    value = _money_field("Value awarded", "In pounds, for example 12,500")
    awarded_on = DateInputField(
        "Date awarded", description="For example, 14 5 2026",
        validators=[InputRequired(message="Enter the date it was awarded")],
    )  # fmt: skip
    submit = SubmitField("Record the award", widget=GovSubmitInput())

    def load_organisations(self, organisations: list[tuple[int, str]]) -> None:
        self.organisation.choices = [SelectChoice(i, name) for i, name in organisations]

    def validate_value(self, field: Any) -> None:
        _check_money(field)


class PublicFiltersForm(BaseForm):
    """The public list's filters (a GET form: no CSRF token). Unknown values are ignored."""

    class Meta:
        csrf = False

    show = SelectField(
        "Show", widget=GovSelect(), default=OPEN, validate_choice=False,
        choices=[SelectChoice(OPEN, "Open opportunities"),
                 SelectChoice(CLOSED, "Closed and awarded opportunities")],
    )  # fmt: skip
    area = SelectField("Area", widget=GovSelect(), default="", validate_choice=False)
    community = SelectField(
        "Community",
        widget=GovSelect(),
        default="",
        validate_choice=False,
        choices=[SelectChoice("", "Any"), *(SelectChoice(c, t) for c, t in COMMUNITIES.choices())],
    )

    def load_areas(self, areas: list[tuple[str, str]]) -> None:
        self.area.choices = [SelectChoice("", "All six areas")] + [
            SelectChoice(code, name) for code, name in areas
        ]

    def filters(self) -> PublicFilters:
        def known(field: SelectField, fallback: str = "") -> str:
            return field.data if field.data in {c.value for c in field.choices} else fallback

        return PublicFilters(
            area=known(self.area), community=known(self.community), show=known(self.show, OPEN)
        )
