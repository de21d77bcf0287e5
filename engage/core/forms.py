"""The base form every feature's forms inherit from.

It refuses text containing NUL or other invisible control characters with a message the
person can act on. PostgreSQL cannot store NUL bytes, and no one types them on purpose."""

from __future__ import annotations

import re
from typing import Any

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import ValidationError

# C0 controls except tab, line feed and carriage return, plus DEL.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_CHARACTER_MESSAGE = (
    "{label} contains a hidden control character that we cannot store. "
    "Delete it, or type the text again rather than pasting it."
)


class BaseForm(FlaskForm):
    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators=extra_validators)
        for field in self:
            is_text = isinstance(field, StringField | TextAreaField)
            if is_text and isinstance(field.data, str) and _CONTROL_CHARACTERS.search(field.data):
                field.errors = [
                    CONTROL_CHARACTER_MESSAGE.format(label=field.label.text),
                    *[e for e in field.errors if e],
                ]
                valid = False
        return valid


def no_control_characters(form: Any, field: Any) -> None:
    """Validator form of the same rule, for forms that do not inherit BaseForm."""
    if isinstance(field.data, str) and _CONTROL_CHARACTERS.search(field.data):
        raise ValidationError(CONTROL_CHARACTER_MESSAGE.format(label=field.label.text))
