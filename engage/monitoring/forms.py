"""The equality monitoring form section: one optional radio question per monitoring question,
plus the "any other" write-ins, all built from ``engage.monitoring.questions``.

Render it with the ``monitoring_questions`` macro in ``templates/monitoring/_questions.html``,
which calls ``radios_params`` and ``grouped_radios_params`` below for the GOV.UK macros (the
field widgets alone cannot show the ethnic group headings or the "or" divider)."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import RadioField, SelectChoice, StringField
from wtforms.validators import Length, Optional

from engage.core.forms import BaseForm, GovRadios, strip_whitespace
from engage.monitoring.questions import (
    PREFER_NOT_TO_SAY,
    PREFER_NOT_TO_SAY_LABEL,
    QUESTIONS,
    SECTIONS,
    WRITE_IN_MAX_LENGTH,
    Option,
    Question,
)


def _radio_field(question: Question) -> RadioField:
    choices = [SelectChoice(option.code, option.label) for option in question.options]
    choices.append(SelectChoice(PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL))
    return RadioField(
        question.text,
        widget=GovRadios(),
        choices=choices,
        validators=[Optional()],
        validate_choice=True,
        # An error message, not SQL (ruff's S608 reads "select ... from" as a query).
        invalid_choice_message=f"Select your {question.short_name} from the list, or leave "  # noqa: S608
        "the question blank",
        description=question.hint,
    )


def _write_in_field(option: Option) -> StringField:
    label = option.write_in_label or option.label
    return StringField(
        label,
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(
                max=WRITE_IN_MAX_LENGTH,
                message=f"{label} must be {WRITE_IN_MAX_LENGTH} characters or fewer",
            ),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )


class MonitoringForm(BaseForm):
    """Every question optional; blank means "not answered", distinct from "Prefer not to say".

    To put the section inside another form on the same page, create it with that form's
    request and ``meta={"csrf": False}`` (the page's own form carries the CSRF token), and
    a ``prefix`` if field names could clash."""

    @classmethod
    def from_response(cls, response: Any, **kwargs: Any) -> MonitoringForm:
        """A form filled in with a saved ``MonitoringResponse`` (or empty for ``None``)."""
        if response is None:
            return cls(**kwargs)
        data: dict[str, Any] = {}
        for question in QUESTIONS.values():
            code = getattr(response, question.key)
            data[question.key] = code
            option = question.option(code) if code else None
            if option and option.write_in and question.write_in_column:
                data[option.write_in] = getattr(response, question.write_in_column)
        return cls(data=data, **kwargs)

    def validate(self, extra_validators: Any = None) -> bool:
        super().validate(extra_validators=extra_validators)
        # A write-in only counts with its option chosen; otherwise it is hidden and ignored
        # (to_answers drops it), so it must not block the form with an error nobody can see.
        for question in QUESTIONS.values():
            chosen = self[question.key].data
            for option in question.options:
                if option.write_in and option.code != chosen:
                    self[option.write_in].errors = []
        # Decide again from the errors left (CSRF errors included: the token is a field).
        return not self.form_errors and not any(field.errors for field in self)

    def to_answers(self) -> dict[str, str | None]:
        """The answers to save: question key -> code or None, plus the write-in columns."""
        answers: dict[str, str | None] = {}
        for question in QUESTIONS.values():
            code = self[question.key].data or None
            answers[question.key] = code
            if question.write_in_column:
                option = question.option(code) if code else None
                text = self[option.write_in].data if option and option.write_in else None
                answers[question.write_in_column] = text or None
        return answers

    # --- rendering helpers for templates/monitoring/_questions.html ---------------------

    def sections(self) -> list[dict[str, Any]]:
        return [{"title": title, "keys": keys} for title, keys in SECTIONS]

    def _items(self, question: Question, options: tuple[Option, ...], start: int) -> list[dict]:
        field = self[question.key]
        items = []
        for number, option in enumerate(options, start=start):
            item: dict[str, Any] = {
                "value": option.code,
                "text": option.label,
                # The first radio takes the field's id so the error summary can link to it.
                "id": field.id if number == 1 else f"{field.id}-{number}",
                "checked": field.data == option.code,
            }
            if option.hint:
                item["hint"] = {"text": option.hint}
            items.append(item)
        return items

    def write_ins(self, options: tuple[Option, ...]) -> list[Any]:
        """The write-in boxes for these options, shown after the radios. Not GOV.UK
        conditional reveals: those put aria-expanded on radios, which is invalid ARIA and
        fails axe (alphagov/govuk-frontend#979), and we allow no axe failures."""
        boxes = []
        for option in options:
            if option.write_in:
                field = self[option.write_in]
                text = field.label.text
                label = f"If you chose “{option.label}”, {text[0].lower()}{text[1:]} (optional)"
                boxes.append({"field": field, "label": label})
        return boxes

    def _prefer_not_to_say(self, question: Question, number: int) -> list[dict[str, Any]]:
        field = self[question.key]
        return [
            {"divider": "or"},
            {
                "value": PREFER_NOT_TO_SAY,
                "text": PREFER_NOT_TO_SAY_LABEL,
                "id": f"{field.id}-{number}",
                "checked": field.data == PREFER_NOT_TO_SAY,
            },
        ]

    def _legend(self, question: Question) -> dict[str, str]:
        return {"text": f"{question.text} (optional)", "classes": "govuk-fieldset__legend--s"}

    def radios_params(self, key: str) -> dict[str, Any]:
        """Parameters for ``govukRadios`` (core.radios.radios_html) for one question without
        headings. Its write-in boxes: ``write_ins_of(key)``."""
        question = QUESTIONS[key]
        field = self[key]
        items = self._items(question, question.options, 1)
        items += self._prefer_not_to_say(question, len(question.options) + 1)
        params: dict[str, Any] = {
            "name": field.name,
            "idPrefix": field.id,
            "fieldset": {"legend": self._legend(question)},
            "items": items,
        }
        if question.hint:
            params["hint"] = {"text": question.hint}
        if field.errors:
            params["errorMessage"] = {"text": field.errors[0]}
        return params

    def write_ins_of(self, key: str) -> list[Any]:
        """The write-in boxes of a question without headings."""
        return self.write_ins(QUESTIONS[key].options)

    def grouped_radios_params(self, key: str) -> dict[str, Any]:
        """Parameters for a question whose options sit under headings (ethnic group): one
        outer fieldset for the question, and one ``govukRadios`` per heading ("radios"), each
        with the heading as its legend and its write-in boxes after it ("write_ins"), all
        sharing the field's name so only one can be chosen."""
        question = QUESTIONS[key]
        field = self[key]
        hint_id = f"{field.id}-hint"
        error_id = f"{field.id}-error"
        groups = []
        number = 1
        for group in question.groups:
            radios = {
                "name": field.name,
                "idPrefix": f"{field.id}-{group.code}",
                "fieldset": {
                    "legend": {"text": group.heading, "classes": "govuk-fieldset__legend--s"}
                },
                "formGroup": {"classes": "govuk-!-margin-bottom-4"},
                "items": self._items(question, group.options, number),
            }
            groups.append({"radios": radios, "write_ins": self.write_ins(group.options)})
            number += len(group.options)
        prefer = {
            "name": field.name,
            "idPrefix": f"{field.id}-prefer",
            "formGroup": {"classes": "govuk-!-margin-bottom-0"},
            "items": self._prefer_not_to_say(question, number),
        }
        groups.append({"radios": prefer, "write_ins": []})
        described_by = hint_id + (f" {error_id}" if field.errors else "")
        return {
            "legend": self._legend(question),
            "describedBy": described_by,
            "hint": {"id": hint_id, "text": question.hint or ""},
            "errorMessage": ({"id": error_id, "text": field.errors[0]} if field.errors else None),
            "groups": groups,
        }


for _question in QUESTIONS.values():
    setattr(MonitoringForm, _question.key, _radio_field(_question))
    for _option in _question.options:
        if _option.write_in:
            setattr(MonitoringForm, _option.write_in, _write_in_field(_option))
del _question, _option
