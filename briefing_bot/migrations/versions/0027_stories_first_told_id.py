"""The id of the story that first told a retelling's event (retold.py): a chat that muted
that story is not sent its retelling days later (reader QA, stop 78 Q9: the reader who had
muted the Oscars story got its retelling four days later as a new story, a fresh Mute button
under it). The first telling of a chain of retellings: the root, as first_told_at is.

Retellings marked before are given the story their mark names, where one is found: the
story readers were first told the event by, delivered at the mark's date under its headline.

Revision ID: 0027
Revises: 0026
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stories", sa.Column("first_told_id", sa.Integer))
    stories = sa.table("stories", sa.column("id", sa.Integer), sa.column("title", sa.Text),
                       sa.column("delivered_at"), sa.column("first_told_at"),
                       sa.column("first_told_title", sa.Text),
                       sa.column("first_told_id", sa.Integer))
    told = stories.alias("told")
    op.execute(stories.update().where(
        stories.c.first_told_at.is_not(None), stories.c.first_told_title.is_not(None))
        .values(first_told_id=sa.select(sa.func.min(told.c.id)).where(
            told.c.delivered_at == stories.c.first_told_at,
            told.c.title == stories.c.first_told_title,
            told.c.id != stories.c.id).scalar_subquery()))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("first_told_id")
