"""A loopback OpenAI-compatible server for benchmarks: real HTTP on 127.0.0.1, instant answers.

It answers `POST /v1/chat/completions` with a short two-sentence summary, counts every call,
and reports usage the way OpenAI does: prompt tokens counted with tiktoken (o200k_base, about
four tokens of chat formatting per message), completion tokens of its answer.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.loopback import running

ANSWER = ("Officials confirmed the event on the day it was first reported, and gave the main "
          "figures. More details are expected in the coming days.")


class LLMServer:
    def __init__(self, count: Callable[[str], int]) -> None:
        self.count = count
        self.lock = threading.Lock()
        self.calls = 0
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.prompts: list[str] = []  # every request's user message
        self.server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_port}/v1"

    def reset(self) -> None:
        with self.lock:
            self.calls = self.prompt_tokens = self.completion_tokens = 0
            self.prompts.clear()

    def answer(self, body: dict[str, object]) -> dict[str, object]:
        messages = body.get("messages") or []
        assert isinstance(messages, list)
        prompt = sum(self.count(str(m.get("content", ""))) + 4 for m in messages) + 3
        completion = self.count(ANSWER)
        with self.lock:
            self.calls += 1
            self.prompt_tokens += prompt
            self.completion_tokens += completion
            self.prompts.append(str(messages[-1].get("content", "")) if messages else "")
        return {
            "id": f"chatcmpl-bench-{self.calls}", "object": "chat.completion", "created": 0,
            "model": body.get("model"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": ANSWER}}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                      "total_tokens": prompt + completion},
        }


def _handler(llm: LLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as a real server
        disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms stall

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            if not self.path.endswith("/chat/completions"):
                self.send_error(404)
                return
            data = json.dumps(llm.answer(body)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def running_llm(count: Callable[[str], int]) -> Iterator[LLMServer]:
    llm = LLMServer(count)
    with running(ThreadingHTTPServer(("127.0.0.1", 0), _handler(llm))) as server:
        llm.server = server
        yield llm
