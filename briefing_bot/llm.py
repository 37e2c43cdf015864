"""The LLM: Chat Completions through the official `openai` client, on any compatible server.

The owner of `openai` for chat (`embeddings.py` owns its `/v1/embeddings` calls); its exceptions
become `LLMUnavailable` or `LLMRejected` here. Imported where a client is made or its errors are
read, not at start: an offline bot never loads it (about 20 MB: stop 75). Every call, answered
or failed, is reported to `record` with its tokens, duration and estimated cost, and, when the
caller's check refused the answer, why.

Our token counts are tiktoken's; a local model has its own tokenizer, which may count the same
text longer (SmolLM2's counts English news about 15% longer than o200k_base). The LLM learns the
ratio from what the server reports (its usage counts, and the count in a "maximum context
length" refusal) and counts that much more from then on, so callers fit their requests to the
server's window, not to ours (at most 3x: beyond that the window setting is wrong). A refusal
for length raises `ContextExceeded` when fitting again can help: the caller then asks once more.

Reasoning models refuse `max_tokens` and any `temperature` but their default: the first such
refusal is recognised, the request repeated with `max_completion_tokens` and no temperature,
and that is remembered for the model.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import heapq
import itertools
import logging
import math
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import httpx2  # openai 3 speaks HTTP through httpx2, the successor of httpx

if TYPE_CHECKING:
    # Imported where a client is made or its errors are read, not here: the library and its
    # typed models are some 20 MB of a process's memory, which an offline bot (the
    # extractive engine, the bundled embedding model) never needs (`bench/memory.py`).
    import openai

from briefing_bot.config import Settings
from briefing_bot.errors import BriefingError
from briefing_bot.models import LLMCall
from briefing_bot.retry import retry_after
from briefing_bot.tokens import Counter

log = logging.getLogger(__name__)
_KEPT_CALLS = 1000  # `LLM.calls`: a command's, and a running bot's latest

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
# A server's usage counts teach the ratio only from requests this long: on short ones the chat
# template's own tokens (Llama 3.1 adds about 40) make the ratio look larger than it is.
_LEARN_FROM = 500
# A little over the ratio the server showed: a later text may tokenize a little worse.
_RATIO_MARGIN = 1.03
# When a refusal gives no count: a guess, applied once per ratio a request was fitted at.
_RATIO_GUESS = 1.2
# Tokenizers differ, but not by this much: past it the window itself is misconfigured.
_RATIO_CAP = 3.0
# Requests in flight at once, for the whole process: chats are answered side by side, and a
# small local server answers one request at a time (the rest would wait out their timeout).
CONCURRENT_REQUESTS = 4
# The server's prompt count in its refusal for length: llama-cpp-python and older vLLM ("...
# 2100 tokens (1950 in the messages, 150 in the completion)"), OpenAI ("your messages resulted
# in 130512 tokens"), llama.cpp's own server ("request (4476 tokens) exceeds the available
# context size"), newer vLLM ("your request has 1950 input tokens").
_PROMPT_COUNT = re.compile(
    r"(\d+) in the messages|messages resulted in (\d+) tokens|request \((\d+) tokens\) exceeds"
    r"|request has (\d+) input tokens")


class LLMError(BriefingError):
    """The LLM could not give an answer."""


class LLMUnavailable(LLMError):
    """The server could not be reached, timed out, or was overloaded (after retries);
    `retry_after`: the seconds a rate-limiting server asked us to wait, when it said."""

    user_message = "The summarizer is busy right now. Try again in a minute."
    key = "err_llm_busy"

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class LLMRejected(LLMError):
    """The server refused the request: a key, model or request problem for the operator."""

    user_message = "The summarizer is not set up correctly; the operator has been told."
    key = "err_llm_setup"


_KEY, _MODEL, _BASE_URL = "OPENAI_API_KEY", "BRIEFING_MODEL", "OPENAI_BASE_URL"
_CONTEXT = "BRIEFING_CONTEXT_TOKENS"


def names_a_setting(error: str) -> bool:
    """Whether a logged call's error is a misconfiguration (an unknown model, a refused key):
    the operator's to fix, not a passing fault (`status` says so at once: operator QA)."""
    return (f"({_MODEL})" in error or f"(check {_KEY})" in error
            or f"(check {_BASE_URL}" in error or f"(check {_CONTEXT}" in error)


class LLMMisconfigured(LLMRejected):
    """The server refused the API key, does not know the model, or has a smaller window than
    BRIEFING_CONTEXT_TOKENS says: the operator's to fix."""


class ContextExceeded(LLMRejected):
    """The server counted the request longer than its window; the LLM now counts longer too."""


class AnswerRejected(LLMError):
    """The server answered, but the answer failed the caller's check (see guard.py)."""

    user_message = "The summarizer gave an unusable answer; this summary was made offline."
    key = "err_llm_unusable"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class BudgetSpent(LLMError):
    """Today's token budget is used up."""

    user_message = "Today's summary budget is spent; this summary was made offline."
    key = "err_llm_budget"


@dataclasses.dataclass(frozen=True, slots=True)
class Completion:
    text: str
    finish_reason: str | None
    prompt_tokens: int
    completion_tokens: int


@dataclasses.dataclass
class RateLimits:
    """The last rate limit (HTTP 429) the LLM server answered with, and the wait it asked
    for. The client retries a 429 by itself, within our deadline; when the deadline then runs
    out, this says why (operator QA: a 429 with "Retry-After: 30" was reported as a timeout,
    sending the operator to BRIEFING_LLM_TIMEOUT instead of the provider's quota)."""

    at: float | None = None  # time.perf_counter()
    wait: float | None = None  # seconds; None when the server did not say

    async def saw(self, response: httpx2.Response) -> None:
        # Chat completions only: a test's client may serve the embeddings endpoint too.
        if response.status_code == 429 and response.request.url.path.endswith("/completions"):
            self.at, self.wait = time.perf_counter(), retry_after(response.headers)

    def since(self, started: float) -> RateLimits | None:
        return self if self.at is not None and self.at >= started else None


def _waiting(wait: float | None) -> str:
    return f", retry after {wait:g} s" if wait is not None else ""


def make_client(settings: Settings, *, http_client: httpx2.AsyncClient | None = None,
                limits: RateLimits | None = None) -> openai.AsyncOpenAI:
    """The OpenAI client for the configured server; it retries 429/5xx with back-off itself.
    `limits` hears of every 429 (a response hook on the HTTP client)."""
    import openai  # noqa: PLC0415 - only where an LLM or an embeddings server is set

    if limits is not None:
        http_client = http_client or openai.DefaultAsyncHttpxClient()
        hooks = http_client.event_hooks
        http_client.event_hooks = {**hooks, "response": [*hooks.get("response", []), limits.saw]}
    return openai.AsyncOpenAI(
        # Local servers (Ollama, llama.cpp) need no key, but the client insists on one.
        api_key=settings.openai_api_key or "not-needed",
        base_url=settings.openai_base_url or None,
        timeout=settings.llm_timeout, max_retries=settings.llm_max_retries,
        http_client=http_client)


Recorder = Callable[[LLMCall], Awaitable[None]]
# A caller's judgement of an answer: None to accept it, else the reason it is refused.
Check = Callable[["Completion"], str | None]


class Slots:
    """A semaphore whose urgent waiters go first: a reader's /summarize waited 128 s behind
    story summaries a briefing had stopped waiting for, of which its own call took 15 s (LLM
    QA, stop 57). In order of arrival within each kind."""

    def __init__(self, size: int) -> None:
        self._free = size
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._arrivals = itertools.count()

    @contextlib.asynccontextmanager
    async def held(self, *, urgent: bool = False) -> AsyncIterator[None]:
        if self._free and not self._waiting:
            self._free -= 1
        else:
            turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            heapq.heappush(self._waiting, (0 if urgent else 1, next(self._arrivals), turn))
            try:
                await turn
            except asyncio.CancelledError:
                if turn.done() and not turn.cancelled():
                    self._release()  # handed a slot just as it was cancelled: pass it on
                raise  # (a cancelled waiter is skipped when its turn comes)
        try:
            yield
        finally:
            self._release()

    @property
    def waiting(self) -> int:
        """Requests waiting for a slot (cancelled ones included until their turn)."""
        return len(self._waiting)

    def _release(self) -> None:
        while self._waiting:
            _, _, turn = heapq.heappop(self._waiting)
            if not turn.done():
                turn.set_result(None)
                return
        self._free += 1


class LLM:
    """Chat Completions for one model, within the context window, every call recorded."""

    def __init__(
        self, client: openai.AsyncOpenAI, *, model: str, context_tokens: int,
        max_output_tokens: int, count_tokens: Counter, record: Recorder,
        clock: Callable[[], datetime], prices: Mapping[str, tuple[float, float]] | None = None,
        deadline: float | None = None, limits: RateLimits | None = None,
        concurrency: int = CONCURRENT_REQUESTS,
    ) -> None:
        self.model = model
        self._limits = limits  # what make_client's hook heard of 429s
        # Seconds one answer may take in all, the client's retries included (each try has the
        # same timeout of its own): a slow local model timed out four times in a row, and a
        # reader waited eight minutes for two offline summaries (found by reader QA).
        self._deadline = deadline
        self.context_tokens = context_tokens
        self.max_output_tokens = max_output_tokens
        self._count = count_tokens
        # The server's tokens per token of ours, as far as it has shown (never below 1).
        self.ratio = 1.0
        # Requests wait here, not in the server's queue: BRIEFING_LLM_TIMEOUT counts from when
        # a request is sent (operator QA: four at once to a llama.cpp server answering one at a
        # time timed out in its queue, and what the bot gave up on kept the server busy).
        self._slots = Slots(concurrency)
        self._client = client
        self._record = record
        self._clock = clock
        self._prices = {**DEFAULT_PRICES, **(prices or {})}
        # Set once the server refused max_tokens/temperature for this model (a reasoning model).
        self.reasoning = False
        # This process's calls, newest last: a command tells its own, not those of a bot
        # running on the same database meanwhile (stop 40: `summarize --json` counted the
        # calls recorded since it started, whoever made them).
        self.calls: collections.deque[LLMCall] = collections.deque(maxlen=_KEPT_CALLS)

    @property
    def waiting(self) -> int:
        """Requests waiting to be sent (BRIEFING_LLM_CONCURRENCY are out)."""
        return self._slots.waiting

    @property
    def input_budget(self) -> int:
        """Tokens a request's messages may use: the window less the reserved answer."""
        return self.context_tokens - self.max_output_tokens

    def count_tokens(self, text: str) -> int:
        """A text's tokens as the server counts them, as far as we know."""
        return math.ceil(self._count(text) * self.ratio)

    def request_tokens(self, system: str, user: str) -> int:
        return self.count_tokens(system) + self.count_tokens(user) + 2 * _MESSAGE_OVERHEAD

    def _raw_request_tokens(self, system: str, user: str) -> int:
        return self._count(system) + self._count(user) + 2 * _MESSAGE_OVERHEAD

    def _learn(self, ours: int, theirs: int, *, least: int = _LEARN_FROM) -> bool:
        """Raise the ratio to what the server showed (never lower it); whether it rose. Only
        a server counting more than we do teaches anything (OpenAI's own count is a little
        under ours, which allows for more chat formatting than it uses)."""
        if ours < least or theirs <= ours:
            return False
        ratio = min(theirs / ours * _RATIO_MARGIN, _RATIO_CAP)
        if ratio <= self.ratio:
            return False
        if ratio == _RATIO_CAP:
            log.warning("%s counts %.1fx the tokens tiktoken does; fitting requests to at most "
                        "%.0fx: is BRIEFING_MODEL's tokenizer this unlike tiktoken's?",
                        self.model, theirs / ours, _RATIO_CAP)
        log.info("%s counts %.2fx the tokens tiktoken does: requests are fitted to that",
                 self.model, ratio)
        self.ratio = ratio
        return True

    def _refused_for_length(self, task: str, exc: openai.BadRequestError, ours: int,
                            fitted_at: float) -> LLMRejected:
        """What a refusal for length teaches, and the error to raise: ContextExceeded when
        fitting again can help (the callers then do), else a plain refusal naming the setting."""
        theirs = _prompt_count(exc)
        if theirs is not None:
            if theirs / ours > _RATIO_CAP:
                self._learn(ours, theirs, least=1)
                return LLMRejected(f"{task}: the LLM server counts {theirs} tokens where "
                                   f"tiktoken counts {ours} ({theirs / ours:.1f}x), more than "
                                   f"the {_RATIO_CAP:.0f}x allowed for another tokenizer")
            if self._learn(ours, theirs, least=1) or self.ratio > fitted_at:
                return ContextExceeded(f"{task}: the LLM server counts the request longer than "
                                       f"we do; fitting requests to {self.ratio:.2f}x our count")
            # It counts no more than we allowed for: its window is smaller than we were told.
            # A setting to fix, said once and paused on, as an unknown model is (operator
            # QA: every summary was made offline, said only at INFO, each story asked twice).
            window = _server_window(exc)
            return LLMMisconfigured(
                f"{task}: the LLM server's window is smaller than BRIEFING_CONTEXT_TOKENS "
                f"({self.context_tokens}) less BRIEFING_MAX_OUTPUT_TOKENS "
                f"({self.max_output_tokens}): it counted {theirs} prompt tokens, tiktoken "
                f"{ours}" + (f"; it says its window is {window} tokens" if window else "")
                + f" (check {_CONTEXT})")
        if self.ratio > fitted_at:  # another request has taught more meanwhile
            return ContextExceeded(f"{task}: fitted before the token ratio rose to "
                                   f"{self.ratio:.2f}")
        if self.ratio * _RATIO_GUESS > _RATIO_CAP:
            return LLMMisconfigured(
                f"{task}: the LLM server refuses requests for length although they are "
                f"fitted to {self.ratio:.2f}x our token count (check {_CONTEXT} and "
                "BRIEFING_MAX_OUTPUT_TOKENS)")
        self.ratio *= _RATIO_GUESS
        return ContextExceeded(f"{task}: the LLM server counts the request longer than its "
                               f"window (no count given); fitting requests to "
                               f"{self.ratio:.2f}x our count")

    @property
    def priced(self) -> bool:
        """Whether this model's price is known (built in, or BRIEFING_PRICES): else its calls
        cost "$0.00", which is no estimate."""
        return self.model in self._prices

    def cost_said(self, usd: float, *, places: int = 2) -> str:
        """'about $0.42', or that the cost is not known, for the operator."""
        if not self.priced:
            return f"cost unknown (no price for {self.model}: BRIEFING_PRICES)"
        return f"about ${usd:.{places}f}"

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        price = self._prices.get(self.model)
        if price is None:
            return 0.0
        return (prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000

    def _options(self, answer_tokens: int | None = None) -> dict[str, Any]:
        """`answer_tokens`: the most an answer the caller can use needs (a summary of so many
        words); a reasoning model's budget also pays for its hidden reasoning, so it keeps
        the whole of BRIEFING_MAX_OUTPUT_TOKENS."""
        if self.reasoning:
            return {"max_completion_tokens": self.max_output_tokens}
        cap = min(self.max_output_tokens, answer_tokens or self.max_output_tokens)
        return {"max_tokens": cap, "temperature": 0.2}

    async def _create(self, task: str, at: datetime, started: float,
                      messages: list[dict[str, str]], answer_tokens: int | None = None) -> Any:
        import openai  # noqa: PLC0415 - see the import at the top

        try:
            return await self._client.chat.completions.create(
                model=self.model, messages=messages,  # type: ignore[arg-type]
                **self._options(answer_tokens))
        except openai.BadRequestError as exc:
            # "'max_tokens' ... is too large: ... maximum context length" (vLLM) is about
            # length, not a reasoning model's refusal of the parameter.
            if self.reasoning or _too_long(exc) or not _refuses_sampling_options(exc):
                raise
            # Refused unread (a 400 on the parameters): nothing to count against the budget.
            await self._log(task, at, started, 0, 0, error="the model refuses max_tokens or "
                            "temperature; asking again with max_completion_tokens")
            log.warning("%s refuses max_tokens/temperature (a reasoning model): using "
                        "max_completion_tokens and its default temperature from now on",
                        self.model)
            self.reasoning = True
            return await self._client.chat.completions.create(
                model=self.model, messages=messages,  # type: ignore[arg-type]
                **self._options(answer_tokens))

    async def complete(self, task: str, system: str, user: str, *,
                       check: Check | None = None,
                       still: Callable[[], None] | None = None,
                       answer_tokens: int | None = None, urgent: bool = False) -> Completion:
        """One answer; raises LLMUnavailable or LLMRejected after the client's own retries, and
        AnswerRejected (after recording the call and the reason) when `check` refuses it.
        `still` is asked once a slot is free, and raises if the request should not be sent
        after all (reader QA: requests that waited for a slow local model went on being sent
        minutes after the summarizer had paused the LLM for an outage). `answer_tokens` caps
        this answer below BRIEFING_MAX_OUTPUT_TOKENS (`_options`). An `urgent` request (one a
        reader is waiting for alone) is sent before those waiting that are not (`Slots`)."""
        # (sized after waiting: the ratio may have risen meanwhile)
        async with self._slots.held(urgent=urgent):
            if still is not None:
                still()
            return await self._complete(task, system, user, check=check,
                                        answer_tokens=answer_tokens)

    async def _complete(self, task: str, system: str, user: str, *,
                        check: Check | None = None,
                        answer_tokens: int | None = None) -> Completion:
        import openai  # noqa: PLC0415 - see the import at the top

        size = self.request_tokens(system, user)
        fitted_at = self.ratio
        if size > self.input_budget:
            # Callers split or compress first; if that was not enough, refuse (and fall back)
            # rather than send a request the server would reject or silently cut. Fitted
            # before the ratio rose (another request taught it meanwhile), it may fit again.
            kind = (ContextExceeded if self._raw_request_tokens(system, user)
                    <= self.input_budget else LLMRejected)
            raise kind(f"{task}: the request needs {size} tokens, more than the "
                        f"{self.input_budget} BRIEFING_CONTEXT_TOKENS leaves")
        started = time.perf_counter()
        at = self._clock()
        try:
            async with asyncio.timeout(self._deadline):
                response = await self._create(task, at, started, [
                    {"role": "system", "content": system}, {"role": "user", "content": user}],
                    answer_tokens)
        except TimeoutError as exc:
            limited = self._limits.since(started) if self._limits is not None else None
            if limited is not None:
                late = LLMUnavailable(
                    f"the LLM server is rate limiting us (429{_waiting(limited.wait)}); gave up "
                    f"after {self._deadline:g} s (BRIEFING_LLM_TIMEOUT)", retry_after=limited.wait)
            else:
                late = LLMUnavailable(f"the LLM did not answer within {self._deadline:g} s "
                                      "(BRIEFING_LLM_TIMEOUT)")
            await self._log(task, at, started, size, 0, error=str(late))
            raise late from exc
        except openai.APIError as exc:
            error = _translate(exc, self.model)
            # An error status or no connection: the server produced nothing, so nothing counts
            # against the budget or the cost (operator QA: a 500 cost a whole prompt). A
            # timeout above still counts: the server may have done the work.
            processed = 0 if isinstance(exc, openai.APIStatusError | openai.APIConnectionError
                                        ) and not isinstance(exc, openai.APITimeoutError) else size
            if isinstance(exc, openai.BadRequestError) and _too_long(exc):
                error = self._refused_for_length(
                    task, exc, self._raw_request_tokens(system, user), fitted_at)
            await self._log(task, at, started, processed, 0, error=str(error))
            raise error from exc
        except ValueError as exc:  # a body that is not JSON at all
            await self._log(task, at, started, size, 0, error="unreadable answer")
            # A broken server (or a proxy's error page): unavailable, said once in the log
            # and paused as an outage is (operator QA: only the call log knew).
            raise LLMUnavailable("the LLM server sent an answer that is not JSON") from exc
        choices = getattr(response, "choices", None)
        choice = choices[0] if isinstance(choices, list) and choices else None
        message = getattr(choice, "message", None)
        if choice is None or message is None:
            await self._log(task, at, started, size, 0, error="answer without a message")
            raise LLMUnavailable("the LLM server sent an answer without a message")
        text = message.content or ""
        usage = getattr(response, "usage", None)
        prompt_tokens = usage.prompt_tokens if usage else size
        completion_tokens = usage.completion_tokens if usage else self.count_tokens(text)
        if usage and isinstance(prompt_tokens, int):
            self._learn(self._raw_request_tokens(system, user), prompt_tokens)
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
        self.calls.append(call)
        await self._record(call)


def _refuses_sampling_options(exc: openai.BadRequestError) -> bool:
    """A 400 saying the model takes no max_tokens or no temperature (OpenAI's o-series and
    gpt-5 answer 'Unsupported parameter: max_tokens ... use max_completion_tokens')."""
    said = f"{getattr(exc, 'param', '') or ''} {exc.message}".lower()
    return "max_tokens" in said or "max_completion_tokens" in said or "temperature" in said


def _too_long(exc: openai.BadRequestError) -> bool:
    """A 400 saying the request does not fit the model's context window."""
    said = f"{getattr(exc, 'code', '') or ''} {exc.message}".lower()
    return ("context_length_exceeded" in said or "maximum context length" in said
            or "context window" in said or "exceeds the available context size" in said
            or "exceed_context_size" in said)


# What a server says its window is: OpenAI's "maximum context length is 1024 tokens",
# llama.cpp's "the context size (1024 tokens)", vLLM's "maximum context length is 1024".
_WINDOW = re.compile(r"maximum context length is (\d+)|context size \((\d+) tokens\)"
                     r"|context window of (\d+) tokens")


def _server_window(exc: openai.BadRequestError) -> int | None:
    found = _WINDOW.search(exc.message)
    return None if found is None else int(next(group for group in found.groups() if group))


def _prompt_count(exc: openai.BadRequestError) -> int | None:
    found = _PROMPT_COUNT.search(exc.message)
    if found is None:
        return None
    return int(next(group for group in found.groups() if group))  # the one that matched


def _translate(exc: openai.APIError, model: str) -> LLMError:  # noqa: PLR0911 - one per case
    """The client's exception as ours, with a one-line reason for the operator."""
    import openai  # noqa: PLC0415 - see the import at the top

    if isinstance(exc, openai.APITimeoutError):
        return LLMUnavailable("the LLM timed out")
    if isinstance(exc, openai.APIConnectionError):
        return LLMUnavailable(f"cannot reach the LLM server ({type(exc.__cause__).__name__})"
                              if exc.__cause__ else "cannot reach the LLM server")
    if isinstance(exc, openai.RateLimitError):
        wait = retry_after(exc.response.headers)
        return LLMUnavailable(f"the LLM server is rate limiting us (429{_waiting(wait)})",
                              retry_after=wait)
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return LLMMisconfigured(f"the LLM server refused the API key (check {_KEY})")
    if isinstance(exc, openai.NotFoundError):
        # A 404 about the model names it (OpenAI's "model_not_found", Ollama's "model ... not
        # found"); one for the path does not (operator QA: Ollama's address without /v1 said
        # "404 page not found", reported as an unknown model).
        said = f"{exc.code or ''} {exc.message}".lower()
        if "model" in said:
            return LLMMisconfigured(
                f"the LLM server does not know the model {model!r} ({_MODEL})")
        if "deployment" in said:  # Azure OpenAI names the model's deployment (review)
            return LLMMisconfigured(
                f"the LLM server has no deployment named {model!r} ({_MODEL} is the "
                "deployment's name on Azure OpenAI)")
        path = exc.request.url.path if exc.request is not None else "that address"
        return LLMMisconfigured(
            f"the LLM server has no {path} (404; check {_BASE_URL}: an OpenAI-compatible "
            "server's address usually ends in /v1, as Ollama's http://localhost:11434/v1)")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return LLMUnavailable(f"the LLM server failed ({exc.status_code})")
        return LLMRejected(f"the LLM server rejected the request ({exc.status_code})")
    return LLMUnavailable(f"LLM error: {type(exc).__name__}")
