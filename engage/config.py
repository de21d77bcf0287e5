"""Configuration from environment variables, with an optional ``instance/config.py``.

Every setting the app reads is listed in ``SETTINGS`` so the README table and the code
cannot drift apart (a test checks the README names each one).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

DEVELOPMENT = "development"
PRODUCTION = "production"
TESTING = "testing"

# name -> (default, description). Defaults are for development; production overrides below.
SETTINGS: dict[str, tuple[Any, str]] = {
    "ENGAGE_ENV": (PRODUCTION, "development, production or testing"),
    "SECRET_KEY": (None, "Signs sessions and emailed links; required in production"),
    "DATABASE_URL": (None, "SQLAlchemy URL; SQLite in instance/ when unset"),
    "REDIS_URL": (None, "Redis for shared rate-limit state; in memory when unset"),
    # Unset: http://127.0.0.1 on the port `flask run` uses (FLASK_RUN_PORT, which
    # `make run PORT=5050` sets), else 5000. See local_base_url().
    "BASE_URL": (None, "Public address used in emailed links"),
    "MAIL_SERVER": (None, "SMTP host; when unset, email waits in the outbox"),
    "MAIL_PORT": (25, "SMTP port"),
    "MAIL_USERNAME": (None, "SMTP user name"),
    "MAIL_PASSWORD": (None, "SMTP password"),
    "MAIL_USE_TLS": (False, "Use STARTTLS when sending email"),
    "MAIL_FROM": ("LCR Engage <engage@liverpoolcityregion-ca.gov.uk>", "Sender of email"),
    "MAIL_MAX_ATTEMPTS": (5, "Delivery attempts before a message is marked failed"),
    "MFA_DISABLED_FOR_DEMO": (False, "Skip two-factor sign-in for staff (development only)"),
    "TRUSTED_PROXY_COUNT": (0, "Number of proxies in front of the app (for client IP)"),
    # Uploads (information packs) are at most 10 MB; a larger request gets the 413 page.
    "MAX_CONTENT_LENGTH": (11 * 1024 * 1024, "Largest request accepted, in bytes"),
    "LOGIN_RATE_LIMIT": ("10 per minute;50 per hour", "Sign-in attempts per address"),
    "REGISTER_RATE_LIMIT": ("5 per minute;30 per hour", "Registrations per address"),
    "RESET_RATE_LIMIT": ("5 per minute;30 per hour", "Password reset requests per address"),
    "DIRECTORY_RATE_LIMIT": (
        "5 per minute;30 per hour",
        "Requests to edit, suggestions of new organisations and reports about directory "
        "entries per address (each emails "
        "someone or reaches an officer)",
    ),
    "CONSULTATION_RATE_LIMIT": (
        "20 per minute;200 per hour",
        "Consultation responses started and sent, save-and-return links emailed and requests "
        "for another format, each counted per address",
    ),
    "STORY_RATE_LIMIT": (
        "10 per minute;60 per hour",
        "Lived-experience stories sent and new links to a story asked for, each counted per "
        "address (each may email someone)",
    ),
    "DATA_DOWNLOAD_RATE_LIMIT": (
        "5 per minute;30 per hour",
        "Requests for a link to download one's data, signed in or by a reference, per "
        "address (each may send an email)",
    ),
    "DATA_DOWNLOAD_LINK_HOURS": (24, "Hours an emailed link to download one's data works"),
    "ERASURE_RATE_LIMIT": (
        "5 per minute;30 per hour",
        "Asking for erasure by a reference (each may send an email), and opening the emailed "
        "link to ask, per address",
    ),
    "ERASURE_LINK_HOURS": (24, "Hours an emailed link to ask for erasure by a reference works"),
    "ORUK_RATE_LIMIT": (
        "120 per minute",
        "Requests to the Open Referral UK API (/api/oruk) per address",
    ),
    # How long each kind of record is kept (engage/retention, `flask apply-retention`); the
    # privacy notice reads the same values. See RETENTION_KINDS for what each period runs from.
    "RETENTION": (
        "",
        "Changes to the retention schedule, e.g. 'stories=2 years;audit_log=7 years' "
        "(in instance/config.py: a dict); kinds not named keep their defaults",
    ),
}

# kind -> (default period, what the period runs from). The defaults follow common UK public
# sector schedules: recruitment records of unsuccessful candidates a year, case records
# (stories) three years after closing, safeguarding and audit records six years (the
# Limitation Act's period for claims).
RETENTION_KINDS: dict[str, tuple[str, str]] = {
    "draft_applications": ("6 months", "after the application was last changed"),
    "unsuccessful_applications": ("12 months", "after the round's outcomes were sent"),
    "draft_consultation_responses": ("30 days", "after the consultation closed"),
    "support_requests": ("12 months", "after an officer marked it done"),
    "stories": ("3 years", "after the story was closed or withdrawn, unless it was published"),
    "safeguarding_stories": ("6 years", "after the story was closed or withdrawn"),
    "outbox": ("12 months", "after the email was written (its words are deleted once sent)"),
    "audit_log": ("6 years", "after the event"),
}
RETENTION_UNITS = {"day": "days", "month": "months", "year": "years"}

_BOOLEAN_TRUE = {"1", "true", "yes", "on"}


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in _BOOLEAN_TRUE
    if isinstance(default, int):
        return int(raw)
    return raw


def load_config(instance_path: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the config: defaults, then ``instance/config.py``, then the environment, then
    ``overrides`` (used by tests)."""
    config: dict[str, Any] = {name: default for name, (default, _) in SETTINGS.items()}

    instance_file = Path(instance_path) / "config.py"
    if instance_file.exists():
        namespace: dict[str, Any] = {}
        exec(compile(instance_file.read_text(), str(instance_file), "exec"), namespace)  # noqa: S102
        config.update({k: v for k, v in namespace.items() if k.isupper()})

    for name, (default, _) in SETTINGS.items():
        if name in os.environ and os.environ[name] != "":
            config[name] = _coerce(os.environ[name], default)

    config.update(overrides or {})
    env = config["ENGAGE_ENV"]
    if env not in (DEVELOPMENT, PRODUCTION, TESTING):
        raise RuntimeError(f"ENGAGE_ENV must be development, production or testing, not {env!r}")

    if not config.get("SECRET_KEY"):
        if env == PRODUCTION:
            raise RuntimeError(
                "SECRET_KEY is not set. In production the app will not start without one: "
                "set the SECRET_KEY environment variable to a long random value."
            )
        config["SECRET_KEY"] = _development_secret_key(instance_path)

    if config["MFA_DISABLED_FOR_DEMO"] and env == PRODUCTION:
        raise RuntimeError("MFA_DISABLED_FOR_DEMO is only allowed in development.")

    if not config.get("BASE_URL"):
        config["BASE_URL"] = local_base_url()

    config["RETENTION"] = retention_schedule(config.get("RETENTION"))

    if not config.get("DATABASE_URL"):
        config["DATABASE_URL"] = f"sqlite:///{Path(instance_path) / 'engage.sqlite'}"
    config["SQLALCHEMY_DATABASE_URI"] = _normalise_database_url(config["DATABASE_URL"])

    config["RATELIMIT_STORAGE_URI"] = config["REDIS_URL"] or "memory://"
    config["RATELIMIT_HEADERS_ENABLED"] = True
    config["SESSION_COOKIE_HTTPONLY"] = True
    config["SESSION_COOKIE_SAMESITE"] = "Lax"
    config["SESSION_COOKIE_SECURE"] = env == PRODUCTION
    config["REMEMBER_COOKIE_SECURE"] = env == PRODUCTION
    config["REMEMBER_COOKIE_HTTPONLY"] = True
    config["SESSION_COOKIE_NAME"] = "engage_session"
    config["PERMANENT_SESSION_LIFETIME"] = 60 * 60 * 8
    config["WTF_CSRF_TIME_LIMIT"] = None  # the token lives as long as the session
    config["TESTING"] = env == TESTING
    return config


def retention_schedule(given: Any) -> dict[str, str]:
    """The whole schedule, each period as "N days|months|years": the defaults changed by
    ``given`` (a dict, or "kind=period;kind=period" from the environment). A kind or period
    that cannot be read stops the app starting, with the reason."""
    if isinstance(given, str):
        pairs: dict[str, Any] = {}
        for part in filter(None, (p.strip() for p in given.split(";"))):
            kind, sep, period = part.partition("=")
            if not sep:
                raise RuntimeError(f"RETENTION: {part!r} is not kind=period, e.g. stories=3 years")
            pairs[kind.strip()] = period.strip()
        given = pairs
    elif given is None:
        given = {}
    if not isinstance(given, dict):
        raise RuntimeError(
            "RETENTION must be a dict of kind -> period, e.g. {'stories': '3 years'}"
        )
    unknown = sorted(set(given) - set(RETENTION_KINDS))
    if unknown:
        raise RuntimeError(
            f"RETENTION names unknown kinds {unknown}; the kinds are {sorted(RETENTION_KINDS)}"
        )
    schedule = {kind: default for kind, (default, _) in RETENTION_KINDS.items()}
    for kind, period in given.items():
        schedule[kind] = normalise_period(kind, period)
    return schedule


def normalise_period(kind: str, period: Any) -> str:
    """ "6 months", "1 year", "30 days" (singular or plural), at least 1."""
    number, _, unit = str(period).strip().lower().partition(" ")
    unit = unit.strip().removesuffix("s")
    if not number.isdigit() or int(number) < 1 or unit not in RETENTION_UNITS:
        raise RuntimeError(
            f"RETENTION[{kind!r}] is {period!r}: give a whole number of days, months or "
            "years, at least 1, e.g. '6 months'"
        )
    count = int(number)
    return f"{count} {unit if count == 1 else RETENTION_UNITS[unit]}"


def local_base_url() -> str:
    """The local address when BASE_URL is not set: the port ``flask run`` serves on."""
    return f"http://127.0.0.1:{os.environ.get('FLASK_RUN_PORT') or 5000}"


def _normalise_database_url(url: str) -> str:
    # Heroku-style URLs and plain postgresql:// both mean psycopg 3 here.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _development_secret_key(instance_path: str) -> str:
    """Generate a key once into instance/ so sessions survive restarts in development."""
    key_file = Path(instance_path) / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
