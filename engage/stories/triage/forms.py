"""Forms of the officers' stories pages: the queue's filters, each action on a story, the
stories' themes and the safeguarding phrases."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput
from wtforms import (
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    SubmitField,
)
from wtforms.validators import InputRequired, ValidationError

from engage.core import theme_forms
from engage.core.forms import (
    BaseForm,
    GovCheckboxes,
    GovRadios,
    text_area,
    text_field,
)
from engage.stories import stages
from engage.stories.models import MAX_PHRASE, MAX_REPLY
from engage.stories.triage.services import ANYONE, AWAITING, ME, NOBODY, Filters
from engage.strategy.api import PriorityTagsField

OVERDUE, SAFEGUARDING = "overdue", "safeguarding"
MAX_CHANGE = 5_000
MAX_REASON = 2_000


class QueueFilterForm(BaseForm):
    """The queue's filters (a GET form, so no CSRF token). Unknown values are ignored."""

    class Meta:
        csrf = False

    status = SelectField(
        "Status",
        widget=GovSelect(),
        choices=[
            SelectChoice("", "Any status"),
            SelectChoice(AWAITING, "Waiting for a response (new or in review)"),
            *(SelectChoice(code, label) for code, label in stages.STATUS_LABELS.items()),
        ],
        validate_choice=False,
    )
    assigned = SelectField(
        "Assigned to",
        widget=GovSelect(),
        choices=[
            SelectChoice(ANYONE, "Anyone or nobody"),
            SelectChoice(ME, "Me"),
            SelectChoice(NOBODY, "Nobody yet"),
        ],
        validate_choice=False,
    )
    channel = SelectField("How it was told", widget=GovSelect(), validate_choice=False)
    theme = SelectField("Theme", widget=GovSelect(), validate_choice=False)
    only = SelectMultipleField("Show only", widget=GovCheckboxes(), validate_choice=False)

    def load_choices(self, themes: list[tuple[int, str]], safeguarding_officer: bool) -> None:
        self.channel.choices = [SelectChoice("", "Any way")] + [
            SelectChoice(str(code), label) for code, label in stages.CHANNEL_LABELS.items()
        ]
        self.theme.choices = [SelectChoice("", "Any theme")] + [
            SelectChoice(str(theme_id), label) for theme_id, label in themes
        ]
        only = [SelectChoice(OVERDUE, "Overdue stories")]
        if safeguarding_officer:
            only.append(SelectChoice(SAFEGUARDING, "Stories that need safeguarding"))
        self.only.choices = only

    def filters(self) -> Filters:
        def chosen(field: SelectField) -> str:
            values = {choice.value for choice in field.choices}
            return field.data if field.data in values else ""

        theme = chosen(self.theme)
        only = set(self.only.data or []) & {choice.value for choice in self.only.choices}
        return Filters(
            status=chosen(self.status),
            assigned=chosen(self.assigned),
            overdue=OVERDUE in only,
            safeguarding_only=SAFEGUARDING in only,
            channel=chosen(self.channel),
            theme_id=int(theme) if theme else None,
        )


class AssignForm(BaseForm):
    assignee = SelectField("Assign the story to", widget=GovSelect(), validate_choice=False)
    submit = SubmitField("Assign", widget=GovSubmitInput())

    def load_choices(self, people: list[tuple[int, str]]) -> None:
        self.assignee.choices = [SelectChoice("", "Nobody")] + [
            SelectChoice(str(user_id), name) for user_id, name in people
        ]

    def validate_assignee(self, field: SelectField) -> None:
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError("Choose someone from the list")

    def assignee_id(self) -> int | None:
        return int(self.assignee.data) if self.assignee.data else None


class MoveForm(BaseForm):
    status = RadioField(
        "Move the story to",
        widget=GovRadios(),
        validators=[InputRequired(message="Choose where to move the story")],
        validate_choice=False,
    )
    submit = SubmitField("Move the story", widget=GovSubmitInput())

    def load_choices(self, current: str) -> None:
        allowed = stages.TRANSITIONS[stages.StoryStatus(current)]
        self.status.choices = [
            SelectChoice(str(code), label)
            for code, label in stages.STATUS_LABELS.items()
            if code in allowed
        ]

    def validate_status(self, field: RadioField) -> None:
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError("Choose where to move the story from the list")


class ReplyForm(BaseForm):
    text = text_area(
        "Your reply",
        required="Enter your reply",
        max_length=MAX_REPLY,
        hint="It is emailed to the person as you write it, and kept with the story.",
    )
    submit = SubmitField("Send the reply", widget=GovSubmitInput())


class ThemesForm(BaseForm):
    themes = SelectMultipleField(
        "Themes",
        widget=GovCheckboxes(),
        coerce=int,
        invalid_choice_message="Choose themes from the list",
        invalid_value_message="Choose themes from the list",
    )
    submit = SubmitField("Save the themes", widget=GovSubmitInput())

    def load_choices(self, themes: list[tuple[int, str]]) -> None:
        self.themes.choices = [SelectChoice(theme_id, label) for theme_id, label in themes]

    def validate_themes(self, field: Any) -> None:
        known = {choice.value for choice in field.choices}
        if any(value not in known for value in field.data or []):
            raise ValidationError("A theme you ticked is no longer in the list: tick them again")


class PrioritiesForm(BaseForm):
    priorities = PriorityTagsField()
    submit = SubmitField("Save the priorities", widget=GovSubmitInput())


class ChangeForm(BaseForm):
    change = RadioField(
        "What changed because of this story",
        widget=GovRadios(),
        choices=[SelectChoice(str(code), label) for code, label in stages.CHANGE_LABELS.items()],
        validators=[InputRequired(message="Choose what changed")],
    )
    description = text_area(
        "What was or will be changed, or why nothing will",
        max_length=MAX_CHANGE,
        name="The description",
        hint="Needed for \u201cChange made\u201d and \u201cNo change\u201d.",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def validate(self, extra_validators: Any = None) -> bool:
        """The description's rule is checked here: an optional field skips its own checks
        when it is blank, which is when the rule matters."""
        valid = super().validate(extra_validators=extra_validators)
        if self.change.data in {choice.value for choice in self.change.choices}:
            try:
                stages.check_change_marker(
                    stages.ChangeMarker(self.change.data), self.description.data or ""
                )
            except stages.StoryRefused as refused:
                self.description.errors = [*self.description.errors, str(refused)]
                valid = False
        return valid


class FlagForm(BaseForm):
    reason = text_area(
        "Why does this story need safeguarding?",
        required="Say why this story needs safeguarding",
        max_length=MAX_REASON,
        name="The reason",
        hint="The safeguarding officers are emailed at once with this reason.",
    )
    submit = SubmitField("Flag for safeguarding", widget=GovSubmitInput())


class ConfirmForm(BaseForm):
    """A button with its CSRF token."""


class PhraseForm(BaseForm):
    phrase = text_field(
        "Word or phrase",
        required="Enter a word or phrase",
        max_length=MAX_PHRASE,
        name="The word or phrase",
        render_kw={"spellcheck": "false"},
    )
    submit = SubmitField("Add to the list", widget=GovSubmitInput())


class ThemeForm(theme_forms.ThemeForm):
    example = "Access to buildings"
    coded = "stories"


class ChangeThemeForm(ThemeForm, theme_forms.ChangeThemeForm):
    pass
