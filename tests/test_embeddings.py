"""Sentence embeddings: the bundled model (offline) and an OpenAI-compatible server."""

import json

import httpx2
import numpy as np
import openai
import pytest

from briefing_bot.embeddings import Embedder, EmbeddingsUnavailable

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


def test_a_server_needs_a_model_name() -> None:
    with pytest.raises(ValueError, match="model"):
        Embedder(client=openai.AsyncOpenAI(api_key="test"), model=None)
