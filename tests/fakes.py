"""Named fakes at the boundaries: a feed server for httpx's MockTransport, a clock."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta

import httpx
import httpx2


@dataclasses.dataclass
class Route:
    """What the fake server answers for one URL."""

    body: bytes = b""
    content_type: str = "application/rss+xml"
    status: int = 200
    validators: bool = True  # send ETag and Last-Modified, and honour them with 304
    delay: float = 0.0
    error: type[Exception] | None = None  # raise this instead of answering
    stream_bytes: int = 0  # answer with this many bytes, streamed, no Content-Length


class _Stream(httpx.AsyncByteStream):
    def __init__(self, size: int) -> None:
        self.size = size
        self.sent = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunk = b"<" * 65536
        while self.sent < self.size:
            self.sent += len(chunk)
            yield chunk


class FeedServer:
    """An httpx MockTransport handler serving feeds and pages, recording every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[httpx.Request] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.streams: list[_Stream] = []

    def serve(self, url: str, body: bytes | str = b"", **options: object) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(body=data, **options)  # type: ignore[arg-type]
        self.routes[url] = route
        return route

    def hits(self, url: str) -> list[httpx.Request]:
        return [request for request in self.requests if str(request.url) == url]

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            route = self.routes.get(str(request.url))
            if route is None:
                return httpx.Response(404, text="not found")
            if route.delay:
                await asyncio.sleep(route.delay)
            if route.error is not None:
                raise route.error("simulated failure")
            if route.stream_bytes:
                stream = _Stream(route.stream_bytes)
                self.streams.append(stream)
                return httpx.Response(200, headers={"content-type": route.content_type},
                                      stream=stream)
            headers = {"content-type": route.content_type}
            if route.validators and route.status == 200:
                etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                headers["etag"] = etag
                headers["last-modified"] = "Tue, 24 Nov 2026 08:00:00 GMT"
                if request.headers.get("if-none-match") == etag:
                    return httpx.Response(304, headers=headers)
            return httpx.Response(route.status, headers=headers, content=route.body)
        finally:
            self.in_flight -= 1


class Clock:
    """A controllable clock: starts at a fixed moment and moves only when told."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 24, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def client_for(handler: Callable[[httpx.Request], object]) -> httpx.AsyncClient:
    """An httpx client whose every request goes to a fake handler."""
    return httpx.AsyncClient(transport=httpx.MockTransport(handler),  # type: ignore[arg-type]
                             follow_redirects=True, max_redirects=5)


class FakeLLM:
    """An OpenAI-compatible Chat Completions server, as an httpx2 MockTransport handler.

    `replies` is a queue: a string is an answer, an int an HTTP error status, a dict may set
    `content`, `finish_reason` and `usage`, an exception class is raised as a transport error.
    With the queue empty it answers with a short summary. Every request body is kept.
    """

    def __init__(self) -> None:
        self.replies: list[object] = []
        self.requests: list[dict[str, object]] = []

    @property
    def calls(self) -> int:
        return len(self.requests)

    def user_messages(self) -> list[str]:
        return [str(r["messages"][1]["content"]) for r in self.requests]  # type: ignore[index]

    def system_messages(self) -> list[str]:
        return [str(r["messages"][0]["content"]) for r in self.requests]  # type: ignore[index]

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        self.requests.append(body)
        reply = self.replies.pop(0) if self.replies else "A short summary of the story."
        if isinstance(reply, type) and issubclass(reply, Exception):
            raise reply("simulated", request=request)  # type: ignore[call-arg]
        if isinstance(reply, int):
            return httpx2.Response(reply, json={"error": {"message": "simulated", "type": "x"}},
                                   headers={"retry-after-ms": "1"})
        options = reply if isinstance(reply, dict) else {"content": reply}
        content = str(options.get("content", ""))
        usage = options.get("usage", {"prompt_tokens": 100, "completion_tokens": 20,
                                       "total_tokens": 120})
        return httpx2.Response(200, json={
            "id": "chatcmpl-test", "object": "chat.completion", "created": 0,
            "model": body["model"],
            "choices": [{"index": 0, "finish_reason": options.get("finish_reason", "stop"),
                         "message": {"role": "assistant", "content": content}}],
            "usage": usage,
        })
