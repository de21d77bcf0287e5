"""The migrations, not ``db.create_all()``, build the schema the models describe."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import inspect

from engage import create_app
from engage.core.db import db
from engage.directory.search import is_search_object
from tests.conftest import TEST_SETTINGS
from tests.databases import create_postgres_database, drop_postgres_database
from tests.tagging_model import TEST_TABLE_PREFIX


@pytest.fixture(autouse=True)
def _keep_logging() -> Iterator[None]:
    """migrations/env.py calls logging.config.fileConfig, which resets the root logger's level
    and handlers from alembic.ini. Put logging back so later tests are unaffected."""
    root = logging.getLogger()
    saved_root = (root.level, list(root.handlers))
    saved = {
        name: (logger.disabled, logger.level, list(logger.handlers), logger.propagate)
        for name, logger in logging.root.manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    }
    yield
    root.setLevel(saved_root[0])
    root.handlers[:] = saved_root[1]
    for name, (disabled, level, handlers, propagate) in saved.items():
        logger = logging.getLogger(name)
        logger.disabled = disabled
        logger.setLevel(level)
        logger.handlers[:] = handlers
        logger.propagate = propagate


def migrations_app(database_url: str) -> Flask:
    return create_app({**TEST_SETTINGS, "DATABASE_URL": database_url})


def head_revision(app: Flask) -> str:
    config = app.extensions["migrate"].migrate.get_config()
    return ScriptDirectory.from_config(config).get_current_head()


def _not_a_test_table(obj, name, type_, reflected, compare_to) -> bool:
    """Tables named test_* belong to models the tests define (e.g. to prove tagging); the
    directory's search tables and index are made by its migration, not by models."""
    if is_search_object(name):
        return False
    return not (type_ == "table" and name and name.startswith(TEST_TABLE_PREFIX))


def app_tables() -> list[str]:
    return [name for name in db.metadata.tables if not name.startswith(TEST_TABLE_PREFIX)]


def check_migrations(app: Flask) -> None:
    """Upgrade an empty database to head, compare with the models, downgrade to base."""
    with app.app_context():
        try:
            assert inspect(db.engine).get_table_names() == [], "the database is not empty"

            flask_migrate.upgrade()

            with db.engine.connect() as connection:
                context = MigrationContext.configure(
                    connection, opts={"include_object": _not_a_test_table}
                )
                assert context.get_current_revision() == head_revision(app)
                tables = set(inspect(connection).get_table_names())
                assert set(app_tables()) <= tables
                differences = compare_metadata(context, db.metadata)
            assert differences == [], f"migrations differ from the models: {differences}"

            flask_migrate.downgrade(revision="base")

            assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
        finally:
            db.session.remove()
            db.engine.dispose()


def test_migrations_build_the_schema_on_sqlite(tmp_path: Path):
    database_file = tmp_path / "migrations.sqlite"
    app = migrations_app(f"sqlite:///{database_file}")

    check_migrations(app)
    assert database_file.exists()

    with app.app_context():
        try:
            with db.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        finally:
            db.engine.dispose()


def test_migrations_build_the_schema_on_postgresql():
    base_url = os.environ.get("TEST_DATABASE_URL")
    if not base_url:
        pytest.skip("PostgreSQL migration test runs when TEST_DATABASE_URL is set (CI sets it)")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    database_url = create_postgres_database(base_url, f"migrations_{worker}")
    try:
        app = migrations_app(database_url)
        with app.app_context():
            assert db.engine.dialect.name == "postgresql"
            assert db.engine.dialect.driver == "psycopg"
        check_migrations(app)
    finally:
        drop_postgres_database(database_url)
