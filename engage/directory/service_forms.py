"""The forms editors propose an organisation's services and venues with, and the form that
confirms removing one."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import RadioField, SelectChoice, SelectMultipleField, SubmitField
from wtforms.validators import InputRequired, ValidationError

from engage.core.forms import BaseForm, GovCheckboxes, GovRadios, text_area, text_field
from engage.directory.postcodes import normal_postcode
from engage.directory.taxonomy import CATEGORIES


class ServiceForm(BaseForm):
    name = text_field(
        "Name of the service", required="Enter the name of the service", max_length=200,
        name="The name", hint="For example, Advice drop-in.",
    )  # fmt: skip
    description = text_area(
        "What it offers",
        required="Say what the service offers",
        max_length=5_000,
        hint="Who it is for and what happens there, in plain words. This is what people search.",
    )
    category = RadioField(
        "What kind of service is it?",
        widget=GovRadios(),
        choices=[SelectChoice(code, words) for code, words in CATEGORIES.choices()],
        validators=[InputRequired(message="Choose what kind of service it is")],
        invalid_choice_message="Choose what kind of service it is from the list",
    )
    schedule = text_area(
        "When it runs (optional)",
        max_length=2_000,
        name="When it runs",
        hint="For example, Tuesdays 10am to noon, or by appointment.",
    )
    cost = text_field(
        "What it costs (optional)", max_length=200, name="What it costs",
        hint="For example, Free, or £2 a session.",
    )  # fmt: skip
    venues = SelectMultipleField(
        "Where does it run?",
        widget=GovCheckboxes(),
        description="Select all that apply. Leave them all unticked if it runs online or by phone.",
        invalid_choice_message="Select venues from the list",
        invalid_value_message="Select venues from the list",
        validate_choice=True,
        choices=[],
    )
    submit = SubmitField("Send for review", widget=GovSubmitInput())

    def load_venues(self, venues: list[dict[str, Any]]) -> None:
        self.venues.choices = [SelectChoice(v["key"], v["name"]) for v in venues]

    def record(self, key: str) -> dict[str, Any]:
        """The service as a proposal keeps it (service_changes)."""
        chosen = set(self.venues.data or [])
        return {
            "key": key,
            "name": self.name.data,
            "description": self.description.data,
            "category": self.category.data,
            "schedule": self.schedule.data or "",
            "cost": self.cost.data or "",
            "venues": sorted(c.value for c in self.venues.choices if c.value in chosen),
        }


class VenueForm(BaseForm):
    name = text_field(
        "Name of the venue", required="Enter the name of the venue", max_length=200,
        name="The name", hint="For example, Bootle Community Centre.",
    )  # fmt: skip
    address = text_area(
        "Address (optional)", max_length=500, name="The address",
        hint="The building and street, before the town.",
    )  # fmt: skip
    town = text_field("Town or city (optional)", max_length=100, name="The town or city")
    postcode = text_field(
        "Postcode (optional)", max_length=10, name="The postcode",
        render_kw={"autocomplete": "postal-code", "spellcheck": "false"},
    )  # fmt: skip
    accessibility = text_area(
        "Access to the venue (optional)",
        max_length=2_000,
        name="Access to the venue",
        hint="Step-free access, accessible toilets, hearing loops, quiet spaces, parking.",
    )
    submit = SubmitField("Send for review", widget=GovSubmitInput())

    def validate_postcode(self, field: Any) -> None:
        if field.data and normal_postcode(field.data) is None:
            raise ValidationError("Enter a real postcode, like L20 4AB")

    def record(self, key: str) -> dict[str, Any]:
        """The venue as a proposal keeps it (service_changes); the postcode in capitals."""
        return {
            "key": key,
            "name": self.name.data,
            "address": self.address.data or "",
            "town": self.town.data or "",
            "postcode": normal_postcode(self.postcode.data or "") or "",
            "accessibility": self.accessibility.data or "",
        }


class RemoveForm(BaseForm):
    """Confirming a removal: nothing to fill in but the CSRF token."""

    submit = SubmitField("Yes, remove it", widget=GovSubmitInput())
