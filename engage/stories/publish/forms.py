"""Forms for publishing a story (the officer's de-identified version and the checklist),
taking it off the public page, and the public page's filters."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import SelectChoice, SelectField, SelectMultipleField
from wtforms.validators import ValidationError

from engage.core.forms import BaseForm, GovCheckboxes, text_area, text_field
from engage.stories import stages
from engage.stories.models import MAX_STORY

MAX_TITLE = 150  # Story.public_title
MAX_RESPONSE = 10_000
ANY = ""


def _every_check(form: Any, field: Any) -> None:
    if set(stages.DEIDENTIFICATION_CHECKS) - set(field.data or []):
        raise ValidationError(stages.CHECKS_NOT_DONE)


class PublishForm(BaseForm):
    """What the public will read. The checks are never pre-ticked: the officer confirms them
    each time the public text is written or changed."""

    public_title = text_field(
        "Title", required="Enter a title", max_length=MAX_TITLE,
        hint="A few words saying what the story is about, with nothing that identifies anyone.",
    )  # fmt: skip
    public_text = text_area(
        "The story, de-identified", required="Enter the story as the public will read it",
        max_length=MAX_STORY, name="The story",
        hint="Starts as the person's own words. Remove or make general anything that could "
        "identify someone: names, dates, small places, jobs, unusual details.",
    )  # fmt: skip
    public_response = text_area(
        "Our response", required="Enter the authority's response", max_length=MAX_RESPONSE,
        name="Our response",
        hint="What the authority says publicly about this story. Do not name staff.",
    )  # fmt: skip
    checks = SelectMultipleField(
        "Confirm the story is de-identified",
        widget=GovCheckboxes(),
        description="Tick each one once you have checked the title, the story and our response.",
        choices=[SelectChoice(key, words) for key, words in stages.DEIDENTIFICATION_CHECKS.items()],
        validators=[_every_check],
        invalid_choice_message="Choose checks from the list",
        invalid_value_message="Choose checks from the list",
    )


class ConfirmForm(BaseForm):
    """A button with its CSRF token (publishing after the preview, taking a story down)."""


class StoriesFilterForm(BaseForm):
    """The public page's filters (a GET form: no CSRF token). Unknown values are ignored."""

    class Meta:
        csrf = False

    theme = SelectField("Theme", widget=GovSelect(), default=ANY, validate_choice=False)
    area = SelectField("Area", widget=GovSelect(), default=ANY, validate_choice=False)
    objective = SelectField(
        "Equality Strategy objective", widget=GovSelect(), default=ANY, validate_choice=False
    )

    def load_choices(
        self,
        themes: list[tuple[str, str]],
        areas: list[tuple[str, str]],
        objectives: list[tuple[str, str]],
    ) -> None:
        self.theme.choices = [SelectChoice(ANY, "Any theme")] + [
            SelectChoice(value, label) for value, label in themes
        ]
        self.area.choices = [SelectChoice(ANY, "Anywhere")] + [
            SelectChoice(code, name) for code, name in areas
        ]
        self.objective.choices = [SelectChoice(ANY, "Any objective")] + [
            SelectChoice(code, words) for code, words in objectives
        ]

    def chosen(self, field: SelectField) -> str:
        values = {choice.value for choice in field.choices}
        return field.data if field.data in values else ANY
