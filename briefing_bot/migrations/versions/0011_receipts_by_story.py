"""Receipts looked up by story: a re-check that merges a story moves what chats had of it to the
survivor, and must find those rows without reading every chat's receipts.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_chat_stories_story_id", "chat_stories", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_chat_stories_story_id", "chat_stories")
