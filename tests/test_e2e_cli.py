"""The real `briefing-bot` process against a loopback HTTP server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
BINARY = Path(sys.executable).parent / "briefing-bot"


class FeedHandler(BaseHTTPRequestHandler):
    """Serves /feed.xml with an ETag, /page for teasers, /broken as a 500."""

    seen: list[dict[str, str]]

    def do_GET(self) -> None:
        self.server.seen.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})  # type: ignore[attr-defined]
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
        else:
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def loopback() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def briefing_bot(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_DATA_DIR": str(tmp_path), "NO_PROXY": "127.0.0.1,localhost",
           "BRIEFING_FETCH_TIMEOUT": "5"}
    return subprocess.run([str(BINARY), *args], capture_output=True, text=True, env=env,
                          timeout=60, check=False)


def test_fetch_conditional_get_and_stories(loopback: ThreadingHTTPServer, tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{loopback.server_port}"
    first = briefing_bot(tmp_path, "fetch", f"{base}/feed.xml", f"{base}/broken")
    assert first.returncode == 1, first.stderr
    assert "3 new articles" in first.stderr
    assert "HTTP 500" in first.stderr
    assert "Traceback" not in first.stderr

    second = briefing_bot(tmp_path, "fetch", "--all")
    assert "0 new articles" in second.stderr
    assert "unchanged since last time" in second.stderr
    feed_requests = [r for r in loopback.seen if r["path"] == "/feed.xml"]  # type: ignore[attr-defined]
    assert feed_requests[-1]["if-none-match"] == '"v1"'
    assert feed_requests[0]["user-agent"].startswith("briefing-bot/")

    stories = json.loads(briefing_bot(tmp_path, "stories", "--since", "520w", "--json").stdout)
    kinds = {a["title"]: a["input_kind"] for s in stories for a in s["articles"]}
    assert kinds["Council to vote on parking fees"] == "full"  # completed from its page
    assert (tmp_path / "briefing.db").exists()


def test_demo_runs_offline(tmp_path: Path) -> None:
    result = briefing_bot(tmp_path, "demo")
    assert result.returncode == 0, result.stderr
    assert "3 sources" in result.stdout
