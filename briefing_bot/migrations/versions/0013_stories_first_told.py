"""When readers were first told a story's event, if a story of days before told it (retold.py):
a late retelling is marked "first reported 11 May", not sent as news.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stories", sa.Column("first_told_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("first_told_at")
