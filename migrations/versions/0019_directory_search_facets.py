"""directory search: filters as tokens in the full-text index (SQLite), so a search with
filters is one look-up in the index

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07

"""

import zlib

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

DROP = (
    "DROP TABLE IF EXISTS directory_search_fts_vocab",
    "DROP TRIGGER IF EXISTS directory_search_text_au",
    "DROP TRIGGER IF EXISTS directory_search_text_ad",
    "DROP TRIGGER IF EXISTS directory_search_text_ai",
    "DROP TABLE IF EXISTS directory_search_fts",
)


def _create(columns: str) -> tuple[str, ...]:
    """The index and its triggers as engage/directory/search.py makes them, over ``columns``
    (a constant below: never input)."""
    names = columns
    new = ", ".join(f"new.{c.strip()}" for c in columns.split(","))
    old = ", ".join(f"old.{c.strip()}" for c in columns.split(","))
    insert_new = f"INSERT INTO directory_search_fts(rowid, {names}) "
    delete_old = f"INSERT INTO directory_search_fts(directory_search_fts, rowid, {names}) "
    return (
        f"CREATE VIRTUAL TABLE directory_search_fts USING fts5({names}, "
        "content='directory_search_text', content_rowid='organisation_id', "
        "tokenize='porter unicode61 remove_diacritics 2')",
        "CREATE TRIGGER directory_search_text_ai AFTER INSERT ON directory_search_text BEGIN "
        f"{insert_new}VALUES (new.organisation_id, {new}); END",
        "CREATE TRIGGER directory_search_text_ad AFTER DELETE ON directory_search_text BEGIN "
        f"{delete_old}VALUES ('delete', old.organisation_id, {old}); END",
        "CREATE TRIGGER directory_search_text_au AFTER UPDATE ON directory_search_text BEGIN "
        f"{delete_old}VALUES ('delete', old.organisation_id, {old}); "
        f"{insert_new}VALUES (new.organisation_id, {new}); END",
        "INSERT INTO directory_search_fts(directory_search_fts) VALUES ('rebuild')",
    )


# Its words, for suggesting one close to a word that finds nothing (a typo).
VOCABULARY = (
    "CREATE VIRTUAL TABLE directory_search_fts_vocab USING "
    "fts5vocab(directory_search_fts, 'row')"
)


WITH_FACETS, WITHOUT_FACETS = "name, body, facets", "name, body"


def _token(kind: str, code: str) -> str:
    # As engage/directory/search.py facet_token.
    return f"zz{zlib.crc32(f'{kind}/{code}'.encode())}"


def _fill_facets(connection) -> None:
    """Each indexed organisation's areas, kind, classifications and service categories."""
    tokens: dict[int, list[str]] = {}
    queries = (
        (
            "SELECT a.organisation_id, 'area', l.code FROM directory_organisation_area a "
            "JOIN local_authority l ON l.id = a.local_authority_id ORDER BY l.code"
        ),
        "SELECT id, 'kind', kind FROM directory_organisation",
        (
            "SELECT organisation_id, taxonomy, code FROM directory_organisation_term "
            "ORDER BY taxonomy, code"
        ),
        (
            "SELECT DISTINCT organisation_id, 'category', category FROM directory_service "
            "ORDER BY category"
        ),
    )
    for query in queries:
        for organisation_id, kind, code in connection.execute(sa.text(query)):
            tokens.setdefault(organisation_id, []).append(_token(kind, code))
    indexed = [
        row[0]
        for row in connection.execute(sa.text("SELECT organisation_id FROM directory_search_text"))
    ]
    if indexed:
        connection.execute(
            sa.text(
                "UPDATE directory_search_text SET facets = :facets WHERE organisation_id = :id"
            ),
            [{"id": i, "facets": " ".join(tokens.get(i, []))} for i in indexed],
        )


def upgrade():
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        for statement in DROP:
            op.execute(statement)
    with op.batch_alter_table("directory_search_text", schema=None) as batch_op:
        batch_op.add_column(sa.Column("facets", sa.Text(), server_default="", nullable=False))
    _fill_facets(connection)
    if sqlite:
        for statement in _create(WITH_FACETS):
            op.execute(statement)
        op.execute(VOCABULARY)


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for statement in DROP:
            op.execute(statement)
    with op.batch_alter_table("directory_search_text", schema=None) as batch_op:
        batch_op.drop_column("facets")
    if sqlite:
        for statement in _create(WITHOUT_FACETS):
            op.execute(statement)
