"""A strict loopback Bot API server for end-to-end tests of the real `briefing-bot run`.

It speaks the parts of the Bot API the bot uses, over real HTTP on 127.0.0.1, and is as strict
as Telegram where it matters here: malformed HTML and texts over 4096 UTF-16 units are
refused with Telegram's own errors. Tests drive it directly (same process, another thread):
`send_user_message` puts an update in the queue, `messages_to` reads what the bot sent, and
`fail_next` scripts a 429, 403 or migration for a chat.
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from tests.fakes import telegram_html_errors
from tests.loopback import running

BOT = {"id": 4242, "is_bot": True, "first_name": "Briefing", "username": "briefing_e2e_bot"}


class Peer:
    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.updates: list[dict[str, Any]] = []
        self.update_id = 0
        self.message_id = 0
        self.sent: list[dict[str, Any]] = []  # accepted sendMessage calls
        self.rejected: list[dict[str, Any]] = []
        self.calls: list[str] = []
        self.webhooks: list[dict[str, Any]] = []  # setWebhook parameters, in order
        # What getWebhookInfo answers (a test sets Telegram's view of its deliveries).
        self.webhook_info: dict[str, Any] = {"url": "", "has_custom_certificate": False,
                                             "pending_update_count": 0}
        self.revoked = False  # the token was revoked: every call is 401 Unauthorized
        self.not_found = 0  # this many next getUpdates answered 404 (a proxy reloading)
        self.failures: dict[int, list[dict[str, Any]]] = {}
        self.send_delay = 0.0
        self.polling = 0  # getUpdates requests in progress
        self.conflicts = 0  # getUpdates refused because another client was polling
        self.server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_port}"

    # -- test side ---------------------------------------------------------------------------

    def send_user_message(self, chat_id: int, text: str, *, user_id: int | None = None,
                          chat_type: str = "private") -> None:
        with self.lock:
            self.update_id += 1
            self.message_id += 1
            message: dict[str, Any] = {
                "message_id": self.message_id, "date": int(time.time()), "text": text,
                "chat": {"id": chat_id, "type": chat_type,
                         **({"title": "Group"} if chat_type != "private" else
                            {"first_name": "Ann"})},
                "from": {"id": user_id or abs(chat_id), "is_bot": False, "first_name": "Ann"},
            }
            if text.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0,
                                        "length": len(text.split(maxsplit=1)[0])}]
            self.updates.append({"update_id": self.update_id, "message": message})
            self.lock.notify_all()

    def press_button(self, chat_id: int, data: str, *, message_id: int = 1) -> None:
        """A user presses an inline button with this callback data under a message."""
        with self.lock:
            self.update_id += 1
            chat = {"id": chat_id, "type": "private", "first_name": "Ann"}
            user = {"id": abs(chat_id), "is_bot": False, "first_name": "Ann"}
            self.updates.append({"update_id": self.update_id, "callback_query": {
                "id": str(self.update_id), "from": user, "chat_instance": "e2e", "data": data,
                "message": {"message_id": message_id, "date": int(time.time()), "chat": chat,
                            "from": BOT, "text": "..."}}})
            self.lock.notify_all()

    def sent_to(self, chat_id: int) -> list[dict[str, Any]]:
        """Every accepted message to a chat, with its reply target and buttons."""
        with self.lock:
            return [dict(m) for m in self.sent if m["chat_id"] == chat_id]

    def messages_to(self, chat_id: int) -> list[str]:
        with self.lock:
            return [m["text"] for m in self.sent if m["chat_id"] == chat_id]

    def fail_next(self, chat_id: int, failure: dict[str, Any]) -> None:
        with self.lock:
            self.failures.setdefault(chat_id, []).append(failure)

    def wait_for(self, predicate: Any, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if predicate():
                    return True
            time.sleep(0.1)
        return False

    # -- bot side ----------------------------------------------------------------------------

    def answer(self, method: str, params: dict[str, Any],
               connection: socket.socket | None = None) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.calls.append(method)
            if self.revoked:
                return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            if method == "getUpdates" and self.not_found:
                self.not_found -= 1
                return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        if method == "setWebhook":
            with self.lock:
                self.webhooks.append(params)
        if method == "getMe":
            return 200, {"ok": True, "result": BOT}
        if method == "getWebhookInfo":
            with self.lock:
                return 200, {"ok": True, "result": dict(self.webhook_info)}
        if method == "getUpdates":
            # Telegram allows one polling client per bot; a second gets 409 Conflict.
            with self.lock:
                if self.polling:
                    self.conflicts += 1
                    return 409, {"ok": False, "error_code": 409, "description":
                                 "Conflict: terminated by other getUpdates request; make sure "
                                 "that only one bot instance is running"}
                self.polling += 1
            try:
                return 200, {"ok": True, "result": self._updates(params, connection)}
            finally:
                with self.lock:
                    self.polling -= 1
        if method == "sendMessage":
            return self._send(params)
        if method == "getChatMember":
            return 200, {"ok": True, "result": {"status": "member", "user": {
                "id": int(params["user_id"]), "is_bot": False, "first_name": "U"}}}
        if method == "editMessageText":
            return self._send({**params, "_edit": True})
        return 200, {"ok": True, "result": True}

    def _updates(self, params: dict[str, Any],
                 connection: socket.socket | None) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        # Short long-polls: a killed client's last poll must not outlive it by much.
        wait = min(float(params.get("timeout") or 0), 1.0)
        deadline = time.monotonic() + wait
        with self.lock:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and time.monotonic() < deadline:
                self.lock.wait(min(0.05, deadline - time.monotonic()))
                if connection is not None and _hung_up(connection):
                    return []  # the client gave up this poll (it is stopping): not polling now
            return list(self.updates)

    def _send(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        chat_id = int(params["chat_id"])
        text = str(params.get("text", ""))
        if self.send_delay:
            time.sleep(self.send_delay)
        with self.lock:
            scripted = self.failures.get(chat_id)
            if scripted:
                failure = scripted.pop(0)
                return int(failure["error_code"]), {"ok": False, **failure}
            problem = None
            if len(text.encode("utf-16-le")) // 2 > 4096:
                problem = "Bad Request: message is too long"
            elif not text.strip():
                problem = "Bad Request: message text is empty"
            elif params.get("parse_mode") == "HTML" and telegram_html_errors(text):
                problem = f"Bad Request: can't parse entities: {telegram_html_errors(text)[0]}"
            if problem:
                self.rejected.append(params)
                return 400, {"ok": False, "error_code": 400, "description": problem}
            self.message_id += 1
            reply = _json(params.get("reply_parameters")) or {}
            markup = _json(params.get("reply_markup")) or {}
            record = {"chat_id": chat_id, "text": text, "parse_mode": params.get("parse_mode"),
                      "message_id": int(params.get("message_id") or self.message_id),
                      "edit": bool(params.get("_edit")), "at": time.monotonic(),
                      "reply_to": reply.get("message_id"),
                      "buttons": [(button["text"], button.get("callback_data"))
                                  for row in markup.get("inline_keyboard", []) for button in row]}
            self.sent.append(record)
            return 200, {"ok": True, "result": {
                "message_id": record["message_id"], "date": int(time.time()), "text": text,
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                "from": BOT}}


def _json(value: Any) -> Any:
    """A parameter PTB sent JSON-encoded inside a form (or as JSON already)."""
    return json.loads(value) if isinstance(value, str) else value


def _hung_up(connection: socket.socket) -> bool:
    """The client closed its end (a cancelled request): readable, with nothing to read."""
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True


def _handler(peer: Peer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8") if length else ""
            if "json" in (self.headers.get("Content-Type") or ""):
                params = json.loads(raw or "{}")
            else:
                params = dict(parse_qsl(raw))
            method = self.path.rsplit("/", 1)[-1]
            status, body = peer.answer(method, params, self.connection)
            data = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # a client killed by the test; what it asked for is already recorded

        do_GET = do_POST

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def running_peer() -> Iterator[Peer]:
    peer = Peer()
    with running(ThreadingHTTPServer(("127.0.0.1", 0), _handler(peer))) as server:
        peer.server = server
        yield peer


def repeated_chats(sent: list[dict[str, Any]], *, before_restart: int,
                   unrecorded: set[int]) -> dict[int, int]:
    """Chats that got more than one message, except those the known crash window explains.

    A process killed after Telegram accepted a message but before its database recorded that
    cannot know it was sent, and sends it again after the restart (the README says so). So a
    chat may get a second copy only if its message was accepted before the restart
    (`sent[:before_restart]`) while the database still held it as pending (`unrecorded`, read
    right after the kill). Anything else sent twice is a bug. (Asking the database, not the
    clock, keeps this exact on a machine too busy to record a send within any fixed time.)
    """
    accepted = {int(message["chat_id"]) for message in sent[:before_restart]}
    counts: dict[int, int] = {}
    for message in sent:
        chat = int(message["chat_id"])
        counts[chat] = counts.get(chat, 0) + 1
    return {chat: n for chat, n in counts.items()
            if n > 1 and not (n == 2 and chat in accepted & unrecorded)}
