"""Addresses: the links emails carry, and where it is safe to send someone next."""

from __future__ import annotations

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
