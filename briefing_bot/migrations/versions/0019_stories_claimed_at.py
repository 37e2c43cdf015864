"""When a briefing being written claimed a story (`Store.claim_stories`), apart from when a
reader received it (`delivered_at`). A claim kept the story's id and title while the
briefing's summaries were written; it used to set `delivered_at`, so a briefing never sent
(the bot stopped while writing it, or was killed) left the story received for good: its
title kept by the re-check, and its headline a source of "told before" marks no chat had
(review, stop 51 #5). A claim now lapses by itself (`CLAIM_HOLDS`).

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stories", sa.Column("claimed_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("claimed_at")
