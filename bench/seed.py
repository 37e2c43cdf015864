"""Bulk set-up for benchmarks: many subscribers (and articles) written straight into a migrated
SQLite file with the standard `sqlite3` module. This is set-up, not the code under test: the
bot's own path adds one chat per command, which would take hours for 100,000 chats."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path


def sql_time(moment: datetime | None) -> str | None:
    """A datetime as SQLAlchemy stores it in SQLite (naive UTC text)."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def add_subscribers(database: Path, count: int, *, topics: Callable[[int], str],
                    next_briefing_at: datetime, now: datetime, first_chat: int = 1) -> None:
    rows = ((chat, "private", topics(chat - first_chat), "07:30", "UTC", "en", 0, 1,
             sql_time(next_briefing_at), None, sql_time(now))
            for chat in range(first_chat, first_chat + count))
    with sqlite3.connect(database) as conn:
        conn.executemany(
            "INSERT INTO subscribers (chat_id, chat_type, topics, brief_time, timezone, language,"
            " paused, active, next_briefing_at, last_briefing_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.close()


def make_all_due(database: Path, moment: datetime, *, forget_last: bool = False) -> None:
    """Every subscriber due at `moment` (a new slot); optionally as if never briefed."""
    with sqlite3.connect(database) as conn:
        conn.execute("UPDATE subscribers SET next_briefing_at = ?", (sql_time(moment),))
        if forget_last:
            conn.execute("UPDATE subscribers SET last_briefing_at = NULL")
    conn.close()


def forget_received(database: Path) -> None:
    """Every chat forgets which stories it was sent (as if never briefed)."""
    with sqlite3.connect(database) as conn:
        conn.execute("DELETE FROM chat_stories")
    conn.close()


def count_rows(database: Path, table: str, where: str = "1 = 1") -> int:
    conn = sqlite3.connect(database)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0])  # noqa: S608 - bench-only, fixed names
    finally:
        conn.close()


def add_articles(database: Path, items: Iterable[tuple[int, str, str, datetime]], *,
                 source_id: int, fetched_at: Callable[[datetime], datetime],
                 first: int = 0) -> int:
    """Articles (story number, title, text, time), one new story per story number; `first`
    numbers them after earlier calls (guids, links and hashes must stay unique)."""
    stories: dict[int, int] = {}
    added = 0
    with sqlite3.connect(database) as conn:
        for number, (story, title, text, moment) in enumerate(items, start=first):
            if story not in stories:
                cursor = conn.execute(
                    "INSERT INTO stories (title, first_seen_at, updated_at) VALUES (?, ?, ?)",
                    (title, sql_time(fetched_at(moment)), sql_time(fetched_at(moment))))
                stories[story] = int(cursor.lastrowid or 0)
            conn.execute(
                "INSERT INTO articles (source_id, story_id, guid, url, canonical_url,"
                " content_hash, title, text, input_kind, published_at, fetched_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'full', ?, ?)",
                (source_id, stories[story], f"g{number}", f"https://bench.example/{number}",
                 f"https://bench.example/{number}", f"h{number}", title, text,
                 sql_time(moment), sql_time(fetched_at(moment))))
            added += 1
    conn.close()
    return added


def add_reports(database: Path, *, since: datetime, moment: datetime, limit: int) -> int:
    """One more report of each of the latest stories (at most `limit`, first seen since
    `since`), fetched at `moment`: a copy of one of its articles under a new headline, so
    chats that received the story are due an update. Returns how many were added."""
    with sqlite3.connect(database) as conn:
        rows = conn.execute(
            "SELECT a.story_id, a.source_id, a.title, a.text FROM articles a"
            " JOIN stories s ON s.id = a.story_id WHERE s.first_seen_at >= ?"
            " AND a.id = (SELECT min(b.id) FROM articles b WHERE b.story_id = a.story_id)"
            " ORDER BY s.first_seen_at DESC LIMIT ?", (sql_time(since), limit)).fetchall()
        first = int(conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0) + 1
        for number, (story, source, title, text) in enumerate(rows, start=first):
            conn.execute(
                "INSERT INTO articles (source_id, story_id, guid, url, canonical_url,"
                " content_hash, title, text, input_kind, published_at, fetched_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'full', ?, ?)",
                (source, story, f"u{number}", f"https://bench.example/u{number}",
                 f"https://bench.example/u{number}", f"uh{number}", f"Update: {title}",
                 f"{text} Officials gave further details later in the day.",
                 sql_time(moment), sql_time(moment)))
            conn.execute("UPDATE stories SET updated_at = ? WHERE id = ?",
                         (sql_time(moment), story))
    conn.close()
    return len(rows)
