"""A version's headings and numbered paragraphs as HTML, for the officers' version page and
the members' draft page.

Written in Python rather than a Jinja loop: a draft has hundreds of paragraphs, and a
template's per-paragraph lookups and calls were most of the page's time (at 200 paragraphs,
10.7 ms for the page; this is a tenth of that). Every value is escaped with markupsafe, as the
template would."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape

from engage.core.table_cells import html_text


def paragraphs_html(
    paragraphs: Iterable[Any],
    *,
    heading_base: int,
    counts: Mapping[int | None, int] | None = None,
    comment_url: str = "",
) -> Markup:
    """``paragraphs``: rows with id, number, kind, level and text, in order. ``heading_base``:
    the page's heading level the text's first-level headings sit under (1 under the page's
    h1, 2 under an h2). ``counts``: comments so far by paragraph id. ``comment_url``: the
    comment page's address up to the paragraph number ("...comment?paragraph="), while the
    draft is open for comments; empty otherwise."""
    counts = counts or {}
    parts: list[str] = []
    add = parts.append
    for p in paragraphs:
        number, text = escape(p.number), escape(p.text)
        if p.kind == "heading":
            tag = f"h{min(p.level + heading_base, 6)}"
            size = "m" if p.level == 1 else "s"
            add(
                f'<{tag} class="govuk-heading-{size} lcr-break-word" id="paragraph-{number}">'
                f"{number} {text}</{tag}>"
            )
            what = "heading"
        else:
            add(
                f'<div class="lcr-policy-paragraph" id="paragraph-{number}">'
                '<p class="lcr-policy-paragraph__number">'
                f'<span class="govuk-visually-hidden">Paragraph </span>{number}</p>'
                f'<p class="govuk-body lcr-policy-paragraph__text">{text}</p></div>'
            )
            what = "paragraph"
        said = counts.get(p.id, 0)
        if comment_url or said:
            actions = []
            if comment_url:
                link = escape(comment_url)
                actions.append(
                    f'<a class="govuk-link" href="{link}{number}">Comment on {what} {number}</a>'
                )
            if said:
                actions.append(f"{said} {'comment' if said == 1 else 'comments'} so far")
            add(f'<p class="govuk-body-s lcr-policy-paragraph__actions">{" · ".join(actions)}</p>')
    return Markup("\n".join(parts))  # noqa: S704 - every value above is escaped


def compared_html(
    paragraphs: Iterable[Any], *, old: int, statuses: Mapping[str, str], only_changes: bool
) -> Markup:
    """Two versions compared (compare.py's ComparedParagraphs): each paragraph with its
    number, its status when it is not unchanged, and its words, those added in <ins> and
    those taken out in <del>, each said in words for screen readers. ``old``: the earlier
    version's number. ``statuses``: each status but unchanged in words. ``only_changes``:
    leave unchanged paragraphs out."""
    parts: list[str] = []
    add = parts.append
    for p in paragraphs:
        if p.status == "unchanged":
            if only_changes:
                continue
            status = ""
        else:
            status = (
                '<p class="govuk-body lcr-diff__status"><strong class="govuk-tag govuk-tag--grey">'
                f"{html_text(statuses[p.status])}</strong>"
            )
            if p.status == "changed" and p.old_number != p.new_number:
                status += f" (was paragraph {html_text(p.old_number)})"
            elif p.status == "removed":
                status += f" (paragraph {html_text(p.old_number)} of version {html_text(old)})"
            status += "</p>"
        new_number = p.new_number
        number = html_text(new_number if new_number is not None else p.old_number)
        anchor = f' id="paragraph-{html_text(new_number)}"' if new_number is not None else ""
        words = []
        for s in p.segments:
            if s.kind == "inserted":
                words.append(
                    f'<ins><span class="govuk-visually-hidden">[added: </span>{html_text(s.text)}'
                    '<span class="govuk-visually-hidden">]</span></ins>'
                )
            elif s.kind == "deleted":
                words.append(
                    '<del><span class="govuk-visually-hidden">[taken out: </span>'
                    f'{html_text(s.text)}<span class="govuk-visually-hidden">]</span></del>'
                )
            else:
                words.append(html_text(s.text))
        bold = " govuk-!-font-weight-bold" if p.kind == "heading" else ""
        add(
            f'<div class="lcr-policy-paragraph"{anchor}>'
            '<p class="lcr-policy-paragraph__number">'
            f'<span class="govuk-visually-hidden">Paragraph </span>{number}</p>'
            f'<div class="lcr-policy-paragraph__text">{status}'
            f'<p class="govuk-body{bold}">{"".join(words)}</p></div></div>'
        )
    return Markup("\n".join(parts))  # noqa: S704 - every value above is escaped
