"""Fixtures: settings and a real SQLite store per test, a fake feed server, a clock."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from briefing_bot.config import Settings
from briefing_bot.store import Store
from tests.fakes import Clock, FeedServer, client_for

DATA = Path(__file__).parent / "data"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'test.db'}",
                    refresh_minutes=30, fetch_concurrency=4, max_feed_bytes=1_000_000,
                    max_page_bytes=500_000)


@pytest.fixture
async def store(settings: Settings) -> AsyncIterator[Store]:
    opened = await Store.open(settings.database_url)
    yield opened
    await opened.close()


@pytest.fixture
def server() -> FeedServer:
    return FeedServer()


@pytest.fixture
async def http(server: FeedServer) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(server) as client:
        yield client


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(autouse=True)
def _fail_on_logged_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Errors logged where a test did not expect them fail the test."""
    yield
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]
