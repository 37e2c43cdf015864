"""Sentence embeddings: the bundled model (offline) and an OpenAI-compatible server."""

import asyncio
import dataclasses
import json
import threading
import time
from datetime import timedelta
from pathlib import Path

import httpx2
import numpy as np
import openai
import pytest

from briefing_bot.config import Settings
from briefing_bot.embeddings import PAUSE_AFTER_FAILURE, Embedder, EmbeddingsUnavailable
from briefing_bot.services import open_embedder
from briefing_bot.store import Store
from tests.fakes import Clock

QUAKE_EN = ("Magnitude 6.8 earthquake strikes southern Peru. Houses were damaged near Arequipa "
            "and two people were injured.")
QUAKE_DE = ("Erdbeben der Stärke 6,8 erschüttert den Süden Perus. In der Nähe von Arequipa "
            "wurden Häuser beschädigt und zwei Menschen verletzt.")
RATES_DE = ("Die Europäische Zentralbank hat die Leitzinsen am Donnerstag unverändert gelassen, "
            "teilte Präsidentin Christine Lagarde in Frankfurt mit.")


async def test_the_same_event_in_two_languages_lies_closer_than_another_event() -> None:
    vectors = await Embedder().passages([QUAKE_EN, QUAKE_DE, RATES_DE])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    same, other = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert same > other + 0.1


def openai_client(handler: httpx2.MockTransport) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(api_key="test", base_url="http://embeddings.test/v1",
                              max_retries=0, http_client=httpx2.AsyncClient(transport=handler))


async def test_a_server_s_vectors_come_back_in_order_and_normalized() -> None:
    requests: list[dict[str, object]] = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        requests.append(body)
        # Out of order and not normalized, as some servers answer.
        data = [{"object": "embedding", "index": i, "embedding": [3.0 * (i + 1), 4.0]}
                for i in reversed(range(len(body["input"])))]
        return httpx2.Response(200, json={"object": "list", "data": data, "model": "m",
                                          "usage": {"prompt_tokens": 1, "total_tokens": 1}})

    embedder = Embedder(client=openai_client(httpx2.MockTransport(answer)), model="m")
    vectors = await embedder.passages(["one", "two"])
    assert requests[0]["model"] == "m" and requests[0]["input"] == ["one", "two"]
    assert np.allclose(vectors, [[0.6, 0.8], [6 / np.hypot(6, 4), 4 / np.hypot(6, 4)]])
    assert not embedder.local


async def test_a_failing_server_is_one_clear_error() -> None:
    def fail(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(503, json={"error": {"message": "down"}})

    embedder = Embedder(client=openai_client(httpx2.MockTransport(fail)), model="m")
    with pytest.raises(EmbeddingsUnavailable, match="failed"):
        await embedder.passages(["one"])


async def test_a_failing_server_is_left_alone_a_while_and_reported_once() -> None:
    """Operator QA: while the server was down, every source filed in a refresh asked it,
    waited out the client's retries and logged a WARNING of its own."""
    asked: list[int] = []

    def fail(request: httpx2.Request) -> httpx2.Response:
        asked.append(1)
        return httpx2.Response(500, json={"error": {"message": "down"}})

    embedder = Embedder(client=openai_client(httpx2.MockTransport(fail)), model="m")
    with pytest.raises(EmbeddingsUnavailable) as first:
        await embedder.passages(["one"])
    tried = len(asked)
    with pytest.raises(EmbeddingsUnavailable) as again:
        await embedder.passages(["two"])
    assert not first.value.told and again.value.told and len(asked) == tried
    assert str(again.value) == str(first.value)
    # The pause over (moved back, not the clock patched: the event loop reads it too).
    embedder._failed = (time.monotonic() - PAUSE_AFTER_FAILURE - 1, str(first.value))
    with pytest.raises(EmbeddingsUnavailable) as later:
        await embedder.passages(["three"])
    assert not later.value.told and len(asked) > tried


async def test_a_server_answering_a_vector_per_token_is_told_how_to_mend_it() -> None:
    """Operator QA: llama.cpp's server without pooling answers one vector per token; the
    array could not be built, and every refresh ended in a traceback, storing nothing."""
    def per_token(request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        data = [{"object": "embedding", "index": i, "embedding": [[0.1, 0.2], [0.3, 0.4]]}
                for i in range(len(body["input"]))]
        return httpx2.Response(200, json={"object": "list", "data": data, "model": "m",
                                          "usage": {"prompt_tokens": 1, "total_tokens": 1}})

    embedder = Embedder(client=openai_client(httpx2.MockTransport(per_token)), model="m")
    with pytest.raises(EmbeddingsUnavailable, match=r"one vector per token.*--pooling mean"):
        await embedder.passages(["one", "two"])


def test_a_server_needs_a_model_name() -> None:
    with pytest.raises(ValueError, match="model"):
        Embedder(client=openai.AsyncOpenAI(api_key="test"), model=None)


def counting_server(requests: list[list[str]]) -> httpx2.MockTransport:
    """An embeddings server whose vector for a text depends only on the text."""
    def answer(request: httpx2.Request) -> httpx2.Response:
        texts = json.loads(request.content)["input"]
        requests.append(texts)
        data = [{"object": "embedding", "index": i, "embedding": [len(text), 1.0, len(text.split())]}
                for i, text in enumerate(texts)]
        return httpx2.Response(200, json={"object": "list", "data": data, "model": "m",
                                          "usage": {"prompt_tokens": 1, "total_tokens": 1}})
    return httpx2.MockTransport(answer)


@pytest.mark.both_databases
async def test_vectors_are_kept_so_a_restart_does_not_embed_again(store: Store,
                                                                  clock: Clock) -> None:
    requests: list[list[str]] = []
    first = Embedder(client=openai_client(counting_server(requests)), model="m", cache=store,
                     clock=clock)
    before = await first.passages(["quake in Peru", "rates unchanged", "quake in Peru"])
    assert requests == [["quake in Peru", "rates unchanged"]]  # each text once

    # Another process on the same database (a restart, a replica, a one-off command).
    again = Embedder(client=openai_client(counting_server(requests)), model="m", cache=store,
                     clock=clock)
    after = await again.passages(["rates unchanged", "tram strike", "quake in Peru"])
    assert requests[1:] == [["tram strike"]]  # only the new text goes to the model
    assert np.allclose(after[0], before[1]) and np.allclose(after[2], before[0])

    # Another model's vectors are never mixed in.
    other = Embedder(client=openai_client(counting_server(requests)), model="other",
                     cache=store, clock=clock)
    await other.passages(["quake in Peru"])
    assert requests[-1] == ["quake in Peru"]


async def test_retention_forgets_old_vectors(store: Store, clock: Clock) -> None:
    requests: list[list[str]] = []
    embedder = Embedder(client=openai_client(counting_server(requests)), model="m",
                        cache=store, clock=clock)
    await embedder.passages(["quake in Peru"])
    removed = await store.prune(clock() + timedelta(seconds=1))
    assert removed["vectors"] == 1
    await embedder.passages(["quake in Peru"])
    assert len(requests) == 2


@pytest.mark.both_databases
async def test_vectors_still_read_outlive_retention(store: Store, clock: Clock) -> None:
    """The category texts' vectors are read at every start: retention deleted them 30 days
    after the first one, and every restart after that embedded ~600 texts again (minutes of
    model time before the first briefing; reader QA stop 72 Q14). A vector read in the last
    days is kept; one no one read since is forgotten."""
    requests: list[list[str]] = []
    embedder = Embedder(client=openai_client(counting_server(requests)), model="m",
                        cache=store, clock=clock)
    await embedder.passages(["sport news", "an old story"])
    for _ in range(40):  # a start a day, each reading the category texts
        clock.advance(days=1)
        await embedder.passages(["sport news"])
        await store.prune(clock() - timedelta(days=30))
    assert requests == [["sport news", "an old story"]]
    await embedder.passages(["sport news", "an old story"])
    assert requests[1:] == [["an old story"]]  # the unread one was forgotten, as it should


async def test_an_unreadable_store_costs_only_the_computation(tmp_path: Path,
                                                              clock: Clock) -> None:
    store = await Store.open(f"sqlite:///{tmp_path / 'gone.db'}")
    await store.close()
    workers_before = set(threading.enumerate())
    (tmp_path / "gone.db").unlink()
    (tmp_path / "gone.db").mkdir()  # a folder where the database was: every query fails
    requests: list[list[str]] = []
    embedder = Embedder(client=openai_client(counting_server(requests)), model="m",
                        cache=store, clock=clock)
    vectors = await embedder.passages(["quake in Peru"])
    assert vectors.shape == (1, 3) and requests == [["quake in Peru"]]
    # aiosqlite answers a failed connect by stopping its worker thread with a future nobody
    # awaits; the thread reports back to this loop. Ending the test first closes the loop under
    # it, and its error then lands on whichever test runs next (a flaky failure seen in CI).
    # (Python names a thread after its target.)
    for worker in set(threading.enumerate()) - workers_before:
        if worker.name.endswith("(_connection_worker_thread)"):
            await asyncio.to_thread(worker.join, 5)
            assert not worker.is_alive()


async def test_an_embedding_model_on_the_api_server_is_used_when_configured(
        settings: Settings, store: Store, clock: Clock) -> None:
    requests: list[list[str]] = []
    configured = dataclasses.replace(settings, embedding_model="text-embedding-3-small",
                                     openai_base_url="http://embeddings.test/v1")
    async with httpx2.AsyncClient(transport=counting_server(requests)) as http, \
            open_embedder(configured, store, clock=clock, http=http) as embedder:
        assert embedder is not None and not embedder.local
        assert embedder.model == "text-embedding-3-small"
        await embedder.passages(["quake in Peru"])
    assert requests == [["quake in Peru"]]
    async with open_embedder(dataclasses.replace(settings, topic_meaning=False), store,
                             clock=clock) as none:
        assert none is None
