"""Which version of each story each chat received, and the Telegram message that carried it.

`story_versions` names a story's set of articles once for every reader (readers who received
the same articles share a row); `chat_stories` holds one row per chat and story: the version
the chat has, the outbox part (or Telegram message) that carried it, and whether the reader
muted it. The outbox learns the Telegram message id of each part it sent, the message an
update replies to, and the buttons under a part.

No foreign key to `stories`: clustering may merge a story into another and delete it, and a
reader's memory of it must not block that.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_versions",
        sa.Column("digest", sa.String(32), primary_key=True),
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("article_ids", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_story_versions_story_id", "story_versions", ["story_id"])
    op.create_table(
        "chat_stories",
        sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("story_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("version", sa.String(32)),
        sa.Column("cycle", sa.String(64)),
        sa.Column("part", sa.Integer),
        sa.Column("message_id", sa.BigInteger),
        sa.Column("muted", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_chat_stories_received_at", "chat_stories", ["received_at"])
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("message_id", sa.BigInteger))
        batch.add_column(sa.Column("reply_to", sa.BigInteger))
        batch.add_column(sa.Column("buttons", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("buttons")
        batch.drop_column("reply_to")
        batch.drop_column("message_id")
    op.drop_index("ix_chat_stories_received_at", "chat_stories")
    op.drop_table("chat_stories")
    op.drop_index("ix_story_versions_story_id", "story_versions")
    op.drop_table("story_versions")
