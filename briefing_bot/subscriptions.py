"""The subscribing use case: start, change and stop a chat's subscription, with its topics.

Only `subscribe` creates a subscription (the bot's /start); every other change applies to a chat
that is subscribed and says so when it is not, so a chat that sent /stop is never subscribed
again by a later /time or /language. Front ends (bot.py, and any other) parse, call and reply.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime, timedelta

from briefing_bot.categories import categories_named
from briefing_bot.config import Settings
from briefing_bot.errors import BriefingError, UserFacingError
from briefing_bot.models import Subscriber
from briefing_bot.places import country_aliases, normalize, unaccented
from briefing_bot.schedule import next_briefing
from briefing_bot.store import Store
from briefing_bot.topics import (
    MAX_TOPICS,
    ListHint,
    category_within,
    links_in,
    list_hint,
    named_within,
    parse_topics,
    too_common,
)

# A time set to the minute we are in is due now (`Subscriptions._write`).
THIS_MINUTE = timedelta(minutes=1)


class NotSubscribed(BriefingError):
    """The chat has no subscription: only /start makes one."""

    user_message = "This chat is not subscribed. /start subscribes it."
    key = "err_not_subscribed"


class GroupNotSubscribed(NotSubscribed):
    """...said in a group, where a member who is no administrator cannot /start it (QA stop 78
    Q3: pointed at the command they had just been refused)."""

    user_message = "This group is not subscribed. One of its administrators can /start it."
    key = "err_not_subscribed_group"


class TopicsError(UserFacingError):
    """A topic list could not be taken; the message says why, for the reader."""


class PartlyAdded(TopicsError):
    """Some of the topics added cancel out an exclusion (the message says which); the others
    were added all the same: `subscriber` has them (reader QA, stop 59 F10: "/topics add
    Fußball, fútbol, elecciones" under -sport added nothing, and did not say so)."""

    kept: tuple[str, ...]  # the list with the others added
    subscriber: Subscriber


@dataclasses.dataclass(frozen=True, slots=True)
class Subscriptions:
    """Subscriptions in the store; `settings` gives new chats their defaults."""

    store: Store
    settings: Settings

    async def get(self, chat_id: int) -> Subscriber:
        found = await self.store.get_subscriber(chat_id)
        if found is None:
            raise NotSubscribed(chat_id)
        return found

    async def subscribe(self, chat_id: int, *, chat_type: str, now: datetime,
                        language: str | None = None) -> Subscriber:
        """/start: a new chat gets the defaults; a paused or stopped one becomes active again."""
        existing = await self.store.get_subscriber(chat_id)
        changes: dict[str, object] = {"active": True}
        if existing is None:
            changes.update(brief_time=self.settings.default_time,
                           language=language or self.settings.language)
        return await self._write(chat_id, chat_type, existing, now, changes)

    async def change(self, chat_id: int, *, now: datetime, **changes: object) -> Subscriber:
        """Change a subscribed chat's preferences (time, zone, language, topics, pause)."""
        existing = await self.get(chat_id)
        return await self._write(chat_id, existing.chat_type, existing, now, changes)

    async def unsubscribe(self, chat_id: int) -> bool:
        """/stop: forget the chat and what was queued for it; says whether it was subscribed."""
        return await self.store.delete_subscriber(chat_id)

    async def set_topics(self, chat_id: int, action: str, text: str, *,
                         now: datetime) -> Subscriber:
        """`add`, `remove` or `clear` topics; TopicsError says what was wrong with `text`."""
        subscriber = await self.get(chat_id)
        current = topic_list(subscriber.topics)
        if action == "clear":
            merged: list[str] = []
        else:
            try:
                merged = merge_topics(current, text, action, language=subscriber.language)
            except PartlyAdded as exc:
                exc.subscriber = await self.change(chat_id, now=now,
                                                   topics=", ".join(exc.kept))
                raise
        return await self.change(chat_id, now=now, topics=", ".join(merged))

    async def _write(self, chat_id: int, chat_type: str, existing: Subscriber | None,
                     now: datetime, changes: dict[str, object]) -> Subscriber:
        # The schedule moves with the time and zone, and when a chat (re)starts; computed here
        # so the change and the new schedule are one write.
        brief_time = str(changes.get("brief_time", existing.brief_time if existing else
                                     self.settings.default_time))
        timezone = str(changes.get("timezone", existing.timezone if existing else "UTC"))
        if "timezone" in changes:  # a place named goes with its zone
            changes.setdefault("place", None)
        if existing is None or {"brief_time", "timezone", "active"} & set(changes):
            # The minute we are in counts: a reader who sets the time it is now wants a
            # briefing now, not tomorrow (reader QA, stop 60: "/time 21:52" at 21:52:02 said
            # the next was the next day's). The scheduler's next tick sends it; one so soon
            # after the last comes only with news (`jobs.QUIET_REPEAT`).
            changes["next_briefing_at"] = next_briefing(brief_time, timezone,
                                                        now - THIS_MINUTE)
        return await self.store.upsert_subscriber(chat_id, chat_type=chat_type, now=now,
                                                  **changes)


_SEPARATORS = re.compile(r"[;\n]")


def topic_list(topics: str) -> list[str]:
    """A stored topic list as the reader wrote it: exclusions with their minus sign, quoted
    phrases with their quotes (so a phrase stays a phrase when the list is stored again)."""
    parsed = parse_topics(topics)
    return [t.written for t in parsed.include] + [f"-{t.written}" for t in parsed.exclude]


def _category_key(label: str) -> tuple[bool, tuple[str, ...]] | None:
    """A topic as the category it names and whether it excludes it; None for a free topic."""
    plain = _plain(label)
    named = categories_named(plain.removeprefix("-"))
    return (plain.startswith("-"), named) if named else None


def _plain(label: str) -> str:
    """A topic compared as written, quotes and accents aside: "new york" is the phrase
    "\"new york\"" too, "canada" is "Canadá" (reader QA, stop 59: "/topics quitar canada"
    answered "No sigues canada", and adding it made a second Canada)."""
    label = label.lower().strip()
    sign = "-" if label.startswith("-") else ""
    return sign + unaccented(label.removeprefix("-").strip("\"“”„«» "))


def refuse_contradictions(labels: list[str]) -> None:
    """TopicsError when a list names a topic both followed and excluded ("sport, -sport"):
    the CLI's `--topics` is refused as the bot's /topics is (operator QA, stop 47: `brief
    --topics "sport, -sport"` said there was no sport news, exit 0), in the command line's
    words (operator QA, stop 59 T9: "add only one of them" is the chat's)."""
    _refuse_contradictions([], labels, chat=False)


def _refuse_contradictions(current: list[str], given: list[str], *, chat: bool = True) -> None:
    """A topic both followed and excluded ("sport" and "-sports", "-sport" added to "sport")
    would silently remove what it adds: said instead. Only pairs with a newly given topic
    count (a list stored before this check may hold one; it must not block every addition)."""
    labels = current + [label for label in given if label not in current]
    stored = set(current)
    for excluding in (label for label in labels if label.startswith("-")):
        excluded = _plain(excluding)[1:]
        for followed in (label for label in labels if not label.startswith("-")):
            if excluding in stored and followed in stored:
                continue
            plain = _plain(followed)
            # (a country named in two languages too: "Polen, -Poland": reader QA, stop 53 F15)
            same_category = bool(categories_named(plain)) and (
                categories_named(plain) == categories_named(excluded))
            # ...or a branch of the category excluded: "futebol, -esporte" could only ever be
            # empty (Telegram QA, stop 54 F14); "sport, -football" is a real wish.
            # ...or a league's or club's name such a branch lists ('"Premier League", -sport':
            # reader QA, stop 66 N4).
            same_category = same_category or (
                (within := category_within(plain) or named_within(followed)) is not None
                and categories_named(excluded) == (within,))
            if plain == excluded or same_category or (
                    normalize(excluded) in country_aliases(plain)):
                said = f"You would follow {followed} and exclude {excluding[1:]}: they cancel out."
                if not chat:
                    raise TopicsError(f"{said} Keep one.")
                if excluding not in stored and followed not in stored:
                    raise TopicsError(f"{said} Keep one (add only one of them).",
                                      key="err_cancel_out_new", topic=followed,
                                      excluded=excluding[1:])
                # (the command in the reader's words, as each language's answer writes it:
                # reader QA, stop 66 N11, "Behalte eins (/topics remove Fußball)")
                removed = excluding if excluding in stored else followed
                raise TopicsError(f"{said} Keep one (/topics remove {removed}).",
                                  key="err_cancel_out", topic=followed, excluded=excluding[1:],
                                  removed=removed)


def typed_as_sentence(text: str) -> ListHint | None:
    """The first topic in `text` that reads like a sentence, with the list the reader probably
    meant: `topics.list_hint`."""
    try:
        parsed = parse_topics(_SEPARATORS.sub(",", text))
    except ValueError:
        return None
    return next((hint for topic in parsed.include if (hint := list_hint(topic))), None)


def refuse_common(labels: list[str], language: str | None = None) -> None:
    """TopicsError for a topic of only words every story has ("a", "the"), in English or
    the reader's language (`topics.too_common`)."""
    for label in labels:
        written = label.removeprefix("-").strip("\"“”„«» ")
        if written and too_common(written, language):
            raise TopicsError(f"{written!r} is too common a word to look for: every story "
                              "has it. Name a subject, such as climate or \"central bank\"",
                              key="err_common_words", topic=written)


def refuse_links(text: str) -> None:
    """TopicsError for a link among topics being added: more likely meant for /summarize
    (reader QA, stop 59: a link was kept, and listed under "Nothing new on:" every day).
    Checked before the list is read, so a link with "?" is not called a pattern."""
    for link in links_in(_SEPARATORS.sub(",", text)):
        raise TopicsError(f"{link!r} is a link, not a topic: send /summarize with it for a "
                          "summary of its page; topics are words to look for, such as climate "
                          "or \"central bank\"", key="err_topic_link", topic=link)


def merge_topics(current: list[str], text: str, action: str, *,
                 language: str | None = None) -> list[str]:
    """The topic list after adding or removing the topics in `text` (the reader's words).
    Semicolons and line breaks separate topics as commas do ("Brexit; Trump" was refused as a
    pattern). `language`: the reader's, for the words too common to be a topic."""
    if action == "add":
        refuse_links(text)
    try:
        given = topic_list(_SEPARATORS.sub(",", text))
    except ValueError as exc:
        raise TopicsError(f"That did not work: {exc}", key="err_topics_refused",
                          reason=exc) from None
    if not given:
        raise TopicsError(f"Which topics? For example: /topics {action} japan",
                          key="err_which_topics", action=action)
    if action == "add":
        # (the same topic once: "Premier League" quoted or not, with its accents or without)
        known = {_plain(label) for label in current}
        merged = current + [label for label in dict.fromkeys(given) if _plain(label) not in known]
        if len(merged) > MAX_TOPICS:
            raise TopicsError(f"You can follow at most {MAX_TOPICS} topics.",
                              key="err_topics_limit", n=MAX_TOPICS)
        new = merged[len(current):]
        refuse_common(new, language)
        _refuse_contradictions([], new)  # two of them cancel each other out: neither is added
        kept = list(current)
        refusal: TopicsError | None = None
        for label in new:
            try:
                _refuse_contradictions(current, [label])
            except TopicsError as exc:
                refusal = refusal or exc
                continue
            kept.append(label)
        if refusal is None:
            return merged
        if len(kept) == len(current):
            raise refusal
        partly = PartlyAdded(str(refusal))
        partly.key, partly.values, partly.kept = refusal.key, refusal.values, tuple(kept)
        raise partly
    return _removed(current, given)


def _removed(current: list[str], given: list[str]) -> list[str]:
    removing = {_plain(label) for label in given}
    # A category by any of its names, as the cancel-out check reads them (Telegram QA, stop 54
    # F7: a Portuguese reader who tapped [Esporte] was told "Você não acompanha esportes").
    categories = {key for label in given if (key := _category_key(label)) is not None}
    kept = [label for label in current if _plain(label) not in removing
            and _category_key(label) not in categories]
    if len(kept) == len(current):  # said plainly: a typo would otherwise look like success
        if not current:
            raise TopicsError(f"You do not follow {', '.join(given)}. Your topics: none (top "
                              "stories)", key="err_not_followed_none", given=", ".join(given))
        raise TopicsError(f"You do not follow {', '.join(given)}. Your topics: "
                          f"{', '.join(current)}", key="err_not_followed",
                          given=", ".join(given), topics=", ".join(current))
    return kept
