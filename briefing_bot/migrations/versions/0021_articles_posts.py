"""A live blog's posts, oldest first, beside its text (a JSON list of strings): a story told
by a live blog was summarized from its first hour, as its text runs from the morning on
(QA stop 64 J6). NULL: no live blog, or stored before.

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("posts", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("posts")
