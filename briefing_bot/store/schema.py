"""The tables, with every index and constraint the migrations create (tests/test_schema.py
checks that the two agree on SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every database (SQLite keeps naive text)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use timezone-aware UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = sa.MetaData()

sources = sa.Table(
    "sources", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("location", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("next_check_at", UTCDateTime),
    sa.Column("consecutive_errors", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("last_success_at", UTCDateTime),
    sa.Column("last_checked_at", UTCDateTime),
    sa.Column("created_at", UTCDateTime, nullable=False),
    # The language its feed declares, as a base code (migration 0025): NULL, none.
    sa.Column("language", sa.String(16)),
    sa.Index("ix_sources_next_check_at", "next_check_at"),
)

stories = sa.Table(
    "stories", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("first_seen_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    # When a reader first received it (migration 0006): such a story keeps its id when merged.
    sa.Column("delivered_at", UTCDateTime),
    # When a briefing being written last claimed it (migration 0019): it keeps its id and
    # title meanwhile, and the claim lapses if no briefing with it is sent (`CLAIM_HOLDS`).
    sa.Column("claimed_at", UTCDateTime),
    # Category keys the LLM named with its summary, comma-separated (migration 0010).
    sa.Column("categories", sa.String(100)),
    # When readers were first told its event, by a story of days before (migration 0013).
    sa.Column("first_told_at", UTCDateTime),
    # The headline of the story that told it then, shown with the mark (migration 0017).
    sa.Column("first_told_title", sa.Text),
    # Its id, the first telling of a chain of retellings (migration 0027): a chat that muted
    # it is not sent the retelling.
    sa.Column("first_told_id", sa.Integer),
    sa.Index("ix_stories_updated_at", "updated_at"),
)

articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id")),
    sa.Column("guid", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("canonical_url", sa.Text),
    sa.Column("content_hash", sa.String(64)),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("input_kind", sa.String(16), nullable=False),
    sa.Column("published_at", UTCDateTime),
    sa.Column("fetched_at", UTCDateTime, nullable=False),
    # An earlier version of an article its outlet corrected: the current version's id
    # (migration 0014). Kept in its story for the chats that had it; its guid carries
    # "#revised-<id>" and its canonical URL is the current version's.
    sa.Column("revised_by", sa.Integer),
    # False when the item had no headline and `title` was made from its text (migration
    # 0018): a story's title is a real headline before such a stand-in, one printed with a
    # closing full stop too.
    sa.Column("titled", sa.Boolean, nullable=False, server_default=sa.true()),
    # A live blog's posts, oldest first, as a JSON list (migration 0021): its summary tells
    # the blog's day post by post (`extractive.summarize(posts=True)`). NULL for the rest.
    sa.Column("posts", sa.Text),
    sa.UniqueConstraint("source_id", "guid", name="uq_articles_source_guid"),
    sa.Index("ix_articles_canonical_url", "canonical_url", unique=True),
    sa.Index("ix_articles_content_hash", "content_hash", unique=True),
    sa.Index("ix_articles_story_id", "story_id"),
    sa.Index("ix_articles_fetched_at", "fetched_at"),
    sa.Index("ix_articles_revised_by", "revised_by"),
)

summaries = sa.Table(
    "summaries", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("cache_key", sa.String(64), nullable=False, unique=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("engine", sa.String(16), nullable=False),
    sa.Column("model", sa.Text),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("basis", sa.String(16), nullable=False),
    sa.Column("fallback", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

llm_calls = sa.Table(
    "llm_calls", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("task", sa.String(32), nullable=False),
    sa.Column("model", sa.Text, nullable=False),
    sa.Column("prompt_tokens", sa.Integer, nullable=False),
    sa.Column("completion_tokens", sa.Integer, nullable=False),
    sa.Column("duration_ms", sa.Integer, nullable=False),
    sa.Column("cost_usd", sa.Float, nullable=False),
    sa.Column("error", sa.Text),
    sa.Column("rejected", sa.Text),  # the answer check's "reason: detail" (migration 0007)
    sa.Index("ix_llm_calls_at", "at"),
)

subscribers = sa.Table(
    "subscribers", metadata,
    sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("chat_type", sa.String(16), nullable=False),
    sa.Column("topics", sa.Text, nullable=False, server_default=""),
    sa.Column("brief_time", sa.String(5), nullable=False, server_default="07:30"),
    sa.Column("timezone", sa.String(64), nullable=False, server_default="UTC"),
    sa.Column("place", sa.String(128)),  # the place /timezone named (migration 0020)
    sa.Column("language", sa.String(16), nullable=False, server_default="en"),
    sa.Column("paused", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("next_briefing_at", UTCDateTime),
    sa.Column("last_briefing_at", UTCDateTime),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index("ix_subscribers_due", "active", "paused", "next_briefing_at"),
)

outbox = sa.Table(
    "outbox", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("chat_id", sa.BigInteger, nullable=False),
    sa.Column("cycle", sa.String(64), nullable=False),
    sa.Column("part", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("not_before", UTCDateTime, nullable=False),
    sa.Column("sent_at", UTCDateTime),
    sa.Column("error", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("message_id", sa.BigInteger),  # Telegram's id of the sent message
    sa.Column("reply_to", sa.BigInteger),  # the message an update replies to
    sa.Column("buttons", sa.Text),  # JSON [[label, callback data], ...], one row each
    sa.UniqueConstraint("chat_id", "cycle", "part", name="uq_outbox_chat_cycle_part"),
    sa.Index("ix_outbox_pending", "status", "not_before"),
)

# A story's set of articles, named by a digest of its id and article ids: shared by every
# reader who received exactly those articles.
story_versions = sa.Table(
    "story_versions", metadata,
    sa.Column("digest", sa.String(32), primary_key=True),
    sa.Column("story_id", sa.Integer, nullable=False),
    sa.Column("article_ids", sa.Text, nullable=False),  # JSON list, ascending
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index("ix_story_versions_story_id", "story_id"),
)

# What each chat received of each story (no foreign key: clustering may merge stories away).
chat_stories = sa.Table(
    "chat_stories", metadata,
    sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("story_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.String(32)),  # story_versions.digest; None: muted, never received
    sa.Column("cycle", sa.String(64)),  # the outbox part that carries it (chat, cycle, part)
    sa.Column("part", sa.Integer),
    sa.Column("message_id", sa.BigInteger),  # once sent: the message an update replies to
    sa.Column("muted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("received_at", UTCDateTime, nullable=False),
    # The headline the chat was shown the story under (its item's, or its last update's):
    # updates reply under it. NULL: recorded before it was kept, or a receipt that followed
    # articles moved to another story (whose headline the chat never had).
    sa.Column("title", sa.Text),
    sa.Index("ix_chat_stories_received_at", "received_at"),
    sa.Index("ix_chat_stories_story_id", "story_id"),  # a merge moves a story's receipts
)

leases = sa.Table(
    "leases", metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("holder", sa.String(200), nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("acquired_at", UTCDateTime, nullable=False),
)

# Each scheduled job's last run (one row a job: "refresh"), by the instance that ran it (its
# lease's holder): when it started, and ended (NULL: still running, or its instance stopped
# meanwhile). `status` reads it from another process.
job_runs = sa.Table(
    "job_runs", metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("holder", sa.String(200), nullable=False),
    sa.Column("started_at", UTCDateTime, nullable=False),
    sa.Column("ended_at", UTCDateTime),
)

# Sent, failed and dropped messages per UTC day: the outbox rows go with a reader's /stop and
# with retention, these counts stay.
delivery_totals = sa.Table(
    "delivery_totals", metadata,
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("status", sa.String(16), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
)

# One row per use of a rate-limited action (a /summarize), shared by every replica.
quota_uses = sa.Table(
    "quota_uses", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Index("ix_quota_uses_key_at", "key", "at"),
)

# Embedding vectors by model and by a digest of the text embedded (float32 bytes): computed
# once, read again after a restart and by every replica. Retention forgets old ones.
# Items without a date whose articles retention deleted, remembered for a year after a fetch
# last found them listed (`seen_at`), by the keys an article is known by (its source's guid,
# its canonical URL, its text's hash: another feed may list it): stored again after
# retention, such an item was news again every month (found by operator QA). A dated item is
# too old to be news by its date.
forgotten_items = sa.Table(
    "forgotten_items", metadata,
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), primary_key=True),
    sa.Column("guid", sa.Text, primary_key=True),
    sa.Column("canonical_url", sa.Text),
    sa.Column("content_hash", sa.String(64)),
    sa.Column("seen_at", UTCDateTime, nullable=False),
    sa.Index("ix_forgotten_items_seen_at", "seen_at"),
    sa.Index("ix_forgotten_items_canonical_url", "canonical_url"),
    sa.Index("ix_forgotten_items_content_hash", "content_hash"),
)

embeddings = sa.Table(
    "embeddings", metadata,
    sa.Column("model", sa.String(200), primary_key=True),
    sa.Column("digest", sa.String(32), primary_key=True),
    sa.Column("vector", sa.LargeBinary, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index("ix_embeddings_created_at", "created_at"),
)


# The Telegram bot this database serves (one row): a `run` with another bot's token refuses
# to start rather than take every reader for a chat that left (operator QA).
bot_identity = sa.Table(
    "bot_identity", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("bot_id", sa.BigInteger, nullable=False),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("bound_at", UTCDateTime, nullable=False),
)

# The picker question a private chat was just asked ("time", "timezone") and when: its next
# message answers it, on any instance and after a restart (bot.py `_asked`). One row a chat
# at most, taken by the chat's next update.
open_pickers = sa.Table(
    "open_pickers", metadata,
    sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("opened_at", UTCDateTime, nullable=False),
)


def metadata_tables() -> list[sa.Table]:
    """Every table, parents before children."""
    return list(metadata.sorted_tables)


# Keep IN lists well under every driver's parameter limit.
_CHUNK = 400


def chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    """Slices of at most `_CHUNK` items, for IN lists and batched inserts."""
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def inserted_id(result: Any) -> int:
    """The id the database gave the row an INSERT just wrote."""
    key = result.inserted_primary_key
    if key is None or key[0] is None:
        raise RuntimeError("the database returned no id for a new row")
    return int(key[0])
