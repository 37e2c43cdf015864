"""A story's news categories as the LLM named them with its summary (prompts/story_summary.toml):
topic filters use them beside the offline category scores.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stories", sa.Column("categories", sa.String(100)))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("categories")
