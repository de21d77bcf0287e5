"""The forms of importing an Open Referral UK file: the upload, and "Import these"."""

from __future__ import annotations

from typing import Any

from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput
from wtforms import HiddenField, SubmitField
from wtforms.validators import ValidationError

from engage.core.forms import BaseForm
from engage.directory.importing.mapping import MAX_IMPORT_BYTES, FeedRefused, parse_feed


class ImportUploadForm(BaseForm):
    file = FileField(
        "Upload an Open Referral UK file",
        widget=GovFileInput(),
        description="A .json file smaller than 5MB: a page of organizations or services from "
        "an Open Referral UK feed, one organization or service, or a list of organizations.",
        validators=[FileRequired(message="Select a file")],
        render_kw={"accept": ".json,application/json"},
    )
    submit = SubmitField("Preview the import", widget=GovSubmitInput())

    parsed: dict[str, Any]
    filename: str = ""

    def validate_file(self, field: Any) -> None:
        """A .json file within the size limit that reads as Open Referral UK: its
        organisations are kept in ``parsed``."""
        self.filename = field.data.filename or ""
        if not self.filename.lower().endswith(".json"):
            raise ValidationError("The selected file must be a JSON file (.json)")
        # Read one byte past the limit, never the whole of an oversized upload.
        content = field.data.read(MAX_IMPORT_BYTES + 1)
        if not content:
            raise ValidationError("The selected file is empty")
        if len(content) > MAX_IMPORT_BYTES:
            raise ValidationError("The selected file must be smaller than 5MB")
        try:
            self.parsed = parse_feed(content)
        except FeedRefused as refused:
            raise ValidationError(str(refused)) from None


class ImportConfirmForm(BaseForm):
    # What the officer saw (plan.Plan.fingerprint), to import only that.
    fingerprint = HiddenField()
    submit = SubmitField("Import these", widget=GovSubmitInput())
