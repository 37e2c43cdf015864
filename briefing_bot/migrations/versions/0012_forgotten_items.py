"""Items a source listed whose articles retention deleted: kept while the source still lists
them, so that an item without a date is not stored (and told) again after retention.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "forgotten_items",
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), primary_key=True),
        sa.Column("guid", sa.Text, primary_key=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_forgotten_items_seen_at", "forgotten_items", ["seen_at"])


def downgrade() -> None:
    op.drop_index("ix_forgotten_items_seen_at", "forgotten_items")
    op.drop_table("forgotten_items")
