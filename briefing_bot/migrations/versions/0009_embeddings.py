"""Embedding vectors are kept, by model and by the text they were computed from: a restart
(or another replica) reads a story's or an article's vector instead of running the model again.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "embeddings",
        sa.Column("model", sa.String(200), primary_key=True),
        sa.Column("digest", sa.String(32), primary_key=True),
        sa.Column("vector", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_embeddings_created_at", "embeddings", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_embeddings_created_at", "embeddings")
    op.drop_table("embeddings")
