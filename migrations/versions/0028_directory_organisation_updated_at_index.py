"""an index on directory_organisation.updated_at

The kept counts of organisations per community (the strategy tracker) read the latest
change to any organisation, an index end with this index instead of a scan of the directory.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-07 16:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_directory_organisation_updated_at', 'directory_organisation', ['updated_at'], unique=False)


def downgrade():
    op.drop_index('ix_directory_organisation_updated_at', table_name='directory_organisation')
