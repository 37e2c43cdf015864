"""Builds the long-lived parts from the settings, once: store, summarizer and their clients."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator, Callable
from datetime import datetime

import httpx2

from briefing_bot import tokens
from briefing_bot.categories import TopicMatcher
from briefing_bot.config import Settings, parse_prices
from briefing_bot.embeddings import Embedder
from briefing_bot.errors import ConfigError
from briefing_bot.llm import LLM, RateLimits, make_client
from briefing_bot.prompts import load_prompts
from briefing_bot.store import Store
from briefing_bot.summaries import Summarizer


@dataclasses.dataclass(frozen=True, slots=True)
class Services:
    store: Store
    summarizer: Summarizer
    llm: LLM | None
    # Story and topic vectors, kept across cycles: each story is embedded once.
    matcher: TopicMatcher = dataclasses.field(default_factory=TopicMatcher)


def resolve_engine(settings: Settings, *, option: bool = False) -> str:
    """`auto` becomes `llm` when an API key or base URL is set, else `extractive`. `option`:
    the engine was chosen by the command's `--engine`, which the refusal names (operator QA,
    stop 59 F4: "BRIEFING_ENGINE=llm … unset it" named a variable that was not set)."""
    if settings.engine == "llm" and not settings.llm_configured:
        if option:
            raise ConfigError("--engine llm needs OPENAI_API_KEY (or OPENAI_BASE_URL for a "
                              "local server); use --engine extractive for the offline "
                              "summarizer")
        raise ConfigError("BRIEFING_ENGINE=llm needs OPENAI_API_KEY (or OPENAI_BASE_URL for a "
                          "local server); unset it to use the offline extractive summarizer")
    if settings.engine == "auto":
        return "llm" if settings.llm_configured else "extractive"
    return settings.engine


@contextlib.asynccontextmanager
async def open_embedder(settings: Settings, store: Store, *, clock: Callable[[], datetime],
                        http: httpx2.AsyncClient | None = None) -> AsyncIterator[Embedder | None]:
    """The embedder the settings ask for (None with BRIEFING_TOPIC_MEANING=false), keeping its
    vectors in the store: the bundled model, or BRIEFING_EMBEDDING_MODEL on the API's server."""
    if not settings.topic_meaning:
        yield None
    elif not settings.embedding_model:
        yield Embedder(cache=store, clock=clock)
    else:
        client = make_client(settings, http_client=http)
        try:
            yield Embedder(client=client, model=settings.embedding_model, cache=store,
                           clock=clock)
        finally:
            await client.close()


@contextlib.asynccontextmanager
async def open_services(
    settings: Settings, *, clock: Callable[[], datetime], engine: str | None = None,
    llm_http: httpx2.AsyncClient | None = None, create: bool = True,
) -> AsyncIterator[Services]:
    """Open the store and build the summarizer; prompt templates are checked here, at start.
    `create=False`: a SQLite file that is not there is refused, not made (`Store.open`)."""
    prompts = load_prompts(settings.prompts_dir)
    chosen = resolve_engine(settings if engine is None else
                            dataclasses.replace(settings, engine=engine),
                            option=engine is not None)
    prices = parse_prices(settings.prices)  # checked when the settings were read
    store = await Store.open(settings.database_url, create=create)
    llm = None
    client = None
    try:
        if chosen == "llm":
            tokens.prepare()
            limits = RateLimits()
            client = make_client(settings, http_client=llm_http, limits=limits)
            llm = LLM(client, model=settings.model,
                      context_tokens=settings.context_tokens,
                      max_output_tokens=settings.max_output_tokens,
                      count_tokens=tokens.counter_for(settings.model),
                      record=store.record_llm_call, clock=clock, prices=prices,
                      deadline=settings.llm_timeout, limits=limits,
                      concurrency=settings.llm_concurrency)
        async with open_embedder(settings, store, clock=clock, http=llm_http) as embedder:
            summarizer = Summarizer(store=store, prompts=prompts, llm=llm, engine=chosen,
                                    daily_token_budget=settings.daily_token_budget, clock=clock,
                                    patience=settings.llm_patience)
            try:
                yield Services(store=store, summarizer=summarizer, llm=llm,
                               matcher=TopicMatcher(embedder))
            finally:
                await summarizer.aclose()
    finally:
        if client is not None:
            await client.close()
        await store.close()
