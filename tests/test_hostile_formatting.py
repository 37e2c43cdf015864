"""Property-based: any titles, summaries, names and URLs make valid Telegram messages.

Arbitrary Unicode (emoji and other astral characters that count twice in UTF-16, right-to-left
text, bidi overrides, `<`, `&`, quotes, entity look-alikes) in every field of a briefing: every
message parses under the strict Telegram HTML checker, fits 4096 UTF-16 units, and no story is
dropped. Modest example counts and sizes keep the suite fast (drawing the examples costs more than
rendering them; up to 6 links still shows more than the 5 linked); raise the counts with
HYPOTHESIS_PROFILE=long.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import re
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_bot.bot import e
from briefing_bot.compose import pack_messages, render_html, render_item_html, utf16_length
from briefing_bot.models import (
    Briefing,
    BriefingItem,
    Excluded,
    InputKind,
    Section,
    SourceLink,
)
from briefing_bot.wording import languages, wording
from tests.fakes import telegram_html_errors

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
SPECIALS = ["<", ">", "&", '"', "'", "&amp;", "&lt;b&gt;", "<b>", "</i>", "<a href=x>", "&#x1F600;",
            "😀", "👩‍👩‍👧", "🇩🇪", "𝔘𝔫𝔦", "𠜎", "\u202e", "\u200f", "שלום", "مرحبا", "\u0301", "\n",
            "\t", "\x00", "\x7f", "\ufeff", "\U0010ffff", "&nbsp;", "]]>", "-->", "'\"><script>"]

# Every character Python strings can hold except lone surrogates (which cannot reach Telegram:
# they are not valid UTF-8 or UTF-16), mixed with the characters that break markup.
chars = st.characters(exclude_categories=["Cs"])
texts = st.lists(st.one_of(st.text(chars, max_size=40), st.sampled_from(SPECIALS)),
                 max_size=12).map("".join)
long_texts = st.one_of(texts, st.builds(lambda t, n: t * n, texts, st.integers(1, 400)))
urls = st.one_of(
    st.none(), texts,
    st.builds(lambda host, path: f"https://{host}.example/{path}",
              st.text(st.characters(categories=("Ll", "Nd")), min_size=1, max_size=12), texts),
    st.builds(lambda path: f"http://n.example/?q={path}&x=\"1\"", texts))
links = st.builds(SourceLink, name=texts, url=urls)
items = st.builds(
    BriefingItem, story_id=st.integers(1, 10**9), title=st.one_of(texts, long_texts),
    summary=long_texts, basis=st.sampled_from(list(InputKind)),
    sources=st.lists(links, max_size=6).map(tuple), source_count=st.integers(1, 50),
    engine=st.sampled_from(["llm", "extractive"]), fallback=st.one_of(st.none(), texts),
    updated_at=st.just(NOW), language=st.one_of(st.none(), texts))
sections = st.builds(Section, topic=st.one_of(st.none(), texts),
                     intro=st.one_of(st.none(), long_texts),
                     items=st.lists(items, max_size=5).map(tuple))
briefings = st.builds(Briefing, generated_at=st.just(NOW), since=st.just(NOW),
                      language=st.just("en"), sections=st.lists(sections, max_size=3).map(tuple),
                      quiet_topics=st.lists(texts, max_size=4).map(tuple),
                      excluded=st.lists(st.builds(Excluded, topic=texts,
                                                  stories=st.integers(1, 500),
                                                  by=st.lists(texts, max_size=3).map(tuple)),
                                        max_size=3).map(tuple))


def assert_sendable(messages: list[str]) -> None:
    assert messages
    for message in messages:
        assert telegram_html_errors(message) == [], message
        assert 0 < utf16_length(message) <= 4096
        assert message.strip()


def numbered(briefing: Briefing) -> Briefing:
    """The same briefing with every title starting "story-N: ", N counting across sections,
    and every section's topic starting "topic " (a header is the topic as written, so one
    could otherwise look like a story).
    """
    count = itertools.count()
    return dataclasses.replace(briefing, sections=tuple(
        dataclasses.replace(section, topic=None if section.topic is None else
                            f"topic {section.topic}", items=tuple(
            dataclasses.replace(item, title=f"story-{next(count)}: {item.title}")
            for item in section.items))
        for section in briefing.sections))


SHOWN_TITLE = re.compile(r"<b>story-(\d+): ([^<]*)</b>")


@pytest.mark.slow
@given(briefings)
def test_every_briefing_message_is_valid_telegram_html_within_the_limit(
    briefing: Briefing,
) -> None:
    # No story is lost or repeated in splitting: every title is shown once, in order, whole
    # or (a title too long for one message) cut short with an ellipsis. (Titles as they come,
    # empty ones too, are checked one story at a time below.)
    briefing = numbered(briefing)
    messages = render_html(briefing)
    assert_sendable(messages)
    shown = SHOWN_TITLE.findall("\n".join(messages))
    titles = [item.title for section in briefing.sections for item in section.items]
    assert [int(number) for number, _ in shown] == list(range(len(titles)))
    for (number, text), title in zip(shown, titles, strict=True):
        full = html.escape(title.removeprefix(f"story-{number}: ")
                           .translate(str.maketrans("", "", "\u202a\u202b\u202c\u202d\u202e")))
        assert text == full or (text.endswith("…") and full.startswith(text[:-1])), (text, full)


@given(items, st.sampled_from(languages()))
def test_every_story_is_valid_telegram_html(item: BriefingItem, language: str) -> None:
    block = render_item_html(item, wording(language))
    assert telegram_html_errors(block) == [], block
    assert block.startswith("<b>")


@given(st.lists(st.builds(e, long_texts), min_size=1, max_size=30))
def test_operator_listings_pack_into_valid_messages(lines: list[str]) -> None:
    """/sources packs escaped lines; a line is never split, so each must fit on its own."""
    fitting = [line for line in lines if utf16_length(line) <= 4096 and line.strip()]
    if not fitting:
        return
    messages = pack_messages(fitting)
    assert_sendable(messages)
    assert "\n\n".join(messages) == "\n\n".join(fitting)  # order kept, nothing lost


@given(st.text(chars, max_size=5000))
def test_astral_characters_are_counted_as_telegram_counts_them(text: str) -> None:
    expected = sum(2 if ord(char) > 0xFFFF else 1 for char in text)
    assert utf16_length(text) == expected
