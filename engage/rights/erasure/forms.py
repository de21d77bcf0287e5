"""Forms of erasure requests: asking (a button: the page says what will happen), and staff
carrying a request out or refusing it with a reason the person is told."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from engage.core.forms import BaseForm, text_area
from engage.rights import forms
from engage.rights.erasure.stages import MAX_REASON


class AskForm(BaseForm):
    submit = SubmitField("Ask us to delete your data", widget=GovSubmitInput())


class CarryOutForm(BaseForm):
    submit = SubmitField("Carry out the erasure", widget=GovSubmitInput())


class RefuseForm(BaseForm):
    reason = text_area(
        "Why is the request refused?",
        required="Say why the request is refused",
        max_length=MAX_REASON,
        name="The reason",
        hint="The person is emailed this reason, with how to complain to the Information "
        "Commissioner's Office. Write it for them.",
    )
    submit = SubmitField("Refuse the request", widget=GovSubmitInput())


class ReferenceForm(forms.ReferenceForm):
    submit = SubmitField("Send me a link", widget=GovSubmitInput())
