import asyncio
import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from briefing_bot.config import Settings
from briefing_bot.errors import DuplicateError, StoreUnavailable
from briefing_bot.models import Entry, InputKind, SourceKind
from briefing_bot.store import NewArticle, QueuedBriefing, Store, head_revision, shown_url
from tests.fakes import Clock
from tests.postgres import free_port

pytestmark = pytest.mark.both_databases

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def entry(guid: str, title: str = "A title", text: str = "Some text.",
          published: datetime = NOW - timedelta(hours=1)) -> Entry:
    return Entry(guid=guid, url=f"https://x.example/{guid}", title=title, text=text,
                 kind=InputKind.TEASER, published_at=published)


async def test_a_new_database_is_created_and_migrated(settings: Settings) -> None:
    path = settings.data_dir / "nested" / "dir" / "fresh.db"
    store = await Store.open(f"sqlite:///{path}")
    try:
        assert path.exists()
        assert await store.counts() == {"sources": 0, "articles": 0, "stories": 0}
    finally:
        await store.close()


async def test_a_database_in_the_home_folder_opens(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review R8: `sqlite:///~/b.db` passed the checks (which expand "~") and then failed to
    open: the driver was given "~/b.db" as written."""
    monkeypatch.setenv("HOME", str(settings.data_dir))
    store = await Store.open("sqlite:///~/home.db")
    try:
        await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    finally:
        await store.close()
    assert (settings.data_dir / "home.db").exists()


async def test_reopening_keeps_data_and_does_not_migrate_twice(settings: Settings) -> None:
    store = await Store.open(settings.database_url)
    await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    await store.close()
    store = await Store.open(settings.database_url)
    try:
        (source,) = await store.list_sources()
        assert source.location == "https://x.example/feed"
        assert await store.revision() == head_revision()
    finally:
        await store.close()


async def test_add_source_is_idempotent(store: Store) -> None:
    first, created = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    again, created_again = await store.add_source("https://x.example/feed", SourceKind.FEED,
                                                  now=NOW)
    assert created
    assert not created_again
    assert first.id == again.id


async def test_one_web_feed_spelled_differently_is_one_source(store: Store) -> None:
    """Operator QA: one feed was added four times (host case, default port, fragment, a
    tracking parameter). A trailing slash, http and a login stay different addresses."""
    first, _ = await store.add_source("https://example.com/feed.xml", SourceKind.FEED, now=NOW)
    for spelling in ("https://Example.COM/feed.xml", "https://example.com:443/feed.xml#top",
                     "https://example.com/feed.xml?utm_source=x"):
        again, created = await store.add_source(spelling, SourceKind.FEED, now=NOW)
        assert (again.id, created) == (first.id, False)
    for other in ("https://example.com/feed.xml/", "http://example.com/feed.xml",
                  "https://me:secret@example.com/feed.xml", "https://example.com/feed.xml?id=2"):
        assert (await store.add_source(other, SourceKind.FEED, now=NOW))[1]
    assert len(await store.list_sources()) == 5


async def test_times_come_back_aware_and_in_utc(store: Store) -> None:
    source, _ = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    assert source.next_check_at == NOW
    assert source.next_check_at is not None
    assert source.next_check_at.tzinfo is not None


async def test_due_sources_and_failure_bookkeeping(store: Store) -> None:
    source, _ = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    assert [s.id for s in await store.due_sources(NOW)] == [source.id]
    await store.record_failure(source.id, now=NOW, next_check_at=NOW + timedelta(hours=1),
                               error="HTTP 500")
    await store.record_failure(source.id, now=NOW, next_check_at=NOW + timedelta(hours=2),
                               error="HTTP 502")
    assert await store.due_sources(NOW) == []
    (failing,) = await store.list_sources()
    assert failing.consecutive_errors == 2
    assert failing.last_error == "HTTP 502"
    assert failing.last_success_at is None
    await store.record_success(source.id, now=NOW, next_check_at=NOW + timedelta(minutes=30),
                               title="X News", etag='"e"', last_modified=None)
    (healthy,) = await store.list_sources()
    assert healthy.consecutive_errors == 0
    assert healthy.last_error is None
    assert healthy.title == "X News"
    assert healthy.etag == '"e"'


async def test_a_feeds_declared_language_is_kept_with_its_source_and_its_articles(
        store: Store) -> None:
    # Reader QA, stop 74 R5: a teaser too short to tell its language counts in its feed's
    # (`briefing.usual_languages`), read back with each article; a "not modified" answer
    # (no language) keeps the one the feed gave before.
    source, _ = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    await store.add_articles(source.id, [
        NewArticle(entry("a", "Cootie Burger"), "https://x.example/a", None, -1)], now=NOW)
    for language in ("en", None):
        await store.record_success(source.id, now=NOW, next_check_at=NOW, title=None,
                                   etag=None, last_modified=None, language=language)
        (kept,) = await store.list_sources()
        assert kept.language == "en"
        (story,) = await store.stories_since(NOW - timedelta(hours=1))
        assert [article.source_language for article in story.articles] == ["en"]


async def test_batch_creates_new_stories_and_joins_existing_ones(store: Store) -> None:
    source, _ = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    first = await store.add_articles(source.id, [
        NewArticle(entry("a", "Story one"), "https://x.example/a", None, -1),
        NewArticle(entry("b", "Story one again"), "https://x.example/b", None, -1),
        NewArticle(entry("c", "Story two"), "https://x.example/c", None, -2),
    ], now=NOW)
    assert len(first.new_story_ids) == 2
    story_one = first.new_story_ids[-1]
    later = NOW + timedelta(hours=1)
    await store.add_articles(source.id, [
        NewArticle(entry("d", "Story one, later", published=later), "https://x.example/d", None,
                   story_one),
    ], now=later)
    stories = await store.stories_since(NOW - timedelta(days=1))
    assert [story.title for story in stories] == ["Story one", "Story two"]  # newest update first
    assert [a.guid for a in stories[0].articles] == ["a", "b", "d"]
    assert stories[0].updated_at == later


async def test_known_keys_find_duplicates_by_guid_url_and_hash(store: Store) -> None:
    source, _ = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    other, _ = await store.add_source("https://y.example/feed", SourceKind.FEED, now=NOW)
    await store.add_articles(source.id, [
        NewArticle(entry("a"), "https://x.example/a", "hash-a", -1)], now=NOW)
    guids, urls, hashes = await store.known_keys(
        source.id, guids=["a", "z"], canonical_urls=["https://x.example/a", "https://n/"],
        content_hashes=["hash-a", "hash-z"])
    assert (guids, urls, hashes) == ({"a"}, {"https://x.example/a"}, {"hash-a"})
    guids, _, _ = await store.known_keys(other.id, guids=["a"], canonical_urls=[],
                                         content_hashes=[])
    assert guids == set()  # guids are per source


async def test_removing_a_source_removes_its_articles_and_empty_stories(store: Store) -> None:
    keep, _ = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    drop, _ = await store.add_source("https://y.example/feed", SourceKind.FEED, now=NOW)
    kept = await store.add_articles(keep.id, [NewArticle(entry("a"), None, None, -1)], now=NOW)
    shared = kept.new_story_ids[-1]
    await store.add_articles(drop.id, [NewArticle(entry("b"), None, None, shared),
                                       NewArticle(entry("c"), None, None, -1)], now=NOW)
    await store.remove_source(drop.id)
    assert await store.counts() == {"sources": 1, "articles": 1, "stories": 1}


async def test_a_batch_with_a_stored_article_is_refused_whole(store: Store) -> None:
    # Another process stored the same page between our check and our write.
    source, _ = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    await store.add_articles(source.id, [
        NewArticle(entry("a"), "https://x.example/a", None, -1)], now=NOW)
    with pytest.raises(DuplicateError):
        await store.add_articles(source.id, [
            NewArticle(entry("b"), "https://x.example/b", None, -1),
            NewArticle(entry("c"), "https://x.example/a", None, -2)], now=NOW)
    assert await store.counts() == {"sources": 1, "articles": 1, "stories": 1}


async def test_an_unreachable_database_says_so() -> None:
    url = f"postgresql://bot:secret@127.0.0.1:{free_port()}/news"  # nothing listens there
    with pytest.raises(StoreUnavailable, match="cannot open the database") as raised:
        await Store.open(url)
    assert "secret" not in str(raised.value)
    assert raised.value.user_message == StoreUnavailable.user_message


def test_a_password_in_the_query_is_never_shown() -> None:
    shown = shown_url("postgresql://bot:S3cret@db/news?password=S3cret&sslpassword=K3y")
    assert "S3cret" not in shown and "K3y" not in shown and "sslpassword=***" in shown


async def test_a_providers_url_parameters_are_honoured(postgres_url: str) -> None:
    # Operator QA: application_name, connect_timeout and options failed with "connect() got
    # an unexpected keyword argument"; now they do what libpq does with them.
    url = (f"{postgres_url}?sslmode=disable&channel_binding=prefer&connect_timeout=5"
           "&application_name=briefing-test&options=-c%20statement_timeout%3D4321"
           "&prepared_statement_cache_size=0")
    store = await Store.open(url)
    try:
        async with store._engine.connect() as conn:
            name = (await conn.exec_driver_sql("SHOW application_name")).scalar()
            timeout = (await conn.exec_driver_sql("SHOW statement_timeout")).scalar()
    finally:
        await store.close()
    assert (name, timeout) == ("briefing-test", "4321ms")


async def test_an_old_article_fetched_today_is_not_a_new_story(store: Store) -> None:
    source, _ = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    await store.add_articles(source.id, [
        NewArticle(entry("old", "From 2019", published=datetime(2019, 5, 1, tzinfo=UTC)),
                   None, None, -1),
        NewArticle(entry("new", "From today"), None, None, -2)], now=NOW)
    recent = await store.stories_since(NOW - timedelta(hours=3))
    assert [story.title for story in recent] == ["From today"]
    everything = await store.stories_since(datetime(2000, 1, 1, tzinfo=UTC))
    assert [story.title for story in everything] == ["From today", "From 2019"]


async def test_stories_are_counted_as_they_are_listed(store: Store) -> None:
    source, _ = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    yesterday = NOW - timedelta(days=1)
    first = await store.add_articles(source.id, [
        NewArticle(entry("a", "Told yesterday", published=yesterday), None, None, -1),
        NewArticle(entry("b", "Told yesterday and today", published=yesterday), None, None,
                   -2),
        NewArticle(entry("c", "Undated"), None, None, -3),
        NewArticle(entry("d", "From 2019", published=datetime(2019, 5, 1, tzinfo=UTC)),
                   None, None, -4)], now=yesterday)
    await store.add_articles(source.id, [
        NewArticle(entry("e", published=NOW), None, None, first.new_story_ids[-2]),
        NewArticle(dataclasses.replace(entry("f"), published_at=None), None, None, -5),
    ], now=NOW)
    for since in (NOW - timedelta(hours=3), yesterday - timedelta(hours=3),
                  datetime(2000, 1, 1, tzinfo=UTC), NOW + timedelta(hours=1)):
        assert await store.count_stories_since(since) == len(await store.stories_since(since))
    assert await store.count_stories_since(NOW - timedelta(hours=3)) == 2
    assert await store.counts() == {"sources": 1, "articles": 6, "stories": 5}


async def test_subscriber_lifecycle_and_due_query(store: Store) -> None:
    chat = -1001234567890123  # supergroup ids need 64 bits
    await store.upsert_subscriber(chat, chat_type="supergroup", now=NOW,
                                  next_briefing_at=NOW - timedelta(minutes=1))
    await store.upsert_subscriber(42, chat_type="private", now=NOW,
                                  next_briefing_at=NOW + timedelta(hours=1))
    await store.upsert_subscriber(7, chat_type="private", now=NOW, paused=True,
                                  next_briefing_at=NOW - timedelta(hours=1))
    assert [s.chat_id for s in await store.due_subscribers(NOW)] == [chat]
    changed = await store.upsert_subscriber(42, chat_type="private", now=NOW,
                                            topics="japan, -sports", timezone="Asia/Tokyo")
    assert (changed.topics, changed.timezone, changed.brief_time) == (
        "japan, -sports", "Asia/Tokyo", "07:30")
    assert await store.delete_subscriber(42)
    assert not await store.delete_subscriber(42)


async def test_an_open_picker_is_taken_once_and_old_ones_are_forgotten(store: Store) -> None:
    """The picker question a chat was asked is read by its next update only; a question
    no update took is deleted when another chat opens one a day later, and with its chat."""
    day = timedelta(days=1)
    await store.open_picker(1, "time", now=NOW, forget_before=NOW - day)
    await store.open_picker(1, "timezone", now=NOW, forget_before=NOW - day)
    assert await store.take_picker(1) == ("timezone", NOW)
    assert await store.take_picker(1) is None
    await store.open_picker(2, "time", now=NOW, forget_before=NOW - day)
    await store.open_picker(3, "time", now=NOW + 2 * day, forget_before=NOW + day)
    assert await store.take_picker(2) is None
    await store.upsert_subscriber(3, chat_type="private", now=NOW)
    await store.delete_subscriber(3)
    assert await store.take_picker(3) is None


async def test_an_open_picker_read_side_by_side_is_taken_by_one_update(store: Store) -> None:
    """Two updates of a chat at once (two replicas) each read the open question: only one may
    take it as its answer, or "berlin" and the message after it both set the zone (stop 72:
    a read, then a delete, gave it to both)."""
    for _ in range(3):
        await store.open_picker(1, "timezone", now=NOW, forget_before=NOW - timedelta(days=1))
        taken = await asyncio.gather(store.take_picker(1), store.take_picker(1))
        assert sorted(taken, key=lambda found: found is None) == [("timezone", NOW), None]


async def test_a_cycle_is_queued_once_and_moves_the_schedule(store: Store) -> None:
    await store.upsert_subscriber(1, chat_type="private", now=NOW, next_briefing_at=NOW)
    later = NOW + timedelta(days=1)
    briefing = QueuedBriefing(1, "2026-11-24T12:00Z", ("a", "b"), next_briefing_at=later,
                              last_briefing_at=NOW)
    assert await store.enqueue_briefings([briefing], now=NOW) == {1}
    assert await store.enqueue_briefings([briefing], now=NOW) == set()
    pending = await store.pending_deliveries(NOW)
    assert [(d.part, d.text) for d in pending] == [(1, "a"), (2, "b")]
    subscriber = await store.get_subscriber(1)
    assert subscriber is not None and subscriber.next_briefing_at == later
    await store.mark_delivery(pending[0].id, status="sent", now=NOW)
    await store.mark_delivery(pending[1].id, status="pending", now=NOW,
                              retry_at=NOW + timedelta(seconds=30), error="429")
    assert await store.pending_deliveries(NOW) == []
    (retry,) = await store.pending_deliveries(NOW + timedelta(seconds=31))
    assert retry.attempts == 1


async def test_a_batch_of_briefings_is_queued_in_one_call_each_chat_once(store: Store) -> None:
    later = NOW + timedelta(days=1)
    for chat in (1, 2, 3, 4):
        await store.upsert_subscriber(chat, chat_type="private", now=NOW, next_briefing_at=NOW,
                                      last_briefing_at=NOW - timedelta(days=1))
    cycle = "2026-11-24T12:00Z"
    assert await store.enqueue_briefings([QueuedBriefing(
        2, cycle, ("old",), next_briefing_at=NOW, last_briefing_at=NOW)], now=NOW) == {2}
    queued = await store.enqueue_briefings([
        QueuedBriefing(1, cycle, ("a", "b"), next_briefing_at=later, last_briefing_at=NOW),
        QueuedBriefing(2, cycle, ("new",), next_briefing_at=later, last_briefing_at=NOW),
        QueuedBriefing(3, cycle, ("c",), next_briefing_at=later, last_briefing_at=NOW),
        QueuedBriefing(4, f"skip:{cycle}", (), next_briefing_at=later, last_briefing_at=None),
    ], now=NOW)
    assert queued == {1, 3, 4}  # chat 2 had this cycle already
    pending = await store.pending_deliveries(NOW)
    assert [(d.chat_id, d.part, d.text) for d in pending] == [
        (2, 1, "old"), (1, 1, "a"), (1, 2, "b"), (3, 1, "c")]
    one, two, four = [await store.get_subscriber(chat) for chat in (1, 2, 4)]
    assert one is not None and (one.next_briefing_at, one.last_briefing_at) == (later, NOW)
    # Chat 2 gets no second briefing, but its schedule moves on: it must not stay due forever.
    assert two is not None and two.next_briefing_at == later
    # A skipped slot moves the schedule on and keeps the last briefing's time.
    assert four is not None and four.next_briefing_at == later
    assert four.last_briefing_at == NOW - timedelta(days=1)
    assert await store.enqueue_briefings([], now=NOW) == set()


async def test_migrated_and_blocked_chats(store: Store) -> None:
    await store.upsert_subscriber(-5, chat_type="group", now=NOW, next_briefing_at=NOW)
    await store.enqueue_briefings([QueuedBriefing(
        -5, "c1", ("x",), next_briefing_at=None, last_briefing_at=None)], now=NOW)
    await store.move_chat(-5, -1005)
    assert await store.get_subscriber(-5) is None
    (delivery,) = await store.pending_deliveries(NOW)
    assert delivery.chat_id == -1005
    await store.deactivate(-1005, reason="bot was blocked", now=NOW)
    moved = await store.get_subscriber(-1005)
    assert moved is not None and not moved.active
    assert await store.pending_deliveries(NOW) == []


async def test_a_group_moved_twice_at_once_keeps_its_subscription(store: Store) -> None:
    """Review: Telegram's two service messages of a migration are handled side by side, and
    on SQLite the second move deleted the row the first had moved."""
    for n in range(10):
        await store.upsert_subscriber(-n - 10, chat_type="group", now=NOW, topics="sport")
    await asyncio.gather(*(store.move_chat(-n - 10, -1000 - n) for n in range(10) for _ in "ab"))
    for n in range(10):
        moved = await store.get_subscriber(-1000 - n)
        assert moved is not None and moved.topics == "sport", n
        assert await store.get_subscriber(-n - 10) is None


async def test_a_move_into_a_chat_queued_for_the_same_cycle_keeps_one_briefing(
        store: Store) -> None:
    """Review: the queue holds one briefing per chat, cycle and part; a move that would have
    made two failed, and delivery retried it with a traceback on every drain."""
    for chat in (-5, -1005):
        await store.upsert_subscriber(chat, chat_type="group", now=NOW, next_briefing_at=NOW,
                                      topics="sport" if chat == -5 else "")
    await store.enqueue_briefings([QueuedBriefing(
        chat, "c1", ("x",), next_briefing_at=None, last_briefing_at=None)
        for chat in (-5, -1005)], now=NOW)
    await store.move_chat(-5, -1005)
    (delivery,) = await store.pending_deliveries(NOW)
    assert delivery.chat_id == -1005
    moved = await store.get_subscriber(-1005)
    assert moved is not None and moved.topics == "sport"  # the group's choice, not a bare /start


async def test_retention_forgets_old_things_and_keeps_the_queue(store: Store) -> None:
    source, _ = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    old = NOW - timedelta(days=40)
    await store.add_articles(source.id, [NewArticle(entry("old"), None, None, -1)], now=old)
    await store.add_articles(source.id, [NewArticle(entry("new"), None, None, -1)], now=NOW)
    await store.upsert_subscriber(1, chat_type="private", now=old)
    await store.enqueue_briefings([
        QueuedBriefing(1, "old-sent", ("a",), next_briefing_at=None, last_briefing_at=None),
        QueuedBriefing(1, "old-pending", ("b",), next_briefing_at=None, last_briefing_at=None),
    ], now=old)
    sent = (await store.pending_deliveries(NOW))[0]
    await store.mark_delivery(sent.id, status="sent", now=old)
    removed = await store.prune(NOW - timedelta(days=30))
    assert removed["articles"] == 1
    assert removed["stories"] == 1
    assert removed["deliveries"] == 1
    assert [d.cycle for d in await store.pending_deliveries(NOW)] == ["old-pending"]
    assert (await store.counts())["articles"] == 1


async def test_delivery_totals_outlive_a_readers_stop(store: Store) -> None:
    midnight = datetime(2026, 11, 24, tzinfo=UTC)
    for chat in (1, 2):
        await store.upsert_subscriber(chat, chat_type="private", now=NOW)
    await store.enqueue_briefings([
        QueuedBriefing(1, "c1", ("a", "b", "c"), next_briefing_at=None, last_briefing_at=NOW),
        QueuedBriefing(2, "c1", ("x", "y"), next_briefing_at=None, last_briefing_at=NOW),
    ], now=NOW)
    a, b, c, x, _ = await store.pending_deliveries(NOW)
    await store.mark_delivery(a.id, status="sent", now=NOW)
    await store.mark_delivery(b.id, status="pending", now=NOW, retry_at=NOW, error="flood")
    await store.mark_delivery(b.id, status="sent", now=NOW)
    await store.mark_delivery(c.id, status="failed", now=NOW, error="too long")
    # Yesterday's send counts for yesterday only.
    await store.mark_delivery(x.id, status="sent", now=midnight - timedelta(minutes=1))
    assert await store.delivery_counts(midnight) == {"sent": 2, "failed": 1, "pending": 1}
    await store.deactivate(2, reason="the bot was blocked", now=NOW)  # drops chat 2's "y"

    assert await store.delete_subscriber(1)  # /stop: chat 1's outbox rows are gone
    await store.prune(NOW + timedelta(days=1))  # and retention forgets every finished row
    assert await store.delivery_counts(midnight) == {"sent": 2, "failed": 1, "dropped": 1}
    assert await store.delivery_counts(midnight - timedelta(hours=1)) == {
        "sent": 3, "failed": 1, "dropped": 1}


async def test_a_quota_grants_its_limit_per_window(store: Store) -> None:
    window = timedelta(hours=1)
    granted = [await store.take_quota("summarize:7", limit=2, window=window,
                                      now=NOW + timedelta(minutes=minute)) is not None
               for minute in (0, 10, 20, 30)]
    assert granted == [True, True, False, False]  # refusals use nothing up...
    assert await store.take_quota("summarize:8", limit=2, window=window, now=NOW)  # per key
    assert await store.take_quota("summarize:7", limit=2, window=window,
                                  now=NOW + timedelta(minutes=61))  # ...so the first use's
    assert not await store.take_quota("summarize:7", limit=2, window=window,  # expiry frees one
                                      now=NOW + timedelta(minutes=62))
    spent = await store.take_quota("summarize:9", limit=1, window=window, now=NOW)
    assert spent is not None
    assert await store.take_quota("summarize:9", limit=1, window=window, now=NOW) is None
    await store.give_back_quota(spent)  # the work turned out impossible
    assert await store.take_quota("summarize:9", limit=1, window=window, now=NOW) is not None
    removed = await store.prune(NOW + timedelta(days=1))
    assert removed["quota_uses"] == 4


async def test_replicas_taking_the_last_quota_at_once_get_it_once(
    settings: Settings, store: Store
) -> None:
    # Two processes' stores on one database, each with its own connections.
    other = await Store.open(settings.database_url)
    try:
        window = timedelta(hours=1)
        for round_ in range(5):
            key = f"summarize:{round_}"
            assert await store.take_quota(key, limit=3, window=window, now=NOW)
            assert await other.take_quota(key, limit=3, window=window, now=NOW)
            takers = [replica.take_quota(key, limit=3, window=window, now=NOW)
                      for replica in (store, other) * 3]
            assert sorted(use is not None for use in await asyncio.gather(*takers)) == [
                False] * 5 + [True]
    finally:
        await other.close()


async def test_two_prunes_at_once_both_succeed(settings: Settings, clock: Clock) -> None:
    """Review: a cron `db prune` beside `run`'s own retention failed on PostgreSQL, both
    remembering the same forgotten items."""
    one = await Store.open(settings.database_url)
    two = await Store.open(settings.database_url)
    try:
        source, _ = await one.add_source("https://a.example/feed", SourceKind.FEED, now=clock())
        await one.add_articles(source.id, [NewArticle(Entry(
            guid=f"g{i}", url=f"https://a.example/{i}", title=f"T {i}",
            text=f"Text number {i} of the harbour.", kind=InputKind.FULL, published_at=None),
            None, None, -1) for i in range(500)], now=clock() - timedelta(days=60))
        before = clock() - timedelta(days=30)
        results = await asyncio.gather(one.prune(before), two.prune(before),
                                       return_exceptions=True)
        assert not [r for r in results if isinstance(r, BaseException)]
        assert sum(r["articles"] for r in results if isinstance(r, dict)) == 500
    finally:
        await one.close()
        await two.close()



async def test_a_database_serves_the_bot_that_first_ran_on_it(store: Store) -> None:
    """Operator QA: another bot's token on this database took every reader for a chat that
    left. The first bot binds it; another is told which bot it serves; a rename follows."""
    assert await store.bind_bot(4242, "news_bot", now=NOW) == (4242, "news_bot")
    assert await store.bind_bot(777, "staging_bot", now=NOW) == (4242, "news_bot")
    assert await store.bind_bot(4242, "renamed_bot", now=NOW) == (4242, "renamed_bot")
    assert await store.bind_bot(777, "staging_bot", now=NOW, rebind=True) == (777, "staging_bot")


async def test_a_story_claimed_for_a_briefing_keeps_the_title_it_was_shown_under(
        store: Store) -> None:
    """Reader QA (stop 51): a fetch re-checked stories while a slow briefing was written;
    knowing no reader had them, it renamed two, and the updates that followed replied under
    headlines the reader never had. A briefing claims its stories before the summaries are
    written, and a re-check that read them as nobody's writes no title over a claim."""
    source, _ = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    batch = await store.add_articles(source.id, [
        NewArticle(entry("a", "Quake in Peru"), None, None, -1),
        NewArticle(entry("b", "Budget passes"), None, None, -2)], now=NOW)
    quake, budget = batch.new_story_ids[-1], batch.new_story_ids[-2]
    # The re-check reads who has what (nobody), then a briefing claims the quake story.
    received = await store.received_titles([quake, budget], now=NOW)
    assert received == {}
    assert await store.claim_stories([quake], now=NOW) == {quake: "Quake in Peru"}
    await store.regroup_stories(moved={}, merged={}, now=NOW, received=received.keys(),
                                titles={quake: "Arequipa road cut", budget: "Lisbon budget"})
    titles = {story.id: story.title for story in await store.stories_since(NOW - timedelta(1))}
    assert titles == {quake: "Quake in Peru", budget: "Lisbon budget"}
    # Received, it counts as such for the next re-check, which keeps its title or names it
    # again by its own rules.
    assert await store.received_titles([quake, budget], now=NOW) == {quake: "Quake in Peru"}
    await store.regroup_stories(moved={}, merged={}, now=NOW, received=[quake],
                                titles={quake: "Arequipa road cut"})
    assert {s.id: s.title for s in await store.stories_since(NOW - timedelta(1))}[quake] == (
        "Arequipa road cut")


async def test_a_story_of_old_reports_changed_lately_is_still_told_before(
        store: Store) -> None:
    """QA (stop 61 F4): the search passed over a story whose reports had left the window
    because the bot had changed it lately (its old reports fetched late, or a re-check): the
    event told again came unmarked. A story with a report in the window is still not
    looked at."""
    source, _ = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    window = NOW - timedelta(hours=72)
    batch = await store.add_articles(source.id, [
        NewArticle(entry("a", "Quake in Peru", published=NOW - timedelta(days=4)), None, None,
                   -1),
        NewArticle(entry("b", "Quake aid for Peru", published=NOW - timedelta(hours=5)), None,
                   None, -2)], now=NOW)  # both fetched now: the story changed now
    old, recent = batch.new_story_ids[-1], batch.new_story_ids[-2]
    await store.mark_stories_delivered([old, recent], now=NOW)
    told = await store.told_titles(NOW - timedelta(days=14), window, ["quake"], limit=10)
    assert [row.story_id for row in told] == [old]
    # With the date its reports began: what a retelling must come after (not the delivery).
    assert told[0].began_at == NOW - timedelta(days=4)


async def test_a_claim_no_briefing_followed_lapses(store: Store) -> None:
    """Review (stop 51 #5): a briefing claimed its stories and was never sent (the bot stopped
    while writing it). Its stories must not stay received for good: the re-check would keep
    a title no chat was shown, and "told before" marks would quote it."""
    source, _ = await store.add_source("https://x.example/feed", SourceKind.FEED, now=NOW)
    batch = await store.add_articles(source.id, [
        NewArticle(entry("a", "Quake in Peru"), None, None, -1),
        NewArticle(entry("b", "Budget passes"), None, None, -2)], now=NOW)
    quake, budget = batch.new_story_ids[-1], batch.new_story_ids[-2]
    await store.claim_stories([quake, budget], now=NOW)
    await store.mark_stories_delivered([budget], now=NOW + timedelta(minutes=2))
    # A claim is no delivery: nothing a chat was not sent is "told before".
    told = await store.told_titles(NOW - timedelta(1), NOW + timedelta(1), ["quake", "budget"],
                                   limit=10)
    assert [row.title for row in told] == ["Budget passes"]
    # Held while a slow model may still be writing the briefing (review, stop 52: a
    # re-check renamed a story an hour into its summary)...
    assert set(await store.received_titles([quake, budget],
                                           now=NOW + timedelta(minutes=65))) == {quake, budget}
    # ...and lapsed once no briefing can still be on its way.
    later = NOW + timedelta(hours=7)
    assert await store.received_titles([quake, budget], now=later) == {budget: "Budget passes"}
    await store.regroup_stories(moved={}, merged={}, now=later,
                                titles={quake: "Arequipa road cut", budget: "Lisbon budget"})
    titles = {story.id: story.title for story in await store.stories_since(NOW - timedelta(1))}
    assert titles == {quake: "Arequipa road cut", budget: "Budget passes"}
