"""Several instances on one database: one runs the scheduled work, another takes over."""

import logging
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from briefing_bot.leadership import Leadership
from briefing_bot.store import Store
from tests.fakes import Clock
from tests.postgres import free_port

pytestmark = pytest.mark.both_databases


class Monotonic:
    """The instance's own steady clock, moved with the wall clock in these tests."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._start = clock()

    def __call__(self) -> float:
        return (self._clock() - self._start).total_seconds()


def instance(store: Store, clock: Clock, name: str, events: list[str]) -> Leadership:
    leadership = Leadership(store, lease_seconds=30, clock=clock, holder=name,
                            monotonic=Monotonic(clock))

    async def gain() -> None:
        events.append(f"{name} leads")

    async def loss() -> None:
        events.append(f"{name} stands by")

    leadership.on_gain = gain
    leadership.on_loss = loss
    return leadership


async def test_one_instance_leads_and_a_standby_takes_over_within_a_minute(
    store: Store, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="briefing_bot.leadership")
    events: list[str] = []
    a = instance(store, clock, "a", events)
    b = instance(store, clock, "b", events)
    assert await a.renew() and a.active
    assert not await b.renew() and not b.active
    # a renews every ten seconds and keeps leading.
    for _ in range(5):
        clock.advance(seconds=a.renew_interval)
        assert await a.renew()
        assert not await b.renew()
    assert events == ["a leads"]
    assert caplog.records == []  # the first instance's start is no warning

    # a dies (stops renewing). b tries every ten seconds and leads once the lease ran out.
    died = clock()
    while not await b.renew():
        clock.advance(seconds=b.renew_interval)
        assert clock() - died < timedelta(minutes=1)
    assert b.active
    # a itself stopped trusting its lease before b could take it: never two leaders at once.
    assert not a.active
    took_over = clock() - died
    assert timedelta(seconds=30) < took_over <= timedelta(seconds=40)
    # The takeover is in the operator's log at the default level (operator QA: only INFO).
    assert [r.getMessage() for r in caplog.records] == [
        "this instance (b) took over the scheduled work: the instance that held it stopped "
        "renewing its lease"]
    # a comes back (a paused process): it finds b leading and stands by.
    assert not await a.renew()
    assert events == ["a leads", "b leads", "a stands by"]


async def test_a_clean_shutdown_hands_over_at_once(
    store: Store, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="briefing_bot.leadership")
    events: list[str] = []
    a = instance(store, clock, "a", events)
    b = instance(store, clock, "b", events)
    assert await a.renew()
    assert not await b.renew()  # b stands by
    await a.release()
    assert not a.active
    assert await b.renew()
    assert events == ["a leads", "b leads"]
    # Said as a hand-over, not as a crash (operator QA N4: a planned restart read as an
    # incident in the journal).
    assert [r.getMessage() for r in caplog.records] == [
        "this instance (b) took over the scheduled work: the instance that held it stopped "
        "and handed it over"]


async def test_an_unreachable_database_ends_leadership_before_the_lease_expires(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    events: list[str] = []
    a = instance(store, clock, "a", events)
    assert await a.renew()

    # The database goes away: every connection is refused (nothing listens on that port).
    unreachable = create_async_engine(f"postgresql+asyncpg://bot@127.0.0.1:{free_port()}/news")
    monkeypatch.setattr(store, "_engine", unreachable)
    try:
        clock.advance(seconds=10)
        assert not await a.renew()
        assert a.active  # the lease still surely holds
        clock.advance(seconds=11)
        await a.renew()
        assert not a.active  # 21 s after the last renewal: stop before anyone may take over at 30
    finally:
        await unreachable.dispose()
        monkeypatch.undo()
    assert events == ["a leads", "a stands by"]
    # The database is back: the log says the work goes on, at the default level too
    # (operator QA: its last line said "standing by" while the instance was active again).
    with caplog.at_level(logging.WARNING, logger="briefing_bot.leadership"):
        clock.advance(seconds=1)
        assert await a.renew() and a.active
    assert [r.getMessage() for r in caplog.records][-1] == (
        "this instance (a) runs the scheduled work again")


async def test_a_database_outage_is_said_when_it_starts_and_once_in_a_while(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Operator QA: a WARNING at every renewal (every 10 s) for the whole outage.
    a = instance(store, clock, "a", [])
    assert await a.renew()
    unreachable = create_async_engine(f"postgresql+asyncpg://bot@127.0.0.1:{free_port()}/news")
    monkeypatch.setattr(store, "_engine", unreachable)
    try:
        with caplog.at_level(logging.WARNING, logger="briefing_bot.leadership"):
            for _ in range(31):  # 310 s of renewals every 10 s
                clock.advance(seconds=10)
                await a.renew()
    finally:
        await unreachable.dispose()
        monkeypatch.undo()
    said = [r.getMessage() for r in caplog.records if "cannot renew" in r.getMessage()]
    assert len(said) == 2 and "(failing for 5 min)" in said[1]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="briefing_bot.leadership"):
        clock.advance(seconds=1)
        assert await a.renew()
    assert "the database answers again" in caplog.records[0].getMessage()


async def test_an_instance_older_than_the_schema_stops_leading_or_waiting(
    store: Store, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    """Review: after a newer instance migrated the database, an older instance could take the
    lease, or keep it, and write rows without the new columns' meaning (operator QA N2, seen
    from the other side); in webhook mode every replica answers readers. Each is told, once,
    and (in `run`) stops."""
    caplog.set_level(logging.WARNING, logger="briefing_bot.leadership")
    events: list[str] = []
    active, standby = instance(store, clock, "a", events), instance(store, clock, "b", events)
    told: list[str] = []
    active.on_schema_ahead = standby.on_schema_ahead = told.append
    assert await active.renew() and not await standby.renew()
    async with store._engine.begin() as conn:
        await conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    for _ in range(3):
        clock.advance(seconds=active.renew_interval)
        assert not await active.renew() and not await standby.renew()
    assert events == ["a leads", "a stands by"] and not active.active and not standby.active
    assert [why.split(": ", 1)[1] for why in told] == [
        "this instance (a) stops; start it on the newer version",
        "this instance (b) stops; start it on the newer version"]
    assert told[0].startswith("the database's schema is 9999, newer than this version")
    assert caplog.records == []  # said by `run`, through the callback, as its last line
