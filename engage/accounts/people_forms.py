from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import StringField
from wtforms.validators import Length

from engage.core.forms import BaseForm, strip_whitespace


class PeopleSearchForm(BaseForm):
    """The search box on the people list (a GET form, so no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(
        "Search by name or email",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[Length(max=200, message="Search must be 200 characters or fewer")],
        render_kw={"spellcheck": "false"},
    )
