"""Named fakes at the boundaries: feed server, LLM server, Telegram Bot API, clock."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import html
import html.parser
import json
import re
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypedDict

import httpx
import httpx2
from telegram.ext import Application, ContextTypes, ExtBot, JobQueue
from telegram.request import BaseRequest, RequestData

# What `briefing_bot.bot.build_application` builds: PTB's defaults (no custom context types).
App = Application[ExtBot[None], ContextTypes.DEFAULT_TYPE, dict[Any, Any], dict[Any, Any],
                  dict[Any, Any], JobQueue[ContextTypes.DEFAULT_TYPE]]


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
    headers: dict[str, str] | None = None  # more headers ("retry-after")


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
            headers = {"content-type": route.content_type, **(route.headers or {})}
            if route.validators and route.status == 200:
                etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                headers["etag"] = etag
                headers["last-modified"] = "Tue, 24 Nov 2026 08:00:00 GMT"
                if request.headers.get("if-none-match") == etag:
                    return httpx.Response(304, headers=headers)
            return httpx.Response(route.status, headers=headers, content=route.body)
        finally:
            self.in_flight -= 1


# Distinctive fake secrets: the suite fails if any of them shows up in a log (conftest.py).
BOT_TOKEN = "1:TEST-BOT-TOKEN-never-logged"
API_KEY = "sk-test-API-KEY-never-logged"
SECRETS = (BOT_TOKEN, API_KEY, "never-logged", "E2E-SECRET", "sk-secret-test-key",
           "s3cret-hook")
# Output of the program's own processes (stderr, stdout), kept for that scan.
PROCESS_OUTPUT: list[str] = []


def keep_output(*texts: str | bytes | None) -> None:
    """Hand a subprocess's output to the end-of-run scan for secrets."""
    for text in texts:
        if text:
            PROCESS_OUTPUT.append(text.decode("utf-8", "replace") if isinstance(text, bytes)
                                  else text)


def leaked_secrets(texts: list[str]) -> list[tuple[str, str]]:
    """(secret, the line it is in) for every fake secret found in the texts."""
    return [(secret, line[:300]) for text in texts for line in text.splitlines()
            for secret in SECRETS if secret in line]


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


DEFAULT_ANSWER = "A short summary of the story."
# The first text a request gives to summarize ("<<<ARTICLE 1 (source: …)\nTitle: …\n…",
# "<<<DOCUMENT\n…", "<<<PARTS\nPart 1: …"), not the summary an update starts from.
_DELIMITED = re.compile(r"<<<(?P<kind>ARTICLE \d+|DOCUMENT|PARTS|STORIES)[^\n]*\n"
                        r"(?:Title: [^\n]*\n)?(?:Part \d+: )?(?P<text>.*?)\n(?P=kind)>>>",
                        re.DOTALL)


def default_answer(body: dict[str, object]) -> str:
    messages = body.get("messages")
    user = str(messages[-1]["content"]) if isinstance(messages, list) and messages else ""
    found = _DELIMITED.search(user)
    # (the parts of a long text are this fake's own answers: their lead, not its label again)
    text = found["text"].strip().removeprefix(DEFAULT_ANSWER).strip() if found else ""
    lead = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return f"{DEFAULT_ANSWER} {lead}".strip()


class FakeLLM:
    """An OpenAI-compatible Chat Completions server, as an httpx2 MockTransport handler.

    `replies` is a queue: a string is an answer (None the default one), an int an HTTP error status, a dict may set
    `content`, `finish_reason` and `usage`, an exception class is raised as a transport error,
    bytes are the whole body of a 200 (a broken server's).
    With the queue empty it answers with a short summary: `DEFAULT_ANSWER` and the first
    sentence of the first text the request delimits (an answer must say something of its
    story: `guard._vacant`). Every request body is kept.
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
        reply = self.replies.pop(0) if self.replies else None
        if reply is None:
            reply = default_answer(body)
        if isinstance(reply, type) and issubclass(reply, Exception):
            raise reply("simulated", request=request)  # type: ignore[call-arg]
        if isinstance(reply, int):
            # A 404 as OpenAI sends it for a model it does not have.
            error = ({"message": f"The model `{body.get('model')}` does not exist",
                      "type": "invalid_request_error", "code": "model_not_found"}
                     if reply == 404 else {"message": "simulated", "type": "x"})
            return httpx2.Response(reply, json={"error": error},
                                   headers={"retry-after-ms": "1"})
        if isinstance(reply, httpx2.Response):
            return reply
        if isinstance(reply, bytes):
            return httpx2.Response(200, content=reply,
                                   headers={"content-type": "application/json"})
        options = reply if isinstance(reply, dict) else {"content": reply}
        content = options.get("content", "")
        usage = options.get("usage", {"prompt_tokens": 100, "completion_tokens": 20,
                                       "total_tokens": 120})
        return httpx2.Response(200, json={
            "id": "chatcmpl-test", "object": "chat.completion", "created": 0,
            "model": body["model"],
            "choices": [{"index": 0, "finish_reason": options.get("finish_reason", "stop"),
                         "message": {"role": "assistant",  # None: JSON null, as servers do
                                     "content": None if content is None else str(content)}}],
            "usage": usage,
        })


TELEGRAM_TAGS = {"b", "strong", "i", "em", "a", "u", "ins", "s", "strike", "del", "code", "pre",
                 "blockquote", "tg-spoiler", "span"}


class TelegramHTML(html.parser.HTMLParser):
    """Fails on what Telegram rejects: unknown tags, unbalanced tags, unknown entities."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.errors.append(f"unsupported start tag {tag}")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unexpected end tag {tag}")

    def handle_entityref(self, name: str) -> None:
        if name not in {"lt", "gt", "amp", "quot"}:
            self.errors.append(f"unsupported entity {name}")


def telegram_html_errors(text: str) -> list[str]:
    parser = TelegramHTML()
    parser.feed(text)
    parser.close()
    return parser.errors + ([f"unclosed {parser.stack}"] if parser.stack else [])


class TelegramPeer(BaseRequest):
    """A strict offline Bot API for PTB: records every call, rejects bad HTML and long texts
    as Telegram does, and plays scripted failures per chat (a list of error dicts; an empty
    one lets that message through)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, object]]] = []
        self.failures: dict[int, list[dict[str, object]]] = {}
        # editMessageReplyMarkup's own, by chat (a button's edit is no message sent)
        self.markup_failures: dict[int, list[dict[str, object]]] = {}
        self.message_id = 0
        self.group_admins: set[int] = set()

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    def sent(self, chat_id: int | None = None) -> list[dict[str, object]]:
        return [params for method, params in self.calls if method == "sendMessage"
                and params.get("_ok") and (chat_id is None or params["chat_id"] == chat_id)]

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         *args: object, **kwargs: object) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params: dict[str, object] = dict(request_data.parameters) if request_data else {}
        self.calls.append((name, params))
        if name == "getMe":
            return self._ok({"id": 1, "is_bot": True, "first_name": "Briefing",
                             "username": "briefing_test_bot"})
        if name == "getChatMember":
            user_id = int(str(params["user_id"]))
            status = "administrator" if user_id in self.group_admins else "member"
            return self._ok({"status": status, "user": {"id": user_id, "is_bot": False,
                                                        "first_name": "U"},
                             **({"can_be_edited": False, "can_manage_chat": True,
                                 "can_delete_messages": True, "can_manage_video_chats": True,
                                 "can_restrict_members": True, "can_promote_members": False,
                                 "can_change_info": True, "can_invite_users": True,
                                 "is_anonymous": False, "can_post_stories": False,
                                 "can_edit_stories": False, "can_delete_stories": False}
                                if status == "administrator" else {})})
        if name == "editMessageText":
            params["_ok"] = True
            return self._ok({"message_id": int(str(params.get("message_id", 1))),
                             "date": 1764050000, "chat": {"id": int(str(params["chat_id"])),
                                                           "type": "private"},
                             "text": plain_text_of(str(params["text"]))})
        if name == "editMessageReplyMarkup" and (
                markup_script := self.markup_failures.get(int(str(params["chat_id"])))):
            refused = markup_script.pop(0)
            return int(str(refused["error_code"])), json.dumps({"ok": False, **refused}).encode()
        if name != "sendMessage":
            return self._ok(True)
        chat_id = int(str(params["chat_id"]))
        scripted = self.failures.get(chat_id)
        failure = scripted.pop(0) if scripted else None
        if failure:
            return 400 if failure.get("error_code") == 400 else int(
                str(failure.get("error_code", 400))), json.dumps(
                {"ok": False, **failure}).encode()
        text = str(params["text"])
        if len(text.encode("utf-16-le")) // 2 > 4096:
            return self._error(400, "Bad Request: message is too long")
        if params.get("parse_mode") == "HTML":
            problems = telegram_html_errors(text)
            if problems:
                return self._error(400, f"Bad Request: can't parse entities: {problems[0]}")
        params["_ok"] = True
        self.message_id += 1
        params["_message_id"] = self.message_id
        return self._ok({"message_id": self.message_id, "date": 1764050000,
                         "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                         "text": plain_text_of(text)})

    @staticmethod
    def _ok(result: object) -> tuple[int, bytes]:
        return 200, json.dumps({"ok": True, "result": result}).encode()

    @staticmethod
    def _error(code: int, description: str) -> tuple[int, bytes]:
        return code, json.dumps({"ok": False, "error_code": code,
                                 "description": description}).encode()


def plain_text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


class UpdateOptions(TypedDict, total=False):
    """The keyword arguments of `command_update`, for helpers that pass them on."""

    chat_id: int
    user_id: int
    chat_type: str
    reply_to: str | None
    reply_from: int
    update_id: int
    language_code: str | None


def command_update(text: str, *, chat_id: int = 100, user_id: int = 100,
                   chat_type: str = "private", reply_to: str | None = None,
                   reply_from: int = 5, update_id: int = 1,
                   language_code: str | None = None) -> dict[str, object]:
    """An Update dict for a user's message, with the bot-command entity Telegram adds; with
    `reply_to`, it answers a message of that text from `reply_from` (the bot is user 1);
    `language_code` is the language of the user's Telegram app."""
    sender: dict[str, object] = {"id": user_id, "is_bot": False, "first_name": "Ann"}
    if language_code is not None:
        sender["language_code"] = language_code
    message: dict[str, object] = {
        "message_id": update_id, "date": 1764050000, "text": text,
        "chat": {"id": chat_id, "type": chat_type, **({"title": "G"} if chat_id < 0 else {})},
        "from": sender,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0,
                                "length": len(text.split(maxsplit=1)[0])}]
    if reply_to is not None:
        message["reply_to_message"] = {
            "message_id": 999, "date": 1764050000, "text": reply_to,
            "chat": message["chat"],
            "from": {"id": reply_from, "is_bot": reply_from == 1, "first_name": "B"}}
    return {"update_id": update_id, "message": message}


@contextlib.asynccontextmanager
async def llm_bot(settings: Any, clock: Clock, peer: BaseRequest, server: Any
                  ) -> AsyncIterator[tuple[App, Any]]:
    """The bot (initialized, not started) over services whose LLM is `server`, an httpx2
    MockTransport handler; yields the application and its BotState."""
    from briefing_bot.bot import BotState, build_application  # noqa: PLC0415
    from briefing_bot.netguard import Guard  # noqa: PLC0415
    from briefing_bot.services import open_services  # noqa: PLC0415

    async with httpx2.AsyncClient(transport=httpx2.MockTransport(server)) as client, \
            open_services(settings, clock=clock, llm_http=client) as services, \
            httpx.AsyncClient() as http:
        state = BotState(services=services, settings=settings, http=http, feeds_http=http,
                         guard=Guard(), clock=clock)
        async with build_application(settings, state, request=peer) as application:
            yield application, state


async def two_readers_due(store: Any, clock: Clock) -> None:
    """Two stories (a quake in Veloria, a ferry strike in Lenn) from one outlet, and two
    readers due now, one for each ("Veloria", "Lenn"): a round whose chats need different
    summaries."""
    from briefing_bot.models import Entry, InputKind, SourceKind  # noqa: PLC0415
    from briefing_bot.store import NewArticle  # noqa: PLC0415
    source, _ = await store.add_source("https://a.example/feed", SourceKind.FEED, now=clock(),
                                       title="Outlet A")
    quake = ("A magnitude 6.4 earthquake struck off the coast of Veloria early on Tuesday. "
             "Mayor Ilse Brandt said no deaths had been reported. ") * 2
    ferry = ("Ferry crews in Lenn walked out on Monday over pay, the union said, and no boats "
             "crossed the harbour all day. ") * 3
    await store.add_articles(source.id, [
        NewArticle(Entry(guid="q", url="https://a.example/q", title="Quake hits Veloria",
                         text=quake, kind=InputKind.FULL, published_at=clock()), None, None, -1),
        NewArticle(Entry(guid="f", url="https://a.example/f", title="Ferry strike in Lenn",
                         text=ferry, kind=InputKind.FULL, published_at=clock()), None, None, -2)],
        now=clock())
    for chat, topics in ((1, "Veloria"), (2, "Lenn")):
        await store.upsert_subscriber(chat, chat_type="private", now=clock(), topics=topics,
                                      next_briefing_at=clock() - timedelta(minutes=1))
