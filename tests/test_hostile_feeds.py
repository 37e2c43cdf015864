"""Fuzzed feeds and pages: mutations of real documents never crash anything.

Real feeds (RSS 0.91/1.0/2.0, Atom, JSON Feed, the bundled samples) and a real article page are
truncated, bit-flipped, re-encoded under a wrong declaration, padded with entity bombs and deep
nesting. Parsing either reads entries or says in one line why it cannot; in a gather, the broken
source's error is recorded on it and the good source beside it is stored in full.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_bot.config import Settings
from briefing_bot.errors import SourceError
from briefing_bot.gather import Gatherer, load_index
from briefing_bot.models import SourceKind
from briefing_bot.pages import extract_page, html_to_text
from briefing_bot.sources import parse_feed
from briefing_bot.store import Store
from tests.fakes import Clock, FeedServer, client_for

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).parent.parent / "briefing_bot" / "samples"
FEEDS = [path.read_bytes() for path in sorted((DATA / "feeds").iterdir())
         if path.suffix in (".xml", ".rdf", ".json")] + [
    path.read_bytes() for path in sorted(SAMPLES.iterdir()) if path.is_file()
    and path.suffix in (".xml", ".atom", ".rdf", ".json")]
PAGE = (DATA / "pages" / "parking.html").read_bytes()
GOOD = (DATA / "feeds" / "rss20.xml").read_bytes()
NOW = Clock().now

BOMB = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + n]), (b"&%s;" % bytes([97 + n])) * 10)
                   for n in range(9))
        + b']><rss version="2.0"><channel><title>&j;</title><item><title>&j;</title>'
        b"<description>&j;</description></item></channel></rss>")
EXTERNAL = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<rss version="2.0"><channel><title>t</title><item><title>&x;</title>'
            b"<description>root</description></item></channel></rss>")


def _flip(data: bytes, positions: list[int], value: int) -> bytes:
    buffer = bytearray(data)
    for position in positions:
        if buffer:
            buffer[position % len(buffer)] ^= value or 1
    return bytes(buffer)


def _reencode(data: bytes, codec: str) -> bytes:
    return data.decode("utf-8", "replace").encode(codec, "replace")


def _nest(data: bytes, depth: int, tag: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + b"<" + tag + b">" * 1 + (b"<" + tag + b">") * depth + data[middle:]


def mutations(documents: list[bytes]) -> st.SearchStrategy[bytes]:
    base = st.sampled_from(documents)
    return st.one_of(
        st.builds(lambda d, n: d[: n % (len(d) + 1)], base, st.integers(0, 10**6)),
        st.builds(_flip, base, st.lists(st.integers(0, 10**6), min_size=1, max_size=40),
                  st.integers(0, 255)),
        st.builds(_reencode, base, st.sampled_from(["utf-16", "utf-32", "latin-1", "cp1252",
                                                    "shift_jis", "koi8-r", "utf-7"])),
        st.builds(_nest, base, st.integers(100, 5000), st.sampled_from([b"item", b"div", b"b"])),
        st.builds(lambda d, junk: junk + d, base, st.binary(max_size=200)),
        st.builds(lambda d, junk: d + junk, base, st.binary(max_size=200)),
        st.builds(lambda d, n: d.replace(b">", b">" + b"&amp;" * n, 50), base,
                  st.integers(1, 2000)),
        st.just(BOMB), st.just(EXTERNAL), st.binary(max_size=2000),
    )


@pytest.mark.slow
@given(mutations(FEEDS))
def test_a_mutated_feed_parses_or_fails_with_one_clear_line(body: bytes) -> None:
    for content_type in ("application/rss+xml", "application/feed+json", ""):
        try:
            page = parse_feed(body, content_type=content_type, base_url="https://x.example/f",
                              now=NOW)
        except SourceError as exc:
            message = str(exc)
            assert message and "\n" not in message and len(message) < 1000
            continue
        for entry in page.entries:
            assert entry.title or entry.text
            assert "root:" not in entry.title + entry.text  # no external entity was read
            assert entry.url is None or entry.url.startswith(("http://", "https://"))


def test_entity_bombs_do_not_expand() -> None:
    try:
        page = parse_feed(BOMB, content_type="application/rss+xml", base_url=None, now=NOW)
    except SourceError:
        return
    assert all(len(entry.title) + len(entry.text) < 100_000 for entry in page.entries)


@contextlib.contextmanager
def quiet_trafilatura() -> Iterator[None]:
    """As `configure_logging` sets it: trafilatura logs junk pages at ERROR, we say it once."""
    logger = logging.getLogger("trafilatura")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


@pytest.mark.slow
@given(mutations([PAGE]))
def test_a_mutated_page_gives_text_or_nothing(body: bytes) -> None:
    with quiet_trafilatura():
        page = extract_page(body, "https://x.example/a")
    assert isinstance(page.text, str)
    html_to_text(body.decode("utf-8", "replace"))


@given(st.lists(st.one_of(st.text(max_size=30), st.sampled_from(
    ["<", ">", "&", "<![CDATA[", "<!--", "<script>", "</p>", "<p", "&#0;", "&#xD800;",
     "&#99999999;", "<svg><style>", "\x00"])), max_size=60).map("".join))
def test_feed_html_fragments_become_text(fragment: str) -> None:
    text = html_to_text(fragment)
    assert "<script>" not in text.lower() or "<script>" in fragment.lower()


@pytest.mark.slow
# The settings fixture is a frozen value, safe to share between examples.
@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(mutations(FEEDS), min_size=1, max_size=3))
async def test_broken_sources_cost_the_good_one_nothing(
    settings_for_fuzz: Settings, bodies: list[bytes],
) -> None:
    clock = Clock()
    server = FeedServer()
    good = "https://good.example/feed"
    server.serve(good, GOOD)
    broken = [f"https://broken{n}.example/feed" for n in range(len(bodies))]
    for url, body in zip(broken, bodies, strict=True):
        server.serve(url, body, content_type="application/xml")
    with tempfile.TemporaryDirectory() as folder:
        store = await Store.open(f"sqlite:///{Path(folder) / 'fuzz.db'}")
        try:
            sources = [(await store.add_source(url, SourceKind.FEED, now=clock()))[0]
                       for url in [good, *broken]]
            async with client_for(server) as http:
                index = await load_index(store, settings_for_fuzz, clock())
                report = await Gatherer(store=store, http=http, settings=settings_for_fuzz,
                                        index=index, clock=clock).fetch(sources)
            outcomes = {o.source.location: o for o in report.outcomes}
            # A mutation of the same feed may have stored the good items first: then they
            # are the good source's duplicates, still stored exactly once.
            assert outcomes[good].error is None
            assert outcomes[good].new_articles + outcomes[good].duplicates == 3
            recorded = {s.location: s for s in await store.list_sources()}
            for url in broken:
                assert outcomes[url].error is None or \
                    recorded[url].last_error == outcomes[url].error
                assert not (outcomes[url].error or "").startswith("internal error")
            assert (await store.counts())["articles"] == sum(
                o.new_articles for o in report.outcomes)
        finally:
            await store.close()


@pytest.fixture
def settings_for_fuzz(settings: Settings) -> Settings:
    return dataclasses.replace(settings, fetch_pages=False)


def test_the_corpus_is_what_we_think() -> None:
    assert len(FEEDS) >= 8
    assert any(json.loads(f).get("version", "").startswith("https://jsonfeed.org")
               for f in FEEDS if f.lstrip().startswith(b"{"))
