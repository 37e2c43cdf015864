"""An article corrected in place by its outlet (same item, new headline) is stored as a new
version; the earlier one stays, `revised_by` the current version, so that a chat that had it
gets the correction as an update.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("revised_by", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("revised_by")
