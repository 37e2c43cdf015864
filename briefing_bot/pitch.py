"""A firm's pitch: whether a page sells its author's trade rather than reports the news, and
which of its sentences are the pitch around the news it tells.

One owner for both questions: the offline summarizer leaves a pitch's sentences out
(`extractive`), a story is told and titled from its reports rather than from a pitch page
(`summaries`, `cluster.story_title`). Before, each kept its own list of signs, and a sign
added to one was missing from the other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing_bot.text import MONTH

# A page speaking to the reader's own case: "In New York, there are laws about what to do if
# you have been involved in an accident." opened a hit-and-run's summary (reader QA, stop 72
# Q4). Only outside quotation marks: a report may quote police advice.
_QUOTES = "\"“”„«»"
_READERS_CASE = (r"\bif\s+you(?:\s+or\s+a\s+loved\s+one)?\s+(?:have|has|were)"
                 r"\s+been\s+(?:involved\s+in|injured|hurt|harmed)\b")
# (as a sentence of its own, the whole of it outside quotation marks)
PITCH_SENTENCE = rf"^[^{_QUOTES}]*{_READERS_CASE}[^{_QUOTES}]*$"
_PITCH_SENTENCE = re.compile(PITCH_SENTENCE, re.IGNORECASE)

# A page that tells the news to sell its author's trade rather than to report it: a firm's
# blog post ("On behalf of Newman, Anzalone & Newman, LLP. posted in Hit and Run Accidents on
# Friday, September 20, 2013."), a page speaking to the reader's own case (`_READERS_CASE`,
# "a free consultation"), a wire's press release ("STOCKHOLM, Sweden --(Business Wire)-- Dec.
# 10, 2004 -- Ericsson…", "/PRNewswire/"). Read in its opening, where such pages say so. On the
# tuning halves' texts it finds, of 1,376 articles of the story sets, the two law firms' posts
# of the Queens hit-and-run and one Business Wire release, and of SemEval's 146 texts two PR
# Newswire releases (market reports): nothing else.
_PITCH_CHARS = 1_000
_PITCH_PAGE = re.compile(
    r"\bon\s+behalf\s+of\s+[^\n]{2,80}?\s+posted\s+(?:by\s+[^\n]{2,60}?\s+)?in\s"
    rf"|(?:^|(?<=[.!?]\s))[^.!?{_QUOTES}\n]{{0,200}}?{_READERS_CASE}"
    r"|\bfree\s+(?:initial\s+)?(?:consultation|case\s+(?:evaluation|review))\b"
    r"|[-(/]\s*(?:business\s*wire|pr\s*newswire(?:-[\w ]{1,20})?|globe\s*newswire|marketwired"
    r"|accesswire)\s*[-)/]",
    re.IGNORECASE | re.MULTILINE)


def pitch_page(text: str) -> bool:
    """Whether an article is a firm's or a company's pitch page (`_PITCH_PAGE`)."""
    return _PITCH_PAGE.search(text[:_PITCH_CHARS]) is not None


def pitch_sentence(sentence: str) -> bool:
    """Whether a sentence speaks to the reader's own case (`_READERS_CASE`): no summary's."""
    return _PITCH_SENTENCE.search(sentence) is not None


# The rest of such a blog's pitch, around the news it tells: "One extremely important law is
# that both drivers must remain at the scene…", "This type of negligence can lead to a delay
# in treatment…" (reader QA, stop 72: the first opened the summary after the pitch's first
# sentence was left out), "…many people wonder how they will be able to obtain compensation…".
# In a text whose pitch opens it (among its first sentences), the news is the run of
# sentences from the first that says when something happened ("Just last week, a serious
# hit-and-run accident took place in Queens.") to the last before one that speaks to the
# reader or of the firm's trade again; a post with no such sentence is read whole. On the
# tuning halves' texts one has this shape, that post.
_PITCH_SENTENCES = 4
_SAYS_WHEN = re.compile(
    r"\b(?:(?:last|this\s+past|earlier\s+this)\s+(?:week(?:end)?|month|year|night|\w+day)"
    rf"|yesterday|recently|on\s+\w+day|{MONTH}\s+\d)\b", re.IGNORECASE)
_THE_TRADE = re.compile(
    r"\b(?:you|your|laws?|legal|attorneys?|lawyers?|compensation|negligen\w*|liab(?:le|ility)"
    r"|insurance|claims?|lawsuits?|damages|victims?|(?:many|some)\s+people)\b", re.IGNORECASE)


def news_within_pitch(sentences: Sequence[str]) -> slice:
    """Which of a text's sentences are its news when a pitch opens it (`_SAYS_WHEN`); all of
    them in a text that is no such pitch, or tells no news in it."""
    pitch = next((number for number, sentence in enumerate(sentences[:_PITCH_SENTENCES])
                  if pitch_sentence(sentence)), None)
    if pitch is None:
        return slice(0, len(sentences))
    start = next((number for number in range(pitch + 1, len(sentences))
                  if _SAYS_WHEN.search(sentences[number])), None)
    if start is None:
        return slice(0, len(sentences))
    end = next((number for number in range(start + 1, len(sentences))
                if _THE_TRADE.search(sentences[number])), len(sentences))
    return slice(start, end)
