"""The place a reader named with /timezone ("Lugano, CH"), kept beside its zone: later
messages said "Europe/Zurich (Zurigo)" to a reader in Lugano, as only the zone was stored
(QA stop 62 F8). NULL: the zone's own city, as before.

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("subscribers", sa.Column("place", sa.String(128)))


def downgrade() -> None:
    with op.batch_alter_table("subscribers") as batch:
        batch.drop_column("place")
