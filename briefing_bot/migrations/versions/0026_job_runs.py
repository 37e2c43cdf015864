"""When each scheduled job's last run started and ended, and on which instance: `status`
says a refresh is running since when, and calls one running too long stuck (operator QA,
stop 77: it inferred a stuck refresh from the sources' times, and APScheduler's "maximum
number of running instances reached" was the log's only word of one that overran).

Revision ID: 0026
Revises: 0025
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_runs",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("job_runs")
