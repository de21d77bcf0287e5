"""Forms officers use for draft policies."""

from __future__ import annotations

from typing import Any

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput
from wtforms import RadioField, SelectChoice, SelectMultipleField, SubmitField
from wtforms.validators import InputRequired, ValidationError

from engage.core.dates import uk_today
from engage.core.filenames import clean_filename
from engage.core.forms import (
    BaseForm,
    DateInputField,
    GovCheckboxes,
    GovRadios,
    text_area,
    text_field,
)
from engage.core.uploads import DocumentUpload, document_file_field
from engage.policies.document_text import (
    MAX_DOCX_BYTES,
    Block,
    DocumentRefused,
    blocks_from_docx,
    blocks_from_text,
)
from engage.policies.stages import (
    FORMAT_KINDS,
    IMPACT_LABELS,
    MAX_COMMENT_CHARACTERS,
    MAX_PASTED_CHARACTERS,
    OUTCOME_LABELS,
    REASON_NEEDED,
    Impact,
)
from engage.strategy.api import PriorityTagsField


class PolicyForm(BaseForm):
    title = text_field("Title", required="Enter the policy's title", max_length=200)
    summary = text_area(
        "Summary",
        required="Enter a summary of the policy",
        max_length=5000,
        hint="What the policy is for and who it affects, in plain English.",
    )
    owner = text_field(
        "Who owns the policy",
        required="Enter who owns the policy",
        max_length=200,
        name="Who owns the policy",
        hint="The team or post responsible for it. For example, Transport Policy Team",
    )
    priorities = PriorityTagsField()
    submit = SubmitField("Save policy", widget=GovSubmitInput())

    def load_choices(self, keep: list[Any]) -> None:
        self.priorities.load_choices(keep=keep)


class VersionForm(BaseForm):
    text = text_area(
        "Paste the text",
        max_length=MAX_PASTED_CHARACTERS,
        name="The pasted text",
        hint="Each line becomes a paragraph. Start a heading's line with # (or ## for a "
        "heading within a section), for example: # Who this policy is for",
        render_kw={"spellcheck": "false"},
    )
    file = FileField(
        "Or upload a Word document",
        widget=GovFileInput(),
        description="A .docx file, smaller than 10MB. Its headings are kept.",
    )
    change_note = text_area(
        "What has changed in this version",
        max_length=5000,
        hint="Optional for the first version. For example, Section 3 rewritten after the "
        "Disabled People Panel's comments",
    )
    submit = SubmitField("Save version", widget=GovSubmitInput())

    blocks: list[Block]
    filename: str = ""

    def validate(self, extra_validators: Any = None) -> bool:
        """Each field's own checks, then: the text or a document, not both, split into
        paragraphs (the text box is optional on its own, so this is checked here)."""
        if not super().validate(extra_validators=extra_validators):
            return False
        uploaded = self._uploaded()
        if self.text.data and uploaded:
            self.text.errors = ["Paste the text or upload a document, not both"]
            return False
        if not self.text.data and not uploaded:
            self.text.errors = ["Paste the text of the policy or upload a Word document"]
            return False
        if self.text.data:
            try:
                self.blocks = blocks_from_text(self.text.data)
            except DocumentRefused as refused:
                self.text.errors = [str(refused)]
                return False
        return True

    def validate_file(self, field: FileField) -> None:
        if not self._uploaded() or self.text.data:
            return
        name = field.data.filename or ""
        if not name.lower().endswith(".docx"):
            raise ValidationError(
                "The file must be a Word document (.docx). Save it as .docx, or paste the text"
            )
        # Read one byte past the limit, never the whole of an oversized upload.
        content = field.data.read(MAX_DOCX_BYTES + 1)
        if len(content) > MAX_DOCX_BYTES:
            raise ValidationError("The file must be smaller than 10MB")
        try:
            self.blocks = blocks_from_docx(content)
        except DocumentRefused as refused:
            raise ValidationError(str(refused)) from refused
        self.filename = clean_filename(name)

    def _uploaded(self) -> bool:
        data = self.file.data
        return bool(data and getattr(data, "filename", ""))


class OpenForm(BaseForm):
    panels = SelectMultipleField(
        "Which panels is it open to?",
        widget=GovCheckboxes(),
        coerce=int,
        description="Current members of these panels can read this version and comment on it.",
        validators=[InputRequired(message="Select at least one panel")],
        invalid_choice_message="Select panels from the list",
        invalid_value_message="Select panels from the list",
        validate_choice=True,
    )
    closes_on = DateInputField(
        "Closing date",
        description="Comments close at 11:59pm on this day. For example, 30 1 2027",
        validators=[InputRequired(message="Enter the closing date")],
    )
    submit = SubmitField("Open for comments", widget=GovSubmitInput())

    def load_choices(self, panels: list[Any]) -> None:
        self.panels.choices = [SelectChoice(panel.id, panel.name) for panel in panels]

    def validate_closes_on(self, field: DateInputField) -> None:
        if field.data and field.data <= uk_today():
            raise ValidationError("The closing date must be in the future")


class AnswerForm(BaseForm):
    outcome = RadioField(
        "Outcome",
        widget=GovRadios(),
        choices=[SelectChoice(value, label) for value, label in OUTCOME_LABELS.items()],
        validators=[InputRequired(message="Choose the outcome")],
        invalid_choice_message="Choose the outcome from the list",
    )
    response = text_area(
        "Your response",
        max_length=MAX_COMMENT_CHARACTERS,
        name="Your response",
        hint="The member reads this. Give the reason when it is partly accepted or not accepted.",
    )
    submit = SubmitField("Save the answer", widget=GovSubmitInput())

    def validate(self, extra_validators: Any = None) -> bool:
        """The reason is needed for some outcomes only (the box is optional on its own)."""
        if not super().validate(extra_validators=extra_validators):
            return False
        if self.outcome.data in REASON_NEEDED and not self.response.data:
            self.response.errors = ["Give the reason, which the member reads"]
            return False
        return True


class SummaryForm(BaseForm):
    text = text_area(
        "Summary for the public",
        max_length=10_000,
        name="The summary",
        hint="What the panels told you and what you changed, in plain English. Do not name "
        "anyone or quote a comment. Leave it empty to take a published summary down.",
    )
    submit = SubmitField("Save and publish", widget=GovSubmitInput())


class FormatForm(DocumentUpload, BaseForm):
    kind = RadioField(
        "Which format is it?",
        widget=GovRadios(),
        choices=[SelectChoice(value, label) for value, label in FORMAT_KINDS.items()],
        validators=[InputRequired(message="Select which format it is")],
        invalid_choice_message="Select which format it is from the list",
    )
    file = document_file_field("Upload the file")
    submit = SubmitField("Upload", widget=GovSubmitInput())


MAX_ASSESSMENT_CHARACTERS = 20_000
MITIGATION_NEEDED = "Say what will be done to remove or reduce the negative impact"


class ImpactSectionForm(BaseForm):
    impact = RadioField(
        "What is the likely impact on these people?",
        widget=GovRadios(),
        # Each choice's hint is in the template (WTForms' choices carry no hint).
        choices=[SelectChoice(value, label) for value, label in IMPACT_LABELS.items()],
        validators=[InputRequired(message="Choose the likely impact")],
        invalid_choice_message="Choose the likely impact from the list",
    )
    evidence = text_area(
        "Evidence",
        required="Enter the evidence for the likely impact",
        max_length=MAX_ASSESSMENT_CHARACTERS,
        hint="What you know and where it comes from: data, research, consultation, what "
        "panels and residents have told you. Where evidence is missing, say so.",
    )
    mitigation = text_area(
        "What will be done about it",
        max_length=MAX_ASSESSMENT_CHARACTERS,
        hint="How a negative impact will be removed or reduced, or how an unknown one will be "
        "found out. Needed when the impact is negative.",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def validate(self, extra_validators: Any = None) -> bool:
        if not super().validate(extra_validators=extra_validators):
            return False
        if self.impact.data == Impact.NEGATIVE and not self.mitigation.data:
            self.mitigation.errors = [MITIGATION_NEEDED]
            return False
        return True


class ConclusionForm(BaseForm):
    text = text_area(
        "Conclusion",
        required="Enter the conclusion",
        max_length=MAX_ASSESSMENT_CHARACTERS,
        name="The conclusion",
        hint="Overall, what the assessment found and what will happen next: go ahead, go ahead "
        "with the changes described, or stop and think again.",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())
