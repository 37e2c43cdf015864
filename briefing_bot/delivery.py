"""Sending queued briefings to Telegram so that nothing is lost and nothing is sent twice.

Messages wait in the database outbox until Telegram has accepted them. A flood wait
(`RetryAfter`) is waited out and the message sent later; a blocked bot deactivates the chat; a
group that became a supergroup moves to its new id; markup Telegram cannot parse is sent once
more as plain text; network trouble is retried with back-off. Parts of one briefing go out in
order and at most one per second to a private chat (Telegram's own limit), slower to groups.
"""

from __future__ import annotations

import asyncio
import dataclasses
import html
import json
import logging
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)

from briefing_bot.errors import StoreError
from briefing_bot.models import Delivery
from briefing_bot.store import Store

log = logging.getLogger(__name__)

# Network failures are retried with back-off up to half an hour apart: about seven hours of
# Telegram trouble before a message is given up (and logged as an error). Flood waits do not
# count: they are Telegram telling us when to come back.
MAX_ATTEMPTS = 20
PRIVATE_INTERVAL = 1.05  # seconds between messages to one private chat
GROUP_INTERVAL = 3.1  # 20 messages a minute per group
_CONCURRENT_CHATS = 32
# `rate_limit_args` of the outbox's sends: the limiter paces them and never waits out a flood
# wait itself (`bot.rate_limiter`).
OUTBOX_SEND = -1
_TAG = re.compile(r"<[^>]+>")


def plain_text(markup: str) -> str:
    """Telegram HTML as plain text: the fallback when Telegram rejects our markup."""
    return html.unescape(_TAG.sub("", markup))


def _seconds(value: object) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(str(value))


@dataclasses.dataclass
class DrainReport:
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    dropped_chats: int = 0

    def __add__(self, other: DrainReport) -> DrainReport:
        """Two drains of one cycle, said as one (the operator's log line)."""
        return DrainReport(*(getattr(self, f.name) + getattr(other, f.name)
                             for f in dataclasses.fields(self)))


class Deliverer:
    """Drains the outbox through a PTB Bot (whose request layer applies the rate limiter)."""

    def __init__(self, *, store: Store, bot: Bot, clock: Callable[[], datetime],
                 private_interval: float = PRIVATE_INTERVAL,
                 group_interval: float = GROUP_INTERVAL) -> None:
        self._store = store
        self._bot = bot
        self._clock = clock
        self._private_interval = private_interval
        self._group_interval = group_interval
        self._lock = asyncio.Lock()
        # Groups that became supergroups: the rest of a briefing goes straight to the new id.
        self._moved: dict[int, int] = {}
        # Parts Telegram accepted whose sending could not be written (the database went away
        # for a moment): written before the next drain reads what is due, so they are not sent
        # again (operator QA: after a PostgreSQL restart two chats got their briefing twice).
        self._unmarked: dict[int, tuple[datetime, int]] = {}

    async def drain(self, *, limit: int = 1000,
                    keep_going: Callable[[], bool] = lambda: True) -> DrainReport:
        """Send what is due; one drain at a time, so no message is picked twice.

        `keep_going` is asked before every message; when it says no, the rest stays queued.
        """
        async with self._lock:
            report = DrainReport()
            await self._write_unmarked()
            pending = await self._store.pending_deliveries(self._clock(), limit=limit)
            by_chat: dict[int, list[Delivery]] = {}
            for delivery in pending:
                by_chat.setdefault(delivery.chat_id, []).append(delivery)
            gate = asyncio.Semaphore(_CONCURRENT_CHATS)

            refused: list[InvalidToken] = []
            unreachable: list[StoreError] = []

            async def one_chat(parts: list[Delivery]) -> None:
                async with gate:
                    try:
                        await self._send_chat(
                            parts, report, lambda: keep_going() and not refused)
                    except InvalidToken as exc:
                        refused.append(exc)  # no chat can be sent to: said once, below
                    except StoreError as exc:
                        # The database went away: said once a drain, not a traceback a chat
                        # (operator QA: 33 tracebacks in 4 s of a PostgreSQL restart).
                        unreachable.append(exc)
                    except Exception:
                        # One chat's trouble must not stop the others, nor end the drain while
                        # they are still sending (the next drain would pick their rows again).
                        log.exception("delivery to chat %s failed", parts[0].chat_id)

            await asyncio.gather(*(one_chat(parts) for parts in by_chat.values()))
            if unreachable:
                log.warning("delivery: the database failed for %d chats (%s); what they are "
                            "due waits for the next drain, and what Telegram accepted "
                            "meanwhile is recorded then, not sent again",
                            len(unreachable), unreachable[0])
            if refused:
                # Operator QA: a token revoked while the bot ran gave a 30-line traceback
                # per chat, per tick. What was not sent stays queued.
                raise refused[0]
            return report

    async def _send_chat(self, parts: list[Delivery], report: DrainReport,
                         keep_going: Callable[[], bool]) -> None:
        interval = self._private_interval if parts[0].chat_id > 0 else self._group_interval
        for index, delivery in enumerate(parts):
            if index:
                await asyncio.sleep(interval)
            if not keep_going():
                return
            chat_id = self._moved.get(delivery.chat_id, delivery.chat_id)
            outcome = await self._send(dataclasses.replace(delivery, chat_id=chat_id), report)
            if outcome != "sent":
                return  # keep the order: later parts wait for this one

    async def _send(self, delivery: Delivery, report: DrainReport) -> str:
        chat_id = delivery.chat_id
        now = self._clock()
        try:
            sent = await self._post(chat_id, delivery.text, html_mode=True, delivery=delivery)
        except ChatMigrated as exc:
            await self._store.move_chat(chat_id, exc.new_chat_id)
            self._moved[chat_id] = exc.new_chat_id
            log.info("chat %s moved to %s", chat_id, exc.new_chat_id)
            return await self._send(dataclasses.replace(delivery, chat_id=exc.new_chat_id),
                                    report)
        except RetryAfter as exc:
            wait = _seconds(exc.retry_after)
            await self._store.mark_delivery(delivery.id, status="pending", now=now,
                                            error=f"flood wait {wait:g} s", count=False,
                                            retry_at=now + timedelta(seconds=wait + 0.5))
            report.deferred += 1
            return "deferred"
        except Forbidden as exc:
            await self._store.deactivate(chat_id, reason=str(exc), now=now)
            log.info("chat %s deactivated: %s", chat_id, exc)
            report.dropped_chats += 1
            return "dropped"
        except BadRequest as exc:
            return await self._bad_request(delivery, exc, report)
        except NetworkError as exc:
            return await self._retry_later(delivery, str(exc), report)
        await self._sent(delivery, sent.message_id, report)
        log.debug("chat %s: sent delivery %s as message %s", chat_id, delivery.id,
                  sent.message_id)
        return "sent"

    async def _sent(self, delivery: Delivery, message_id: int, report: DrainReport, *,
                    error: str | None = None) -> None:
        """Record what Telegram accepted; if the database cannot take it now, remember it
        (and stop this chat's parts: the database is failing) to record at the next drain."""
        report.sent += 1
        try:
            await self._store.mark_delivery(delivery.id, status="sent", now=self._clock(),
                                            error=error, message_id=message_id)
        except StoreError:
            self._unmarked[delivery.id] = (self._clock(), message_id)
            # Said: if this process stops, or another instance takes the scheduled work over,
            # before the database is back, that part may be sent again (review 2).
            log.warning("chat %s: Telegram accepted delivery %s, but the database failed to "
                        "record it; recorded at the next drain", delivery.chat_id, delivery.id)
            raise

    async def _write_unmarked(self) -> None:
        """Record the parts Telegram accepted while the database failed (see `_sent`); what
        still cannot be written stays remembered, and the drain goes on to fail as it must."""
        for delivery_id, (when, message_id) in sorted(self._unmarked.items()):
            await self._store.mark_delivery(delivery_id, status="sent", now=when,
                                            message_id=message_id)
            del self._unmarked[delivery_id]
            log.info("delivery %s: recorded as sent once the database was back", delivery_id)

    async def _bad_request(self, delivery: Delivery, exc: BadRequest,
                           report: DrainReport) -> str:
        now = self._clock()
        message = str(exc).lower()
        if "parse entities" in message or "unsupported start tag" in message:
            try:
                sent = await self._post(delivery.chat_id, plain_text(delivery.text),
                                        html_mode=False, delivery=delivery)
            except BadRequest as second:
                exc = second
            except NetworkError as second:
                return await self._retry_later(delivery, str(second), report)
            else:
                log.warning("chat %s: sent as plain text after %s", delivery.chat_id, exc)
                await self._sent(delivery, sent.message_id, report,
                                 error=f"sent as plain text: {exc}")
                return "sent"
        if "chat not found" in message:
            await self._store.deactivate(delivery.chat_id, reason=str(exc), now=now)
            report.dropped_chats += 1
            return "dropped"
        log.error("chat %s: Telegram refused a message: %s", delivery.chat_id, exc)
        await self._store.mark_delivery(delivery.id, status="failed", now=now, error=str(exc))
        report.failed += 1
        return "failed"

    async def _retry_later(self, delivery: Delivery, error: str, report: DrainReport) -> str:
        now = self._clock()
        if delivery.attempts + 1 >= MAX_ATTEMPTS:
            log.error("chat %s: giving up after %d attempts: %s", delivery.chat_id,
                      MAX_ATTEMPTS, error)
            await self._store.mark_delivery(delivery.id, status="failed", now=now, error=error)
            report.failed += 1
            return "failed"
        wait = timedelta(seconds=min(1800, 5 * 2 ** delivery.attempts))
        await self._store.mark_delivery(delivery.id, status="pending", now=now, error=error,
                                        retry_at=now + wait)
        report.deferred += 1
        return "deferred"

    async def _post(self, chat_id: int, text: str, *, html_mode: bool,
                    delivery: Delivery) -> Message:
        # An update replies to the message that carried its story before; if that message
        # was deleted, it is sent all the same.
        reply = None if delivery.reply_to is None else ReplyParameters(
            message_id=delivery.reply_to, allow_sending_without_reply=True)
        # Paced by the rate limiter, but a flood wait is this drain's to handle (the chat's
        # part waits; the other chats go on): PTB's limiter would wait it out holding every
        # chat's message, and a stop with it (operator QA: one group's 90 s wait held seven
        # healthy chats' briefings and SIGTERM for 88 s).
        paced: dict[str, Any] = ({"rate_limit_args": OUTBOX_SEND}
                 if getattr(self._bot, "rate_limiter", None) is not None else {})
        return await self._bot.send_message(
            chat_id=chat_id, text=text, parse_mode=ParseMode.HTML if html_mode else None,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
            reply_parameters=reply, reply_markup=keyboard(delivery.buttons), **paced)



def keyboard(buttons: str | None) -> InlineKeyboardMarkup | None:
    """The buttons stored with a message (JSON rows of [label, callback data]), one per row."""
    if not buttons:
        return None
    rows = json.loads(buttons)
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]
                                 for label, data in rows])


class DrainMeanwhile:
    """Drains the outbox while a briefing cycle still writes: woken whenever the cycle
    queued briefings, one drain at a time, never cancelled in the middle of one (a message
    Telegram took but not yet written as sent would go out again)."""

    def __init__(self, deliverer: Deliverer, *, keep_going: Callable[[], bool]) -> None:
        self._deliverer = deliverer
        self._keep_going = keep_going
        self._woken = asyncio.Event()
        self._done = False
        self.report = DrainReport()
        self.refused: InvalidToken | None = None
        self._task = asyncio.create_task(self._run(), name="deliver-meanwhile")

    def wake(self) -> None:
        self._woken.set()

    async def _run(self) -> None:
        while True:
            await self._woken.wait()
            self._woken.clear()
            if self._done or self.refused is not None:
                return
            try:
                self.report += await self._deliverer.drain(keep_going=self._keep_going)
            except InvalidToken as exc:
                self.refused = exc  # said once, after the cycle; the rest stays queued

    async def finish(self) -> DrainMeanwhile:
        """The drain in progress ends (the final drain after the cycle sends the rest)."""
        self._done = True
        self._woken.set()
        await self._task
        return self
