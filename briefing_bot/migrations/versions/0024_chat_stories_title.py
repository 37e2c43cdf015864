"""The headline each chat was shown a story under: its updates reply under it. Worked out
again from the articles the chat had, an update came under another headline than the message
it replied to: one a title mended at sending time had replaced, or that of reports a re-check
had moved away (reader QA, stop 73 R3). NULL: recorded before.

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("chat_stories", sa.Column("title", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("chat_stories") as batch:
        batch.drop_column("title")
