"""Addresses: the links emails carry, and where it is safe to send someone next."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute link for an email, built on BASE_URL (not the request's Host header,
    which an attacker could set). Works in a command too (the demo data, scheduled
    reminders), where there is no request to build it from."""
    if has_request_context():
        path = url_for(endpoint, **values)
    else:
        path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path


def safe_next_url(target: str | None) -> str | None:
    """Return ``target`` only if it is a path on this site (no scheme, host or ``//``)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


_MARKER = 918273645  # a number no real id is


def url_maker(endpoint: str, argument: str, **values: Any) -> Callable[[int], str]:
    """url_for(endpoint, argument=id, **values) for many ids, the address built once: a page
    of many rows each with links pays url_for's cost (about 25 µs) once per kind of link,
    not once per row. For whole-number arguments (the ids in our addresses)."""
    before, after = url_for(endpoint, **{argument: _MARKER}, **values).split(str(_MARKER))
    return lambda record_id: f"{before}{int(record_id)}{after}"
