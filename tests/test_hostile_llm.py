"""LLM faults: storms of 429 and 500, timeouts, empty, cut-off and wrong-language answers.

Through the real openai client (its own retries with back-off) against a fake server: every
due reader still gets a briefing, each summary is either the model's or the offline one
labelled as such, and nothing a failed call produced is cached as a good summary.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx2
import pytest
from telegram import Bot

from briefing_bot.briefing import _CONCURRENT_SUMMARIES
from briefing_bot.config import Settings
from briefing_bot.delivery import Deliverer
from briefing_bot.jobs import run_briefing_cycle
from briefing_bot.models import Entry, InputKind, SourceKind
from briefing_bot.services import Services, open_services
from briefing_bot.store import NewArticle, Store
from tests.fakes import (
    BOT_TOKEN,
    DEFAULT_ANSWER,
    Clock,
    FakeLLM,
    TelegramPeer,
    telegram_html_errors,
)

STORIES = [
    ("Ferry terminal opens in Port Alder", "harbour"),
    ("Tram line extended to the airport", "tram"),
    ("Central bank raises interest rate", "rates"),
    ("Earthquake shakes the coast of Veloria", "quake"),
    ("Cup final ends in a draw", "cup"),
    ("New library opens in the old town", "library"),
]
GERMAN = ("Die Stadt hat am Montag die neue Brücke über den Fluss eröffnet, und der Verkehr "
          "wird nun schneller. Die Arbeiten haben zwei Jahre gedauert und sind auch teurer "
          "geworden als geplant.")


def article(title: str, word: str) -> str:
    return (f"The {word} news came on Monday. {title} after months of work, officials said. "
            f"Residents welcomed the {word} decision and the council will report in May. ") * 3


@pytest.fixture
def retrying(llm_settings: Settings) -> Settings:
    return dataclasses.replace(llm_settings, llm_max_retries=2, llm_timeout=5)


@pytest.fixture
async def stormy(retrying: Settings, fake_llm: FakeLLM, clock: Clock
                 ) -> AsyncIterator[Services]:
    async with httpx2.AsyncClient(transport=httpx2.MockTransport(fake_llm)) as client, \
            open_services(retrying, clock=clock, llm_http=client) as opened:
        await seed(opened.store, clock)
        yield opened


async def seed(store: Store, clock: Clock, readers: int = 12) -> None:
    source, _ = await store.add_source("https://n.example/feed", SourceKind.FEED, now=clock(),
                                       title="N")
    for n, (title, word) in enumerate(STORIES):
        await store.add_articles(source.id, [NewArticle(Entry(
            guid=f"s{n}", url=f"https://n.example/{n}", title=title, text=article(title, word),
            kind=InputKind.FULL, published_at=clock()), None, None, -1)], now=clock())
    for chat in range(1, readers + 1):
        topics = ["", "harbour, tram", "rates", "quake, cup, library"][chat % 4]
        await store.upsert_subscriber(chat, chat_type="private", now=clock(), topics=topics,
                                      next_briefing_at=clock() - timedelta(minutes=1),
                                      brief_time="07:30", timezone="UTC")


async def deliver(store: Store, clock: Clock) -> dict[int, list[str]]:
    peer = TelegramPeer()
    async with Bot(BOT_TOKEN, request=peer, get_updates_request=peer) as bot:
        await Deliverer(store=store, bot=bot, clock=clock, private_interval=0,
                        group_interval=0).drain()
    received: dict[int, list[str]] = {}
    for params in peer.sent():
        received.setdefault(int(str(params["chat_id"])), []).append(str(params["text"]))
    return received


@pytest.mark.parametrize("storm", [429, 500, 503, httpx2.ReadTimeout, httpx2.ConnectError])
async def test_a_storm_costs_one_round_of_retries_and_every_reader_gets_a_briefing(
    stormy: Services, fake_llm: FakeLLM, clock: Clock, storm: object
) -> None:
    fake_llm.replies.extend([storm] * 200)
    report = await run_briefing_cycle(stormy.store, stormy.summarizer, now=clock(),
                                      max_words=60)
    assert report.queued == 12
    # One request and the client's two retries for each summary already under way when the
    # storm began (at most four run at once), then the rest of the cycle is made offline.
    assert 3 <= fake_llm.calls <= 3 * _CONCURRENT_SUMMARIES
    assert fake_llm.calls % 3 == 0
    received = await deliver(stormy.store, clock)
    assert sorted(received) == list(range(1, 13))
    for messages in received.values():
        joined = "\n".join(messages)
        assert telegram_html_errors(joined) == []
        assert "Your briefing" in joined and "(summarized offline)" in joined
    # Nothing from the storm was cached: after the pause, the recovered LLM is asked again.
    fake_llm.replies.clear()
    clock.advance(minutes=3)
    story = (await stormy.store.stories_since(clock() - timedelta(days=1)))[0]
    again = await stormy.summarizer.summarize_story(story, language="en", max_words=60)
    assert again.engine == "llm" and again.fallback is None


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("", "empty answer"),
        ("   \n  ", "empty answer"),
        ({"content": "The ferry terminal opened on", "finish_reason": "length"}, "cut off"),
        ({"content": "**Summary:** <b></b> [](x)", "finish_reason": "stop"}, "empty answer"),
        (GERMAN, "answered in German, not in English"),
        ("Le conseil a approuvé le plan de la ville pour le port et les travaux vont commencer "
         "en mai avec une équipe de la région.", "answered in French"),
        (httpx2.ReadTimeout, "timed out"),
        (500, "failed (500)"),
        (429, "rate limiting"),
        # A model that did not stop, cut at the token limit (reader QA: 400 words of invented
        # German for a one-line teaser passed as its first 60).
        ({"content": " ".join(f"The ferry terminal opened on day {n} after work." for n in
                              range(60)), "finish_reason": "length"}, "ran on"),
    ],
)
async def test_bad_answers_fall_back_labelled_and_are_never_cached(
    stormy: Services, fake_llm: FakeLLM, clock: Clock, reply: object, reason: str
) -> None:
    story = (await stormy.store.stories_since(clock() - timedelta(days=1)))[0]
    fake_llm.replies.extend([reply] * 3)  # the first request and both retries, where retried;
    # an answer refused by the answer check is asked for once more (with a correction)
    summary = await stormy.summarizer.summarize_story(story, language="en", max_words=60)
    assert summary.engine == "extractive"
    assert reason in (summary.fallback or "")
    assert summary.text and summary.language == "en"  # the offline summary, in English
    fake_llm.replies.clear()
    clock.advance(minutes=3)
    fake_llm.replies.append("The ferry terminal opened on Monday after months of work.")
    again = await stormy.summarizer.summarize_story(story, language="en", max_words=60)
    assert again.engine == "llm"
    assert again.text == "The ferry terminal opened on Monday after months of work."


async def test_a_german_answer_is_right_for_a_german_reader(
    stormy: Services, fake_llm: FakeLLM, clock: Clock
) -> None:
    (story,) = [story for story in await stormy.store.stories_since(clock() - timedelta(days=1))
                if story.title == "Ferry terminal opens in Port Alder"]
    # (what the story says: an answer about something else is refused for that)
    fake_llm.replies.append("Das Fährterminal in Port Alder wurde am Montag nach monatelanger "
                            "Arbeit eröffnet, teilten die Behörden mit. Die Anwohner begrüßten "
                            "die Entscheidung, und der Rat wird im Mai berichten.")
    summary = await stormy.summarizer.summarize_story(story, language="de", max_words=60)
    assert (summary.engine, summary.fallback) == ("llm", None)


@pytest.mark.slow
async def test_a_random_mix_of_faults_never_costs_a_reader_their_briefing(
    retrying: Settings, fake_llm: FakeLLM, clock: Clock
) -> None:
    """Five cycles, a day apart, against an LLM that fails at random in every way it can."""
    faults: list[object] = [429, 500, 502, httpx2.ReadTimeout, httpx2.ConnectError, "",
                            {"content": "Cut off mid", "finish_reason": "length"}, GERMAN]
    chooser = random.Random(6)
    fake_llm.replies.extend(
        chooser.choice([*faults, *([None] * 4)])  # None: a good answer (`DEFAULT_ANSWER`)
        for _ in range(2000))
    settings = dataclasses.replace(retrying, llm_max_retries=1)
    answered = 0
    async with httpx2.AsyncClient(transport=httpx2.MockTransport(fake_llm)) as client, \
            open_services(settings, clock=clock, llm_http=client) as services:
        await seed(services.store, clock, readers=40)
        for _day in range(5):
            report = await run_briefing_cycle(services.store, services.summarizer,
                                              now=clock(), max_words=60)
            assert report.queued == 40
            received = await deliver(services.store, clock)
            assert sorted(received) == list(range(1, 41))  # every reader, once
            for messages in received.values():
                assert all(telegram_html_errors(m) == [] for m in messages)
            answered += sum(DEFAULT_ANSWER in "".join(m) for m in received.values())
            for chat in range(1, 41):  # the next briefing is due tomorrow at 07:30
                await services.store.upsert_subscriber(
                    chat, chat_type="private", now=clock(),
                    next_briefing_at=clock() + timedelta(days=1))
            clock.advance(days=1)
            await _refresh(services.store, clock)
    assert answered > 0  # the model's answers were used whenever it gave good ones


class SlowLLM(FakeLLM):
    """A model that answers only once `answering` is set: a small local model on a busy CPU
    (reader QA, stop 45: a /briefing with one took 30 minutes, the reader told "a moment")."""

    def __init__(self, delay: float = 0.0) -> None:
        super().__init__()
        self.answering = asyncio.Event()
        self.asked = 0  # requests that reached the server, answered or not
        self.delay = delay  # seconds each answer takes once answering

    async def __call__(self, request: httpx2.Request) -> httpx2.Response:  # type: ignore[override]
        self.asked += 1
        await self.answering.wait()
        await asyncio.sleep(self.delay)
        return super().__call__(request)


async def test_a_slow_llm_keeps_readers_waiting_no_longer_than_the_patience(
    llm_settings: Settings, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    slow = SlowLLM()
    settings = dataclasses.replace(llm_settings, llm_patience=3)
    async with httpx2.AsyncClient(transport=httpx2.MockTransport(slow)) as client, \
            open_services(settings, clock=clock, llm_http=client) as services:
        await seed(services.store, clock, readers=12)
        # The model has not answered once: the cycle still writes every briefing, offline.
        report = await asyncio.wait_for(run_briefing_cycle(
            services.store, services.summarizer, now=clock(), max_words=60), timeout=60)
        assert report.queued == 12
        received = await deliver(services.store, clock)
        assert sorted(received) == list(range(1, 13))
        for messages in received.values():
            joined = "\n".join(messages)
            assert "(summarized offline)" in joined and "A short summary" not in joined
            assert "news came on Monday" in joined  # the articles' own sentences
        # The operator is told, naming the setting.
        assert "could wait no longer for the LLM (BRIEFING_LLM_PATIENCE" in caplog.text
        # No more work was begun than was under way when the patience ran out.
        assert slow.asked <= _CONCURRENT_SUMMARIES
        begun = slow.asked
        # The model answers at last: what it had begun is kept for the next readers, and
        # not asked for again.
        slow.answering.set()
        for _ in range(200):
            if slow.calls == begun and not services.summarizer._making:
                break
            await asyncio.sleep(0.05)
        for chat in range(13, 25):
            await services.store.upsert_subscriber(
                chat, chat_type="private", now=clock(), topics="",
                next_briefing_at=clock() - timedelta(minutes=1), brief_time="07:30",
                timezone="UTC")
        report = await run_briefing_cycle(services.store, services.summarizer, now=clock(),
                                          max_words=60)
        assert report.queued == 12
        received = await deliver(services.store, clock)
        assert sorted(received) == list(range(13, 25))
        for messages in received.values():
            joined = "\n".join(messages)
            assert "offline" not in joined
            assert joined.count("A short summary of the story.") == len(STORIES)
        assert slow.asked == len(STORIES)  # each story asked for once in all


async def _a_round_of_one_story_a_chat(settings: Settings, clock: Clock,
                                       llm: SlowLLM) -> dict[int, list[str]]:
    """A scheduled round of one chat a story, each due now, through `llm`: what each got."""
    async with httpx2.AsyncClient(transport=httpx2.MockTransport(llm)) as client, \
            open_services(settings, clock=clock, llm_http=client) as services:
        await seed(services.store, clock, readers=0)
        for chat, (_, word) in enumerate(STORIES, start=1):
            await services.store.upsert_subscriber(
                chat, chat_type="private", now=clock(), topics=word,
                next_briefing_at=clock() - timedelta(minutes=1), brief_time="07:30",
                timezone="UTC")
        report = await run_briefing_cycle(services.store, services.summarizer, now=clock(),
                                          max_words=60)
        assert report.queued == len(STORIES)
        return await deliver(services.store, clock)


async def test_a_round_longer_than_the_patience_is_no_slow_llm(
    llm_settings: Settings, clock: Clock
) -> None:
    # Review (stop 46): one deadline for the whole round sent the later readers offline
    # summaries of a model that answered every request in 0.3 s. The patience is each chat's.
    steady = SlowLLM(delay=0.6)
    steady.answering.set()
    settings = dataclasses.replace(llm_settings, llm_patience=2.5)
    received = await _a_round_of_one_story_a_chat(settings, clock, steady)
    # (six answers of 0.6 s: the round outlasts one patience, no chat does)
    assert steady.calls == len(STORIES)
    for messages in received.values():
        joined = "\n".join(messages)
        assert "offline" not in joined and "A short summary of the story." in joined


async def test_a_round_waits_one_patience_for_a_model_whose_answers_all_fail(
    llm_settings: Settings, clock: Clock
) -> None:
    # Reader QA (stop 60 F1): three chats due at once each waited under its own patience for
    # a small model whose every answer the check refused; they came 4 min 39 s late, every
    # summary offline. A round that has had nothing usable in one patience waits no more.
    echoing = SlowLLM(delay=0.3)
    echoing.answering.set()
    echoing.replies = ["<<< TEXT 1 >>> The quake struck on Monday."] * 40
    settings = dataclasses.replace(llm_settings, llm_patience=0.8)
    received = await _a_round_of_one_story_a_chat(settings, clock, echoing)
    for messages in received.values():
        assert "(summarized offline)" in "\n".join(messages)
    # Two chats' stories (each asked twice) fill the patience; the later chats do not wait,
    # so their stories are not asked for (each chat waiting: 8, until the check's breaker
    # stops asking after four summaries refused).
    assert echoing.calls <= 5, echoing.calls


async def test_a_chat_due_while_the_round_before_waited_does_not_wait_a_second_patience(
    llm_settings: Settings, clock: Clock
) -> None:
    # LLM QA (stop 77, V3): chats that fell due while a round waited its patience for a
    # useless model were written by the next round, which waited a patience again: 11 and 12
    # minutes late with a patience of 10. A chat's patience counts from when it was due once
    # the model has made a briefing wait out its patience since then.
    silent = SlowLLM()  # never answers
    settings = dataclasses.replace(llm_settings, llm_patience=6)
    async with httpx2.AsyncClient(transport=httpx2.MockTransport(silent)) as client, \
            open_services(settings, clock=clock, llm_http=client) as services:
        await seed(services.store, clock, readers=0)
        began = clock()
        for chat, due, language in ((1, began, "en"), (2, began + timedelta(seconds=2), "de")):
            await services.store.upsert_subscriber(
                chat, chat_type="private", now=clock(), topics="", language=language,
                next_briefing_at=due, brief_time="07:30", timezone="UTC")
        # The round begun at `began` writes chat 1's briefing and waits out its patience;
        # chat 2 falls due meanwhile (the fake clock moves on, as the real one would).
        clock.advance(seconds=4)
        report = await run_briefing_cycle(services.store, services.summarizer, now=began,
                                          max_words=60)
        assert report.queued == 1
        asked = silent.asked
        clock.advance(seconds=6)
        # The next round does not wait a second patience for chat 2 (another language: its
        # summaries are new work the model would be asked for), nor ask the model for them.
        report = await asyncio.wait_for(run_briefing_cycle(
            services.store, services.summarizer, now=clock(), max_words=60), timeout=4)
        assert report.queued == 1
        assert silent.asked == asked
        received = await deliver(services.store, clock)
        assert sorted(received) == [1, 2]
        for messages in received.values():
            joined = "\n".join(messages)
            assert "summarized offline" in joined or "offline zusammengefasst" in joined, joined


@pytest.mark.parametrize(("up_for", "due_ago"), [
    # Review (stop 78): counting every chat's patience from its due time sent a chat a big
    # round reached more than one patience late offline summaries of a model that keeps up.
    (timedelta(hours=1), timedelta(minutes=3)),
    # ...and a chat due while the bot was down is not "late" for the LLM: the first round
    # after a restart gives it the model's summaries, as any round does.
    (timedelta(0), timedelta(minutes=50)),
])
async def test_a_chat_due_a_while_ago_gets_a_healthy_models_summaries(
        llm_settings: Settings, clock: Clock, up_for: timedelta, due_ago: timedelta) -> None:
    steady = SlowLLM(delay=0.05)
    steady.answering.set()
    settings = dataclasses.replace(llm_settings, llm_patience=120)
    async with httpx2.AsyncClient(transport=httpx2.MockTransport(steady)) as client, \
            open_services(settings, clock=clock, llm_http=client) as services:
        clock.advance(seconds=up_for.total_seconds())  # how long the bot has been up
        await seed(services.store, clock, readers=0)
        await services.store.upsert_subscriber(
            1, chat_type="private", now=clock(), topics="",
            next_briefing_at=clock() - due_ago, brief_time="07:30", timezone="UTC")
        report = await run_briefing_cycle(services.store, services.summarizer, now=clock(),
                                          max_words=60)
        assert report.queued == 1
        joined = "\n".join((await deliver(services.store, clock))[1])
        assert "offline" not in joined
        assert joined.count("A short summary of the story.") == len(STORIES)


QUAKE_EN = ("A magnitude 6.4 earthquake struck off the coast of Veloria early on Tuesday. The "
            "Seismic Institute said the quake was centred 38 kilometres south-west of the city. "
            "Mayor Ilse Brandt said no deaths had been reported. ") * 2
QUAKE_FR = ("Un séisme de magnitude 6,4 a frappé mardi la côte de Veloria et endommagé des "
            "bâtiments à Port Alder. Selon l'Institut sismologique, l'épicentre se trouvait à 38 "
            "kilomètres au sud-ouest de la ville. L'alerte au tsunami a été levée deux heures plus "
            "tard. La maire Ilse Brandt a déclaré qu'aucun mort n'avait été signalé. ")[:300]


async def test_a_story_summarized_offline_is_muted_by_the_title_its_message_shows(
    llm_settings: Settings, clock: Clock
) -> None:
    # Review (stop 46 #15): past the patience an item goes out under the offline engine's
    # title, but its mute button named it by the LLM's. (Offline, a French reader's summary
    # is now the French teaser's, under its headline, since reader QA stop 52 F2; it was the
    # English full report's, under its English headline.)
    slow = SlowLLM()
    settings = dataclasses.replace(llm_settings, llm_patience=1)
    async with httpx2.AsyncClient(transport=httpx2.MockTransport(slow)) as client, \
            open_services(settings, clock=clock, llm_http=client) as services:
        store = services.store
        wire, _ = await store.add_source("https://w.example/feed", SourceKind.FEED, now=clock(),
                                         title="Wire")
        presse, _ = await store.add_source("https://p.example/feed", SourceKind.FEED,
                                           now=clock(), title="Presse")
        await store.add_articles(wire.id, [NewArticle(Entry(
            guid="en", url="https://w.example/quake", title="Quake hits Veloria",
            text=QUAKE_EN, kind=InputKind.FULL, published_at=clock()), None, None, -1)],
            now=clock())
        story = (await store.stories_seen_since(clock() - timedelta(hours=1)))[0].id
        await store.add_articles(presse.id, [NewArticle(Entry(
            guid="fr", url="https://p.example/seisme",
            title="Un séisme frappe la côte de Veloria", text=QUAKE_FR, kind=InputKind.TEASER,
            published_at=clock()), None, None, story)], now=clock())
        # Titled by the French teaser: an Italian reader's LLM title would be the story's
        # (no Italian report), the offline one the English full report's headline.
        await store.regroup_stories(moved={}, merged={}, now=clock(),
                                    titles={story: "Un séisme frappe la côte de Veloria"})
        for chat, language in ((1, "fr"), (2, "it")):
            await store.upsert_subscriber(chat, chat_type="private", now=clock(), topics="",
                                          language=language, brief_time="07:30",
                                          timezone="UTC",
                                          next_briefing_at=clock() - timedelta(minutes=1))
        report = await asyncio.wait_for(run_briefing_cycle(
            store, services.summarizer, now=clock(), max_words=60), timeout=60)
        assert report.queued == 2
        french, italian = sorted(await store.pending_deliveries(clock(), limit=10),
                                 key=lambda delivery: delivery.chat_id)
        assert "<b>Un séisme frappe la côte de Veloria</b>" in french.text
        assert "résumé hors ligne)</i>" in french.text and "en anglais" not in french.text
        assert "Ne plus suivre : Un séisme frappe la côte de Vel" in str(french.buttons)
        assert "<b>Quake hits Veloria</b>" in italian.text
        assert "<i>(in inglese; riassunto offline)</i>" in italian.text
        assert "Silenzia: Quake hits Veloria" in str(italian.buttons)
        slow.answering.set()


async def _refresh(store: Store, clock: Clock) -> None:
    """New articles for the new day, so each cycle has something to summarize."""
    (source,) = await store.list_sources()
    stamp = clock().isoformat()
    for n, (title, word) in enumerate(STORIES):
        await store.add_articles(source.id, [NewArticle(Entry(
            guid=f"s{n}-{stamp}", url=f"https://n.example/{n}/{stamp}", title=f"{title} again",
            text=article(title, word) + stamp, kind=InputKind.FULL, published_at=clock()),
            None, None, -1)], now=clock())
