"""Leases: which instance runs the scheduler, decided by one conditional UPDATE."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from briefing_bot.errors import DuplicateError
from briefing_bot.store.base import Part
from briefing_bot.store.schema import bot_identity, leases

# The lease of the instance that runs the scheduled work (`leadership.py`): while someone
# holds it, a bot is running on the database.
SCHEDULER_LEASE = "scheduler"


class Leases(Part):
    """Take, renew, give up and read named leases."""

    async def claim_lease(self, name: str, holder: str, *, now: datetime,
                          until: datetime) -> bool:
        """Take or renew a lease; false while another holder's lease has not expired.

        One conditional UPDATE decides: PostgreSQL re-checks its WHERE on the row it locked and
        SQLite runs one writer at a time, so two instances can never both succeed.
        """
        async with self._begin() as conn:
            result = await conn.execute(
                leases.update()
                .where(leases.c.name == name,
                       sa.or_(leases.c.holder == holder, leases.c.expires_at < now))
                .values(holder=holder, expires_at=until,
                        acquired_at=sa.case((leases.c.holder == holder, leases.c.acquired_at),
                                            else_=now)))
            if result.rowcount:
                return True
            exists = (await conn.execute(
                sa.select(leases.c.name).where(leases.c.name == name))).first()
            if exists is not None:
                return False
        try:
            async with self._begin() as conn:
                await conn.execute(leases.insert().values(
                    name=name, holder=holder, expires_at=until, acquired_at=now))
        except DuplicateError:
            return False  # another instance inserted it first
        return True

    async def lease_holder(self, name: str) -> tuple[str, datetime] | None:
        """Who holds a lease and until when (it may have run out), or None."""
        async with self._connect() as conn:
            row = (await conn.execute(sa.select(leases.c.holder, leases.c.expires_at).where(
                leases.c.name == name))).first()
        return None if row is None else (row.holder, row.expires_at)

    async def running_bot(self, now: datetime) -> tuple[str, datetime] | None:
        """The bot running on this database (its lease's holder, and until when), if any:
        not a holder whose lease ran out. (A holder that crashed holds it until then: its
        pid cannot tell, another container may share the host's name and not its pids.)
        None too where the schema has no leases yet."""
        async with self._connect() as conn:
            if not await conn.run_sync(lambda sync: sa.inspect(sync).has_table(leases.name)):
                return None  # a schema older than its leases (0004)
        held = await self.lease_holder(SCHEDULER_LEASE)
        return held if held is not None and held[1] > now else None

    async def release_lease(self, name: str, holder: str) -> None:
        """Give a lease up at once (a clean shutdown), so another instance need not wait."""
        async with self._begin() as conn:
            await conn.execute(leases.delete().where(leases.c.name == name,
                                                     leases.c.holder == holder))

    async def bind_bot(self, bot_id: int, username: str, *, now: datetime,
                       rebind: bool = False) -> tuple[int, str]:
        """The bot this database serves: this one if it serves none yet (or `rebind`), else
        the one it serves, whose id the caller compares with its own."""
        bound = await self._bound_bot()
        if bound is None:
            try:
                async with self._begin() as conn:
                    await conn.execute(bot_identity.insert().values(
                        id=1, bot_id=bot_id, username=username, bound_at=now))
            except DuplicateError:
                pass  # another replica bound it first: read below
        elif rebind or (bound[0] == bot_id and bound[1] != username):  # or renamed
            async with self._begin() as conn:
                await conn.execute(bot_identity.update().where(bot_identity.c.id == 1)
                                   .values(bot_id=bot_id, username=username, bound_at=now))
        bound = await self._bound_bot()
        assert bound is not None  # noqa: S101 - written above
        return bound

    async def _bound_bot(self) -> tuple[int, str] | None:
        async with self._connect() as conn:
            row = (await conn.execute(sa.select(bot_identity.c.bot_id, bot_identity.c.username)
                                      .where(bot_identity.c.id == 1))).first()
        return None if row is None else (int(row.bot_id), str(row.username))
