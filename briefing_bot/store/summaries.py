"""The summary cache and the log of every LLM call."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from briefing_bot.models import InputKind, LLMCall, Summary
from briefing_bot.store.base import Part
from briefing_bot.store.schema import llm_calls, summaries


class Summaries(Part):
    """Cached summaries and the LLM call log."""

    async def cached_summary(self, cache_key: str) -> Summary | None:
        async with self._connect() as conn:
            row = (await conn.execute(
                sa.select(summaries).where(summaries.c.cache_key == cache_key))).first()
        if row is None:
            return None
        return Summary(text=row.text, engine=row.engine, model=row.model, language=row.language,
                       basis=InputKind(row.basis), fallback=row.fallback)

    async def save_summary(self, cache_key: str, summary: Summary, *, now: datetime) -> None:
        """Keep a summary for reuse; a fallback is never cached, so the LLM is tried again."""
        values = {"text": summary.text, "engine": summary.engine, "model": summary.model,
                  "language": summary.language, "basis": summary.basis.value,
                  "fallback": summary.fallback, "created_at": now}
        async with self._begin() as conn:
            # One statement: two chats' briefings may save the same story's summary at once
            # (a look first, then an insert, made one of them fail on the unique key).
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            statement = dialect.insert(summaries).values(cache_key=cache_key, **values)
            await conn.execute(statement.on_conflict_do_update(
                index_elements=["cache_key"], set_=values))

    async def record_llm_call(self, call: LLMCall) -> None:
        async with self._begin() as conn:
            await conn.execute(llm_calls.insert().values(
                at=call.at, task=call.task, model=call.model, prompt_tokens=call.prompt_tokens,
                completion_tokens=call.completion_tokens, duration_ms=call.duration_ms,
                cost_usd=call.cost_usd, error=call.error, rejected=call.rejected))

    async def tokens_used_since(self, since: datetime) -> int:
        """Prompt plus completion tokens of the LLM calls since a moment."""
        async with self._connect() as conn:
            total = (await conn.execute(
                sa.select(sa.func.coalesce(sa.func.sum(
                    llm_calls.c.prompt_tokens + llm_calls.c.completion_tokens), 0))
                .where(llm_calls.c.at >= since))).scalar_one()
        return int(total)

    async def llm_calls_since(self, since: datetime) -> list[LLMCall]:
        async with self._connect() as conn:
            rows = await conn.execute(sa.select(llm_calls).where(llm_calls.c.at >= since)
                                      .order_by(llm_calls.c.id))
            return [LLMCall(at=row.at, task=row.task, model=row.model,
                            prompt_tokens=row.prompt_tokens,
                            completion_tokens=row.completion_tokens,
                            duration_ms=row.duration_ms, cost_usd=row.cost_usd, error=row.error,
                            rejected=row.rejected)
                    for row in rows]

    async def rejections_since(self, since: datetime) -> dict[str, int]:
        """How many LLM answers the answer check refused since a moment, by reason
        ('unsupported', 'echo', ...: the part of the recorded reason before its colon)."""
        async with self._connect() as conn:
            rows = await conn.execute(
                sa.select(llm_calls.c.rejected, sa.func.count())
                .where(llm_calls.c.at >= since, llm_calls.c.rejected.is_not(None))
                .group_by(llm_calls.c.rejected))
            counts: dict[str, int] = {}
            for rejected, number in rows:
                reason = str(rejected).split(":", 1)[0].strip()
                counts[reason] = counts.get(reason, 0) + int(number)
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
