"""Leases: which instance runs the scheduler, decided by one conditional UPDATE."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from briefing_bot.errors import DuplicateError
from briefing_bot.store.base import Part
from briefing_bot.store.schema import leases


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

    async def release_lease(self, name: str, holder: str) -> None:
        """Give a lease up at once (a clean shutdown), so another instance need not wait."""
        async with self._begin() as conn:
            await conn.execute(leases.delete().where(leases.c.name == name,
                                                     leases.c.holder == holder))

