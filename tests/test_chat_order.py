"""One chat's slow briefing holds no other chat; a chat's own commands keep their order."""

from __future__ import annotations

import asyncio

from telegram import Update

from briefing_bot.chat_order import PerChatOrder
from tests.fakes import command_update


def update_in(chat: int, number: int) -> Update:
    return Update.de_json(command_update("/help", chat_id=chat, update_id=number), None)


async def test_other_chats_go_on_while_one_waits_and_each_chat_keeps_its_order() -> None:
    order = PerChatOrder()
    seen: list[str] = []
    slow_done = asyncio.Event()

    async def slow() -> None:  # a briefing written by a slow LLM
        seen.append("A: /briefing starts")
        await slow_done.wait()
        seen.append("A: /briefing sent")

    async def quick(what: str) -> None:
        seen.append(what)

    async with order:
        first = asyncio.create_task(order.process_update(update_in(1, 1), slow()))
        await asyncio.sleep(0)
        then = asyncio.create_task(order.process_update(update_in(1, 2), quick("A: /topics")))
        other = asyncio.create_task(order.process_update(update_in(2, 3), quick("B: /help")))
        await asyncio.sleep(0.01)
        assert seen == ["A: /briefing starts", "B: /help"]  # B is not held by A
        slow_done.set()
        await asyncio.gather(first, then, other)
    assert seen == ["A: /briefing starts", "B: /help", "A: /briefing sent", "A: /topics"]
    assert order.current_concurrent_updates == 0


async def test_one_chat_sending_many_updates_holds_no_other_chat() -> None:
    # Found by review: updates waiting behind their own chat's slow one held every place, so
    # a reader tapping away while a briefing was written froze the bot again.
    order = PerChatOrder(2)
    seen: list[str] = []
    slow_done = asyncio.Event()

    async def slow() -> None:
        await slow_done.wait()
        seen.append("A: /briefing sent")

    async def quick(what: str) -> None:
        seen.append(what)

    async def failing() -> None:
        raise RuntimeError("a handler's own error")

    async with order:
        tasks = [asyncio.create_task(order.process_update(update_in(1, 1), slow()))]
        await asyncio.sleep(0)
        tasks += [asyncio.create_task(order.process_update(update_in(1, 2 + n),
                                                           quick(f"A: tap {n}")))
                  for n in range(5)]
        tasks.append(asyncio.create_task(order.process_update(update_in(1, 7), failing())))
        tasks.append(asyncio.create_task(order.process_update(update_in(1, 8), quick("A: last"))))
        await asyncio.sleep(0)
        other = asyncio.create_task(order.process_update(update_in(2, 9), quick("B: /help")))
        await asyncio.wait_for(other, 1)  # not held by chat A's six waiting updates
        assert seen == ["B: /help"]
        slow_done.set()
        results = await asyncio.gather(*tasks, return_exceptions=True)
    assert seen == ["B: /help", "A: /briefing sent", *(f"A: tap {n}" for n in range(5)),
                    "A: last"]  # in order, past a handler that failed
    assert sum(isinstance(r, RuntimeError) for r in results) == 1
    assert order._locks == {} and order._waiting == {}  # nothing kept per chat once idle


async def test_a_summarize_does_not_wait_behind_the_chats_briefing() -> None:
    """Reader QA (stop 60 F6): a /summarize sent while the chat's briefing was written by a
    slow model showed nothing for over a minute. It changes nothing of the chat's: it goes on
    at once; a command that changes the chat still waits its turn."""
    order = PerChatOrder()
    seen: list[str] = []
    slow_done = asyncio.Event()

    async def slow() -> None:
        seen.append("/briefing starts")
        await slow_done.wait()
        seen.append("/briefing sent")

    async def quick(what: str) -> None:
        seen.append(what)

    def said(text: str, number: int) -> Update:
        return Update.de_json(command_update(text, chat_id=1, update_id=number), None)

    async with order:
        first = asyncio.create_task(order.process_update(said("/briefing", 1), slow()))
        await asyncio.sleep(0)
        summary = asyncio.create_task(order.process_update(
            said("/summarize@briefing_test_bot https://example.com/a", 2), quick("/summarize")))
        change = asyncio.create_task(order.process_update(said("/time 08:00", 3),
                                                          quick("/time")))
        await asyncio.sleep(0.01)
        assert seen == ["/briefing starts", "/summarize"]
        slow_done.set()
        await asyncio.gather(first, summary, change)
    assert seen == ["/briefing starts", "/summarize", "/briefing sent", "/time"]
