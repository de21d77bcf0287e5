"""Full-text search of the directory, in the database: SQLite's FTS5 (the Porter stemmer, so
"carers" finds "carer" and "caring") or PostgreSQL's English text search, over
``directory_search_text`` (a row of words per listed organisation, written by
``services.index_organisation``).

The database objects are made the same way by ``db.create_all()`` (the DDL events below) and
by the migration (``create_search_index``), so tests and real databases search alike."""

from __future__ import annotations

import difflib
import re
import unicodedata
import zlib
from typing import Any

from sqlalchemy import Select, column, event, func, literal_column, select, table, text
from sqlalchemy.engine import Connection

from engage.core.db import db
from engage.directory.models import SearchText

SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_search_fts USING fts5("
    "name, body, facets, content='directory_search_text', content_rowid='organisation_id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    # Its words, for suggesting one close to a word that finds nothing (a typo).
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_search_fts_vocab USING "
    "fts5vocab(directory_search_fts, 'row')",
    # Kept in step with its table by triggers (cascaded deletes fire them too).
    "CREATE TRIGGER IF NOT EXISTS directory_search_text_ai AFTER INSERT ON "
    "directory_search_text BEGIN INSERT INTO directory_search_fts(rowid, name, body, facets) "
    "VALUES (new.organisation_id, new.name, new.body, new.facets); END",
    "CREATE TRIGGER IF NOT EXISTS directory_search_text_ad AFTER DELETE ON "
    "directory_search_text BEGIN INSERT INTO directory_search_fts(directory_search_fts, rowid, "
    "name, body, facets) VALUES ('delete', old.organisation_id, old.name, old.body, "
    "old.facets); END",
    "CREATE TRIGGER IF NOT EXISTS directory_search_text_au AFTER UPDATE ON "
    "directory_search_text BEGIN INSERT INTO directory_search_fts(directory_search_fts, rowid, "
    "name, body, facets) VALUES ('delete', old.organisation_id, old.name, old.body, "
    "old.facets); INSERT INTO directory_search_fts(rowid, name, body, facets) "
    "VALUES (new.organisation_id, new.name, new.body, new.facets); END",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS directory_search_text_au",
    "DROP TRIGGER IF EXISTS directory_search_text_ad",
    "DROP TRIGGER IF EXISTS directory_search_text_ai",
    "DROP TABLE IF EXISTS directory_search_fts_vocab",
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


def facet_token(kind: str, code: str) -> str:
    """A filter's value as one search token: letters then digits, which no stemmer changes
    and no word someone types looks like ("area"/"E08000012" -> "zz1894375106")."""
    return f"zz{zlib.crc32(f'{kind}/{code}'.encode())}"


def matching_ids(words: list[str], dialect: str, facets: tuple[str, ...] = ()) -> Select:
    """The ids of the organisations whose search words contain every one of ``words`` (the
    last also as a prefix, while it is being typed), in no order: cheap even when thousands
    match. On SQLite, ``facets`` (facet_token values) must all be there too."""
    if dialect == "sqlite":
        return select(_FTS.c.rowid).where(_sqlite_match(words, facets))
    return select(SearchText.organisation_id).where(
        _postgres_document().bool_op("@@")(_tsquery(words))
    )


def newest_first(statement: Select, record_id: Any, words: list[str],
                 facets: tuple[str, ...]) -> Select:  # fmt: skip
    """SQLite: ``statement`` (selecting ``record_id``, an organisation id) narrowed to the
    matches of ``words`` and ``facets``, the newest first. Read from the index in its own
    order, so a page of a search matching every organisation stops after that page."""
    return (
        statement.join(_FTS, _FTS.c.rowid == record_id)
        .where(_sqlite_match(words, facets))
        .order_by(_FTS.c.rowid.desc())
    )


def join_matches(statement: Select, record_id: Any, words: list[str]) -> Select:
    """SQLite: ``statement`` joined to the organisations matching ``words`` (``record_id``
    being an organisation id), for reading in the index's order (index_order()): a page of
    thousands of matches is then read without a list of every match."""
    return statement.join(_FTS, _FTS.c.rowid == record_id).where(_sqlite_match(words))


def index_order() -> Any:
    """The order of join_matches: by organisation id (the index's own order)."""
    return _FTS.c.rowid


def best_first(
    statement: Select, record_id: Any, words: list[str], dialect: str, facets: tuple[str, ...] = ()
) -> Select:
    """``statement`` (selecting ``record_id``, an organisation id) narrowed to the matches of
    ``words``, the best match first: for a few hundred matches at most (ranking reads every
    match). The statement's own conditions choose the organisations first, then each is
    looked up in the search index."""
    if dialect == "sqlite":
        # The matches and their ranks first, on their own (materialised: joined directly,
        # SQLite may look every organisation up in the index instead, one by one).
        ranked = (
            select(
                _FTS.c.rowid.label("id"),
                literal_column("bm25(directory_search_fts, 10.0, 1.0, 0.0)").label("rank"),
            )
            .where(_sqlite_match(words, facets))
            .cte("ranked")
            .prefix_with("MATERIALIZED")
        )
        return statement.join(ranked, ranked.c.id == record_id).order_by(ranked.c.rank)
    document, terms = _postgres_document(), _tsquery(words)
    return (
        statement.join(SearchText, SearchText.organisation_id == record_id)
        .where(document.bool_op("@@")(terms))
        .order_by(func.ts_rank(document, terms).desc())
    )


_FTS = table("directory_search_fts", column("rowid"))
_VOCABULARY = table("directory_search_fts_vocab", column("term"))
_FACET = re.compile(r"zz\d+")


def close_words(words: list[str], dialect: str) -> list[str]:
    """For a search that found nothing: the words with each one the index does not hold
    replaced by the closest word it does (a typo: "cerers" -> "carer"), or [] when none is
    close. The index holds words as stems ("carer" for "carers"), so a suggestion may be
    one. Two queries a word at most, and only when nothing was found."""
    suggested = []
    for word in words:
        if _holds(word, dialect):
            suggested.append(word)
            continue
        near = difflib.get_close_matches(word, _words_starting(word[0], dialect), 1, 0.7)
        suggested.append(near[0] if near else word)
    return suggested if suggested != words else []


def _holds(word: str, dialect: str) -> bool:
    return db.session.scalar(matching_ids([word], dialect).limit(1)) is not None


def _words_starting(letter: str, dialect: str) -> list[str]:
    if dialect == "sqlite":
        found = db.session.scalars(
            select(_VOCABULARY.c.term).where(
                _VOCABULARY.c.term >= letter, _VOCABULARY.c.term < chr(ord(letter) + 1)
            )
        )
    else:
        # Every distinct word of the index: it reads every row, but only for a search that
        # found nothing, and the directory holds hundreds of organisations.
        found = db.session.scalars(
            text(
                "SELECT word FROM ts_stat('SELECT to_tsvector(''english'', name) || "
                "to_tsvector(''english'', body) FROM directory_search_text') "
                "WHERE word LIKE :start"
            ).bindparams(start=f"{letter}%")
        )
    return [term for term in found if not _FACET.fullmatch(term)]


def _sqlite_match(words: list[str], facets: tuple[str, ...] = ()) -> Any:
    # Each word quoted (a phrase of one), the last also as a prefix while it is typed.
    terms = [f'"{word}"' for word in words]
    if words and len(words[-1]) >= 3:
        terms[-1] = f'({terms[-1]} OR "{words[-1]}"*)'
    terms += [f'"{token}"' for token in facets]
    return text("directory_search_fts MATCH :terms").bindparams(terms=" AND ".join(terms))


def _postgres_document() -> Any:
    # Written as the index is (constants inline, not parameters), so the index is used.
    english = literal_column("'english'")
    return func.setweight(func.to_tsvector(english, SearchText.name), literal_column("'A'")).op(
        "||"
    )(func.setweight(func.to_tsvector(english, SearchText.body), literal_column("'B'")))


def _tsquery(words: list[str]) -> Any:
    # Words are letters and digits only, so they cannot be tsquery syntax; the last is also a
    # prefix, as on SQLite.
    last = f"{words[-1]}:*" if len(words[-1]) >= 3 else words[-1]
    return func.to_tsquery(literal_column("'english'"), " & ".join([*words[:-1], last]))
