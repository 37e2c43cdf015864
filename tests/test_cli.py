"""The command line, run in-process against a real SQLite file and local sources."""

import io
import json
from pathlib import Path

import pytest

from briefing_bot.cli import parse_duration, run

DATA = Path(__file__).parent / "data"


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"BRIEFING_DATA_DIR": str(tmp_path / "data"), "BRIEFING_FETCH_PAGES": "false"}


def cli(env: dict[str, str], *argv: str) -> Result:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), env, out=out, err=err)
    return Result(code, out.getvalue(), err.getvalue())


def test_demo_shows_stories_told_by_several_outlets() -> None:
    result = cli({}, "demo")
    assert result.code == 0, result.err
    assert "0 errors" in result.err
    stories = result.out.split("\n\n")
    assert "3 sources" in stories[0]
    assert "3 sources" in stories[1]
    # The two different earthquakes (Veloria, Ostmark) are two stories.
    veloria = [s for s in stories if "Veloria" in s and "quake" in s.lower()]
    ostmark = [s for s in stories if "Kessel" in s or "Grauberg" in s]
    assert veloria
    assert ostmark
    assert set(veloria).isdisjoint(ostmark)
    assert "teaser only" in result.out
    assert "utm_source" not in result.out  # links are canonical


def test_fetch_local_sources_then_list_stories_as_json(env: dict[str, str]) -> None:
    result = cli(env, "fetch", str(DATA / "feeds" / "rss20.xml"), str(DATA / "articles"))
    assert result.code == 0, result.err
    assert "Fetched 2 sources: 6 new articles" in result.err
    again = cli(env, "fetch", "--all")
    assert "0 new articles" in again.err

    listing = cli(env, "stories", "--since", "7d", "--json")
    stories = json.loads(listing.out)
    assert len(stories) == 6
    article = stories[0]["articles"][0]
    assert set(article) == {"id", "title", "url", "source", "published_at", "fetched_at",
                            "input_kind"}
    kinds = {a["input_kind"] for s in stories for a in s["articles"]}
    assert kinds == {"full", "teaser", "title"}


def test_fetch_with_nothing_configured_explains_what_to_do(env: dict[str, str]) -> None:
    result = cli(env, "fetch")
    assert result.code == 0
    assert "sources add" in result.err


def test_fetch_exit_code_says_something_failed(env: dict[str, str]) -> None:
    result = cli(env, "fetch", str(DATA / "feeds" / "malformed.xml"),
                 str(DATA / "feeds" / "atom.xml"), "/no/such/file.xml")
    assert result.code == 1
    assert "no such file" in result.err
    assert "not a valid RSS, Atom or JSON feed" in result.err
    assert "2 new articles" in result.err
    assert "Traceback" not in result.err


def test_sources_add_list_remove(env: dict[str, str]) -> None:
    feed = str(DATA / "feeds" / "rss20.xml")
    assert cli(env, "sources", "add", feed, "https://x.example/feed").code == 0
    assert "already there" in cli(env, "sources", "add", feed).out
    cli(env, "fetch", feed)
    listing = cli(env, "sources", "list")
    assert "Test Gazette" in listing.out
    assert "not fetched yet" in listing.out  # the web feed was never fetched
    assert "last success: 20" in listing.out
    health = json.loads(cli(env, "sources", "list", "--json").out)
    assert [s["kind"] for s in health] == ["file", "feed"]
    assert cli(env, "sources", "remove", "https://x.example/feed").code == 0
    assert cli(env, "sources", "remove", "999").code == 1
    assert len(json.loads(cli(env, "sources", "list", "--json").out)) == 1


def test_opml_import_and_export(env: dict[str, str], tmp_path: Path) -> None:
    result = cli(env, "sources", "import", str(DATA / "subscriptions.opml"))
    assert result.code == 1  # two broken outlines were skipped, and said so
    assert "2 new, 0 already there, 2 skipped" in result.err
    exported = cli(env, "sources", "export")
    assert exported.out.count("<outline") == 2
    assert 'xmlUrl="https://gazette.example/feed.xml"' in exported.out
    target = tmp_path / "out.opml"
    cli(env, "sources", "export", "-o", str(target))
    other = {"BRIEFING_DATA_DIR": str(tmp_path / "other")}
    assert cli(other, "sources", "import", str(target)).code == 0
    assert len(json.loads(cli(other, "sources", "list", "--json").out)) == 2


def test_bad_configuration_is_exit_code_2_with_a_clear_message(env: dict[str, str]) -> None:
    result = cli({**env, "BRIEFING_REFRESH_MINUTES": "often"}, "stories")
    assert result.code == 2
    assert result.err.startswith("error: BRIEFING_REFRESH_MINUTES")


def test_bad_duration_is_a_usage_error(env: dict[str, str]) -> None:
    result = cli(env, "stories", "--since", "yesterday")
    assert result.code == 2


def test_parse_duration() -> None:
    assert parse_duration("90m").total_seconds() == 5400
    assert parse_duration("2w").days == 14
