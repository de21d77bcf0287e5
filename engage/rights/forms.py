"""The form both data rights use for someone without an account: the reference of their
record and the email address they gave with it."""

from __future__ import annotations

from engage.core.forms import BaseForm, email_field, text_field


class ReferenceForm(BaseForm):
    reference = text_field(
        "Your reference",
        required="Enter your reference",
        max_length=20,
        hint=(
            "It is in the email we sent you. A lived-experience story's starts LE-, like "
            "LE-4K7Q2M; a panel application's starts EP-, like EP-7K3F-9Q2M."
        ),
    )
    email = email_field("The email address you gave us")
