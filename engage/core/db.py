"""Database base class, constraint naming convention and common column helpers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, MetaData, event, insert
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


def utcnow() -> datetime:
    return datetime.now(UTC)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


@event.listens_for(Engine, "connect")
def _sqlite_settings(dbapi_connection, connection_record) -> None:  # noqa: ANN001
    """SQLite ignores foreign keys unless asked on every connection. Write-ahead logging lets
    readers go on while one worker writes (pages that record an audit event write on every
    view), and with synchronous=NORMAL a commit does not wait for the disk twice; a worker
    that finds the database busy waits up to 5 seconds instead of failing."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes even for timezone-aware columns."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class unindexed(ColumnElement):
    """A column SQLite's planner may not use an index for (written ``+column``; unchanged on
    other databases): where a condition matches almost every row, so that the planner walks
    the rows in the order asked for and stops at a page, rather than starting from that
    condition's index and sorting everything."""

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: Any) -> None:
        self.column = column
        self.type = column.type


@compiles(unindexed)
def _unindexed(element: unindexed, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.column, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + compiler.process(element.column, **kw)


BATCH = 5_000


def in_batches(rows: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    """``rows`` in lists of at most ``size``."""
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def insert_rows(model: Any, rows: Iterable[dict[str, Any]], returning: Any = None) -> list[Any]:
    """Insert many rows in batches (fictional and imported data), without a row object for
    each. With ``returning`` (a column, such as ``Model.id``), its values in the rows' order;
    otherwise a list as long as the rows inserted. The database numbers the rows, so its
    sequences stay right on PostgreSQL."""
    found: list[Any] = []
    for batch in in_batches(rows):
        if returning is None:
            db.session.execute(insert(model), batch)
            found.extend([None] * len(batch))
        else:
            statement = insert(model).returning(returning, sort_by_parameter_order=True)
            found.extend(db.session.scalars(statement, batch))
    return found
