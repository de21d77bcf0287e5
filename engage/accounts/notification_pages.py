"""The "Email preferences" page of "Your account": a checkbox for each optional kind of email
(engage/accounts/notifications.py), ticked when the person gets it."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from werkzeug.wrappers import Response
from wtforms import SelectChoice, SelectMultipleField, SubmitField

from engage.accounts import notifications
from engage.accounts.pages import bp
from engage.core.access import SIGNED_IN, access
from engage.core.db import db
from engage.core.forms import BaseForm, GovCheckboxes


class EmailPreferencesForm(BaseForm):
    wanted = SelectMultipleField(
        "Which of these emails do you want?",
        widget=GovCheckboxes(),
        description="Untick any you do not want. Select all that apply.",
        choices=[
            SelectChoice(kind, label) for kind, (label, _) in notifications.OPTIONAL_EMAILS.items()
        ],
        invalid_choice_message="Choose from the list",
        invalid_value_message="Choose from the list",
        validate_choice=True,
    )
    submit = SubmitField("Save email preferences", widget=GovSubmitInput())


def _hints() -> list[dict[str, Any]]:
    return [{"hint": {"text": hint}} for _, hint in notifications.OPTIONAL_EMAILS.values()]


@bp.route("/account/emails", methods=["GET", "POST"])
@access(SIGNED_IN)
def email_preferences() -> str | Response:
    # Prefilled only on GET: a POST with every box unticked sends no value at all.
    if request.method == "POST":
        form = EmailPreferencesForm()
    else:
        form = EmailPreferencesForm(data={"wanted": notifications.wanted_kinds(current_user)})
    if form.validate_on_submit():
        if notifications.set_wanted_kinds(current_user, form.wanted.data or []):
            db.session.commit()
        flash("Your email preferences have been saved.", "success")
        return redirect(url_for("accounts.account"))
    return render_template(
        "accounts/email_preferences.html",
        form=form,
        hints=_hints(),
        always_sent=notifications.ALWAYS_SENT,
    )
