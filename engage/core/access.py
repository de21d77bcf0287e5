"""Who may use each endpoint.

Every view declares a rule with ``@access(...)``. One ``before_request`` hook enforces the
rules, so a feature cannot forget to check, and a test walks ``app.url_map`` and fails on any
endpoint without a declaration. Endpoints without a rule are refused (fail closed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Flask, abort, current_app, g, redirect, request, session, url_for
from flask_login import current_user

F = TypeVar("F", bound=Callable[..., Any])

# Flask's own static route cannot carry an attribute, so it is declared here.
PUBLIC_BUILTIN_ENDPOINTS = frozenset({"static"})


@dataclass(frozen=True)
class Rule:
    """An access rule: a name for people and tests, and the check itself."""

    name: str
    check: Callable[[Any, dict[str, Any]], bool] = field(compare=False)
    needs_sign_in: bool = True
    # Endpoints a signed-in member of staff may use before finishing two-factor sign-in.
    allowed_before_mfa: bool = False
    # For rules about one record (such as "your own application"): 404 hides that it exists.
    refuse_with: int = 403

    def allows(self, user: Any, view_args: dict[str, Any] | None = None) -> bool:
        if self.needs_sign_in and not user.is_authenticated:
            return False
        return self.check(user, view_args or {})


PUBLIC = Rule("public", lambda user, args: True, needs_sign_in=False, allowed_before_mfa=True)
SIGNED_IN = Rule("signed in", lambda user, args: True)
# Only for the two-factor steps themselves and signing out.
SIGNED_IN_BEFORE_MFA = Rule("signed in", lambda user, args: True, allowed_before_mfa=True)


def per_request(key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """``compute()`` once per request for ``key``: a page may ask the same question of the
    access rules several times (may this person open the round's decisions? its report?)."""
    answers = g.setdefault("engage_access_answers", {})
    if key not in answers:
        answers[key] = compute()
    return answers[key]


def role(name: str) -> Rule:
    """Signed in and holding a global role such as ``officer`` or ``admin``."""
    return Rule(name, lambda user, args: user.has_role(name))


def scoped_role(name: str, scope_type: str, view_arg: str) -> Rule:
    """Signed in and holding ``name`` for the record named by ``view_arg`` in the URL
    (for example member of the panel in ``/panels/<panel_id>``). Admins pass too."""

    def check(user: Any, args: dict[str, Any]) -> bool:
        if user.has_role("admin"):
            return True
        return user.has_role(name, scope_type=scope_type, scope_id=args.get(view_arg))

    return Rule(f"{name} of {scope_type}", check)


OFFICER = role("officer")
ADMIN = role("admin")


def access(rule: Rule) -> Callable[[F], F]:
    """Declare who may use a view."""

    def decorate(view: F) -> F:
        view.access_rule = rule  # type: ignore[attr-defined]
        return view

    return decorate


def rule_for_endpoint(app: Flask, endpoint: str) -> Rule | None:
    if endpoint in PUBLIC_BUILTIN_ENDPOINTS:
        return PUBLIC
    view = app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def enforce_access() -> Any:
    """``before_request`` hook: apply the endpoint's rule."""
    if request.endpoint is None:  # no route matched: let Flask answer 404/405
        return None
    rule = rule_for_endpoint(current_app, request.endpoint)
    if rule is None:
        current_app.logger.error("Endpoint %s declares no access rule", request.endpoint)
        abort(403)
    if not rule.needs_sign_in:
        if not rule.allows(current_user, request.view_args):
            abort(rule.refuse_with)
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.sign_in", next=request.full_path.rstrip("?")))
    if not rule.allowed_before_mfa and needs_second_factor(current_user):
        return redirect(url_for("accounts.mfa_start"))
    if not rule.allows(current_user, request.view_args):
        abort(rule.refuse_with)
    return None


def needs_second_factor(user: Any) -> bool:
    """Staff must pass two-factor sign-in in this session before using staff or account pages."""
    if current_app.config.get("MFA_DISABLED_FOR_DEMO"):
        return False
    return bool(user.requires_mfa) and not session.get("mfa_verified")
