"""The VCFSE directory: voluntary, community, faith and social enterprise organisations, their
services and venues, found by words and filters. Other packages use it through ``api``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.accounts.api import AccountSection, add_account_section
    from engage.directory import (
        audit_records,
        search,  # noqa: F401 - the search index's DDL events
    )
    from engage.directory.routes import bp

    app.register_blueprint(bp)
    add_account_section(app, AccountSection("directory/_account_section.html"))
    audit_records.register(app)
