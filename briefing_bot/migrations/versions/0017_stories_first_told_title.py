"""The headline of the earlier story a late story was taken to retell (retold.py), shown
with the mark: "earlier story 3 days ago: “…”". The check compares words, and a sibling
event (a rule and its reversal) can pass it; with the earlier headline beside it the mark
says what it rests on instead of calling a new event old news (reader QA, stop 43 F13).

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stories", sa.Column("first_told_title", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("first_told_title")
