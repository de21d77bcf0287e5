"""count snapshots in core, and the stories' changed_at and public-page index

The kept counts of a report move into one core table (count_snapshot) used by consultation
results and the stories reports; consultation_results_snapshot was only a cache, so it is
dropped, not copied. story.changed_at (filled with told_at for stories already told) tells
the stories reports when to count again. story.due_on is never empty (so the queue reads
ix_story_queue in order on SQLite too, where NULLS LAST would need a sort). ix_story_public is a partial index holding exactly
the stories the public page may show.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07 15:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None

# The same condition as engage/stories/models.py PUBLIC, as each database writes it.
PUBLIC_SQLITE = ("published_at IS NOT NULL AND consent_publish IS 1 AND safeguarding IS 0 "
                 "AND withdrawn_at IS NULL")
PUBLIC_POSTGRESQL = ("published_at IS NOT NULL AND consent_publish IS true "
                     "AND safeguarding IS false AND withdrawn_at IS NULL")


def upgrade():
    op.create_table('count_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_type', sa.String(length=40), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('filter_key', sa.String(length=120), nullable=False),
    sa.Column('fingerprint', sa.String(length=200), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=False),
    sa.Column('counted_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_count_snapshot')),
    sa.UniqueConstraint('owner_type', 'owner_id', 'filter_key', name=op.f('uq_count_snapshot_owner_type'))
    )
    op.drop_table('consultation_results_snapshot')

    # SQLite's batch mode copies the table, and would lose ix_story_queue's DESC: made again.
    op.drop_index('ix_story_queue', table_name='story')
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.add_column(sa.Column('changed_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE story SET changed_at = told_at")
    # Every story is given a due date when told; none is empty, but make sure before saying so.
    told_on = "CAST(told_at AS DATE)" if op.get_bind().dialect.name == "postgresql" else "date(told_at)"
    op.execute(f"UPDATE story SET due_on = {told_on} WHERE due_on IS NULL")
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_changed_at'), ['changed_at'], unique=False)
        batch_op.alter_column('due_on', existing_type=sa.Date(), nullable=False)
    op.create_index('ix_story_queue', 'story', [sa.literal_column('safeguarding DESC'), 'due_on', 'id'], unique=False)
    op.create_index('ix_story_public', 'story', ['published_at'], unique=False,
                    sqlite_where=sa.text(PUBLIC_SQLITE),
                    postgresql_where=sa.text(PUBLIC_POSTGRESQL))


def downgrade():
    op.drop_index('ix_story_public', table_name='story')
    op.drop_index('ix_story_queue', table_name='story')
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.alter_column('due_on', existing_type=sa.Date(), nullable=True)
        batch_op.drop_index(batch_op.f('ix_story_changed_at'))
        batch_op.drop_column('changed_at')
    op.create_index('ix_story_queue', 'story', [sa.literal_column('safeguarding DESC'), 'due_on', 'id'], unique=False)

    op.create_table('consultation_results_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('filter_key', sa.String(length=120), nullable=False),
    sa.Column('fingerprint', sa.String(length=120), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=False),
    sa.Column('counted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_consultation_results_snapshot_consultation_id_consultation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_results_snapshot')),
    sa.UniqueConstraint('consultation_id', 'filter_key', name=op.f('uq_consultation_results_snapshot_consultation_id'))
    )
    op.drop_table('count_snapshot')
