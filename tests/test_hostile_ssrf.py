"""SSRF through the operator's sources: feeds, the pages their items link to, and redirects.

A feed is written by its publisher, so a feed URL, an item's link or a redirect pointing at a
private address must be refused before a byte is sent, unless the operator allowed that network
(BRIEFING_SOURCE_ALLOW_NETWORKS). "news.example" stands in for a public site: a fake resolver
sends it to 127.0.0.2, which the tests allow; 127.0.0.1 is what an attacker would like to reach.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from briefing_bot.config import Settings
from briefing_bot.errors import ConfigError
from briefing_bot.gather import Gatherer, load_index
from briefing_bot.models import SourceKind
from briefing_bot.netguard import FetchFailed, Guard, _GuardedTransport, system_resolver
from briefing_bot.netguard import source_client as sources_client
from briefing_bot.sources import make_http_client
from briefing_bot.store import Store
from tests.commands import run_command
from tests.fakes import Clock, keep_output
from tests.loopback import Site, running_site

BINARY = Path(sys.executable).parent / "briefing-bot"
TEASER = "A short teaser about the harbour."
# Every spelling of loopback an attacker might put in a feed URL, a link or a redirect.
LOOPBACK_SPELLINGS = ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "0177.0.0.1", "127.1",
                      "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "017700000001"]


def feed(*links: str) -> str:
    items = "".join(f"<item><title>Item {n}</title><guid>g{n}</guid><link>{link}</link>"
                    f"<description>{TEASER}</description></item>"
                    for n, link in enumerate(links))
    return f'<rss version="2.0"><channel><title>Public News</title>{items}</channel></rss>'


@pytest.fixture
def private() -> Iterator[Site]:
    with running_site("127.0.0.1") as site:
        site.serve("/", "<p>admin panel</p>", content_type="text/html")
        site.serve("/feed", feed("http://news.example/a"))
        yield site


@pytest.fixture
def public() -> Iterator[Site]:
    with running_site("127.0.0.2") as site:
        yield site


async def resolver(host: str, port: int) -> list[str]:
    if host == "news.example":
        return ["127.0.0.2"]
    return await system_resolver(host, port)


@pytest.fixture
async def guarded() -> AsyncIterator[httpx.AsyncClient]:
    guard = Guard(resolver=resolver, allowed_networks=["127.0.0.2/32"])
    async with make_http_client(user_agent="briefing-bot test", timeout=5,
                                transport=guard.transport()) as client:
        yield client


async def gather(store: Store, http: httpx.AsyncClient, settings: Settings, clock: Clock,
                 *urls: str) -> dict[str, str | None]:
    sources = [(await store.add_source(url, SourceKind.FEED, now=clock()))[0] for url in urls]
    index = await load_index(store, settings, clock())
    await Gatherer(store=store, http=http, settings=settings, index=index,
                   clock=clock).fetch(sources)
    return {s.location: s.last_error for s in await store.list_sources()}


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
async def test_a_feed_on_loopback_is_refused_in_any_spelling_and_recorded(
    private: Site, public: Site, guarded: httpx.AsyncClient, store: Store, settings: Settings,
    clock: Clock, host: str,
) -> None:
    public.serve("/feed", feed())
    attack = f"http://{host}:{private.port}/feed"
    errors = await gather(store, guarded, settings, clock, attack,
                          f"http://news.example:{public.port}/feed")
    # httpx itself rejects some odd spellings as invalid; the others reach the guard.
    assert "only public web pages" in (errors[attack] or "") or \
        "invalid URL" in (errors[attack] or "")
    assert errors[f"http://news.example:{public.port}/feed"] is None  # the other source is fine
    assert private.hits == []


async def test_item_links_and_redirects_to_private_addresses_are_not_followed(
    private: Site, public: Site, guarded: httpx.AsyncClient, store: Store, settings: Settings,
    clock: Clock,
) -> None:
    public.serve("/go", b"", status=302,
                 headers={"Location": f"http://127.0.0.1:{private.port}/feed"})
    public.serve("/feed", feed(f"http://127.0.0.1:{private.port}/",
                               f"http://169.254.169.254:{private.port}/latest/meta-data/",
                               f"http://news.example:{public.port}/bounce"))
    public.serve("/bounce", b"", status=301, headers={"Location": f"http://[::1]:{private.port}/"})
    redirecting = f"http://news.example:{public.port}/go"
    errors = await gather(store, guarded, settings, clock, redirecting,
                          f"http://news.example:{public.port}/feed")
    assert "refused" in (errors[redirecting] or "")
    assert errors[f"http://news.example:{public.port}/feed"] is None
    # The three items are stored with their teasers; no page behind them was read.
    assert (await store.counts())["articles"] == 3
    assert private.hits == []
    assert ("/bounce", f"news.example:{public.port}") in public.hits


async def test_the_connection_goes_to_the_address_that_was_checked(
    private: Site, public: Site, store: Store, settings: Settings, clock: Clock,
) -> None:
    """DNS rebinding: the first answer is public, every later one private. Only the first
    answer is ever used, and only for the connection it was checked for."""
    answers = ["127.0.0.2"]

    async def rebinding(host: str, port: int) -> list[str]:
        return [answers.pop(0) if answers else "127.0.0.1"]

    public.serve("/feed", feed())
    guard = Guard(resolver=rebinding, allowed_networks=["127.0.0.2/32"])
    async with make_http_client(user_agent="t", timeout=5, transport=guard.transport()) as http:
        errors = await gather(store, http, settings, clock, f"http://rebind.example:{public.port}/feed")
    assert errors == {f"http://rebind.example:{public.port}/feed": None}
    assert public.hits == [("/feed", f"rebind.example:{public.port}")]
    assert private.hits == []


async def test_the_operator_may_allow_a_private_network(
    private: Site, store: Store, settings: Settings, clock: Clock,
) -> None:
    private.serve("/feed", feed())
    url = private.url("/feed")
    async with sources_client(settings) as http:
        assert "loopback" in (
            (await gather(store, http, settings, clock, url))[url] or "")
    allowed = dataclasses.replace(settings, source_allow_networks=("127.0.0.0/8",))
    clock.advance(days=2)
    async with sources_client(allowed) as http:
        assert (await gather(store, http, allowed, clock, url))[url] is None
    assert [path for path, _ in private.hits] == ["/feed"]


def test_the_guarded_transport_really_uses_the_checked_backend() -> None:
    """The transport replaces httpx's private `_pool`; if httpx stops using it, fail here."""
    transport = Guard().transport()
    assert isinstance(transport, _GuardedTransport)
    assert isinstance(transport, httpx.AsyncHTTPTransport)
    assert type(transport._pool._network_backend).__name__ == "_CheckedBackend"
    assert "_pool" in httpx.AsyncHTTPTransport.handle_async_request.__code__.co_names


@pytest.mark.parametrize("value", ["10.0.0.0/33", "intranet", "10.0.0.0/8, nope"])
def test_a_bad_network_setting_is_a_start_up_error(value: str) -> None:
    with pytest.raises(ConfigError, match="BRIEFING_SOURCE_ALLOW_NETWORKS"):
        Settings.from_env({"BRIEFING_SOURCE_ALLOW_NETWORKS": value})


@pytest.mark.slow
def test_the_real_command_refuses_a_loopback_feed_unless_allowed(
    private: Site, tmp_path: Path
) -> None:
    env = {**os.environ, "BRIEFING_DATA_DIR": str(tmp_path), "NO_PROXY": "127.0.0.1",
           "BRIEFING_FETCH_PAGES": "false"}
    refused = subprocess.run([str(BINARY), "fetch", private.url("/feed")], env=env,
                             capture_output=True, text=True, timeout=60, check=False)
    keep_output(refused.stdout, refused.stderr)
    assert refused.returncode == 1
    assert "loopback address" in refused.stderr and "BRIEFING_SOURCE_ALLOW_NETWORKS" in refused.stderr
    assert private.hits == []
    # Nothing was tried: no "could not connect" (reader QA, stop 51).
    assert "could not connect" not in refused.stderr
    # Refused for good, it was not kept as a source (as `sources add` keeps none).
    assert "not added" in refused.stderr
    # The operator allows loopback sources; the same command line (in this process: see
    # tests/commands.py) now fetches the feed.
    allowed = run_command("fetch", private.url("/feed"),
                          env={**env, "BRIEFING_SOURCE_ALLOW_NETWORKS": "127.0.0.0/8"})
    assert allowed.returncode == 0, allowed.stderr
    assert "1 new article" in allowed.stderr


async def test_a_users_page_that_trickles_is_cut_off_at_the_time_cap(public: Site) -> None:
    public.serve("/slow", "<p>" + "x" * 200 + "</p>", content_type="text/html", trickle=0.05)
    guard = Guard(resolver=resolver, allowed_networks=["127.0.0.2/32"])
    async with httpx.AsyncClient(trust_env=False) as http:
        with pytest.raises(FetchFailed, match=r"did not answer within 0.5 s"):
            await guard.fetch(http, f"http://news.example:{public.port}/slow",
                              max_bytes=10_000, seconds=0.5)
