"""What a reader or the operator asks to have summarized: a link, a text, a file or stdin.

One set of rules for every front end: the same size limits, the same check that a link leads
to an article (public addresses only, text content types, enough words), and the same answer
for what is not an article at all ("file:///x", "look at this http://..."), instead of a
"summary" that echoes the input back.
"""

from __future__ import annotations

import asyncio
import codecs
import dataclasses
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from briefing_bot.config import Settings
from briefing_bot.errors import UserFacingError
from briefing_bot.extractive import words_in
from briefing_bot.models import Summary
from briefing_bot.netguard import Fetched, Guard
from briefing_bot.pages import (
    FULL_TEXT_MIN_WORDS,
    Page,
    described,
    extract_page,
    is_link_list,
    is_teaser_list,
    strip_boilerplate,
    tells_teaser,
    without_link_runs,
)
from briefing_bot.sources import NOT_UTF8, file_text
from briefing_bot.store import Store
from briefing_bot.summaries import Summarizer
from briefing_bot.text import OTHER_FULL_STOPS, is_headline, told_by, written_as_headline
from briefing_bot.urls import is_web_url

MAX_INPUT_CHARS = 100_000  # about 15,000 words: a long report, not a book
# A line before the first sentence with no more words and no full stop is not the article.
_LEAD_IN_WORDS = 16
# (and the full stops of Chinese and Japanese, which a line of theirs ends with)
_ENDS_SENTENCE = re.compile(rf"[.!?…,:;。！？，：；{OTHER_FULL_STOPS}][\"'”’)」』]*\s*$")
MIN_WORDS = 20  # fewer, and there is nothing to shorten (a page: a menu or a login wall)
LEAD_MIN_WORDS = 12  # a page's own lead (its meta description) that says something
# Fewer words around one link: a post about the page (a blurb, a question), not a text.
LINK_POST_WORDS = 100
LINK_QUESTION_WORDS = 250  # a question about a link, however long a reader makes it
_URL_LIKE = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$", re.IGNORECASE)
# A link pasted without its scheme, as browsers show them ("bbc.co.uk/news/world-123",
# "www.example.com/story", "203.0.113.5:8080/a"): read as https, as a browser would (found by
# exploratory QA: such links were "too short to summarize"). A bare word with a dot
# ("Mr.Smith", "e.g.") is not one: it needs a path, a port or "www.".
_BARE_LINK = re.compile(
    r"^(?:www\.(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d{1,5})?(?:[/?#]\S*)?"
    r"|(?:(?:[a-z0-9-]+\.)+[a-z]{2,}|\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?[/?#]\S*"
    r"|(?:(?:[a-z0-9-]+\.)+[a-z]{2,}|\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}"
    # ...and this machine's own name with a port or a path, as a browser takes it
    # ("localhost:8765/x" was "only web links": reader QA, stop 51; "localhost/news" text:
    # Telegram QA, stop 54; the address guard then says the reason)
    r"|localhost(?::\d{1,5})?[/?#]\S*|localhost:\d{1,5})$", re.IGNORECASE)
_TELEGRAM_LINK = re.compile(r"https?://(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)/",
                            re.IGNORECASE)
_ANY_URL = re.compile(r"\b(?:https?|ftp|file)://\S+|\bwww\.\S+", re.IGNORECASE)


def bare_link(text: str) -> str | None:
    """A web link pasted without its scheme ("bbc.co.uk/news/world-123"), as https; None for
    anything else."""
    text = text.strip()
    if " " in text or not _BARE_LINK.match(text) or not is_web_url(f"https://{text}"):
        return None
    # (a browser reads a local server as http)
    return f"{'http' if text.lower().startswith('localhost') else 'https'}://{text}"


class InputError(UserFacingError):
    """The input cannot be summarized; the message says why, in one line, for the user."""


@dataclasses.dataclass(frozen=True, slots=True)
class Input:
    """Text to summarize and where it came from (`source` names it in the prompt)."""

    text: str
    kind: str  # "url", "text", "file" or "stdin"
    source: str
    title: str = ""  # a page's own title, when it has one
    # What a page's text is short of: "paywall" (the rest is for subscribers), "start" (the
    # page was larger than the size limit, and this is its start); None: all of it.
    partial: str | None = None
    warning: str = ""  # for the operator: how the file was read ("not UTF-8; …")
    # A link's message's own words, when they are a text of their own (a pasted paragraph
    # and its "Source: <link>"): what is summarized when the page cannot be read.
    own_text: str = ""
    # Why the message's link could not be read, in the reader's words, when its own text is
    # summarized instead: said under the summary.
    unread: str = ""
    # A live blog's posts, oldest first: the offline summary tells the blog's day by them.
    posts: tuple[str, ...] = ()


def classify(message: str) -> Input:
    """A reader's /summarize argument: a link to fetch, or a text long enough to summarize.

    Raises InputError for what is neither, before anything is fetched or counted.
    """
    text = message.strip()
    if not text:
        raise InputError("There is nothing to summarize: send a link or a text.",
                         key="err_nothing_to_summarize")
    words = text.split()
    if len(words) == 1 and is_web_url(text):
        # (without the full stop of "/summarize <link>.": second QA stop 63 G7, a 404)
        return Input(text="", kind="url", source=next(iter(web_links(text)), text))
    if len(words) == 1 and (link := bare_link(text)) is not None:
        return Input(text="", kind="url", source=link)
    if len(words) == 1 and _URL_LIKE.match(text):
        raise InputError("Only web links (http or https) can be summarized.",
                         key="err_web_links_only")
    _check_length(text, "That text", key="err_text_too_long")
    prose = _ANY_URL.sub(" ", text).split()
    # (counted as a reader would: Chinese and Japanese about two characters a word, without
    # spaces between them; reader QA stop 75 S4, five Japanese sentences were "too short")
    said = words_in(" ".join(prose))
    links = web_links(text)
    # (a question about a link set apart from its words: "…understood it: <link> - is it
    # good news?"; not a pasted mail's "Log in at <link> to claim your prize. Would you like
    # to know more?", nor a pasted prompt's "…is <link> DOCUMENT>>> ok?": review stop 64)
    asks = bool(links) and _asks(prose) and _set_apart(links[0], text)
    posted = bool(links) and said < LINK_POST_WORDS and (
        said < MIN_WORDS or _at_an_end(links[0], words, text))
    # (a long question too: QA stop 64 K2, 125 words asking about the page came back as
    # their own "summary")
    if len(links) == 1 and (posted or (asks and said < LINK_QUESTION_WORDS)):
        # A link with words around it (a forwarded post's blurb, "look at this!", a question
        # about it): the page is what is meant (reader QA: a forwarded message cannot be
        # edited; QA stop 63 F1, F4: a question of 26 words, or a channel post's two-line
        # blurb, was summarized instead, and the page never read), a question with the link
        # inside it too (second QA G4: "…not sure I understood it: <link> - is it good or bad
        # news for people who own shares?" came back as its own summary).
        return Input(text="", kind="url", source=links[0],
                     own_text="" if asks else _own_text(text, links[0]))
    if said < MIN_WORDS:
        if links:
            raise InputError(f"That message has {len(links)} links: send one at a time "
                             "(/summarize https://...).", key="err_several_links",
                             n=len(links))
        if len(prose) < len(words):
            raise InputError("Only web links (http or https) can be summarized.",
                             key="err_web_links_only")
        raise InputError(f"That is too short to summarize (fewer than {MIN_WORDS} words).",
                         key="err_too_short", n=MIN_WORDS)
    return _pasted(text)


def _asks(prose: list[str]) -> bool:
    """Whether a message's words (its links taken out) end in a question: a reader asking
    about the page. A post that opens with a question headline ("Is this the end of cheap
    flights? Ryanair said…") asks nothing (QA stop 64 H1)."""
    words = list(prose)
    while words and (_POST_TAIL.fullmatch(words[-1]) and "?" not in words[-1]):
        words.pop()
    last = words[-1].rstrip(")\"'»”’!") if words else ""  # (and "?!")
    # (Greek asks with ";", its question mark)
    return last.endswith(("?", "？", "\u037e")) or (
        last.endswith(";") and _GREEK.search(last) is not None)


_GREEK = re.compile("[\u0370-\u03ff]")


def _pasted(text: str) -> Input:
    body = _article_part(text)
    title, body = _headline_and_text(body)
    if not title:
        title, body = _headline_over_furniture(text, body)
    return Input(text=body, kind="text", source="text", title=title)


def _headline_over_furniture(text: str, body: str) -> tuple[str, str]:
    """A pasted article's headline on its first line with a page's furniture under it (a
    byline, a date, share buttons), and the text after the furniture; else no headline and
    `body` (the text as `_article_part` kept it). The furniture went with the headline, as
    the lines before a first sentence (QA stop 72 Q12: "Incendie : un entrepôt détruit à
    Lyon, aucun blessé" over "Par Marie Dupont, publié le…"), or an Italian byline in lower
    case ("di Giulia Rossi") read as the headline's sentence going on kept it all (QA stop 73
    R11: "Maltempo, esonda il Seveso a Milano…"): neither had a bold headline."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    if not is_headline(first) or strip_boilerplate(first).strip() != first:
        return "", body  # (a page's "Skip to main content", a byline)
    under = _article_part(rest.strip())
    title, under = _headline_and_text(f"{first}\n{under}")
    # Only over furniture, dropped with the headline or under it: a text's first line that
    # goes on in the next is no headline (`_headline_and_text` said so).
    if title and (not body.startswith(first) or under != rest.strip()):
        return title, under if body.startswith(first) else body
    return "", body


def with_post(given: Input, post: str) -> Input:
    """A link's Input with the words of the post it was hidden in ("…flight.\n\nFull story",
    the link behind "Full story") as its own text, when they are a text and ask nothing."""
    if _asks(_ANY_URL.sub(" ", post).split()):
        return given
    return dataclasses.replace(given, own_text=_own_text(post, given.source))


def _own_text(text: str, link: str) -> str:
    """A message's words around its link, when they are a text to summarize: at least
    MIN_WORDS words, not counting tags and emoji (review stop 64: a ten-word headline with
    its tags came back as "your own text")."""
    own = _words_around(text, link)
    return own if sum(any(c.isalnum() for c in word) and word[0] not in "#@"
                      for word in own.split()) + _unspaced(own) >= MIN_WORDS else ""


def text_instead(given: Input, unread: str) -> Input:
    """A link's message's own text, to summarize since its page could not be read (`unread`
    says why): second QA stop 63 G5, a pasted paragraph ending "Source: <link>" whose page
    failed gave the reader the failure alone, and their text was lost."""
    return dataclasses.replace(_pasted(given.own_text), unread=unread)


# A label left at the end of a text once its link is taken out ("Source:", "Full story from
# our business desk:").
_LINK_LABEL = re.compile(r"(?:^|(?<=[.!…\n]))[^.!?…\n]{0,60}:\s*$")


def _words_around(text: str, link: str) -> str:
    """A message without its link where the link stands apart (opening it, closing it under
    a label such as "Full story:", on a line of its own) and without a channel's tags and
    call after it; where it ends a sentence ("…published on Thursday at <link>."), "[…]"
    in its place, as in a summary (QA stop 64 J5: "…published on Thursday at…")."""
    def marked(match: re.Match[str]) -> str:
        found = _trimmed(match.group())
        named = f"https://{found}" if found.lower().startswith("www.") else found
        return _LINK_MARK + match.group()[len(found):] if named == link else match.group()

    kept = _OPENING_LINK.sub("", _ANY_URL.sub(marked, text.replace(_LINK_MARK, "")).strip())
    call = _CHANNEL_CALL.search(kept)
    before_call = kept[:call.start()].split() if call is not None else []
    while before_call and _LINK_MARK not in before_call[-1] and _POST_TAIL.fullmatch(
            before_call[-1]):
        before_call.pop()  # ("<link> 👉 Subscribe…")
    if call is not None and before_call and _LINK_MARK in before_call[-1]:
        # (a call right after the link: "…her party would join us in government." is no
        # channel's: review stop 64)
        kept = kept.removesuffix(call.group()).rstrip()
    before = None
    while kept != before:  # (tags, then a label, then the emoji before it: QA stop 64 H6)
        before = kept
        while kept and (tail := kept.split()[-1]) and _LINK_MARK not in tail and (
                _POST_TAIL.fullmatch(tail) or is_telegram_link(tail)):
            kept = kept[:kept.rfind(tail)].rstrip()
        if kept and _LINK_MARK in (tail := kept.split()[-1]):
            head = kept[:kept.rfind(tail)]
            if _LINK_LABEL.search(head) or not head.strip() or head.rstrip(" ").endswith(
                    "\n") or _ENDS_SENTENCE.search(head) or _POST_TAIL.fullmatch(
                    head.split()[-1]):
                kept = _LINK_LABEL.sub("", head.rstrip()).rstrip()  # it stands apart
        kept = _LINK_LABEL.sub("", kept).rstrip()
    return kept.replace(_LINK_MARK, "[…]")


_LINK_MARK = "\x00"  # where the link stood, while its surroundings are read
_OPENING_LINK = re.compile(r"^\x00[^\w\s]*\s*")


# A pasted first line that is no headline: a greeting, a page's audio button (review).
_GREETING_WORDS = 6
_NO_HEADLINE = re.compile(r"(?:hi|hello|hey|dear|fyi|listen\s+to|read\s+more|see\s+below)\b",
                          re.IGNORECASE)


def _headline_and_text(text: str) -> tuple[str, str]:
    """A pasted article's headline, when its first line is one (a few words without a full
    stop, a text after it), and the text without it; else no headline. Found by reader QA:
    "Blair rejects Tory terror offer" was glued into the summary's first sentence."""
    first, _, rest = text.strip().partition("\n")
    first, rest = first.strip(), rest.strip()
    if (written_as_headline(first) and not _NO_HEADLINE.match(first)
            and len(first.split()) <= _LEAD_IN_WORDS
            and not _ENDS_SENTENCE.search(first) and not rest[:1].islower()
            and words_in(rest) >= MIN_WORDS):
        return first, rest
    return "", text


# A menu pasted with an article: "Home | News | World | Business | Sport": two separators in a
# row, each with an item before it. Found from the first separator (`_is_menu`): searched from
# each word of a line, as "(?:\S[^|·•]*\s[|·•]\s){2,}" was, a long line without one read to its
# end from every word (a 100 KB line took minutes).
_MENU = re.compile(r"\s[|·•]\s\S[^|·•]*\s[|·•]\s")


def _is_menu(line: str) -> bool:
    """Whether a line holds a menu's items: an item, a separator, an item, a separator."""
    found = _MENU.search(line)
    # (the first item: anything before the first separator but blanks)
    while found is not None and not line[:found.start()].strip():
        found = _MENU.search(line, found.start() + 1)
    return found is not None
# A line that tells a reader which bot command to send ("3 more stories on your topics:
# /more"), as a briefing forwarded back to the bot ends (Telegram QA, stop 54 F13: its
# summary repeated the footer).
_COMMAND_LINE = re.compile(r"(?:[^\n]{0,120}:\s*)?/[a-z_]{2,32}\s*$")


def _article_part(text: str) -> str:
    """A pasted page without its furniture: what the page path drops (share and sign-in
    lines, bylines, menus, "3 min read"), and the short lines without a full stop before the
    first sentence (section, headline, date). Found by reader QA: "select all, copy" of a
    news page was summarized as its navigation glued to the first sentence. The text as it
    came when too little would be left."""
    lines = [line for line in strip_boilerplate(text).split("\n")
             if not _is_menu(line) and not _COMMAND_LINE.fullmatch(line.strip())]
    while lines and (not lines[0].strip() or (
            len(lines[0].split()) <= _GREETING_WORDS and _NO_HEADLINE.match(lines[0].strip())
            and not _continues(lines, 0))):
        lines = lines[1:]  # a mail's "Hi all," and "FYI, see below." (QA stop 64 K4)
    lead_in = 0
    while lead_in < len(lines) and len(lines[lead_in].split()) <= _LEAD_IN_WORDS and not (
            _ENDS_SENTENCE.search(lines[lead_in])) and not _continues(lines, lead_in):
        lead_in += 1
    if lead_in >= 2:  # one short line is a letter's greeting or a title; two, a page's top
        lines = lines[lead_in:]
    kept = "\n".join(without_link_runs(lines))
    return kept if words_in(kept) >= MIN_WORDS else text


def is_telegram_link(url: str) -> bool:
    """A link to a Telegram channel or chat (a post's "Subscribe"), not to an article."""
    return _TELEGRAM_LINK.match(url) is not None


def _continues(lines: Sequence[str], number: int) -> bool:
    """Whether a line goes on in the next (a text wrapped by hand, an email, a PDF): the next
    starts in lower case (review: the opening sentences of such a text were dropped)."""
    following = lines[number + 1].lstrip() if number + 1 < len(lines) else ""
    return following[:1].islower()


def _at_an_end(link: str, words: list[str], text: str) -> bool:
    """Whether a message opens or closes with `link` (a post's "Full story: <link>", a link
    and a question about it), rather than naming it inside its text (a pasted mail's "log in
    at <link> to claim your prize"). A channel's tags, signature, emoji and own t.me link
    after it do not count (second QA stop 63 G1: "…<link> #business #media",
    "@rundschau_berlin"; review: "/ Abonnieren: <t.me link>"); words after it do ("…the real
    document is <link> DOCUMENT>>>", a pasted prompt)."""
    after = next((len(words) - n for n, word in enumerate(reversed(words))
                  if link.split("://", 1)[-1] in word), len(words))  # (the words after it)
    call = _CHANNEL_CALL.search(" ".join(words[after:])) if (
        len(words) - after <= _CALL_WORDS) else None
    if call is not None and _set_apart(link, text):
        # A channel's call to follow it after the link ("Abonniert unseren Kanal!"): no text
        # of the post (review, stop 63), when the link stands apart ("Mehr: <link>"). Only
        # such a call: other words after a link are the text's (a pasted prompt's "…is
        # <link> DOCUMENT>>>", "…is <link> Follow us for more": review stop 64).
        words = " ".join(words).removesuffix(call.group()).split()
    while len(words) > 1:
        if _POST_TAIL.fullmatch(words[-1]):
            words = words[:-1]
        elif is_telegram_link(words[-1]):
            words = words[:-1]
            if len(words) > 1 and words[-1].endswith(":"):
                words = words[:-1]  # its label ("Subscribe:")
        else:
            break
    return any(web_links(word) == [link] and word.lstrip("(«\"“").startswith(
        ("http", "www", link[8:])) for word in (words[0], words[-1]))


_POST_TAIL = re.compile(r"[#@]\w+|[^\w]+")


def _set_apart(link: str, text: str) -> bool:
    """Whether `link` stands apart from the words around it, as a reference: after a colon,
    a sentence's end, a line's end or a symbol ("👉"), or before a dash or a line's end; not
    inside a sentence's words ("log in at <link> to claim", "the real document is <link>")."""
    # (as written: "www.…" is read as https, and a link's scheme may be either)
    at = text.find(link.split("://", 1)[-1])
    if at < 0:
        return False
    while at > 0 and not text[at - 1].isspace() and text[at - 1] not in "(«\"“":
        at -= 1  # back to the link's start: its scheme
    before = text[:at].rstrip(" \t(«\"“")
    written = text[at:].split(None, 1)[0]  # the link, with what is glued to it
    after = text[at + len(written):].lstrip(" \t")
    return (not before or before.endswith(("\n", ":", "：", ".", "!", "?", "…"))
            or unicodedata.category(before[-1]) == "So"
            or not after.strip() or after.startswith(("-", "–", "—", "\n")))


# A channel's call to subscribe or follow, closing a post after its link, in the readers'
# languages: a verb of following, then at most a few words ("our channel", "for more news").
_CALL_WORDS = 15  # ("Abonniert unseren Kanal für mehr Nachrichten aus aller Welt!": QA K3)
_CHANNEL_CALL = re.compile(
    r"(?<!\S)(?:subscribe|follow\s+us|join\s+(?:us|our)|abonniert|abonnieren|abonniere|folgt\s+uns|"
    r"folge\s+uns|abonnez-vous|abonnez|suivez-nous|suscr[ií]bete|s[ií]guenos|iscriviti|"
    r"seguici|inscreva-se|siga-nos|abonneer|volg\s+ons|subskrybuj|obserwuj|"
    r"подписывайтесь|подпишитесь|підписуйтесь|підпишіться|абонирайте\s+се|"
    r"последвайте\s+ни|εγγραφείτε|ακολουθήστε\s+μας)\b[^\n]{0,60}$",
    re.IGNORECASE)


_OPENED_BY = {")": "(", "]": "["}


def _trimmed(link: str) -> str:
    """A link without the punctuation a sentence puts after it, keeping a closing bracket it
    opened itself (review: ".../wiki/Mercury_(planet" was fetched)."""
    while link and link[-1] in ".,;:!?)]}>\"'»”’":
        opener = _OPENED_BY.get(link[-1])
        if opener is not None and link.count(opener) >= link.count(link[-1]):
            break
        link = link[:-1]
    return link


def web_links(text: str) -> list[str]:
    """The distinct web links in a text, as written (a "www." one read as https), without
    the punctuation a sentence puts after them."""
    found: list[str] = []
    for match in _ANY_URL.finditer(text):
        link = _trimmed(match.group())
        link = f"https://{link}" if link.lower().startswith("www.") else link
        if is_web_url(link) and link not in found:
            found.append(link)
    # A channel's own link ("Subscribe": t.me/channel) is not what a post is about (review).
    articles = [link for link in found if not is_telegram_link(link)]
    return articles or found


def _check_length(text: str, label: str, *, key: str | None = None) -> None:
    if len(text) > MAX_INPUT_CHARS:
        raise InputError(f"{label} is too long (at most {MAX_INPUT_CHARS:,} characters); "
                         "summarize a part of it.", key=key, n=MAX_INPUT_CHARS)


async def fetch_link(url: str, *, http: httpx.AsyncClient, guard: Guard,
                     settings: Settings) -> Input:
    """An article page from a public address: its main text, or InputError saying why not."""
    fetched = await guard.fetch(http, url, max_bytes=settings.max_page_bytes,
                                seconds=settings.fetch_timeout, page_start=True)
    if fetched.content_type.lower().startswith("text/plain"):
        # A text file on the web is its text (QA stop 63 F6: an article served as text/plain
        # went through the HTML extractor, which found nothing: "only links, menus or
        # pictures"), read as a pasted text is.
        plain = _decoded(fetched)
        title, body = _headline_and_text(_article_part(plain.strip()))
        opening = _opening(body)
        found = _article(opening, kind="url", source=url, label="That page")
        return dataclasses.replace(found, title=title, partial="start" if (
            fetched.truncated or opening != body) else None)
    page, markup_read = await asyncio.to_thread(_page_read, fetched)
    if fetched.truncated and not _article_found(page):
        raise InputError(f"That page is larger than {settings.max_page_bytes:,} bytes "
                         "(BRIEFING_MAX_PAGE_BYTES), and no article text was found in its "
                         "start.", key="err_page_start_empty", n=settings.max_page_bytes)
    # (read in the charset the server names, as the extractor reads it: the bytes alone are
    # read as Latin-1 without a <meta charset>, second QA stop 63 G3: "SpieÃ")
    markup = _as_served(fetched, markup_read)
    if is_link_list(page.text) or await asyncio.to_thread(is_teaser_list, markup, page.text):
        raise InputError("That page is a list of links (a home or section page), not an "
                         "article: send the link of one of its articles.",
                         key="err_page_link_list")
    if words_in(page.text) < MIN_WORDS and not page.paywalled:
        # A page whose text a script shows, or a wall hides, still says what it is to link
        # previews: that lead, labelled as a teaser (QA stop 63 F15: an app shell's page was
        # refused as "only links, menus or pictures", its lead in its meta tags).
        headline, lead = await asyncio.to_thread(described, markup)
        if words_in(lead) >= LEAD_MIN_WORDS and len(lead) > len(page.text):
            return Input(text=lead, kind="url", source=url, partial="teaser",
                         title=headline if is_headline(headline) and told_by(headline, lead)
                         else "")
    # A page's article longer than a text may be is read from its start, as a page over the
    # size limit is (reader QA stop 75 S11: "too long; summarize a part of it", which a
    # reader who sent a link cannot do).
    opening = _opening(page.text)
    found = _article(opening, kind="url", source=url, label="That page")
    # Said with the summary (reader QA: a paywalled page's free opening was summarized as if
    # it were the article).
    # A page cut for its size whose article ended before the cut was read whole (QA stop 63
    # F12: an article followed by megabytes of inline data was said to be read in part).
    cut = (fetched.truncated and not (page.whole and _closed(markup_read))) or opening != page.text
    partial = "paywall" if page.paywalled else "start" if cut else None
    # The page's title heads the summary when it reads as the article's headline: a word of
    # it in the text, as for a feed's item without one (gather.py); a site's name mostly has
    # none (reader QA: pages without a headline were headed "The Daily Ledger"). Short
    # headlines stay ("Ferry fares rise"): here no story's name rests on it.
    title = " ".join((page.title or "").split())
    if not (is_headline(title) and told_by(title, page.text)):
        title = ""
    return dataclasses.replace(found, title=title, partial=partial, posts=page.posts)


# A page over the size limit is read from its first megabyte, when its article is there: it
# comes before the inline data that makes a page huge, and the extractor took 15-25 s over the
# whole 5 MB start (about 3 s over 1 MB), while the text kept is 100,000 characters at most
# (reader QA stop 75 S11: 20 s, then a refusal).
_PAGE_START_BYTES = 1_000_000


def _page_read(fetched: Fetched) -> tuple[Page, bytes]:
    """A page's article, and the markup it was read from: a huge page's first megabyte when
    its article is found there, else all that was fetched. A page fetched whole (up to
    BRIEFING_MAX_PAGE_BYTES) is read from its start only when nothing is lost by that: the
    article closed there, or its text there is already more than is summarized (a 5 MB page
    took 15 s to read whole, for a text cut to MAX_INPUT_CHARS); one under twice that size is
    read whole at once (its start read first, in vain, would nearly double the time)."""
    if len(fetched.body) > _PAGE_START_BYTES and (
            fetched.truncated or len(fetched.body) > 2 * _PAGE_START_BYTES):
        start = fetched.body[:_PAGE_START_BYTES]
        page = extract_page(start, fetched.url)
        if _article_found(page) and (fetched.truncated or len(page.text) > MAX_INPUT_CHARS
                                     or (page.whole and _closed(start))):
            return page, start
    return extract_page(fetched.body, fetched.url), fetched.body


def _article_found(page: Page) -> bool:
    """Whether the start of a page cut for its size holds its article: an article's length
    of text, or a shorter one that tells the page's own headline (a cookie notice before
    megabytes of inline data does not: review; reader QA stop 75 S11: a page whose one
    paragraph its extractor read once, under its headline, was said to hold no article)."""
    said = words_in(page.text)
    return said >= FULL_TEXT_MIN_WORDS or (
        said >= MIN_WORDS and bool(page.title) and is_headline(page.title or "")
        and tells_teaser(page.text, "", title=page.title or ""))


# A text's opening cut short of the limit ends after a paragraph, else a sentence.
_SENTENCE_END_AT = re.compile(
    rf"[.!?。！？{OTHER_FULL_STOPS}][\"'”’)」』]*(?:\s|(?<=[。！？])(?=\S))")


def _opening(text: str) -> str:
    """A page's text up to MAX_INPUT_CHARS: all of it, or its opening, cut after its last
    paragraph (else its last sentence, else a word) within the limit."""
    if len(text) <= MAX_INPUT_CHARS:
        return text
    head = text[:MAX_INPUT_CHARS]
    paragraph = head.rfind("\n")
    if paragraph >= MAX_INPUT_CHARS // 2:
        return head[:paragraph].rstrip()
    ends = [found.end() for found in _SENTENCE_END_AT.finditer(head, MAX_INPUT_CHARS // 2)]
    return head[:ends[-1]].rstrip() if ends else head.rsplit(None, 1)[0]


_ARTICLE_OPENED = re.compile(rb"<article[\s>]", re.IGNORECASE)
_ARTICLE_CLOSED = re.compile(rb"</article\s*>", re.IGNORECASE)


def _closed(body: bytes) -> bool:
    """Whether a page cut for its size closed every article it opened (not only a teaser
    card's above the story: review, stop 63)."""
    closes = len(_ARTICLE_CLOSED.findall(body))
    return closes > 0 and closes >= len(_ARTICLE_OPENED.findall(body))


def _as_served(fetched: Fetched, body: bytes) -> str | bytes:
    """A page's markup (`body`, what of it was read) as text in the charset its Content-Type
    names; else its bytes (for the parser to read its <meta charset>)."""
    if not fetched.charset:
        return body
    text = body.decode(_charset(fetched.charset), errors="replace")
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # (lxml refuses text that declares one)


def _decoded(fetched: Fetched) -> str:
    """A text file's text: in the charset its server names, else as a text file from disk is
    read (`sources.file_text`: UTF-8, else Windows-1252)."""
    if fetched.charset:
        return fetched.body.decode(_charset(fetched.charset), errors="replace")
    return file_text(fetched.body)[0]


def _charset(named: str) -> str:
    """A charset as Python knows it; UTF-8 for one it does not, or none."""
    try:
        return codecs.lookup(named).name if named else "utf-8"
    except LookupError:
        return "utf-8"


def _article(text: str, *, kind: str, source: str, label: str) -> Input:
    page = kind == "url"  # told in the reader's language; files and stdin are the CLI's
    if not text.strip():
        # (a page: read as a reader sees it, links and menus and no article; reader QA, stop
        # 50: a list of links was "empty")
        raise InputError(f"{label} has no article text to summarize: only links, menus or "
                         "pictures, or nothing at all." if page else
                         f"{label} is empty: there is nothing to summarize.",
                         key="err_page_empty" if page else None)
    if words_in(text) < MIN_WORDS:
        behind = (" (the rest may be behind a log-in, a subscription or a consent wall)"
                  if page else "")
        raise InputError(f"{label} has too little article text to summarize{behind}.",
                         key="err_page_too_little" if page else None)
    _check_length(text, label, key="err_page_too_long" if page else None)
    return Input(text=text, kind=kind, source=source)


def read_local(location: str, *, settings: Settings) -> Input:
    """A file (HTML pages are reduced to their main text) or standard input ("-")."""
    limit = settings.max_page_bytes
    if location == "-":
        data = sys.stdin.buffer.read(limit + 1)
        label, kind, path = "standard input", "stdin", None
    else:
        path = Path(location).expanduser()
        try:
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
        except FileNotFoundError:
            raise InputError(f"{location}: no such file (or not an http(s) URL)") from None
        except IsADirectoryError:  # reader QA: "sum: Is a directory"
            raise InputError(f"{location} is a folder; summarize reads one file (or a URL, "
                             "or text on standard input)") from None
        except OSError as exc:
            raise InputError(f"{location}: {exc.strerror or exc}") from None
        label, kind = location, "file"
    if len(data) > limit:
        raise InputError(f"{label} is larger than {limit:,} bytes (BRIEFING_MAX_PAGE_BYTES); "
                         "summarize a part of it")
    legacy = False
    posts: tuple[str, ...] = ()
    if path is not None and path.suffix.lower() in (".html", ".htm"):
        page = extract_page(data)
        text, posts = page.text, page.posts  # (a saved live blog as its link: review stop 65)
    else:
        text, legacy = _decode(data, label)
    source = "text" if kind == "stdin" else location
    given = dataclasses.replace(_article(text, kind=kind, source=source, label=label),
                                posts=posts)
    # Read as an article folder reads it, and said (reader QA, stop 53 F9: a Latin-1 file's
    # "Pr\ufffdsident" was summarized without a word).
    return dataclasses.replace(given, warning=f"{label}: {NOT_UTF8}") if legacy else given


def _decode(data: bytes, label: str) -> tuple[str, bool]:
    """A file's text, and whether it was not UTF-8 (`sources.file_text`)."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{label} is binary, not text")
    text, legacy = file_text(data)
    # Letters of another encoding here and there are a Latin-1 text (a short German one has
    # an umlaut in every few words: second review); a fifth of it is no text at all.
    if legacy and data.decode("utf-8", errors="replace").count("\ufffd") > len(text) / 5:
        raise InputError(f"{label} is not UTF-8 text")
    return text, legacy


def came_back_whole(summary: Summary, given: Input) -> bool:
    """Whether a text no longer than its summary came back whole: said so, not passed off as
    a summary (reader QA, stop 52 F17: 23 words in, the same 23 out)."""
    # (a text's links are not said in its summary: "described at <link> in detail" came
    # back as "described at in detail", one word short, and unlabelled: second QA G4)
    def said(text: str) -> int:  # (words, not a link's mark or its bracket)
        return sum(any(c.isalnum() for c in word) for word in text.split()) + _unspaced(text)

    return bool(given.text and summary.text) and (
        said(summary.text) >= said(_ANY_URL.sub(" ", given.text)))


def _unspaced(text: str) -> int:
    """The words a text written without spaces (Chinese, Japanese) has beyond its
    space-separated ones: about one for every two of its characters (`words_in`)."""
    return words_in(text) - len(text.split())


def summary_words(settings: Settings) -> int:
    """How long a summary of a text is, unless asked otherwise: never shorter than 60 words."""
    return max(60, settings.summary_words)


async def summarize_input(summarizer: Summarizer, given: Input, *, language: str,
                          max_words: int, patient: bool = True) -> Summary:
    """`patient=False`: the offline summary once BRIEFING_LLM_PATIENCE has passed, as a
    briefing gives (a reader in a chat); a command waits for the LLM as long as it takes."""
    # A file is named to the LLM by its name alone: its whole path (a home folder, a user's
    # name) is nobody's business at a hosted LLM, and a small model copied it into its answer
    # (LLM QA, stop 77 V6). Messages to the operator keep the path (`given.source`).
    named = Path(given.source).name if given.kind == "file" else given.source
    summary = await summarizer.summarize_text(
        given.text, source=named, language=language, max_words=max_words,
        by=None if patient else summarizer.wait_until(), posts=given.posts)
    if not summary.text.strip():
        # Every line was a site's furniture (a menu, a footer pasted as lines): said, not an
        # empty summary (operator QA, stop 59 F1: a chat got a message reading "[]", the
        # command a blank line and success).
        page = given.kind == "url"
        where = "That page" if page else "The text" if given.source == "text" else given.source
        raise InputError(f"{where} has no sentences of an article to summarize: only menus, "
                         "links or lists.",
                         key="err_page_empty" if page else "err_text_no_article")
    return summary


class Quota:
    """How many summaries a user may ask for per hour, counted in the database (so every
    replica grants from the same allowance).

    A use is taken before the work, so that a burst of requests cannot all start work
    before any of them is counted, and given back when the input turns out to be no article
    (a loopback link, a PDF, an empty page): refusals use up nothing.
    """

    WINDOW = timedelta(hours=1)

    def __init__(self, store: Store, *, per_hour: int, clock: Callable[[], datetime]) -> None:
        self._store = store
        self._per_hour = per_hour
        self._clock = clock

    async def take(self, key: str) -> int | None:
        """One use (its id), or None when the allowance is spent."""
        return await self._store.take_quota(key, limit=self._per_hour, window=self.WINDOW,
                                            now=self._clock())

    async def give_back(self, use: int) -> None:
        await self._store.give_back_quota(use)

    async def minutes_left(self, key: str) -> int:
        """Whole minutes until `key` may take a use again (at least 1)."""
        now = self._clock()
        frees = await self._store.quota_frees_at(key, window=self.WINDOW, now=now)
        seconds = 0.0 if frees is None else (frees - now).total_seconds()
        return max(1, math.ceil(seconds / 60))
