"""An item's themes as GOV.UK tags, built in Python: a public list of stories shows them for
every row, and a Jinja macro call per row costs more than the markup itself."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from engage.core.table_cells import html_text

_TAG = (
    '<li class="govuk-!-display-inline-block govuk-!-margin-right-1">'
    '<strong class="govuk-tag govuk-tag--blue lcr-break-word">{}</strong></li>'
)


def theme_tags(labels: Iterable[str] | None) -> Markup:
    """The labels as a list of tags, escaped; "No theme yet" when there are none."""
    tags = "".join(_TAG.format(html_text(label)) for label in labels or ())
    if not tags:
        return Markup('<p class="govuk-body">No theme yet</p>')
    return Markup(f'<ul class="govuk-list">{tags}</ul>')  # noqa: S704 - every label escaped
