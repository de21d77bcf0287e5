"""Rate limits on forms, set in configuration (LOGIN_RATE_LIMIT, REGISTER_RATE_LIMIT,
RESET_RATE_LIMIT) so tests and deployments can change them, and on an open API's GETs
(ORUK_RATE_LIMIT). Counters live in Redis when REDIS_URL is set, so every instance shares
them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app

from engage.core.extensions import limiter


def limit_posts(setting: str) -> Callable[[Any], Any]:
    """A decorator limiting POSTs to a view by the limit named ``setting``, per address."""
    return limiter.limit(lambda: current_app.config[setting], methods=["POST"])


def limit_gets(setting: str, scope: str) -> Callable[[Any], Any]:
    """A decorator limiting GETs by the limit named ``setting``, per address, counted together
    for every view it decorates (``scope`` names the count): for an open API."""
    return limiter.shared_limit(lambda: current_app.config[setting], scope=scope, methods=["GET"])
