from pathlib import Path

import platformdirs
import pytest

from briefing_bot.config import SETTINGS, Settings, async_database_url
from briefing_bot.errors import ConfigError


def test_defaults_live_in_the_users_data_directory() -> None:
    settings = Settings.from_env({})
    expected = Path(platformdirs.user_data_dir("briefing-bot"))
    assert settings.data_dir == expected
    assert settings.database_url == f"sqlite:///{expected / 'briefing.db'}"
    assert settings.refresh_minutes == 30


def test_data_dir_moves_the_default_database(tmp_path: Path) -> None:
    settings = Settings.from_env({"BRIEFING_DATA_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'briefing.db'}"


def test_environment_overrides_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text('refresh_minutes = 5\nfetch_pages = false\ndatabase_url = "sqlite:///a.db"\n')
    settings = Settings.from_env({"BRIEFING_REFRESH_MINUTES": "7"}, config)
    assert settings.refresh_minutes == 7
    assert settings.fetch_pages is False
    assert settings.database_url == "sqlite:///a.db"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"BRIEFING_REFRESH_MINUTES": "soon"}, "BRIEFING_REFRESH_MINUTES"),
        ({"BRIEFING_REFRESH_MINUTES": "-3"}, "positive"),
        ({"BRIEFING_FETCH_PAGES": "maybe"}, "BRIEFING_FETCH_PAGES"),
        ({"BRIEFING_DATABASE_URL": "mysql://x/y"}, "unsupported database"),
        ({"BRIEFING_DATABASE_URL": "briefing.db"}, "not a URL"),
    ],
)
def test_bad_values_name_the_setting(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(environ)


def test_unknown_key_in_config_file_names_the_file(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("refresh_minuts = 5\n")
    with pytest.raises(ConfigError, match=r"c\.toml.*refresh_minuts"):
        Settings.from_env({}, config)


def test_missing_config_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        Settings.from_env({}, tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///data/briefing.db", "sqlite+aiosqlite:///data/briefing.db"),
        ("sqlite:////abs/briefing.db", "sqlite+aiosqlite:////abs/briefing.db"),
        ("postgresql://bot@db.internal/news", "postgresql+asyncpg://bot@db.internal/news"),
        ("postgres://bot:pw@localhost:5433/news", "postgresql+asyncpg://bot:pw@localhost:5433/news"),
        ("postgresql+psycopg://bot@h/db", "postgresql+asyncpg://bot@h/db"),
        ("postgresql://bot@h/db?sslmode=require", "postgresql+asyncpg://bot@h/db?ssl=require"),
        ("postgresql://bot@/db?host=/run/postgresql",
         "postgresql+asyncpg://bot@/db?host=/run/postgresql"),
    ],
)
def test_ordinary_database_urls_get_an_async_driver(url: str, expected: str) -> None:
    assert async_database_url(url) == expected


def test_user_agent_always_names_the_bot() -> None:
    settings = Settings.from_env({"BRIEFING_USER_AGENT": "ExampleNewsroom/1.0"})
    assert settings.user_agent.startswith("ExampleNewsroom/1.0")
    assert "briefing-bot/" in settings.user_agent


def test_readme_documents_every_setting() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [setting.env for setting in SETTINGS if f"`{setting.env}`" not in readme]
    assert not missing


def test_the_table_defaults_are_the_code_defaults(tmp_path: Path) -> None:
    settings = Settings.from_env({"BRIEFING_DATA_DIR": str(tmp_path)})
    for setting in SETTINGS:
        if setting.field in {"data_dir", "database_url", "prompts_dir"}:
            continue
        assert getattr(settings, setting.field) == setting.parse(setting.default), setting.env
