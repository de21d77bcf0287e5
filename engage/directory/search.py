"""Full-text search of the directory, in the database: SQLite's FTS5 (the Porter stemmer, so
"carers" finds "carer" and "caring") or PostgreSQL's English text search, over
``directory_search_text`` (a row of words per listed organisation, written by
``services.index_organisation``).

The database objects are made the same way by ``db.create_all()`` (the DDL events below) and
by the migration (``create_search_index``), so tests and real databases search alike."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import Select, column, event, func, literal_column, select, table, text
from sqlalchemy.engine import Connection

from engage.directory.models import SearchText

SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_search_fts USING fts5("
    "name, body, content='directory_search_text', content_rowid='organisation_id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    # Kept in step with its table by triggers (cascaded deletes fire them too).
    "CREATE TRIGGER IF NOT EXISTS directory_search_text_ai AFTER INSERT ON "
    "directory_search_text BEGIN INSERT INTO directory_search_fts(rowid, name, body) "
    "VALUES (new.organisation_id, new.name, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS directory_search_text_ad AFTER DELETE ON "
    "directory_search_text BEGIN INSERT INTO directory_search_fts(directory_search_fts, rowid, "
    "name, body) VALUES ('delete', old.organisation_id, old.name, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS directory_search_text_au AFTER UPDATE ON "
    "directory_search_text BEGIN INSERT INTO directory_search_fts(directory_search_fts, rowid, "
    "name, body) VALUES ('delete', old.organisation_id, old.name, old.body); "
    "INSERT INTO directory_search_fts(rowid, name, body) "
    "VALUES (new.organisation_id, new.name, new.body); END",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS directory_search_text_au",
    "DROP TRIGGER IF EXISTS directory_search_text_ad",
    "DROP TRIGGER IF EXISTS directory_search_text_ai",
    "DROP TABLE IF EXISTS directory_search_fts",
)
# The name counts for more than the rest (weight A against B).
POSTGRES_DOCUMENT = (
    "setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', body), 'B')"
)
POSTGRES_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_directory_search_text_document ON directory_search_text "
    f"USING gin (({POSTGRES_DOCUMENT}))",
)
POSTGRES_DROP = ("DROP INDEX IF EXISTS ix_directory_search_text_document",)


def is_search_object(name: str | None) -> bool:
    """The tables and index made here are not models: migration checks and autogenerate
    leave them alone."""
    return bool(name) and (
        name.startswith("directory_search_fts") or name == "ix_directory_search_text_document"
    )


def create_search_index(connection: Connection) -> None:
    statements = SQLITE_INDEX if connection.dialect.name == "sqlite" else POSTGRES_INDEX
    for statement in statements:
        connection.exec_driver_sql(statement)


def drop_search_index(connection: Connection) -> None:
    statements = SQLITE_DROP if connection.dialect.name == "sqlite" else POSTGRES_DROP
    for statement in statements:
        connection.exec_driver_sql(statement)


@event.listens_for(SearchText.__table__, "after_create")
def _after_create(target: Any, connection: Connection, **kw: Any) -> None:
    create_search_index(connection)


@event.listens_for(SearchText.__table__, "before_drop")
def _before_drop(target: Any, connection: Connection, **kw: Any) -> None:
    drop_search_index(connection)


MAX_WORDS = 12


def fold(text: str) -> str:
    """Text without accents ("café" -> "cafe"), for the index and for searches alike, so both
    databases find "cafe" and "café" either way."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(query: str) -> list[str]:
    """The words of what someone typed: letters and digits only, so nothing they type can
    be read as search syntax."""
    return re.findall(r"\w+", fold(query).casefold())[:MAX_WORDS]


def matches(query: str, dialect: str) -> Select | None:
    """(organisation_id, rank) for the organisations matching every word of ``query``, the
    best match having the lowest rank; None when the query has no words."""
    words = words_of(query)
    if not words:
        return None
    if dialect == "sqlite":
        fts = table("directory_search_fts", column("rowid"))
        # Each word quoted (a phrase of one), the last also as a prefix while it is typed.
        terms = [f'"{word}"' for word in words]
        if len(words[-1]) >= 3:
            terms[-1] = f'({terms[-1]} OR "{words[-1]}"*)'
        return (
            select(
                fts.c.rowid.label("organisation_id"),
                literal_column("bm25(directory_search_fts, 10.0, 1.0)").label("rank"),
            )
            .select_from(fts)
            .where(text("directory_search_fts MATCH :terms").bindparams(terms=" AND ".join(terms)))
        )
    # Written as the index is (constants inline, not parameters), so the index is used.
    english = literal_column("'english'")
    document = func.setweight(func.to_tsvector(english, SearchText.name), literal_column("'A'")).op(
        "||"
    )(func.setweight(func.to_tsvector(english, SearchText.body), literal_column("'B'")))
    # Words are letters and digits only, so they cannot be tsquery syntax; the last is also a
    # prefix, as on SQLite.
    last = f"{words[-1]}:*" if len(words[-1]) >= 3 else words[-1]
    query_terms = func.to_tsquery(english, " & ".join([*words[:-1], last]))
    return select(
        SearchText.organisation_id,
        (-func.ts_rank(document, query_terms)).label("rank"),
    ).where(document.bool_op("@@")(query_terms))
