"""Subscribers (chats) with their preferences and schedule, and the delivery outbox.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subscribers",
        # Telegram chat ids need 64 bits (supergroups are -100xxxxxxxxxx).
        sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("chat_type", sa.String(16), nullable=False),
        sa.Column("topics", sa.Text, nullable=False, server_default=""),
        sa.Column("brief_time", sa.String(5), nullable=False, server_default="07:30"),
        sa.Column("timezone", sa.String(64), nullable=False, server_default="UTC"),
        sa.Column("language", sa.String(16), nullable=False, server_default="en"),
        sa.Column("paused", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("next_briefing_at", sa.DateTime(timezone=True)),
        sa.Column("last_briefing_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_subscribers_due", "subscribers", ["active", "paused", "next_briefing_at"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chat_id", sa.BigInteger, nullable=False),
        sa.Column("cycle", sa.String(64), nullable=False),
        sa.Column("part", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("error", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("chat_id", "cycle", "part", name="uq_outbox_chat_cycle_part"),
    )
    op.create_index("ix_outbox_pending", "outbox", ["status", "not_before"])


def downgrade() -> None:
    op.drop_table("outbox")
    op.drop_table("subscribers")
