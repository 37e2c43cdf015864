"""Quotas: how often someone may use a costly action, counted in the database so that every
replica of the bot grants from the same allowance."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import sqlalchemy as sa

from briefing_bot.store.base import Part
from briefing_bot.store.schema import inserted_id, quota_uses

# The first half of the PostgreSQL advisory lock taken per quota key (the second is the key's
# hash), so that quota locks never meet the lock that serializes migrations.
_QUOTA_LOCK = 0x71756F74


def _lock_key(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big",
                          signed=True)


class Quotas(Part):
    """Take one use of a limited allowance, atomically across processes."""

    async def take_quota(self, key: str, *, limit: int, window: timedelta,
                         now: datetime) -> int | None:
        """Use one of `limit` uses per `window` for `key`: the use's id, or None (and nothing
        used) when the allowance is spent.

        The use is written first and counted after, in one transaction. On SQLite the write
        takes the database's one write lock, so a second taker waits and then counts the
        first's use; on PostgreSQL an advisory lock on the key does the same.
        """
        start = now - window
        async with self._begin() as conn:
            if conn.dialect.name == "postgresql":
                await conn.execute(sa.select(sa.func.pg_advisory_xact_lock(
                    _QUOTA_LOCK, _lock_key(key))))
            use = inserted_id(await conn.execute(quota_uses.insert().values(key=key, at=now)))
            await conn.execute(quota_uses.delete().where(
                quota_uses.c.key == key, quota_uses.c.at <= start))
            used = (await conn.execute(sa.select(sa.func.count()).select_from(quota_uses).where(
                quota_uses.c.key == key, quota_uses.c.at > start))).scalar_one()
            if used <= limit:
                return use
            await conn.execute(quota_uses.delete().where(quota_uses.c.id == use))
            return None

    async def give_back_quota(self, use: int) -> None:
        """Undo a use (the work it was taken for turned out impossible)."""
        async with self._begin() as conn:
            await conn.execute(quota_uses.delete().where(quota_uses.c.id == use))

    async def quota_frees_at(self, key: str, *, window: timedelta,
                             now: datetime) -> datetime | None:
        """When `key`'s oldest use in the window ending now leaves it (None: it has none)."""
        async with self._connect() as conn:
            oldest = (await conn.execute(sa.select(sa.func.min(quota_uses.c.at)).where(
                quota_uses.c.key == key, quota_uses.c.at > now - window))).scalar_one()
        return None if oldest is None else oldest + window

    async def quota_used(self, key: str, *, window: timedelta, now: datetime) -> int:
        """How many uses `key` has in the window ending now (a look, nothing is taken)."""
        async with self._connect() as conn:
            return int((await conn.execute(sa.select(sa.func.count()).select_from(quota_uses)
                                           .where(quota_uses.c.key == key,
                                                  quota_uses.c.at > now - window))).scalar_one())
