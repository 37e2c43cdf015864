"""The real `briefing-bot` process against a loopback HTTP server."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.commands import run_command
from tests.fakes import keep_output
from tests.loopback import running

pytestmark = pytest.mark.slow  # real processes: started first (conftest.py)

DATA = Path(__file__).parent / "data"
BINARY = Path(sys.executable).parent / "briefing-bot"


class RecordingServer(ThreadingHTTPServer):
    """Remembers every request's path and headers, and every JSON body posted to it."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.seen: list[dict[str, str]] = []
        self.bodies: list[Any] = []
        self.dripped_for: list[float] = []  # seconds /slow sent bytes before the client left


class FeedHandler(BaseHTTPRequestHandler):
    """Serves /feed.xml with an ETag, /page for teasers, /broken as a 500."""

    server: RecordingServer

    def do_GET(self) -> None:
        self.server.seen.append({"path": self.path,
                                 **{k.lower(): v for k, v in self.headers.items()}})
        if self.path == "/feed.xml":
            body = (DATA / "feeds" / "rss20.xml").read_bytes()
            body = body.replace(b"https://gazette.example/parking",
                                f"http://127.0.0.1:{self.server.server_port}/parking".encode())
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/parking":
            body = (DATA / "pages" / "parking.html").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/slow":
            # Headers at once, then one byte every 0.3 s for 12 s: each read is quick, the
            # whole is not.
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            started = time.monotonic()
            try:
                for _ in range(40):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.3)
            except OSError:
                pass  # the client gave up, as it should
            self.server.dripped_for.append(time.monotonic() - started)
        elif self.path == "/nosuch.xml":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def loopback() -> Iterator[RecordingServer]:
    with running(RecordingServer(FeedHandler)) as server:
        yield server


def cli_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "BRIEFING_DATA_DIR": str(tmp_path), "NO_PROXY": "127.0.0.1,localhost",
            "BRIEFING_FETCH_TIMEOUT": "5", "BRIEFING_SOURCE_ALLOW_NETWORKS": "127.0.0.0/8"}


def briefing_bot(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # A guard against a hang, not a speed target (those are in bench/): the demo embeds and
    # summarizes 18 articles, 26 s alone on 2 cores and over 60 s beside a loaded suite.
    result = subprocess.run([str(BINARY), *args], capture_output=True, text=True,
                            env=cli_env(tmp_path), timeout=180, check=False)
    keep_output(result.stdout, result.stderr)
    return result


def test_fetch_conditional_get_and_stories(loopback: RecordingServer, tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{loopback.server_port}"
    first = briefing_bot(tmp_path, "fetch", f"{base}/feed.xml", f"{base}/broken",
                         f"{base}/nosuch.xml")
    assert first.returncode == 1, first.stderr
    assert "3 new articles" in first.stderr
    assert "HTTP 500" in first.stderr
    assert "Traceback" not in first.stderr
    # A wrong address is refused as `sources add` refuses it (operator QA: added for good,
    # retried forever); a server failing now is kept, to be tried again.
    assert f"{base}/nosuch.xml: not added" in first.stderr
    listed_sources = run_command("sources", "list", "--json", env=cli_env(tmp_path))
    kept = {source["location"] for source in json.loads(listed_sources.stdout)}
    assert kept == {f"{base}/feed.xml", f"{base}/broken"}

    # The next commands read what the process stored (in this process: tests/commands.py).
    second = run_command("fetch", "--all", env=cli_env(tmp_path))
    assert "0 new articles" in second.stderr
    assert "unchanged since last time" in second.stderr
    feed_requests = [r for r in loopback.seen if r["path"] == "/feed.xml"]
    assert feed_requests[-1]["if-none-match"] == '"v1"'
    assert feed_requests[0]["user-agent"].startswith("briefing-bot/")

    listed = run_command("stories", "--since", "520w", "--json", env=cli_env(tmp_path))
    stories = json.loads(listed.stdout)
    kinds = {a["title"]: a["input_kind"] for s in stories for a in s["articles"]}
    assert kinds["Council to vote on parking fees"] == "full"  # completed from its page
    assert (tmp_path / "briefing.db").exists()


def test_demo_runs_offline(tmp_path: Path) -> None:
    result = briefing_bot(tmp_path, "demo")
    assert result.returncode == 0, result.stderr
    assert "3 sources" in result.stdout


class ChatHandler(BaseHTTPRequestHandler):
    """A loopback OpenAI-compatible server: answers every chat completion the same way."""

    server: RecordingServer
    content = "Le conseil de Port Alder a approuvé lundi la ligne de tramway."

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.bodies.append(body)
        answer = json.dumps({
            "id": "c1", "object": "chat.completion", "created": 0, "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop", "message": {
                "role": "assistant",
                "content": self.content}}],
            "usage": {"prompt_tokens": 321, "completion_tokens": 9, "total_tokens": 330},
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: object) -> None:
        pass


def summarize_french(tmp_path: Path, handler: type[ChatHandler], *options: str
                     ) -> tuple[subprocess.CompletedProcess[str], RecordingServer]:
    """The real `summarize --json --language fr` of a tram article, its LLM on loopback."""
    with running(RecordingServer(handler)) as server:
        env = {**os.environ, "BRIEFING_DATA_DIR": str(tmp_path), "NO_PROXY": "127.0.0.1",
               "OPENAI_BASE_URL": f"http://127.0.0.1:{server.server_port}/v1",
               "OPENAI_API_KEY": "sk-secret-test-key", "BRIEFING_MODEL": "llama-3-local"}
        article = tmp_path / "a.txt"
        article.write_text("Port Alder's council approved a tram line on Monday. " * 20)
        result = subprocess.run(
            [str(BINARY), *options, "summarize", "--json", "--language", "fr", str(article)],
            capture_output=True, text=True, env=env, timeout=60, check=False)
    keep_output(result.stdout, result.stderr)
    return result, server


def test_summarize_through_a_loopback_llm(tmp_path: Path) -> None:
    result, server = summarize_french(tmp_path, ChatHandler, "-v")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"] == "Le conseil de Port Alder a approuvé lundi la ligne de tramway."
    assert data["engine"] == "llm"
    assert data["tokens"] == {"prompt": 321, "completion": 9}
    (body,) = server.bodies
    assert body["model"] == "llama-3-local"
    assert "in French" in body["messages"][0]["content"]
    assert "321 prompt + 9 completion tokens" in result.stderr  # --verbose shows the call
    assert "sk-secret-test-key" not in result.stderr + result.stdout


class TalkingHandler(ChatHandler):
    """...whose every answer is talk about the task, which the answer check refuses."""

    content = "Voici un résumé de l'article : le conseil a approuvé la ligne de tramway."


def test_summarize_json_counts_the_tokens_of_refused_answers(tmp_path: Path) -> None:
    """Reader QA (stop 40): after two refused answers `summarize --json` said 0 tokens,
    though the LLM was paid for both."""
    result, server = summarize_french(tmp_path, TalkingHandler)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["engine"] == "extractive" and data["fallback"]
    assert len(server.bodies) == 2  # asked once more, then summarized offline
    assert data["tokens"] == {"prompt": 642, "completion": 18}


class BusyBotHandler(ChatHandler):
    """...while a bot running on the same database records a call of its own meanwhile."""

    database: Path

    def do_POST(self) -> None:
        with contextlib.closing(sqlite3.connect(self.database)) as conn, conn:
            conn.execute(
                "INSERT INTO llm_calls (at, task, model, prompt_tokens, completion_tokens,"
                " duration_ms, cost_usd) VALUES (?, 'story', 'llama-3-local', 5000, 80, 900, 0)",
                (datetime.now(UTC).replace(tzinfo=None).isoformat(" "),))
        super().do_POST()


def test_summarize_counts_its_own_llm_calls_not_a_running_bots(tmp_path: Path) -> None:
    """Stop 40: `summarize --json` (and `--verbose`) counted every call recorded in the
    database since it started, a running bot's briefings included."""
    run_command("sources", "add", "https://example.org/feed.xml", env={
        **os.environ, "BRIEFING_DATA_DIR": str(tmp_path)})  # the bot's database, made
    BusyBotHandler.database = tmp_path / "briefing.db"
    result, _ = summarize_french(tmp_path, BusyBotHandler, "-v")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["tokens"] == {"prompt": 321, "completion": 9}
    assert "LLM: 1 call(s), 321 prompt + 9 completion tokens" in result.stderr
    with contextlib.closing(sqlite3.connect(tmp_path / "briefing.db")) as conn:
        assert conn.execute("SELECT count(*) FROM llm_calls").fetchone()[0] == 2  # both kept


def test_a_server_that_drips_bytes_hits_the_deadline(
    loopback: RecordingServer, tmp_path: Path
) -> None:
    env_timeout = {"BRIEFING_FETCH_TIMEOUT": "1"}
    env = {**os.environ, "BRIEFING_DATA_DIR": str(tmp_path), "NO_PROXY": "127.0.0.1",
           "BRIEFING_SOURCE_ALLOW_NETWORKS": "127.0.0.0/8", **env_timeout}
    result = subprocess.run(
        [str(BINARY), "fetch", f"http://127.0.0.1:{loopback.server_port}/slow"],
        capture_output=True, text=True, env=env, timeout=60, check=False)
    keep_output(result.stdout, result.stderr)
    assert result.returncode == 1
    assert "timed out after 1 s" in result.stderr
    # The server notices the hang-up at its next byte or two: the fetch left after about one
    # second of the twelve the body takes (measured from the first byte, so the process's own
    # start-up on a busy machine does not count).
    deadline = time.monotonic() + 5
    while not loopback.dripped_for and time.monotonic() < deadline:
        time.sleep(0.05)
    (dripped,) = loopback.dripped_for
    assert dripped < 4, dripped
