"""The base form every feature's forms inherit from, and the fields they share.

``BaseForm`` refuses text containing invisible control characters or Unicode noncharacters
with a message the person can act on, and shows the text back without them. PostgreSQL
cannot store NUL, HTML cannot show the others, and no one types them on purpose.

A new feature's form builds its text boxes with ``text_field`` and ``text_area`` (trimmed,
required or optional, with a length limit and GOV.UK's wording for each error), its email
boxes with ``email_field``, and its dates with ``DateInputField``:

    class CommentForm(BaseForm):
        title = text_field("Title", required="Enter a title", max_length=200)
        comment = text_area("Your comment", max_length=5000, hint="Up to 5,000 characters")
        email = email_field()
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask import current_app
from flask_wtf import FlaskForm
from govuk_frontend_wtf.gov_form_base import GovFormBase
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovDateInput,
    GovRadioInput,
    GovTextArea,
    GovTextInput,
)
from markupsafe import Markup
from wtforms import DateField, EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

# Choice and date widgets: the GOV.UK macros cost ~0.1 ms an option, and the same filter or
# chooser is drawn the same way on every view. Their values are codes and short date parts.
_REMEMBERED_WIDGETS = frozenset(
    f"govuk_frontend_wtf/{name}.html" for name in ("select", "radios", "checkboxes", "date")
)
_REMEMBERED_MOST = 256
# Empty text boxes too: a list page's filter boxes cost about 0.2 ms each through the macro.
# A box holding what someone typed is drawn afresh, so no one's words are kept.
_REMEMBERED_TEXT_BOX = "govuk_frontend_wtf/input.html"


def _render_widget(widget: GovFormBase, params: dict[str, Any]) -> Markup:
    """govuk-frontend-wtf renders every field with ``flask.render_template``, which runs each
    context processor and template signal again for each field: on a page of a few dozen
    fields that was up to half the page's time. The widget templates use only ``params``,
    so render them straight from the environment (the same HTML; tests/core/test_forms.py),
    and remember the last few choice and date widgets and empty text boxes drawn (the HTML is
    a function of params)."""
    environment = current_app.jinja_env
    template = widget.template
    empty_box = template == _REMEMBERED_TEXT_BOX and not params.get("value")
    if template not in _REMEMBERED_WIDGETS and not empty_box:
        return Markup(environment.get_template(template).render(params=params))  # noqa: S704
    # repr tells markup from text (Markup('<b>') against '<b>') and 1 from "1"; params are
    # built in the same order each time, so the same field gives the same key.
    key = (template, repr(params))
    remembered = vars(environment).setdefault("engage_remembered_widgets", {})  # one per app
    html = remembered.get(key)
    if html is None:
        html = Markup(environment.get_template(template).render(params=params))  # noqa: S704
        if len(remembered) >= _REMEMBERED_MOST:
            remembered.clear()  # simpler than LRU, and safe without a lock
        remembered[key] = html
    return html


GovFormBase.render = _render_widget  # type: ignore[method-assign]

# C0 controls except tab, line feed and carriage return; DEL and the C1 controls; and the
# Unicode noncharacters.
_UNSHOWABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
    )
    + "]"
)
CONTROL_CHARACTER_MESSAGE = (
    "{label} contained hidden control characters that we cannot store. We have removed "
    "them: check the text and send it again"
)


def has_unshowable_characters(text: str) -> bool:
    return bool(_UNSHOWABLE.search(text))


def remove_unshowable_characters(text: str) -> str:
    return _UNSHOWABLE.sub("", text)


class BaseForm(FlaskForm):
    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators=extra_validators)
        for field in self:
            is_text = isinstance(field, StringField | TextAreaField)
            if is_text and isinstance(field.data, str) and has_unshowable_characters(field.data):
                field.data = remove_unshowable_characters(field.data)
                field.errors = [CONTROL_CHARACTER_MESSAGE.format(label=field.label.text)]
                valid = False
        return valid


def _keep_legend(params: dict[str, Any], field: Any) -> dict[str, Any]:
    """govuk-frontend-wtf uses the label as the legend only when the template passes no
    ``fieldset``; a template that styles the legend (``{"legend": {"classes": ...}}``) would
    otherwise drop its words and leave the group with no question. Keep them."""
    fieldset = params.get("fieldset")
    if fieldset is not None:
        legend = fieldset.setdefault("legend", {})
        if not legend.get("text") and not legend.get("html"):
            legend["text"] = field.label.text
    return params


class GovRadios(GovRadioInput):
    """GOV.UK radios whose legend is always the field's label unless a template says other."""

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        return _keep_legend(super().map_gov_params(field, **kwargs), field)


class GovCheckboxes(GovCheckboxesInput):
    """GOV.UK checkboxes whose legend is always the field's label unless a template says
    other."""

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        return _keep_legend(super().map_gov_params(field, **kwargs), field)


class GovDateParts(GovDateInput):
    """GOV.UK date input whose first box carries the field's id (so the error summary link
    lands on it) and which copes with any number of submitted parts."""

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        raw = field.raw_data
        field.raw_data = list(raw) if raw and len(raw) == 3 else None
        try:
            params = super().map_gov_params(field, **kwargs)
        finally:
            field.raw_data = raw
        shown = [*(raw or []), "", "", ""] if raw and len(raw) != 3 else None
        for index, item in enumerate(params["items"]):
            value = shown[index] if shown else item.get("value")
            # What cannot be shown in HTML is dropped; BaseForm has said so in the error.
            item["value"] = remove_unshowable_characters(value) if value else value
        params["items"][0]["id"] = field.id
        params["id"] = f"{field.id}-date-input"  # the wrapper; the first box has field.id
        return _keep_legend(params, field)


class DateInputField(DateField):
    """A date typed as day, month and year, with GOV.UK's error messages."""

    widget = GovDateParts()

    def __init__(self, label: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%d %m %Y")
        super().__init__(label, **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not any(part.strip() for part in valuelist):
            self.data = None
            # Spaces are no date: without this InputRequired saw text and let a blank through.
            self.raw_data = []
            return
        if len(valuelist) != 3 or not all(
            p.strip().isascii() and p.strip().isdigit() for p in valuelist
        ):
            self.data = None
            raise ValueError(f"{self.label.text} must be a real date, like 27 3 2027")
        day, month, year = (int(part) for part in valuelist)
        try:
            self.data = date(year, month, day)
        except ValueError as error:
            self.data = None
            raise ValueError(f"{self.label.text} must be a real date, like 27 3 2027") from error


# Text and email fields -------------------------------------------------------------------------


def strip_whitespace(value: str | None) -> str | None:
    """A field filter: spaces and line breaks around what was typed are dropped."""
    return value.strip() if isinstance(value, str) else value


def _too_long(name: str, max_length: int) -> Length:
    return Length(max=max_length, message=f"{name} must be {max_length:,} characters or fewer")


def text_field(
    label: str,
    *,
    max_length: int,
    required: str | None = None,
    hint: str = "",
    name: str | None = None,
    area: bool = False,
    **kwargs: Any,
) -> Any:
    """A trimmed text box (a textarea with ``area``), refused over ``max_length`` characters.

    ``required``: the message when nothing but spaces was typed; None makes it optional.
    ``name``: what the length message calls the field, when the label is a question (default:
    the label). Other keyword arguments (``render_kw``, ``default``) go to the field."""
    validators: list[Any] = [DataRequired(message=required)] if required else [Optional()]
    validators.append(_too_long(name or label, max_length))
    field_class = TextAreaField if area else StringField
    return field_class(
        label,
        widget=GovTextArea() if area else GovTextInput(),
        description=hint,
        filters=[strip_whitespace],
        validators=validators,
        **kwargs,
    )


def text_area(label: str, **kwargs: Any) -> TextAreaField:
    """``text_field`` as a textarea: the same arguments."""
    return text_field(label, area=True, **kwargs)


EMAIL_REQUIRED = "Enter your email address"
EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
EMAIL_MAX_LENGTH = 320  # RFC 5321's limit on an address


def email_field(label: str = "Email address", required: str = EMAIL_REQUIRED) -> EmailField:
    """An email address box: trimmed, checked for its form (not by asking a mail server),
    with the autocomplete that lets phones fill it in."""
    return EmailField(
        label,
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message=required),
            _too_long("Email address", EMAIL_MAX_LENGTH),
            Email(message=EMAIL_FORMAT, check_deliverability=False),
        ],
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )
