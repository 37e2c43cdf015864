"""An index on articles.revised_by: a feed read looks up its items' earlier versions, and a
re-check moves them with their current versions (without it, both read the whole table).

Revision ID: 0015
Revises: 0014
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_revised_by", "articles", ["revised_by"])


def downgrade() -> None:
    op.drop_index("ix_articles_revised_by", "articles")
