"""The picker question a private chat was just asked (/time, /timezone) and when: the reader's
next message answers it ("berlin" after "Which time zone? … send a city"), after a restart
too (reader QA, stop 70 T9; kept in memory before, a restart read the answer as a topic).

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "open_pickers",
        sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("open_pickers")
