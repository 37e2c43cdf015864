"""The language a source's feed declares (RSS `<language>`, `dc:language`, Atom `xml:lang`,
JSON Feed's `language`), as a base code: a report too short to tell its own counts in it
(reader QA, stop 74 R5: a nine-word English teaser of a new outlet reached Spanish readers
as if in Spanish). NULL: none declared, or not read yet.

Revision ID: 0025
Revises: 0024
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sources", sa.Column("language", sa.String(16)))


def downgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("language")
