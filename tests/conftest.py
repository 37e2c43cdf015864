"""Fixtures: settings and a real store per test, a fake feed server, a clock.

The store is a SQLite file by default. Modules marked `both_databases` run every test twice, on
SQLite and on a fresh PostgreSQL database (see tests/postgres.py).
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import httpx2
import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from briefing_bot.cli import quiet_libraries
from briefing_bot.config import Settings
from briefing_bot.services import Services, open_services
from briefing_bot.store import Store
from tests.fakes import (
    API_KEY,
    PROCESS_OUTPUT,
    Clock,
    FakeLLM,
    FeedServer,
    client_for,
    leaked_secrets,
)
from tests.postgres import REQUIRE_ENV, PostgresServer, PostgresUnavailable

DATA = Path(__file__).parent / "data"

# Property-based tests: modest counts in the normal run, no per-example deadline (the machine
# is shared); HYPOTHESIS_PROFILE=long explores ten times further.
hypothesis_settings.register_profile(
    "default", max_examples=150, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
hypothesis_settings.register_profile("long", parent=hypothesis_settings.get_profile("default"),
                                     max_examples=1500)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_databases: run each test of the module on SQLite and on PostgreSQL")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker more than the cores. The slow tests spend most of their time
    waiting (for a subprocess to start, for a paced broadcast), so a spare worker keeps the
    cores busy meanwhile."""
    return (os.cpu_count() or 1) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests (marked `slow`: real processes, paced broadcasts) go first.

    Under pytest-xdist the first tests are dealt out one per worker in turn, so the long ones
    run side by side, and the many short ones fill the workers around them afterwards.
    """
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if ("database_url" in metafunc.fixturenames
            and metafunc.definition.get_closest_marker("both_databases")):
        metafunc.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer()
    try:
        server.start()
    except PostgresUnavailable as exc:
        server.stop()
        if os.environ.get(REQUIRE_ENV) == "require":
            pytest.fail(f"PostgreSQL is required for this run: {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh, empty PostgreSQL database."""
    return postgres_server.new_database()


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if getattr(request, "param", "sqlite") == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(data_dir=tmp_path, database_url=database_url,
                    refresh_minutes=30, fetch_concurrency=4, max_feed_bytes=1_000_000,
                    max_page_bytes=500_000)


@pytest.fixture
async def store(settings: Settings) -> AsyncIterator[Store]:
    opened = await Store.open(settings.database_url)
    yield opened
    await opened.close()


@pytest.fixture
def server() -> FeedServer:
    return FeedServer()


@pytest.fixture
async def http(server: FeedServer) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(server) as client:
        yield client


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(autouse=True)
def _root_logger_kept() -> Iterator[None]:
    """The root logger as it was: the CLI's `configure_logging` (basicConfig with force=True)
    replaces its handlers and level, which took the secrets scanner's handler off for the
    rest of a worker's tests and left INFO records uncaptured: a bot test's caplog found
    nothing once a CLI test had run before it in the same process."""
    root = logging.getLogger()

    def own(handler: logging.Handler) -> bool:  # pytest's capture handlers come and go by phase
        return not type(handler).__module__.startswith("_pytest")

    handlers, level = [h for h in root.handlers if own(h)], root.level
    yield
    for handler in [h for h in root.handlers if own(h)]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    for handler in handlers:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(level)


@pytest.fixture(autouse=True)
def _fail_on_logged_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Errors logged where a test did not expect them fail the test."""
    yield
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]


@pytest.fixture
def fake_llm() -> FakeLLM:
    return FakeLLM()


@pytest.fixture
def llm_settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, openai_api_key=API_KEY, model="test-model",
                               llm_max_retries=0, context_tokens=4000, max_output_tokens=300)


@pytest.fixture
async def services(llm_settings: Settings, fake_llm: FakeLLM, clock: Clock
                   ) -> AsyncIterator[Services]:
    """Store, LLM and summarizer wired as in production, the LLM behind a MockTransport."""
    async with httpx2.AsyncClient(transport=httpx2.MockTransport(fake_llm)) as client, \
            open_services(llm_settings, clock=clock, llm_http=client) as opened:
        yield opened


@pytest.fixture(autouse=True, scope="session")
def _tiktoken_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One offline tiktoken cache for the whole run, never the user's."""
    previous = os.environ.get("TIKTOKEN_CACHE_DIR")
    os.environ["TIKTOKEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("tiktoken"))
    # PTB 22 warns that RetryAfter.retry_after becomes a timedelta; opt in, as `run` does.
    os.environ["PTB_TIMEDELTA"] = "1"
    yield
    if previous is None:
        os.environ.pop("TIKTOKEN_CACHE_DIR", None)
    else:
        os.environ["TIKTOKEN_CACHE_DIR"] = previous


class _SecretScanner(logging.Handler):
    """Looks at every log record of the run, as the operator's log would show it."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.leaks: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.leaks.extend(leaked_secrets([self.format(record)]))


@pytest.fixture(autouse=True, scope="session")
def _no_secrets_in_logs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No bot token or API key in any log line of the whole run: in-process records at INFO
    (what `-v` shows) with the production library log levels, the bot's own log files from
    the end-to-end tests, and every subprocess output the tests kept (`keep_output`)."""
    scanner = _SecretScanner()
    root = logging.getLogger()
    previous = root.level
    root.setLevel(logging.INFO)
    quiet_libraries()
    root.addHandler(scanner)
    yield
    root.removeHandler(scanner)
    root.setLevel(previous)
    files = [path.read_text(errors="replace")
             for path in tmp_path_factory.getbasetemp().rglob("*.log")]
    leaks = scanner.leaks + leaked_secrets(PROCESS_OUTPUT + files)
    assert not leaks, f"secrets in the logs: {leaks[:5]}"
