"""Settings: read once, from an explicit mapping (the environment) and an optional TOML file."""

from __future__ import annotations

import dataclasses
import difflib
import ipaddress
import math
import re
import tomllib
import urllib.parse
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import url as sa_url

from briefing_bot import __version__
from briefing_bot.errors import ConfigError
from briefing_bot.models import NEWS_MAX_AGE
from briefing_bot.prompts import language_code

ENGINES = ("auto", "llm", "extractive")
# The templates live in the top-level prompts/ folder; briefing_bot/prompt_templates links to it so
# that an installed wheel (package data) carries them too.
PROMPTS_DIR = Path(__file__).resolve().parent / "prompt_templates"
USER_AGENT = f"briefing-bot/{__version__} (+https://github.com/briefing-bot/briefing-bot)"


def _parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"expected true or false, got {text!r}")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"must be a positive whole number, got {text!r}") from None
    if value <= 0:
        raise ValueError(f"must be a positive whole number, got {text!r}")
    return value


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"must be zero or a positive whole number, got {text!r}") from None
    if value < 0:
        raise ValueError(f"must be zero or more, got {text!r}")
    return value


def _id_list(text: str) -> frozenset[int]:
    try:
        return frozenset(int(part) for part in text.replace(" ", ",").split(",") if part)
    except ValueError as exc:
        raise ValueError(f"expected comma-separated numeric ids, got {text!r}") from exc


def _id_list_text(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.replace(" ", ",").split(",") if part)


def _networks(text: str) -> tuple[str, ...]:
    """Comma-separated networks (10.0.0.0/8, fd00::/8, 192.168.1.5), checked at start-up."""
    parts = _id_list_text(text)
    for part in parts:
        try:
            ipaddress.ip_network(part, strict=False)
        except ValueError as exc:
            raise ValueError(f"{part!r} is not a network such as 10.0.0.0/8") from exc
    return parts


def _engine(text: str) -> str:
    value = text.strip().lower()
    if value not in ENGINES:
        raise ValueError(f"must be one of {', '.join(ENGINES)}, got {text!r}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"must be a positive number, got {text!r}") from None
    if not value > 0 or value == float("inf"):  # also refuses nan and inf
        raise ValueError(f"must be a positive number, got {text!r}")
    return value


def _non_negative_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"must be a number, 0 or more, got {text!r}") from None
    if not value >= 0 or value == float("inf"):  # also refuses nan and inf
        raise ValueError(f"must be a number, 0 or more, got {text!r}")
    return value


def _between(low: float, high: float, parse: Callable[[str], Any], unit: str
             ) -> Callable[[str], Any]:
    """A number that must lie within [low, high]: outside it, the bot could not work."""

    def check(text: str) -> Any:
        try:
            value = parse(text)
        except ValueError:
            raise ValueError(f"expected {unit} from {low:g} to {high:g}, "
                             f"got {text!r}") from None
        if not low <= value <= high:
            raise ValueError(f"expected {unit} from {low:g} to {high:g}, "
                             f"got {text!r}")
        return value

    return check


_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _log_level(text: str) -> str:
    value = text.strip().upper()
    if value not in _LOG_LEVELS:
        raise ValueError(f"expected one of {', '.join(_LOG_LEVELS)}, got {text!r}")
    return value


_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$")


def parse_language(text: str) -> str:
    value = text.strip().lower().replace("_", "-")
    # A code of a language (ISO 639-1), as a reader's /language is checked (operator QA:
    # "xx" was taken, and every summary labelled "(in xx)").
    if not _LANGUAGE_CODE.match(value) or language_code(value) != value:
        raise ValueError(f"expected a language code such as en, de or pt-br, got {text!r}")
    return value


def _clock(text: str) -> str:
    match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"expected a time of day as HH:MM from 00:00 to 23:59, got {text!r}")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _url(*, web_only: bool = False) -> Callable[[str], str]:
    """An http(s) URL with a host; `web_only` refuses anything but https in production use."""

    def check(text: str) -> str:
        value = text.strip()
        if not value:
            return ""  # not set
        parts = urllib.parse.urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"expected an http(s) URL such as https://example.com/path, "
                             f"got {text!r}")
        try:
            parts.port  # noqa: B018 - urllib checks the port when it is read
        except ValueError:
            raise ValueError(f"the port in {text!r} is no port (1 to 65535)") from None
        if web_only and parts.path in ("", "/"):
            raise ValueError(f"expected a URL with a path (e.g. https://bot.example.com/"
                             f"telegram) that the proxy forwards to the bot, got {text!r}")
        return value

    return check


# Telegram's own Bot API delivers webhooks only over HTTPS and to these ports; a self-hosted
# Bot API server (BRIEFING_TELEGRAM_BASE_URL) may take any (operator QA: an http:// URL passed
# the check, then setWebhook failed at start with a library traceback).
_TELEGRAM_HOST = "api.telegram.org"
_TELEGRAM_WEBHOOK_PORTS = (443, 80, 88, 8443)


def _default(field: str) -> Any:
    """A setting's default value, parsed."""
    setting = next(s for s in SETTINGS if s.field == field)
    return setting.parse(setting.default)


def _check_retention(days: int, window_hours: float, named: Callable[[str], str]) -> None:
    """Retention must outlast a story's window by a day, as it does the three days an item
    is news (the setting's own floor): articles of stories still gathering reports would be
    deleted, and items their feeds still list come back as new. `named`: a setting's name as
    the operator wrote it."""
    least = math.ceil(window_hours / 24) + 1
    if days < least:
        raise ConfigError(
            f"{named('retention_days')}: {days} is too short for {named('story_window_hours')}"
            f" = {window_hours:g}; at least {least}: stories gather reports over that window, "
            "and what is deleted sooner that a feed still lists would come back as new")


def _check_webhook(webhook_url: str, telegram_base_url: str) -> None:
    if not webhook_url or urllib.parse.urlsplit(telegram_base_url).hostname != _TELEGRAM_HOST:
        return
    parts = urllib.parse.urlsplit(webhook_url)  # its port already checked by `_url`
    port = parts.port
    if parts.scheme != "https":
        raise ConfigError(f"BRIEFING_WEBHOOK_URL: Telegram sends updates only to https:// "
                          f"URLs, got {webhook_url!r} (put the bot behind a reverse proxy "
                          "with a certificate, or leave it empty for polling)")
    if port is not None and port not in _TELEGRAM_WEBHOOK_PORTS:
        raise ConfigError(f"BRIEFING_WEBHOOK_URL: Telegram sends updates only to ports "
                          f"{', '.join(map(str, _TELEGRAM_WEBHOOK_PORTS))}, got {port} "
                          f"in {webhook_url!r} (the port the bot listens on is "
                          "BRIEFING_WEBHOOK_PORT, behind the proxy)")


def _host(text: str) -> str:
    value = text.strip()
    try:
        ipaddress.ip_address(value)
    except ValueError:
        if not re.fullmatch(r"[A-Za-z0-9.-]{1,253}", value):
            raise ValueError(f"expected an address to listen on such as 127.0.0.1 or ::, "
                             f"got {text!r}") from None
    return value


def _header_text(text: str) -> str:
    # It goes into an HTTP header: a line break or control character would break every request.
    if not text.strip() or not text.isprintable() or not text.isascii():
        raise ValueError(f"expected one line of printable ASCII, got {text!r}")
    return text.strip()


def _bot_token(text: str) -> str:
    # Never echo the value: it is a secret.
    if text.strip() and not re.fullmatch(r"\d+:[A-Za-z0-9_-]+", text.strip()):
        raise ValueError("expected the token @BotFather gives (digits, a colon, then letters, "
                         "digits, - and _); the value is not shown")
    return text.strip()


def _api_key(text: str) -> str:
    # A key read from a file keeps its line break (a Docker or Kubernetes secret, an env file
    # with a trailing space): sent as it is, httpx refused to build any request, said as "cannot
    # reach the LLM server" (operator QA). Spaces around it are no part of any key; one inside
    # it, or a character no HTTP header may carry, is said, never shown.
    key = text.strip()
    if key and not (key.isascii() and key.isprintable() and " " not in key):
        raise ValueError("expected one word of printable ASCII (spaces, line breaks or other "
                         "characters inside the key); the value is not shown")
    return key


def _webhook_secret(text: str) -> str:
    # Telegram's rule for secret_token; anything else makes setWebhook fail at start.
    if text.strip() and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", text.strip()):
        raise ValueError("expected 1 to 256 of the characters A-Z, a-z, 0-9, _ and -; "
                         "the value is not shown")
    return text.strip()


def parse_prices(text: str) -> dict[str, tuple[float, float]]:
    """'model=0.15/0.60, other=1/2' -> {model: (0.15, 0.60), ...}; bad entries are errors."""
    prices: dict[str, tuple[float, float]] = {}
    for raw in text.split(","):
        entry = raw.strip()
        if not entry:
            continue
        model, sep, numbers = entry.partition("=")
        inputs, slash, outputs = numbers.partition("/")
        problem = ValueError(f"bad price {entry!r}; write model=input/output per million "
                             "tokens, e.g. gpt-4o-mini=0.15/0.60")
        if not sep or not slash or not model.strip():
            raise problem
        try:
            price = (float(inputs), float(outputs))
        except ValueError:
            raise problem from None
        if not all(0 <= value < float("inf") for value in price):
            raise problem
        prices[model.strip()] = price
    return prices


def _prices(text: str) -> str:
    parse_prices(text)
    return text


@dataclasses.dataclass(frozen=True)
class Setting:
    """One row of the configuration table: how a value is named, parsed and explained."""

    field: str
    env: str
    parse: Callable[[str], Any]
    default: str
    meaning: str


# Stories a briefing may show at most (a setting, and `brief --items`).
MAX_ITEMS = 100

# The single source of truth for every setting; the README's table is checked against it.
SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "BRIEFING_DATA_DIR", str, "the platform's user data directory",
            "Where the database and other state live (e.g. ~/.local/share/briefing-bot)."),
    Setting("database_url", "BRIEFING_DATABASE_URL", str, "sqlite:///<data_dir>/briefing.db",
            "The database: `sqlite:///path/to/file.db` or `postgresql://user@host/db`."),
    Setting("refresh_minutes", "BRIEFING_REFRESH_MINUTES",
            _between(1, 7 * 24 * 60, int, "whole minutes"), "30",
            "How often a healthy source is checked for new articles."),
    Setting("fetch_timeout", "BRIEFING_FETCH_TIMEOUT",
            _between(0.1, 600, float, "seconds"), "20",
            "Seconds to wait for one feed or page before giving up."),
    Setting("fetch_concurrency", "BRIEFING_FETCH_CONCURRENCY",
            _between(1, 256, int, "fetches"), "8",
            "How many sources and pages are fetched at the same time."),
    Setting("max_feed_bytes", "BRIEFING_MAX_FEED_BYTES", _positive_int, "10000000",
            "A feed larger than this is refused (the download stops there)."),
    Setting("max_page_bytes", "BRIEFING_MAX_PAGE_BYTES", _positive_int, "5000000",
            "An article page larger than this is not read; the teaser is kept."),
    Setting("fetch_pages", "BRIEFING_FETCH_PAGES", _parse_bool, "true",
            "Fetch an article's page when its web feed carries only a teaser."),
    # Upper bounds (found by operator QA: 1e8 passed and then crashed a fetch with a date out
    # of range): a year of back-off, a month of story window.
    Setting("max_backoff_hours", "BRIEFING_MAX_BACKOFF_HOURS",
            _between(0.01, 8760, float, "hours"), "24",
            "Longest wait before retrying a failing source (the wait doubles per failure)."),
    Setting("story_window_hours", "BRIEFING_STORY_WINDOW_HOURS",
            _between(1, 720, float, "hours"), "72",
            "Articles further apart in time than this never join the same story."),
    Setting("user_agent", "BRIEFING_USER_AGENT", _header_text, USER_AGENT,
            "The User-Agent sent with every request."),
    Setting("log_level", "BRIEFING_LOG_LEVEL", _log_level, "WARNING",
            "Logging level: DEBUG, INFO, WARNING or ERROR."),
    Setting("engine", "BRIEFING_ENGINE", _engine, "auto",
            "Summaries: `llm`, `extractive` (offline), or `auto` (llm when configured)."),
    Setting("openai_api_key", "OPENAI_API_KEY", _api_key, "",
            "Key for the OpenAI-compatible API; never logged."),
    Setting("openai_base_url", "OPENAI_BASE_URL", _url(), "",
            "Base URL of an OpenAI-compatible API (Ollama, vLLM, LM Studio...); empty: OpenAI."),
    Setting("model", "BRIEFING_MODEL", str, "gpt-4o-mini",
            "The model name sent to the API; any name the server knows."),
    Setting("context_tokens", "BRIEFING_CONTEXT_TOKENS", _positive_int, "16000",
            "The model's context window; no request is larger than this minus the output."),
    Setting("max_output_tokens", "BRIEFING_MAX_OUTPUT_TOKENS", _positive_int, "600",
            "Tokens reserved for each answer."),
    Setting("daily_token_budget", "BRIEFING_DAILY_TOKEN_BUDGET", _non_negative_int, "2000000",
            "LLM tokens per UTC day; past it summaries fall back to extractive (0: no limit)."),
    Setting("llm_timeout", "BRIEFING_LLM_TIMEOUT", _positive_float, "60",
            "Seconds to wait for one LLM answer."),
    Setting("llm_patience", "BRIEFING_LLM_PATIENCE", _non_negative_float, "120",
            "Seconds a briefing waits for the LLM's summaries; the stories not summarized by "
            "then are sent summarized offline, labelled (0: wait for every one)."),
    Setting("llm_max_retries", "BRIEFING_LLM_MAX_RETRIES", _non_negative_int, "3",
            "Retries (with back-off) on 429, 5xx and timeouts before falling back."),
    Setting("llm_concurrency", "BRIEFING_LLM_CONCURRENCY", _positive_int, "4",
            "LLM requests in flight at once (1 for a local server that answers one at a time)."),
    Setting("prices", "BRIEFING_PRICES", _prices, "",
            "Extra prices, USD per million tokens: `model=input/output, ...`."),
    Setting("prompts_dir", "BRIEFING_PROMPTS_DIR", str, "the project's `prompts/`",
            "Folder of prompt templates (copy it to customise them)."),
    Setting("language", "BRIEFING_LANGUAGE", parse_language, "en",
            "Default language of summaries (a code such as en, de, fr, es, ja)."),
    Setting("briefing_items", "BRIEFING_ITEMS", _between(1, MAX_ITEMS, int, "stories"),
            "10", "Stories in a briefing; the rest come with the More button (/more)."),
    Setting("topic_meaning", "BRIEFING_TOPIC_MEANING", _parse_bool, "true",
            "Match topics by meaning with the bundled multilingual model, as well as by words "
            "(false: words and category word lists only)."),
    Setting("embedding_model", "BRIEFING_EMBEDDING_MODEL", str, "",
            "Embeddings from this model on the OpenAI-compatible API (its /v1/embeddings) "
            "instead of the bundled multilingual model; empty: the bundled one."),
    Setting("summary_words", "BRIEFING_SUMMARY_WORDS",
            _between(10, 1000, int, "words"), "60",
            "Longest story summary in words (about three sentences)."),
    Setting("telegram_token", "TELEGRAM_BOT_TOKEN", _bot_token, "",
            "The bot's token from @BotFather; never logged."),
    Setting("telegram_base_url", "BRIEFING_TELEGRAM_BASE_URL", _url(),
            "https://api.telegram.org",
            "Bot API server (a self-hosted one, or a test peer)."),
    Setting("admin_ids", "BRIEFING_ADMIN_IDS", _id_list, "",
            "Telegram user ids allowed to use the operator commands."),
    Setting("allowed_ids", "BRIEFING_ALLOWED_IDS", _id_list, "",
            "If set, only these user or chat ids may use the bot."),
    Setting("summarize_per_hour", "BRIEFING_SUMMARIZE_PER_HOUR", _positive_int, "10",
            "/summarize requests per user per hour."),
    Setting("default_time", "BRIEFING_DEFAULT_TIME", _clock, "07:30",
            "Briefing time for new subscribers (their local time)."),
    Setting("webhook_url", "BRIEFING_WEBHOOK_URL", _url(web_only=True), "",
            "Public HTTPS URL for webhook mode (behind a reverse proxy); empty: polling."),
    Setting("webhook_listen", "BRIEFING_WEBHOOK_LISTEN", _host, "127.0.0.1",
            "Address the webhook server listens on."),
    Setting("webhook_port", "BRIEFING_WEBHOOK_PORT",
            _between(1, 65535, int, "a port"), "8443",
            "Port the webhook server listens on."),
    Setting("webhook_secret", "BRIEFING_WEBHOOK_SECRET", _webhook_secret, "",
            "Secret Telegram sends with every update (checked); empty: derived from the bot "
            "token, so that every replica expects the same one."),
    # At least 4: a day more than the three days a story gathers reports and an item is news
    # (operator QA N12: with 1 or 2 days, an item its feed still lists came back as a new
    # story after each prune); a longer story window raises it (`_check_retention`).
    Setting("retention_days", "BRIEFING_RETENTION_DAYS",
            _between(NEWS_MAX_AGE.days + 1, 3650, int, "days"), "30",
            "Articles, finished deliveries and the LLM call log older than this are deleted "
            "(at least 4 days, and a day more than the story window)."),
    Setting("tick_seconds", "BRIEFING_TICK_SECONDS",
            _between(0.1, 3600, float, "seconds"), "20",
            "How often the bot checks for due briefings and sends queued messages."),
    Setting("lease_seconds", "BRIEFING_LEASE_SECONDS",
            _between(1, 3600, float, "seconds"), "30",
            "With several instances on one database, one runs the scheduled work under a lease "
            "this long; a standby takes over within it (plus a third) when the active one dies."),
    Setting("fetch_allow_networks", "BRIEFING_FETCH_ALLOW_NETWORKS", _networks, "",
            "Networks /summarize may reach despite being private (e.g. 10.0.0.0/8); none."),
    Setting("source_allow_networks", "BRIEFING_SOURCE_ALLOW_NETWORKS", _networks, "",
            "Private networks the operator's feeds and their article pages may be fetched "
            "from (e.g. 10.0.0.0/8 for an intranet feed); none."),
)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Settings:
    """Every setting of the bot, validated; built once by `from_env`."""

    data_dir: Path
    database_url: str
    refresh_minutes: int = 30
    fetch_timeout: float = 20.0
    fetch_concurrency: int = 8
    max_feed_bytes: int = 10_000_000
    max_page_bytes: int = 5_000_000
    fetch_pages: bool = True
    max_backoff_hours: float = 24.0
    story_window_hours: float = 72.0
    user_agent: str = USER_AGENT
    log_level: str = "WARNING"
    engine: str = "auto"
    openai_api_key: str = dataclasses.field(default="", repr=False)
    openai_base_url: str = ""
    model: str = "gpt-4o-mini"
    context_tokens: int = 16000
    max_output_tokens: int = 600
    daily_token_budget: int = 2_000_000
    llm_timeout: float = 60.0
    llm_patience: float = 120.0
    llm_max_retries: int = 3
    llm_concurrency: int = 4
    prices: str = ""
    prompts_dir: Path = PROMPTS_DIR
    language: str = "en"
    summary_words: int = 60
    briefing_items: int = 10
    topic_meaning: bool = True
    embedding_model: str = ""
    telegram_token: str = dataclasses.field(default="", repr=False)
    telegram_base_url: str = "https://api.telegram.org"
    admin_ids: frozenset[int] = frozenset()
    allowed_ids: frozenset[int] = frozenset()
    summarize_per_hour: int = 10
    default_time: str = "07:30"
    fetch_allow_networks: tuple[str, ...] = ()
    source_allow_networks: tuple[str, ...] = ()
    tick_seconds: float = 20.0
    lease_seconds: float = 30.0
    retention_days: int = 30
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str = dataclasses.field(default="", repr=False)

    @property
    def llm_configured(self) -> bool:
        """An API key, or a base URL of a local server that needs none."""
        return bool(self.openai_api_key or self.openai_base_url)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], config_file: Path | None = None) -> Settings:
        """Defaults, then the TOML file's keys, then environment variables (highest)."""
        raw: dict[str, Any] = {}
        if config_file is not None:
            raw.update(_read_toml(config_file))
        from_file = set(raw)
        for setting in SETTINGS:
            if setting.env in environ and environ[setting.env].strip() != "":
                raw[setting.field] = environ[setting.env]
                from_file.discard(setting.field)
        values: dict[str, Any] = {}

        def named(field: str) -> str:
            """A setting as the operator wrote it (operator QA: a file's mistake was told
            under the environment variable's name)."""
            return (f"{config_file}: {field}" if field in from_file
                    else next(s.env for s in SETTINGS if s.field == field))

        for setting in SETTINGS:
            if setting.field not in raw:
                continue
            value = raw[setting.field]
            if setting.parse is _id_list and isinstance(value, list):
                value = ",".join(str(item) for item in value)  # admin_ids = [1, 2] in TOML
            try:
                values[setting.field] = setting.parse(str(value)) if isinstance(
                    value, str) else _check_type(setting, value)
            except ValueError as exc:
                raise ConfigError(f"{named(setting.field)}: {exc}") from exc
        data_dir = Path(values.pop("data_dir", None) or platformdirs.user_data_dir("briefing-bot"))
        data_dir = data_dir.expanduser()
        database_url = values.pop("database_url", None) or f"sqlite:///{data_dir / 'briefing.db'}"
        async_database_url(database_url)  # validate early: a bad URL is a start-up error
        if "prompts_dir" in values:
            values["prompts_dir"] = Path(values["prompts_dir"]).expanduser()
        _check_retention(values.get("retention_days", _default("retention_days")),
                         values.get("story_window_hours", _default("story_window_hours")), named)
        if values.get("context_tokens", 16000) <= values.get("max_output_tokens", 600):
            raise ConfigError("BRIEFING_CONTEXT_TOKENS must be larger than "
                              "BRIEFING_MAX_OUTPUT_TOKENS")
        if values.get("embedding_model") and not (values.get("openai_api_key")
                                                  or values.get("openai_base_url")):
            raise ConfigError(f"BRIEFING_EMBEDDING_MODEL: {values['embedding_model']!r} is a "
                              "model of an OpenAI-compatible API: set OPENAI_BASE_URL (or "
                              "OPENAI_API_KEY) too, or leave it empty for the bundled model")
        _check_webhook(values.get("webhook_url", ""),
                       values.get("telegram_base_url", "https://api.telegram.org"))
        if "user_agent" in values and "briefing-bot" not in values["user_agent"]:
            # Be honest with publishers: whatever the operator sets, say what we are.
            values["user_agent"] = f"{values['user_agent']} briefing-bot/{__version__}"
        return cls(data_dir=data_dir, database_url=database_url, **values)


def unknown_settings(environ: Mapping[str, str]) -> list[str]:
    """What the environment names like a setting but is none, each with the likely one:
    a misspelt variable is otherwise ignored in silence (found by operator QA:
    BRIEFING_DATABASE=postgresql://... ran on SQLite in the default folder). Variables of
    the tests (BRIEFING_TEST_*) are not settings."""
    known = {setting.env for setting in SETTINGS}
    said = []
    for name in sorted(environ):
        if (name.startswith("BRIEFING_") and name not in known
                and not name.startswith("BRIEFING_TEST_")):
            # Compared without the prefix they share, which made any name look close
            # (operator QA, stop 45: BRIEFING_TIMEZONE, "did you mean BRIEFING_MODEL?").
            bare = {other.removeprefix("BRIEFING_"): other for other in sorted(known)
                    if other.startswith("BRIEFING_")}
            close = [bare[match] for match in difflib.get_close_matches(
                name.removeprefix("BRIEFING_"), list(bare), n=1, cutoff=0.6)]
            hint = (f" (did you mean {close[0]}?)" if close
                    else " (readers set their own with /timezone)" if "ZONE" in name else "")
            said.append(f"{name} is not a setting{hint}; it is ignored")
        elif (name.startswith(("OPENAI_", "TELEGRAM_")) and name not in known
              and name not in _OTHERS_SETTINGS):
            # The settings that matter most have no BRIEFING_ prefix (operator QA:
            # OPENAI_APIKEY left every summary offline, unlabelled). Only a near miss is said:
            # other OPENAI_ variables are the client library's.
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.8)
            if close:
                said.append(f"{name} is not a setting (did you mean {close[0]}?); it is "
                            "ignored")
    return said


# The openai library's own variables: not ours, not misspelt.
_OTHERS_SETTINGS = frozenset({"OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "OPENAI_LOG",
                              "OPENAI_WEBHOOK_SECRET", "OPENAI_ADMIN_KEY"})


def _check_type(setting: Setting, value: Any) -> Any:
    """TOML values arrive typed; convert them the same way as text from the environment."""
    if isinstance(value, bool):
        return setting.parse("true" if value else "false")
    if isinstance(value, int | float):
        return setting.parse(str(value))
    # Not the value itself: it may be a key or a password (found by operator QA).
    raise ValueError(f"expected a string or a number, not a TOML {type(value).__name__}")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"config file {path}: {exc}") from exc
    known = {setting.field for setting in SETTINGS}
    unknown = sorted(set(data) - known)
    if unknown:
        # Each named with the key it most likely is (operator QA, stop 59 T3: a typo was
        # answered with all 45 keys; a variable's name, BRIEFING_ITEMS, with nothing).
        by_env = {setting.env.lower(): setting.field for setting in SETTINGS}
        said = []
        for key in unknown:
            close = ([by_env[key.lower()]] if key.lower() in by_env else
                     difflib.get_close_matches(key.lower(), sorted(known), n=1, cutoff=0.6))
            said.append(f"{key} (did you mean {close[0]}?)" if close else key)
        raise ConfigError(
            f"config file {path}: unknown setting(s) {', '.join(said)}; "
            f"known: {', '.join(sorted(known))}"
        )
    return data


def async_database_url(url: str) -> str:
    """Map the URL people write to the one SQLAlchemy's async engine needs.

    Choosing the driver is our business: `sqlite:///x.db` becomes `sqlite+aiosqlite:///x.db`,
    `postgresql://...` (or `postgres://`) becomes `postgresql+asyncpg://...`, keeping of its
    query only `host` and `port` (a socket folder, several hosts): its libpq parameters reach
    asyncpg through `postgres_connect_args`.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        # Its password, if it has one, stays out of the message (found by operator QA:
        # 'postgresql//bot:S3cretPW@db/news' was shown whole).
        shown = re.sub(r":[^:@/]*@", ":***@", url)
        raise ConfigError(
            f"BRIEFING_DATABASE_URL: {shown!r} is not a URL; "
            "write sqlite:///path/to/file.db or postgresql://user@host/db"
        )
    base = scheme.split("+", 1)[0].lower()
    if base == "sqlite":
        path = rest.partition("?")[0]
        if path in ("", "/") or path.lstrip("/") == ":memory:":
            # SQLAlchemy's in-memory database: every command (and each start of `run`) would
            # begin empty (found by operator QA: `sources add` said "added", the next command
            # found nothing).
            raise ConfigError(f"BRIEFING_DATABASE_URL: {url!r} names no file (an in-memory "
                              "database, lost at exit); write sqlite:///path/to/file.db")
        if not path.startswith("/"):
            # Two slashes for three ("sqlite://briefing.db"): SQLAlchemy's traceback named
            # its own driver and offered ":memory:" (operator QA).
            raise ConfigError(f"BRIEFING_DATABASE_URL: {url!r} has two slashes where a file "
                              "needs three: write sqlite:///relative/file.db or "
                              "sqlite:////absolute/path/file.db")
        return f"sqlite+aiosqlite://{rest}"
    if base in {"postgresql", "postgres"}:
        userinfo = rest.partition("?")[0].rpartition("@")[0]
        if "@" in userinfo.partition(":")[2]:  # not Azure's "user@server:password@host"
            # Only the part before the first "@" would be hidden, and the rest shown as the
            # host (operator QA: "Name or service not known" sent the operator to the DNS).
            raise ConfigError("BRIEFING_DATABASE_URL: the password seems to contain '@': "
                              "percent-encode it (%40; '/' is %2F, ':' is %3A)")
        # The port as SQLAlchemy reads it: a password may hold "/" or ":" (review: one with
        # "/" was taken for the port, and shown).
        try:
            parsed = sa_url.make_url(f"postgresql://{rest}")
            _ = parsed.port
        except (ValueError, sa_exc.ArgumentError):
            raise ConfigError("BRIEFING_DATABASE_URL: its port is not a number (or it is not "
                              "a URL); write postgresql://user:password@host:5432/db") from None
        address, qmark, query = rest.partition("?")
        postgres_connect_args(url)  # its parameters refused now, before anything else
        params = [(key, value) for key, value in urllib.parse.parse_qsl(
            query, keep_blank_values=True) if key in _IN_THE_URL]
        query = urllib.parse.urlencode(params, safe="/:")
        return f"postgresql+asyncpg://{address}{qmark if query else ''}{query}"
    raise ConfigError(
        f"BRIEFING_DATABASE_URL: unsupported database {scheme!r}; use sqlite or postgresql"
    )


# Of a PostgreSQL URL's query, what SQLAlchemy reads itself: a socket folder, several hosts,
# and its asyncpg dialect's statement cache (0 behind PgBouncer or Supabase's pooler: review).
_IN_THE_URL = frozenset({"host", "port", "prepared_statement_cache_size"})
# asyncpg's own keywords, given as numbers.
_ASYNCPG_NUMBERS = {"statement_cache_size": int, "max_cached_statement_lifetime": int,
                    "max_cacheable_statement_size": int, "command_timeout": float}
_SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
# `ssl=` as node-postgres, JDBC and Heroku write it.
_SSL_WORDS = {"true": "require", "1": "require", "on": "require", "false": "disable",
              "0": "disable", "off": "disable"}
# libpq's parameters that are neither read by asyncpg nor settings of the server (asyncpg
# sends what it does not read to the server as settings, which refuses to connect).
_NOT_FOR_ASYNCPG = frozenset({
    "hostaddr", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
    "tcp_user_timeout", "requiressl", "sslcompression", "sslsni", "sslcertmode", "requirepeer",
    "require_auth", "gssdelegation", "load_balance_hosts", "replication", "sslkeylogfile"})
# ...and those whose every value asyncpg meets anyway, but one: that one is refused.
_ONLY_WITHOUT = {"channel_binding": "require", "gssencmode": "require"}


def postgres_connect_args(url: str) -> dict[str, Any]:
    """asyncpg's arguments for the libpq parameters of a PostgreSQL URL (what a hosting
    provider hands out: `?sslmode=require&channel_binding=prefer`, `application_name`,
    `connect_timeout`, `sslrootcert`, `options=-c statement_timeout=5000`): asyncpg reads
    them from a DSN as libpq does, `connect_timeout` becomes its timeout. One it cannot honour
    is refused in one line (operator QA: each reached asyncpg as a keyword, "connect() got
    an unexpected keyword argument 'channel_binding'"). `ssl=` (asyncpg's own name, which
    earlier versions documented; `true` as node-postgres writes it) is `sslmode`."""
    passed: list[tuple[str, str]] = []
    args: dict[str, Any] = {}
    for key, value in urllib.parse.parse_qsl(url.partition("?")[2], keep_blank_values=True):
        if key in _IN_THE_URL:
            continue
        if key == "fallback_application_name":
            passed.insert(0, ("application_name", value))  # what a later name overrides
        elif key in ("ssl", "sslmode"):
            passed.append(("sslmode", _sslmode(key, value)))
        elif key == "connect_timeout" or key in _ASYNCPG_NUMBERS:
            name, number = _number(key, value)
            if number > 0 or name != "timeout":  # libpq: 0 waits for ever (asyncpg: 60 s)
                args[name] = number
        elif _refused(key, value):
            continue
        else:
            passed.append((key, value))
    if passed:
        named = dict(passed)  # the last of a name wins, as in libpq
        args["dsn"] = "postgresql://?" + urllib.parse.urlencode(list(named.items()))
    return args


def _sslmode(key: str, value: str) -> str:
    mode = _SSL_WORDS.get(value.strip().lower(), value.strip().lower())
    if mode not in _SSLMODES:
        raise ConfigError(f"BRIEFING_DATABASE_URL: {key}={value!r} is none of "
                          f"{', '.join(_SSLMODES)}")
    return mode


def _number(key: str, value: str) -> tuple[str, float]:
    """A numeric parameter as asyncpg's keyword (connect_timeout is its `timeout`)."""
    kind = _ASYNCPG_NUMBERS.get(key, float)
    try:
        number = kind(value)
    except ValueError:
        what = "a number of seconds" if key == "connect_timeout" else "a number"
        raise ConfigError(f"BRIEFING_DATABASE_URL: {key}={value!r} is not {what}") from None
    return ("timeout" if key == "connect_timeout" else key), number


def _refused(key: str, value: str) -> bool:
    """True for a parameter asyncpg meets anyway (left out); raises for one it cannot."""
    if key in _ONLY_WITHOUT:
        if value == _ONLY_WITHOUT[key]:
            raise ConfigError(
                f"BRIEFING_DATABASE_URL: {key}=require cannot be met by the PostgreSQL "
                "driver (asyncpg); remove it (sslmode=verify-full with sslrootcert= "
                "verifies the server instead)")
        return True
    if key in _NOT_FOR_ASYNCPG:
        raise ConfigError(f"BRIEFING_DATABASE_URL: the parameter {key} is not supported "
                          "by the PostgreSQL driver (asyncpg); remove it")
    return False
