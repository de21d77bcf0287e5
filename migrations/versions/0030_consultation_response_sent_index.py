"""the index of a consultation's responses by status also holds when each was sent

The results page keeps its counts and counts again only when the responses that match have
changed: it checks how many there are and the latest sending time. With the
sending time in the index, the latest is read from the index's end, and the check no longer
adds up every response's id (2.7 ms to 1 ms at 20,000 responses on SQLite). Every query that
used the index (consultation, status) still can.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-07 22:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0030'
down_revision = '0029'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index(
        'ix_consultation_response_consultation_id_status', table_name='consultation_response'
    )
    op.create_index(
        'ix_consultation_response_consultation_id_status', 'consultation_response',
        ['consultation_id', 'status', 'submitted_at'], unique=False,
    )


def downgrade():
    op.drop_index(
        'ix_consultation_response_consultation_id_status', table_name='consultation_response'
    )
    op.create_index(
        'ix_consultation_response_consultation_id_status', 'consultation_response',
        ['consultation_id', 'status'], unique=False,
    )
