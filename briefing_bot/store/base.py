"""What every part of the store shares: the engine, and the one place where the database
driver's exceptions become the project's own (callers never see SQLAlchemy)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from briefing_bot.errors import DuplicateError, StoreError, StoreUnavailable

# PostgreSQL's SQLSTATE for a unique violation; SQLite says so in its message.
_UNIQUE_VIOLATION = "23505"


def translate(exc: BaseException) -> StoreError:
    """The project's error for a failure of the database or of the connection to it."""
    if isinstance(exc, StoreError):
        return exc
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    reason = lines[0] if lines else type(orig).__name__
    if isinstance(exc, sa.exc.IntegrityError) and (
            getattr(orig, "sqlstate", None) == _UNIQUE_VIOLATION
            or "unique" in reason.lower() or "duplicate key" in reason.lower()):
        return DuplicateError(reason)
    # asyncpg raises OSError (refused, timed out) before SQLAlchemy can wrap it; a locked
    # SQLite file or a dropped connection is an OperationalError or InterfaceError.
    if isinstance(exc, OSError | sa.exc.OperationalError | sa.exc.InterfaceError
                  | sa.exc.TimeoutError | sa.exc.DisconnectionError) or getattr(
                      exc, "connection_invalidated", False):
        return StoreUnavailable(reason)
    return StoreError(reason)


class Part:
    """One aggregate's statements; the `Store` facade combines the parts over one engine."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    def _begin(self) -> contextlib.AbstractAsyncContextManager[AsyncConnection]:
        """A transaction, committed when the block ends; database failures become StoreError."""
        return _translated(self._engine.begin())

    def _connect(self) -> contextlib.AbstractAsyncContextManager[AsyncConnection]:
        """A connection for reading; database failures become StoreError."""
        return _translated(self._engine.connect())


@contextlib.asynccontextmanager
async def _translated(
    opening: contextlib.AbstractAsyncContextManager[AsyncConnection],
) -> AsyncIterator[AsyncConnection]:
    try:
        async with opening as conn:
            yield conn
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        raise translate(exc) from exc
