"""Telegram faults mid-broadcast: every message arrives once, in order, or the chat is gone.

A storm across hundreds of chats: flood waits (429 with retry_after), 5xx answers, connections
reset before Telegram saw the message, blocked bots (403), vanished chats, groups that became
supergroups. The outbox is drained again and again as the clock moves on, until nothing waits.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from telegram import Bot
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData

from briefing_bot.delivery import Deliverer
from briefing_bot.store import QueuedBriefing, Store
from tests.fakes import BOT_TOKEN, Clock, TelegramPeer

FLOOD: dict[str, object] = {"error_code": 429,
                            "description": "Too Many Requests: retry after 7",
                            "parameters": {"retry_after": 7}}
BLOCKED: dict[str, object] = {"error_code": 403,
                              "description": "Forbidden: bot was blocked by the user"}
GONE: dict[str, object] = {"error_code": 400, "description": "Bad Request: chat not found"}
RESET: dict[str, object] = {"raise": NetworkError("httpx.RemoteProtocolError: Server disconnected "
                                                  "without sending a response.")}
CONNECT_TIMEOUT: dict[str, object] = {"raise": TimedOut("Pool timeout: all connections busy")}


def server_error(code: int) -> dict[str, object]:
    return {"error_code": code, "description": {500: "Internal Server Error",
                                                502: "Bad Gateway",
                                                503: "Service Unavailable",
                                                504: "Gateway Timeout"}[code]}


class StormPeer(TelegramPeer):
    """The strict fake Bot API, plus failures that never reach it (a reset connection), and
    Telegram's memory of migrations: an upgraded group's old id keeps answering "migrated"."""

    def __init__(self) -> None:
        super().__init__()
        self.migrated: dict[int, int] = {}

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         *args: object, **kwargs: object) -> tuple[int, bytes]:
        if url.endswith("/sendMessage") and request_data is not None:
            chat_id = int(str(request_data.parameters["chat_id"]))
            scripted = self.failures.setdefault(chat_id, [])
            if scripted and "raise" in scripted[0]:
                raise scripted.pop(0)["raise"]  # type: ignore[misc]
            if not scripted and chat_id in self.migrated:
                scripted.append(migration(chat_id, self.migrated[chat_id]))
            if scripted and "migrate_to_chat_id" in str(scripted[0]):
                self.migrated[chat_id] = int(str(
                    scripted[0]["parameters"]["migrate_to_chat_id"]))  # type: ignore[index]
        return await super().do_request(url, method, request_data, *args, **kwargs)


def migration(old: int, new: int) -> dict[str, object]:
    return {"error_code": 400, "description": "Bad Request: group chat was upgraded to a "
            "supergroup chat", "parameters": {"migrate_to_chat_id": new}}


@pytest.fixture
def peer() -> StormPeer:
    return StormPeer()


@pytest.fixture
async def deliverer(store: Store, peer: StormPeer, clock: Clock) -> AsyncIterator[Deliverer]:
    async with Bot(BOT_TOKEN, request=peer, get_updates_request=peer) as bot:
        yield Deliverer(store=store, bot=bot, clock=clock, private_interval=0, group_interval=0)


async def queue(store: Store, clock: Clock, chat_id: int, parts: list[str]) -> None:
    await store.upsert_subscriber(chat_id, chat_type="private" if chat_id > 0 else "group",
                                  now=clock())
    await store.enqueue_briefings([QueuedBriefing(
        chat_id, "c1", tuple(parts), next_briefing_at=None, last_briefing_at=clock())],
        now=clock())


async def drain_until_empty(store: Store, deliverer: Deliverer, clock: Clock) -> int:
    for rounds in range(1, 200):
        await deliverer.drain()
        if not await store.pending_deliveries(clock() + timedelta(days=1)):
            return rounds
        clock.advance(seconds=90)
    raise AssertionError("the outbox never emptied")


@pytest.mark.parametrize("failure", [server_error(500), server_error(502), server_error(503),
                                     server_error(504), RESET, CONNECT_TIMEOUT])
async def test_server_errors_and_resets_are_retried_and_sent_once(
    store: Store, deliverer: Deliverer, peer: StormPeer, clock: Clock,
    failure: dict[str, object],
) -> None:
    await queue(store, clock, 1, ["first", "second", "third"])
    peer.failures[1] = [failure, failure, failure]
    await drain_until_empty(store, deliverer, clock)
    assert [p["text"] for p in peer.sent(1)] == ["first", "second", "third"]


async def test_a_reset_after_telegram_accepted_is_the_one_repeat_we_accept(
    store: Store, peer: StormPeer, clock: Clock
) -> None:
    """The response is lost after Telegram delivered the message: the bot cannot know, and
    sends it again. This is the at-least-once window the README states; it repeats one
    message, never a whole briefing, and loses nothing."""

    class LostAnswer(StormPeer):
        lose_next = True

        async def do_request(self, url: str, method: str,
                             request_data: RequestData | None = None, *args: object,
                             **kwargs: object) -> tuple[int, bytes]:
            answer = await super().do_request(url, method, request_data, *args, **kwargs)
            if url.endswith("/sendMessage") and self.lose_next:
                self.lose_next = False
                raise NetworkError("httpx.ReadError: connection reset by peer")
            return answer

    lossy = LostAnswer()
    async with Bot(BOT_TOKEN, request=lossy, get_updates_request=lossy) as bot:
        deliverer = Deliverer(store=store, bot=bot, clock=clock, private_interval=0,
                              group_interval=0)
        await queue(store, clock, 1, ["first", "second"])
        await drain_until_empty(store, deliverer, clock)
    assert [p["text"] for p in lossy.sent(1)] == ["first", "first", "second"]


@pytest.mark.slow
async def test_a_mixed_storm_across_many_chats_delivers_exactly_once(
    store: Store, deliverer: Deliverer, peer: StormPeer, clock: Clock
) -> None:
    chooser = random.Random(429)
    transient = [FLOOD, server_error(500), server_error(502), server_error(503),
                 server_error(504), RESET, CONNECT_TIMEOUT,
                 {**FLOOD, "parameters": {"retry_after": 61}}]
    chats = list(range(1, 301)) + [-n for n in range(1, 21)]
    expected: dict[int, list[str]] = {}
    blocked: set[int] = set()
    migrated: dict[int, int] = {}
    for chat in chats:
        parts = [f"chat {chat} part {n} &amp; <b>bold</b>" for n in range(chooser.randint(1, 3))]
        await queue(store, clock, chat, parts)
        script = [chooser.choice(transient) for _ in range(chooser.randint(0, 4))]
        fate = chooser.random()
        if fate < 0.05:
            script.append(chooser.choice([BLOCKED, GONE]))
            blocked.add(chat)
        elif chat < 0 and fate < 0.4:
            migrated[chat] = chat - 100_000
            script.append(migration(chat, chat - 100_000))
        peer.failures[chat] = script
        expected[migrated.get(chat, chat)] = [] if chat in blocked else parts
    rounds = await drain_until_empty(store, deliverer, clock)
    received: dict[int, list[str]] = {}
    for params in peer.sent():
        received.setdefault(int(str(params["chat_id"])), []).append(str(params["text"]))
    assert {chat: received.get(chat, []) for chat in expected} == expected  # once, in order
    assert set(received) <= set(expected)
    for chat in blocked:
        subscriber = await store.get_subscriber(chat)
        assert subscriber is not None and not subscriber.active
    for old, new in migrated.items():
        assert await store.get_subscriber(old) is None
        assert await store.get_subscriber(new) is not None
    assert rounds > 1  # the storm really deferred messages
    faults = sum(1 for method, params in peer.calls if method == "sendMessage"
                 and not params.get("_ok"))
    assert faults > 300
    print(f"storm: {len(chats)} chats, {sum(map(len, expected.values()))} parts delivered, "
          f"{faults} faults answered, {len(blocked)} chats gone, {len(migrated)} migrated, "
          f"{rounds} drains")
