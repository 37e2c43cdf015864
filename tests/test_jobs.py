"""The briefing cycle: due chats get exactly one briefing each, costs stay flat."""

import logging
from datetime import UTC, datetime, timedelta

import pytest

from briefing_bot import jobs, updates
from briefing_bot.briefing import build_briefing
from briefing_bot.errors import StoreError
from briefing_bot.jobs import run_briefing_cycle
from briefing_bot.models import Entry, InputKind, SourceKind
from briefing_bot.services import Services
from briefing_bot.store import JobRun, NewArticle, StoryVersion
from tests.fakes import Clock, FakeLLM, two_readers_due

pytestmark = pytest.mark.both_databases

QUAKE = ("A magnitude 6.4 earthquake struck off the coast of Veloria early on Tuesday. "
         "The Seismic Institute said the quake was centred 38 kilometres south-west of the city. "
         "Mayor Ilse Brandt said no deaths had been reported. ") * 2


async def seed(services: Services, clock: Clock) -> None:
    source, _ = await services.store.add_source("https://a.example/feed", SourceKind.FEED,
                                                now=clock(), title="Outlet A")
    await services.store.add_articles(source.id, [NewArticle(Entry(
        guid="q", url="https://a.example/q", title="Quake hits Veloria", text=QUAKE,
        kind=InputKind.FULL, published_at=clock()), None, None, -1)], now=clock())


async def test_each_due_chat_is_queued_once_and_rescheduled(
    services: Services, fake_llm: FakeLLM, clock: Clock
) -> None:
    await seed(services, clock)
    for chat in range(1, 51):
        await services.store.upsert_subscriber(
            chat, chat_type="private", now=clock(), topics="earthquake" if chat % 2 else "",
            next_briefing_at=clock() - timedelta(minutes=1))
    report = await run_briefing_cycle(services.store, services.summarizer, now=clock(),
                                      max_words=60)
    assert report.queued == 50
    assert fake_llm.calls == 1  # one story, one summary, fifty readers
    again = await run_briefing_cycle(services.store, services.summarizer, now=clock(),
                                     max_words=60)
    assert again.queued == 0  # nobody is due twice
    pending = await services.store.pending_deliveries(clock(), limit=1000)
    assert sorted({d.chat_id for d in pending}) == list(range(1, 51))
    assert all("Quake hits Veloria" in d.text for d in pending)
    subscriber = await services.store.get_subscriber(1)
    assert subscriber is not None
    assert subscriber.next_briefing_at == datetime(2026, 11, 25, 7, 30, tzinfo=UTC)


async def test_missed_briefings_within_the_grace_window_are_sent_once_older_ones_skipped(
    services: Services, clock: Clock
) -> None:
    await seed(services, clock)
    await services.store.upsert_subscriber(1, chat_type="private", now=clock(),
                                           next_briefing_at=clock() - timedelta(hours=2))
    await services.store.upsert_subscriber(2, chat_type="private", now=clock(),
                                           next_briefing_at=clock() - timedelta(hours=30))
    report = await run_briefing_cycle(services.store, services.summarizer, now=clock(),
                                      max_words=60)
    assert (report.queued, report.skipped) == (1, 1)
    assert {d.chat_id for d in await services.store.pending_deliveries(clock())} == {1}


async def test_readers_with_the_same_filter_share_one_composition(
    services: Services, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed(services, clock)
    for chat in range(1, 31):
        await services.store.upsert_subscriber(
            chat, chat_type="private", now=clock(), topics=("earthquake", "veloria", "")[chat % 3],
            next_briefing_at=clock() - timedelta(minutes=1))
    built = []
    original = build_briefing  # what updates imported, and calls through its own name

    async def counting(*args: object, **kwargs: object) -> object:
        built.append(kwargs["topics"])
        return await original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(updates, "build_briefing", counting)
    report = await run_briefing_cycle(services.store, services.summarizer, now=clock(),
                                      max_words=60)
    assert report.queued == 30
    assert len(built) == 3


async def test_a_chat_due_again_for_a_slot_already_queued_moves_on_without_a_second_briefing(
    services: Services, clock: Clock
) -> None:
    await seed(services, clock)
    slot = clock() - timedelta(minutes=1)
    await services.store.upsert_subscriber(1, chat_type="private", now=clock(),
                                           next_briefing_at=slot)
    assert (await run_briefing_cycle(services.store, services.summarizer, now=clock(),
                                     max_words=60)).queued == 1
    # A backup restored, or the clock set back: the chat points at the slot already queued.
    await services.store.upsert_subscriber(1, chat_type="private", now=clock(),
                                           next_briefing_at=slot)
    again = await run_briefing_cycle(services.store, services.summarizer, now=clock(),
                                     max_words=60)
    assert again.queued == 0
    assert len(await services.store.pending_deliveries(clock(), limit=100)) == 1
    subscriber = await services.store.get_subscriber(1)
    assert subscriber is not None and subscriber.next_briefing_at is not None
    assert subscriber.next_briefing_at > clock()  # not due forever
    assert await services.store.due_subscribers(clock(), limit=10) == []


async def test_stories_in_a_queued_briefing_are_marked_as_received(
    services: Services, fake_llm: FakeLLM, clock: Clock
) -> None:
    # A merge later keeps the id of a story readers received (the developing-stories replies).
    await seed(services, clock)
    window = clock() - timedelta(days=1)
    (story,) = await services.store.stories_since(window)
    assert await services.store.received_titles([story.id], now=clock()) == {}
    await services.store.upsert_subscriber(1, chat_type="private", now=clock(),
                                           next_briefing_at=clock() - timedelta(minutes=1))
    await run_briefing_cycle(services.store, services.summarizer, now=clock(), max_words=60)
    (story,) = await services.store.stories_since(window)
    assert await services.store.received_titles([story.id], now=clock()) == {story.id: story.title}


async def test_a_chat_told_by_briefing_while_its_scheduled_one_was_written_gets_it_once(
    services: Services, fake_llm: FakeLLM, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Operator QA: with a slow LLM, a /briefing sent while the scheduled briefing was being
    written (or the reverse) sent every story twice, seconds apart."""
    await seed(services, clock)
    await services.store.upsert_subscriber(1, chat_type="private", now=clock(),
                                           next_briefing_at=clock() - timedelta(minutes=1))
    written = services.summarizer.summarize_story

    async def slow(story, **kwargs):  # type: ignore[no-untyped-def]
        # Meanwhile the reader's /briefing sent this story.
        clock.advance(minutes=2)
        await services.store.record_receipts(1, [(updates.version_of(story), 501)],
                                             now=clock())
        return await written(story, **kwargs)

    monkeypatch.setattr(services.summarizer, "summarize_story", slow)
    started = clock()
    report = await run_briefing_cycle(services.store, services.summarizer, now=started,
                                      max_words=60)
    assert (report.queued, report.deferred) == (0, 1)
    assert await services.store.pending_deliveries(clock(), limit=10) == []
    # Still due: the next tick writes it from what the chat has now, which is nothing new.
    monkeypatch.setattr(services.summarizer, "summarize_story", written)
    again = await run_briefing_cycle(services.store, services.summarizer, now=clock(),
                                     max_words=60)
    assert (again.queued, again.quiet, again.deferred) == (0, 1, 0)
    assert await services.store.pending_deliveries(clock(), limit=10) == []


async def test_a_chat_whose_stored_zone_this_machine_lacks_is_still_briefed_at_its_time_in_utc(
    services: Services, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    # A database moved from a machine with newer tzdata: the zone was valid when stored.
    await seed(services, clock)
    await services.store.upsert_subscriber(
        7, chat_type="private", now=clock(), timezone="Mars/Phobos", brief_time="07:30",
        next_briefing_at=clock() - timedelta(minutes=1))
    report = await run_briefing_cycle(services.store, services.summarizer, now=clock(),
                                      max_words=60)
    assert report.queued == 1
    subscriber = await services.store.get_subscriber(7)
    assert subscriber is not None
    # Rescheduled, not dropped: 07:30 UTC the next day, and the operator is told why.
    assert subscriber.next_briefing_at == datetime(2026, 11, 25, 7, 30, tzinfo=UTC)
    assert "'Mars/Phobos' is unknown" in caplog.text


async def test_a_chat_an_earlier_version_left_unscheduled_is_scheduled_again(
    services: Services, clock: Clock
) -> None:
    """Review: the version before could not read a zone this machine lacks and stored no next
    briefing; such a chat was never due again, whatever the zone rule said later."""
    await services.store.upsert_subscriber(
        8, chat_type="private", now=clock(), timezone="Mars/Phobos", brief_time="07:30",
        next_briefing_at=None)
    await services.store.upsert_subscriber(9, chat_type="private", now=clock(), paused=True,
                                           next_briefing_at=None)
    await run_briefing_cycle(services.store, services.summarizer, now=clock(), max_words=60)
    stranded = await services.store.get_subscriber(8)
    assert stranded is not None
    assert stranded.next_briefing_at == datetime(2026, 11, 25, 7, 30, tzinfo=UTC)
    paused = await services.store.get_subscriber(9)
    assert paused is not None and paused.next_briefing_at is None  # /resume schedules it


async def test_a_slow_round_queues_each_briefing_as_it_is_written(
    services: Services, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reader QA (stop 60): with a slow model the chats of a round were queued together, so
    the first waited for the last one's summaries. Once writing has taken long, what is
    written is queued (and sending told) before the next chat is written."""
    await two_readers_due(services.store, clock)
    monkeypatch.setattr(jobs, "QUEUE_AFTER_SECONDS", 0.0)  # every chat's writing is "slow"
    written = services.summarizer.summarize_story
    pending_when: dict[str, set[int]] = {}

    async def watched(story, **kwargs):  # type: ignore[no-untyped-def]
        pending = await services.store.pending_deliveries(clock(), limit=10)
        pending_when[story.title] = {d.chat_id for d in pending}
        return await written(story, **kwargs)

    monkeypatch.setattr(services.summarizer, "summarize_story", watched)
    calls: list[int] = []
    report = await run_briefing_cycle(services.store, services.summarizer, now=clock(),
                                      max_words=60, queued=lambda: calls.append(1))
    assert report.queued == 2
    assert pending_when["Ferry strike in Lenn"] == {1}, pending_when  # the first went first
    assert len(calls) == 2
    # Written fast, a batch is still queued together, once.
    monkeypatch.setattr(jobs, "QUEUE_AFTER_SECONDS", 3600.0)
    for chat in (1, 2):
        await services.store.upsert_subscriber(chat, chat_type="private", now=clock(),
                                               next_briefing_at=clock() - timedelta(minutes=1))
    clock.advance(hours=13)
    calls.clear()
    await run_briefing_cycle(services.store, services.summarizer, now=clock(), max_words=60,
                             queued=lambda: calls.append(1))
    assert len(calls) <= 1


FIRE = ("A large fire broke out at the Waitrose supermarket in Wellington town centre on "
        "Sunday morning. Dozens of firefighters tackled the blaze after the alarm was raised at "
        "about 6am, and the store will stay closed for weeks. ") * 2
TRAM = ("The airport tram line in Olt opened on Monday after four years of construction. Trains "
        "run every ten minutes between the central station and the terminal building. ") * 2
FERRY = ("A ferry capsized off the coast of Corvo on Sunday evening with 48 passengers on "
         "board. Coastguard boats rescued 45 of them, and a search for the others went on "
         "through the night. ") * 2


async def test_a_scheduled_briefing_minutes_after_a_briefing_asked_for_holds_only_news_since(
    services: Services, clock: Clock
) -> None:
    """Reader QA, stop 73 R10: a new reader asked for /briefing at 07:28 (its ten stories and
    "More") and at 07:30 the scheduled briefing came with ten more. A scheduled briefing this
    soon after one asked for holds only what came since; with nothing, none is sent."""
    store = services.store
    source, _ = await store.add_source("https://a.example/feed", SourceKind.FEED,
                                       now=clock(), title="Outlet A")

    async def report(guid: str, title: str, text: str) -> None:
        await store.add_articles(source.id, [NewArticle(Entry(
            guid=guid, url=f"https://a.example/{guid}", title=title, text=text,
            kind=InputKind.FULL, published_at=clock()), None, None, -1)], now=clock())

    await report("q", "Quake hits Veloria", QUAKE)
    await report("f", "Fire at Waitrose in Wellington", FIRE)
    await report("t", "Airport tram opens in Olt", TRAM)
    clock.advance(minutes=10)
    for chat in (1, 2):
        await store.upsert_subscriber(chat, chat_type="private", now=clock(),
                                      next_briefing_at=clock() + timedelta(minutes=2))

    def story(title: str) -> StoryVersion:
        (found,) = [updates.version_of(s) for s in read if s.title == title]
        return found

    # The first reader asks for /briefing: the first story (of a budget of one), the rest
    # behind "More".
    read = await store.stories_since(clock() - timedelta(days=1))
    await store.record_receipts(1, [(story("Quake hits Veloria"), 101)], now=clock())
    clock.advance(seconds=30)
    await report("s", "Ferry capsizes off Corvo", FERRY)
    # The second asks after the ferry came: it gets the ferry and the quake.
    clock.advance(seconds=30)
    read = await store.stories_since(clock() - timedelta(days=1))
    await store.record_receipts(2, [(story("Quake hits Veloria"), 201),
                                    (story("Ferry capsizes off Corvo"), 201)], now=clock())
    clock.advance(minutes=1)
    cycle = await run_briefing_cycle(store, services.summarizer, now=clock(), max_words=60)
    # The first reader's scheduled briefing holds only the ferry, fetched since; the second's,
    # with nothing since, is not sent.
    assert (cycle.queued, cycle.quiet) == (1, 1)
    (briefing,) = await store.pending_deliveries(clock(), limit=10)
    assert briefing.chat_id == 1
    assert "Ferry capsizes off Corvo" in briefing.text
    assert "Waitrose" not in briefing.text and "tram" not in briefing.text, briefing.text
    assert "Quake" not in briefing.text


async def test_a_refresh_is_recorded_from_start_to_end_and_a_tick_skipped_meanwhile_says_since(
        services: Services, clock: Clock, caplog: pytest.LogCaptureFixture) -> None:
    """Operator QA (stop 77): a refresh's start was recorded nowhere: `status` inferred a stuck
    one from the sources' times, and APScheduler's "maximum number of running instances
    reached" was all the log said of one that overran. Its start and end are in the store,
    which `status` reads (any instance may be running it), and a tick the scheduler skips
    meanwhile says since when it runs, once a run at WARNING."""
    runs = jobs.RunRecord(services.store, "refresh", holder="host:1", clock=clock)
    started = clock()
    with caplog.at_level(logging.INFO, logger="briefing_bot.jobs"):
        async with runs.running():
            assert await services.store.last_run("refresh") == JobRun(
                "refresh", "host:1", started, None)
            clock.advance(minutes=2)  # (a refresh of minutes is usual: review)
            runs.skipped()
            clock.advance(minutes=10)
            runs.skipped()
            clock.advance(minutes=1)
            runs.skipped()
    ended = await services.store.last_run("refresh")
    assert ended == JobRun("refresh", "host:1", started, started + timedelta(minutes=13))
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", "refresh tick skipped: the previous refresh is still running, since "
                 "12:00 UTC (2 min)"),
        ("WARNING", "refresh tick skipped: the previous refresh is still running, since "
                    "12:00 UTC (12 min); 2 ticks skipped"),
        ("INFO", "refresh tick skipped: the previous refresh is still running, since "
                 "12:00 UTC (13 min); 3 ticks skipped")]
    # A run that fails is recorded as ended too; the next replaces the record.
    clock.advance(minutes=30)
    with pytest.raises(RuntimeError):
        async with runs.running():
            raise RuntimeError("a bug")
    assert await services.store.last_run("refresh") == JobRun(
        "refresh", "host:1", clock(), clock())
    other = jobs.RunRecord(services.store, "refresh", holder="host:2", clock=clock)
    clock.advance(minutes=1)
    async with other.running():
        # (an end from the instance before, late, leaves this run's record alone)
        await services.store.run_ended("refresh", "host:1", started=started, now=clock())
        assert await services.store.last_run("refresh") == JobRun(
            "refresh", "host:2", clock(), None)


async def test_a_refresh_whose_start_cannot_be_recorded_runs_all_the_same(
        services: Services, clock: Clock, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """Review (stop 77): a busy database refusing the record of a refresh's start skipped the
    refresh itself; the record is what is lost, said in the log."""
    async def busy(*args: object, **kwargs: object) -> None:
        raise StoreError("database is locked")

    monkeypatch.setattr(services.store, "run_started", busy)
    ran = []
    with caplog.at_level(logging.WARNING, logger="briefing_bot.jobs"):
        async with jobs.RunRecord(services.store, "refresh", holder="host:1",
                                  clock=clock).running():
            ran.append(True)
    assert ran == [True]
    assert "could not record its start (it runs all the same)" in caplog.text
    assert await services.store.last_run("refresh") is None
