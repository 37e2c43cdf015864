"""Items without a date whose articles retention deleted, remembered for a year after a fetch
last found them listed, so that such an item is not stored (and told) again after retention.

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
        sa.Column("canonical_url", sa.Text),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_forgotten_items_seen_at", "forgotten_items", ["seen_at"])
    op.create_index("ix_forgotten_items_canonical_url", "forgotten_items", ["canonical_url"])
    op.create_index("ix_forgotten_items_content_hash", "forgotten_items", ["content_hash"])


def downgrade() -> None:
    op.drop_index("ix_forgotten_items_content_hash", "forgotten_items")
    op.drop_index("ix_forgotten_items_canonical_url", "forgotten_items")
    op.drop_index("ix_forgotten_items_seen_at", "forgotten_items")
    op.drop_table("forgotten_items")
