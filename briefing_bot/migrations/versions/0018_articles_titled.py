"""Whether an article's title is its own headline or was made from its text (the item had
none): a story's title is a real headline before such a stand-in, one printed with a closing
full stop too ("Obama overturns Bush endangered species rule." lost a story's title to an
untitled item's opening sentence cut with "…": reader QA, stop 50 F9). Articles stored before
count as titled, as they were taken to be.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("titled", sa.Boolean, nullable=False,
                                        server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("titled")
