"""Secret links: emailed URLs that let whoever holds them act as someone (confirm an email
address, reset a password, accept a staff invitation, come back to an application).

By convention an endpoint whose URL carries a secret names that URL argument ``token``
(for example ``/reset-password/<token>``), so the list of secret links is read from the app's
own URL map and a new one is covered without anyone remembering to register it.

``redact_secret_links`` hides every such link in text shown to staff. It matches by the
endpoints' URL paths, not by guessing what a token looks like."""

from __future__ import annotations

import re

from flask import Flask, current_app
from werkzeug.exceptions import HTTPException

SECRET_ARGUMENT = "token"  # noqa: S105 - a URL argument name, not a password
HIDDEN = "[link hidden: only the person it was sent to may see it]"

# A URL argument in a Werkzeug rule, such as <token> or <int:round_id>.
_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
# Optional scheme and host in front of the path, and characters a path segment can hold.
_ORIGIN = r"(?:[A-Za-z][A-Za-z0-9+.\-]*://[^\s/<>\"']*)?"
_SEGMENT = r"[^\s/?#<>\"']+"
_QUERY = r"(?:[?#][^\s<>\"']*)?"


def secret_link_endpoints(app: Flask) -> dict[str, str]:
    """Endpoint -> URL rule, for every endpoint whose URL carries a secret."""
    return {
        rule.endpoint: rule.rule
        for rule in app.url_map.iter_rules()
        if SECRET_ARGUMENT in rule.arguments
    }


def _rule_pattern(rule: str) -> str:
    parts = []
    position = 0
    for match in _ARGUMENT.finditer(rule):
        parts.append(re.escape(rule[position : match.start()]))
        parts.append(_SEGMENT)
        position = match.end()
    parts.append(re.escape(rule[position:]))
    return "".join(parts)


def _pattern(app: Flask) -> re.Pattern[str]:
    cached = app.extensions.get("engage.secret_links")
    if cached is None:
        rules = sorted(secret_link_endpoints(app).values(), key=len, reverse=True)
        alternatives = "|".join(_rule_pattern(rule) for rule in rules) or r"(?!)"
        cached = re.compile(f"{_ORIGIN}(?:{alternatives}){_QUERY}")
        app.extensions["engage.secret_links"] = cached
    return cached


def _is_other_page(app: Flask, link: str) -> bool:
    """True when the link is really a page without a secret that shares the pattern, such
    as /verify-email/send-again beside /verify-email/<token>."""
    path = re.sub(r"^[A-Za-z][A-Za-z0-9+.\-]*://[^/]*", "", link).split("?")[0].split("#")[0]
    try:
        endpoint, _ = app.url_map.bind("localhost").match(path, method="GET")
    except HTTPException:
        return False
    return endpoint not in secret_link_endpoints(app)


def redact_secret_links(text: str | None) -> str:
    """``text`` with every secret link replaced by a note saying it is hidden."""
    if not text:
        return ""
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def replace(match: re.Match[str]) -> str:
        return match.group(0) if _is_other_page(app, match.group(0)) else HIDDEN

    return _pattern(app).sub(replace, text)


def contains_secret_link(text: str | None) -> bool:
    return bool(text) and redact_secret_links(text) != text
