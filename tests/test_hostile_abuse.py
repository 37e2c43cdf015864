"""Abuse: floods, oversized input, strangers and non-operators; and secrets kept out of logs."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import AsyncIterator
from typing import Unpack

import httpx
import httpx2
import pytest
from telegram import Update
from telegram.ext import ExtBot

from briefing_bot import bot as bot_module
from briefing_bot.bot import BotState, build_application
from briefing_bot.cli import quiet_libraries
from briefing_bot.config import Settings
from briefing_bot.inputs import MAX_INPUT_CHARS as MAX_SUMMARIZE_CHARS
from briefing_bot.models import SourceKind
from briefing_bot.netguard import Guard
from briefing_bot.services import open_services
from briefing_bot.store import Store
from tests.fakes import (
    BOT_TOKEN,
    App,
    Clock,
    FakeLLM,
    TelegramPeer,
    UpdateOptions,
    command_update,
    leaked_secrets,
)

TEXT = ("The council met on Monday and approved the new harbour plan after a long debate. "
        "Work starts in May. The mayor said the plan would bring jobs to the port. ") * 3


class CountingGuard(Guard):
    """Counts every fetch a user's link would cause, and how many run at once."""

    fetches = 0
    running = 0
    most_at_once = 0

    async def fetch(self, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        CountingGuard.fetches += 1
        CountingGuard.running += 1
        CountingGuard.most_at_once = max(CountingGuard.most_at_once, CountingGuard.running)
        try:
            await asyncio.sleep(0.05)  # a slow site
            return await super().fetch(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            CountingGuard.running -= 1


@dataclasses.dataclass
class Bot:
    app: App
    peer: TelegramPeer
    llm: FakeLLM
    store: Store

    async def say(self, text: str, **kwargs: Unpack[UpdateOptions]) -> list[str]:
        before = len(self.peer.calls)
        await self.app.process_update(Update.de_json(command_update(text, **kwargs),
                                                     self.app.bot))
        return [str(params["text"]) for method, params in self.peer.calls[before:]
                if method in ("sendMessage", "editMessageText")]


@pytest.fixture(autouse=True)
def _no_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A loaded machine can take 1.5 s for the first summary (a CI run showed the "Summarizing…"
    note beside the answer); these tests count answers, not notes."""
    monkeypatch.setattr(bot_module, "PLACEHOLDER_AFTER", 60.0)
    monkeypatch.setattr(bot_module, "OFFLINE_PLACEHOLDER_AFTER", 60.0)


@pytest.fixture
async def bot(llm_settings: Settings, fake_llm: FakeLLM, clock: Clock
              ) -> AsyncIterator[Bot]:
    settings = dataclasses.replace(llm_settings, telegram_token=BOT_TOKEN, summarize_per_hour=3,
                                   admin_ids=frozenset({7}), allowed_ids=frozenset({5, 7, -42}))
    peer = TelegramPeer()
    CountingGuard.fetches = CountingGuard.running = CountingGuard.most_at_once = 0
    async with httpx2.AsyncClient(transport=httpx2.MockTransport(fake_llm)) as client, \
            open_services(settings, clock=clock, llm_http=client) as services, \
            httpx.AsyncClient() as http:
        state = BotState(services=services, settings=settings, http=http, feeds_http=http,
                         guard=CountingGuard(), clock=clock)
        application = build_application(settings, state, request=peer)
        async with application:
            yield Bot(application, peer, fake_llm, services.store)


async def test_a_flood_from_one_user_gets_only_the_quota(bot: Bot) -> None:
    answers = []
    for n in range(60):
        # The same user, from several chats, with texts and links: one quota for all of it.
        text = f"/summarize {TEXT} {n}" if n % 2 else "/summarize http://127.0.0.1:9/x"
        answers += await bot.say(text, user_id=5, chat_id=[5, -42][n % 2], update_id=n + 1,
                                 chat_type="private" if n % 2 == 0 else "group")
    refused = [a for a in answers if "used your 3 summaries" in a]
    # The loopback links are refused without using the quota: the three texts between them
    # are still summarized, then everything else is refused before any work.
    assert len(refused) == 54
    assert len([a for a in answers if "is not a public address" in a]) == 3
    assert bot.llm.calls == 3 and CountingGuard.fetches == 3
    (other,) = await bot.say(f"/summarize {TEXT}", user_id=7, chat_id=7, update_id=99)
    assert "used your" not in other  # one user's flood costs another user nothing


async def test_a_burst_of_links_starts_no_more_fetches_than_the_quota(bot: Bot) -> None:
    # Twelve links at once from one user: each request must hold a use of the quota before
    # it fetches anything, so at most three fetches run at the same time.
    burst = [bot.app.process_update(Update.de_json(command_update(
        f"/summarize http://127.0.0.1:9/{n}", user_id=5, chat_id=5, update_id=n + 1),
        bot.app.bot)) for n in range(12)]
    await asyncio.gather(*burst)
    assert 1 <= CountingGuard.most_at_once <= 3
    # The links were refused (loopback), so every use was given back.
    (answer,) = await bot.say(f"/summarize {TEXT}", user_id=5, chat_id=5, update_id=99)
    assert "used your" not in answer


@pytest.mark.parametrize("size", [MAX_SUMMARIZE_CHARS + 1, 10 * MAX_SUMMARIZE_CHARS])
async def test_oversized_input_is_refused_before_any_work(bot: Bot, size: int) -> None:
    huge = ("word " * size)[:size]
    (direct,) = await bot.say(f"/summarize {huge}", user_id=5, chat_id=5)
    (replied,) = await bot.say("/summarize", reply_to=huge, user_id=5, chat_id=5)
    assert "too long" in direct and "too long" in replied
    assert bot.llm.calls == 0 and CountingGuard.fetches == 0
    # Refusals do not use up the quota.
    for n in range(3):
        (answer,) = await bot.say(f"/summarize {TEXT} {n}", user_id=5, chat_id=5)
        assert "used your" not in answer


@pytest.mark.parametrize("command", [
    "/start", "/briefing", f"/summarize {TEXT}", "/summarize http://127.0.0.1:9/", "/topics add x",
    "/time 08:00", "/sources", "/addsource https://evil.example/feed", "/stats", "/settings",
    "/removesource 1", "/language de", "/stop", "hello",
])
async def test_strangers_get_a_refusal_and_cause_nothing(bot: Bot, command: str) -> None:
    await bot.store.add_source("https://a.example/feed", SourceKind.FEED, now=Clock()())
    answers = await bot.say(command, user_id=666, chat_id=666)
    assert answers == ["Sorry, this bot is private. Ask its operator for access."]
    assert await bot.store.get_subscriber(666) is None
    assert bot.llm.calls == 0 and CountingGuard.fetches == 0
    assert [s.location for s in await bot.store.list_sources()] == ["https://a.example/feed"]
    methods = {method for method, _ in bot.peer.calls}
    assert methods <= {"getMe", "sendMessage"}  # not even a "typing…" action


@pytest.mark.parametrize("command", ["/sources", "/addsource https://evil.example/feed",
                                     "/removesource 1", "/stats"])
async def test_operator_commands_refuse_everyone_else(bot: Bot, command: str) -> None:
    await bot.store.add_source("https://a.example/feed", SourceKind.FEED, now=Clock()())
    # An allowed user, even a group's administrator, is not an operator.
    bot.peer.group_admins.add(5)
    for chat, kind in ((5, "private"), (-42, "group")):
        (answer,) = await bot.say(command, user_id=5, chat_id=chat, chat_type=kind)
        assert answer == "That command is for the bot's operator."
    assert [s.location for s in await bot.store.list_sources()] == ["https://a.example/feed"]
    assert (await bot.say(command, user_id=7, chat_id=7))[0] != \
        "That command is for the bot's operator."


def test_the_bot_token_stays_out_of_a_debug_log(caplog: pytest.LogCaptureFixture) -> None:
    """python-telegram-bot logs its Bot API URL at DEBUG (found by operator QA: the token was
    in the log at BRIEFING_LOG_LEVEL=DEBUG)."""
    caplog.set_level(logging.DEBUG)
    quiet_libraries()
    ExtBot(BOT_TOKEN)
    assert leaked_secrets([record.getMessage() for record in caplog.records]) == []
    logging.getLogger("telegram").setLevel(logging.NOTSET)
    try:
        ExtBot("2:DEMO-TOKEN")
        assert any("2:DEMO-TOKEN" in record.getMessage() for record in caplog.records)
    finally:
        quiet_libraries()
        caplog.clear()


def test_the_secret_scan_would_catch_a_leak() -> None:
    """The end-of-run scan (conftest.py) is not vacuous: a token in a line is found."""
    line = f"INFO httpx: HTTP Request: POST https://api.telegram.org/bot{BOT_TOKEN}/getMe"
    assert leaked_secrets(["nothing here", line]) == [(BOT_TOKEN, line),
                                                      ("never-logged", line)]


async def test_library_request_logs_that_carry_the_token_stay_quiet(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """httpx logs each request URL at INFO, and Bot API URLs hold the token: the levels the
    bot sets keep those lines out even at INFO."""
    caplog.set_level(logging.INFO)
    quiet_libraries()

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"ok": True})

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
        await client.post(f"https://api.telegram.org/bot{BOT_TOKEN}/getMe")
    assert leaked_secrets([record.getMessage() for record in caplog.records]) == []
    logging.getLogger("httpx").setLevel(logging.NOTSET)
    try:
        async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
            await client.post("https://api.telegram.org/bot2:DEMO-TOKEN/getMe")
        # Without those levels a token would be in the log (a demo token the scan ignores).
        assert any("2:DEMO-TOKEN" in record.getMessage() for record in caplog.records)
    finally:
        quiet_libraries()
        caplog.clear()


async def test_llm_request_logs_that_carry_a_key_stay_quiet(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The openai client's HTTP library (httpx2) logs each request URL at INFO, and an
    OpenAI-compatible base URL can hold a password or a key: quiet too."""
    caplog.set_level(logging.INFO)
    quiet_libraries()

    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json={})

    async with httpx2.AsyncClient(transport=httpx2.MockTransport(answer)) as client:
        await client.post(f"https://bot:{BOT_TOKEN}@llm.example/v1/chat/completions")
    assert leaked_secrets([record.getMessage() for record in caplog.records]) == []
    logging.getLogger("httpx2").setLevel(logging.NOTSET)
    try:
        async with httpx2.AsyncClient(transport=httpx2.MockTransport(answer)) as client:
            await client.post("https://bot:DEMO-KEY@llm.example/v1/models")
        # Without the level the key would be in the log (a demo key the scan ignores).
        assert any("DEMO-KEY" in record.getMessage() for record in caplog.records)
    finally:
        quiet_libraries()
        caplog.clear()
