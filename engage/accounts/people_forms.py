from __future__ import annotations

from engage.core.forms import BaseForm, text_field


class PeopleSearchForm(BaseForm):
    """The search box on the people list (a GET form, so no CSRF token)."""

    class Meta:
        csrf = False

    q = text_field(
        "Search by name or email", max_length=200, name="Search", render_kw={"spellcheck": "false"}
    )
