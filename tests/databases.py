"""Test databases: a temporary SQLite file, or a PostgreSQL database per test worker when
TEST_DATABASE_URL is set (so pytest-xdist workers never share one)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url


def _admin_conninfo(url) -> str:
    return (
        f"host={url.host or '127.0.0.1'} port={url.port or 5432} "
        f"user={url.username or 'postgres'} dbname=postgres"
        + (f" password={url.password}" if url.password else "")
    )


def create_postgres_database(base_url: str, suffix: str) -> str:
    """Create (or re-create) ``<name>_<suffix>`` next to ``base_url``; return its URL."""
    url = make_url(base_url)
    name = f"{url.database}_{suffix}"
    with psycopg.connect(_admin_conninfo(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(database_url: str) -> None:
    url = make_url(database_url)
    with psycopg.connect(_admin_conninfo(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')


def test_database_url(tmp_dir: Path, suffix: str) -> str:
    base = os.environ.get("TEST_DATABASE_URL")
    if base:
        return create_postgres_database(base, suffix)
    # A file in memory-backed /dev/shm where there is one: commits then cost no disk sync.
    shm = Path("/dev/shm")  # noqa: S108 - mkdtemp below makes a private directory
    if shm.is_dir() and os.access(shm, os.W_OK):
        tmp_dir = Path(tempfile.mkdtemp(prefix="engage-tests-", dir=shm))
    return f"sqlite:///{tmp_dir / f'engage-{suffix}.sqlite'}"


def is_postgres(url: str) -> bool:
    return url.startswith("postgresql")
