from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing_bot.errors import OPMLError
from briefing_bot.opml import OPMLFeed, parse_opml, render_opml

DATA = Path(__file__).parent / "data"


def test_nested_feeds_are_found_and_broken_outlines_reported() -> None:
    document = parse_opml((DATA / "subscriptions.opml").read_bytes())
    assert document.feeds == (
        OPMLFeed("https://gazette.example/feed.xml", "Test Gazette"),
        OPMLFeed("https://observer.example/atom", "Atom Observer"),
    )
    assert len(document.problems) == 2
    assert "no xmlUrl" in document.problems[0]
    assert "not an http(s) URL" in document.problems[1]


def test_export_then_import_gives_the_same_feeds() -> None:
    feeds = [OPMLFeed("https://a.example/feed", "A & B <news>"),
             OPMLFeed("https://c.example/rss?x=1&y=2", None)]
    text = render_opml(feeds, now=datetime(2026, 11, 25, tzinfo=UTC))
    parsed = parse_opml(text.encode("utf-8"))
    assert [feed.url for feed in parsed.feeds] == [feed.url for feed in feeds]
    assert parsed.feeds[0].title == "A & B <news>"
    assert parsed.problems == ()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<opml><body><outline", "not a valid OPML"),
        (b"<rss version='2.0'/>", "root element is <rss>"),
        (b"<opml version='2.0'><head/></opml>", "no <body>"),
    ],
)
def test_unreadable_opml(data: bytes, message: str) -> None:
    with pytest.raises(OPMLError, match=message):
        parse_opml(data)


def test_entity_expansion_bomb_is_refused() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1
                                                  else b"&lol;" * 10) for i in range(1, 10))
            + b']><opml><body><outline title="&lol9;" xmlUrl="https://x.example"/></body></opml>')
    with pytest.raises(OPMLError):
        parse_opml(bomb)


def test_an_export_of_a_title_with_control_characters_imports_back() -> None:
    # Operator QA: a JSON Feed's title "Ctrl\u000bTitle" made an export its import refused.
    feeds = [OPMLFeed(url="https://a.example/feed.json", title="Ctrl\x0bTitle & <Co> \u202eevil")]
    document = render_opml(feeds, now=datetime(2026, 12, 2, tzinfo=UTC))
    (back,) = parse_opml(document.encode()).feeds
    assert (back.url, back.title) == ("https://a.example/feed.json", "CtrlTitle & <Co> evil")
