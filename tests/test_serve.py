"""Starting the bot: what the operator sees when Telegram or the settings are not right."""

import io
import json
import socket
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from briefing_bot import bot
from briefing_bot.cli import run
from tests.loopback import running

BINARY = Path(sys.executable).parent / "briefing-bot"
TOKEN = "123456:SERVE-TEST-TOKEN"


class Unauthorized(BaseHTTPRequestHandler):
    """Telegram's answer to a token it does not know, for every method."""

    calls: ClassVar[list[str]] = []
    code, description = 401, "Unauthorized"

    def do_POST(self) -> None:
        type(self).calls.append(self.path.rsplit("/", 1)[-1])
        self.answer(self.code, {"ok": False, "error_code": self.code,
                                "description": self.description})

    def answer(self, code: int, answer: dict[str, object]) -> None:
        body = json.dumps(answer).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class NotFound(Unauthorized):
    """A proxy or a wrong base URL path: 404 for every method (PTB: InvalidToken too)."""

    calls: ClassVar[list[str]] = []
    code, description = 404, "Not Found"


def test_a_404_at_start_or_in_status_is_no_refused_token_and_shows_no_token(
        tmp_path: Path) -> None:
    """Review: PTB's start-up wraps the refusal in a message holding the token, which was
    printed, and a 401 read as a 404."""
    with running(ThreadingHTTPServer(("127.0.0.1", 0), NotFound)) as server:
        env = {"BRIEFING_DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": TOKEN,
               "BRIEFING_TELEGRAM_BASE_URL": f"http://127.0.0.1:{server.server_port}"}
        code, lines = _run(env)
        out, err = io.StringIO(), io.StringIO()
        run(["status"], env, out=out, err=err)
    assert code == 2
    assert lines == ["error: Telegram answered Not Found for this bot: check "
                     "BRIEFING_TELEGRAM_BASE_URL, then TELEGRAM_BOT_TOKEN"]
    assert "answered Not Found: check BRIEFING_TELEGRAM_BASE_URL" in err.getvalue()
    assert TOKEN not in out.getvalue() + err.getvalue()


def _run(env: dict[str, str]) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["run"], env, out=out, err=err)
    return code, err.getvalue().strip().splitlines()


def test_a_token_telegram_rejects_is_one_line_and_exit_78(tmp_path: Path) -> None:
    with running(ThreadingHTTPServer(("127.0.0.1", 0), Unauthorized)) as server:
        code, lines = _run({"BRIEFING_DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": TOKEN,
                            "BRIEFING_TELEGRAM_BASE_URL":
                                f"http://127.0.0.1:{server.server_port}"})
    assert code == 78  # not restarted by the unit (docs/deploy.md)
    assert lines == ["error: TELEGRAM_BOT_TOKEN: Telegram rejected the token; copy it again "
                     "from @BotFather (/token)"]
    assert Unauthorized.calls == ["getMe"]  # asked once, not retried
    assert TOKEN not in "\n".join(lines)


def test_an_unreachable_telegram_is_retried_then_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr(bot, "START_ATTEMPTS", 3)
    monkeypatch.setattr(bot, "START_FIRST_WAIT", 0.05)
    code, lines = _run({"BRIEFING_DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": TOKEN,
                        "BRIEFING_TELEGRAM_BASE_URL": f"http://127.0.0.1:{port}"})
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith(
        f"error: could not reach Telegram at http://127.0.0.1:{port} after 3 attempts")
    # The operator's log (logging writes to the process's stderr) shows the two retries.
    assert capsys.readouterr().err.count("Telegram is not reachable yet") == 2


def test_an_impossible_default_time_stops_the_real_process(tmp_path: Path) -> None:
    """BRIEFING_DEFAULT_TIME=25:99 briefing-bot run: exit 2, one line, no traceback."""
    env = {"PATH": "/usr/bin:/bin", "BRIEFING_DATA_DIR": str(tmp_path),
           "TELEGRAM_BOT_TOKEN": TOKEN, "BRIEFING_DEFAULT_TIME": "25:99"}
    result = subprocess.run([str(BINARY), "run"], env=env, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: BRIEFING_DEFAULT_TIME: expected a time of day as HH:MM from 00:00 to 23:59, "
        "got '25:99'"]
    assert result.stdout == ""


class ErrorPage(BaseHTTPRequestHandler):
    """A web server where the Bot API should be: an HTML error page for every POST."""

    code = 501

    def do_POST(self) -> None:
        body = (b'<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<title>Error response</title>\n'
                b"</head>\n<body>\n<h1>Error response</h1>\n<p>Error code: 501</p>\n"
                + b"<p>Message: Unsupported method ('POST').</p>\n" * 5 + b"</body></html>\n")
        self.send_response(self.code)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class StartingProxy(ErrorPage):
    code = 503


class CdnError(ErrorPage):
    code = 522  # a CDN's "connection timed out" page: passes by itself


class ProxyLogin(ErrorPage):
    code = 401  # a proxy asking for a login: no refused bot token


class OtherAPI(Unauthorized):
    """Another service's JSON API where the Bot API should be (an OpenAI-compatible server)."""

    def do_POST(self) -> None:
        self.answer(200, {"object": "list", "data": []})


def test_another_apis_json_where_the_bot_api_should_be_is_one_line_not_a_traceback(
        tmp_path: Path) -> None:
    """Operator QA: `run` and `status` ended in a traceback (KeyError 'result')."""
    with running(ThreadingHTTPServer(("127.0.0.1", 0), OtherAPI)) as server:
        base = f"http://127.0.0.1:{server.server_port}"
        env = {"BRIEFING_DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": TOKEN,
               "BRIEFING_TELEGRAM_BASE_URL": base}
        code, lines = _run(env)
        out, err = io.StringIO(), io.StringIO()
        status = run(["status"], env, out=out, err=err)
    assert code == 2 and len(lines) == 1, lines
    assert lines[0].startswith(f"error: {base} does not answer as the Telegram Bot API does")
    assert "Traceback" not in out.getvalue() + err.getvalue()
    assert status != 0 and "Telegram" in out.getvalue() + err.getvalue()


def test_an_html_page_where_the_bot_api_should_be_is_named_by_its_title_not_quoted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Operator QA: every start-up line quoted the whole page, six times over 31 s."""
    monkeypatch.setattr(bot, "START_ATTEMPTS", 3)
    monkeypatch.setattr(bot, "START_FIRST_WAIT", 0.05)
    with running(ThreadingHTTPServer(("127.0.0.1", 0), ErrorPage)) as server:
        base = f"http://127.0.0.1:{server.server_port}"
        code, lines = _run({"BRIEFING_DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": TOKEN,
                            "BRIEFING_TELEGRAM_BASE_URL": base})
    # A wrong address does not mend itself: said at once, as a configuration error.
    assert code == 2
    assert lines == [f"error: {base} does not answer as the Telegram Bot API does (Not "
                     "Implemented (501), an HTML page titled 'Error response'); check "
                     "BRIEFING_TELEGRAM_BASE_URL"]
    assert "not reachable yet" not in capsys.readouterr().err
    # A proxy's 503 page while the Bot API server starts is tried again, in short lines.
    with running(ThreadingHTTPServer(("127.0.0.1", 0), StartingProxy)) as server:
        code, lines = _run({"BRIEFING_DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": TOKEN,
                            "BRIEFING_TELEGRAM_BASE_URL": f"http://127.0.0.1:{server.server_port}"})
    assert code == 1 and len(lines) == 1 and "<" not in lines[0]
    assert "(Service Unavailable (503), an HTML page titled 'Error response')" in lines[0]
    logged = capsys.readouterr().err
    assert logged.count("Telegram is not reachable yet") == 2 and "<html" not in logged
    with running(ThreadingHTTPServer(("127.0.0.1", 0), CdnError)) as server:
        code, lines = _run({"BRIEFING_DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": TOKEN,
                            "BRIEFING_TELEGRAM_BASE_URL": f"http://127.0.0.1:{server.server_port}"})
    assert code == 1 and "after 3 attempts" in lines[0]  # tried again, as a 503 is
    # A proxy's HTML 401 is not Telegram refusing the token (exit 78 is not restarted).
    with running(ThreadingHTTPServer(("127.0.0.1", 0), ProxyLogin)) as server:
        code, lines = _run({"BRIEFING_DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": TOKEN,
                            "BRIEFING_TELEGRAM_BASE_URL": f"http://127.0.0.1:{server.server_port}"})
    assert code == 2 and "rejected the token" not in lines[0], lines
