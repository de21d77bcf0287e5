"""LCR Engage: the Liverpool City Region Combined Authority's equality engagement platform."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from engage.config import load_config
from engage.core.extensions import csrf, db, limiter, login_manager, migrate
from engage.core.templating import EngageFlask

ROOT = Path(__file__).resolve().parent.parent


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app. ``overrides`` replace settings (tests use it)."""
    app = EngageFlask(
        __name__,
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
        static_folder=str(ROOT / "static"),
        template_folder=str(ROOT / "templates"),
    )
    app.config.update(load_config(app.instance_path, overrides))
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(ROOT / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    if app.config["TRUSTED_PROXY_COUNT"]:
        count = int(app.config["TRUSTED_PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    _init_extensions(app)
    _register_blueprints(app)

    from engage.core.errors import init_error_pages
    from engage.core.security import init_security
    from engage.core.templating import init_templating

    init_security(app)
    init_error_pages(app)
    init_templating(app)

    from engage.cli import register_commands

    register_commands(app)
    return app


def _init_extensions(app: Flask) -> None:
    import engage.models  # noqa: F401 - every table in the metadata
    from engage.accounts.services import load_user_from_session
    from engage.core.access import enforce_access

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    WTFormsHelpers(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.sign_in"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user_from_session)
    app.before_request(enforce_access)


def _register_blueprints(app: Flask) -> None:
    """Each package registers its pages and tells the others what they need to know (its
    hooks), in an order where nobody is told before they exist: accounts first."""
    from engage import (
        accounts,
        admin,
        annual_report,
        consultations,
        directory,
        monitoring,
        pages,
        panels,
        policies,
        recruitment,
        retention,
        rights,
        stories,
        strategy,
        tracker,
    )

    for package in (
        pages, accounts, admin, strategy, monitoring, panels, recruitment, policies, directory,
        consultations, stories, tracker, annual_report, rights, retention,
    ):  # fmt: skip
        package.init_app(app)
