"""The outbox drained through PTB's real Bot against a strict offline Bot API."""

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import cast

import pytest
from telegram import Bot
from telegram.error import InvalidToken

from briefing_bot.delivery import Deliverer, DrainMeanwhile, DrainReport
from briefing_bot.errors import StoreUnavailable
from briefing_bot.store import QueuedBriefing, Store
from tests.fakes import BOT_TOKEN, Clock, TelegramPeer

pytestmark = pytest.mark.both_databases


@pytest.fixture
def peer() -> TelegramPeer:
    return TelegramPeer()


@pytest.fixture
async def bot(peer: TelegramPeer) -> AsyncIterator[Bot]:
    async with Bot(BOT_TOKEN, request=peer, get_updates_request=peer) as opened:
        yield opened


@pytest.fixture
def deliverer(store: Store, bot: Bot, clock: Clock) -> Deliverer:
    return Deliverer(store=store, bot=bot, clock=clock, private_interval=0, group_interval=0)


async def queue(store: Store, clock: Clock, chat_id: int, *parts: str,
                cycle: str = "c1") -> None:
    await store.upsert_subscriber(chat_id, chat_type="private" if chat_id > 0 else "group",
                                  now=clock())
    await store.enqueue_briefings([QueuedBriefing(
        chat_id, cycle, tuple(parts), next_briefing_at=None, last_briefing_at=clock())],
        now=clock())


async def test_parts_are_sent_in_order_once(store: Store, deliverer: Deliverer,
                                            peer: TelegramPeer, clock: Clock) -> None:
    await queue(store, clock, 1, "<b>one</b>", "two")
    await queue(store, clock, 2, "three")
    report = await deliverer.drain()
    assert report.sent == 3
    assert [p["text"] for p in peer.sent(1)] == ["<b>one</b>", "two"]
    assert all(p["parse_mode"] == "HTML" for p in peer.sent())
    assert (await deliverer.drain()).sent == 0  # a second drain sends nothing again
    assert len(peer.sent()) == 3


async def test_flood_wait_is_waited_out_and_nothing_is_lost(
    store: Store, deliverer: Deliverer, peer: TelegramPeer, clock: Clock
) -> None:
    await queue(store, clock, 1, "first", "second")
    peer.failures[1] = [{"error_code": 429, "description": "Too Many Requests: retry after 5",
                         "parameters": {"retry_after": 5}}]
    report = await deliverer.drain()
    assert (report.sent, report.deferred) == (0, 1)
    assert (await deliverer.drain()).sent == 0  # not before the wait is over
    clock.advance(seconds=6)
    assert (await deliverer.drain()).sent == 2
    assert [p["text"] for p in peer.sent(1)] == ["first", "second"]


async def test_blocked_user_is_deactivated(store: Store, deliverer: Deliverer,
                                           peer: TelegramPeer, clock: Clock) -> None:
    await queue(store, clock, 1, "hello", "again")
    await queue(store, clock, 2, "fine")
    peer.failures[1] = [{"error_code": 403, "description": "Forbidden: bot was blocked by the user"}]
    report = await deliverer.drain()
    assert (report.sent, report.dropped_chats) == (1, 1)
    subscriber = await store.get_subscriber(1)
    assert subscriber is not None and not subscriber.active
    assert await store.pending_deliveries(clock() + timedelta(days=1)) == []


async def test_migrated_group_keeps_its_subscription(store: Store, deliverer: Deliverer,
                                                     peer: TelegramPeer, clock: Clock) -> None:
    await queue(store, clock, -5, "group news")
    peer.failures[-5] = [{"error_code": 400, "description": "Bad Request: group chat was "
                          "upgraded to a supergroup chat",
                          "parameters": {"migrate_to_chat_id": -1005}}]
    assert (await deliverer.drain()).sent == 1
    assert [p["text"] for p in peer.sent(-1005)] == ["group news"]
    assert await store.get_subscriber(-5) is None
    assert await store.get_subscriber(-1005) is not None


async def test_markup_telegram_rejects_is_sent_once_as_plain_text(
    store: Store, deliverer: Deliverer, peer: TelegramPeer, clock: Clock
) -> None:
    await queue(store, clock, 1, "<b>Fish &amp; chips</b> <blink>x</blink>")
    assert (await deliverer.drain()).sent == 1
    (sent,) = peer.sent(1)
    assert sent["text"] == "Fish & chips x"
    assert "parse_mode" not in sent


async def test_network_errors_are_retried_with_back_off(
    store: Store, deliverer: Deliverer, peer: TelegramPeer, clock: Clock
) -> None:
    await queue(store, clock, 1, "hello")
    peer.failures[1] = [{"error_code": 502, "description": "Bad Gateway"}]
    report = await deliverer.drain()
    assert report.deferred == 1
    clock.advance(seconds=6)
    assert (await deliverer.drain()).sent == 1


async def test_many_flood_waits_do_not_use_up_the_retries(
    store: Store, deliverer: Deliverer, peer: TelegramPeer, clock: Clock
) -> None:
    await queue(store, clock, 1, "hello")
    peer.failures[1] = [{"error_code": 429, "description": "Too Many Requests",
                         "parameters": {"retry_after": 1}}] * 25
    for _ in range(25):
        await deliverer.drain()
        clock.advance(seconds=2)
    assert (await deliverer.drain()).sent == 1


async def test_migration_onto_an_existing_subscription(
    store: Store, deliverer: Deliverer, peer: TelegramPeer, clock: Clock
) -> None:
    await queue(store, clock, -5, "old group news")
    await store.upsert_subscriber(-1005, chat_type="supergroup", now=clock())
    peer.failures[-5] = [{"error_code": 400, "description": "Bad Request: group chat was "
                          "upgraded to a supergroup chat",
                          "parameters": {"migrate_to_chat_id": -1005}}]
    assert (await deliverer.drain()).sent == 1
    assert await store.get_subscriber(-5) is None
    assert [p["text"] for p in peer.sent(-1005)] == ["old group news"]


async def test_a_drain_told_to_stop_leaves_the_rest_queued_for_the_next_holder(
    store: Store, deliverer: Deliverer, peer: TelegramPeer, clock: Clock
) -> None:
    for chat in range(1, 41):
        await queue(store, clock, chat, f"briefing for {chat}")
    # The lease runs out after five messages: this instance must stop sending at once.
    report = await deliverer.drain(keep_going=lambda: len(peer.sent()) < 5)
    assert report.sent == len(peer.sent()) < 40
    stopped_at = len(peer.sent())
    # Whoever holds the lease next sends the rest, and nothing twice.
    assert (await deliverer.drain()).sent == 40 - stopped_at
    assert sorted(cast(int, p["chat_id"]) for p in peer.sent()) == list(range(1, 41))


async def test_a_revoked_token_stops_the_drain_once_and_keeps_every_message(
    store: Store, deliverer: Deliverer, peer: TelegramPeer, clock: Clock,
    caplog: pytest.LogCaptureFixture
) -> None:
    """Operator QA: each delivery tick logged a 30-line traceback per waiting chat."""
    for chat in (1, 2, 3):
        await queue(store, clock, chat, "hello")
    for chat in (1, 2, 3):
        peer.failures[chat] = [{"error_code": 401, "description": "Unauthorized"}]
    with pytest.raises(InvalidToken):
        await deliverer.drain()
    assert not [r for r in caplog.records if r.name == "briefing_bot.delivery"]
    waiting = await store.pending_deliveries(clock() + timedelta(days=1))
    assert sorted(d.chat_id for d in waiting) == [1, 2, 3]


async def test_a_message_sent_while_the_database_failed_is_recorded_later_not_sent_again(
    store: Store, deliverer: Deliverer, peer: TelegramPeer, clock: Clock,
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    # Operator QA: PostgreSQL restarted during a broadcast; Telegram had accepted two chats'
    # briefings, writing "sent" failed on the closed connection, and they were sent again.
    await queue(store, clock, 1, "one", "two")
    await queue(store, clock, 2, "three")
    mark = store.mark_delivery
    down = True

    async def failing(delivery_id: int, **kwargs: object) -> None:
        if down and kwargs.get("status") == "sent":
            raise StoreUnavailable("connection was closed in the middle of operation")
        await mark(delivery_id, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "mark_delivery", failing)
    report = await deliverer.drain()
    # Each chat's first part reached Telegram; the chat then waits for the database.
    assert report.sent == 2 and sorted(str(p["text"]) for p in peer.sent()) == ["one", "three"]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert sum("the database failed for 2 chats" in w for w in warnings) == 1
    assert sum("failed to record it" in w for w in warnings) == 2  # each part said
    assert len(warnings) == 3
    assert not [r for r in caplog.records if r.exc_info]  # no traceback per chat
    down = False
    assert (await deliverer.drain()).sent == 1
    assert [p["text"] for p in peer.sent()][2:] == ["two"]  # "one" and "three" not again
    assert await store.pending_deliveries(clock() + timedelta(days=1)) == []
    assert (await store.delivery_counts(clock() - timedelta(days=1))).get("sent") == 3


class _SlowDrains:
    """A deliverer whose drains take until they are let go, counting what they send."""

    def __init__(self) -> None:
        self.let_go = asyncio.Event()
        self.started = 0
        self.finished = 0
        self.refuse = False

    async def drain(self, **_: object) -> DrainReport:
        self.started += 1
        await self.let_go.wait()
        if self.refuse:
            raise InvalidToken("Unauthorized")
        self.finished += 1
        return DrainReport(sent=2)


async def test_briefings_queued_while_a_round_is_written_are_sent_meanwhile() -> None:
    """Reader QA (stop 60): the first chat of a slow round waited for the last; what the
    round queues is sent while it writes the rest, and the end of the round waits for the
    drain in progress instead of cutting it (a message taken but not marked would repeat)."""
    drains = _SlowDrains()
    sending = DrainMeanwhile(cast(Deliverer, drains), keep_going=lambda: True)
    sending.wake()
    for _ in range(20):
        await asyncio.sleep(0)
    assert drains.started == 1  # sending began while the round goes on
    sending.wake()  # more queued meanwhile: taken by the next drain, not a second at once
    finishing = asyncio.ensure_future(sending.finish())
    for _ in range(20):
        await asyncio.sleep(0)
    assert not finishing.done() and drains.started == 1
    drains.let_go.set()
    done = await finishing
    assert (drains.started, drains.finished, done.report.sent) == (1, 1, 2)
    assert (done.report + DrainReport(sent=1, failed=1)) == DrainReport(sent=3, failed=1)


async def test_a_token_refused_while_a_round_is_written_is_kept_for_after_it() -> None:
    drains = _SlowDrains()
    drains.refuse = True
    drains.let_go.set()
    sending = DrainMeanwhile(cast(Deliverer, drains), keep_going=lambda: True)
    sending.wake()
    for _ in range(20):
        await asyncio.sleep(0)
    sending.wake()  # the round queues more: no drain after the refusal
    done = await sending.finish()
    assert isinstance(done.refused, InvalidToken)
    assert drains.started == 1
    assert done.report == DrainReport()
