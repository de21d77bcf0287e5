"""success measure values per year

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07 15:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('strategy_measure_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=100), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['strategy_measure.id'], name=op.f('fk_strategy_measure_value_measure_id_strategy_measure'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_strategy_measure_value_recorded_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_measure_value')),
    sa.UniqueConstraint('measure_id', 'year', name=op.f('uq_strategy_measure_value_measure_id'))
    )
    with op.batch_alter_table('strategy_measure_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_measure_value_measure_id'), ['measure_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_strategy_measure_value_recorded_by_id'), ['recorded_by_id'], unique=False)


def downgrade():
    with op.batch_alter_table('strategy_measure_value', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_strategy_measure_value_recorded_by_id'))
        batch_op.drop_index(batch_op.f('ix_strategy_measure_value_measure_id'))

    op.drop_table('strategy_measure_value')
