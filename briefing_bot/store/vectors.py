"""Embedding vectors kept by the text they were computed from (see `embeddings.Embedder`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from briefing_bot.store.base import Part
from briefing_bot.store.schema import chunks, embeddings


class StoredVectors(Part):
    """Read and keep vectors; a vector is written once and never changes."""

    async def stored_vectors(self, model: str, digests: Sequence[str]) -> dict[str, bytes]:
        """The vectors kept for these text digests (those never computed are absent)."""
        found: dict[str, bytes] = {}
        async with self._connect() as conn:
            for chunk in chunks(sorted(set(digests))):
                rows = await conn.execute(sa.select(embeddings.c.digest, embeddings.c.vector)
                                          .where(embeddings.c.model == model,
                                                 embeddings.c.digest.in_(chunk)))
                found.update({row.digest: bytes(row.vector) for row in rows})
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
