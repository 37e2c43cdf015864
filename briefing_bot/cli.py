"""The command line: parses arguments, wires the parts together, prints results.

Exit codes: 0 when everything worked, 1 when some source or item failed (the rest was kept),
2 for a usage or configuration error.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import dataclasses
import io
import json
import logging
import os
import re
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from briefing_bot import __version__, inputs, source_admin
from briefing_bot.briefing import build_briefing, led_matches, matching, rank, told_again
from briefing_bot.categories import TopicMatcher
from briefing_bot.compose import render_html, render_json, render_text
from briefing_bot.config import (
    ENGINES,
    MAX_ITEMS,
    Settings,
    parse_language,
    unknown_settings,
)
from briefing_bot.embeddings import Embedder
from briefing_bot.errors import (
    BriefingError,
    ConfigError,
    SourceError,
    StoreError,
    TokenRevoked,
)
from briefing_bot.gather import REFILE_REFUSED, REPORTED, StoryKeeper, refresh
from briefing_bot.llm import names_a_setting
from briefing_bot.models import (
    Briefing,
    FetchReport,
    InputKind,
    LLMCall,
    Source,
    SourceKind,
    SourceOutcome,
    Story,
)
from briefing_bot.netguard import Guard, UnsafeURL, source_client, user_client
from briefing_bot.opml import OPMLFeed, render_opml
from briefing_bot.prompts import language_name
from briefing_bot.services import Services, open_embedder, open_services, resolve_engine
from briefing_bot.sources import is_opml_file
from briefing_bot.store import (
    REFRESH_RUN,
    JobRun,
    Store,
    backup,
    describe_removed,
    head_revision,
    schema_state,
    shown_url,
)
from briefing_bot.store.leases import SCHEDULER_LEASE
from briefing_bot.subscriptions import (
    TopicsError,
    refuse_common,
    refuse_contradictions,
    refuse_links,
    topic_list,
)
from briefing_bot.summaries import describe_rejections, event_outlets, shown_apart
from briefing_bot.topics import TopicFilter, parse_topics
from briefing_bot.urls import is_web_url, shown_location

log = logging.getLogger("briefing_bot")

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2
EXIT_TOKEN = 78  # sysexits' EX_CONFIG: Telegram refuses the token (deploy.md: not restarted)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_PARTIAL_NOTES = {"paywall": "from the free part of the page only: the rest is for subscribers",
                  "start": "from the start of the page only: it is larger than "
                           "BRIEFING_MAX_PAGE_BYTES",
                  "teaser": "from the page's own description only: its text is shown by a "
                            "script, or behind a wall"}
_KIND_LABELS = {InputKind.FULL: "full text", InputKind.TEASER: "teaser only",
                InputKind.TITLE: "title only"}


def utc_now() -> datetime:
    return datetime.now(UTC)


_LONGEST = timedelta(days=36_525)


def parse_duration(text: str) -> timedelta:
    """'90m', '24h', '7d', '2w' → a timedelta."""
    match = _DURATION.match(text)
    if not match and text.startswith("-") and _DURATION.match(text[1:]):
        # (reader QA, stop 48: "--since -2d" got argparse's "expected one argument")
        raise argparse.ArgumentTypeError(
            f"{text!r}: --since counts back from now; write {text[1:]!r}, without the minus")
    if not match:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a duration; write e.g. 90m, 24h, 7d or 2w")
    try:
        duration: timedelta | None = timedelta(
            **{_UNITS[match.group(2).lower()]: float(match.group(1))})
    except OverflowError:
        duration = None
    if duration is None or duration > _LONGEST:
        # Further back than any date the clock can subtract (found by operator QA: 999999d
        # passed here and crashed the command).
        raise argparse.ArgumentTypeError(f"{text!r} is too long ago; at most 100 years")
    return duration


def build_parser() -> argparse.ArgumentParser:  # noqa: PLR0915 - one flat list of options
    parser = argparse.ArgumentParser(
        prog="briefing-bot",
        description="Gathers news from feeds, groups each story across outlets, and shows it.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="a TOML file of settings (environment variables override it)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    demo = commands.add_parser(
        "demo", help="gather the bundled sample feeds into a temporary database and show them",
        description="Gathers the sample feeds shipped with briefing-bot into a temporary "
                    "database and counts the stories and prints a briefing: no keys, no network, "
                    "nothing kept.")
    demo.set_defaults(handler=cmd_demo)

    fetch = commands.add_parser(
        "fetch", help="fetch the given sources, or every configured source that is due")
    fetch.add_argument("sources", nargs="*", metavar="SOURCE",
                       help="feed URL, feed file, folder of articles, or OPML file "
                            "(each is added to the configured sources)")
    fetch.add_argument("--all", action="store_true",
                       help="fetch every configured source, due or not")
    fetch.add_argument("--quiet", "-q", action="store_true",
                       help="say only what failed (for cron, which mails whatever is said)")
    fetch.set_defaults(handler=cmd_fetch)

    sources = commands.add_parser("sources", help="manage the configured sources")
    actions = sources.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add feed URLs, feed files or article folders")
    add.add_argument("locations", nargs="+", metavar="SOURCE",
                     help="a feed or web page URL (a page names its feed), a feed file, or a "
                          "folder of article files")
    add.add_argument("--no-check", action="store_true",
                     help="add without reading first (a web feed, a feed file, or a folder, "
                          "which is otherwise refused when it holds no article file or more "
                          "files than a folder of articles does)")
    add.set_defaults(handler=cmd_sources_add)
    listing = actions.add_parser("list", help="list sources with their health")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_sources_list)
    remove = actions.add_parser(
        "remove", help="remove sources (by id, name or location)",
        description="Removes sources, with their articles and the stories left without one "
                    "(readers who had those stories are not told again).")
    remove.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="a source's id, name or location, as `sources list` shows them")
    remove.set_defaults(handler=cmd_sources_remove)
    imports = actions.add_parser(
        "import", help="add the feeds of an OPML file",
        description="Reads each feed of an OPML file, a few at a time, and adds those that are "
                    "feeds (or a server that cannot be reached now, to be tried again); says "
                    "which were not added and why.")
    imports.add_argument("file", type=Path, metavar="FILE.opml")
    imports.add_argument("--no-check", action="store_true",
                         help="add every feed without reading it first")
    imports.set_defaults(handler=cmd_sources_import)
    export = actions.add_parser("export", help="print the web feeds as OPML")
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write to a file instead of standard output")
    export.set_defaults(handler=cmd_sources_export)

    stories = commands.add_parser(
        "stories", help="show the stories found, newest first",
        description="Lists the stories in the database, newest first: each with its outlets, "
                    "its articles and what they are (full text, teaser); with --topics, "
                    "every story that matches and why.")
    stories.add_argument("--since", type=parse_duration, default=timedelta(hours=24),
                         metavar="DURATION",
                         help="how far back to look, by the outlets' dates (or when an undated "
                              "article was fetched): 12h, 2d (default 24h)")
    stories.add_argument("--limit", type=_positive, default=None, metavar="N",
                         help="show at most N stories")
    stories.add_argument("--json", action="store_true", help="print a JSON array of stories")
    stories.add_argument("--topics", default="", metavar="LIST",
                         help="only stories matching these topics, each with the topic it "
                              "matched and why (every match, no per-topic cap), as a reader's "
                              "item shows it: one matched by its related reports alone is "
                              "led by them (JSON: led_by_related, story_title)")
    # (reader QA, stop 70 T16: a German reader's "Wirtschaft" led with German stories, and
    # the listing, read in BRIEFING_LANGUAGE, with English ones: not to be checked from outside)
    stories.add_argument("--language", type=_language, default=None, metavar="CODE",
                         help="read --topics as a reader of this language would, and rank as "
                              "their briefing does (default BRIEFING_LANGUAGE)")
    stories.set_defaults(handler=cmd_stories)

    summarize = commands.add_parser(
        "summarize", help="summarize a file, a web page, or standard input")
    summarize.add_argument("source", nargs="?", default="-", metavar="SOURCE",
                           help="a file, an http(s) URL, or - for standard input (the default)")
    summarize.add_argument("--engine", choices=ENGINES, default=None,
                           help="auto (default: llm when configured), llm or extractive")
    summarize.add_argument("--max-words", type=_positive, default=None, metavar="N",
                           help="longest summary in words (default BRIEFING_SUMMARY_WORDS)")
    summarize.add_argument("--language", type=_language, default=None, metavar="CODE",
                           help="language of the summary (default BRIEFING_LANGUAGE)")
    summarize.add_argument("--json", action="store_true",
                           help='print {"summary", "engine", "input", "tokens", "fallback", '
                                '"language"}')
    summarize.set_defaults(handler=cmd_summarize)

    brief = commands.add_parser(
        "brief", help="a briefing of recent stories, by topic",
        description="Writes a briefing of the stories in the database, as a reader gets it: "
                    "by topic, each story summarized once with its sources (through the LLM "
                    "when one is configured).")
    brief.add_argument("--topics", default="", metavar="LIST",
                       help='comma-separated words and phrases; -word excludes '
                            '(e.g. "japan, tariffs, -sports"); default: everything')
    brief.add_argument("--since", type=parse_duration, default=timedelta(hours=24),
                       metavar="DURATION", help="how far back to look (default 24h)")
    brief.add_argument("--language", type=_language, default=None, metavar="CODE",
                       help="language of the summaries (default BRIEFING_LANGUAGE)")
    brief.add_argument("--engine", choices=ENGINES, default=None,
                       help="auto (default: llm when configured), llm or extractive")
    brief.add_argument("--format", choices=("text", "html", "json"), default="text",
                       help="text (default), html (the messages a chat gets) or json")
    brief.add_argument("--items", type=_items, default=None, metavar="N",
                       help=f"stories shown (default BRIEFING_ITEMS; at most {MAX_ITEMS})")
    brief.set_defaults(handler=cmd_brief)

    run_bot = commands.add_parser(
        "run", help="run the Telegram bot (TELEGRAM_BOT_TOKEN)",
        description="Runs the Telegram bot: fetches the sources on schedule and sends each "
                    "subscriber their briefing at their time. Needs TELEGRAM_BOT_TOKEN; every "
                    "setting is in the README (Configuration). SIGTERM or Ctrl-C stops it without "
                    "losing a briefing.")
    run_bot.add_argument("--new-bot", action="store_true",
                         help="this token's bot replaces, for good, the bot the database "
                              "served (its readers must /start the new one)")
    run_bot.set_defaults(handler=cmd_run)

    status = commands.add_parser(
        "status", help="whether the bot is healthy (exit 1 if not): for monitoring",
        description="Reads the database the running bot uses and says whether an instance "
                    "holds the scheduler, since when a refresh runs (or how long the last "
                    "took), when sources were last checked and which fail, how "
                    "long messages have waited to be sent, and how today's LLM calls went. "
                    "Exits 1 when something needs the operator, 0 otherwise. For the "
                    "sources, that is: none configured or none checked yet; none checked for "
                    "three refresh intervals (at least an hour); every source failing, or more "
                    "than half of those read failing three times in a row or for three "
                    "intervals (one error is no outage); none read well for "
                    "three intervals (at least an hour); a refresh running for two intervals "
                    "(at least 5 min), or nothing read for as long since a source fell due (a "
                    "refresh stuck); or sources due "
                    "over an interval (at least 10 min) ago and not read (refreshes that "
                    "cannot keep up). Each failing source is named with how many reads in a "
                    "row failed and when it was last read well.")
    status.set_defaults(handler=cmd_status)

    _add_db_commands(commands)
    return parser


def _add_db_commands(commands: Any) -> None:
    database = commands.add_parser(
        "db", help="upgrade, prune, back up or restore the database, or copy it to another")
    db_actions = database.add_subparsers(dest="action", metavar="ACTION", required=True)
    upgrade = db_actions.add_parser(
        "upgrade", help="apply pending schema migrations (run, fetch and the other commands "
                   "do it too; status never does)")
    _database_option(upgrade)
    upgrade.set_defaults(handler=cmd_db_upgrade)
    copy = db_actions.add_parser(
        "copy", help="copy every row into a new, empty database (e.g. SQLite to PostgreSQL)")
    copy.add_argument("--from", dest="source", metavar="URL",
                      help="the database to read (default: BRIEFING_DATABASE_URL)")
    copy.add_argument("--to", dest="target", metavar="URL", required=True,
                      help="an empty database to write, e.g. postgresql://user@host/db")
    copy.set_defaults(handler=cmd_db_copy)
    prune = db_actions.add_parser(
        "prune", help="delete what is older than BRIEFING_RETENTION_DAYS now (`run` does it "
                      "every 6 hours; for installations driven by cron)")
    _database_option(prune)
    prune.set_defaults(handler=cmd_db_prune)
    saved = db_actions.add_parser(
        "backup", help="copy a SQLite database to FILE while the bot runs (consistent, with "
                       "what its write-ahead log holds)")
    saved.add_argument("file", metavar="FILE", help="the backup file to write")
    _database_option(saved)
    saved.set_defaults(handler=cmd_db_backup)
    restored = db_actions.add_parser(
        "restore", help="put a SQLite backup back in the database's place (stop the bot "
                        "first); checks the backup and drops the old write-ahead log")
    restored.add_argument("file", metavar="FILE", help="the backup file to restore")
    _database_option(restored)
    restored.set_defaults(handler=cmd_db_restore)


def _database_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--database", metavar="URL",
                         help="the database (default: BRIEFING_DATABASE_URL)")


def _language(text: str) -> str:
    """--language, checked as BRIEFING_LANGUAGE is (operator QA: "klingon" was taken)."""
    try:
        return parse_language(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _items(text: str) -> int:
    value = _positive(text)
    if value > MAX_ITEMS:  # said, not quietly capped (review)
        raise argparse.ArgumentTypeError(f"{text} is more than a briefing shows; at most "
                                         f"{MAX_ITEMS}")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


class Console:
    """Where a command writes: results to stdout, messages to stderr."""

    def __init__(self, out: TextIO, err: TextIO, *, notes: bool = True) -> None:
        self.out = out
        self.err = err
        self._notes = notes  # False: errors only

    def print(self, text: str = "") -> None:
        print(text, file=self.out)

    def error(self, text: str) -> None:
        print(f"error: {text}", file=self.err)

    def note(self, text: str) -> None:
        if self._notes:
            print(text, file=self.err)


Handler = Callable[[argparse.Namespace, Settings, Console], Any]


def _globals_first(argv: Sequence[str]) -> list[str]:
    """`--config FILE` and `-v` where they were typed, after the command too: argparse takes
    them only before it (operator QA, stop 59 T4: `briefing-bot brief -v` was "unrecognized
    arguments"). No command has options of those names."""
    front: list[str] = []
    rest: list[str] = []
    words = iter(argv)
    for word in words:
        if word in ("-v", "--verbose") or word.startswith("--config="):
            front.append(word)
        elif word == "--config":
            value = next(words, None)
            front.extend([word] if value is None else [word, value])
        elif word == "--":
            rest.extend([word, *words])
        else:
            rest.append(word)
    return [*front, *rest]


def _dash_values_joined(argv: Sequence[str]) -> list[str]:
    """`--topics -sport` as `--topics=-sport`: argparse reads a value starting with a minus as
    an option (operator QA: an exclusion-only list, as the README writes it, failed). So is
    `--since -2d`, to be told what is wrong with it (reader QA, stop 48)."""
    joined: list[str] = []
    for word in argv:
        # An option ("--json", "-v") is not an exclusion: a single minus and a word (review).
        if (joined and joined[-1] in ("--topics", "--topic") and word.startswith("-")
                and not word.startswith("--") and len(word) > 2):
            joined[-1] = f"--topics={word}"
        elif joined and joined[-1] == "--since" and word[:1] == "-" and word[1:2].isdigit():
            joined[-1] = f"--since={word}"
        else:
            joined.append(word)
    return joined


def run(argv: Sequence[str], environ: Mapping[str, str], *, out: TextIO | None = None,
        err: TextIO | None = None) -> int:
    """Run one command line; returns the exit code."""
    console = Console(out or sys.stdout, err or sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(_dash_values_joined(_globals_first(argv)))
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    try:
        settings = Settings.from_env(environ, args.config)
    except ConfigError as exc:
        console.error(str(exc))
        return EXIT_USAGE
    for problem in unknown_settings(environ):
        console.note(f"warning: {problem}")
    configure_logging(settings, verbose=args.verbose, environ=environ,
                      reports=args.command != "run")
    handler: Handler = args.handler
    try:
        return int(asyncio.run(handler(args, settings, console)))
    except BriefingError as exc:
        # The operator runs these commands: a database failure is told in full (no password).
        console.error(str(exc) if isinstance(exc, StoreError) else exc.user_message)
        if isinstance(exc, TokenRevoked):
            return EXIT_TOKEN
        return EXIT_USAGE if isinstance(exc, ConfigError | StoreError) else EXIT_PARTIAL
    except KeyboardInterrupt:
        console.note("interrupted; what was stored so far is kept")
        return 130


def configure_logging(settings: Settings, *, verbose: bool,
                      environ: Mapping[str, str], reports: bool = False) -> None:
    """The operator's log on standard error: each line with its UTC time, but under systemd,
    whose journal stamps every line itself (it sets JOURNAL_STREAM). Found by operator QA: a
    bot run under nohup or in a container logged lines without any time. `reports`: the
    command says each source's failure itself, so the log does not say it again (operator
    QA, stop 59 T2: `-v fetch` printed every failure twice)."""
    level = logging.INFO if verbose else getattr(logging, settings.log_level.upper(), None)
    if not isinstance(level, int):
        level = logging.WARNING
    handler = logging.StreamHandler()
    handler.setFormatter(log_formatter(environ, _identity(sys.stderr)))
    if reports:
        handler.addFilter(lambda record: not getattr(record, REPORTED, False))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    quiet_libraries()


def log_formatter(environ: Mapping[str, str], stream: str | None) -> logging.Formatter:
    """'2026-12-02T07:30:00Z WARNING briefing_bot.gather: …'; without the time when the log goes
    to the journal: systemd's JOURNAL_STREAM names the journal's "device:inode", which
    `stream` (standard error's, `_identity`) must be (a variable inherited by a process that
    logs to a file does not count: review)."""
    stamped = stream is None or environ.get("JOURNAL_STREAM") != stream
    formatter = logging.Formatter(
        ("%(asctime)s " if stamped else "") + "%(levelname)s %(name)s: %(message)s",
        datefmt="%Y-%m-%dT%H:%M:%SZ")
    formatter.converter = time.gmtime
    return formatter


def _identity(stream: TextIO) -> str | None:
    """A stream's "device:inode", as systemd writes JOURNAL_STREAM; None if it has none."""
    try:
        found = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None
    return f"{found.st_dev}:{found.st_ino}"


class TokenRefusal(logging.Filter):
    """Leaves out PTB's traceback for a refused token (the bot's own line says it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        refused = record.exc_info is not None and record.exc_info[0] is not None and \
            record.exc_info[0].__name__ == "InvalidToken"
        return not refused


class FloodWaits(logging.Filter):
    """PTB's limiter gives up after its retries of a flood wait at ERROR, with a traceback;
    the message is not lost (the outbox sends it later), so it is one WARNING line (operator
    QA: a 20-line traceback in the journal for what needs no action)."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and type(error).__name__ == "RetryAfter":
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.msg, record.args = ("Telegram kept asking to wait (%s); a briefing's "
                                       "message waits in the outbox and is sent later",
                                       (error,))
        return True


class LastRead(logging.Filter):
    """PTB's failed last `get_updates` at a stop (it marks what was read) as one WARNING line
    that says what it means, without its tracebacks (reader and operator QA, stop 77 U2: about
    90 lines of ConnectError when the bot stopped while Telegram was out of reach)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(
                "Error while calling `get_updates` one more time"):
            error = record.exc_info[1] if record.exc_info else None
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.msg, record.args = (
                "stopping: could not tell Telegram which updates were read (%s); it may hand "
                "the last ones over again at the next start",
                (f"{type(error).__name__}: {error}" if error else "no reason given",))
        return True


def quiet_libraries() -> None:
    """Library loggers set for the operator's log (the test suite uses the same settings)."""
    # httpx logs every request URL at INFO; Bot API URLs carry the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # The openai client speaks through httpx2, which logs the same way: an LLM base URL can
    # carry a password or a key in its query (found by operator QA: every call at -v).
    logging.getLogger("httpx2").setLevel(logging.WARNING)
    logging.getLogger("httpcore2").setLevel(logging.WARNING)
    # python-telegram-bot logs the Bot API URL, token and all, at DEBUG ("Set Bot API URL"):
    # an operator turns DEBUG on before pasting a log into an issue (found by operator QA).
    # Never lower than the operator's level, though: at the default WARNING its INFO lines
    # ("Application started") printed (found by operator QA).
    logging.getLogger("telegram").setLevel(max(logging.INFO, logging.getLogger().level))
    # ...but an update its webhook refused for a wrong or missing secret is said only at DEBUG
    # (with the secret sent): the operator hears of it, as a warning without the secret
    # (found by operator QA: replicas with different secrets refused each other's updates,
    # nothing logged at any level).
    webhook = logging.getLogger("telegram.ext.Updater")
    webhook.setLevel(logging.DEBUG)
    if not any(isinstance(f, WebhookRefusals) for f in webhook.filters):
        webhook.addFilter(WebhookRefusals())
    # ...and a token Telegram refuses while polling, with a traceback as PTB ends its polling
    # (the bot says it in one line and stops: bot.token_refused).
    for name in ("telegram.ext", "telegram.ext.Updater"):  # the retry loop; its last read
        ptb = logging.getLogger(name)
        if not any(isinstance(f, TokenRefusal) for f in ptb.filters):
            ptb.addFilter(TokenRefusal())
    # ...and, as it stops, its last call to mark the updates read failing (Telegram out of
    # reach) at ERROR with three chained tracebacks: expected trouble, said in one line.
    updater = logging.getLogger("telegram.ext.Updater")
    if not any(isinstance(f, LastRead) for f in updater.filters):
        updater.addFilter(LastRead())
    limiter = logging.getLogger("telegram.ext.AIORateLimiter")
    if not any(isinstance(f, FloodWaits) for f in limiter.filters):
        limiter.addFilter(FloodWaits())
    # ...and an answer that is not JSON (a proxy's login page) at ERROR with a traceback per
    # request; the bot says what is wrong in one line of its own (bot._connect).
    logging.getLogger("telegram.request").setLevel(logging.CRITICAL)
    # aiosqlite logs every statement it runs at DEBUG: hundreds of lines a minute.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    # Alembic says "Context impl SQLiteImpl." and the like four times at every start, at INFO
    # (operator QA); a schema upgrade is the store's own WARNING.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # trafilatura reports every page it cannot parse, at ERROR level ("empty HTML tree");
    # our own message says it once, so a junk page is not an error in the operator's log.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    # APScheduler logs each run of every job at INFO: the delivery and lease jobs run every
    # few seconds, which buried the bot's own lines in an operator's INFO log (two lines a
    # second in a QA pass). Its warnings (a missed run) and errors still show.
    executors = logging.getLogger("apscheduler.executors")
    executors.setLevel(logging.WARNING)
    # A job the bot's own stop cancelled is no error (the full test suite saw "Error running
    # job … CancelledError" with a traceback when a refused token stopped the bot mid-job).
    for name in ("apscheduler.executors", "apscheduler.executors.default"):
        executor = logging.getLogger(name)
        if not any(isinstance(f, _CancelledJobs) for f in executor.filters):
            executor.addFilter(_CancelledJobs())
    scheduler = logging.getLogger("apscheduler.scheduler")
    scheduler.setLevel(logging.WARNING)
    # ...but a tick skipped because the last one still runs (a long briefing cycle: a local
    # LLM takes minutes) is by design, and was a WARNING every few seconds that looked like a
    # fault (found by operator QA: 28 in one slow cycle).
    if not any(isinstance(f, _SkippedTicks) for f in scheduler.filters):
        scheduler.addFilter(_SkippedTicks())


class WebhookRefusals(logging.Filter):
    """PTB's webhook refusals as one WARNING every few minutes (with the count meanwhile),
    the secret left out; the logger's other lines as its level was before (INFO or the
    operator's level, never DEBUG: those carry update contents and the Bot API URL)."""

    EVERY = 300.0  # seconds between two lines

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        self._last: float | None = None
        self._skipped = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str) or not record.msg.startswith(
                ("Request did not include the secret token", "Request had the wrong secret")):
            return record.levelno >= max(logging.INFO, logging.getLogger().level)
        if logging.getLogger().level > logging.WARNING:  # BRIEFING_LOG_LEVEL=ERROR (review)
            return False
        now = self._clock()
        if self._last is not None and now - self._last < self.EVERY:
            self._skipped += 1
            return False
        self._last, skipped, self._skipped = now, self._skipped, 0
        record.msg = ("refused a webhook update with a wrong or missing secret token: another "
                      "instance with another BRIEFING_WEBHOOK_SECRET registered the webhook, or "
                      "someone else posts to its URL (every replica needs the same secret)%s")
        record.args = (f" ({skipped} more since the last line)" if skipped else "",)
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class _CancelledJobs(logging.Filter):
    """Drops a job's error that is its cancellation by the bot's stop."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info is not None and record.exc_info[0] is not None
                    and issubclass(record.exc_info[0], asyncio.CancelledError))


class _SkippedTicks(logging.Filter):
    """Drops the briefing tick's skips and late starts only (its next tick, seconds later,
    does the work: found by operator QA, "missed by 0:00:01.1"): a skipped lease renewal is
    news, said in the bot's words. A refresh's skip is too, said by the bot with since when
    its refresh runs."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith('Execution of job "lease ') and _SKIPPED in message:
            # Said in the bot's words (reader and operator QA, stop 77 U1: the library's line
            # eleven times in ten minutes under load, then the lease lost for 2 s).
            record.msg, record.args = (
                "the scheduler lease's renewal is late: the last one still runs (a busy "
                "database or machine); if renewals stay late for the lease's length "
                "(BRIEFING_LEASE_SECONDS), another instance may take over its jobs", ())
            return True
        if message.startswith(('Execution of job "deliver ', 'Execution of job "refresh ')):
            # (a refresh's is said by the bot itself, with since when: `jobs.RunRecord`)
            return _SKIPPED not in message
        late = _MISSED_BY.search(message) if message.startswith('Run time of job "deliver') \
            else None
        # Late by seconds: a busy moment. A minute or more still shows (review).
        return late is None or int(late.group(1)) > 0 or int(late.group(2)) > 0


_MISSED_BY = re.compile(r"was missed by (\d+):(\d\d):\d\d")
_SKIPPED = "maximum number of running instances reached"


@contextlib.asynccontextmanager
async def open_store(settings: Settings, *, create: bool = True,
                     upgrade: bool = True) -> AsyncIterator[Store]:
    """The store; `create=False` for commands that only read or change what is there;
    `upgrade=False` leaves an older schema as it is."""
    store = await Store.open(settings.database_url, create=create,
                             revision="head" if upgrade else None)
    try:
        yield store
    finally:
        await store.close()


# -- db ----------------------------------------------------------------------------------------


async def cmd_db_upgrade(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    url = args.database or settings.database_url
    missing = _missing_sqlite_file(url)
    if missing is not None:  # a mistyped path was created and "upgraded" (operator QA)
        console.error(f"{missing} does not exist; nothing to upgrade")
        return EXIT_USAGE
    store = await Store.open(url, revision=None)
    try:
        before = await store.revision()
        head = head_revision()
        if before == head:
            console.note(f"The database is already at the newest schema ({head}).")
            return EXIT_OK
        await store.check_upgrade(before, now=datetime.now(UTC))
        await store.upgrade()
        console.note(f"Upgraded the database from {before or 'empty'} to {head}.")
    finally:
        await store.close()
    return EXIT_OK


# `status` calls a bot unhealthy when no source was checked for this many refresh intervals
# (at least an hour), or a message has waited this long to be sent.
_STALE_REFRESHES = 3
_STALE_OUTBOX = timedelta(hours=1)
# ...or the LLM failed this many calls in a row, the last ones of today.
_FAILED_CALLS = 3
# Answers in a row the check refused before `status` says readers get none of them: a
# summary asked twice each, over a few stories.
_REFUSED_CALLS = 6
_OVERDUE_AT_LEAST = timedelta(minutes=10)  # a busy moment is no backlog
_STUCK_AT_LEAST = timedelta(minutes=5)
# Errors in a row after which a source counts as broken for `status`, not failing once.
_BROKEN_AFTER = 3
_FAILING_SHOWN = 5


async def _telegram_status(settings: Settings, now: datetime, console: Console) -> str | None:
    """Telegram's line of `status`; the problem, if there is one."""
    if not settings.telegram_token:
        console.print("Telegram: not checked (no TELEGRAM_BOT_TOKEN)")
        return None
    from briefing_bot.bot import check_telegram  # noqa: PLC0415 - PTB only when needed
    telegram = await check_telegram(settings, now=now)
    console.print("Telegram: " + (f"reached as {telegram.bot_name}" if telegram.bot_name
                                  else telegram.answer)
                  + (f"; {telegram.note}" if telegram.note else ""))
    return telegram.problem


def _database_shown(url: str) -> str:
    """The database a command read, as an operator finds it: a SQLite file's absolute path
    (a relative one depends on the folder the command ran in), else the URL without its
    password."""
    database = backup.sqlite_file(url)
    return str(database.absolute()) if database is not None else shown_url(url)


async def cmd_status(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """A health check an operator (or their monitoring) can run beside the bot (found by
    operator QA: nothing said whether a running bot was well)."""
    now = utc_now()
    midnight = datetime.combine(now.date(), datetime.min.time(), tzinfo=UTC)
    # A look, not a change (operator QA: run from cron after `pip install --upgrade`, status
    # upgraded the schema under the older bot still running).
    async with open_store(settings, create=False, upgrade=False) as store:
        schema = _schema_problem(await store.revision(), await store.running_bot(now))
        if schema is not None:
            console.print(f"Database: {_database_shown(settings.database_url)}")
            console.error(schema)
            return EXIT_PARTIAL
        lease = await store.lease_holder(SCHEDULER_LEASE)
        run = await store.last_run(REFRESH_RUN)
        sources = await store.list_sources()
        waiting = (await store.delivery_counts(now)).get("pending", 0)
        oldest = await store.oldest_pending_delivery()
        calls = await store.llm_calls_since(midnight)
        readers = await store.subscriber_count()
    problems: list[str] = []
    console.print(f"Database: {_database_shown(settings.database_url)}")
    if lease is not None and lease[1] > now:
        console.print(f"Scheduler: held by {lease[0]} (renewed; runs out {_ago(lease[1], now)})")
    else:
        console.print("Scheduler: no instance holds it")
        problems.append("no running instance holds the scheduler: is `briefing-bot run` "
                        "running on this database?")
    stuck = _refresh_problem(run, lease[0] if lease is not None and lease[1] > now else None,
                             settings, now, console)
    problems += [stuck] if stuck else []
    problems += _source_problems(sources, settings, now, console, stuck_said=bool(stuck))
    console.print(f"Readers: {readers}; messages waiting: {waiting}"
                  + (f", the oldest since {_ago(oldest, now)}" if oldest else ""))
    if oldest is not None and now - oldest > _STALE_OUTBOX:
        problems.append(f"a message has waited {_duration(now - oldest)} to be sent")
    telegram = await _telegram_status(settings, now, console)
    problems += [telegram] if telegram else []
    console.print(f"Summaries: {_engine_shown(settings)}")
    problems += _llm_problems(calls, console, judged=_uses_llm(settings))
    if problems:
        for problem in problems:
            console.error(problem)
        return EXIT_PARTIAL
    console.note("healthy")
    return EXIT_OK


def _schema_problem(revision: str | None, running: tuple[str, datetime] | None) -> str | None:
    """What is wrong with the database's schema revision for this version, if anything;
    `running`, the bot running on it (operator QA: "the running bot is an older version" was
    said with no bot running)."""
    state = schema_state(revision)
    if state == "empty":
        return ("the database is empty (no schema yet): `briefing-bot run` or `fetch` "
                "creates it")
    if state == "behind":
        if running is not None:
            return (f"the database's schema is {revision}; this version of briefing-bot "
                    f"writes {head_revision()}: the running bot ({running[0]}) is an older "
                    "version (restart it on this one, which upgrades the schema)")
        return (f"the database's schema is {revision}; this version of briefing-bot writes "
                f"{head_revision()}, and no bot runs on it: start it on this version, which "
                "upgrades the schema, or run `briefing-bot db upgrade`")
    if state == "ahead":
        return (f"the database's schema is {revision}, newer than this version of "
                f"briefing-bot knows ({head_revision()}): run the newer version's status")
    return None


def _refresh_limit(settings: Settings) -> timedelta:
    """How long a refresh may run before `status` calls it stuck: as long as sources may be
    due and unread (two intervals, at least 5 min)."""
    return max(timedelta(minutes=settings.refresh_minutes) * 2, _STUCK_AT_LEAST)


def _refresh_problem(run: JobRun | None, holder: str | None, settings: Settings,
                     now: datetime, console: Console) -> str | None:
    """The refresh's line of `status` (the run recorded by the instance that holds the
    scheduler: `jobs.RunRecord`), and the problem of one running too long (operator QA, stop
    77: a stuck refresh was inferred from the sources' times, and said nowhere else)."""
    if run is None:
        console.print("Refresh: none recorded yet")
        return None
    began = f"{run.started_at.astimezone(UTC):%H:%M} UTC"
    if run.ended_at is not None:
        console.print(f"Refresh: the last took {_duration(run.ended_at - run.started_at)}, "
                      f"ended {_ago(run.ended_at, now)}")
        return None
    if run.holder != holder:
        # Its instance stopped (or lost the lease) before the end: no refresh runs now.
        console.print(f"Refresh: the last, begun {began} on {run.holder}, did not end (its "
                      "instance stopped, or no longer holds the scheduler)")
        return None
    running = now - run.started_at
    console.print(f"Refresh: running since {began} ({_duration(running)})")
    limit = _refresh_limit(settings)
    if running <= limit:
        return None
    return (f"a refresh has been running since {began} ({_duration(running)}), over "
            f"{_duration(limit)}: it seems stuck (the bot's log says on what), or takes "
            f"longer than BRIEFING_REFRESH_MINUTES ({settings.refresh_minutes}) allows")


def _source_problems(sources: Sequence[Source], settings: Settings, now: datetime,
                     console: Console, *, stuck_said: bool = False) -> list[str]:
    """The sources' lines of `status`, and what among them needs the operator (the rule is
    the command's help: operator QA, stop 76 T11, "healthy" with 5 of 10 sources failing).
    `stuck_said`: a refresh running too long was said (`_refresh_problem`): not twice."""
    problems: list[str] = []
    checked = max((s.last_checked_at for s in sources if s.last_checked_at), default=None)
    succeeded = max((s.last_success_at for s in sources if s.last_success_at), default=None)
    failing = [s for s in sources if s.consecutive_errors]
    read = [s for s in sources if s.last_checked_at is not None]
    console.print(f"Sources: {len(sources)}, {len(failing)} failing; last checked "
                  f"{_ago(checked, now) if checked else 'never'}")
    for source in failing[:_FAILING_SHOWN]:
        since = (f"last read well {_ago(source.last_success_at, now)}" if source.last_success_at
                 else "never read well")
        console.print(f"  failing ({source.consecutive_errors}x, {since}): {source.name}: "
                      f"{source.last_error or 'unknown error'}")
    if len(failing) > _FAILING_SHOWN:
        console.print(f"  … and {len(failing) - _FAILING_SHOWN} more (`briefing-bot sources "
                      "list`)")
    interval = timedelta(minutes=settings.refresh_minutes)
    stale = max(interval * _STALE_REFRESHES, timedelta(hours=1))
    if not sources:
        problems.append("no sources: add some with `briefing-bot sources add URL`")
    elif checked is None:
        problems.append("no source has been checked yet")
    elif now - checked > stale:
        problems.append(f"no source was checked for {_duration(now - checked)}")
    elif len(failing) == len(sources):
        problems.append("every source fails (see above)")
    elif len(broken := [s for s in failing if s.consecutive_errors >= _BROKEN_AFTER or (
            s.last_success_at is None or now - s.last_success_at > stale)]) * 2 > len(read):
        # Failing for a while, not once: a single 503 of one source of two made a healthy bot
        # "unhealthy" (review, stop 76); more than half of those read.
        problems.append(f"{len(broken)} of the {len(read)} sources read keep failing (see "
                        "above): most must be read well")
    elif succeeded is None or now - succeeded > stale:
        problems.append("no source was read well for "
                        f"{_duration(now - succeeded) if succeeded else 'ever'}")
    # Due over an interval ago and not read: the refreshes cannot keep up (operator QA: 200
    # feeds, a refresh over 35 min long at a 5-minute interval, and "healthy").
    due = [(now - s.next_check_at, s.next_check_at, s) for s in sources
           if s.next_check_at is not None]
    late = [lateness for lateness, _, _ in due if lateness > max(interval, _OVERDUE_AT_LEAST)]
    # ...or one refresh stuck: nothing read at all since a source fell due, two intervals
    # ago (operator QA, stop 76 T5: a folder read for ten minutes, every outlet waiting).
    stuck = max(((lateness, s) for lateness, due_at, s in due if checked is not None
                 and checked < due_at and lateness > max(interval * 2, _STUCK_AT_LEAST)),
                default=None, key=lambda one: one[0])
    if stuck is not None and checked is not None:
        if stuck_said:
            return problems
        problems.append(f"no source was read for {_duration(now - checked)}, though "
                        f"{stuck[1].name} fell due {_duration(stuck[0])} ago: a refresh seems "
                        "stuck (the bot's log says on what)")
    elif late and not stuck_said:  # (one problem, one remedy: review, stop 77)
        are = "source is" if len(late) == 1 else "sources are"
        problems.append(f"{len(late)} {are} overdue, by up to {_duration(max(late))}: a "
                        "refresh takes longer than BRIEFING_REFRESH_MINUTES "
                        f"({settings.refresh_minutes}); raise it, or BRIEFING_FETCH_CONCURRENCY")
    return problems


def _engine_shown(settings: Settings) -> str:
    """Which engine these settings summarize with, and where (operator QA: `status` named no
    engine, so a bot running offline because its key was missing looked the same)."""
    try:
        engine = resolve_engine(settings)
    except ConfigError as exc:
        return f"none usable ({exc})"
    if engine == "extractive":
        return "offline (extractive; no LLM configured)" if settings.engine == "auto" else (
            "offline (extractive; BRIEFING_ENGINE)")
    server = (shown_location(shown_url(settings.openai_base_url)) if settings.openai_base_url
              else "OpenAI")
    return f"LLM {settings.model} at {server} (as this command's settings say)"


def _uses_llm(settings: Settings) -> bool:
    try:
        return resolve_engine(settings) != "extractive"
    except ConfigError:
        return True  # a setting wrong for the LLM: its calls say what


def _llm_problems(calls: Sequence[LLMCall], console: Console, *,
                  judged: bool = True) -> list[str]:
    """The LLM's health from today's calls; not `judged` when these settings use none
    (operator QA N5: one failed CLI try of a local model made `status` of a bot that uses
    no LLM unhealthy until midnight)."""
    failed = [call for call in calls if call.error]
    # Answers the check refused count too: "0 failed … healthy" while every answer was
    # refused and readers got offline summaries (reader QA, stop 60 F5).
    refused = collections.Counter(call.rejected.partition(":")[0] for call in calls
                                  if call.rejected and not call.error)
    said_refused = (f", {describe_rejections(dict(refused.most_common()))} answers refused by "
                    "the answer check" if refused else "")
    console.print(f"LLM today: {len(calls)} call{'s' if len(calls) != 1 else ''}, "
                  f"{len(failed)} failed"
                  + (f" (last: {failed[-1].error})" if failed else "") + said_refused
                  + ("" if judged or not (failed or refused)
                     else "; not counted: these settings use no LLM"))
    if not judged:
        return []
    recent = calls[-_FAILED_CALLS:]
    if calls and calls[-1].error and names_a_setting(calls[-1].error):
        # At once (operator QA: a mistyped model stayed "healthy" for ten minutes).
        return [f"the LLM's last call failed: {calls[-1].error}; summaries are made offline "
                "until it is fixed"]
    if len(recent) == _FAILED_CALLS and all(call.error for call in recent):
        return [f"the LLM's last {_FAILED_CALLS} calls failed: {recent[-1].error}; summaries "
                "are made offline"]
    answered = [call for call in calls if not call.error][-_REFUSED_CALLS:]
    if len(answered) == _REFUSED_CALLS and all(call.rejected for call in answered):
        return [f"the LLM's last {_REFUSED_CALLS} answers were all refused by the answer "
                f"check (last: {answered[-1].rejected}); readers get offline summaries (a "
                "larger model may pass: README, local models)"]
    return []


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes // 60} h" if minutes < 48 * 60 else f"{minutes // 1440} days"


def _ago(moment: datetime, now: datetime) -> str:
    """'12 min ago', 'in 40 s'."""
    seconds = (moment - now).total_seconds()
    if seconds > 0:
        return f"in {int(seconds)} s" if seconds < 120 else f"in {_duration(moment - now)}"
    return f"{_duration(now - moment)} ago"


async def cmd_db_prune(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Retention outside `run` (found by operator QA: a fetch-and-brief cron setup never
    pruned, and nothing said so)."""
    url = args.database or settings.database_url
    missing = _missing_sqlite_file(url)
    if missing is not None:  # a mistyped path would be created empty and "pruned" (review)
        console.error(f"{missing} does not exist; nothing to prune")
        return EXIT_USAGE
    store = await Store.open(url)
    try:
        removed = await store.prune(datetime.now(UTC) - timedelta(days=settings.retention_days))
    finally:
        await store.close()
    console.note(f"Removed what is older than {settings.retention_days:g} days: "
                 f"{describe_removed(removed)}.")
    return EXIT_OK


async def cmd_db_backup(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    url = args.database or settings.database_url
    database = backup.sqlite_file(url)
    if database is None:
        console.error("db backup is for SQLite; back up PostgreSQL with pg_dump "
                      "(docs/deploy.md, Backups)")
        return EXIT_USAGE
    size = await asyncio.to_thread(backup.backup, database, Path(args.file))
    console.note(f"Backed up {database} to {args.file} ({size / 1e6:.1f} MB).")
    return EXIT_OK


async def cmd_db_restore(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    url = args.database or settings.database_url
    database = backup.sqlite_file(url)
    if database is None:
        console.error("db restore is for SQLite; restore PostgreSQL with pg_restore "
                      "(docs/deploy.md, Backups)")
        return EXIT_USAGE
    lease = None
    if database.exists():
        # A running bot would write into the restored file from its old state. A database
        # too damaged to say is restored all the same: that is what the backup is for.
        with contextlib.suppress(StoreError):
            store = await Store.open(url, revision=None)
            try:
                lease = await store.running_bot(datetime.now(UTC))
            finally:
                await store.close()
        if lease is not None:
            console.error(f"a bot is running on this database ({lease[0]} holds the scheduler "
                          f"lease until {lease[1]:%H:%M:%S} UTC): stop it, then restore")
            return EXIT_USAGE
    kept = await asyncio.to_thread(backup.restore, Path(args.file), database,
                                   newest=head_revision(), now=datetime.now(UTC))
    console.note(f"Restored {database} from {args.file}"
                 + (f"; the database it replaced is kept as {kept}" if kept else "")
                 + ". Start the bot: briefings it sent after the backup was made are sent "
                   "again.")
    return EXIT_OK


def _missing_sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names, when it does not exist (None: there, or not SQLite)."""
    path = backup.sqlite_file(url)
    return None if path is None or path.exists() else path


async def cmd_db_copy(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    source_url = args.source or settings.database_url
    # A mistyped SQLite path would be created empty and "copied" (found by operator QA:
    # "Copied 0 rows", exit 0, on the migration command).
    missing = _missing_sqlite_file(source_url)
    if missing is not None:
        console.error(f"{missing} does not exist; nothing to copy from")
        return EXIT_USAGE
    # The source is brought to the newest schema first, so both sides have the same tables.
    async with contextlib.AsyncExitStack() as stack:
        source = await Store.open(source_url)
        stack.push_async_callback(source.close)
        # What a running bot writes after the copy would be lost at the switch (operator QA:
        # a reader who subscribed meanwhile was gone); `db restore` refuses alike.
        lease = await source.running_bot(datetime.now(UTC))
        if lease is not None:
            console.error(f"a bot is running on {shown_url(source_url)} ({lease[0]} holds the "
                          f"scheduler lease until {lease[1]:%H:%M:%S} UTC): stop it, then copy")
            return EXIT_USAGE
        target = await Store.open(args.target)
        stack.push_async_callback(target.close)
        if not await target.is_empty():
            console.error(f"{shown_url(args.target)} is not empty; copy into a new database "
                          "so that two installations are never mixed")
            return EXIT_USAGE
        show = console.err.isatty()
        with Progress(TextColumn("{task.description}"), transient=True,
                      disable=not show) as bar:
            task = bar.add_task("copying")

            def advance(table: str, rows: int) -> None:
                bar.update(task, description=f"{table}: {rows} rows")

            copied = await source.copy_to(target, progress=advance)
    total = sum(copied.values())
    console.note(f"Copied {total} rows from {shown_url(source_url)} to {shown_url(args.target)}: "
                 + ", ".join(f"{table} {rows}" for table, rows in copied.items()) + ".")
    return EXIT_OK


# -- fetch -------------------------------------------------------------------------------------


async def add_locations(store: Store, locations: Sequence[str], console: Console,
                        now: datetime, settings: Settings | None = None,
                        ) -> tuple[list[Source], int, set[int]]:
    """Add sources named on the command line, printing each problem; returns them, the
    number of problems, and the web feeds named (not through an OPML file) that are new."""
    # Feed files and folders are checked as `sources add` checks them (operator QA, stop 76
    # T5: `fetch /etc/passwd /tmp` said nothing for two minutes).
    added = await source_admin.add(store, locations, now=now, settings=settings)
    for problem in added.problems:
        console.error(problem)
    named = {where.strip() for where in locations}
    new = {source.id for source, created in added.sources if created
           and source.kind is SourceKind.FEED and source.location in named}
    return [source for source, _ in added.sources], len(added.problems), new


async def fetch_into(
    store: Store, settings: Settings, sources: Sequence[Source], console: Console, *,
    embedder: Embedder | None,
) -> FetchReport:
    """Fetch sources with a progress bar on a terminal."""
    async with source_client(settings) as http:
        show = console.err.isatty() and len(sources) > 1
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      transient=True, disable=not show) as bar:
            task = bar.add_task("fetching", total=len(sources))

            def advance(outcome: SourceOutcome) -> None:
                bar.update(task, advance=1, description=outcome.source.name[:40])

            # With an embedder, reports of one event in other languages join one story, as
            # in `run`; the vectors are kept in the store for the next run.
            keeper = StoryKeeper(store, settings, embedder=embedder)
            return await refresh(store, http, settings, sources, clock=utc_now,
                                 keeper=keeper, progress=advance)


def report_fetch(report: FetchReport, console: Console) -> int:
    for outcome in report.outcomes:
        if outcome.error is not None:
            console.error(f"{outcome.source.name}: {outcome.error}")
        if outcome.removed:
            console.note(f"{outcome.source.name}: removed while it was being read; nothing of "
                         "it is stored")
        for problem in outcome.problems:
            if problem.startswith(REFILE_REFUSED):
                console.error(f"{outcome.source.name}: {problem}")
            else:
                console.note(f"warning: {outcome.source.name}: {problem}")
    errors = len(report.errors)
    unchanged = sum(1 for outcome in report.outcomes if outcome.not_modified)
    sources = len(report.outcomes)
    line = (f"Fetched {sources} source{'s' if sources != 1 else ''}: "
            f"{report.new_articles} new article{'s' if report.new_articles != 1 else ''}, "
            f"{report.new_stories} new stor{'ies' if report.new_stories != 1 else 'y'}, "
            f"{errors} error{'s' if errors != 1 else ''}")
    if unchanged:
        line += f" ({unchanged} unchanged since last time)"
    if report.duplicates:
        # Said, not silent: items already stored, or the same item twice in this fetch. Not
        # "duplicates": a feed's items seen at the last fetch made an operator look for two
        # feeds carrying one article (operator QA, stop 52 F18).
        line += (f"; {report.duplicates} item{'s' if report.duplicates != 1 else ''} "
                 "already stored")
    console.note(line + ".")
    # Stories left unfiled count too (operator QA N13: `fetch` exited 0 after "the database
    # refused re-filing its stories", and a script checking the code saw success).
    unfiled = any(outcome.unfiled for outcome in report.outcomes)
    return EXIT_PARTIAL if errors or unfiled else EXIT_OK


async def cmd_fetch(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    if args.quiet:
        console = Console(io.StringIO(), console.err, notes=False)
    async with open_store(settings) as store:
        now = utc_now()
        failures = 0
        added: set[int] = set()
        if args.sources:
            sources, failures, added = await add_locations(store, args.sources, console, now,
                                                          settings)
        elif args.all:
            sources = await store.list_sources()
        else:
            sources = await store.due_sources(now)
        if not sources:
            if failures:
                return EXIT_PARTIAL
            if not await store.list_sources():
                console.note("No sources yet. Add one with `briefing-bot sources add URL`, "
                             "or see the samples with `briefing-bot demo`.")
            else:
                console.note("No source is due yet (use --all to fetch them anyway).")
            return EXIT_OK
        async with open_embedder(settings, store, clock=utc_now) as embedder:
            report = await fetch_into(store, settings, sources, console, embedder=embedder)
        # A web feed this command added whose read failed for good (a wrong address, a page
        # that is no feed) is not kept, as `sources add` keeps none (operator QA: they were
        # retried forever); one whose server fails now stays, to be tried again.
        refused = [outcome for outcome in report.outcomes
                   if outcome.source.id in added and outcome.lasting]
        for outcome in refused:
            await store.remove_source(outcome.source.id)
    code = report_fetch(report, console)
    for outcome in refused:  # an error line: --quiet keeps it
        console.error(f"{shown_location(outcome.source.location)}: not added (a lasting failure; "
                      "`sources add` reads a feed before adding it)")
    return EXIT_PARTIAL if failures else code


# -- sources -----------------------------------------------------------------------------------


async def cmd_sources_add(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    # Web feeds are read once before they are added (`--no-check`: added unread, as files,
    # folders and OPML lists always are).
    locations = [where.strip() for where in args.locations]
    web = [] if args.no_check else [where for where in locations if is_web_url(where)]
    # ...and an OPML file's feeds, as `sources import` reads them.
    lists = [] if args.no_check else [where for where in locations if not is_web_url(where)
                                      and Path(where).is_file() and is_opml_file(Path(where))]
    refused = 0
    guard = Guard(allowed_networks=settings.source_allow_networks)
    async with open_store(settings) as store:
        added = await source_admin.add(
            store, [where for where in locations if where not in web and where not in lists],
            now=utc_now(), guard=guard, settings=None if args.no_check else settings)
        if lists:
            async with source_client(settings) as http:
                for where in lists:
                    try:
                        listed = await source_admin.import_feeds(
                            store, where, http=http, settings=settings, guard=guard,
                            now=utc_now(), concurrency=min(settings.fetch_concurrency, 8))
                    except (SourceError, OSError) as exc:
                        listed = source_admin.Added(problems=(
                            f"{where}: {getattr(exc, 'user_message', None) or exc}",))
                    added = source_admin.Added(
                        added.sources + listed.sources,
                        added.problems + tuple(f"{where}: {problem}"
                                               for problem in listed.problems),
                        added.notes + tuple(f"{where}: {note}" for note in listed.notes))
        for problem in added.problems:
            console.error(problem)
        for note in added.notes:
            console.note(note)
        if any(": not added: " in problem for problem in added.problems):
            console.note("(`sources add --no-check` adds a source without reading it)")
        for source, created in added.sources:
            console.print(f"{'added' if created else 'already there'}: [{source.id}] "
                          f"{shown_location(source.location)}")
        if web:
            async with source_client(settings) as http:
                for url in web:
                    checked = await source_admin.add_feed(
                        store, url, http=http, settings=settings, now=utc_now())
                    if checked.source is None:
                        refused += 1
                        console.error(f"{shown_location(url)}: {checked.note}")
                        continue
                    console.print(f"{'added' if checked.created else 'already there'}: "
                                  f"[{checked.source.id}] "
                                  f"{shown_location(checked.source.location)} · "
                                  f"{checked.note}")
    return EXIT_PARTIAL if added.problems or refused else EXIT_OK


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def _source_json(source: Source) -> dict[str, Any]:
    return {
        "id": source.id, "location": source.location, "kind": source.kind.value,
        "title": source.title, "last_success_at": _iso(source.last_success_at),
        "last_checked_at": _iso(source.last_checked_at),
        "next_check_at": _iso(source.next_check_at),
        "consecutive_errors": source.consecutive_errors, "last_error": source.last_error,
        # The language its feed declares (None: undeclared, each report's own is read):
        # an operator checks why a short report was read as, say, German.
        "language": source.language,
    }


async def cmd_sources_list(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    async with open_store(settings, create=False) as store:
        sources = await store.list_sources()
    if args.json:
        console.print(json.dumps([_source_json(s) for s in sources], indent=2))
        return EXIT_OK
    if not sources:
        console.note("No sources yet. Add one with `briefing-bot sources add URL`.")
        return EXIT_OK
    for source in sources:
        state = source_admin.health(source)
        if source.consecutive_errors:  # the error itself is on its own line below
            state = f"failing ({source.consecutive_errors}x)"
        declared = f", in {source.language}" if source.language else ""
        console.print(f"[{source.id}] {source.name}  ({source.kind.value}{declared}, {state})")
        if source.title:
            console.print(f"    {source.location}")
        console.print(f"    last success: {_when(source.last_success_at)}; "
                      f"next check: {_when(source.next_check_at)}")
        if source.last_error:
            said = "last error" if source.consecutive_errors else "last read, a problem"
            console.print(f"    {said}: {source.last_error}")
    return EXIT_OK


async def cmd_sources_remove(
    args: argparse.Namespace, settings: Settings, console: Console
) -> int:
    failures = 0
    async with open_store(settings, create=False) as store:
        wanted_all: list[str] = args.sources
        # Several sources are given by their numbers or addresses; words are one source's
        # name, typed without quotes ("sources remove Metro Post": reader QA, stop 53 F15, was
        # told there was no source 'Metro', nor 'Post'; "France 2" is no source #2: review).
        if not all(_number_or_address(wanted) for wanted in wanted_all):
            # (each word a source's name of its own, as "sources remove Reuters AP": second
            # review)
            listing, joined = await store.list_sources(), " ".join(wanted_all)
            if _named(listing, joined) or not all(_named(listing, w) for w in wanted_all):
                wanted_all = [joined]
        for wanted in wanted_all:
            try:
                removed = await source_admin.remove(store, wanted)
            except SourceError as exc:
                console.error(exc.user_message)
                failures += 1
                continue
            console.print(f"removed: {removed.note()}")
    return EXIT_PARTIAL if failures else EXIT_OK


def _number_or_address(wanted: str) -> bool:
    return wanted.isdigit() or any(mark in wanted for mark in "/.:")


def _named(sources: Sequence[Source], wanted: str) -> bool:
    try:
        return source_admin.find(sources, wanted) is not None
    except SourceError:
        return True  # several sources have that name: `remove` says which


async def cmd_sources_import(
    args: argparse.Namespace, settings: Settings, console: Console
) -> int:
    path: Path = args.file
    if path.is_dir():  # operator QA: "no such file" for a folder
        console.error(f"{path} is a folder; import reads an OPML file (add a folder of "
                      "articles with `briefing-bot sources add`)")
        return EXIT_USAGE
    if not path.is_file():
        console.error(f"cannot read {path}: no such file")
        return EXIT_PARTIAL
    # `import` reads OPML only (found by operator QA: /etc/passwd was added as a feed file);
    # `sources add` takes a feed file.
    if not is_opml_file(path):
        console.error(f"{path} is not an OPML file; add a feed file with "
                      "`briefing-bot sources add`")
        return EXIT_USAGE
    guard = Guard(allowed_networks=settings.source_allow_networks)
    async with open_store(settings) as store:
        if args.no_check:
            added = await source_admin.add(store, [str(path)], now=utc_now(), guard=guard)
        else:
            try:
                async with source_client(settings) as http:
                    added = await source_admin.import_feeds(
                        store, str(path), http=http, settings=settings, guard=guard,
                        now=utc_now(), concurrency=min(settings.fetch_concurrency, 8))
            except SourceError as exc:  # the file itself cannot be read, or is no OPML
                added = source_admin.Added(problems=(exc.user_message,))
            except OSError as exc:
                added = source_admin.Added(problems=(f"cannot read {path}: "
                                                     f"{exc.strerror or exc}",))
    for problem in added.problems:
        # Each names the file (operator QA: "not a valid OPML file: unclosed token…" did not).
        console.error(problem if str(path) in problem else f"{path}: {problem}")
    for note in added.notes:
        console.note(f"{path}: {note}")
    if not added.sources:
        # Not "Imported 0 feeds … 1 skipped" after "not a valid OPML file" (operator QA); but
        # a list whose every feed was refused says so once (reader QA, stop 51: six refusals
        # and no line saying that nothing was imported).
        if not added.problems:
            console.error(f"{path.name} lists no feeds")
        elif len(added.problems) > 1 or added.problems[0].startswith("outline "):
            console.error(f"Imported no feed from {path.name}: {len(added.problems)} skipped.")
        return EXIT_PARTIAL
    new = sum(created for _, created in added.sources)
    console.note(f"Imported {len(added.sources)} feed{'s' if len(added.sources) != 1 else ''} "
                 f"from {path.name}: {new} new, "
                 f"{len(added.sources) - new} already there, "
                 f"{len(added.problems)} skipped"
                 # (said, when they were not read: operator QA, stop 76 T6)
                 + ("; none was read to check it (--no-check): each is read at the next "
                    "fetch." if args.no_check else "."))
    return EXIT_PARTIAL if added.problems else EXIT_OK


async def cmd_sources_export(
    args: argparse.Namespace, settings: Settings, console: Console
) -> int:
    async with open_store(settings, create=False) as store:
        sources = await store.list_sources()
    feeds = [OPMLFeed(url=s.location, title=s.title) for s in sources if s.kind is SourceKind.FEED]
    local = len(sources) - len(feeds)
    document = render_opml(feeds, now=utc_now())
    if (args.output and args.output.exists() and args.output.stat().st_size
            and not is_opml_file(args.output)):
        # Operator QA: "-o briefing.db" replaced the database with the OPML document. Only an
        # earlier export is written over.
        console.error(f"{args.output} exists and is no OPML document (an earlier export): "
                      "not written over; name another file")
        return EXIT_USAGE
    if args.output:
        try:
            args.output.write_text(document, encoding="utf-8")
        except OSError as exc:  # operator QA: a traceback for a missing folder
            console.error(f"cannot write {args.output}: {exc.strerror or exc}")
            return EXIT_USAGE
        console.note(f"Wrote {len(feeds)} feeds to {args.output}.")
    else:
        console.out.write(document)
    if local:
        console.note(f"note: {local} local source(s) (files, folders) are not web feeds "
                     "and were left out.")
    return EXIT_OK


# -- stories -----------------------------------------------------------------------------------


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _apart(story: Story, led: Story | None) -> frozenset[int]:
    """The story's articles its item shows as related: those of another event than its title's
    (`shown_apart`); for an item led by its related reports (`led`: `briefing.led_by_related`),
    the story's own reports and those the led reports set apart."""
    if led is None:
        return shown_apart(story)
    leading = {article.id for article in led.articles} - shown_apart(led)
    return frozenset(article.id for article in story.articles) - leading


def story_json(story: Story, led: Story | None = None) -> dict[str, Any]:
    """A story as `stories --json` lists it; `led`: the story as an item led by its related
    reports shows it (`briefing.led_by_related`), whose headline and count it then gives."""
    others = _apart(story, led)
    shown = led or story
    return {
        # The outlets telling its title's event, as a briefing counts them (reader QA: "2
        # sources" here, "1 source" in the briefing); `outlets`: all it has articles from.
        "id": story.id, "title": shown.title, "source_count": event_outlets(shown),
        "outlets": story.source_count,
        "first_seen_at": _iso(story.first_seen_at), "updated_at": _iso(story.updated_at),
        # When its newest article appeared (its outlet's date, else when fetched): the
        # story's age to a reader. `updated_at` is when the bot last changed it, which after
        # a first fetch is that fetch's time for every story (reader QA, stop 48 F13).
        "latest_report_at": _iso(story.latest),
        # The categories an LLM named with the story's summary (None: not asked yet, or
        # offline); when present they decide the story's category topics.
        "llm_categories": list(story.categories) if story.categories else None,
        # When readers were first told its event, by a story of days before (retold.py).
        "first_told_at": _iso(story.first_told_at),
        "first_told_title": story.first_told_title,
        "articles": [
            {"id": a.id, "title": a.title, "url": a.url, "source": a.source_name,
             "published_at": _iso(a.published_at), "fetched_at": _iso(a.fetched_at),
             "input_kind": a.kind.value,
             # The item had no headline: its title was made from its text.
             "title_from_text": not a.titled,
             # Filed with the story but telling another event than its title's: a briefing
             # shows it as related, not as a source (summaries.shown_apart).
             "other_event": a.id in others}
            for a in story.articles
        ],
    }


def render_story_text(number: int, story: Story, led: Story | None = None) -> str:
    """A story as `stories` lists it; `led`: as `story_json` takes it."""
    count = event_outlets(led or story)
    others = _apart(story, led)
    lines = [f"{number}. {(led or story).title}"]
    if led is not None:
        lines.append(f"   led by its related reports; the story's own title: {story.title}")
    lines.append(f"   {count} source{'s' if count != 1 else ''} · "
                 f"latest report {_when(story.latest)}")
    for article in story.articles:
        lines.append(f"   - {article.title}"
                     + (" (another event: shown as related)" if article.id in others else ""))
        lines.append(f"     {article.source_name} · {_when(article.time)} · "
                     f"{_KIND_LABELS[article.kind]}")
        if article.url:
            lines.append(f"     {article.url}")
    return "\n".join(lines)


def print_stories(stories: Sequence[Story], console: Console, *, as_json: bool) -> None:
    if as_json:
        console.print(json.dumps([story_json(story) for story in stories], indent=2,
                                 ensure_ascii=False))
        return
    for number, story in enumerate(stories, start=1):
        console.print(render_story_text(number, story))
        console.print()


async def cmd_stories(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    if args.topics:
        return await _matching_stories(args, settings, console)
    async with open_store(settings, create=False) as store:
        stories = await store.stories_since(utc_now() - args.since, limit=args.limit)
        older = [] if stories or args.json else await store.stories_since(
            utc_now() - _LONGEST, limit=1)
    print_stories(stories, console, as_json=args.json)
    if not stories and not args.json:
        # Outlets' dates count, not when they were fetched (operator QA: right after fetching
        # the week-old sample feeds, "Fetch some" was the wrong advice).
        console.note("No stories in that time by the outlets' dates; older ones are there: "
                     "try a longer --since, such as 30d." if older else
                     "No stories in that time. Fetch some with `briefing-bot fetch`.")
    return EXIT_OK


def _topics_option(args: argparse.Namespace, console: Console,
                   language: str | None = None) -> TopicFilter | None:
    """The `--topics` list, or None (said on stderr) when it holds something not a topic."""
    try:
        # (read in the briefing's language, as a reader's are in theirs: `updates.topics_of`)
        reader = getattr(args, "language", None) or language
        refuse_links(args.topics)
        parsed = parse_topics(args.topics, reader)
        listed = topic_list(args.topics)
        refuse_contradictions(listed)
        refuse_common(listed, reader)
    except (ValueError, TopicsError) as exc:
        console.error(f"--topics: {exc}")
        return None
    return parsed


async def _matching_stories(args: argparse.Namespace, settings: Settings,
                            console: Console) -> int:
    """`stories --topics`: every story the topics match, best first, with `topic`, `score` and
    `why`, through the same matching a reader's briefing uses."""
    topics = _topics_option(args, console, settings.language)
    if topics is None:
        return EXIT_USAGE
    now = utc_now()
    async with open_store(settings, create=False) as store, open_embedder(settings, store,
                                                            clock=utc_now) as embedder:
        stories = await store.stories_since(now - args.since)
        matcher = TopicMatcher(embedder)
        found = await matching(stories, topics, matcher)
        if topics.include:  # each read as told, as a briefing reads those it shows
            found = await told_again([match.story for match in found], topics, matcher)
        language = args.language or settings.language
        found = sorted(found, key=lambda m: rank(m, now, language), reverse=True)[:args.limit]
        # As a reader's item shows it: a story matched by its related reports alone is led by
        # them, their headline, count and why (reader QA, stop 71: listed under its own title
        # "in a report under Related", it was not what the reader got).
        found, whole = await led_matches(found, topics, matcher)
    listed = [(whole.get(m.story.id, m.story), m.story if m.story.id in whole else None, m)
              for m in found]
    if args.json:
        console.print(json.dumps([
            {**story_json(story, led), "topic": m.topic, "score": round(m.strength, 3),
             "why": m.why, "led_by_related": led is not None, "story_title": story.title}
            for story, led, m in listed], indent=2, ensure_ascii=False))
        return EXIT_OK
    for number, (story, led, m) in enumerate(listed, start=1):
        console.print(render_story_text(number, story, led))
        console.print(f"   matched {m.topic or 'everything'}: {m.why or 'no topics'} "
                      f"(score {m.strength:.2f})")
        console.print()
    if not found:
        console.note("No story matches those topics in that time.")
    return EXIT_OK


# -- demo --------------------------------------------------------------------------------------


def sample_locations() -> list[str]:
    """The bundled sample sources: feed files in several formats and a folder of articles."""
    root = resources.files("briefing_bot") / "samples"
    return sorted(str(root / entry.name) for entry in root.iterdir()
                  if entry.is_dir() or entry.name.endswith((".xml", ".atom", ".json", ".rdf")))


DEMO_TOPICS = "earthquake, interest rate, tram, cup, farmers, japan, -drought"
# How long after the newest sample report the demo's briefing is made.
_DEMO_AFTER = timedelta(hours=2)


def sample_moment(stories: Sequence[Story]) -> datetime:
    """When the demo's briefing is made: a little after the newest sample report (now, if
    that is sooner: samples dated ahead)."""
    newest = max((article.time for story in stories for article in story.articles),
                 default=utc_now())
    return min(newest + _DEMO_AFTER, utc_now())


async def cmd_demo(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """The bundled samples into a temporary database, then a briefing on sample topics."""
    with tempfile.TemporaryDirectory(prefix="briefing-bot-demo-") as folder:
        demo_settings = dataclasses.replace(
            settings, data_dir=Path(folder), database_url=f"sqlite:///{Path(folder) / 'demo.db'}",
            fetch_pages=False)
        async with open_services(demo_settings, clock=utc_now) as services:
            sources, failures, _ = await add_locations(
                services.store, sample_locations(), console, utc_now())
            report = await fetch_into(services.store, demo_settings, sources, console,
                                      embedder=services.matcher.embedder)
            code = report_fetch(report, console)
            stories = await services.store.stories_since(datetime.min.replace(tzinfo=UTC))
            several = sum(1 for story in stories if event_outlets(story) > 1)
            console.note(f"{len(stories)} stories from {report.new_articles} articles; "
                         f"{several} told by several outlets.")
            # The samples carry fixed dates: briefed as of their day, not today, or every
            # story would be "reported 8 days ago" (a year later, 373), the first thing a new
            # operator sees (operator QA).
            moment = sample_moment(stories)
            console.note(f"Briefing for the topics: {DEMO_TOPICS}, as of "
                         f"{moment:%d %B %Y, %H:%M} UTC (the samples' day)\n")
            briefing = await _brief(
                demo_settings, services, topics=parse_topics(DEMO_TOPICS),
                since=datetime.min.replace(tzinfo=UTC), language=settings.language,
                console=console, now=moment)
        if briefing.more:
            # (the chat's "/more" is no command here, and the demo's database is gone when it
            # ends: operator QA, stop 59 F5)
            console.out.write(render_text(briefing, more_line=False))
            console.note(f"{briefing.more} more {'story' if briefing.more == 1 else 'stories'} "
                         f"past the length budget (BRIEFING_ITEMS="
                         f"{demo_settings.briefing_items})")
        else:
            print_briefing(briefing, console, "text")
    return EXIT_PARTIAL if failures else code


# -- summarize and brief -----------------------------------------------------------------------

def _fallback_note(console: Console, fallback: str | None) -> None:
    if fallback:
        console.note(f"note: summarized offline: {fallback}")


async def _report_llm_use(services: Services, console: Console) -> None:
    """What this command paid the LLM for, call by call (not a running bot's calls recorded
    in the same database meanwhile)."""
    calls = list(services.llm.calls) if services.llm else []
    if not calls:
        return
    for call in calls:
        console.note(f"llm {call.task} {call.model}: {call.prompt_tokens} prompt + "
                     f"{call.completion_tokens} completion tokens, {call.duration_ms} ms"
                     + (f", error: {call.error}" if call.error else "")
                     + (f", answer rejected: {call.rejected}" if call.rejected else ""))
    prompt = sum(c.prompt_tokens for c in calls)
    completion = sum(c.completion_tokens for c in calls)
    cost = sum(c.cost_usd for c in calls)
    reasons = collections.Counter(c.rejected.partition(":")[0] for c in calls if c.rejected)
    rejected = describe_rejections(dict(reasons.most_common()))
    console.note(f"LLM: {len(calls)} call(s), {prompt} prompt + {completion} completion "
                 f"tokens{', ' + services.llm.cost_said(cost, places=4) if services.llm else ''}"
                 f"; answers rejected by the check: {rejected}")


async def cmd_summarize(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    if is_web_url(args.source):
        async with user_client(settings) as http:
            try:
                given = await inputs.fetch_link(
                    args.source, http=http, settings=settings,
                    guard=Guard(allowed_networks=settings.fetch_allow_networks))
            except UnsafeURL as exc:
                if not exc.private:
                    raise
                # The operator may allow it, as `sources add` says of its own setting
                # (operator QA, stop 45).
                raise UnsafeURL(f"{exc} (BRIEFING_FETCH_ALLOW_NETWORKS can allow a private "
                                "network)") from exc
    else:
        given = inputs.read_local(args.source, settings=settings)
        if given.warning:
            console.note(f"warning: {given.warning}")
    language = args.language or settings.language
    max_words = args.max_words or inputs.summary_words(settings)
    with contextlib.ExitStack() as scratch:
        if (file := backup.sqlite_file(settings.database_url)) is not None and not file.exists():
            # No bot's database here to share the LLM's budget and cache with: a temporary
            # one, not an empty database left behind (operator QA).
            folder = Path(scratch.enter_context(
                tempfile.TemporaryDirectory(prefix="briefing-bot-summarize-")))
            settings = dataclasses.replace(
                settings, database_url=f"sqlite:///{folder / 'summarize.db'}")
        async with open_services(settings, clock=utc_now, engine=args.engine) as services:
            with Progress(TextColumn("summarizing {task.description}"), transient=True,
                          disable=not console.err.isatty()) as bar:
                bar.add_task(f"{len(given.text.split()):,} words")
                summary = await inputs.summarize_input(services.summarizer, given,
                                                       language=language, max_words=max_words)
            if args.verbose:
                await _report_llm_use(services, console)
            # What the LLM was paid for, answers the check refused too (reader QA: "tokens"
            # said 0 after two refused calls of 1,289 prompt tokens).
            calls = list(services.llm.calls) if services.llm else []
    if args.json:
        console.print(json.dumps({
            "summary": summary.text, "engine": summary.engine,
            "input": {"kind": given.kind, "source": None if given.kind == "stdin" else
                      args.source, "words": len(given.text.split()),
                      "partial": given.partial},
            "tokens": {"prompt": sum(call.prompt_tokens for call in calls),
                       "completion": sum(call.completion_tokens for call in calls)},
            "fallback": summary.fallback, "language": summary.language,
        }, ensure_ascii=False, indent=2))
    else:
        console.print(summary.text)
    _fallback_note(console, summary.fallback)
    if given.partial:
        console.note(f"note: summarized {_PARTIAL_NOTES[given.partial]}")
    if summary.language != language:
        console.note(f"note: the offline summarizer does not translate; this summary is in "
                     f"{language_name(summary.language)}")
    if inputs.came_back_whole(summary, given):
        console.note("note: the whole text: it is already short")
    # Asked for the LLM and given the offline summary: a script should know (operator QA).
    asked_llm = (args.engine or settings.engine) == "llm"
    return EXIT_PARTIAL if asked_llm and summary.fallback else EXIT_OK


async def _brief(store_settings: Settings, services: Services, *, topics: TopicFilter,
                 since: datetime, language: str, console: Console,
                 now: datetime | None = None, items: int | None = None) -> Briefing:
    show = console.err.isatty()
    with Progress(TextColumn("summarizing"), BarColumn(), MofNCompleteColumn(),
                  transient=True, disable=not show) as bar:
        task = bar.add_task("summarizing", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return await build_briefing(
            services.store, services.summarizer, topics=topics, since=since,
            now=now or utc_now(), language=language, max_words=store_settings.summary_words,
            progress=advance, matcher=services.matcher,
            max_items=items or store_settings.briefing_items)


def print_briefing(briefing: Briefing, console: Console, output: str, *,
                   items_option: bool = False) -> None:
    if output == "text" and briefing.more and items_option:
        # The chat's "/more" is no command here (reader QA, stop 49): say how to list them.
        shown = sum(len(section.items) for section in briefing.sections)
        console.out.write(render_text(briefing, more_line=False))
        also = f" (also {', '.join(briefing.waiting)})" if briefing.waiting else ""
        # (past the most a briefing lists, more --items cannot help: reader QA, stop 55 F14)
        if shown + briefing.more <= MAX_ITEMS:
            how = f"add --items {shown + briefing.more}"
        elif shown >= MAX_ITEMS:
            how = (f"at most {MAX_ITEMS} are listed at once, so narrow them with --topics or "
                   "--since")
        else:
            how = (f"add --items {MAX_ITEMS} for the first {MAX_ITEMS}, or narrow them with "
                   "--topics or --since")
        console.note(f"{briefing.more} more {'story' if briefing.more == 1 else 'stories'}"
                     f"{also}: to list them too, {how}")
    elif output == "json":
        console.print(render_json(briefing))
    elif output == "html":
        messages = render_html(briefing)
        for number, message in enumerate(messages, start=1):
            if len(messages) > 1:
                console.print(f"--- message {number} of {len(messages)} ---")
            console.print(message)
    else:
        console.out.write(render_text(briefing))
    fallbacks = {item.fallback for s in briefing.sections for item in s.items if item.fallback}
    for reason in sorted(fallbacks):
        _fallback_note(console, reason)


async def cmd_brief(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    topics = _topics_option(args, console, settings.language)
    if topics is None:
        return EXIT_USAGE
    started = utc_now()
    # A mistyped path must not read as an empty news day (operator QA: `brief` made the file
    # and printed "Nothing new", exit 0): only `fetch`, `run` and `sources add` create it.
    async with open_services(settings, clock=utc_now, engine=args.engine,
                             create=False) as services:
        briefing = await _brief(settings, services, topics=topics, since=started - args.since,
                                language=args.language or settings.language, console=console,
                                items=args.items)
        # No story in the window at all, but older ones: said as `stories` says it (operator
        # QA, stop 59 T6: "Nothing new since…" alone, right after fetching week-old feeds).
        older = not briefing.any_news and bool(await services.store.stories_since(
            started - _LONGEST, limit=1))
        if args.verbose:
            await _report_llm_use(services, console)
    print_briefing(briefing, console, args.format, items_option=True)
    if older:
        console.note("No stories in that time by the outlets' dates; older ones are there: "
                     "try a longer --since, such as 30d.")
    return EXIT_OK


GET_A_BOT = """\
The Telegram bot needs a token. To get one:
  1. In Telegram, open a chat with @BotFather and send /newbot.
  2. Choose a name and a username; BotFather answers with a token like 123456:ABC-DEF...
  3. Run: TELEGRAM_BOT_TOKEN=<your token> briefing-bot run
To see what the bot does without Telegram, try `briefing-bot demo`."""


async def cmd_run(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """The bot and the scheduler in one event loop, until SIGINT or SIGTERM."""
    from briefing_bot.bot import serve  # noqa: PLC0415 - keep the other commands' start-up light

    if not settings.telegram_token:
        console.note(GET_A_BOT)
        return EXIT_USAGE
    await serve(settings, clock=utc_now, say=console.note, new_bot=args.new_bot)
    return EXIT_OK
