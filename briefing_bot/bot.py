"""The Telegram bot: thin PTB handlers over the use cases, and the one error handler.

Every text sent is Telegram HTML with each interpolated value escaped here; long briefings are
split by `compose`. Scheduled work (refresh, briefing cycle, delivery) runs on PTB's JobQueue
(APScheduler 3) in the same event loop.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import dataclasses
import functools
import hashlib
import hmac
import html
import logging
import re
import signal
import time as monotonic_time
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

import httpx
from apscheduler.events import EVENT_JOB_MAX_INSTANCES  # type: ignore[import-untyped]
from telegram import (
    Bot,
    BotCommand,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
    WebhookInfo,
)
from telegram.constants import ChatAction, ChatMemberStatus, ChatType, ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from briefing_bot import gather, inputs, pickers, source_admin, updates
from briefing_bot.asked import Asked, what_is_asked
from briefing_bot.categories import categories_named
from briefing_bot.category_data import BRANCHES
from briefing_bot.chat_order import PerChatOrder
from briefing_bot.compose import pack_messages
from briefing_bot.config import Settings
from briefing_bot.delivery import (
    OUTBOX_SEND,
    PRIVATE_INTERVAL,
    Deliverer,
    DrainMeanwhile,
    DrainReport,
    keyboard,
)
from briefing_bot.errors import (
    BriefingError,
    ConfigError,
    StoreError,
    TokenRevoked,
    UserFacingError,
)
from briefing_bot.gather import StoryKeeper
from briefing_bot.heap import give_back_memory
from briefing_bot.jobs import QUIET_REPEAT, CycleReport, RunRecord, run_briefing_cycle
from briefing_bot.leadership import Leadership
from briefing_bot.llm import LLM
from briefing_bot.models import FetchReport, Source, Story, Subscriber, Summary
from briefing_bot.netguard import FetchFailed, Guard, UnsafeURL, source_client, user_client
from briefing_bot.places import Choice
from briefing_bot.prompts import LANGUAGES, language_code
from briefing_bot.repeats import Repeats
from briefing_bot.schedule import (
    CJK_CLOCK,
    ScheduleError,
    known_zone,
    next_briefing,
    parse_clock,
    parse_timezone,
    zone,
)
from briefing_bot.services import Services, open_services
from briefing_bot.store import REFRESH_RUN, Receipt, describe_removed
from briefing_bot.subscriptions import (
    GroupNotSubscribed,
    NotSubscribed,
    PartlyAdded,
    Subscriptions,
    TopicsError,
    merge_topics,
    topic_list,
    typed_as_sentence,
)
from briefing_bot.summaries import describe_rejections, rejections_since
from briefing_bot.text import load_language_model
from briefing_bot.topics import (
    MAX_TOPICS,
    NAME_ABBREVIATIONS,
    TopicError,
    links_in,
    meant_by_prose,
    parse_topic,
    reads_as_sentence,
)
from briefing_bot.urls import is_web_url, shown_location
from briefing_bot.wording import Wording, every, languages, wording

log = logging.getLogger(__name__)

OVERALL_RATE = 28  # messages per second, under Telegram's 30 (see rate_limiter)
MIN_PAGE_WORDS = 20  # fewer, and a "page" is a menu or a login wall, not an article
PLACEHOLDER_AFTER = 1.5  # seconds of LLM work before a "working on it" message appears
# ...and of a briefing's offline work: it ends in a second or two, and on a busy machine the
# note came and was taken away a second later (QA stop 61 F8); "typing…" shows meanwhile
# (sent again every TYPING_EVERY).
OFFLINE_PLACEHOLDER_AFTER = 6.0
TYPING_EVERY = 4.5  # Telegram shows "typing…" for 5 seconds, or until the bot's next message
GROUP_REPEAT = timedelta(minutes=5)  # a group's same request posted once in this (repeats.py)

_T = TypeVar("_T")


class ShuttingDown(BriefingError):
    """A reader's request left unfinished because the bot is stopping."""

    user_message = "The bot is restarting and could not finish this; please ask again in a minute."
    key = "err_restarting"

_COMMANDS = ("briefing", "more", "topics", "time", "timezone", "language", "summarize",
             "settings", "pause", "resume", "stop", "help")


def commands(words: Wording) -> list[BotCommand]:
    """The command menu Telegram shows a reader of this language."""
    described: dict[str, str] = words.table("commands")
    return [BotCommand(name, described[name]) for name in _COMMANDS]


@dataclasses.dataclass
class BotState:
    """What handlers and jobs share: services, settings and the few in-memory helpers."""

    services: Services
    settings: Settings
    http: httpx.AsyncClient  # users' links, through `guard`
    feeds_http: httpx.AsyncClient  # the operator's sources (a guarded transport)
    guard: Guard
    clock: Callable[[], datetime]
    # Set when the bot is asked to stop: a reader's slow work (a local LLM's answers) gives
    # up, so the stop takes seconds, not the minutes an answer may take.
    stopping: asyncio.Event = dataclasses.field(default_factory=asyncio.Event)
    albums: dict[str, None] = dataclasses.field(default_factory=dict)  # hinted, oldest first
    later: set[asyncio.Task[None]] = dataclasses.field(default_factory=set)  # said a bit later
    # Why the bot stopped on its own (Telegram refused its token), for `serve` to raise.
    fatal: BriefingError | None = None
    repeats: Repeats = dataclasses.field(default_factory=lambda: Repeats(GROUP_REPEAT))
    # When a database error was last logged at ERROR, and how many were not since.
    store_errors: tuple[float, int] = (float("-inf"), 0)
    quota: inputs.Quota = dataclasses.field(init=False)
    subscriptions: Subscriptions = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        self.quota = inputs.Quota(self.services.store, per_hour=self.settings.summarize_per_hour,
                                  clock=self.clock)
        self.subscriptions = Subscriptions(self.services.store, self.settings)


Context = ContextTypes.DEFAULT_TYPE


def state(context: Context) -> BotState:
    return cast(BotState, context.bot_data["state"])


def e(value: object) -> str:
    return html.escape(str(value), quote=False)


# -- access ----------------------------------------------------------------------------------


def _allowed(update: Update, settings: Settings) -> bool:
    """The allowlist: its users and chats, and the operators (BRIEFING_ADMIN_IDS: operator QA
    found an operator not also listed refused their own /stats)."""
    if not settings.allowed_ids:
        return True
    ids = {getattr(update.effective_user, "id", None), getattr(update.effective_chat, "id", None)}
    return bool(ids & (settings.allowed_ids | settings.admin_ids))


def may_be_briefed(settings: Settings, subscriber: Subscriber) -> bool:
    """Whether the allowlist lets the briefing cycle brief a chat: a private chat is its
    user's, so it must be listed (operator QA: strangers subscribed before the bot turned
    private kept getting briefings). A group may have been set up by a listed member, which
    only its updates tell: groups are briefed."""
    return (subscriber.chat_type != ChatType.PRIVATE
            or subscriber.chat_id in settings.allowed_ids | settings.admin_ids)


async def _may_change(update: Update, context: Context) -> bool:
    """In groups only the group's administrators change its settings. A refusal under a
    button is a note to the one who tapped it, not a message to the whole group."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type == ChatType.PRIVATE:
        return True
    sender = update.message.sender_chat if update.message is not None else None
    if sender is not None and sender.id == chat.id:
        # An administrator writing as the group ("remain anonymous"): only they can (reader
        # QA: such groups could not set the bot up at all).
        return True
    member = await context.bot.get_chat_member(chat.id, user.id)
    if member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER):
        return True
    refusal = (await _words(update, context)).say("group_admins_only")
    if update.callback_query is not None:
        await update.callback_query.answer(refusal, show_alert=True)
    else:
        await _reply(update, refusal)
    return False


Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]


def guarded(handler: Handler, *, changes: bool = False, admin: bool = False,
            leaving: bool = False, answers: bool = False) -> Handler:
    """Wrap a handler with the allowlist, admin and group-admin checks. `leaving`: a command
    that ends a subscription, which any subscribed chat may (operator QA: a reader subscribed
    before the bot turned private could not /stop). `answers`: a handler for what may answer
    the picker just shown (`_asked`); any other update in the chat ends that question."""

    async def wrapper(update: Update, context: Context) -> None:
        settings = state(context).settings
        if not _allowed(update, settings) and not (
                leaving and await state(context).services.store.get_subscriber(
                    _chat_id(update)) is not None):  # a stranger: no settings to read
            await _reply(update, _telegram_words(update, settings).say("private_bot"))
            return
        # Only after the allowlist: a stranger's updates read and write nothing (stop 72's
        # open picker was read for every private chat's update, refused ones too).
        if not answers:
            await _forget_question(update, context)
        if admin and getattr(update.effective_user, "id", None) not in settings.admin_ids:
            # In the chat's language, as every other answer (reader QA, stop 45: a French
            # reader's /sources was answered in English).
            await _reply(update, (await _words(update, context)).say("operator_only"))
            return
        if changes and not await _may_change(update, context):
            return
        # Which chat asked for what (never what it wrote: a reader's words stay theirs).
        log.debug("chat %s: %s", getattr(update.effective_chat, "id", None), handler.__name__)
        await handler(update, context)

    return wrapper


async def _reply(update: Update, text: str, **kwargs: Any) -> None:
    message = update.effective_message
    if message is not None:
        await _once_more(lambda: message.reply_text(text, **kwargs))


REPLY_AGAIN_AFTER = 1.0  # seconds before a reply Telegram failed with a 5xx is sent again


async def _once_more(send: Callable[[], Awaitable[_T]]) -> _T:
    """Send; what surely did not reach Telegram is tried once more a moment later (operator
    QA: one 502 lost the answer to a /briefing that had taken a while to write): a connection
    refused, or Telegram's front saying its servers are away (502, 503). Not a timeout, a
    500 or 504, a connection lost while the answer came: Telegram may have taken that message,
    and it would come twice; nor a 400, which fails again (review)."""
    try:
        return await send()
    except (TimedOut, RetryAfter, BadRequest):
        raise
    except NetworkError as exc:
        if not (isinstance(exc.__cause__, httpx.ConnectError)
                or exc.message.startswith(("Bad Gateway", "Service Unavailable"))):
            raise
        log.info("Telegram failed a reply (%s); sending it again", exc.message)
        await asyncio.sleep(REPLY_AGAIN_AFTER)
        return await send()


# -- subscription ------------------------------------------------------------------------------


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None  # noqa: S101 - command updates always have a chat
    return chat.id


async def _change(update: Update, context: Context, **changes: object) -> Subscriber:
    """Change this chat's subscription; NotSubscribed (a reply via on_error) if it has none."""
    st = state(context)
    return await st.subscriptions.change(_chat_id(update), now=st.clock(), **changes)


def _telegram_language(update: Update) -> str | None:
    """The reader's Telegram language ("de", "pt-br") if it is one we know: what a chat not
    subscribed is answered in, and a new private chat's summaries are written in."""
    user = update.effective_user
    return language_code((user.language_code or "") if user is not None else "")


def _telegram_words(update: Update, settings: Settings) -> Wording:
    """The words of the reader's Telegram language (a chat's own setting unread)."""
    return wording(_telegram_language(update) or settings.language)


async def _words(update: Update, context: Context,
                 subscriber: Subscriber | None = None) -> Wording:
    """The words to answer in: the chat's language (its summaries'), else the reader's
    Telegram language (a chat not subscribed yet), else the bot's default."""
    if subscriber is None:
        return (await _reader(update, context))[1]
    return wording(subscriber.language)


async def _reader(update: Update, context: Context) -> tuple[Subscriber | None, Wording]:
    """The chat's subscription (None: not subscribed) and the words to answer it in, read
    once for handlers that need both."""
    st = state(context)
    chat = update.effective_chat
    subscriber = await st.services.store.get_subscriber(chat.id) if chat is not None else None
    return subscriber, (wording(subscriber.language) if subscriber is not None
                        else _telegram_words(update, st.settings))


def _when(words: Wording, subscriber: Subscriber) -> str:
    zone = subscriber.timezone
    # The zone as its button names it, or the place the reader named ("Lugano, Svizzera"),
    # in the reader's words ("Київ"), never its id (reader QA, stop 70 T14: "07:00
    # Europe/Berlin" after a tap on [Berlin]); /timezone takes these names too.
    shown = (e(pickers.localized(subscriber.place, zone, words) if subscriber.place
               else pickers.zone_shown(zone, words)) if known_zone(zone)
             else words.say("zone_unknown", zone=e(zone)))
    # A place in brackets, as a label of the time: bare after it, it read as a clock's name in
    # no language ("в 07:30 Москва", "στις 07:30 Αθήνα": reader QA, stop 75 S14), and a
    # bracket needs no case or preposition, which every language would want otherwise ("по
    # московскому времени"). UTC and its offsets name a clock: they stay ("at 07:30 UTC").
    if known_zone(zone) and (subscriber.place or not zone.startswith("UTC")):
        shown = f"({shown})"
    return words.say("when_paused" if subscriber.paused else "when",
                     time=e(subscriber.brief_time), zone=shown)


def _next(words: Wording, subscriber: Subscriber) -> str:
    """'; the next: Wed 2 Dec, 07:00': whether today's comes or not (found by reader QA: a
    time moved to an hour already past gave no briefing that day, and no word of it)."""
    at = subscriber.next_briefing_at
    if at is None or subscriber.paused:
        return ""
    return words.say("next", moment=_next_moment(words, subscriber, at))


def _next_moment(words: Wording, subscriber: Subscriber, at: datetime) -> str:
    """The next briefing's moment on the reader's clock (HTML). One so soon after the last
    comes only with news (`jobs.QUIET_REPEAT`): said so (reader QA, stop 60 F9: "/time 21:56"
    after the 21:54 briefing promised one at 21:56, and nothing came; F6 of its second QA:
    /settings still promised it)."""
    last = subscriber.last_briefing_at
    after = next_briefing(subscriber.brief_time, subscriber.timezone, at)
    if last is not None and at - last < QUIET_REPEAT and after is not None:
        return words.say("if_news", moment=e(_local(words, at, subscriber.timezone)),
                         after=e(_local(words, after, subscriber.timezone)))
    return e(_local(words, at, subscriber.timezone))


def _reader_language(update: Update) -> str | None:
    """The reader's Telegram language for a new private chat's summaries (a group's are in
    the bot's default: its members read different languages)."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return None
    return _telegram_language(update)  # one we know, else the bot's default


def _keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(text, callback_data=data)
                                  for text, data in row] for row in rows])


def _rows(buttons: list[tuple[str, str]], per_row: int) -> list[list[tuple[str, str]]]:
    return [buttons[i:i + per_row] for i in range(0, len(buttons), per_row)]


def _categories_keyboard(words: Wording) -> InlineKeyboardMarkup:
    return _keyboard(_rows([(_category_topic(words, key), f"add:{key}")
                            for key in pickers.CATEGORY_TOPICS], 3))


def _category_topic(words: Wording, key: str) -> str:
    """A category (or a branch of one) as the reader's topic: its name in their language when
    that name finds it ("Wirtschaft", "Fußball"), else its English one ("cronaca nera" is read
    as words); with a capital, as its button and its section in a briefing name it (reader
    QA, stop 74: a Dutch reader who tapped [Technologie] read "Je onderwerpen: technologie")."""
    name = words.category(key)
    named = categories_named(name) if key in pickers.CATEGORY_TOPICS else _branch_named(name)
    name = name if key in named else key
    return name[:1].upper() + name[1:]


def _branch_named(name: str) -> tuple[str, ...]:
    """The branch a topic names ("Fußball": football), as the topic is matched."""
    parsed = parse_topic(name)
    return (parsed[0].branch,) if parsed is not None and parsed[0].branch is not None else ()


# What the bot names in a reader's language, and renames when they change it: the categories
# of the buttons and their branches, the catalog's too ("Fußball" within sport).
_NAMED_TOPICS = (*pickers.CATEGORY_TOPICS, *(branch.key for branch in BRANCHES))


def _topics_in_language(topics: str, language: str, was: str | None = None) -> str | None:
    """A topic list with each category named as the category buttons name it ("Politik",
    "-Sport"), and each branch as the bot names it ("Fußball"), in `language` now; None when
    nothing changes. Free topics stay as typed (reader QA, stop 59: a German reader who
    switched to English kept "Politik" shown among English topics, and one who tapped
    [Politics] in English read "politics" in German; reader QA, stop 70 U9: "fútbol" stayed
    Spanish among "Politik, Wirtschaft", its why-line "Rubrik fútbol"). `was`: the language
    the topics were read in until now (a word that names a branch only there is renamed too,
    `_read_as_branch`)."""
    words = wording(language)
    listed = topic_list(topics)
    renamed = []
    for label in listed:
        sign, name = ("-", label[1:]) if label.startswith("-") else ("", label)
        key = next((key for key in _NAMED_TOPICS if name.lower() in _button_names(key)),
                   None) or _read_as_branch(name, was, language)
        renamed.append(sign + _category_topic(words, key) if key is not None else label)
    kept = list(dict.fromkeys(renamed))
    return ", ".join(kept) if kept != listed else None


def _read_as_branch(name: str, was: str | None, language: str) -> str | None:
    """The branch a topic named in the language it was read in, when the new one reads it as
    something else (review, stop 71: a French reader's "people" is celebrity news, and after
    /language en it would have been the English word)."""
    if was is None:
        return None
    before, after = parse_topic(name, was), parse_topic(name, language)
    branch = before[0].branch if before is not None else None
    return None if after is not None and after[0].branch == branch else branch


@functools.cache
def _button_names(key: str) -> frozenset[str]:
    """A category's names on the buttons, in every language (lower case)."""
    return frozenset({key} | {wording(code).category(key).lower() for code in languages()})


# Asks for the reader's own topics. Telegram's ForceReply opens the reply box on it, and a
# reply to it is read as topics: nothing is remembered between the question and the answer,
# so it works whichever replica receives the answer, however late, in whatever language the
# question was asked.
def _ask_topics(words: Wording) -> tuple[str, ForceReply]:
    return (f"{e(words.say('topics_question'))} ({words.say('topics_example')}).",
            ForceReply(selective=True,
                       input_field_placeholder=words.say("topics_placeholder")))


async def edited(update: Update, context: Context) -> None:
    """An edited command, or an edited answer to the topics question, is not run again (an
    edit of "/topics add cookign" followed both, one to /stop unsubscribed: reader QA), but
    said not to count (reader QA, stop 60 F4: an edit of /pause into /resume left the reader
    believing they had resumed). Other edits, and commands to other bots, are no concern."""
    message = update.edited_message
    text = (message.text or "") if message is not None else ""
    if text.startswith("/"):
        addressed = text.split(maxsplit=1)[0].partition("@")[2]
        if addressed and addressed.lower() != (context.bot.username or "").lower():
            return
    elif not _answers_topics_question(update, context):
        return
    await _reply(update, (await _words(update, context)).say("edit_ignored"))


def _answers_topics_question(update: Update, context: Context) -> bool:
    message = update.effective_message
    asked = message.reply_to_message if message is not None else None
    return (asked is not None and asked.from_user is not None
            and asked.from_user.id == context.bot.id
            and any(question in (asked.text or "") for question in every("topics_question")))


async def start(update: Update, context: Context) -> None:
    st = state(context)
    chat = update.effective_chat
    assert chat is not None  # noqa: S101
    subscriber = await st.subscriptions.subscribe(chat.id, chat_type=chat.type, now=st.clock(),
                                                  language=_reader_language(update))
    words = wording(subscriber.language)
    if subscriber.topics:
        # Back after blocking the bot (its settings were kept): not asked again (found by
        # reader QA: "Which topics do you follow?" to a reader whose topics were all there).
        await _reply(update, words.say(
            "welcome_back", when=_when(words, subscriber), next=_next(words, subscriber),
            topics=e(", ".join(topic_list(subscriber.topics)))))
        return
    await _reply(update, words.say(
        "welcome", when=_when(words, subscriber),
        language=_summary_language(context, words, subscriber.language)),
        reply_markup=_categories_keyboard(words))
    question, reply_box = _ask_topics(words)
    await _reply(update, question, reply_markup=reply_box)


async def _pressed(update: Update, context: Context, *, changes: bool = False) -> str | None:
    """A button's data, once Telegram is told the press arrived; None if there is nothing to
    do (no data, or a change in a group by someone who is not an administrator)."""
    query = update.callback_query
    if query is None or not query.data:
        return None
    if changes and not await _may_change(update, context):
        return None  # answered with the refusal
    await query.answer()
    return query.data


async def add_category_button(update: Update, context: Context) -> None:
    data = await _pressed(update, context, changes=True)
    if data is None:
        return
    st = state(context)
    words = await _words(update, context)
    key = data.split(":", 1)[1]
    label = _category_topic(words, key) if key in pickers.CATEGORY_TOPICS else key
    subscriber = await st.subscriptions.get(_chat_id(update))
    followed = [topic for topic in topic_list(subscriber.topics) if not topic.startswith("-")]
    # Followed already under another name (an English button tapped after /language de:
    # "Wirtschaft" was added beside "business", review): the list stays as it is.
    if not any(categories_named(topic) == (key,) for topic in followed):
        subscriber = await st.subscriptions.set_topics(_chat_id(update), "add", label,
                                                       now=st.clock())
    shown = ", ".join(topic_list(subscriber.topics))
    await _reply(update, words.say("your_topics", topics=e(shown)),
                 reply_markup=_topics_keyboard(subscriber.topics))


async def help_command(update: Update, context: Context) -> None:
    subscriber, words = await _reader(update, context)
    # A chat that is not subscribed gets nothing of /briefing or /more (reader QA Q19): it is
    # told to /start first (review: the help listed them as they were).
    first = "" if subscriber is not None else words.say("help_start")
    await _reply(update, first + words.say("help"))


def _topics_keyboard(topics: str) -> InlineKeyboardMarkup | None:
    labels = topic_list(topics)
    if not labels:
        return None
    # callback_data is at most 64 bytes: a stable id of the topic, never its position.
    return InlineKeyboardMarkup([[InlineKeyboardButton(
        f"✕ {label}", callback_data=f"rm:{pickers.topic_token(label)}")] for label in labels])


async def _show_topics(update: Update, context: Context) -> None:
    subscriber = await state(context).subscriptions.get(_chat_id(update))
    words = wording(subscriber.language)
    if not topic_list(subscriber.topics):
        question, reply_box = _ask_topics(words)
        await _reply(update, words.say("follow_top_stories", question=question),
                     reply_markup=reply_box)
        return
    await _reply(update, words.say("topics_tap"),
                 reply_markup=_topics_keyboard(subscriber.topics))


# Words readers use for the actions ("/topics delete tariffs" added "delete tariffs"); not
# words a topic may start with ("drop shipping", "del Potro"), nor one that clears a list.
_TOPIC_ACTIONS = {"delete": "remove", "rm": "remove", "unfollow": "remove", "follow": "add",
                  # ...and in the languages of the category names (reader QA: "/topics
                  # rimuovi calcio" added the topic "rimuovi calcio").
                  "entfernen": "remove", "löschen": "remove", "hinzufügen": "add",
                  "supprimer": "remove", "retirer": "remove", "enlever": "remove",
                  "ajouter": "add", "quitar": "remove", "eliminar": "remove",
                  "borrar": "remove", "añadir": "add", "agregar": "add", "rimuovi": "remove",
                  "togli": "remove", "elimina": "remove", "cancella": "remove",
                  "aggiungi": "add", "remover": "remove", "apagar": "remove",
                  "adicionar": "add", "verwijder": "remove", "verwijderen": "remove",
                  "toevoegen": "add", "usuń": "remove", "dodaj": "add",
                  # ...as typed without the letters a keyboard may lack (review).
                  "loschen": "remove", "loeschen": "remove", "hinzufugen": "add",
                  "anadir": "add", "usun": "remove",
                  # (reader QA, stop 44: "tout effacer", "limpar tudo" became topics)
                  "effacer": "remove", "limpar": "remove",
                  # ...and as a command is written, in the imperative (Telegram QA, stop 54
                  # F6: "/topics entferne Wahlen" added "entferne Wahlen"); not "retire",
                  # "tire" or "borra", which are English or Italian words too
                  "entferne": "remove", "lösche": "remove", "losche": "remove",
                  "loesche": "remove", "supprime": "remove", "enlève": "remove",
                  "enleve": "remove", "ajoute": "add", "quita": "remove", "añade": "add",
                  "anade": "add", "agrega": "add", "remova": "remove", "apague": "remove",
                  "adicione": "add", "skasuj": "remove", "efface": "remove",
                  "rimuovere": "remove", "aggiungere": "add", "usunąć": "remove",
                  "usunac": "remove",
                  # ...and in Russian, Ukrainian, Bulgarian and Greek (Telegram QA, stop 56
                  # #4: "/topics удалить футбол" added the topic "удалить футбол")
                  "удалить": "remove", "удали": "remove", "убрать": "remove",
                  "убери": "remove", "добавить": "add", "добавь": "add", "очистить": "clear",
                  "видалити": "remove", "видали": "remove", "прибрати": "remove",
                  "прибери": "remove", "додати": "add", "додай": "add", "очистити": "clear",
                  "изтрий": "remove", "изтрийте": "remove", "премахни": "remove",
                  "премахнете": "remove", "добави": "add", "добавете": "add",
                  "изчисти": "clear", "διαγραφή": "remove", "διαγραφη": "remove",
                  "διάγραψε": "remove", "διαγραψε": "remove", "αφαίρεσε": "remove",
                  "αφαιρεσε": "remove", "αφαίρεση": "remove", "αφαιρεση": "remove",
                  "πρόσθεσε": "add", "προσθεσε": "add", "προσθήκη": "add", "προσθηκη": "add",
                  "καθαρισμός": "clear", "καθαρισμος": "clear"}
# German and Dutch put the verb last ("Kino entfernen", "alle löschen"), as French may
# ("tout effacer"): a last word that is one of these is the action (reader QA, stop 44).
# (not English words: "paint remover" is a topic; review)
_LAST_ACTIONS = frozenset(word for word in _TOPIC_ACTIONS
                          if word not in ("delete", "rm", "unfollow", "follow", "remover"))
# The first words of a plain message that make it the /topics command without its slash.
_TOPIC_COMMAND_WORDS = frozenset(_TOPIC_ACTIONS) | {"add", "remove", "clear"}
# "cancella tutto": everything, as "clear" (the same languages).
_EVERYTHING = {"all", "everything", "alles", "alle", "tout", "toutes", "tous", "todo", "todos",
               "tutto", "tutti", "tudo", "wszystko", "всё", "все", "всі", "усі", "всичко",
               "όλα", "ολα"}
# A page's title over the summary: a title as long as a page would take the reply past
# Telegram's limit.
_TITLE_CHARS = 200


async def topics(update: Update, context: Context) -> None:
    args = context.args or []
    if not args:
        await _show_topics(update, context)
        return
    if not await _may_change(update, context):
        return
    # The command's words as written, lines kept: one topic a line (reader QA, stop 59:
    # "/topics add Fußball⏎Politik" was the one topic "Fußball Politik").
    message = update.effective_message
    raw = _after_command(message.text or "") if message else ""
    raw = raw or " ".join(args)
    action, text = args[0].lower(), raw.partition(args[0])[2].strip()
    if action not in _TOPIC_ACTIONS and action not in ("add", "remove", "clear") and len(
            args) >= 2 and args[-1].lower() in _LAST_ACTIONS:
        action, text = args[-1].lower(), raw.rsplit(args[-1], 1)[0].strip()
    action = _TOPIC_ACTIONS.get(action, action)
    if action == "remove" and text.strip().lower() in _EVERYTHING:
        action, text = "clear", ""
    if action not in ("add", "remove", "clear"):
        action, text = "add", raw
    await _set_topics(update, context, action, text)


async def _set_topics(update: Update, context: Context, action: str, text: str) -> None:
    st = state(context)
    refused = ""
    # A request in prose gives the topics it names, said back so the reader sees what was
    # taken (reader QA, stop 59 F8: the answer to the first question kept nothing).
    meant = meant_by_prose(text) if action == "add" else ()
    if meant:
        text = ", ".join(meant)
    try:
        subscriber = await st.subscriptions.set_topics(_chat_id(update), action, text,
                                                       now=st.clock())
    except PartlyAdded as exc:  # the others were added: said with the list as it is now
        subscriber = exc.subscriber
        refused = e(wording(subscriber.language).error(exc)) + "\n\n"
    except TopicsError as exc:
        if action != "add" or not reads_as_sentence(text):
            raise
        # Prose refused (a topic over 60 characters): how to write the list, not the refusal
        # alone (reader QA, stop 59 F8: "Hi, I'd like to get news about the economy and the
        # stock market please", the answer to the first question, kept nothing).
        words = wording((await st.subscriptions.get(_chat_id(update))).language)
        how = words.say("list_hint_general")
        # A question is no pattern, whatever its "?" (QA, stop 60 F9): how to list, alone.
        asked = "" if text.rstrip().endswith("?") else f"{e(words.error(exc))}\n\n"
        await _reply(update, f"{asked}{how[:1].upper()}{how[1:]}.")
        return
    words = wording(subscriber.language)
    if action == "clear":
        await _reply(update, words.say("topics_cleared"))
        return
    shown = _shown_topics(words, topic_list(subscriber.topics))
    hint = _list_hint(words, text) if action == "add" else ""
    if meant:
        refused += words.say("topics_from_prose", topics=e(", ".join(meant))) + "\n\n"
    await _reply(update, refused + words.say("your_topics", topics=shown) + hint,
                 reply_markup=_topics_keyboard(subscriber.topics))


def _shown_topics(words: Wording, topics: list[str]) -> str:
    return e(", ".join(topics)) if topics else words.say("topics_none")


def _list_hint(words: Wording, text: str) -> str:
    """A line for a topic typed like a sentence: it is kept, and matched as a whole."""
    hint = typed_as_sentence(text)
    if hint is None:
        return ""
    meant = e(", ".join(hint.meant))
    how = (words.say("list_hint_exclude", meant=meant) if hint.excludes
           else words.say("list_hint_meant", meant=meant) if hint.meant
           else words.say("list_hint_general"))
    return "\n\n" + words.say("list_hint", topic=e(hint.label), how=how)


async def remove_topic_button(update: Update, context: Context) -> None:
    data = await _pressed(update, context, changes=True)
    if data is None:
        return
    st = state(context)
    subscriber = await st.subscriptions.get(_chat_id(update))
    words = wording(subscriber.language)
    current = topic_list(subscriber.topics)
    removed = pickers.find_topic(current, data.split(":", 1)[1])
    if removed is None:  # an old keyboard, and that topic is gone already
        await _reply(update, words.say("topic_gone", topics=_shown_topics(words, current)))
        return
    current.remove(removed)
    subscriber = await _change(update, context, topics=", ".join(current))
    query = update.callback_query
    assert query is not None  # noqa: S101 - _pressed returned its data
    try:
        await query.edit_message_text(
            words.say("topic_removed", topic=e(removed), topics=_shown_topics(words, current)),
            reply_markup=_topics_keyboard(subscriber.topics))
    except BadRequest as exc:
        if "not modified" not in str(exc):
            raise


async def set_time(update: Update, context: Context) -> None:
    words = await _words(update, context)
    if not context.args:
        await _reply(update, words.say("time_question"),
                     reply_markup=_keyboard(_rows([(at, f"time:{at}") for at in pickers.TIMES],
                                                  5)))
        await _asked(update, context, "time")
        return
    await _set_clock(update, context, words, " ".join(context.args or []))


async def _set_clock(update: Update, context: Context, words: Wording, text: str, *,
                     refuse: bool = True) -> bool:
    """Set the briefing time `text` says; when it says none, why (or, unless `refuse`,
    nothing: False)."""
    try:
        at = parse_clock(text)
    except ScheduleError as exc:
        if refuse:
            await _reply(update, f"{e(words.error(exc))}.")
        return refuse
    subscriber = await _change(update, context, brief_time=at.strftime("%H:%M"))
    await _reply(update, _done(words, subscriber))
    return True


# The pickers' questions invite a reader to type a time, a city or a language (reader QA,
# stop 70 T9: a German reader answered "Welche Zeitzone? … sende eine Stadt" with a plain
# "berlin", and was offered to follow it as a topic; stop 73, "Deutsch" after /language). An
# answer is read as the command would read it when it replies to the question (stateless, so
# on any replica, after a restart, and in groups, where the bot sees only replies), or, in a
# private chat, when it is the chat's next update within `_ASKED_FOR`. Which question is open
# is kept in the database (`Store.open_picker`): kept in memory, a restart or another replica
# read the answer as topics (stop 71).
_ASKED_FOR = timedelta(minutes=10)
_ASKED_KEPT = timedelta(days=1)  # an open question no update took is deleted after this
_QUESTIONS = {"time": "time_question", "timezone": "zone_question",
              "language": "language_question"}


async def _asked(update: Update, context: Context, question: str) -> None:
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE:
        now = state(context).clock()
        try:
            await state(context).services.store.open_picker(chat.id, question, now=now,
                                                            forget_before=now - _ASKED_KEPT)
        except StoreError as exc:  # the picker is shown; a typed answer reads as a topic
            log.warning("open picker of chat %s not kept: %s", chat.id, exc)


async def _forget_question(update: Update, context: Context) -> str | None:
    """The picker question this private chat was just asked and has not answered (forgotten
    now: this update answers it or ends it)."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return None
    try:
        asked = await state(context).services.store.take_picker(chat.id)
    except StoreError as exc:
        # Asked at every update of a private chat: a database that cannot answer must not
        # stop /help, /language or a button that need no database (review, stop 72).
        log.warning("open picker of chat %s unread: %s", chat.id, exc)
        return None
    if asked is None or state(context).clock() - asked[1] > _ASKED_FOR:
        return None
    return asked[0]


def _replied_question(update: Update, context: Context) -> str | None:
    """The picker question a message replies to ("time", "timezone", "language"), if any."""
    message = update.effective_message
    asked = message.reply_to_message if message is not None else None
    if asked is None or asked.from_user is None or asked.from_user.id != context.bot.id:
        return None
    return next((question for question, key in _QUESTIONS.items()
                 if any(_asks_it(said, asked.text or "") for said in every(key))), None)


def _asks_it(question: str, text: str) -> bool:
    """Whether a message of ours (`text`, as Telegram gives it back) is `question`: every
    part of it around its blanks ("{said}Which language? … Codes: {codes}")."""
    parts = [part for part in re.split(r"\{\w+\}", _as_received(question)) if part.strip()]
    return bool(parts) and all(part in text for part in parts)


def _as_received(said: str) -> str:
    """A sentence of ours as Telegram gives its message back: text, without the markup."""
    return html.unescape(re.sub(r"<[^>]+>", "", said))


async def _answered_picker(update: Update, context: Context, asked: str | None) -> bool:
    """Whether a plain message was taken as the answer to a picker's question (`_asked`),
    as its command reads it: a reply to the question always (what is no time or zone is
    said so); a private chat's next message when it is one (else it is read as any other:
    topics, say). A hello or thanks is neither ("hallo" is not Harlow)."""
    message = update.effective_message
    said = (message.text or "").strip() if message is not None else ""
    if _greets(said) or _thanks(said):
        return False
    if (replied := _replied_question(update, context)) is not None:
        if await _may_change(update, context):
            await _answer_question(update, context, replied, said, refuse=True)
        return True
    chat = update.effective_chat
    return (asked is not None and chat is not None and chat.type == ChatType.PRIVATE
            and await _answer_question(update, context, asked, said, refuse=False))


async def _answer_question(update: Update, context: Context, question: str, text: str, *,
                           refuse: bool) -> bool:
    words = await _words(update, context)
    if question == "time":
        return await _set_clock(update, context, words, text, refuse=refuse)
    if question == "language":
        return await _typed_language(update, context, text, refuse=refuse)
    return await _set_zone(update, context, words, text, refuse=refuse)


def _done(words: Wording, subscriber: Subscriber) -> str:
    return words.say("done", when=_when(words, subscriber),
                     next=_next(words, subscriber))


def _zones_keyboard(words: Wording, choices: tuple[Choice, ...]) -> InlineKeyboardMarkup:
    labels = [(pickers.shown(choice, words), _zone_data(choice)) for choice in choices
              if pickers.fits(f"tz:{choice.zone}")]
    # A place's full label ("Portland, OR, US") needs a row of its own.
    per_row = 3 if all(len(label) <= 14 for label, _ in labels) else 1
    return _keyboard(_rows(labels, per_row))


def _zone_data(choice: Choice) -> str:
    """A zone button's data: the zone, and the place it stands for when its zone is named
    after another city ("tz:Europe/Madrid|Córdoba, ES"), where it fits."""
    place = pickers.place_named(choice)
    data = f"tz:{choice.zone}|{place}" if place else f"tz:{choice.zone}"
    return data if pickers.fits(data) else f"tz:{choice.zone}"


async def set_timezone(update: Update, context: Context) -> None:
    text = " ".join(context.args or [])
    subscriber, words = await _reader(update, context)
    if not text.strip():
        # The reader's own country's zone among them (its summaries' language: "pt-br",
        # "ja" too, which the bot's words are not in); found once per language, off the loop.
        language = (subscriber.language if subscriber is not None
                    else _telegram_language(update) or words.language)
        choices = await asyncio.to_thread(pickers.zone_picker, language)
        await _reply(update, words.say("zone_question"),
                     reply_markup=_zones_keyboard(words, choices))
        await _asked(update, context, "timezone")
        return
    await _set_zone(update, context, words, text)


async def _set_zone(update: Update, context: Context, words: Wording, text: str, *,
                    refuse: bool = True) -> bool:
    """Set the time zone `text` names (or ask which one it means); when it names none, why
    (or, unless `refuse`, nothing: False)."""
    named = ""  # the words typed, when they name the place found (not "PST", "Europa Central")
    try:
        # "EST", "CST": what their clocks show
        choices = pickers.abbreviation_choices(text, words.language)
        name = choices[0].zone if choices else pickers.current_name(parse_timezone(text)[1])
    except ScheduleError as exc:
        # A scan of the shipped place names (tens of milliseconds): off the event loop.
        choices = await asyncio.to_thread(pickers.zone_choices, text)
        named = text
        if not choices:
            if refuse:
                said = words.error(exc)
                said = said if said.endswith(("?", ";", ".")) else f"{said}."
                await _reply(update, words.say("zone_city_hint", said=e(said)))
            return refuse
        name = choices[0].zone
    if len(choices) > 1:
        await _reply(update, words.say("which_one"),
                     reply_markup=_zones_keyboard(words, choices))
        return True
    subscriber = await _change(update, context, timezone=name, place=pickers.kept_place(
        choices[0], named, words.language) if choices else None)
    await _reply(update, _done(words, subscriber))
    return True


async def picker_button(update: Update, context: Context) -> None:
    """A time or time zone button: the same change as typing it."""
    data = await _pressed(update, context, changes=True)
    if data is None:
        return
    kind, _, value = data.partition(":")
    words = await _words(update, context)
    try:
        if kind == "time":
            subscriber = await _change(update, context,
                                       brief_time=parse_clock(value).strftime("%H:%M"))
        else:
            zone, _, place = value.partition("|")
            subscriber = await _change(update, context, timezone=parse_timezone(zone)[1],
                                       place=place or None)
    except ScheduleError as exc:
        await _reply(update, e(words.error(exc)))
        return
    await _reply(update, _done(words, subscriber))


async def set_language(update: Update, context: Context) -> None:
    # The keyboard of languages (38 buttons) comes with the question asked (`/language`
    # alone) and with a first language not known; not again while the one just sent is open
    # (stop 73: every "unknown language" brought another). This command may answer its own
    # question: it reads (and ends) the open one itself (`guarded(answers=True)`).
    shown = await _forget_question(update, context) == "language"
    typed = " ".join(context.args or [])
    subscriber, words = await _reader(update, context)
    code = _language_named(update, subscriber, words, typed)
    if code is None:
        await _ask_language(update, context, subscriber, words, typed,
                            keyboard=not (shown and typed.strip()))
        return
    await _choose_language(update, context, subscriber, words, code)


def _language_named(update: Update, subscriber: Subscriber | None, words: Wording,
                    typed: str) -> str | None:
    """The language a reader typed, by its code or its name in their language: the chat's,
    or their Telegram app's (review: the wording's language alone is English for the 30
    languages the bot has no words in)."""
    user = update.effective_user
    readers = [subscriber.language if subscriber else None,
               user.language_code if user is not None else None, words.language]
    return next((found for reader in dict.fromkeys(readers)
                 if (found := language_code(typed, reader=reader)) is not None), None)


async def _ask_language(update: Update, context: Context, subscriber: Subscriber | None,
                        words: Wording, typed: str, *, keyboard: bool) -> None:
    """Which language (what was `typed` is not one), with the keyboard of languages unless
    it was just sent; a name typed next answers it (`_typed_language`)."""
    known = ", ".join(sorted(LANGUAGES))
    said = words.say("language_unknown", typed=e(typed.strip()[:40])) if typed.strip() else ""
    await _reply(update, words.say("language_question", said=said, codes=e(known)),
                 reply_markup=_languages_keyboard(subscriber) if keyboard else None)
    await _asked(update, context, "language")


async def _typed_language(update: Update, context: Context, text: str, *,
                          refuse: bool) -> bool:
    """A language typed after the /language question (stop 73: "Deutsch" was offered as a
    topic to follow), set as `/language deutsch` sets it. Unless it replies to the question
    (`refuse`), only a language's name: a plain "no", "it" or "ja" is no Norwegian, Italian or
    Japanese; what is none is read as any other message (False)."""
    subscriber, words = await _reader(update, context)
    code = _language_named(update, subscriber, words, text)
    if code is None or (not refuse and " ".join(text.split()).lower().replace("_", "-")
                        == code):
        if refuse:  # (the question it replies to has the keyboard)
            await _ask_language(update, context, subscriber, words, text, keyboard=False)
        return refuse
    await _choose_language(update, context, subscriber, words, code)
    return True


def _languages_keyboard(subscriber: Subscriber | None) -> InlineKeyboardMarkup:
    """The summaries' languages, each by its own name; a button carries the code itself
    ("lang:it"), as the command takes it. The chat's language now is ticked (a regional
    one's too: "pt-br" on Português)."""
    now = pickers.language_choice(subscriber.language if subscriber is not None else None)
    return _keyboard(_rows([(f"✓ {name}" if code == now else name, f"lang:{code}")
                            for code, name in pickers.language_choices()], 3))


async def language_button(update: Update, context: Context) -> None:
    """A language button: the same change as `/language <code>`, answered in that language."""
    data = await _pressed(update, context, changes=True)
    if data is None:
        return
    code = language_code(data.partition(":")[2])
    if code is not None:
        subscriber, words = await _reader(update, context)
        await _choose_language(update, context, subscriber, words, code)


async def _choose_language(update: Update, context: Context, subscriber: Subscriber | None,
                           words: Wording, code: str) -> None:
    """Set the chat's language, rename its categories in it, and say so in it."""
    user = update.effective_user
    renamed = (_topics_in_language(subscriber.topics, code, subscriber.language)
               if subscriber else None)
    await _change(update, context, language=code,
                  **({"topics": renamed} if renamed is not None else {}))
    chosen = wording(code)  # said in the language just chosen
    answer = chosen.say("summaries_in", language=_summary_language(context, chosen, code))
    if chosen.language != words.language:
        # ...and, in the reader's language until now, that the bot's own words change too,
        # and how to have them back (Telegram QA s56 #9: a Russian reader who asked for
        # English summaries lost the Russian answers, with no word of it).
        back = (subscriber.language if subscriber else None) or words.language
        # ...unless the language chosen is the one of the reader's Telegram app: said in it
        # (QA stop 62 F12: a Portuguese reader back to Portuguese read an English sentence).
        app_language = user.language_code if user is not None else None
        said_in = chosen if app_language and wording(app_language).language == (
            chosen.language) else words
        answer += "\n" + said_in.say("interface_switched",
                                     language=e(said_in.language_name(code)),
                                     command=e(f"/language {back}"))
    if renamed is not None:  # said, not found later in /topics (QA, stop 60)
        answer += "\n\n" + chosen.say("your_topics", topics=e(", ".join(topic_list(renamed))))
    await _reply(update, answer)


def _summary_language(context: Context, words: Wording, code: str) -> str:
    """The summaries' language as the reader will get it: the offline summarizer quotes each
    article and cannot translate, which a German reader of English feeds should know, and an
    English reader of German ones (reader QA, stop 70 U5: "Summaries will be in English",
    then a German summary "(in German)")."""
    name = e(words.language_name(code))
    if state(context).services.llm is None:
        return words.say("summaries_offline", language=name)
    return name


async def pause(update: Update, context: Context) -> None:
    subscriber = await _change(update, context, paused=True)
    await _reply(update, wording(subscriber.language).say("paused"))


async def resume(update: Update, context: Context) -> None:
    subscriber = await _change(update, context, paused=False, active=True)
    words = wording(subscriber.language)
    await _reply(update, words.say("resumed", when=_when(words, subscriber)))


def _local(words: Wording, moment: datetime, timezone: str) -> str:
    """A moment on the reader's clock, as the briefing time is given: 'Tue 1 Dec, 07:30'."""
    return words.moment(moment.astimezone(zone(timezone)))


async def settings_command(update: Update, context: Context) -> None:
    subscriber = await state(context).subscriptions.get(_chat_id(update))
    words = wording(subscriber.language)
    next_at = subscriber.next_briefing_at if subscriber.active else None
    await _reply(update, words.say(
        "settings",
        topics=e(", ".join(topic_list(subscriber.topics)) or words.say("settings_top_stories")),
        # Off since the bot was blocked or removed (reader QA: a "Next" days in the past).
        when=_when(words, subscriber) if subscriber.active else words.say("briefing_off"),
        # (none while paused: reader QA, stop 60 F8, a "Next" date under "(paused)")
        next=(e(words.say("next_paused")) if subscriber.paused and subscriber.active
              else _next_moment(words, subscriber, next_at) if next_at
              else e(words.say("not_scheduled"))),
        language=_summary_language(context, words, subscriber.language)))


async def stop(update: Update, context: Context) -> None:
    words = await _words(update, context)  # read before the settings go
    await state(context).subscriptions.unsubscribe(_chat_id(update))
    await _reply(update, words.say("stopped"))


async def _send_told(context: Context, chat_id: int, told: updates.ChatBriefing) -> None:
    """Send a chat's briefing now, remembering after each message which story versions it
    carried (with its id, for the replies of later updates): if a later part fails, what was
    sent is still known and is not sent again."""
    st = state(context)
    sent_parts = 0
    try:
        for number, (part, reply_to, buttons) in enumerate(
                zip(told.parts, told.replies, told.buttons, strict=True), start=1):
            if number > 1:
                await asyncio.sleep(PRIVATE_INTERVAL)  # Telegram's one message a second a chat
            reply = None if reply_to is None else ReplyParameters(
                message_id=reply_to, allow_sending_without_reply=True)
            sent = await _once_more(functools.partial(
                context.bot.send_message, chat_id, part, reply_parameters=reply,
                reply_markup=keyboard(buttons)))
            sent_parts += 1
            part_of = [r for r in told.received if r.part == number]
            if part_of:
                # With the headline each story was shown under: its updates reply under it
                # (reader QA, stop 73 R3).
                await st.services.store.record_receipts(
                    chat_id, [(r.version, sent.message_id) for r in part_of], now=st.clock(),
                    titles={r.version.story_id: r.title for r in part_of})
    finally:
        # For /stats: the messages of briefings that carried stories ("nothing new" is no
        # briefing), counted once, and only a count: a database that fails here must not
        # stop the briefing (review stop 50 #10).
        if sent_parts and told.received:
            try:
                await st.services.store.count_replies(sent_parts, now=st.clock())
            except StoreError as exc:
                log.warning("could not count a briefing's messages for /stats: %s", exc)


async def _working(context: Context, chat_id: int, work: Awaitable[_T], *,
                   note: str | Callable[[], Awaitable[str]] | None = None,
                   reply_to: Message | None = None,
                   briefing: bool = False) -> tuple[_T, Message | None]:
    """Await slow work (summaries from a local LLM can take minutes) with "typing…" showing
    the whole time, and, past PLACEHOLDER_AFTER, a note saying what is coming (or made then,
    by `note()`), so a chat never looks dead. Returns the result and the note (the caller
    edits or deletes it). A `briefing` written offline waits OFFLINE_PLACEHOLDER_AFTER for its
    note."""
    note_after = (OFFLINE_PLACEHOLDER_AFTER if briefing and state(context).services.llm is None
                  else PLACEHOLDER_AFTER)
    task = asyncio.ensure_future(work)
    stopping = asyncio.ensure_future(state(context).stopping.wait())
    placeholder: Message | None = None
    noted = False
    clock = asyncio.get_running_loop().time
    started = clock()
    try:
        while True:
            with contextlib.suppress(TelegramError):  # only a courtesy
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            # "typing…" again before Telegram's 5 s run out, the note once its time comes
            due = TYPING_EVERY if noted or not note else note_after - (clock() - started)
            await asyncio.wait({task, stopping}, return_when=asyncio.FIRST_COMPLETED,
                               timeout=max(0.0, min(TYPING_EVERY, due)))
            if task.done():
                return task.result(), placeholder
            if stopping.done():
                break
            if note and not noted and clock() - started >= note_after:
                noted = True
                # Also only a courtesy: a note Telegram refused must not cost the answer.
                said = await note() if callable(note) else note
                with contextlib.suppress(TelegramError):
                    placeholder = (await reply_to.reply_text(
                        said, do_quote=True, allow_sending_without_reply=True)
                                   if reply_to is not None
                                   else await context.bot.send_message(chat_id, said))
    except BaseException:
        await _drop(placeholder)  # the apology follows; the note must not stay beside it
        raise
    finally:
        stopping.cancel()
        task.cancel()  # a no-op once done; else the reader's request is gone (an error)
    # Operator QA: a stop waited five minutes for a slow LLM's answer, past systemd's
    # TimeoutStopSec; the reader is told to ask again instead.
    await _drop(placeholder)
    raise ShuttingDown("the bot is stopping")


async def _drop(note: Message | None) -> None:
    if note is not None:
        with contextlib.suppress(TelegramError):  # a note left behind is harmless
            await note.delete()


async def _repeated(update: Update, context: Context, request: str) -> bool:
    """Whether a group asks again within GROUP_REPEAT for what posts to all its members;
    refused as `repeats.py` says. Private chats are never refused."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return False
    st = state(context)
    now = st.clock()
    last = st.repeats.refused(chat.id, request, now)
    if last is None:
        return False
    subscriber = await st.services.store.get_subscriber(chat.id)
    here = zone(subscriber.timezone if subscriber else "UTC")
    refusal = (await _words(update, context, subscriber)).say(
        "group_repeat", time=f"{last.astimezone(here):%H:%M}",
        again=f"{(last + GROUP_REPEAT).astimezone(here):%H:%M}")
    if update.callback_query is not None:
        await update.callback_query.answer(refusal, show_alert=True)
    elif st.repeats.first_refusal(chat.id, request):
        await _reply(update, refusal)
    else:
        log.info("chat %s asked again for %s; not answered (once per %s)", chat.id, request,
                 GROUP_REPEAT)
    return True


@contextlib.asynccontextmanager
async def _counted(update: Update, context: Context, request: str) -> AsyncIterator[None]:
    """A request that failed (an apology follows) was not posted: it does not count as
    answered for `_repeated` (review: the retry a minute later was refused)."""
    try:
        yield
    except BaseException:
        chat = update.effective_chat
        if chat is not None:
            state(context).repeats.forget(chat.id, request)
        raise


async def briefing_now(update: Update, context: Context) -> None:
    """What is new since the chat's last briefing (never what it already has), or that
    nothing is, with a button for the latest top stories anyway."""
    if await _repeated(update, context, "/briefing"):
        return
    async with _counted(update, context, "/briefing"):
        await _tell_new(update, context, since=None)


async def more(update: Update, context: Context) -> None:
    """/more: what the last day brought that this chat has not had yet (past the budget)."""
    if await _repeated(update, context, "/more"):
        return
    async with _counted(update, context, "/more"):
        st = state(context)
        chat_id = _chat_id(update)
        subscriber = await st.services.store.get_subscriber(chat_id)
        if subscriber is not None and subscriber.last_briefing_at is None and (
                await st.services.store.last_received_at(chat_id)) is None:
            # Nothing had yet: the first briefing, headed as one (reader QA, stop 59: a new
            # reader's /more brought the day's best stories headed "More", and the /briefing
            # after it the next ones as "Your briefing").
            await _tell_new(update, context, since=None)
            return
        await _tell_new(update, context, since=st.clock() - timedelta(hours=24), more=True)


async def more_button(update: Update, context: Context) -> None:
    """The More button: the next page of new stories of the same window; what the chat
    received on the earlier pages is not new any more, so the question is simply asked again.
    Each page has its own button: a group may page on, but not tap one page's button again."""
    message = update.effective_message
    request = f"more:{message.message_id if message else 0}"
    if await _repeated(update, context, request):
        return
    async with _counted(update, context, request):  # a failed answer to the tap too
        data = await _pressed(update, context)
        if data is None:
            return
        since = datetime.fromtimestamp(int(data.removeprefix(updates.MORE)), UTC)
        taken = await _without_page_button(update)
        if state(context).clock() - since > updates.MAX_AGE:
            # Reader QA: a button five days old answered "Writing your briefing…", then
            # "That was everything new", with no word that the page was long gone.
            subscriber = await state(context).services.store.get_subscriber(_chat_id(update))
            await _reply(update, wording(subscriber.language if subscriber else
                                         state(context).settings.language).say("more_too_old"))
            return
        async with _button_back_if_failed(update, taken):
            await _tell_new(update, context, since=since, more=True,
                            button=message.message_id if message else None)


async def _tell_new(update: Update, context: Context, *, since: datetime | None,
                    more: bool = False, button: int | None = None) -> None:
    """A briefing of what is new since `since` (its More page with `more`); `button`: the
    message whose More was tapped, when one was."""
    st = state(context)
    chat_id = _chat_id(update)
    store = st.services.store
    # Only a subscribed chat: after /stop ("unsubscribes and deletes the chat's data") the
    # briefing still came and wrote what the chat was sent (reader QA Q19), and a /start
    # later took those stories as had.
    subscriber = await st.subscriptions.get(chat_id)
    now = st.clock()

    def composer_for(more: bool, *, headed_more: bool | None = None) -> updates.Composer:
        return updates.Composer(store, st.services.summarizer, now=now,
                                max_words=st.settings.summary_words,
                                matcher=st.services.matcher,
                                max_items=st.settings.briefing_items, more=more,
                                headed_more=headed_more)

    composer = composer_for(more)
    since = since or updates.since_of(subscriber, now)

    read: dict[int, Receipt] = {}  # what the chat had when its briefing was written
    read_stories: dict[int, Story] = {}

    async def compose() -> updates.ChatBriefing:
        stories = await composer.stories(since)
        receipts = await store.receipts([chat_id], [story.id for story in stories])
        read.clear()
        read.update(receipts[chat_id])
        read_stories.clear()
        read_stories.update((story.id, story) for story in stories)
        return await composer.for_chat(
            stories=stories, receipts=receipts[chat_id], topics=updates.topics_of(subscriber),
            language=subscriber.language, since=since, timezone=subscriber.timezone)

    async def only_left_over(told: updates.ChatBriefing) -> bool:
        """Whether a /briefing brings only what the chat's last one left past its budget:
        nothing came since it. Written as its "More" then, without the "Nothing new on" it
        said already (reader QA, stop 59 F7: a second /briefing right after the first), but
        headed as the briefing the reader asked for: what they have not had (reader QA,
        stop 70 T13: /briefing after a More page answered "Mehr · 7. Dezember 2026", the
        More command's heading)."""
        last = await store.last_received_at(chat_id)
        told_ids = {r.version.story_id for r in told.received}
        return last is not None and bool(told_ids) and all(
            (story := read_stories.get(i)) is not None and story.updated_at <= last
            for i in told_ids)

    async def told_meanwhile(told: updates.ChatBriefing) -> bool:
        """Whether the chat was sent some of these stories while they were written."""
        ids = sorted({r.version.story_id for r in told.received})
        now_had = (await store.receipts([chat_id], ids))[chat_id]
        return any(now_had.get(i) != read.get(i) for i in ids)

    words = wording(subscriber.language)
    told, note = await _working(context, chat_id, compose(), note=words.say("writing_note"),
                                briefing=True)
    try:
        # The scheduled briefing may have gone out while this one was written (a slow LLM
        # takes minutes): written again from what the chat has now, its summaries cached
        # (operator QA: both sent every story, seconds apart).
        if told.received and await told_meanwhile(told):
            told = await compose()
        if not more and told.parts and await only_left_over(told):
            # (its summaries are written already)
            composer, more = composer_for(True, headed_more=False), True
            told = await compose()
        if not told.parts and more:
            # A More whose stories a later message brought (a /briefing since, the button's
            # own page) says so (reader QA, stop 74 R12: "More (1)" tapped after a later
            # /briefing answered "That was everything new", the one story it promised not
            # accounted for). Telegram numbers a chat's messages in the order they are sent.
            # (a reader of top stories, or of exclusions only, has no topics: QA stop 61
            # F7, review stop 62)
            await _reply(update, words.say(
                "more_had_since" if button is not None and any(
                    receipt.version is not None and (receipt.message_id or 0) > button
                    for receipt in read.values())
                else "all_told" if updates.topics_of(subscriber).include else "all_told_top"))
            return
        if not told.parts:
            moments = [subscriber.last_briefing_at, await store.last_received_at(chat_id)]
            last = max((m for m in moments if m is not None), default=None)
            told = updates.nothing_new(last, subscriber.timezone, now, told.aside,
                                       subscriber.language, place=subscriber.place)
        await _send_told(context, chat_id, told)
    finally:
        await _drop(note)  # the briefing came (or an apology will): the note is done


def _buttons_of(markup: InlineKeyboardMarkup | None) -> list[list[tuple[str, str]]]:
    """A message's buttons as (text, data) rows."""
    return [[(button.text, str(button.callback_data)) for button in row]
            for row in (markup.inline_keyboard if markup is not None else ())]


async def _without_page_button(update: Update) -> InlineKeyboardMarkup | None:
    """A tapped "More" (a briefing's or a top-stories page's) goes from its message as soon as
    it is tapped (`updates.without_page_button`): taken away only once its page was sent, a
    Mute tapped meanwhile on the same message (its keyboard as Telegram had it before) put
    it back (review, stop 62). Second QA, stop 60: a stale "More (3)" said "That was
    everything new" at every tap. Returns the keyboard it had, to put back if the page
    fails; None when nothing was taken (a typed /more, no such button, an edit refused)."""
    query = update.callback_query
    message = query.message if query is not None else None
    if query is None or not isinstance(message, Message):
        return None
    rows = updates.without_page_button(_buttons_of(message.reply_markup), query.data or "")
    if rows is None:
        return None
    try:
        await query.edit_message_reply_markup(_keyboard(rows) if rows else None)
    except TelegramError as exc:  # only a courtesy: the page is what was asked for
        log.info("The More button was not taken away: %s", exc)
        return None
    return message.reply_markup


@contextlib.asynccontextmanager
async def _button_back_if_failed(update: Update, taken: InlineKeyboardMarkup | None
                                 ) -> AsyncIterator[None]:
    """The More taken at the tap comes back if its page could not be sent (an LLM outage, a
    stop): the reader is told to try again, and may."""
    try:
        yield
    except BaseException:
        query = update.callback_query
        if taken is not None and query is not None:
            with contextlib.suppress(TelegramError):
                await query.edit_message_reply_markup(taken)
        raise


async def top_stories_button(update: Update, context: Context) -> None:
    """"Latest top stories anyway": the day's top stories on the reader's topics, had or not,
    a page within the briefing's budget; its "More" button the next page."""
    query = update.callback_query
    page = updates.TOP_PAGE.fullmatch(query.data or "") if query is not None else None
    if query is None or page is None:
        return
    began = datetime.fromtimestamp(int(page[1]), UTC) if page[1] else None
    # Each page its own request, as the briefing's "More" pages: a group may page on.
    message = update.effective_message
    request = f"top:{message.message_id if message else 0}" if began else "top"
    if await _repeated(update, context, request):
        return
    async with _counted(update, context, request):
        await query.answer()
        taken = await _without_page_button(update)  # (None for the first page's button)
        async with _button_back_if_failed(update, taken):
            await _top_stories(update, context, began=began, every=bool(page[2]),
                               quiet_said=bool(page[3]))


async def _top_stories(update: Update, context: Context, *, began: datetime | None,
                       every: bool, quiet_said: bool) -> None:
    st = state(context)
    chat_id = _chat_id(update)
    subscriber = await st.subscriptions.get(chat_id)  # as `_tell_new`
    composer = updates.Composer(st.services.store, st.services.summarizer, now=st.clock(),
                                max_words=st.settings.summary_words,
                                matcher=st.services.matcher,  # topics by meaning, as /briefing
                                max_items=st.settings.briefing_items)
    language = subscriber.language
    words = wording(language)
    told, note = await _working(context, chat_id, composer.top_stories(
        topics=updates.topics_of(subscriber), language=language,
        timezone=subscriber.timezone, chat_id=chat_id, began=began, every=every,
        quiet_said=quiet_said),
        note=words.say("writing_top"), briefing=True)
    if not told.new:  # the briefing of nothing says "nothing new since", not what was asked
        # (a later page finds none when the day's stories changed since the first page)
        # (as /more's; the day's stories on no topic when none matched: review, stop 62)
        on_topics = bool(updates.topics_of(subscriber).include) and not every
        nothing = words.say(("all_told" if on_topics else "all_told_top")
                            if began else "no_news_24h")
        told = dataclasses.replace(told, parts=(nothing,), replies=(None,), buttons=(None,),
                                   received=())
    try:
        await _send_told(context, chat_id, told)
    finally:
        await _drop(note)


async def mute_button(update: Update, context: Context) -> None:
    """"Mute this story": no more updates of it in this chat. The button turns into
    "Unmute", which undoes it (reader QA, stop 59: a mis-tap was for good)."""
    query = update.callback_query
    if query is None or not query.data:
        return
    if not await _may_change(update, context):
        return  # answered with the refusal
    st = state(context)
    unmuting = query.data.startswith(updates.UNMUTE)
    story_id = int(query.data.rpartition(":")[2])
    chat_id = _chat_id(update)
    subscriber = await st.subscriptions.get(chat_id)  # nothing kept of a stopped chat (Q19)
    if unmuting:
        await st.services.store.unmute_story(chat_id, story_id)
    else:
        await st.services.store.mute_story(chat_id, story_id, now=st.clock())
    await query.answer(wording(subscriber.language).say("unmuted" if unmuting else "muted"))
    message = query.message
    markup = message.reply_markup if isinstance(message, Message) else None
    rows = updates.toggled_mute(_buttons_of(markup), query.data, subscriber.language)
    if rows is None:
        return
    try:
        await query.edit_message_reply_markup(_keyboard(rows))
    except TelegramError as exc:  # too old to edit, tapped twice, a timeout: the note said it
        log.info("The mute button was not turned: %s", exc)


# -- /summarize --------------------------------------------------------------------------------


def _after_command(text: str) -> str:
    """A command's argument as written, its lines kept: "/summarize" then a pasted article
    whose first line is its headline (reader QA: the arguments joined with spaces glued the
    headline into the first sentence)."""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else ""


async def summarize(update: Update, context: Context) -> None:
    message = update.effective_message
    assert message is not None  # noqa: S101 - a command always comes in a message
    text = _after_command(message.text or message.caption or "") if context.args else ""
    replied = message.reply_to_message
    post = ""
    if not text and replied is not None:
        # A link behind words ("Read more") is the message's too (a forwarded channel post).
        hidden = [(entity, entity.url) for entity in (*replied.entities, *replied.caption_entities)
                  if entity.type == MessageEntity.TEXT_LINK and entity.url
                  and not inputs.is_telegram_link(entity.url)]
        said = replied.text or replied.caption or ""
        if len(hidden) == 1:
            # One such link is the post's article, however long the post's own text (review);
            # the post without the link's words ("Full story") is summarized if the page
            # cannot be read (QA stop 64 H2: the reader got the failure alone).
            entity, text = hidden[0]
            post = _without_closing_anchor(said, entity)
        else:
            text = " ".join([said.strip(), *(url for _, url in hidden)]).strip()
    await _summarize(update, context, text, post=post)


_ANCHOR_WORDS = 5  # a link's words such as "Full story", "Read more"; more are the post's own


def _without_closing_anchor(text: str, entity: MessageEntity) -> str:
    """A post's text without the words its link hides behind when they close it ("…flight.
    Full story"); a link on a word of a sentence ("According to a report by…") leaves the
    sentence whole (QA stop 64 J1: the word went, wherever else it stood too)."""
    # (Telegram counts an entity's place in UTF-16 code units)
    encoded = text.encode("utf-16-le")
    before = encoded[:entity.offset * 2].decode("utf-16-le", "replace")
    anchor = encoded[entity.offset * 2:(entity.offset + entity.length) * 2].decode(
        "utf-16-le", "replace")
    after = encoded[(entity.offset + entity.length) * 2:].decode("utf-16-le", "replace")
    closes = not re.sub(r"[\W_]", "", after) and len(anchor.split()) <= _ANCHOR_WORDS
    return before.rstrip() if closes and _ends_line(before) else text


def _ends_line(before: str) -> bool:
    """Whether text before a closing link's words ends a sentence or a line, or an emoji
    ("👇"), not a quotation's opening mark (review stop 64: '…called it "a historic day".'
    lost its quote)."""
    last = before.rstrip(" \t")[-1:]
    return not last or last in ".!?…:\n" or unicodedata.category(last) == "So"


async def _summarize(update: Update, context: Context, text: str, *, post: str = "") -> None:
    """/summarize of a text or link, for the chat the update comes from; `post`: the words
    of the message whose hidden link `text` is, to summarize if the page cannot be read."""
    st = state(context)
    message = update.effective_message
    chat = update.effective_chat
    user = update.effective_user
    assert message is not None  # noqa: S101 - a command, or a tap under a message
    assert chat is not None  # noqa: S101
    subscriber = await st.services.store.get_subscriber(chat.id)
    words = await _words(update, context, subscriber)
    if not text:
        await _reply(update, words.say("summarize_how"))
        return
    # What is not an article is answered before anything is fetched or counted.
    given = inputs.classify(text)
    if post and given.kind == "url":
        given = inputs.with_post(given, post)
    asker = f"summarize:{user.id if user else chat.id}"
    use = await st.quota.take(asker)
    if use is None:  # (said when, not "later": QA stop 63 F13)
        await _reply(update, words.say("summarize_quota", n=st.settings.summarize_per_hour,
                                       minutes=await st.quota.minutes_left(asker)))
        return
    if given.kind == "url" and inputs.is_telegram_link(given.source):
        # (a post's link cannot be read; the post itself can: second QA stop 63 G10)
        await st.quota.give_back(use)
        await _reply(update, words.say("summarize_forward"))
        return
    if given.kind == "url":
        fetched = await _fetched(update, context, given, use, words)
        if fetched is None:
            return
        given = fetched
    # Not subscribed: the asker's Telegram language, as the answer's words (reader QA: a
    # German reader's German page came back labelled "(in German)", in English words), in a
    # group too (review).
    language = (subscriber.language if subscriber
                else _telegram_language(update) or st.settings.language)
    started = monotonic_time.monotonic()

    # Quick answers come at once; slow (LLM) work first shows a note that becomes the answer:
    # the offline summary, said to be one the model's may replace (QA stop 63 F10: readers of
    # a slow local model waited minutes behind "Summarizing…", often for that very summary).
    quick: list[str] = []  # the note, when one was made

    async def note() -> str:
        # (in a thread: a long text's offline summary takes the event loop a second)
        quick.append(await asyncio.to_thread(_quick_answer, st, given, language))
        return quick[0]

    try:
        answer, placeholder = await _working(context, chat.id,
                                             _summary_answer(st, given, language, use),
                                             note=note, reply_to=message)
    except ShuttingDown:
        await st.quota.give_back(use)  # asked to ask again: that costs the reader nothing
        raise
    if placeholder is not None:
        if answer not in quick:  # (an edit to the same text is refused)
            await _note_becomes(placeholder, answer)
    else:
        # A reply to its request, in a private chat too: several asked at once are answered
        # as each is done, and a pasted text's summary has no title to tell it by (QA stop
        # 63 F8).
        await _reply(update, answer, do_quote=True, allow_sending_without_reply=True)
    log.info("summarize in %.2f s", monotonic_time.monotonic() - started)


async def _fetched(update: Update, context: Context, given: inputs.Input, use: int,
                   words: Wording) -> inputs.Input | None:
    """A /summarize link's page to summarize; None when the reader was told it cannot be."""
    st = state(context)
    chat = update.effective_chat
    assert chat is not None  # noqa: S101
    try:
        # A page can be slow (up to the fetch timeout): "typing…" is kept up meanwhile
        # (QA stop 63 F7: it went after 5 s, and the chat looked dead for 15 more).
        fetched, _ = await _working(context, chat.id, inputs.fetch_link(
            given.source, http=st.http, guard=st.guard, settings=st.settings))
    except (FetchFailed, UnsafeURL, inputs.InputError) as exc:
        if given.own_text:
            # The message's own text is summarized, and the link's failure said under it
            # (second QA stop 63 G5: a pasted paragraph's "Source:" link failed, and the
            # reader got the failure alone).
            return inputs.text_instead(given, unread=words.error(exc))
        await st.quota.give_back(use)  # the refusal costs the reader nothing
        # (a reply to its request, as the summaries are: with several asked at once, the
        # reader sees which one failed: QA stop 64 H7)
        # A page that is no article to summarize is said as a link that failed is, under
        # the same opening (reader QA stop 75 S11: "That page is larger than…" alone).
        reason = words.error(exc)
        reason = _as_reason(reason.removesuffix("."), words.language) if isinstance(
            exc, inputs.InputError) else reason
        await _reply(update, words.say("summarize_failed", reason=e(reason)),
                     do_quote=True, allow_sending_without_reply=True)
        return None
    except BriefingError:
        # Not an article after all, or the bot stopping (`ShuttingDown`: asked to ask
        # again): that costs the reader nothing.
        await st.quota.give_back(use)
        raise
    return fetched


def _quick_answer(st: BotState, given: inputs.Input, language: str) -> str:
    """The note a /summarize shows while the LLM writes: the offline summary (an instant),
    labelled as one the model's may replace; "Summarizing…" when there is none to give."""
    words = wording(language)
    if st.services.llm is None:  # (the offline summary itself is on its way: a slow machine)
        return e(words.say("summarizing"))
    try:
        summary = st.services.summarizer.quick_text(
            given.text, language=language, max_words=inputs.summary_words(st.settings),
            posts=given.posts)
    except Exception:  # only a courtesy: the request goes on without it (review)
        log.warning("could not make the quick summary of a /summarize", exc_info=True)
        return e(words.say("summarizing"))
    if not summary.text.strip():
        return e(words.say("summarizing"))
    return _answer_html(summary, given, language, also=(words.say("quick_offline"),))


async def _summary_answer(st: BotState, given: inputs.Input, language: str, use: int) -> str:
    """A /summarize answer in HTML: the summary under its title with its labels, or what is
    wrong, said in the reader's language."""
    words = wording(language)
    try:
        summary = await inputs.summarize_input(
            st.services.summarizer, given, language=language,
            max_words=inputs.summary_words(st.settings), patient=False)
    except inputs.InputError as exc:
        await st.quota.give_back(use)  # no article after all (a pasted menu): free
        return e(words.error(exc))
    except BriefingError as exc:
        return e(words.error(exc))
    return _answer_html(summary, given, language)


def _answer_html(summary: Summary, given: inputs.Input, language: str,
                 also: Sequence[str] = ()) -> str:
    """A summary under its input's title, with its labels (and `also`)."""
    # A page's title (or a pasted article's headline) heads its summary: in a group, the
    # others see what was summarized.
    title = given.title if len(given.title) <= _TITLE_CHARS else (
        given.title[:_TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…")
    head = f"<b>{e(title)}</b>\n" if title else ""
    labels = [*_summary_labels(summary, given, language), *also]
    return head + e(summary.text) + (
        f"\n<i>({wording(language).semicolon.join(labels)})</i>" if labels else "")


async def _note_becomes(note: Message, answer: str) -> None:
    """The "Summarizing…" note edited into the answer: the slowest answer, sent once more
    after a server error; if it cannot be, the note goes (the apology follows) (review)."""
    try:
        await _once_more(lambda: note.edit_text(answer))
    except TelegramError:
        await _drop(note)
        raise


# -- operator commands -------------------------------------------------------------------------


# Beyond this many sources, /sources lists the failing ones (operator QA N6: 400 sources were
# four long messages, 5,000 would be fifty, and the failing ones were not found among them).
_SOURCES_LISTED = 20


async def sources_command(update: Update, context: Context) -> None:
    """/sources: a count, then every source when they are few, else the failing ones;
    `/sources all` every one, `/sources WORDS` those whose name or address has WORDS."""
    listing = await state(context).services.store.list_sources()
    if not listing:
        await _reply(update, "No sources yet: /addsource https://example.com/feed.xml")
        return
    wanted = " ".join(context.args or []).strip().casefold()
    failing = [source for source in listing if source.consecutive_errors]
    unread = sum(1 for source in listing if source.last_checked_at is None)
    head = (f"{len(listing)} source{'s' if len(listing) != 1 else ''}: {len(failing)} failing, "
            f"{unread} not fetched yet.")
    hint = ""
    if wanted == "all" or (not wanted and len(listing) <= _SOURCES_LISTED):
        shown = listing
    elif wanted:
        shown = [source for source in listing if all(
            word in f"{source.name} {shown_location(source.location)}".casefold()
            for word in wanted.split())]
        head += f" {len(shown)} with “{e(wanted[:100])}”" + (":" if shown else ".")
    else:
        shown = failing
        head += " The failing ones:" if failing else ""
        hint = ("/sources all lists every one; /sources WORDS those whose name or address "
                "has them.")
    if wanted != "all" and len(shown) > _SOURCES_LISTED:
        # An outage fails them all: the first ones, not hundreds (review).
        hint = f"…and {len(shown) - _SOURCES_LISTED} more: /sources all lists every one."
        shown = shown[:_SOURCES_LISTED]
    lines = [head, *(_source_line(source) for source in shown), *([hint] if hint else [])]
    for part in pack_messages(lines):  # whole lines, each message within Telegram's limit
        await _reply(update, part)


def _shown_words(typed: str, limit: int = 60) -> str:
    """What a reader typed, said back no longer than this (review, stop 52: a long text after
    /addsource, echoed whole, went past Telegram's limit and the answer failed)."""
    return typed if len(typed) <= limit else typed[:limit - 1].rstrip() + "…"


def _with_https(typed: str) -> str | None:
    """A feed's address as readers paste it without its scheme ("example.com",
    "example.com/feed.xml") or with the feed:// scheme some sites show, as https; looser than
    `inputs.bare_link` ("e.g." is no link to summarize), since it is only offered."""
    bare = typed.removeprefix("feed://").removeprefix("feed:")
    candidate = bare if bare.startswith(("http://", "https://")) else f"https://{bare}"
    return candidate if " " not in typed and "." in bare and is_web_url(candidate) else None


def _source_line(source: Source) -> str:
    """A source as /removesource takes it (its number), with its address when it has a
    title: two feeds titled alike are told apart (operator QA N6)."""
    where = f" ({e(shown_location(source.location)[:150])})" if source.title else ""
    return (f"[{source.id}] {e(source.name[:200])}{where} · "
            f"{e(source_admin.health(source)[:300])}")


_UNBRACKETED = re.compile(r"\s*\(([^()]*)\)")
_FIRST_CLAUSE = re.compile(r"\s?[:;：]\s")
_PARTIAL = {"paywall": "free_part_only", "start": "page_start_only", "teaser": "teaser_only"}
_STORE_ERROR_EVERY = 300.0  # seconds between database errors logged at ERROR


def _summary_labels(summary: Summary, given: inputs.Input, language: str) -> list[str]:
    """What a /summarize answer rests on, said as in a briefing: another language (the
    offline engine cannot translate: reader QA saw a German text come back in German to an
    English reader, unlabelled), the offline fallback, a page's free or first part only."""
    words = wording(language)
    labels = [] if _same_language(summary.language, language) else [
        words.say("in_language", language=words.language_name(summary.language))]
    labels += [words.say("offline")] if summary.fallback else []
    labels += [words.say(_PARTIAL[given.partial])] if given.partial else []
    if given.unread:
        # (a reason written as a sentence set inside the label: its capital and full stop go,
        # but a German noun's: QA stop 64 H5)
        # (its first clause: a refusal's advice, "…: send the link of one of its articles",
        # reads oddly under the reader's own text; J8: "(… (HTTP 404))")
        reason = _as_reason(_UNBRACKETED.sub(
            r", \1", _FIRST_CLAUSE.split(given.unread, 1)[0].rstrip(".")), language)
        labels.append(words.say("link_unread", reason=e(reason)))
    else:  # ("your own text" says it already: QA stop 64 H5)
        if inputs.came_back_whole(summary, given) and not given.partial:
            # (a page of one paragraph came back as it was, unlabelled, read as a summary of
            # a longer article: QA stop 63 F5)
            labels.append(words.say("whole_text" if given.kind == "text" else "whole_page"))
        if given.kind == "text" and inputs.web_links(given.text):
            # (a link inside a text's sentence is the text's, never opened: the reader is
            # told so, and how to have its page: QA stop 64 K8)
            labels.append(words.say("link_in_text"))
    return labels

def _as_reason(sentence: str, language: str) -> str:
    """A refusal's sentence said as the reason after a colon: its first letter in lower case
    ("That page…" is "…: that page…"), but a German noun's (QA stop 64 H5) or an initialism's
    ("URL")."""
    return sentence if language.startswith("de") or sentence[1:2].isupper() else (
        sentence[:1].lower() + sentence[1:])


# Codes Telegram gives and the language detector's for the same written language (found by
# review: a Norwegian reader's own Norwegian summary was labelled "(in Norwegian)").
_SAME_WRITTEN = {"nb": "no", "nn": "no", "ms": "id"}


def _same_language(one: str, other: str) -> bool:
    def base(code: str) -> str:
        found = code.lower().replace("_", "-").split("-", 1)[0]
        return _SAME_WRITTEN.get(found, found)
    return base(one) == base(other)


async def add_source(update: Update, context: Context) -> None:
    url = " ".join(context.args or []).strip()
    if not is_web_url(url):  # files and folders on the bot's machine are not for chat users
        # An address pasted without its scheme is said so, not only answered with the usage
        # (operator QA N13); not read as https unasked: many feeds are served on http only.
        link = _with_https(url)
        usage = "Send <code>/addsource https://example.com/feed.xml</code>."
        # A word that is no address is said to be none (operator QA, stop 52 F18: "/addsource
        # foo" got the usage line alone).
        await _reply(update, f"{e(url)} has no <code>https://</code> or <code>http://</code>: "
                             f"send <code>/addsource {e(link)}</code> (or http://)."
                     if link else f"{e(_shown_words(url))} is not a web address. {usage}"
                     if url else usage)
        return
    st = state(context)
    checked = await source_admin.add_feed(st.services.store, url, http=st.feeds_http,
                                          settings=st.settings, now=st.clock())
    if checked.source is None:
        await _reply(update, f"{e(url)}: {e(checked.note)}")
        return
    shown = shown_location(checked.source.location)
    await _reply(update, f"{'Added' if checked.created else 'Already there'}: "
                         f"[{checked.source.id}] {e(shown)} · {e(checked.note)}")


async def remove_source(update: Update, context: Context) -> None:
    wanted = " ".join(context.args or []).strip()
    if not wanted:  # operator QA: answered "no source ''"
        await _reply(update, "Send <code>/removesource 3</code> (the number /sources shows) "
                             "or <code>/removesource https://example.com/feed.xml</code>.")
        return
    removed = await source_admin.remove(state(context).services.store, wanted)
    went = (f", with its {removed.articles} article{'s' if removed.articles != 1 else ''}"
            if removed.articles else "")
    await _reply(update, f"Removed {e(removed.source.name)}{went}.")


async def stats(update: Update, context: Context) -> None:
    st = state(context)
    now = st.clock()
    midnight = datetime.combine(now.date(), datetime.min.time(), tzinfo=UTC)
    store = st.services.store
    counts = await store.counts()
    calls = await store.llm_calls_since(midnight)
    stories = await store.count_stories_since(midnight)  # counted in SQL, no text loaded
    first_seen = await store.count_stories_first_seen_since(midnight)
    delivered = await store.delivery_counts(midnight)
    await _reply(update, (
        "<b>Today</b>\n"
        f"Subscribers: {await store.subscriber_count()}\n"
        # Said as counted (reader QA, stop 49: "Stories: 25" of 46 all first seen today, and
        # "0 sent" after readers had asked for briefings, which go out as replies: counted
        # apart since, second review stop 49 #9).
        f"Stories dated today by their outlets: {stories}; first seen today: {first_seen}; "
        f"stored: {counts['stories']}\n"
        f"LLM: {len(calls)} calls ({sum(1 for c in calls if c.error)} failed), "
        f"{sum(c.prompt_tokens + c.completion_tokens for c in calls):,}"
        f" tokens, {_cost(st.services.llm, sum(c.cost_usd for c in calls))}\n"
        f"LLM answers rejected: "
        f"{e(describe_rejections(await rejections_since(store, midnight)))}\n"
        f"Scheduled briefings' messages: {delivered.get('sent', 0)} sent, "
        f"{delivered.get('failed', 0)} failed, {delivered.get('pending', 0)} waiting\n"
        f"Briefing messages sent on request (/briefing, /more, buttons; not counting "
        f"\"nothing new\"): "
        f"{delivered.get('replied', 0)}"))


def _cost(llm: LLM | None, usd: float) -> str:
    return e(llm.cost_said(usd)) if llm is not None else f"about ${usd:.2f}"


# -- everything else -------------------------------------------------------------------------


async def unknown_command(update: Update, context: Context) -> None:
    message = update.effective_message
    command = (message.text or "").split(maxsplit=1)[0] if message else ""
    addressee = command.partition("@")[2]
    if addressee and addressee.lower() != (context.bot.username or "").lower():
        return  # /x@otherbot is for another bot
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE and not addressee:
        return  # in groups, stay quiet about commands not addressed to us
    await _reply(update, (await _words(update, context)).say("unknown_command"))


async def plain_text(update: Update, context: Context) -> None:
    asked = await _forget_question(update, context)  # (answered or not, by this message)
    if _answers_topics_question(update, context):
        message = update.effective_message
        assert message is not None  # noqa: S101 - it answers a question
        said = (message.text or "").strip()
        if _greets(said) or _thanks(said):
            # A new reader's first words answer the question (Telegram opens its reply box):
            # "hii" or "thanks" became their only topic (QA stop 61 F1).
            _, words = await _reader(update, context)
            await _reply(update, words.say("hello" if _greets(said) else "thanks"))
            return
        subscriber, words = await _reader(update, context)
        if await _answered_as_asked(update, context, said, subscriber, words):
            return  # ("help", "stop", "no sport" answer no question of topics to follow)
        if await _may_change(update, context):
            await _set_topics(update, context, "add", message.text or "")
        return
    chat = update.effective_chat
    if await _answered_picker(update, context, asked) or (
            chat is not None and chat.type != ChatType.PRIVATE):
        return  # (in groups, ordinary conversation is not for us)
    message = update.effective_message
    said = (message.text or "").strip() if message is not None else ""
    subscriber, words = await _reader(update, context)
    if _greets(said):
        await _reply(update, words.say("hello" if subscriber is not None else "hello_new"))
        return
    if _thanks(said):
        await _reply(update, words.say("thanks"))
        return
    if not await _no_topics(update, context, message, said, words, subscriber=subscriber):
        await _offer(update, context, message, words)


async def _answered_as_asked(update: Update, context: Context, said: str,
                             subscriber: Subscriber | None, words: Wording) -> bool:
    """Whether a plain message was answered as what it asks (`asked.py`): less of a topic,
    to unsubscribe, help, another language; or, after a hello, a question that names no
    topic ("Hello? Is anyone there?"). Reader QA (stop 73 R1): each was offered as topics to
    follow, "je ne veux plus de sport" as "sport"."""
    rest = _AFTER_HELLO.sub("", said, count=1)
    found = what_is_asked(rest, reader=subscriber.language if subscriber is not None else None)
    if found is None:
        if rest != said and _plainly(rest).rstrip()[-1:] == "?" and _as_topics(rest) is None:
            await _reply(update, words.say("hello" if subscriber is not None else "hello_new"))
            return True
        return False
    if found.kind == "help":
        await help_command(update, context)
    elif found.kind == "stop":
        # Pointed to, never done: a word typed in passing must not delete a reader's settings.
        await _reply(update, words.say("stop_how"))
    elif found.kind == "language":
        (code,) = found.what
        if subscriber is not None and pickers.language_choice(
                subscriber.language) == pickers.language_choice(code) and (
                code == subscriber.language or "-" not in code):
            # Nothing to offer: "in German" from a German chat ("pt" from a "pt-br" one too).
            await _reply(update, words.say("language_already",
                                           language=e(words.language_name(code))))
            return True
        await _reply(update, words.say("language_offer", language=e(words.language_name(code)),
                                       command=e(f"/language {code}")),
                     reply_markup=_keyboard([[(dict(pickers.language_choices()).get(
                         code, words.language_name(code)), f"lang:{code}")]]))
    else:
        await _offer_less(update, subscriber, words, found)
    return True


async def _offer_less(update: Update, subscriber: Subscriber | None, words: Wording,
                      found: Asked) -> None:
    """Less of some topics: those the reader follows, offered to remove (their ✕ buttons);
    the others, to leave out (a minus before each), with one tap."""
    current = topic_list(subscriber.topics) if subscriber is not None else []
    followed: list[str] = []
    rest: list[str] = []
    for topic in found.what:
        try:
            kept = merge_topics(current, topic, "remove")  # (a category by any of its names)
        except TopicsError:  # not followed: left out with a minus
            rest.append(f"-{topic}")
            continue
        followed += [label for label in current if label not in kept]
    followed = list(dict.fromkeys(followed))
    if followed:
        # "plus de sport" from a reader who follows sport: removing it is what they mean; a
        # minus beside it would cancel it out (subscriptions._refuse_contradictions).
        # (said of several in the plural: "tap a topic's ✕", "за темами")
        await _reply(update, words.say("unfollow_offer_several" if len(followed) > 1
                                       else "unfollow_offer", topics=e(", ".join(followed))),
                     reply_markup=_topics_keyboard(", ".join(followed)))
    if rest:
        listed = ", ".join(rest)
        # Found again by its first line when tapped (`add_listed_button`), as topics_offer is.
        await _reply(update, f"{e(words.say('exclude_offer'))}\n{e(listed)}\n\n"
                             f"{words.say('exclude_how', command=e(f'/topics add {listed}'))}",
                     reply_markup=_keyboard([[(words.say("leave_out"), "addlisted")]]))


async def _no_topics(update: Update, context: Context, message: Message | None, said: str,
                     words: Wording, *, subscriber: Subscriber | None) -> bool:
    """Whether a plain message was answered as what it is, which is no topics to offer."""
    if not (message is not None and _has_link(message)) and await _answered_as_asked(
            update, context, said, subscriber, words):
        return True
    said_words = said.split()
    if 2 <= len(said_words) <= _TOPIC_WORDS and _plainly(said)[-1] not in ".!?" and (
            message is not None and message.reply_to_message is None) and (
            said_words[0].lower() in _TOPIC_COMMAND_WORDS
            or said_words[-1].lower() in _LAST_ACTIONS):
        # "Kino entfernen", "remove sport": the /topics command without its slash, not
        # topics to follow (reader QA, stop 59 F12: offered to follow "Kino entfernen").
        await _reply(update, words.say("topics_command", command=e(f"/topics {said}")))
        return True
    # A time alone is when the reader wants the briefing, as after the /time picker, not a
    # topic (reader QA, stop 70 U4: "Follow these topics? 7:45").
    # (full-width digits and colon as CJK keyboards type them read as ASCII: review, stop 76)
    clock = unicodedata.normalize("NFKC", said)
    return subscriber is not None and bool(
        _CLOCK_ALONE.fullmatch(clock) or CJK_CLOCK.fullmatch(clock)) and await _set_clock(
        update, context, words, said, refuse=False)


# A message that is a clock time and nothing else, written as one: "7:45", "7 pm", "19 Uhr",
# "7.30 a.m." (not "3", a number, nor "20.12" or "11.11", dates: review, stop 70).
_CLOCK_ALONE = re.compile(r"\d{1,2}:\d{2}(?:\s?(?:[ap]\.?m\.?|uhr|h))?"
                          r"|\d{1,2}(?:[.h]\d{2})?\s?(?:[ap]\.?m\.?|uhr|h)", re.IGNORECASE)
# (and Japanese "午後7時半", Chinese "7点", Korean "오후 7시 30분": CJK_CLOCK)


async def _offer(update: Update, context: Context, message: Message | None,
                 words: Wording) -> None:
    """What a plain message may be, offered with a button: a link to summarize, topics to
    follow; else how to summarize it."""
    if message is not None and message.reply_to_message is None and _has_link(message):
        await _offer_summary(update, context, message, words)
        return
    listed = _as_topics(message.text or "") if message is not None and (
        message.reply_to_message is None) else None
    refused = ""
    if listed is None and message is not None and message.reply_to_message is None and (
            odd := _list_but_one(message.text or "")):
        # One item no topic (a pattern, a link) in a list of topics: the rest offered, that
        # one said why (reader QA, stop 76 T8: "…, AT&T, <تقنية>" was answered "To summarize
        # this…", where `/topics add` said what was wrong with it).
        listed, problem = odd
        refused = f"{e(words.error(problem))}\n\n"
    if listed is not None:
        # The topics question answered without replying to it (the reply box closed, or a
        # client without it): ask, rather than lose the answer or guess. The list travels in
        # the question itself, so the button works on any replica, however late.
        await _reply(update, f"{e(words.say('topics_offer'))}\n{e(listed)}\n\n{refused}"
                             f"{words.say('topics_offer_note')}",
                     reply_markup=_keyboard([[(words.say("follow_them"), "addlisted")]]))
        return
    said = _plainly((message.text or "").strip()) if message is not None else ""
    if said.endswith("?") and "\n" not in said and len(said.split()) <= _QUESTION_WORDS:
        # A question, of no topic: "to summarize this, reply /summarize" answered "why is
        # nobody answering?" (reader QA, stop 73 R1); said what the bot does instead.
        await _reply(update, words.say("question_hint"))
        return
    await _reply(update, words.say("summarize_this"))


_QUESTION_WORDS = 15  # a question typed to the bot; longer is a text pasted, to summarize


# A greeting or thanks is not a topic list (found by exploratory QA: "hello" was offered as one).
# In every language the bot speaks (Telegram QA, stop 54 F4: "olá", "grazie", "cześć",
# "привет" were offered as topics to follow), and typed in haste ("helo": reader QA, stop 60;
# "halo", German in haste and Indonesian: QA stop 61 F8; "/topics add halo" still follows
# the game).
_HELLO = (
    r"(?:hi+|hel+o+w?|hey+|hiya|howdy|yo|hal+o+|hej(?: hej)?|hola|salut|ciao|moin|servus"
    r"|ahoj|szia|привіт|вітаю|здравей(?:те)?|здрасти|χαίρετε|coucou|buenas|e a[ií]|eae|opa|oi+"
    r"|bonjour|bonsoir|salve"
    r"|good (?:morning|afternoon|evening)|guten (?:morgen|tag|abend)|buen(?:os|as) (?:días"
    r"|dias|tardes|noches)|buongiorno|buonasera|olá|ola|bom dia|boa (?:tarde|noite)"
    r"|hoi|goedemorgen|goedemiddag|goedenavond|dzień dobry|dzien dobry|cześć|czesc|witam"
    r"|god (?:morgon|kväll)|merhaba|selam|günaydın|привет|здравствуйте|добр(?:ый|ое) (?:день"
    r"|утро|вечер)|γει[αά] (?:σου|σας)|γεια|καλημέρα|καλησπέρα|buona sera|buon giorno|start)"
    r"(?:\s+(?:there|all|everyone|zusammen|bot|a todos|a tutti|tutti|todos))?")
_GREETING = re.compile(_HELLO + r"[\W_]*", re.IGNORECASE)
# "How are you?", alone or after a hello, and a hello then a short question: a new reader's
# first answer to the topics question (QA stop 62: "ciao, come stai?" followed "stai", "hola,
# ¿qué tal?" followed "tal", "salut, ça va ?" was refused as a search pattern).
_HOW_ARE_YOU = (
    r"(?:how are (?:you|things)(?: doing)?|how'?s it going|what'?s up|sup|tudo (?:bem|bom)"
    r"|como vai(?: você)?|como (?:você )?está|(?:comment )?ça va|comment allez-vous|come stai"
    r"|come va|tutto (?:bene|a posto)|qu[ée] tal|c[óo]mo (?:est[áa]s|vas|va)|wie geht'?s"
    r"(?: dir)?|wie geht es (?:dir|ihnen)|hoe gaat het|jak się masz|как дела|как ты|як справи"
    r"|как си|τι κάνεις|nasılsın"
    # ...and "what can you do?", which /help answers (a hello then a question about the news
    # is a request: "hi, any news about football?", QA stop 62)
    r"|what can you do|what do you do|how does (?:this|it) work|was kannst du|comment ça marche"
    r"|que (?:sais|peux)-tu faire|qu[ée] (?:puedes|sabes) hacer|cosa sai fare"
    r"|o que você (?:faz|pode fazer))")
_GREETING_FIRST = re.compile(
    rf"(?:{_HELLO}[\s,;.!]+)?[¿¡]?{_HOW_ARE_YOU}[\W_]*", re.IGNORECASE)
# A hello before the rest of a message ("Hello? Is anyone there?", "ciao, come funziona?"):
# what follows it is what the message asks (`_answered_as_asked`).
_AFTER_HELLO = re.compile(rf"^{_HELLO}[\s,;.!?]+(?=\S)", re.IGNORECASE)
_THANKS = re.compile(
    r"(?:ok(?:ay)?[\s,]+)?(?:thanks?|thank you|thx|(?:vielen )?dank(?:e(?: schön| sehr)?)?"
    r"|merci(?: beaucoup| bien| à (?:vous|toi))?|muito obrigad[oa]|dank u(?: wel)?"
    r"|dziękuję bardzo|(?:muchas )?gracias|grazie(?: mille)?|obrigad[oa]|brigad[oa]|valeu"
    r"|dziękuję|dziekuje|dzięki|dzieki|bedankt|dank je(?: wel)?|tack(?: så mycket)?"
    r"|teşekkürler|teşekkür ederim|sağ ?ol|спасибо|ευχαριστώ|дякую|благодаря)"
    r"(?:\s+(?:so much|a lot|very much|bot))?[\W_]*|ok(?:ay)?[\W_]*", re.IGNORECASE)


# Thanks said first, then more ("Thanks, I love it": QA, stop 60 F8, offered as topics; "obrigado
# pela ajuda" followed "ajuda": QA stop 62).
_THANKS_FIRST = re.compile(
    r"(?:muito |muchas |mille |many )?"
    r"(?:thanks?|thank you|danke|vielen dank|gracias|merci|grazie|obrigad[oa]|valeu|bedankt"
    r"|dziękuję|dzięki|спасибо|ευχαριστώ)(?: so much| a lot| very much| schön| sehr)?"
    r"(?:[,.!]|\s+(?:for|pela|pelo|por|pour|per|für|voor|za|за|για)\b)",
    re.IGNORECASE)


def _greets(said: str) -> bool:
    """Whether a message is a greeting (a hello, a "how are you?", or both)."""
    return bool(_GREETING.fullmatch(said) or _GREETING_FIRST.fullmatch(said))


def _thanks(said: str) -> bool:
    """Whether a message thanks the bot (first, whatever follows)."""
    return bool(_THANKS.fullmatch(said) or _THANKS_FIRST.match(said))


# What separates a typed list's items (as `topics` reads them, brackets aside).
_LIST_SEPARATORS = re.compile("[,;\uff0c\u3001\u060c\u061b\ufe50\ufe51]")


def _list_but_one(text: str) -> tuple[str, TopicError] | None:
    """A list of topics of which one item is none (a pattern, a link): the others as
    `_as_topics` shows them, and why that one is not a topic; None for anything else."""
    items = [item.strip() for item in _LIST_SEPARATORS.split(text.strip()) if item.strip()]
    if len(items) < 3 or "\n" in text.strip():
        return None
    kept: list[str] = []
    problems: list[TopicError] = []
    for item in items:
        try:
            parse_topic(item)
        except TopicError as exc:
            problems.append(exc)
            continue
        kept.append(item)
    # (an emoticon or a mark is no topic meant: "ok, thanks, :)" is chat, not a list)
    if len(problems) != 1 or links_in(", ".join(kept)) or not any(
            char.isalpha() for char in next(item for item in items if item not in kept)):
        return None
    listed = _as_topics(", ".join(kept))
    return (listed, problems[0]) if listed is not None else None


def _as_topics(text: str) -> str | None:
    """The topic list a short plain message would be, as shown back to the reader; None for
    what reads as prose (a sentence, a long text) or is not a valid topic list."""
    text = text.strip()
    if links_in(text):  # "summarize https://…" is no topic (reader QA, stop 60): the hint
        return None
    if len(text) <= _LISTED_CHARS and (meant := meant_by_prose(text)):
        return ", ".join(meant)  # "I'd like news about football and politics"
    plain = _plainly(text)
    if (not text or len(text) > _LISTED_CHARS or "\n" in text or plain[-1] in ".!?"
            or ". " in plain):
        return None
    try:
        listed = topic_list(text.replace(";", ","))  # (as `/topics add` reads it)
    except ValueError:
        return None
    # As many as a reader may follow (reader QA, stop 50: eleven topics, the bot's first
    # question answered, were taken for a text to summarize), each a few words: a pasted
    # lede's clauses are no topics (review), "artificial intelligence in health care" is.
    # (one topic alone may have as many: "artificial intelligence in health care", "oil and
    # gas prices", Polish "piłka nożna i polityka" were taken for prose: Telegram QA, stop 54
    # F5), unless it reads as a sentence ("how do I change the time": second review)
    if not 0 < len(listed) <= MAX_TOPICS or any(
            len(item.split()) > _TOPIC_WORDS for item in listed) or (len(listed) > 1 and (
            sum(len(item.split()) for item in listed) > _MEAN_TOPIC_WORDS * len(listed))) or (
            len(listed) == 1 and reads_as_sentence(listed[0])):
        return None
    return ", ".join(listed)


# A list of MAX_TOPICS topics of a dozen letters each; prose runs longer, or has full stops.
_LISTED_CHARS = 500
# ...but not those of everyday abbreviations, in names readers follow: "U.S. Marshals, Ryder
# Cup", "St. Louis", "Washington D.C.", "J.K. Rowling", "George W. Bush", "Dr. Oz" (reader QA,
# stop 72 Q1: "U.S. Marshals" typed was taken for a text to summarize). Initials are capitals
# with stops, two or more ("U.S.", "D.C.", "J.K."), or one before a name ("W. Bush").
# (The titles and names are the topics' own list, capitalised as typed; "No." and "vs." too.)
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:(?:[A-Z]\.){2,}|[A-Z]\.(?=\s+[A-Z])"
    rf"|(?:{'|'.join(sorted(word.capitalize() for word in NAME_ABBREVIATIONS))}|No|vs)\.)")


def _plainly(text: str) -> str:
    """A message without its abbreviations' stops, which end no sentence."""
    return _ABBREVIATION.sub(lambda found: found.group().replace(".", ""), text)

_TOPIC_WORDS = 6  # at most, as a topic; a lede's clauses run to 5-8 words each
_MEAN_TOPIC_WORDS = 3  # on average


async def add_listed_button(update: Update, context: Context) -> None:
    """"Follow them": the topics the offer above showed, read back from its own text."""
    if await _pressed(update, context, changes=True) is None:
        return
    query = update.callback_query
    assert query is not None  # noqa: S101 - _pressed returned its data
    shown = query.message.text if isinstance(query.message, Message) else None
    lines = (shown or "").split("\n")
    if len(lines) < 2 or lines[0] not in every("topics_offer") + every("exclude_offer"):
        # Telegram no longer shows a bot the text of a message older than 48 hours.
        await _reply(update, (await _words(update, context)).say("question_too_old"))
        return
    await _set_topics(update, context, "add", lines[1])


async def membership(update: Update, context: Context) -> None:
    """The bot was blocked, or removed from a group: stop sending there at once. Let back in
    (unblocked, added to the group again), it says the briefing is off and how to turn it on
    (reader QA: such a chat got nothing, ever, and no word why)."""
    change = update.my_chat_member
    if change is None:
        return
    st = state(context)
    gone = (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)
    if change.new_chat_member.status in gone:
        await st.services.store.deactivate(change.chat.id, reason="the bot was removed",
                                           now=st.clock())
        log.info("chat %s removed the bot", change.chat.id)
        return
    if change.old_chat_member.status not in gone:
        return  # a change of rights, not a way back
    # Said a moment later, and only if still off: Telegram's Restart button unblocks and
    # sends /start together (review: "stays off until /start" came just before "Welcome
    # back!").
    later = asyncio.ensure_future(_tell_back(context, change.chat.id))
    st.later.add(later)  # held until done (a task nobody holds may be collected)
    later.add_done_callback(st.later.discard)


BACK_AFTER = 3.0  # seconds after a chat lets the bot back in, for a /start to come first


async def _tell_back(context: Context, chat_id: int) -> None:
    await asyncio.sleep(BACK_AFTER)
    try:
        subscriber = await state(context).services.store.get_subscriber(chat_id)
        if subscriber is None or subscriber.active:
            return
        words = wording(subscriber.language)
        topics = topic_list(subscriber.topics)
        await context.bot.send_message(chat_id, words.say(
            "back_inactive", when=_when(words, subscriber),
            topics=e(", ".join(topics)) if topics else words.say("settings_top_stories")))
    except (TelegramError, BriefingError) as exc:  # a courtesy: the chat can still /start
        log.warning("could not tell chat %s its briefing is off: %s", chat_id, exc)


async def migrated(update: Update, context: Context) -> None:
    """A group became a supergroup (Telegram's service messages in both): its subscription
    moves to the new id at once, not when a briefing to the old id fails (reader QA: the
    supergroup was "not subscribed" meanwhile, and a /start there lost the group's topics)."""
    message = update.effective_message
    if message is None:
        return
    old, new = ((message.chat.id, message.migrate_to_chat_id) if message.migrate_to_chat_id
                else (message.migrate_from_chat_id, message.chat.id))
    if old and new:
        await state(context).services.store.move_chat(old, new)
        log.info("chat %s moved to %s", old, new)


# What a reader may send that is no text: said what the bot reads (reader QA: a photo, a
# document or a voice message got no answer at all).
_MEDIA = (filters.PHOTO | filters.VIDEO | filters.ANIMATION | filters.Document.ALL
          | filters.VOICE | filters.AUDIO | filters.VIDEO_NOTE | filters.Sticker.ALL
          | filters.LOCATION | filters.CONTACT | filters.POLL)
_CAPTION_SUMMARIZE = r"^/summarize(?:@\w+)?(?:\s|$)"


async def media(update: Update, context: Context) -> None:
    message = update.effective_message
    album = message.media_group_id if message is not None else None
    if album is not None:
        # An album comes as one message per photo: one hint for all of them (review).
        albums = state(context).albums
        if album in albums:
            return
        albums[album] = None
        while len(albums) > _ALBUMS_KEPT:
            albums.pop(next(iter(albums)))
    words = await _words(update, context)
    if message is not None and _has_link(message):
        # A photo or file whose caption has a link: that link is what to summarize (reader
        # QA, stop 60 F7: answered "I read text and links only", as a sticker is).
        await _offer_summary(update, context, message, words)
        return
    await _reply(update, words.say("media_hint"))


# A reader's own words asking for a summary, in the readers' languages ("summarize this",
# "Kannst du das zusammenfassen?", "fass das zusammen", "résume-moi ça", "riassumi").
# Verbs, not the nouns ("I don't need a summary, just saving this link": second QA stop 63
# G9), nor English "resume" or "résumé".
_ASKS_SUMMARY = re.compile(
    r"(?i)\b(?:summari[sz]e\b|tl;?dr|zusammenfassen|fass(?:e|t|en)?\b.*\bzusammen|résume[rsz]?"
    r"|resum(?:ir|a|elo|emelo|ilo)\b|resúm(?:elo|emelo|ela)\b|riassum[ie]\w*|samenvatten"
    r"|vat\b.*\bsamen"
    r"|streść\w*|перескаж\w*|резюмир\w*|перекаж\w*|підсумуй\w*|обобщи\w*"
    r"|συνόψισ\w*)")


async def _offer_summary(update: Update, context: Context, message: Message,
                         words: Wording) -> None:
    """A message with one link (sent alone, or a forwarded post's) is offered to summarize
    with one tap (reader QA, stop 60 F3: a link was offered as a topic to follow); one with
    several gets the /summarize hint. The link travels in the offer itself, so the button
    works on any replica, however late. A reader's own message asking for its summary
    ("summarize http://…") gets it at once (QA stop 63 F14: asked back, a needless tap)."""
    links = _web_links(message)
    if len(links) == 1 and message.forward_origin is None and _ASKS_SUMMARY.search(
            (message.text or message.caption or "").replace(links[0], " ")):
        await _summarize(update, context, links[0])
        return
    if len(links) > 1:  # which one is not guessed; said as /summarize would say it (QA F5)
        await _reply(update, e(words.error(inputs.InputError(
            f"That message has {len(links)} links: send one at a time (/summarize "
            "https://...).", key="err_several_links", n=len(links)))))
        return
    if not links:  # a Telegram post's link: the post itself is what can be read (QA stop 63
        # F17: "reply to it with /summarize" sent the same link, which the bot cannot open)
        await _reply(update, words.say("summarize_forward"))
        return
    await _reply(update, f"{e(words.say('summarize_offer'))}\n{e(links[0])}",
                 reply_markup=_keyboard([[(words.say("summarize_it"), "sumlink")]]))


def _web_links(message: Message) -> list[str]:
    """The web links of a message, shown or behind words, each once."""
    found: list[str] = []
    for entity in message.entities:
        if entity.type == MessageEntity.URL:
            found.append(message.parse_entity(entity))
    for entity in message.caption_entities:
        if entity.type == MessageEntity.URL:
            found.append(message.parse_caption_entity(entity))
    found += [entity.url for entity in (*message.entities, *message.caption_entities)
              if entity.type == MessageEntity.TEXT_LINK and entity.url]
    links = [_with_scheme(link) for link in dict.fromkeys(found)
             if not inputs.is_telegram_link(link)]
    return [link for link in links if is_web_url(link)]


def _with_scheme(link: str) -> str:
    """"bbc.com/news/1" as Telegram marks it a link: with the https:// a fetch needs."""
    return link if re.match(r"(?i)https?://", link) else f"https://{link}"


async def summarize_link_button(update: Update, context: Context) -> None:
    """"Summarize": the link the offer above showed, read back from its own text."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    shown = query.message.text if isinstance(query.message, Message) else None
    lines = (shown or "").split("\n")
    if len(lines) < 2 or lines[0] not in every("summarize_offer"):
        # Telegram no longer shows a bot the text of a message older than 48 hours.
        await _reply(update, (await _words(update, context)).say("question_too_old"))
        return
    await _summarize(update, context, lines[1].strip())


def _has_link(message: Message) -> bool:
    """Whether a message's text or caption has a web link, shown or behind words ("Read this
    story": a forwarded post's `text_link`)."""
    return any(entity.type in (MessageEntity.URL, MessageEntity.TEXT_LINK)
               for entity in (*message.entities, *message.caption_entities))


_ALBUMS_KEPT = 1000  # the last albums answered (ids are unique across chats)


async def caption_summarize(update: Update, context: Context) -> None:
    """"/summarize <text>" as a photo's caption: the caption's text is summarized (Telegram
    sends no command for it; reader QA: it was ignored). A file is not read: said so."""
    message = update.effective_message
    caption = (message.caption or "") if message is not None else ""
    command, *rest = caption.split(maxsplit=1)  # a line break after the command too (review)
    addressee = command.partition("@")[2]
    if addressee and addressee.lower() != (context.bot.username or "").lower():
        return  # for another bot
    replied = message is not None and message.reply_to_message is not None
    if not rest and not replied:
        await media(update, context)
        return
    context.args = rest[0].split() if rest else []  # none: the message replied to is read
    await summarize(update, context)


async def on_error(update: object, context: Context) -> None:
    """The one place an exception becomes a message for the user."""
    error = context.error
    told = _told(update, error)
    if isinstance(error, InvalidToken) and revoked(error):
        token_refused(state(context), error)  # no reply can be sent either
        return
    if isinstance(error, StoreError):
        # The operator must hear of it; the user gets the apology (the reason names hosts).
        # Once in a while, not every tick (operator QA: a line every 20 s of an outage).
        st = state(context)
        last, quiet = st.store_errors
        moment = monotonic_time.monotonic()
        if moment - last >= _STORE_ERROR_EVERY:
            log.error("database error in a handler: %s%s", error,
                      f" ({quiet} more since the last one logged)" if quiet else "")
            st.store_errors = (moment, 0)
        else:
            st.store_errors = (last, quiet + 1)
    elif isinstance(error, BriefingError):
        # What the reader was told (reader QA: "user-facing error: 105", the chat id, for
        # "This chat is not subscribed…").
        log.info("user-facing error: %s", error if isinstance(error, UserFacingError)
                 else getattr(told, "user_message", error.user_message))
    elif isinstance(error, TelegramError):
        # Telegram refused or lost a reply (a bad gateway, a timeout): an outside fault, not
        # a bug; what a briefing already sent is recorded part by part (_send_told).
        log.warning("Telegram failed a reply to chat %s: %s: %s",
                    getattr(getattr(update, "effective_chat", None), "id", None),
                    type(error).__name__, error)
    else:
        log.error("unexpected error in a handler", exc_info=error)
    if isinstance(update, Update) and update.callback_query is not None:
        # A tap's button stops spinning (review: a Mute tap refused kept it spinning); one
        # answered already is refused by Telegram, which is no matter.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            words = await _error_words(update, context, error)
            # A refused /summarize replies to its request, as its answers do: with several
            # asked, the reader sees which one (QA stop 64 K7).
            if isinstance(error, inputs.InputError):
                await update.effective_message.reply_text(
                    e(words.error(told)), do_quote=True, allow_sending_without_reply=True)
            else:
                await update.effective_message.reply_text(e(words.error(told)))
        except TelegramError:
            log.warning("could not tell the user about an error")


def _told(update: object, error: BaseException | None) -> BaseException:
    """What the user is told of an error: the error itself when it is meant for them, else
    the apology."""
    if not isinstance(error, BriefingError):
        return BriefingError()
    chat = update.effective_chat if isinstance(update, Update) else None
    if isinstance(error, NotSubscribed) and chat is not None and chat.type != ChatType.PRIVATE:
        return GroupNotSubscribed(*error.args)
    return error


async def _error_words(update: Update, context: Context, error: BaseException | None) -> Wording:
    """The words for an apology: the chat's language, unless the database is what failed
    (or fails now), then the reader's Telegram language."""
    if not isinstance(error, StoreError):
        with contextlib.suppress(BriefingError):
            return await _words(update, context)
    return _telegram_words(update, state(context).settings)


# -- wiring ------------------------------------------------------------------------------------


def rate_limiter() -> Any:
    """PTB's limiter, set a little under Telegram's 30 messages a second.

    Its leaky bucket, sized 30 a second, lets a burst of 30 through and then 30 more within the
    same second; Telegram counts more strictly, and every 429 pauses all sending for a second.
    An even stream just under the limit delivers more per second than aiming at it. It also
    waits out flood limits for replies; the outbox handles its own RetryAfter (`_Limiter`).
    """
    # A bucket of one message refilled every 1/28 s: an even stream, no burst at all.
    return _Limiter(overall_max_rate=1, overall_time_period=1 / OVERALL_RATE, max_retries=3)


class _Limiter(AIORateLimiter):
    """PTB's limiter; the outbox's sends (`delivery.OUTBOX_SEND`) are paced but a flood wait
    is raised to the outbox at once: the limiter would sleep it out holding every request."""

    async def process_request(  # noqa: PLR0917 - PTB's signature
            self, callback: Callable[..., Coroutine[Any, Any, Any]],
            args: Any, kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
            rate_limit_args: int | None) -> Any:
        if rate_limit_args != OUTBOX_SEND:
            return await super().process_request(callback, args, kwargs, endpoint, data,
                                                 rate_limit_args)
        chat_id = data.get("chat_id")
        return await self._run_request(
            chat=chat_id is not None,
            group=chat_id if isinstance(chat_id, int) and chat_id < 0 else False,
            allow_paid_broadcast=False, callback=callback, args=args, kwargs=kwargs)


class BotAPIRequest(HTTPXRequest):
    """PTB's request, which takes only the Bot API's answers for answers: another service's
    JSON (a wrong BRIEFING_TELEGRAM_BASE_URL pointing at another API) ended `run` and `status`
    in a traceback (KeyError 'result', operator QA); it is a TelegramError here, said as "does
    not answer as the Telegram Bot API does"."""

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        data = HTTPXRequest.parse_json_payload(payload)
        if not isinstance(data, dict) or "ok" not in data or (
                data["ok"] is True and "result" not in data):
            raise NotTheBotAPI("an answer that is not the Bot API's (JSON without 'ok' and "
                               "'result')")
        return data


class NotTheBotAPI(TelegramError):
    """JSON that is no Bot API answer: a wrong address, which does not mend itself."""


def build_application(settings: Settings, bot_state: BotState, *,
                      request: BaseRequest | None = None) -> Application:  # type: ignore[type-arg]
    """The PTB application with every handler; tests pass an offline `request`."""
    builder = (Application.builder().token(settings.telegram_token)
               .base_url(f"{settings.telegram_base_url.rstrip('/')}/bot")
               .base_file_url(f"{settings.telegram_base_url.rstrip('/')}/file/bot")
               .defaults(Defaults(parse_mode=ParseMode.HTML,
                                  link_preview_options=LinkPreviewOptions(is_disabled=True)))
               .concurrent_updates(PerChatOrder()))
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        # As PTB's builder makes them (pools of 256 and 1), of the class above.
        builder = (builder.request(BotAPIRequest(connection_pool_size=256))
                   .get_updates_request(BotAPIRequest(connection_pool_size=1))
                   .rate_limiter(rate_limiter()))
    app = builder.build()
    app.bot_data["state"] = bot_state
    simple = {"help": help_command, "topics": topics, "settings": settings_command,
              "briefing": briefing_now, "summarize": summarize, "more": more}
    changing = {"time": set_time, "timezone": set_timezone, "language": set_language,
                "pause": pause, "resume": resume}
    admin = {"sources": sources_command, "addsource": add_source,
             "removesource": remove_source, "stats": stats}
    # New messages only: an edited command is not run again (reader QA: "/topics add cookign"
    # corrected to "cooking" followed both; an edit to /stop unsubscribed), and channel
    # posts are not answered (a channel's readers saw "I don't know that command").
    fresh = filters.UpdateType.MESSAGE
    for name, handler in simple.items():
        app.add_handler(CommandHandler(name, guarded(handler), filters=fresh))
    # In groups, subscribing is a change of the group's settings: administrators only.
    app.add_handler(CommandHandler("start", guarded(start, changes=True), filters=fresh))
    for name, handler in changing.items():
        app.add_handler(CommandHandler(name, guarded(handler, changes=True,
                                                     answers=handler is set_language),
                                       filters=fresh))
    app.add_handler(CommandHandler("stop", guarded(stop, changes=True, leaving=True),
                                   filters=fresh))
    for name, handler in admin.items():
        app.add_handler(CommandHandler(name, guarded(handler, admin=True), filters=fresh))
    app.add_handler(CallbackQueryHandler(guarded(remove_topic_button), pattern=r"^rm:\w+$"))
    app.add_handler(CallbackQueryHandler(guarded(mute_button), pattern=r"^(?:un)?mute:\d{1,18}$"))
    app.add_handler(CallbackQueryHandler(guarded(top_stories_button), pattern=updates.TOP_PAGE))
    app.add_handler(CallbackQueryHandler(guarded(add_category_button), pattern=r"^add:[\w ]+$"))
    app.add_handler(CallbackQueryHandler(guarded(add_listed_button), pattern=r"^addlisted$"))
    app.add_handler(CallbackQueryHandler(guarded(summarize_link_button), pattern=r"^sumlink$"))
    app.add_handler(CallbackQueryHandler(guarded(picker_button),
                                         pattern=r"^(time:\d\d:\d\d|tz:[\w/+-]+(\|[^|]+)?)$"))
    app.add_handler(CallbackQueryHandler(guarded(language_button),
                                         pattern=r"^lang:[a-z]{2}(-[a-z0-9]{2,8}){0,2}$"))
    app.add_handler(CallbackQueryHandler(guarded(more_button), pattern=r"^more:\d{1,12}$"))
    app.add_handler(ChatMemberHandler(membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, migrated))
    app.add_handler(MessageHandler(fresh & filters.CaptionRegex(_CAPTION_SUMMARIZE),
                                   guarded(caption_summarize)))
    app.add_handler(MessageHandler(fresh & filters.ChatType.PRIVATE & _MEDIA, guarded(media)))
    app.add_handler(MessageHandler(fresh & filters.COMMAND, guarded(unknown_command)))
    app.add_handler(MessageHandler(fresh & filters.TEXT & ~filters.COMMAND,
                                   guarded(plain_text, answers=True)))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.TEXT,
                                   guarded(edited)))
    app.add_error_handler(on_error)
    return app


MANY_GONE = 5  # chats gone in one delivery, and more than it sent to: said as a warning


async def _log_cycle(bot_state: BotState, cycle: CycleReport, drained: DrainReport,
                     now: datetime) -> None:
    line = cycle_line(cycle, drained)
    if line:
        midnight = datetime.combine(now.date(), datetime.min.time(), tzinfo=UTC)
        rejected = await rejections_since(bot_state.services.store, midnight)
        log.info("%s; LLM answers rejected today: %s", line, describe_rejections(rejected))
    warn_if_many_gone(drained)


def warn_if_many_gone(drain: DrainReport) -> bool:
    """Readers rarely leave together: most chats "gone" in one delivery is a wrong token or a
    bot removed from its groups, worth an operator's look (operator QA: every reader was
    deactivated, said at INFO only). Whether it warned."""
    if drain.dropped_chats < MANY_GONE or drain.dropped_chats <= drain.sent:
        return False
    log.warning("%d of the %d chats this delivery reached are gone (blocked the bot, or "
                "unknown to it): is TELEGRAM_BOT_TOKEN this bot's?", drain.dropped_chats,
                drain.dropped_chats + drain.sent)
    return True


def cycle_line(cycle: CycleReport, drain: DrainReport) -> str | None:
    """The operator's one log line for a briefing cycle and its delivery; None if idle."""
    if not (cycle.queued or cycle.skipped or cycle.quiet or cycle.deferred or cycle.refused
            or drain.sent or drain.failed or drain.deferred):
        return None
    meanwhile = (f", {cycle.deferred} written again next tick (a /briefing told them "
                 "meanwhile)" if cycle.deferred else "")
    meanwhile += (f", {cycle.refused} not briefed (not in BRIEFING_ALLOWED_IDS)"
                  if cycle.refused else "")
    return (f"briefing cycle: {_counted_as(cycle.queued, 'briefing')} queued "
            f"({_counted_as(cycle.messages, 'message')}), "
            f"{cycle.skipped} skipped as too late, {cycle.quiet} with nothing new since a "
            f"briefing within {QUIET_REPEAT.total_seconds() / 3600:.0f} h{meanwhile}; "
            f"delivery: {drain.sent} sent, "
            f"{drain.failed} failed, {drain.deferred} waiting (flood wait or network), "
            f"{_counted_as(drain.dropped_chats, 'chat')} gone")


def _counted_as(n: int, noun: str) -> str:
    """'1 briefing', '3 briefings' (reader QA, stop 60: "1 briefings queued (1 messages)")."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# How often the refresh job looks for sources added since its last run.
_NEW_SOURCE_TICK = timedelta(minutes=1)


class RefreshPace:
    """Which due sources a refresh tick reads: every one once an interval, and in between
    only those never read yet. A source added meanwhile (/addsource, `sources add` beside the
    service) is read within a tick, not up to an interval later (operator QA: "not fetched
    yet" for half an hour), while the rest keep their pace (and the work a refresh with new
    articles brings, embedding the day's stories, stays once an interval)."""

    def __init__(self, every: timedelta) -> None:
        self._every = every
        self._full_at = datetime.min.replace(tzinfo=UTC)

    def pick(self, due: Sequence[Source], now: datetime) -> list[Source]:
        if now >= self._full_at:
            # Half a tick early: the tick nearest the interval is a full one.
            self._full_at = now + self._every - _NEW_SOURCE_TICK / 2
            return list(due)
        return [source for source in due if source.last_checked_at is None]


def say_sources(report: FetchReport) -> None:
    """A refresh's sources that start failing, are read again, or are read only in part:
    each a line at the default level, once, when it happens."""
    # A source that starts failing is worth a line at the default level: a feed gone
    # for weeks was seen only in `sources list` (found by operator QA). Its later
    # failures (it backs off) stay at INFO, where gather logs each.
    for outcome in report.outcomes:
        source = outcome.source
        # A turn lost to another process filing the same items is no failure to tell: a
        # failure after one is the first said, and a recovery from it alone is not said.
        after_turn = (source.last_error or "").startswith(gather.LOST_TURN)
        if (outcome.error and not outcome.error.startswith(gather.LOST_TURN)
                and (source.consecutive_errors == 0 or after_turn)):
            log.warning("source %s fails: %s; it is tried again with back-off "
                        "(`briefing-bot sources list` shows its state)",
                        outcome.source.name, outcome.error)
        # ...and the end of it, said alike (operator QA N10: the journal showed a feed
        # failing since a morning, though it had been read again for hours).
        if (outcome.error is None and not outcome.removed and source.consecutive_errors
                and not (source.consecutive_errors == 1 and after_turn)):
            log.warning("source %s is read again, after %d failed read%s",
                        outcome.source.name, outcome.source.consecutive_errors,
                        "s" if outcome.source.consecutive_errors != 1 else "")
        problem = gather.source_problem(outcome.problems)
        if problem and problem != outcome.source.last_error:
            # Read, but not whole (a feed cut short): once, when it starts.
            log.warning("source %s: %s", outcome.source.name, problem)


async def _warm_up(context: Context, *, bot_state: BotState, leadership: Leadership) -> None:
    """What the first briefing after a start would compute, computed at the start instead
    (reader QA, stop 51 F7: the first /briefing after a start on a new database took 41-56 s,
    most of it the categories' vectors): on every instance, as each answers readers. A
    briefing asked for meanwhile waits for what is under way, not twice."""
    matcher = bot_state.services.matcher
    if matcher.embedder is None:
        return

    async def work() -> None:
        started = monotonic_time.monotonic()
        recent = await bot_state.services.store.stories_seen_since(
            bot_state.clock() - updates.FIRST_WINDOW - updates.OVERLAP)
        await matcher.warm_up(recent)
        # Said, so an operator sees what the start spent its first seconds on (review).
        log.info("topic vectors ready: the categories' and %d recent stories' in %.1f s",
                 len(recent), monotonic_time.monotonic() - started)

    await _unless_stopping(work(), leadership.stopping)


async def _briefing_round(bot_state: BotState, deliverer: Deliverer,
                          leadership: Leadership) -> None:
    """A scheduler tick's briefings: queue what is due, and send it."""
    settings = bot_state.settings
    now = bot_state.clock()
    # With an LLM, what the cycle queues is sent while it writes the rest: the round's
    # first reader does not wait for its last one's summaries (reader QA, stop 60: with a
    # slow model, the first of three chats waited for the third's). Offline, a round of
    # 100,000 chats is queued in minutes, and sending beside it cost 10 MB more at the peak
    # (bench/memory.py, stop 61): sent after it, as before. A lease lost mid-drain stops
    # sending before the next holder may start.
    summarizer = bot_state.services.summarizer
    sending = DrainMeanwhile(deliverer, keep_going=lambda: leadership.active)
    try:
        cycle = await _unless_stopping(run_briefing_cycle(
            bot_state.services.store, summarizer, now=now,
            max_words=settings.summary_words, matcher=bot_state.services.matcher,
            max_items=settings.briefing_items,
            allowed=(functools.partial(may_be_briefed, settings) if settings.allowed_ids
                     else None), queued=None if summarizer.offline else sending.wake),
            leadership.stopping)
    finally:
        early = await sending.finish()
    if cycle is None:
        # Nothing of the batch in progress was queued: its chats are still due, and get
        # their briefings from whichever instance runs next (operator QA: a stop waited
        # minutes for a slow local LLM, past systemd's 60 s, which then killed it).
        log.warning("stopping: the briefing cycle in progress was left; the chats it had "
                    "not queued yet get their briefings after the restart")
        return
    try:
        if early.refused is not None:
            raise early.refused
        drained = await deliverer.drain(keep_going=lambda: leadership.active)
    except InvalidToken as exc:
        token_refused(bot_state, exc)  # what was not sent stays queued
        return
    await _log_cycle(bot_state, cycle, early.report + drained, now)


# A tick the scheduler starts late (the event loop was busy writing a briefing, or the
# machine was) still runs, once however many were due: each tick asks the store what is due,
# so a late one loses nothing and two in a row would do the second's work twice. APScheduler's
# default skipped a tick over a second late with a WARNING, the only ones an operator saw
# (reader QA, stop 75 S16: "deliver … was missed by 0:00:01.8" while briefings were written).
LATE_TICKS: dict[str, object] = {"misfire_grace_time": None, "coalesce": True}


def schedule_jobs(app: Application, bot_state: BotState,  # type: ignore[type-arg]
                  leadership: Leadership) -> None:
    """The scheduler's ticks (refresh, deliver, retention); each asks the store what is due.

    They run only while this instance holds the scheduler lease (see leadership.py), so that
    several instances on one database never fetch or send the same thing twice.
    """
    queue = app.job_queue
    assert queue is not None  # noqa: S101 - the job-queue extra is a dependency
    settings = bot_state.settings
    deliverer = Deliverer(store=bot_state.services.store, bot=app.bot, clock=bot_state.clock)

    async def lease(context: Context) -> None:
        await leadership.renew()

    # The story index stays in memory between refreshes; each reads only what is new.
    # The model that matches topics by meaning also finds reports of one event in other
    # languages (off with BRIEFING_TOPIC_MEANING=false).
    stories = StoryKeeper(bot_state.services.store, settings,
                          embedder=bot_state.services.matcher.embedder)

    pace = RefreshPace(timedelta(minutes=settings.refresh_minutes))
    # Each refresh's start and end, for `status` and for the tick skipped while it runs.
    runs = RunRecord(bot_state.services.store, REFRESH_RUN, holder=leadership.holder,
                     clock=bot_state.clock)

    async def refresh(context: Context) -> None:
        if not leadership.active:
            return
        store = bot_state.services.store
        now = bot_state.clock()
        due = pace.pick(await store.due_sources(now), now)
        if not due:
            return
        async with runs.running():
            report = await _unless_stopping(gather.refresh(
                store, bot_state.feeds_http, settings, due, clock=bot_state.clock,
                keeper=stories), leadership.stopping)
            if report is None:
                # Each source's articles are filed in one transaction: what was filed stays,
                # the rest is fetched again after the restart (operator QA: a stop during a
                # refresh of slow feeds took three minutes, past systemd's 60 s).
                log.warning("stopping: the refresh in progress was left; its sources not "
                            "yet filed are fetched again after the restart")
                return
            # Items a feed still lists from the last read are "already stored", as `fetch`
            # says, not "duplicates" (operator QA, stop 78 Q5: 18, 19, 20 "duplicates skipped"
            # a minute read as feeds sending the same article twice).
            log.info("refresh: %s, %s already stored, %s",
                     _counted_as(report.new_articles, "new article"),
                     _counted_as(report.duplicates, "item"),
                     _counted_as(len(report.errors), "error"))
            say_sources(report)
            if report.new_articles and bot_state.services.matcher.embedder is not None:
                # New stories are embedded now, between briefings, once each: the briefing
                # tick then finds their vectors cached (see categories.TopicMatcher).
                recent = await store.stories_since(now - timedelta(hours=24))
                await _unless_stopping(bot_state.services.matcher.prepare(recent, ()),
                                       leadership.stopping)

    async def deliver(context: Context) -> None:
        if leadership.active:
            await _briefing_round(bot_state, deliverer, leadership)

    async def retention(context: Context) -> None:
        if not leadership.active:
            return
        before = bot_state.clock() - timedelta(days=settings.retention_days)
        removed = await bot_state.services.store.prune(before)
        log.info("retention: removed %s", describe_removed(removed))

    queue.run_once(functools.partial(_warm_up, bot_state=bot_state, leadership=leadership),
                   when=0, name="warm-up", job_kwargs=LATE_TICKS)
    queue.run_repeating(lease, interval=leadership.renew_interval,
                        first=leadership.renew_interval, name="lease", job_kwargs=LATE_TICKS)
    ticking = queue.run_repeating(refresh, interval=min(settings.refresh_minutes * 60,
                                                        _NEW_SOURCE_TICK.total_seconds()),
                                  first=5, name="refresh", job_kwargs=LATE_TICKS)
    # A tick while the last refresh runs is skipped (one refresh at a time); said as our own
    # line, with since when (APScheduler's warning is dropped: cli `_SkippedTicks`).
    queue.scheduler.add_listener(
        lambda event: runs.skipped() if event.job_id == ticking.job.id else None,
        EVENT_JOB_MAX_INSTANCES)
    queue.run_repeating(retention, interval=6 * 3600, first=60, name="retention",
                        job_kwargs=LATE_TICKS)
    queue.run_repeating(deliver, interval=settings.tick_seconds, first=1, name="deliver",
                        job_kwargs=LATE_TICKS)


class PollingProblems:
    """What fetching updates went wrong with, for PTB's polling (`error_callback`): one line a
    kind of problem every few minutes, not a traceback each retry (found by operator QA: a
    30-second Telegram outage wrote 740 lines; a second process polling with the same token,
    a 30-line traceback every 2 seconds, forever, that did not say what was wrong)."""

    EVERY = 300.0  # seconds between two lines of one kind

    def __init__(self, clock: Callable[[], float] = monotonic_time.monotonic) -> None:
        self._clock = clock
        self._last: dict[str, float] = {}
        self._skipped: dict[str, int] = {}
        self._since: float | None = None  # the first problem since updates last came

    def heard(self) -> None:
        """An update came: polling works. Said once after problems were logged (operator QA:
        the log told of an outage and never of its end)."""
        if self._since is None:
            return
        lasted = self._clock() - self._since
        self._since = None
        self._last.clear()
        self._skipped.clear()
        log.warning("updates from Telegram come again (problems began %.0f s earlier)", lasted)

    def __call__(self, error: TelegramError) -> None:
        if isinstance(error, Conflict):
            kind, text = "conflict", (
                f"Telegram refused to send updates ({error.message}): another process polls "
                "with this bot token (each takes the other's updates), or a webhook is set; "
                "stop it, or run every instance on one database (only the lease holder polls)")
        else:
            kind, text = type(error).__name__, (
                f"cannot fetch updates from Telegram ({error.message}); retrying")
        now = self._clock()
        if self._since is None:
            self._since = now
        if kind in self._last and now - self._last[kind] < self.EVERY:
            self._skipped[kind] = self._skipped.get(kind, 0) + 1
            return
        self._last[kind] = now
        skipped = self._skipped.pop(kind, 0)
        log.warning("%s%s", text, f" ({skipped} more since the last line)" if skipped else "")


async def _unless_stopping(work: Coroutine[Any, Any, _T], stopping: asyncio.Event) -> _T | None:
    """The work's result, or None when `stopping` is set first (the work is then cancelled)."""
    task = asyncio.ensure_future(work)
    waiter = asyncio.ensure_future(stopping.wait())
    try:
        await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:
        task.cancel()  # the caller itself was cancelled: the work goes with it (review)
        raise
    finally:
        waiter.cancel()
    if task.done():
        return task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return None


# -- running -----------------------------------------------------------------------------------

START_ATTEMPTS = 6  # about half a minute of back-off (1 + 2 + 4 + 8 + 16 s) for a network blip
START_FIRST_WAIT = 1.0


def webhook_secret(token: str) -> str:
    """The secret Telegram must send with webhook updates, when the operator set none.

    Derived from the token (which only the operator and Telegram know), so every replica
    expects the same secret without one more thing to configure.
    """
    return hmac.new(token.encode(), b"briefing-bot webhook secret", hashlib.sha256).hexdigest()


async def _connect(app: Application) -> None:  # type: ignore[type-arg]
    """Reach Telegram once (getMe): a rejected token or an unreachable API is one clear line.

    A network failure is retried with back-off, since a server often starts before its network
    is up; a token Telegram rejects is a configuration error at once.
    """
    wait, attempts = START_FIRST_WAIT, START_ATTEMPTS
    for attempt in range(1, attempts + 1):
        try:
            await app.initialize()
        except InvalidToken as exc:
            if revoked(exc):
                raise TokenRevoked("TELEGRAM_BOT_TOKEN: Telegram rejected the token; copy it "
                                   "again from @BotFather (/token)") from None
            raise ConfigError(f"Telegram answered {_answered(exc)} for this bot: check "
                              "BRIEFING_TELEGRAM_BASE_URL, then TELEGRAM_BOT_TOKEN") from None
        except NotTheBotAPI as exc:
            raise ConfigError(
                f"{app.bot.base_url.split('/bot')[0]} does not answer as the Telegram Bot API "
                f"does ({_said(exc)}); check BRIEFING_TELEGRAM_BASE_URL") from None
        except (NetworkError, TimedOut) as exc:
            if _not_the_bot_api(exc):
                raise ConfigError(
                    f"{app.bot.base_url.split('/bot')[0]} does not answer as the Telegram Bot "
                    f"API does ({_said(exc)}); check BRIEFING_TELEGRAM_BASE_URL") from None
            if attempt == attempts:
                raise TelegramUnreachable(
                    f"could not reach Telegram at {app.bot.base_url.split('/bot')[0]} after "
                    f"{attempts} attempts ({_said(exc)}); check the network or "
                    "BRIEFING_TELEGRAM_BASE_URL") from None
            log.warning("Telegram is not reachable yet (%s); trying again in %g s",
                        _said(exc), wait)
            await asyncio.sleep(wait)
            wait *= 2
        except RetryAfter as exc:
            # A restart loop hit getMe's flood control: wait as Telegram asks (review).
            if attempt == attempts:
                raise TelegramUnreachable(
                    f"Telegram asked to wait {exc.retry_after} s before connecting again; "
                    "try again then") from None
            await asyncio.sleep(_seconds(exc.retry_after))
        except TelegramError as exc:
            # Something answered, but not as the Bot API does (a web server or a proxy's
            # login page): found by operator QA as a 91-line traceback.
            raise TelegramUnreachable(
                f"{app.bot.base_url.split('/bot')[0]} does not answer as the Telegram Bot API "
                f"does ({_said(exc)}); check BRIEFING_TELEGRAM_BASE_URL") from None
        else:
            return


async def _check_bot(app: Application, services: Services,  # type: ignore[type-arg]
                     now: datetime, *, rebind: bool) -> None:
    """This token's bot is the one the database serves (the first `run` binds it). Another bot
    started on it (a staging bot's token with production's database) would be answered
    "Forbidden" for every reader, take them all for chats that left and deactivate them
    (operator QA): it stops here instead, before any job runs."""
    bot_id, username = app.bot.id, app.bot.username or str(app.bot.id)
    bound_id, bound_name = await services.store.bind_bot(bot_id, username, now=now,
                                                         rebind=rebind)
    if bound_id != bot_id:
        raise ConfigError(
            f"this database serves @{bound_name} (bot {bound_id}), and TELEGRAM_BOT_TOKEN is "
            f"@{username}'s: give this bot its own database (BRIEFING_DATABASE_URL), or, if "
            f"@{username} replaces @{bound_name} for good, run `briefing-bot run --new-bot` "
            "once (readers must then /start the new bot)")
    if rebind:
        log.warning("this database now serves @%s (bot %s)", username, bot_id)


def _seconds(retry_after: float | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after


def _webhook_problem(settings: Settings, exc: TelegramError | OSError) -> str:
    if isinstance(exc, (NetworkError, RetryAfter)):
        return (f"BRIEFING_WEBHOOK_URL: could not set the webhook at Telegram ({_said(exc)}); "
                "try again")
    if isinstance(exc, TelegramError):
        return (f"BRIEFING_WEBHOOK_URL: Telegram refused {settings.webhook_url} ({_said(exc)}); "
                "it sends updates to public https URLs only")
    return (f"BRIEFING_WEBHOOK_PORT: cannot listen on {settings.webhook_listen}:"
            f"{settings.webhook_port} ({exc.strerror or exc})")


@dataclasses.dataclass(frozen=True)
class TelegramCheck:
    """What `status` learns from Telegram itself: whether the Bot API answers to the token,
    and in webhook mode whether Telegram could deliver updates to the bot (operator QA: a
    bot that could not reach Telegram, or whose webhook refused every update, was "healthy")."""

    bot_name: str | None  # "@briefing_bot" when the Bot API answered
    problem: str | None
    note: str | None = None  # said, not a problem: updates waiting, the last delivery error
    # How Telegram answered when it named no bot ("not reached" sent an operator whose
    # token was refused to look at the network: operator QA, stop 59 F3).
    answer: str = "not reached"


# A webhook delivery error newer than this makes `status` unhealthy (older: said only).
WEBHOOK_ERROR_RECENT = timedelta(minutes=30)


async def check_telegram(settings: Settings, *, now: datetime,
                         request: BaseRequest | None = None) -> TelegramCheck:
    """Ask the Bot API who the bot is and, in webhook mode, where and how its updates go. Only
    reads (getMe, getWebhookInfo): a running bot's polling is not disturbed."""
    base = settings.telegram_base_url.rstrip("/")
    bot = Bot(settings.telegram_token, base_url=f"{base}/bot",
              request=request or BotAPIRequest(connect_timeout=5, read_timeout=10))
    try:
        async with bot:
            me = await bot.get_me()
            info = await bot.get_webhook_info() if settings.webhook_url else None
    except InvalidToken as exc:
        if revoked(exc):
            return TelegramCheck(None, "Telegram refuses TELEGRAM_BOT_TOKEN (revoked, or "
                                       "mistyped?)", answer="reached; it refuses the token")
        return TelegramCheck(None, f"{base} answered {_answered(exc)}: check "
                                   "BRIEFING_TELEGRAM_BASE_URL (then TELEGRAM_BOT_TOKEN)")
    except RetryAfter:
        return TelegramCheck(None, None, "Telegram asks to wait (flood control): not checked",
                             answer="reached")
    except TelegramError as exc:
        return TelegramCheck(None, f"cannot reach the Telegram Bot API at {base} "
                                   f"({_said(exc)}); the bot can neither hear nor send")
    name = f"@{me.username}"
    return TelegramCheck(name, None) if info is None else _webhook_check(
        name, info, settings, now)


def _webhook_check(name: str, info: WebhookInfo, settings: Settings,
                   now: datetime) -> TelegramCheck:
    waiting = f"{info.pending_update_count} update(s) waiting at Telegram"
    if info.url != settings.webhook_url:
        return TelegramCheck(name, f"Telegram sends updates to {info.url or 'no webhook'}, not "
                                   f"BRIEFING_WEBHOOK_URL ({settings.webhook_url}): is the bot "
                                   f"running? {waiting}")
    failed = info.last_error_date
    if failed is not None:
        said = (f"Telegram's last delivery to the webhook failed {_ago_spoken(now - failed)} "
                f"ago: {info.last_error_message}; {waiting}")
        if now - failed < WEBHOOK_ERROR_RECENT:
            return TelegramCheck(name, said + " (a wrong BRIEFING_WEBHOOK_SECRET is refused "
                                              "with 403; is the proxy forwarding?)")
        return TelegramCheck(name, None, said)
    return TelegramCheck(name, None, waiting if info.pending_update_count else None)


def _ago_spoken(age: timedelta) -> str:
    minutes = max(0, int(age.total_seconds() // 60))
    return f"{minutes} min" if minutes < 120 else f"{minutes // 60} h"


REVOKED = ("Telegram refuses TELEGRAM_BOT_TOKEN now (revoked or replaced in @BotFather?): the "
           "bot stops; what was not sent stays queued. Set the bot's current token and start "
           "it again")


def revoked(exc: InvalidToken) -> bool:
    """A 401 Unauthorized: the token itself is refused. PTB raises InvalidToken for a 404 too,
    which a proxy or a mistyped BRIEFING_TELEGRAM_BASE_URL path also gives (review); and a
    proxy's own login page (HTML) is no Bot API answer either (review)."""
    said = _answered(exc)
    return "unauthorized" in said.lower() and "an HTML page" not in said and (
        "not the Bot API's" not in said)


def _answered(exc: InvalidToken) -> str:
    """What the server answered. PTB's `Bot.initialize` wraps its getMe's error in one whose
    message holds the bot token: the answer is its cause's (review: the token was printed)."""
    cause = exc.__cause__
    return _answered(cause) if isinstance(cause, InvalidToken) else _said(exc)


# PTB's message for an answer that is not JSON quotes the whole body as a bytes literal.
_UNPARSED = re.compile(r"\. Parsing the server response (b(['\"]).*\2) failed$", re.DOTALL)
_PAGE_TITLE = re.compile(rb"<title[^>]*>\s*([^<]{1,80}?)\s*</title>", re.IGNORECASE)
_HTTP_CODE = re.compile(r"\((\d{3})\)")
# Codes that pass by themselves (a server or proxy failing or busy for a while, a CDN's
# 520-524): tried again. A 501 or 505, or another 4xx, says the address is wrong (review).
_NOT_PASSING_5XX = frozenset({501, 505})
_PASSING_4XX = frozenset({408, 425, 429})


def _said(exc: TelegramError) -> str:
    """What a Telegram error says, without the page a server that is not the Bot API sent
    (operator QA: every start-up line held a 560-character HTML page): "Not Implemented (501),
    an HTML page titled 'Error response'"."""
    message = exc.message
    match = _UNPARSED.search(message)
    if match is None:
        return message
    try:
        body = ast.literal_eval(match.group(1))
    except (ValueError, SyntaxError):
        body = b""
    title = _PAGE_TITLE.search(body) if isinstance(body, bytes) else None
    what = (f"an HTML page titled {title.group(1).decode(errors='replace')!r}" if title
            else "an answer that is not the Bot API's")
    return f"{message[:match.start()]}, {what}"


def _not_the_bot_api(exc: TelegramError) -> bool:
    """An answer that is no Bot API answer, with a code that will not pass by itself (a
    wrong path or a web server; a failing or busy server's 5xx or 429 may)."""
    if _UNPARSED.search(exc.message) is None:
        return False
    found = _HTTP_CODE.search(exc.message)
    if found is None:
        return True
    code = int(found.group(1))
    return not (code in _PASSING_4XX or (code >= 500 and code not in _NOT_PASSING_5XX))


def token_refused(st: BotState, exc: InvalidToken) -> None:
    """Telegram refused the token while the bot ran (polling, a reply, a delivery): the bot
    stops, said in one line (operator QA: polling ended with a traceback while the process
    stayed up, renewing its lease, so neither systemd nor a standby took over; every
    delivery tick wrote a traceback per chat). Not for a 404: said, and tried again."""
    if not revoked(exc):
        log.warning("Telegram answered %s (a proxy, or BRIEFING_TELEGRAM_BASE_URL?); tried "
                    "again later", _answered(exc))
        return
    _stop(st, TokenRevoked(REVOKED))


def _stop(st: BotState, why: BriefingError) -> None:
    if st.fatal is None:
        st.fatal = why
        log.error("%s", why)
    st.stopping.set()


def _watch_polling(st: BotState) -> None:
    """When PTB's polling task (PTB names it) ends on InvalidToken, which PTB does not retry:
    the bot stops, for good if Telegram refuses the token (exit 78), else to be started again
    by its service (exit 1; PTB cannot restart polling in the same process after this)."""
    def ended(done: asyncio.Task[Any]) -> None:
        error = None if done.cancelled() else done.exception()
        if not isinstance(error, InvalidToken):
            return
        if revoked(error):
            token_refused(st, error)
        else:
            _stop(st, TelegramUnreachable(
                f"Telegram answered {_answered(error)} to polling (a proxy, or "
                "BRIEFING_TELEGRAM_BASE_URL?), which stops it: the bot exits, to be started "
                "again"))

    # The name is PTB's (22.x), not its documented API: tests/test_e2e_bot.py fails if it goes.
    for task in asyncio.all_tasks():
        if task.get_name() == "Updater:start_polling:polling_task":
            task.add_done_callback(ended)


class TelegramUnreachable(UserFacingError):
    """The Bot API could not be reached at start, after retries."""


async def serve(settings: Settings, *, clock: Callable[[], datetime],
                say: Callable[[str], None], request: BaseRequest | None = None,
                stop: asyncio.Event | None = None, new_bot: bool = False) -> None:
    """Run the bot and its scheduler until SIGINT, SIGTERM or SIGHUP (or `stop` is set).
    `new_bot`: the token's bot replaces the one the database served (`_check_bot`)."""
    stop = stop or asyncio.Event()
    # Loaded before any job runs, its transient full weights handed back to the system.
    await asyncio.to_thread(load_language_model)
    give_back_memory()
    # Two clients: users' links go through Guard.fetch (its own checks and allowed networks);
    # the operator's sources through a guarded transport with theirs.
    async with open_services(settings, clock=clock) as services, user_client(settings) as http, \
            source_client(settings) as feeds_http:
        bot_state = BotState(services=services, settings=settings, http=http,
                             feeds_http=feeds_http,
                             guard=Guard(allowed_networks=settings.fetch_allow_networks),
                             clock=clock, stopping=stop)
        app = build_application(settings, bot_state, request=request)
        leadership = Leadership(services.store, lease_seconds=settings.lease_seconds,
                                clock=clock)
        # A newer version migrated the database under this one: it stops, as a start would
        # (exit 2), rather than answer readers and write rows of an older schema (review).
        leadership.on_schema_ahead = lambda why: _stop(bot_state, StoreError(why))
        schedule_jobs(app, bot_state, leadership)
        loop = asyncio.get_running_loop()
        # A closed terminal (SIGHUP) stops it as cleanly as SIGTERM: it finished no message in
        # flight and left its lease to expire (operator QA). Not under `nohup`, which has it
        # ignore SIGHUP so that it outlives the session (review). No reload is offered.
        hangup = () if signal.getsignal(signal.SIGHUP) is signal.SIG_IGN else (signal.SIGHUP,)
        for sig in (signal.SIGINT, signal.SIGTERM, *hangup):
            loop.add_signal_handler(sig, stop.set)
        await _connect(app)
        try:
            await _check_bot(app, services, clock(), rebind=new_bot)
            await _run(app, settings, leadership, say, stop)
        finally:
            await app.shutdown()
        if bot_state.fatal is not None:
            raise bot_state.fatal  # exit 78 for a refused token: a setting to fix


def state_of(app: Application) -> BotState:  # type: ignore[type-arg]
    return cast(BotState, app.bot_data["state"])


async def _stop_updater(app: Application) -> None:  # type: ignore[type-arg]
    """Stop polling (or the webhook); a polling task that ended on a refused token re-raises
    it here, and the application must still stop (operator QA: "This Application is still
    running!" and exit 1 at SIGTERM)."""
    updater = app.updater
    if updater is not None and updater.running:
        with contextlib.suppress(InvalidToken):
            await updater.stop()


async def _set_commands(app: Application) -> None:  # type: ignore[type-arg]
    """The command menu, in each language the bot answers in (Telegram shows a reader the
    menu of their app's language, English to the rest)."""
    await app.bot.set_my_commands(commands(wording("en")))
    for language in languages():
        if language != "en":
            await app.bot.set_my_commands(commands(wording(language)), language_code=language)


async def _run(app: Application, settings: Settings,  # type: ignore[type-arg]
               leadership: Leadership, say: Callable[[str], None], stop: asyncio.Event) -> None:
    await _set_commands(app)
    await app.start()
    updater = app.updater
    assert updater is not None  # noqa: S101 - PTB builds one by default
    if settings.webhook_url:
        # Every replica behind the proxy answers updates; the default secret is derived from
        # the token so that all of them expect the one Telegram was given.
        secret = settings.webhook_secret or webhook_secret(settings.telegram_token)
        try:
            await updater.start_webhook(
                listen=settings.webhook_listen, port=settings.webhook_port,
                url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url, secret_token=secret,
                allowed_updates=Update.ALL_TYPES)
        except (TelegramError, OSError) as exc:
            # One line, not a traceback (found by operator QA: an http:// URL or a port in
            # use ended in 46 to 114 lines); the application is stopped before it shuts down.
            await app.stop()
            raise ConfigError(_webhook_problem(settings, exc)) from None
        mode = f"webhook on {settings.webhook_listen}:{settings.webhook_port}"
    else:
        # Telegram lets one client poll at a time: only the lease holder does.
        polling_problems = PollingProblems()

        async def heard(update: object, context: Context) -> None:
            polling_problems.heard()

        app.add_handler(TypeHandler(Update, heard), group=-1)  # before, and beside, the rest

        async def start_polling() -> None:
            if not updater.running:
                await updater.start_polling(allowed_updates=Update.ALL_TYPES,
                                            poll_interval=0.5, error_callback=polling_problems)
                _watch_polling(state_of(app))

        async def stop_polling() -> None:
            await _stop_updater(app)

        leadership.on_gain = start_polling
        leadership.on_loss = stop_polling
        mode = "polling"
    if not await leadership.renew():
        # Also what a restart after a crash sees: the dead run's lease (found by operator QA,
        # which read "another instance" and "(polling)" with no instance and no polling).
        say("Another instance holds the scheduler lease, or a run that stopped without "
            f"giving it up (whose lease runs out within {settings.lease_seconds:g} s); this "
            "one stands by and takes over when the lease is free.")
        if not settings.webhook_url:
            mode = "standing by; it polls once it holds the lease"
    say(f"briefing-bot is running as @{app.bot.username} ({mode}); Ctrl-C stops it.")
    if not await state_of(app).services.store.list_sources():
        # Operator QA: a run with no sources said nothing, and readers got empty briefings.
        say("No sources yet: nothing will be gathered and briefings stay empty. Add feeds "
            "with `briefing-bot sources add URL` (or /addsource in the chat, as an operator); "
            "a running bot picks them up at its next refresh.")
    await stop.wait()
    # Stop sending first (a drain in progress ends after the messages in flight), then let the
    # jobs finish, and only then hand the lease to a standby.
    leadership.step_down()
    await _stop_updater(app)
    await app.stop()
    await leadership.release()
