"""the outbox forgets a message's subject and body once it is sent or has failed;
invitations can be resent (only the newest link works) and cancelled

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 15:29:21.892937

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True))
        # Links sent before this carry no nonce; an empty one keeps them working.
        batch_op.add_column(
            sa.Column('link_nonce', sa.String(length=32), server_default='', nullable=False)
        )

    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.alter_column('subject',
               existing_type=sa.VARCHAR(length=300),
               nullable=True)
        batch_op.alter_column('body',
               existing_type=sa.TEXT(),
               nullable=True)

    # Messages already sent or given up on no longer need their text, which may hold someone
    # else's secret link (a password reset, an invitation, an application's resume link).
    op.execute(
        "UPDATE outbox_message SET subject = NULL, body = NULL "
        "WHERE status IN ('sent', 'failed')"
    )


def downgrade():
    # The old schema needs text in every message; the deleted text cannot come back.
    op.execute("UPDATE outbox_message SET subject = '' WHERE subject IS NULL")
    op.execute("UPDATE outbox_message SET body = '' WHERE body IS NULL")
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.alter_column('body',
               existing_type=sa.TEXT(),
               nullable=False)
        batch_op.alter_column('subject',
               existing_type=sa.VARCHAR(length=300),
               nullable=False)

    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_column('link_nonce')
        batch_op.drop_column('sent_at')
        batch_op.drop_column('cancelled_at')
