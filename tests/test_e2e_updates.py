"""Each story told once, through the real `briefing-bot run` against the loopback Bot API peer:
two scheduled briefings, with a late-fetched article, a new story and a continued story arriving
between them; nothing repeated, the continued story as an update replying to its first message.
Due times are seeded in the database: no test waits for the clock to reach a minute."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from briefing_bot.store import Store
from tests.fakes import keep_output
from tests.telegram_peer import Peer, running_peer
from tests.test_e2e_bot import BINARY, TOKEN, environment, start, stop

pytestmark = pytest.mark.slow  # a real process: started first (conftest.py)

CHAT = 601
BRIDGE = ("The bridge over the river Lenn reopened to traffic on Tuesday after eight months of "
          "repairs, the regional roads office said. Engineers replaced the bearings and the "
          "deck of the Lenn bridge. ")
TAX = ("Parliament passed the tax reform by a narrow majority on Tuesday. The reform takes "
       "effect in May and lowers the rate for small firms. ")
BRIDGE_MORE = ("The bridge over the river Lenn reopened to traffic on Tuesday after eight months "
               "of repairs, the regional roads office said. The Lenn bridge will close again for "
               "one night in March so that inspectors can load-test the new bearings. ")
FERRY = ("The lake ferry will run every ninety minutes from December instead of every hour, "
         "the ferry operator Lakeline said on Monday, because fewer people travel in winter. ")
ORCHARD = ("A late frost destroyed most of the apricot blossom in the Vessen valley orchards "
           "overnight, growers said on Wednesday, and the harvest will be small this year. ")


def item(title: str, link: str, guid: str, text: str, published: datetime) -> str:
    return (f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>"
            f"<pubDate>{format_datetime(published)}</pubDate>"
            f"<description>{text * 3}</description></item>")


def feed(path: Path, title: str, items: list[str]) -> Path:
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel>'
                    f"<title>{title}</title>{''.join(items)}</channel></rss>")
    return path


def fetch(env: dict[str, str], path: Path) -> None:
    done = subprocess.run([str(BINARY), "fetch", str(path)], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    keep_output(done.stdout, done.stderr)
    assert done.returncode == 0, done.stderr


async def make_due(database: Path, *, first: bool) -> None:
    """The chat's briefing time has come (seeded, instead of waiting for a minute)."""
    store = await Store.open(f"sqlite:///{database}")
    try:
        now = datetime.now(UTC)
        if first:
            await store.upsert_subscriber(CHAT, chat_type="private", now=now,
                                          brief_time="07:30", timezone="Europe/Berlin")
        await store.upsert_subscriber(CHAT, chat_type="private", now=now,
                                      next_briefing_at=now - timedelta(seconds=30))
    finally:
        await store.close()


@pytest.fixture
def peer() -> Iterator[Peer]:
    with running_peer() as running:
        yield running


def test_two_briefings_tell_each_story_once_and_updates_reply(peer: Peer,
                                                               tmp_path: Path) -> None:
    env = environment(tmp_path, peer)
    database = tmp_path / "data" / "briefing.db"
    now = datetime.now(UTC)
    fetch(env, feed(tmp_path / "herald.xml", "Herald", [
        item("Bridge over the Lenn reopens", "https://herald.example/bridge", "hb", BRIDGE,
             now - timedelta(minutes=20)),
        item("Tax reform passes", "https://herald.example/tax", "ht", TAX,
             now - timedelta(minutes=10))]))
    asyncio.run(make_due(database, first=True))
    log = tmp_path / "bot.log"
    process = start(env, log)

    def answers() -> list[dict[str, Any]]:
        """What the chat got, less the notes a slow briefing shows while it is written."""
        return [m for m in peer.sent_to(CHAT) if not m["text"].startswith("Writing ")]

    try:
        assert peer.wait_for(lambda: any("Your briefing" in m["text"]
                                         for m in peer.sent_to(CHAT)), 60), log.read_text()
        first = peer.sent_to(CHAT)
        assert len(first) == 1
        carrier = first[0]
        assert "Bridge over the Lenn reopens" in carrier["text"]
        assert "Tax reform passes" in carrier["text"]
        assert {label for label, _ in carrier["buttons"]} >= {
            "🔕 Mute: Bridge over the Lenn reopens", "🔕 Mute: Tax reform passes"}

        # Between the briefings a second outlet's feed arrives, late: the bridge story goes
        # on, a new story, and an article published before the first briefing but fetched
        # only after it (the outlet's date says "old"; the bot first saw it now).
        fetch(env, feed(tmp_path / "wire.xml", "Valley Wire", [
            item("Lenn bridge to close for one night of tests", "https://wire.example/bridge",
                 "wb", BRIDGE_MORE, datetime.now(UTC)),
            item("Frost ruins Vessen apricot blossom", "https://wire.example/frost", "wf",
                 ORCHARD, datetime.now(UTC)),
            item("Lake ferry to run less often in winter", "https://wire.example/ferry", "wl",
                 FERRY, now - timedelta(minutes=30))]))
        asyncio.run(make_due(database, first=False))
        assert peer.wait_for(lambda: len(peer.sent_to(CHAT)) >= 3, 60), log.read_text()
        assert not peer.wait_for(lambda: len(peer.sent_to(CHAT)) > 3, 3)
        second = peer.sent_to(CHAT)[1:]
        briefing = next(m for m in second if "Your briefing" in m["text"])
        update = next(m for m in second if "Update" in m["text"])
        # Both the new story and the late-fetched one, and not the tax story again.
        assert "Frost ruins Vessen apricot blossom" in briefing["text"]
        assert "Lake ferry to run less often in winter" in briefing["text"]
        assert all("Tax reform" not in m["text"] for m in second)
        assert "Bridge over the Lenn" not in briefing["text"]
        # The bridge story comes back once, as an update replying to the message that carried
        # it, with what is new and a link to the new article.
        assert update["reply_to"] == carrier["message_id"]
        # Headed by the title the reader has (a story readers received keeps its title: a glued
        # story's update once came under another event's headline), under the update mark.
        assert update["text"].startswith("🔄 <b>Update</b> · <b>Bridge over the Lenn reopens")
        assert "March" in update["text"]
        assert "https://wire.example/bridge" in update["text"]
        assert "eight months" not in update["text"]  # the reader already had that
        assert update["buttons"] == [("🔕 Mute: Bridge over the Lenn reopens",
                                      update["buttons"][0][1])]
        # The reader mutes the bridge story: no more updates of it.
        bridge = int(str(update["buttons"][0][1]).removeprefix("mute:"))
        peer.press_button(CHAT, f"mute:{bridge}", message_id=update["message_id"])
        assert peer.wait_for(lambda: peer.calls.count("answerCallbackQuery") >= 1, 30)

        # /briefing right after: nothing is new, said plainly with the time, and a button.
        peer.send_user_message(CHAT, "/briefing")
        assert peer.wait_for(lambda: len(answers()) >= 4, 30), log.read_text()
        answer = answers()[3]
        assert answer["text"].startswith("Nothing new since your last briefing (")
        assert " Berlin)" in answer["text"]  # (the city, not the id: reader QA stop 70 T14)
        assert answer["buttons"] == [("Latest top stories anyway", "top")]
        # Asked for anyway: the top stories again, though the chat has them.
        peer.press_button(CHAT, "top", message_id=answer["message_id"])
        assert peer.wait_for(lambda: len(answers()) >= 5, 30), log.read_text()
        assert "Frost ruins Vessen apricot blossom" in answers()[4]["text"]
        assert peer.rejected == []
    finally:
        code = stop(process)
    output = log.read_text()
    assert code == 0, output
    assert TOKEN not in output
    assert asyncio.run(muted(database, bridge))


async def muted(database: Path, story: int) -> bool:
    store = await Store.open(f"sqlite:///{database}")
    try:
        return (await store.receipts([CHAT], [story]))[CHAT][story].muted
    finally:
        await store.close()
