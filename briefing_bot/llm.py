"""The LLM: Chat Completions through the official `openai` client, on any compatible server.

The only module that imports `openai`; its exceptions become `LLMUnavailable` or `LLMRejected`
here. Every call, answered or failed, is reported to `record` with its tokens, duration and
estimated cost, and, when the caller's check refused the answer, why.

Reasoning models refuse `max_tokens` and any `temperature` but their default: the first such
refusal is recognised, the request repeated with `max_completion_tokens` and no temperature,
and that is remembered for the model.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any

import httpx2  # openai 3 speaks HTTP through httpx2, the successor of httpx
import openai

from briefing_bot.config import Settings
from briefing_bot.errors import BriefingError
from briefing_bot.models import LLMCall
from briefing_bot.tokens import Counter

log = logging.getLogger(__name__)

# USD per million tokens (input, output). Unknown models (local servers) cost nothing here;
# operators add their own with BRIEFING_PRICES.
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
}
# Chat formatting adds a few tokens per message beyond the text itself.
_MESSAGE_OVERHEAD = 8


class LLMError(BriefingError):
    """The LLM could not give an answer."""


class LLMUnavailable(LLMError):
    """The server could not be reached, timed out, or was overloaded (after retries)."""

    user_message = "The summarizer is busy right now. Try again in a minute."


class LLMRejected(LLMError):
    """The server refused the request: a key, model or request problem for the operator."""

    user_message = "The summarizer is not set up correctly; the operator has been told."


class AnswerRejected(LLMError):
    """The server answered, but the answer failed the caller's check (see guard.py)."""

    user_message = "The summarizer gave an unusable answer; this summary was made offline."

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class BudgetSpent(LLMError):
    """Today's token budget is used up."""

    user_message = "Today's summary budget is spent; this summary was made offline."


@dataclasses.dataclass(frozen=True, slots=True)
class Completion:
    text: str
    finish_reason: str | None
    prompt_tokens: int
    completion_tokens: int


def make_client(settings: Settings, *, http_client: httpx2.AsyncClient | None = None
                ) -> openai.AsyncOpenAI:
    """The OpenAI client for the configured server; it retries 429/5xx with back-off itself."""
    return openai.AsyncOpenAI(
        # Local servers (Ollama, llama.cpp) need no key, but the client insists on one.
        api_key=settings.openai_api_key or "not-needed",
        base_url=settings.openai_base_url or None,
        timeout=settings.llm_timeout, max_retries=settings.llm_max_retries,
        http_client=http_client)


Recorder = Callable[[LLMCall], Awaitable[None]]
# A caller's judgement of an answer: None to accept it, else the reason it is refused.
Check = Callable[["Completion"], str | None]


class LLM:
    """Chat Completions for one model, within the context window, every call recorded."""

    def __init__(
        self, client: openai.AsyncOpenAI, *, model: str, context_tokens: int,
        max_output_tokens: int, count_tokens: Counter, record: Recorder,
        clock: Callable[[], datetime], prices: Mapping[str, tuple[float, float]] | None = None,
    ) -> None:
        self.model = model
        self.context_tokens = context_tokens
        self.max_output_tokens = max_output_tokens
        self.count_tokens = count_tokens
        self._client = client
        self._record = record
        self._clock = clock
        self._prices = {**DEFAULT_PRICES, **(prices or {})}
        # Set once the server refused max_tokens/temperature for this model (a reasoning model).
        self.reasoning = False

    @property
    def input_budget(self) -> int:
        """Tokens a request's messages may use: the window less the reserved answer."""
        return self.context_tokens - self.max_output_tokens

    def request_tokens(self, system: str, user: str) -> int:
        return self.count_tokens(system) + self.count_tokens(user) + 2 * _MESSAGE_OVERHEAD

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        price = self._prices.get(self.model)
        if price is None:
            return 0.0
        return (prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000

    def _options(self) -> dict[str, Any]:
        if self.reasoning:
            return {"max_completion_tokens": self.max_output_tokens}
        return {"max_tokens": self.max_output_tokens, "temperature": 0.2}

    async def _create(self, task: str, at: datetime, started: float, size: int,
                      messages: list[dict[str, str]]) -> Any:
        try:
            return await self._client.chat.completions.create(
                model=self.model, messages=messages, **self._options())  # type: ignore[arg-type]
        except openai.BadRequestError as exc:
            if self.reasoning or not _refuses_sampling_options(exc):
                raise
            await self._log(task, at, started, size, 0, error="the model refuses max_tokens or "
                            "temperature; asking again with max_completion_tokens")
            log.warning("%s refuses max_tokens/temperature (a reasoning model): using "
                        "max_completion_tokens and its default temperature from now on",
                        self.model)
            self.reasoning = True
            return await self._client.chat.completions.create(
                model=self.model, messages=messages, **self._options())  # type: ignore[arg-type]

    async def complete(self, task: str, system: str, user: str, *,
                       check: Check | None = None) -> Completion:
        """One answer; raises LLMUnavailable or LLMRejected after the client's own retries, and
        AnswerRejected (after recording the call and the reason) when `check` refuses it."""
        size = self.request_tokens(system, user)
        if size > self.input_budget:
            # Callers split or compress first; if that was not enough, refuse (and fall back)
            # rather than send a request the server would reject or silently cut.
            raise LLMRejected(f"{task}: the request needs {size} tokens, more than the "
                              f"{self.input_budget} BRIEFING_CONTEXT_TOKENS leaves")
        started = time.perf_counter()
        at = self._clock()
        try:
            response = await self._create(task, at, started, size, [
                {"role": "system", "content": system}, {"role": "user", "content": user}])
        except openai.APIError as exc:
            error = _translate(exc, self.model)
            await self._log(task, at, started, size, 0, error=str(error))
            raise error from exc
        except ValueError as exc:  # a body that is not JSON at all
            await self._log(task, at, started, size, 0, error="unreadable answer")
            raise LLMRejected("the LLM server sent an answer that is not JSON") from exc
        choices = getattr(response, "choices", None)
        choice = choices[0] if isinstance(choices, list) and choices else None
        message = getattr(choice, "message", None)
        if choice is None or message is None:
            await self._log(task, at, started, size, 0, error="answer without a message")
            raise LLMRejected("the LLM server sent an answer without a message")
        text = message.content or ""
        usage = getattr(response, "usage", None)
        prompt_tokens = usage.prompt_tokens if usage else size
        completion_tokens = usage.completion_tokens if usage else self.count_tokens(text)
        completion = Completion(text=text, finish_reason=choice.finish_reason,
                                prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)
        rejected = check(completion) if check is not None else None
        await self._log(task, at, started, prompt_tokens, completion_tokens, rejected=rejected)
        if rejected is not None:
            raise AnswerRejected(rejected)
        return completion

    async def _log(self, task: str, at: datetime, started: float, prompt_tokens: int,
                   completion_tokens: int, *, error: str | None = None,
                   rejected: str | None = None) -> None:
        duration = int((time.perf_counter() - started) * 1000)
        call = LLMCall(at=at, task=task, model=self.model, prompt_tokens=prompt_tokens,
                       completion_tokens=completion_tokens, duration_ms=duration,
                       cost_usd=self.cost(prompt_tokens, completion_tokens), error=error,
                       rejected=rejected)
        log.info("llm %s %s: %d prompt + %d completion tokens, %d ms%s%s", task, self.model,
                 prompt_tokens, completion_tokens, duration, f", error: {error}" if error else "",
                 f", answer rejected: {rejected}" if rejected else "")
        await self._record(call)


def _refuses_sampling_options(exc: openai.BadRequestError) -> bool:
    """A 400 saying the model takes no max_tokens or no temperature (OpenAI's o-series and
    gpt-5 answer 'Unsupported parameter: max_tokens ... use max_completion_tokens')."""
    said = f"{getattr(exc, 'param', '') or ''} {exc.message}".lower()
    return "max_tokens" in said or "max_completion_tokens" in said or "temperature" in said


def _translate(exc: openai.APIError, model: str) -> LLMError:  # noqa: PLR0911 - one per case
    """The client's exception as ours, with a one-line reason for the operator."""
    if isinstance(exc, openai.APITimeoutError):
        return LLMUnavailable("the LLM timed out")
    if isinstance(exc, openai.APIConnectionError):
        return LLMUnavailable(f"cannot reach the LLM server ({type(exc.__cause__).__name__})"
                              if exc.__cause__ else "cannot reach the LLM server")
    if isinstance(exc, openai.RateLimitError):
        return LLMUnavailable("the LLM server is rate limiting us (429)")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return LLMRejected("the LLM server refused the API key (check OPENAI_API_KEY)")
    if isinstance(exc, openai.NotFoundError):
        return LLMRejected(f"the LLM server does not know the model {model!r} (BRIEFING_MODEL)")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return LLMUnavailable(f"the LLM server failed ({exc.status_code})")
        return LLMRejected(f"the LLM server rejected the request ({exc.status_code})")
    return LLMUnavailable(f"LLM error: {type(exc).__name__}")
