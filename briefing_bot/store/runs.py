"""Runs of the scheduled jobs: when the last one of each started and ended, for `status`."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from briefing_bot.store.base import Part
from briefing_bot.store.schema import job_runs

# The job that reads the sources and files their articles (bot.py `schedule_jobs`).
REFRESH_RUN = "refresh"


@dataclasses.dataclass(frozen=True)
class JobRun:
    """A job's last run: by which instance (its lease's holder), from when, until when (None:
    still running, or its instance stopped before it ended)."""

    name: str
    holder: str
    started_at: datetime
    ended_at: datetime | None


class Runs(Part):
    """Record and read the scheduled jobs' last runs (one row a job, shared by the instances:
    only the lease holder runs them, and `status` reads them from another process)."""

    async def run_started(self, name: str, holder: str, *, now: datetime) -> None:
        """A run of the job begins now on `holder`; it replaces the last one's record."""
        values = {"holder": holder, "started_at": now, "ended_at": None}
        async with self._begin() as conn:
            # One statement, as `Summaries.save_summary`: two instances' first runs at once
            # cannot both insert.
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            statement = dialect.insert(job_runs).values(name=name, **values)
            await conn.execute(statement.on_conflict_do_update(index_elements=["name"],
                                                               set_=values))

    async def run_ended(self, name: str, holder: str, *, started: datetime,
                        now: datetime) -> None:
        """The run that began at `started` on `holder` ended now (not a later one's record)."""
        async with self._begin() as conn:
            await conn.execute(job_runs.update().where(
                job_runs.c.name == name, job_runs.c.holder == holder,
                job_runs.c.started_at == started).values(ended_at=now))

    async def last_run(self, name: str) -> JobRun | None:
        """The job's last run recorded, if any."""
        async with self._connect() as conn:
            row = (await conn.execute(sa.select(job_runs).where(
                job_runs.c.name == name))).first()
        return None if row is None else JobRun(name=row.name, holder=row.holder,
                                               started_at=row.started_at,
                                               ended_at=row.ended_at)
