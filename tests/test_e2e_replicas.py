"""Two `briefing-bot run` processes on one PostgreSQL database and one Bot API peer."""

from __future__ import annotations

import asyncio
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from briefing_bot.store import Store
from tests.telegram_peer import Peer
from tests.test_e2e_bot import BINARY, environment, fresh_feed, peer, start, stop

__all__ = ["peer"]  # the fixture, shared with the single-process tests


async def seed(url: str, chats: list[int], now: datetime) -> None:
    store = await Store.open(url)
    try:
        for chat in chats:
            await store.upsert_subscriber(chat, chat_type="private", now=now,
                                          next_briefing_at=now - timedelta(minutes=1),
                                          brief_time="07:30", timezone="UTC")
    finally:
        await store.close()


async def lease_holder(url: str) -> str | None:
    store = await Store.open(url)
    try:
        return await store.lease_holder("scheduler", now=datetime.now(UTC))
    finally:
        await store.close()


def test_a_standby_takes_over_when_the_active_instance_is_killed_mid_broadcast(
    peer: Peer, postgres_url: str, tmp_path: Path
) -> None:
    env = environment(tmp_path, peer, BRIEFING_DATABASE_URL=postgres_url,
                      BRIEFING_LEASE_SECONDS="6")
    subprocess.run([str(BINARY), "fetch", str(fresh_feed(tmp_path))], env=env,
                   capture_output=True, timeout=60, check=True)
    chats = list(range(5000, 5600))
    asyncio.run(seed(postgres_url, chats, datetime.now(UTC)))

    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = start(env, first_log)
    second: subprocess.Popen[bytes] | None = None
    try:
        assert peer.wait_for(lambda: len(peer.sent) >= 30, 90), first_log.read_text()
        second = start(env, second_log)
        deadline = time.monotonic() + 60
        while "stands by" not in second_log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "stands by" in second_log.read_text(), second_log.read_text()
        holder = asyncio.run(lease_holder(postgres_url))
        assert holder is not None and f":{first.pid}:" in holder  # the first process leads; the second waits

        assert peer.wait_for(lambda: len(peer.sent) >= 200, 90), first_log.read_text()[-3000:]
        first.kill()  # SIGKILL mid-broadcast: no chance to hand the lease over
        first.wait()
        killed_at, killed_count = time.monotonic(), len(peer.sent)
        assert killed_count < len(chats)

        assert peer.wait_for(lambda: len(peer.sent) > killed_count + 5, 60), \
            second_log.read_text()[-3000:]
        takeover = time.monotonic() - killed_at
        assert takeover < 60
        assert peer.wait_for(lambda: len({m["chat_id"] for m in peer.sent}) == len(chats),
                             120), second_log.read_text()[-3000:]
        peer.wait_for(lambda: False, 3)  # nothing more may follow
        assert "now runs the scheduled work" in second_log.read_text()
    finally:
        first.kill()
        if second is not None:
            stop(second)
    per_chat: dict[int, int] = {}
    for message in peer.sent:
        per_chat[message["chat_id"]] = per_chat.get(message["chat_id"], 0) + 1
    assert {chat: n for chat, n in per_chat.items() if n > 1} == {}
    assert sorted(per_chat) == chats
    assert peer.conflicts == 0  # never two instances polling at once
