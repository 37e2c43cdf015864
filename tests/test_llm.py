"""The LLM client with servers that behave like the real ones do when they refuse a request."""

import dataclasses
import json
from datetime import timedelta

import httpx2

from briefing_bot.config import Settings
from briefing_bot.services import Services, open_services
from tests.fakes import Clock, FakeLLM
from tests.test_summaries import QUAKE, add_story, stories

ANSWER = "A magnitude 6.4 earthquake struck off the coast of Veloria early on Tuesday."


class ReasoningModel(FakeLLM):
    """Answers like OpenAI's reasoning models: `max_tokens` or a temperature other than the
    default is a 400 with the error body those models send."""

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        if "max_tokens" in body:
            self.requests.append(body)
            return httpx2.Response(400, json={"error": {
                "message": "Unsupported parameter: 'max_tokens' is not supported with this "
                           "model. Use 'max_completion_tokens' instead.",
                "type": "invalid_request_error", "param": "max_tokens",
                "code": "unsupported_parameter"}})
        if body.get("temperature", 1) != 1:
            self.requests.append(body)
            return httpx2.Response(400, json={"error": {
                "message": "Unsupported value: 'temperature' does not support 0.2 with this "
                           "model. Only the default (1) value is supported.",
                "type": "invalid_request_error", "param": "temperature",
                "code": "unsupported_value"}})
        return super().__call__(request)


async def test_a_reasoning_model_is_asked_again_without_max_tokens_and_remembered(
    llm_settings: Settings, clock: Clock
) -> None:
    model = ReasoningModel()
    model.replies.extend([ANSWER, ANSWER])
    settings = dataclasses.replace(llm_settings, model="o4-mini")
    async with httpx2.AsyncClient(transport=httpx2.MockTransport(model)) as client, \
            open_services(settings, clock=clock, llm_http=client) as services:
        await add_story(services.store, clock, "a.example", ("Quake hits Veloria", QUAKE))
        await add_story(services.store, clock, "b.example",
                        ("Veloria shaken", QUAKE.replace("Port Alder", "the capital")))
        first, second = await stories(services.store, clock)
        summary = await services.summarizer.summarize_story(first, language="en", max_words=60)
        assert (summary.engine, summary.fallback, summary.text) == ("llm", None, ANSWER)
        refused, accepted = model.requests
        assert refused["max_tokens"] == 300 and refused["temperature"] == 0.2
        assert accepted["max_completion_tokens"] == 300
        assert "max_tokens" not in accepted and "temperature" not in accepted
        # Remembered: the next request goes out right the first time.
        again = await services.summarizer.summarize_story(second, language="en", max_words=60)
        assert again.engine == "llm"
        assert len(model.requests) == 3
        assert "max_tokens" not in model.requests[2]
        calls = await services.store.llm_calls_since(clock() - timedelta(hours=1))
        assert [c.error is not None for c in calls] == [True, False, False]
        assert "max_completion_tokens" in (calls[0].error or "")


async def test_other_bad_requests_are_not_retried(services: Services, fake_llm: FakeLLM,
                                                  clock: Clock) -> None:
    await add_story(services.store, clock, "a.example", ("Quake hits Veloria", QUAKE))
    (story,) = await stories(services.store, clock)
    fake_llm.replies.append(400)
    summary = await services.summarizer.summarize_story(story, language="en", max_words=60)
    assert summary.engine == "extractive"
    assert "rejected the request (400)" in (summary.fallback or "")
    assert fake_llm.calls == 1
    assert fake_llm.requests[0]["max_tokens"] == 300
