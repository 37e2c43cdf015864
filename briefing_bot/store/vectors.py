"""Embedding vectors kept by the text they were computed from (see `embeddings.Embedder`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from briefing_bot.store.base import Part
from briefing_bot.store.schema import chunks, embeddings

_TOUCHED_DAILY = timedelta(days=1)


class StoredVectors(Part):
    """Read and keep vectors; a vector is written once and never changes."""

    async def stored_vectors(self, model: str, digests: Sequence[str], *,
                             used_at: datetime | None = None) -> dict[str, bytes]:
        """The vectors kept for these text digests (those never computed are absent).

        With `used_at`, the found vectors count as kept from then (to a day): retention
        (`prune`) deletes vectors by that date, and the category texts' vectors, computed at
        the first start and read at every start since, were deleted 30 days after it, so each
        restart after that computed all ~600 again (minutes of model time). A vector still
        read is not old (review of reader QA stop 72 Q14)."""
        found: dict[str, bytes] = {}
        stale: list[str] = []
        async with self._connect() as conn:
            for chunk in chunks(sorted(set(digests))):
                rows = await conn.execute(sa.select(embeddings.c.digest, embeddings.c.vector,
                                                    embeddings.c.created_at)
                                          .where(embeddings.c.model == model,
                                                 embeddings.c.digest.in_(chunk)))
                for row in rows:
                    found[row.digest] = bytes(row.vector)
                    if used_at is not None and row.created_at < used_at - _TOUCHED_DAILY:
                        stale.append(row.digest)
        if stale and used_at is not None:
            # Written at most once a day per vector: reads stay reads on most calls.
            async with self._begin() as conn:
                for chunk in chunks(stale):
                    await conn.execute(embeddings.update().where(
                        embeddings.c.model == model, embeddings.c.digest.in_(chunk)
                    ).values(created_at=used_at))
        return found

    async def keep_vectors(self, model: str, vectors: Mapping[str, bytes], *,
                           now: datetime) -> None:
        """Keep new vectors; one another process wrote first stays (it is the same vector)."""
        if not vectors:
            return
        async with self._begin() as conn:
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            statement = dialect.insert(embeddings).on_conflict_do_nothing(
                index_elements=["model", "digest"])
            for chunk in chunks(sorted(vectors)):
                await conn.execute(statement, [
                    {"model": model, "digest": digest, "vector": vectors[digest],
                     "created_at": now} for digest in chunk])
