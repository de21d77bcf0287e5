"""The forms and the save step for a codeframe's themes (engage/core/themes.py), shared by
every feature that codes things to themes (consultation answers, lived-experience stories).
A feature says what its officers code and gives an example theme; the rest is the same."""

from __future__ import annotations

from typing import Any

from flask import flash
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import HiddenField, IntegerField, SubmitField
from wtforms.validators import NumberRange, Optional

from engage.core import themes
from engage.core.db import db
from engage.core.forms import BaseForm, remove_unshowable_characters, text_area, text_field
from engage.core.theme_models import MAX_DESCRIPTION, MAX_LABEL, MAX_THEMES


class ThemeForm(BaseForm):
    """A theme's name and what it covers. Subclasses set ``example`` (a theme of theirs) and
    ``coded`` (what officers code, such as "answers") for the hints."""

    example = "Cost of fares"
    coded = "answers"

    label = text_field("Theme", required="Enter the theme's name", max_length=MAX_LABEL)
    description = text_area(
        "What it covers (optional)", max_length=MAX_DESCRIPTION, name="What it covers"
    )
    submit = SubmitField("Save the theme", widget=GovSubmitInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label.description = f"A few words, such as \u201c{self.example}\u201d"
        self.description.description = (
            f"So that everyone coding {self.coded} uses the theme the same way"
        )

    @classmethod
    def for_theme(cls, theme: themes.Theme, filled: bool) -> ThemeForm:
        """The form to change ``theme``: filled from it on GET, from what was posted else."""
        data = {"label": theme.label, "description": theme.description}
        return cls(data=data if filled else None)


class PositionField(IntegerField):
    """A position typed in a text box, with a message in plain English when it is not a whole
    number; blank keeps the theme where it is."""

    widget = GovTextInput()

    def process_formdata(self, valuelist: list[str]) -> None:
        text = valuelist[0].strip() if valuelist else ""
        if not text:
            self.data = None
            return
        if not (text.isascii() and text.isdigit()) or len(text) > 6:
            self.data = None
            raise ValueError("Enter the position as a whole number, like 2")
        self.data = int(text)

    def _value(self) -> str:
        return remove_unshowable_characters(super()._value())


class ChangeThemeForm(ThemeForm):
    position = PositionField(
        "Position in the list (optional)",
        description="1 puts it first. Leave it blank to keep its place.",
        validators=[Optional(), NumberRange(min=1, max=MAX_THEMES,
                                            message="Enter a position from 1 to %(max)s")],
        render_kw={"inputmode": "numeric", "spellcheck": "false"},
    )  # fmt: skip


class DeleteThemeForm(BaseForm):
    # The number of coded items the person was shown: deleting refuses if it has changed.
    confirmed_count = HiddenField()
    submit = SubmitField("Delete the theme", widget=GovSubmitInput())

    def count(self) -> int:
        try:
            return int(self.confirmed_count.data or 0)
        except ValueError:
            return -1


def add_theme_from(form: ThemeForm, frame: themes.Codeframe) -> themes.Theme | None:
    """Adds the theme the form describes and commits, or puts the reason it cannot on the
    name's errors and returns None."""
    try:
        theme = themes.add_theme(frame, form.label.data, form.description.data or "")
    except themes.ThemesRefused as refused:
        db.session.rollback()
        form.label.errors.append(str(refused))
        return None
    db.session.commit()
    flash(f"The theme \u201c{theme.label}\u201d is added.", "success")
    return theme


def change_theme_from(form: ChangeThemeForm, frame: themes.Codeframe, theme: themes.Theme) -> bool:
    """Saves the form's changes to ``theme`` and commits; False (with the reason on the
    name's errors) when they cannot be made."""
    try:
        themes.change_theme(frame, theme, form.label.data, form.description.data or "",
                            form.position.data)  # fmt: skip
    except themes.ThemesRefused as refused:
        db.session.rollback()
        form.label.errors.append(str(refused))
        return False
    db.session.commit()
    flash(f"The theme \u201c{theme.label}\u201d is saved.", "success")
    return True
