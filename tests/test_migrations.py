"""Schema upgrades keep every row; `db copy` moves an installation; leases elect one instance."""

import asyncio
import contextlib
import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from briefing_bot import cli
from briefing_bot.config import async_database_url
from briefing_bot.errors import ConfigError, StoreError
from briefing_bot.models import Entry, InputKind, LLMCall, SourceKind, Summary
from briefing_bot.store import (
    NewArticle,
    QueuedBriefing,
    Received,
    Store,
    StoryVersion,
    backup,
    head_revision,
)
from briefing_bot.store import schema as store_module
from briefing_bot.store.leases import SCHEDULER_LEASE

pytestmark = pytest.mark.both_databases

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
TEXT = "The harbour authority of Veloria reopened the northern quay on Monday. " * 12


async def test_a_database_of_the_first_release_upgrades_without_losing_data(
    database_url: str, caplog: pytest.LogCaptureFixture,
) -> None:
    old = await Store.open(database_url, revision="0001")
    assert await old.revision() == "0001"
    await old.close()
    # Rows as the first release wrote them, straight into its three tables.
    engine = create_async_engine(async_database_url(database_url))
    async with engine.begin() as conn:
        source_id = (await conn.execute(store_module.sources.insert().values(
            location="https://a.example/feed", kind="feed", title="Outlet A", etag='"v1"',
            consecutive_errors=0, created_at=NOW).returning(
                store_module.sources.c.id))).scalar_one()
        story_id = (await conn.execute(store_module.stories.insert().values(
            title="Quay reopens", first_seen_at=NOW, updated_at=NOW).returning(
                store_module.stories.c.id))).scalar_one()
        await conn.execute(store_module.articles.insert().values(
            source_id=source_id, story_id=story_id, guid="g1", url="https://a.example/quay",
            canonical_url="https://a.example/quay", title="Quay reopens", text=TEXT,
            input_kind="full", published_at=NOW, fetched_at=NOW))
    await engine.dispose()

    with caplog.at_level(logging.WARNING, logger="briefing_bot.store"):
        upgraded = await Store.open(database_url)
    try:
        # One-way, so the operator's log says so (operator QA: a restart migrated silently).
        assert [r.getMessage() for r in caplog.records if r.name == "briefing_bot.store"] == [
            f"upgraded the database schema from 0001 to {head_revision()}; older versions of "
            "briefing-bot cannot open it any more (docs/deploy.md, Upgrading)"]
        assert await upgraded.revision() == head_revision()
        (source,) = await upgraded.list_sources()
        assert (source.location, source.title, source.etag) == (
            "https://a.example/feed", "Outlet A", '"v1"')
        (story,) = await upgraded.stories_since(NOW - timedelta(days=1))
        assert story.title == "Quay reopens"
        assert story.articles[0].text == TEXT
        assert story.articles[0].published_at == NOW
        # The tables of later releases work on the upgraded database.
        await upgraded.upsert_subscriber(7, chat_type="private", now=NOW)
        assert await upgraded.subscriber_count() == 1
        # New rows get new ids after the old ones.
        second, created = await upgraded.add_source("https://b.example/feed", SourceKind.FEED,
                                                    now=NOW)
        assert created and second.id > source_id
    finally:
        await upgraded.close()


async def test_english_readers_lower_case_categories_read_as_the_bot_names_them_now(
        database_url: str) -> None:
    """Stop 72: English readers who followed categories before English capitalised their
    names kept "business, -sport" (only /language renamed them) beside a tapped "Technology".
    Free topics, other languages' lists and a name written in capitals stay as typed."""
    old = await Store.open(database_url, revision="0022")
    lists = {1: ("en", 'business, Obama, -sport, "world cup", climate change, BUSINESS'),
             2: ("ja", "technology,-crime"), 3: ("de", "sport, Politik"), 4: ("en", "")}
    for chat, (language, topics) in lists.items():
        await old.upsert_subscriber(chat, chat_type="private", now=NOW, language=language,
                                    topics=topics)
    await old.close()
    store = await Store.open(database_url)
    try:
        found = {chat: subscriber.topics for chat in lists
                 if (subscriber := await store.get_subscriber(chat)) is not None}
    finally:
        await store.close()
    assert found == {1: 'Business, Obama, -Sport, "world cup", climate change, BUSINESS',
                     2: "Technology,-Crime", 3: "sport, Politik", 4: ""}


async def test_retellings_marked_before_their_first_tellings_ids_were_kept_are_given_them(
        database_url: str) -> None:
    """Stop 78 (Q9): a chat that muted a story is not sent its retelling, by the first
    telling's id (migration 0027); a retelling marked before is given the story its mark
    names, delivered at the mark's date under its headline."""
    old = await Store.open(database_url, revision="0026")
    await old.close()
    told, later = NOW - timedelta(days=4), NOW - timedelta(days=1)
    engine = create_async_engine(async_database_url(database_url))
    stories = store_module.stories
    async with engine.begin() as conn:
        ids = [(await conn.execute(stories.insert().values(
            first_seen_at=told, updated_at=NOW, **values).returning(stories.c.id))
                ).scalar_one() for values in (
            # the first telling, another story of its headline told later, and two retellings
            {"title": "Quay reopens", "delivered_at": told},
            {"title": "Quay reopens", "delivered_at": later},
            {"title": "Quay open again", "delivered_at": later, "first_told_at": told,
             "first_told_title": "Quay reopens"},
            {"title": "Quay reopened", "first_told_at": told, "first_told_title": "Quay shut"})]
    await engine.dispose()
    await (await Store.open(database_url)).close()
    engine = create_async_engine(async_database_url(database_url))
    async with engine.connect() as conn:
        found = {row.id: row.first_told_id for row in await conn.execute(
            sa.select(stories.c.id, stories.c.first_told_id))}
    await engine.dispose()
    assert found == {ids[0]: None, ids[1]: None, ids[2]: ids[0], ids[3]: None}


async def test_deliveries_made_before_the_totals_existed_are_counted(
    database_url: str,
) -> None:
    old = await Store.open(database_url, revision="0004")
    await old.close()
    outbox = store_module.outbox
    engine = create_async_engine(async_database_url(database_url))
    async with engine.begin() as conn:
        await conn.execute(outbox.insert(), [
            {"chat_id": 7, "cycle": "c1", "part": part, "text": "x", "status": status,
             "attempts": 1, "not_before": NOW, "sent_at": NOW if status == "sent" else None,
             "created_at": NOW - timedelta(hours=13)}
            for part, status in enumerate(["sent", "sent", "failed", "pending"], start=1)])
    await engine.dispose()
    upgraded = await Store.open(database_url)
    try:
        # Sent today (the sending day counts), failed on the day it was queued.
        assert await upgraded.delivery_counts(NOW - timedelta(hours=12)) == {
            "sent": 2, "pending": 1}
        assert await upgraded.delivery_counts(NOW - timedelta(days=1)) == {
            "sent": 2, "failed": 1, "pending": 1}
    finally:
        await upgraded.close()


async def test_a_database_of_a_newer_release_is_refused_with_a_reason(
    database_url: str,
) -> None:
    store = await Store.open(database_url)
    await store.close()
    engine = create_async_engine(async_database_url(database_url))
    async with engine.begin() as conn:
        await conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    await engine.dispose()
    with pytest.raises(StoreError, match="revision 0099, newer than this version"):
        await Store.open(database_url)


async def test_only_one_holder_has_a_lease_until_it_expires(database_url: str) -> None:
    store = await Store.open(database_url)
    try:
        later = NOW + timedelta(seconds=30)
        assert await store.claim_lease("scheduler", "a", now=NOW, until=later)
        assert not await store.claim_lease("scheduler", "b", now=NOW, until=later)
        assert await store.claim_lease("scheduler", "a", now=NOW + timedelta(seconds=10),
                                       until=later + timedelta(seconds=10))
        # a stops renewing: once its lease has run out, b takes over and a cannot come back.
        expired = later + timedelta(seconds=11)
        assert await store.claim_lease("scheduler", "b", now=expired,
                                       until=expired + timedelta(seconds=30))
        assert not await store.claim_lease("scheduler", "a", now=expired,
                                           until=expired + timedelta(seconds=30))
        # A clean shutdown hands over at once.
        await store.release_lease("scheduler", "b")
        assert await store.claim_lease("scheduler", "a", now=expired,
                                       until=expired + timedelta(seconds=30))
    finally:
        await store.close()


async def filled(url: str) -> dict[str, int]:
    """A database with a row in every table, made through the store's own methods."""
    store = await Store.open(url)
    try:
        source, _ = await store.add_source("https://a.example/feed", SourceKind.FEED, now=NOW,
                                           title="Outlet A")
        # An item retention forgot, which the source still lists.
        await store.add_articles(source.id, [NewArticle(Entry(
            guid="old", url="https://a.example/old", title="Old", text=TEXT,
            kind=InputKind.FULL, published_at=None), None, None, -1)],
            now=NOW - timedelta(days=60))
        await store.prune(NOW - timedelta(days=30))
        await store.add_articles(source.id, [
            NewArticle(Entry(guid=f"g{i}", url=f"https://a.example/{i}", title=f"Story {i}",
                             text=f"{TEXT} Item {i}.", kind=InputKind.FULL,
                             published_at=NOW - timedelta(minutes=i)), None, None, -1 - i)
            for i in range(30)], now=NOW)
        await store.save_summary("k1", Summary(
            text="The quay reopened.", engine="llm", model="m", language="en",
            basis=InputKind.FULL), now=NOW)
        await store.upsert_subscriber(-1001234567890, chat_type="supergroup", now=NOW,
                                      topics="harbour")
        await store.upsert_subscriber(42, chat_type="private", now=NOW)
        await store.enqueue_briefings([
            QueuedBriefing(42, "c1", ("Sent",), next_briefing_at=None, last_briefing_at=NOW),
            QueuedBriefing(-1001234567890, "c1", ("<b>Hello</b> &amp;",),
                           next_briefing_at=NOW + timedelta(days=1), last_briefing_at=NOW,
                           buttons=('[["🔕 Mute: Story 0", "mute:1"]]',),
                           received=(Received(StoryVersion.of(1, [1]), 1),)),
        ], now=NOW)
        sent, _ = await store.pending_deliveries(NOW)
        await store.mark_delivery(sent.id, status="sent", now=NOW)
        assert await store.take_quota("summarize:42", limit=1, window=timedelta(hours=1),
                                      now=NOW)
        await store.claim_lease("scheduler", "x", now=NOW, until=NOW)
        await store.run_started("refresh", "x", now=NOW)
        await store.bind_bot(4242, "briefing_bot", now=NOW)
        await store.open_picker(42, "timezone", now=NOW, forget_before=NOW - timedelta(days=1))
        await store.keep_vectors("m", {"d" * 32: b"\x00\x00\x80\x3f"}, now=NOW)
        await store.record_llm_call(LLMCall(at=NOW, task="story", model="m", prompt_tokens=900,
                                            completion_tokens=80, duration_ms=700,
                                            cost_usd=0.0002))
        return await row_counts(url)
    finally:
        await store.close()


async def row_counts(url: str) -> dict[str, int]:
    engine = create_async_engine(async_database_url(url))
    try:
        async with engine.connect() as conn:
            return {table.name: (await conn.execute(
                sa.select(sa.func.count()).select_from(table))).scalar_one()
                for table in store_module.metadata_tables()}
    finally:
        await engine.dispose()


async def test_db_copy_moves_an_installation_from_sqlite(
    database_url: str, tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source_url = f"sqlite:///{tmp_path_factory.mktemp('old') / 'briefing.db'}"
    expected = await filled(source_url)
    assert all(expected.values()), expected

    code = await cli_run(["db", "copy", "--from", source_url, "--to", database_url])
    assert code == 0, capsys.readouterr().err
    assert await row_counts(database_url) == expected

    copied = await Store.open(database_url)
    try:
        stories = await copied.stories_since(NOW - timedelta(days=1))
        assert len(stories) == 30 and stories[0].articles[0].text.startswith(TEXT)
        (pending,) = await copied.pending_deliveries(NOW, limit=10)
        assert (pending.chat_id, pending.text) == (-1001234567890, "<b>Hello</b> &amp;")
        assert await copied.cached_summary("k1") is not None
        assert await copied.delivery_counts(NOW) == {"sent": 1, "pending": 1}
        assert not await copied.take_quota("summarize:42", limit=1, window=timedelta(hours=1),
                                           now=NOW)
        # New rows after the copy get fresh ids (PostgreSQL's sequences were moved on).
        _, created = await copied.add_source("https://b.example/feed", SourceKind.FEED, now=NOW)
        assert created
    finally:
        await copied.close()

    # A second copy would mix two installations: refused, and nothing changes.
    code = await cli_run(["db", "copy", "--from", source_url, "--to", database_url])
    assert code == 2
    assert "not empty" in capsys.readouterr().err
    assert (await row_counts(database_url))["sources"] == 2


async def test_db_copy_from_a_file_that_is_not_there_creates_nothing(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by operator QA: a mistyped path was created empty, "Copied 0 rows", exit 0.
    typo = tmp_path / "brefing.db"
    code = await cli_run(["db", "copy", "--from", f"sqlite:///{typo}", "--to", database_url])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err
    assert not typo.exists()


async def test_db_copy_refuses_while_a_bot_runs_on_the_source(
    database_url: str, tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Operator QA: copied while the bot ran, a reader who subscribed between the copy and the
    switch was lost; `db restore` already refused."""
    source_url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'briefing.db'}"
    live = await Store.open(source_url)
    try:
        await live.claim_lease(SCHEDULER_LEASE, "host:7", now=datetime.now(UTC),
                               until=datetime.now(UTC) + timedelta(minutes=1))
    finally:
        await live.close()
    assert await cli_run(["db", "copy", "--from", source_url, "--to", database_url]) == 2
    assert "a bot is running on" in capsys.readouterr().err
    target = await Store.open(database_url)
    try:
        assert await target.is_empty()  # nothing was copied
    finally:
        await target.close()


async def cli_run(argv: list[str], env: dict[str, str] | None = None) -> int:
    # cli.run starts its own event loop; run it off this one.
    return await asyncio.to_thread(cli.run, argv, env or {})


async def test_db_upgrade_reports_the_revision(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    old = await Store.open(database_url, revision="0002")
    await old.close()
    code = await cli_run(["db", "upgrade", "--database", database_url])
    assert code == 0
    err = capsys.readouterr().err
    assert f"from 0002 to {head_revision()}" in err
    code = await cli_run(["db", "upgrade", "--database", database_url])
    assert code == 0
    assert "already at" in capsys.readouterr().err


async def test_db_prune_applies_retention_outside_run(
    database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Operator QA: retention ran only inside `run`; a cron setup of `fetch` and `brief`
    grew its database forever, and nothing said so."""
    store = await Store.open(database_url)
    try:
        source, _ = await store.add_source("https://a.example/feed", SourceKind.FEED, now=NOW)
        old = datetime.now(UTC) - timedelta(days=45)
        for number, fetched in ((1, old), (2, datetime.now(UTC))):
            await store.add_articles(source.id, [NewArticle(Entry(
                guid=f"g{number}", url=f"https://a.example/{number}", title=f"Item {number}",
                text=TEXT, kind=InputKind.FULL, published_at=fetched), None, None, -1)],
                now=fetched)
    finally:
        await store.close()
    assert await cli_run(["db", "prune", "--database", database_url]) == 0
    assert ("Removed what is older than 30 days: 1 article, 1 story"
            in capsys.readouterr().err)
    store = await Store.open(database_url)
    try:
        (left,) = await store.articles_since(datetime.now(UTC) - timedelta(days=400))
        assert left.guid == "g2"
    finally:
        await store.close()
    # A mistyped SQLite path is not created empty and "pruned" (review).
    missing = tmp_path / "no-such.db"
    assert await cli_run(["db", "prune", "--database", f"sqlite:///{missing}"]) == 2
    assert "does not exist; nothing to prune" in capsys.readouterr().err
    assert not missing.exists()


async def test_a_sqlite_backup_holds_what_the_log_holds_and_restores_over_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Operator QA: a plain copy of a running bot's file held 0 of its 10 subscribers (they
    were still in the write-ahead log), and a file put back beside the log a crash left was
    replayed onto: once the restore was undone, once the index was corrupt."""
    database = tmp_path / "briefing.db"
    url = f"sqlite:///{database}"
    store = await Store.open(url)
    try:
        for chat in (1, 2):
            await store.upsert_subscriber(chat, chat_type="private", now=NOW)
        # While the bot has it open (its log not yet written back), the backup is taken.
        saved = tmp_path / "backup.db"
        assert await cli_run(["db", "backup", str(saved), "--database", url]) == 0
        assert f"Backed up {database} to {saved}" in capsys.readouterr().err
        await store.upsert_subscriber(3, chat_type="private", now=NOW)
    finally:
        await store.close()
    backed = sqlite3.connect(saved)
    assert backed.execute("SELECT count(*) FROM subscribers").fetchone() == (2,)
    backed.close()
    # As `sqlite3 .backup` writes it (deploy.md before): still in WAL mode, so SQLite would
    # replay a log found beside it.
    saved = tmp_path / "backup-wal.db"
    with contextlib.closing(sqlite3.connect(database)) as live, \
            contextlib.closing(sqlite3.connect(saved)) as copy:
        live.execute("DELETE FROM subscribers WHERE chat_id = 3")
        live.commit()
        live.backup(copy)
    assert saved.read_bytes()[18:20] == b"\x02\x02"  # the header's WAL mode
    # A crash: the log of a later write is left beside the file.
    writer = sqlite3.connect(database)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("DELETE FROM subscribers")
    writer.commit()
    leftover = (tmp_path / "briefing.db-wal").read_bytes()
    writer.close()
    (tmp_path / "briefing.db-wal").write_bytes(leftover)
    assert await cli_run(["db", "restore", str(saved), "--database", url]) == 0
    restored = await Store.open(url)
    try:
        assert await restored.subscriber_count() == 2
        assert await restored.get_subscriber(3) is None
        # A running bot (one holding the scheduler lease) is not restored under.
        assert await restored.claim_lease(SCHEDULER_LEASE, "host:1", now=datetime.now(UTC),
                                          until=datetime.now(UTC) + timedelta(minutes=1))
    finally:
        await restored.close()
    capsys.readouterr()
    assert await cli_run(["db", "restore", str(saved), "--database", url]) == 2
    assert "a bot is running on this database (host:1" in capsys.readouterr().err
    # What is no backup of ours is refused before anything is touched.
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database")
    assert await cli_run(["db", "restore", str(junk), "--database", f"sqlite:///{tmp_path}/x.db"]
                         ) == 2
    assert "is not a SQLite database" in capsys.readouterr().err


async def test_a_restore_drops_the_log_a_crash_left(tmp_path: Path) -> None:
    """The write-ahead log a crash leaves beside the old file must not be replayed onto the
    restored one (operator QA: a restore undone, an index corrupt)."""
    database = tmp_path / "briefing.db"
    url = f"sqlite:///{database}"
    store = await Store.open(url)
    try:
        await store.upsert_subscriber(1, chat_type="private", now=NOW)
    finally:
        await store.close()
    saved = tmp_path / "backup.db"
    with contextlib.closing(sqlite3.connect(database)) as live, \
            contextlib.closing(sqlite3.connect(saved)) as copy:
        live.backup(copy)  # in WAL mode, as `sqlite3 .backup` leaves it
    writer = sqlite3.connect(database)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("DELETE FROM subscribers")
    writer.commit()
    leftover = (tmp_path / "briefing.db-wal").read_bytes()
    writer.close()
    (tmp_path / "briefing.db-wal").write_bytes(leftover)  # as SIGKILL leaves it
    database.chmod(0o600)
    kept = await asyncio.to_thread(backup.restore, saved, database, newest=head_revision(),
                                   now=NOW)
    with contextlib.closing(sqlite3.connect(database)) as restored:
        assert restored.execute("SELECT count(*) FROM subscribers").fetchone() == (1,)
        assert restored.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # The file it replaced is kept, with its log (review: a restore kept no copy), and the
    # restored one has the old one's mode (it had become 0644).
    assert kept is not None and kept.exists() and (tmp_path / f"{kept.name}-wal").exists()
    assert database.stat().st_mode & 0o777 == 0o600


async def test_backups_are_private_and_a_restore_refuses_what_it_cannot_run(
        tmp_path: Path) -> None:
    """Review: backups were written world-readable; a backup of a newer version was put in
    place (the bot then refused to start, the old database gone); a restore into a folder
    not made yet, or a backup to a folder, ended in a traceback."""
    database = tmp_path / "briefing.db"
    store = await Store.open(f"sqlite:///{database}")
    await store.close()
    saved = tmp_path / "backup.db"
    backup.backup(database, saved)
    assert saved.stat().st_mode & 0o777 == 0o600
    with pytest.raises(ConfigError, match="is a folder"):
        backup.backup(database, tmp_path)
    # An earlier backup is replaced; any other file is not (operator QA: overwritten silently).
    backup.backup(database, saved)
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    with pytest.raises(ConfigError, match="is not a briefing-bot database"):
        backup.backup(database, notes)
    assert notes.read_text() == "my notes"
    other = tmp_path / "bookmarks.db"  # another program's database (review)
    with contextlib.closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE bookmarks (url TEXT)")
        db.commit()
    with pytest.raises(ConfigError, match="is not a briefing-bot database"):
        backup.backup(database, other)
    empty = tmp_path / "tmp.XXXX"  # what mktemp gives
    empty.touch()
    backup.backup(database, empty)
    fresh = tmp_path / "new" / "place" / "briefing.db"
    assert backup.restore(saved, fresh, newest=head_revision(), now=NOW) is None
    assert fresh.exists() and fresh.stat().st_mode & 0o777 == 0o600
    with contextlib.closing(sqlite3.connect(saved)) as newer:
        newer.execute("UPDATE alembic_version SET version_num = '9999'")
        newer.commit()
    with pytest.raises(ConfigError, match="made by a newer briefing-bot"):
        backup.restore(saved, fresh, newest=head_revision(), now=NOW)


async def test_status_looks_at_an_older_schema_without_upgrading_it(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Operator QA: status, run from cron after `pip install --upgrade`, upgraded the schema
    # under the older bot still running.
    old = await Store.open(database_url, revision="0012")
    await old.close()
    code = await cli_run(["status"], {"BRIEFING_DATABASE_URL": database_url})
    err = capsys.readouterr().err
    assert code == 1 and "the database's schema is 0012" in err
    assert f"writes {head_revision()}" in err and "db upgrade" in err
    assert "no bot runs on it" in err  # (it said "the running bot is an older version")
    again = await Store.open(database_url, revision=None)
    try:
        assert await again.revision() == "0012"
    finally:
        await again.close()


async def test_a_newer_version_does_not_upgrade_the_schema_under_a_running_bot(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Operator QA N2: after `pip install --upgrade`, the next cron `fetch` (or `db upgrade`)
    upgraded the schema under the older bot still running, which went on writing without the
    new columns' meaning, `status` said healthy, and it refused to start at its next restart."""
    old = await Store.open(database_url, revision="0010")
    await old.close()
    engine = create_async_engine(async_database_url(database_url))
    async with engine.begin() as conn:  # the older bot holds the scheduler lease
        await conn.execute(store_module.leases.insert().values(
            name=SCHEDULER_LEASE, holder="otherhost:11043:e8d120", acquired_at=datetime.now(UTC),
            expires_at=datetime.now(UTC) + timedelta(seconds=30)))
    for argv in (["fetch", "--all"], ["db", "upgrade", "--database", database_url]):
        assert await cli_run(argv, {"BRIEFING_DATABASE_URL": database_url}) == 2
        err = capsys.readouterr().err
        assert "a bot is running on it (otherhost:11043:e8d120" in err, err
        assert "schema revision 0010" in err and "stop that bot first" in err, err
    with pytest.raises(StoreError, match="a bot is running on it"):
        await Store.open(database_url)
    assert await cli_run(["status"], {"BRIEFING_DATABASE_URL": database_url}) == 1
    assert "the running bot (otherhost:11043:e8d120) is an older version" in capsys.readouterr().err
    # Stopped (its lease ran out, or was given up): the upgrade goes ahead.
    async with engine.begin() as conn:
        await conn.execute(store_module.leases.update().values(
            expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    await engine.dispose()
    assert await cli_run(["db", "upgrade", "--database", database_url]) == 0
    assert f"from 0010 to {head_revision()}" in capsys.readouterr().err
