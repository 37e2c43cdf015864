"""The schema is declared once: the tables the store uses are exactly what the migrations make."""

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from briefing_bot.config import async_database_url
from briefing_bot.store import Store, schema

pytestmark = pytest.mark.both_databases


def same_empty_default(_context: MigrationContext, _inspected: Any, _declared: Any,
                       inspected: str | None, _declared_default: Any,
                       declared: str | None) -> bool | None:
    """Alembic's SQLite check strips the quotes of non-empty defaults only, so an empty-string
    default always reads as changed there; say "no change" for that case alone."""
    if inspected in ("''", "('')") and declared == "":
        return False
    return None  # everything else: Alembic's own comparison


def differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={
        "compare_type": True, "compare_server_default": same_empty_default})
    return list(compare_metadata(context, schema.metadata))


async def migrated_differences(database_url: str, *, then: str | None = None) -> list[Any]:
    """Migrate a fresh database to the newest revision, run `then`, and compare."""
    store = await Store.open(database_url)
    await store.close()
    engine = create_async_engine(async_database_url(database_url))
    try:
        if then is not None:
            async with engine.begin() as conn:
                await conn.exec_driver_sql(then)
        async with engine.connect() as conn:
            return await conn.run_sync(differences)
    finally:
        await engine.dispose()


async def test_the_migrated_database_matches_the_declared_tables(database_url: str) -> None:
    assert await migrated_differences(database_url) == []


async def test_a_missing_index_is_noticed(database_url: str) -> None:
    # The comparison itself must be able to fail: drop one index the tables declare.
    found = await migrated_differences(database_url, then="DROP INDEX ix_articles_fetched_at")
    assert [(diff[0], diff[1].name) for diff in found] == [("add_index", "ix_articles_fetched_at")]
