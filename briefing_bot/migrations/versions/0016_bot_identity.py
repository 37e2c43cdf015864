"""The Telegram bot a database serves: a second bot (another token) started on it would take
its readers for chats that left (Telegram answers it "Forbidden") and deactivate them all.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bot_identity",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("bot_id", sa.BigInteger, nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("bound_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("bot_identity")
