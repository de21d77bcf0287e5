"""What other features hear from accounts, so that accounts imports none of them.

- Signals (blinker, as Flask's own): ``email_confirmed`` when a person proves they read an
  address (verification, email change, reset, invitation), and ``signed_in`` at each sign-in.
  Receivers get the user as the sender. Panels, for example, links the seats appointed to an
  address to the account that has just confirmed it.
- Sections of "Your account": a feature adds a template (and a function giving its context
  for the signed-in person), shown in the order added. Recruitment lists your applications.
- Session keys kept at sign-in: signing in starts a fresh session (against fixation), which
  would drop what a feature keeps for this browser before sign-in, such as the applications
  started here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from blinker import Namespace
from flask import Flask, current_app

_signals = Namespace()
email_confirmed = _signals.signal("engage.accounts.email-confirmed")
signed_in = _signals.signal("engage.accounts.signed-in")

_SECTIONS = "engage.accounts.sections"
_KEPT_KEYS = "engage.accounts.kept-session-keys"


@dataclass(frozen=True)
class AccountSection:
    """A part of the "Your account" page: ``template`` is included with ``context(user)``."""

    template: str
    context: Callable[[Any], dict[str, Any]] = field(default=lambda user: {})


def add_account_section(app: Flask, section: AccountSection) -> None:
    app.extensions.setdefault(_SECTIONS, []).append(section)


def account_sections() -> list[AccountSection]:
    return list(current_app.extensions.get(_SECTIONS, []))


def keep_on_sign_in(app: Flask, session_key: str) -> None:
    app.extensions.setdefault(_KEPT_KEYS, set()).add(session_key)


def kept_session_keys() -> set[str]:
    return set(current_app.extensions.get(_KEPT_KEYS, set()))
