"""Telegram updates handled concurrently across chats, in order within each chat.

PTB handles one update at a time by default, so a briefing written by a slow local LLM (minutes
on a small CPU) held every other chat's commands and buttons until it was done. Fully
concurrent handling would let one chat's "/topics add x" and "/briefing" race each other. This
processor runs different chats' updates side by side and each chat's in the order they came.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates being handled at once (each chat's first in line).
MAX_CONCURRENT = 64
# Updates taken in at once, handled or waiting behind their own chat's: PTB's limit, which
# counts waiting updates too. It is far above MAX_CONCURRENT so that one chat sending many
# (taps while its briefing is written) cannot fill every place and hold the other chats.
MAX_TAKEN = 4096
# Commands that change nothing of the chat's, and may take long themselves: they need not
# wait behind the chat's briefing being written (reader QA, stop 60 F6: a /summarize sent
# meanwhile showed nothing for over a minute, then came with the briefing).
UNORDERED = frozenset({"/summarize"})


class PerChatOrder(BaseUpdateProcessor):
    """Updates of one chat one after another; of different chats at the same time."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT) -> None:
        super().__init__(max(MAX_TAKEN, max_concurrent_updates))
        self._handling = asyncio.Semaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None or _unordered(update):  # nothing to keep in order with (an inline
            # query, a poll), or a command that changes nothing of the chat's
            async with self._handling:
                await coroutine
            return
        lock = self._locks.setdefault(chat.id, asyncio.Lock())
        self._waiting[chat.id] = self._waiting.get(chat.id, 0) + 1
        try:
            async with lock, self._handling:  # a place only once it is this update's turn
                await coroutine
        finally:
            self._waiting[chat.id] -= 1
            if not self._waiting[chat.id]:  # one lock per chat with work, not per chat ever
                del self._waiting[chat.id], self._locks[chat.id]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""


def _unordered(update: object) -> bool:
    """Whether a new message is one of the UNORDERED commands ("/summarize@bot …" too)."""
    message = update.message if isinstance(update, Update) else None
    said = (message.text or message.caption or "") if message is not None else ""
    command = said.split(maxsplit=1)[0].partition("@")[0].lower() if said.strip() else ""
    return command in UNORDERED
