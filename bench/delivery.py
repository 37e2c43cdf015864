"""Delivery against Telegram's limit: 10,000 chats due at once, through a loopback Bot API peer
that enforces about 30 messages a second overall and 1 a second per chat, answering 429 with
retry_after beyond that, as Telegram does. The baseline is the limit itself.

Targets: sustained at least 27 messages a second (90% of the limit), every chat exactly one
briefing, none lost, none twice.
Usage: .venv/bin/python bench/delivery.py [--chats 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import socket
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from briefing_bot.bot import rate_limiter
from briefing_bot.delivery import Deliverer
from briefing_bot.store import QueuedBriefing, Store
from tests.telegram_peer import Peer, running_peer

LIMIT = 30


class LimitedPeer:
    """Wraps the peer's sendMessage with Telegram's flood limits."""

    def __init__(self, peer: Peer) -> None:
        self.peer = peer
        self.window: collections.deque[float] = collections.deque()
        self.last_per_chat: dict[int, float] = {}
        self.refused = 0
        self.lock = threading.Lock()
        original = peer.answer

        def answer(method: str, params: dict[str, Any],
                   connection: socket.socket | None = None) -> tuple[int, dict[str, Any]]:
            if method == "sendMessage":
                now = time.monotonic()
                chat = int(params["chat_id"])
                with self.lock:
                    while self.window and now - self.window[0] > 1.0:
                        self.window.popleft()
                    too_fast = len(self.window) >= LIMIT or now - self.last_per_chat.get(
                        chat, -10.0) < 1.0
                    if too_fast:
                        self.refused += 1
                        return 429, {"ok": False, "error_code": 429,
                                     "description": "Too Many Requests: retry after 1",
                                     "parameters": {"retry_after": 1}}
                    self.window.append(now)
                    self.last_per_chat[chat] = now
            return original(method, params, connection)

        peer.answer = answer  # type: ignore[method-assign]


async def run(chats: int) -> None:
    with tempfile.TemporaryDirectory() as folder, running_peer() as peer:
        limited = LimitedPeer(peer)
        store = await Store.open(f"sqlite:///{Path(folder) / 'bench.db'}")
        now = datetime.now(UTC)
        for chat in range(1, chats + 1):
            await store.upsert_subscriber(chat, chat_type="private", now=now)
        await store.enqueue_briefings([
            QueuedBriefing(chat, "bench", ("<b>Your briefing</b>",), next_briefing_at=None,
                           last_briefing_at=now) for chat in range(1, chats + 1)], now=now)
        bot = ExtBot("1:BENCH", base_url=f"{peer.base_url}/bot",
                     request=HTTPXRequest(connection_pool_size=64),
                     rate_limiter=rate_limiter())
        async with bot:
            deliverer = Deliverer(store=store, bot=bot, clock=lambda: datetime.now(UTC))
            started = time.perf_counter()
            while await store.pending_deliveries(datetime.now(UTC) + timedelta_s(3600), limit=1):
                await deliverer.drain(limit=2000)
                await asyncio.sleep(0.05)
            elapsed = time.perf_counter() - started
        statuses = await store.delivery_counts(now - timedelta_s(60))
        await store.close()
        per_chat = collections.Counter(m["chat_id"] for m in peer.sent)
        rate = len(peer.sent) / elapsed
        print(f"{'chats':>7} {'sent':>7} {'seconds':>8} {'msg/s':>6} {'limit':>5} "
              f"{'ratio':>6} {'lost':>5} {'twice':>5} {'429s':>5}")
        print(f"{chats:>7} {len(peer.sent):>7} {elapsed:>8.1f} {rate:>6.1f} {LIMIT:>5} "
              f"{rate / LIMIT:>6.2f} {chats - len(per_chat):>5} "
              f"{sum(1 for n in per_chat.values() if n > 1):>5} {limited.refused:>5}")
        print(f"outbox: {statuses}")


def timedelta_s(seconds: float) -> Any:
    from datetime import timedelta  # noqa: PLC0415

    return timedelta(seconds=seconds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chats", type=int, default=10_000)
    asyncio.run(run(parser.parse_args().chats))


if __name__ == "__main__":
    main()
