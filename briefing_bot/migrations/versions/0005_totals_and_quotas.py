"""Delivery totals per day that outlive a reader's /stop, and quota uses shared by replicas.

Revision ID: 0005
Revises: 0004
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    totals = op.create_table(
        "delivery_totals",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("status", sa.String(16), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_table(
        "quota_uses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_quota_uses_key_at", "quota_uses", ["key", "at"])
    # Start the totals from the deliveries still in the outbox, so /stats does not drop to zero.
    outbox = sa.table("outbox", sa.column("status", sa.String),
                      sa.column("sent_at", sa.DateTime(timezone=True)),
                      sa.column("created_at", sa.DateTime(timezone=True)))
    moment = sa.func.coalesce(outbox.c.sent_at, outbox.c.created_at)
    day: sa.ColumnElement[Any]
    if op.get_bind().dialect.name == "postgresql":
        day = sa.cast(sa.func.timezone("UTC", moment), sa.Date)
    else:  # SQLite keeps UTC as naive text
        day = sa.func.date(moment)
    op.execute(totals.insert().from_select(
        ["day", "status", "count"],
        sa.select(day, outbox.c.status, sa.func.count())
        .where(outbox.c.status.in_(["sent", "failed", "dropped"]))
        .group_by(day, outbox.c.status)))


def downgrade() -> None:
    op.drop_table("quota_uses")
    op.drop_table("delivery_totals")
