"""Live blogs, read in the order things happened, post by post.

A live blog runs its posts newest first, and the page extractor (trafilatura) drops their
time stamps, so a summary, whose sentences keep the text's order, told the end before the
beginning. `live_blog` finds a live blog's posts by their time stamps and gives the
extractor's own lines back with the posts oldest first, and each post's lines apart, so
that a summary can tell the blog's whole day rather than its first hour; `pages.extract_page`
calls it.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from datetime import UTC, datetime

import lxml.etree
import lxml.html


def _iso_moment(text: str) -> float | None:
    """A `datetime` attribute's ISO date-time as a POSIX time; None when it is not one."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment).timestamp()


# A live blog runs its posts newest first, and the extractor drops their time stamps: its
# summary, whose sentences keep the text's order, read "The chancellor has sat down… The
# chancellor begins by saying…" (QA stop 63 F16). Such a page's text is given oldest first,
# so that every summary of it (/summarize, a stored feed article) tells things in the order
# they happened. Its posts are the page's elements that hold one time stamp each (a <time>,
# an element with a `datetime`, else a clock time opening an element's text: "14:05",
# "2:05pm", "14.05 GMT"), three or more under one parent, their times running newest first.
_MAYBE_STAMPED = re.compile(rb"<time\b|\bdatetime\s*=|>\s*\d{1,2}[:.][0-5]\d", re.IGNORECASE)
_LIVE_MIN_POSTS = 3
# Beyond these, a page is left in its order: placing each line in its post is a search of
# the posts' text per line, which held the GIL for seconds on a 5 MB page
# (review stop 64). A long live blog's day is about 30,000 characters.
_LIVE_MAX_CHARS = 150_000
_LIVE_MAX_POSTS = 400
# The posts must hold this share of the extractor's words, or the page is left as it is: a
# list of times beside an article (a timeline, a "latest news" box) is no live blog.
_LIVE_MIN_SHARE = 0.6
# A clock time: "14:05", "14:05:30", "2:05pm", "2 p.m.", "14.05 GMT"; not "1.8%", "3.5m".
_CLOCK = re.compile(r"\s*(\d{1,2})(?:[:.]([0-5]\d)(?::[0-5]\d)?)?\s*(?:([ap])\.?m\b\.?)?"
                    r"(?![\d%,:]|\.\d)", re.IGNORECASE)
# Times that run oldest first are a live blog's only as posts of their own, each with a time
# element or a `datetime`, five or more: an article's chronology ("How the night unfolded",
# <p><strong>01:30</strong> …) and a transcript's time codes run oldest first too, and read as
# posts their summaries lost the article's lead (review stop 65).
_OLDEST_MIN_POSTS = 5
_PARAGRAPHS = frozenset({"p", "span", "strong", "b", "em", "dd", "dt", "td", "tr"})
# A time inside these is a quoted post's (an embedded tweet's), not the live blog's.
_EMBEDS = frozenset({"blockquote", "aside", "figure", "iframe"})
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "figcaption", "iframe", "svg",
                       "button", "title", "time", "head", "html", "body"})
# A line of the text shorter than this (letters and digits) is too generic to place in a
# later post than the one the text is in ("Share", "More"): only the current post takes it.
_LIVE_SURE_KEY = 20
_WORD_CHAR = re.compile(r"\w")


def _clock(text: str, *, minutes_needed: bool = False) -> int | None:
    """The minutes since midnight of a clock time that opens `text`; None when it does not
    open with one. An hour alone counts only with am/pm ("2pm"), and not when
    `minutes_needed` (a paragraph opening "12 people" is no post's time stamp)."""
    match = _CLOCK.match(text)
    if match is None or (match[2] is None and (minutes_needed or not match[3])):
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if match[3]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match[3].lower() == "p" else 0)
    return hour * 60 + minute if hour <= 23 else None


def _post_time(marker: lxml.html.HtmlElement, *, text_stamp: bool) -> tuple[str, float] | None:
    """When a post was posted, by its time stamp: ("moment", a POSIX time) from an ISO
    `datetime` attribute, else ("clock", minutes since midnight) from the attribute or the
    stamp's text; None when it cannot be read."""
    if text_stamp:
        minutes = _clock(marker.text or "", minutes_needed=True)
        return None if minutes is None else ("clock", minutes)
    attribute = (marker.get("datetime") or "").strip()
    moment = _iso_moment(attribute) if attribute else None
    if moment is not None:
        return "moment", moment
    minutes = _clock(attribute) if attribute else None
    if minutes is None:
        minutes = _clock(marker.text_content())
    return None if minutes is None else ("clock", minutes)


def _running(times: list[tuple[str, float] | None]) -> str | None:
    """Which way posts' times run in the page's order: "newest" (never rising), "oldest"
    (never falling), or None: not all read, not all of one kind (dates and times, or clock
    times), or fewer than three distinct (posts of one minute may share a stamp). A blog
    across midnight by clock times alone turns at midnight, and is no live blog here."""
    if any(moment is None for moment in times) or len({moment[0] for moment in times
                                                        if moment}) != 1:
        return None
    values = [moment[1] for moment in times if moment]
    if len(set(values)) < _LIVE_MIN_POSTS:
        return None
    if all(newer >= older for newer, older in itertools.pairwise(values)):
        return "newest"
    if all(older <= newer for older, newer in itertools.pairwise(values)):
        return "oldest"
    return None


def _markers(document: lxml.html.HtmlElement, *, text_stamps: bool
             ) -> list[lxml.html.HtmlElement]:
    """The page's time stamps: its <time> elements and elements with a `datetime`, or (with
    `text_stamps`) the elements whose text opens with a clock time; none inside an embed."""
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if text_stamps:
            stamped = element.tag not in _NOT_TEXT and _clock(
                element.text or "", minutes_needed=True) is not None
        else:
            stamped = element.tag == "time" or element.get("datetime") is not None
        if stamped and not any(ancestor.tag in _EMBEDS for ancestor in element.iterancestors()):
            found.append(element)
    return found


def _posts(markers: list[lxml.html.HtmlElement]
           ) -> list[tuple[lxml.html.HtmlElement, lxml.html.HtmlElement]]:
    """The live blog's posts and their time stamps, in the page's order: for each stamp, its
    largest ancestor that holds no other stamp; of those, the largest set under one parent
    (three or more), or none. A post that holds two stamps (its own and an update's) has
    none of them as its own, and a blog with such posts is left as it is."""
    counts: dict[lxml.html.HtmlElement, int] = {}
    for marker in markers:
        for ancestor in marker.iterancestors():
            counts[ancestor] = counts.get(ancestor, 0) + 1
    groups: dict[lxml.html.HtmlElement, list[tuple[lxml.html.HtmlElement,
                                                   lxml.html.HtmlElement]]] = {}
    for marker in markers:
        post = marker
        while (parent := post.getparent()) is not None and counts[parent] == 1 and (
                parent.tag not in ("body", "html")):
            post = parent
        if (parent := post.getparent()) is not None:
            groups.setdefault(parent, []).append((post, marker))
    best = max(groups.values(), key=len, default=[])
    return best if len(best) >= _LIVE_MIN_POSTS else []


def _key(text: str) -> str:
    """A text's letters and digits, folded: the same whether the extractor or lxml spaced
    it, and whichever of a list's items or inline elements it ran together."""
    return "".join(_WORD_CHAR.findall(text.casefold()))


def _post_keys(posts: list[lxml.html.HtmlElement]) -> list[str]:
    """Each post's text as a key: the post and what follows it up to the next post (a blog
    that runs a post's stamped heading and its paragraphs as siblings); after the last post,
    only the paragraphs that follow it, not the page's furniture."""
    keys = []
    for number, post in enumerate(posts):
        following = posts[number + 1] if number + 1 < len(posts) else None
        parts = [post.text_content(), post.tail or ""]
        for sibling in post.itersiblings():
            if sibling is following or (following is None and sibling.tag != "p"):
                break
            if isinstance(sibling.tag, str):
                parts.append(sibling.text_content())
            parts.append(sibling.tail or "")
        keys.append(_key(" ".join(parts)))
    return keys


@dataclasses.dataclass(frozen=True, slots=True)
class LiveBlog:
    """A live blog's text with its posts oldest first, and each post's text (its lines) in
    that order, after the lines before them (an introduction, a summary box) when there are
    any; the lines after the posts (the page's furniture) are in `text` only."""

    text: str
    posts: tuple[str, ...]


def _placed(text: str, keys: list[str], title: str | None, *, newest_first: bool
            ) -> LiveBlog | None:
    """The extractor's `text` and its posts (their lines, each post's by its key), oldest
    first, each post's lines in their own order; None when the posts do not hold most of
    the text's words (then the posts found are not what the extractor read).

    A blog running oldest first keeps its text as the extractor gave it. In one turned
    around, lines before the first post stay first (a blog's introduction), lines after the
    last stay last; a line between posts that is in none goes with the post before it, but
    the page's headline goes first (the extractor may put a live blog's headline after its
    first post). A post holds its own lines only: the extractor put a blog's "Follow live
    updates" line among its posts (QA stop 64 K1), and no summary of the posts should tell it.
    """
    head: list[str] = []
    tail: list[str] = []
    runs: list[list[str]] = [[] for _ in keys]  # each post's lines and those after it
    own: list[list[str]] = [[] for _ in keys]  # each post's own lines
    current: int | None = None
    placed = total = 0
    for line in text.split("\n"):
        key, words = _key(line), len(line.split())
        total += words
        last = len(keys) if len(key) >= _LIVE_SURE_KEY else (current or 0) + 1
        owner = next((number for number in range(current or 0, last)
                      if key and key in keys[number]), None)
        if owner is not None:
            if current is not None:
                runs[current].extend(tail)  # lines between posts go with the post before
            current, placed, tail = owner, placed + words, []
            runs[owner].append(line)
            own[owner].append(line)
        elif current is None or (title and " ".join(line.split()) == title):
            head.append(line)
        else:
            tail.append(line)
    if sum(1 for run in own if run) < _LIVE_MIN_POSTS or placed < _LIVE_MIN_SHARE * total:
        return None
    # The lines before the posts (a summary box, a standfirst) go first, as the blog's own
    # account of its day (review stop 65: a 44-post election day's summary never told the
    # result its standfirst gave).
    posts = tuple("\n".join(lines) for lines in (
        head, *(reversed(own) if newest_first else own)) if lines)
    if not newest_first:
        return LiveBlog(text, posts)
    return LiveBlog("\n".join([*head, *(line for run in reversed(runs) for line in run),
                               *tail]), posts)


def live_blog(raw: bytes, text: str, title: str | None) -> LiveBlog | None:
    """A live blog's `text` (the extractor's, of the page's markup `raw`) with its posts
    oldest first, and its posts; None when the page is no live blog."""
    if not text or len(text) > _LIVE_MAX_CHARS or not _MAYBE_STAMPED.search(raw):
        return None  # the cheap test: most pages hold no time stamp to read
    try:
        # UTF-8 as most pages are; else (another encoding, which the page declares, or an XML
        # declaration that lxml refuses in a decoded text) the bytes, which lxml decodes.
        try:
            document = lxml.html.fromstring(raw.decode("utf-8"))
        except ValueError:  # UnicodeDecodeError too
            document = lxml.html.fromstring(raw)
    except (ValueError, lxml.etree.LxmlError):
        return None
    for text_stamps in (False, True):
        markers = _markers(document, text_stamps=text_stamps)
        posts = _posts(markers)
        if posts and (_stray(markers, posts) or len(posts) > _LIVE_MAX_POSTS):
            return None
        running = _running([_post_time(marker, text_stamp=text_stamps)
                            for _, marker in posts]) if posts else None
        if running == "oldest" and (text_stamps or len(posts) < _OLDEST_MIN_POSTS or any(
                post.tag in _PARAGRAPHS for post, _ in posts)):
            running = None  # a chronology in an article's paragraphs, not a blog's posts
        if running is not None:
            return _placed(text, _post_keys([post for post, _ in posts]), title,
                           newest_first=running == "newest")
    return None


def _stray(markers: list[lxml.html.HtmlElement],
           posts: list[tuple[lxml.html.HtmlElement, lxml.html.HtmlElement]]) -> bool:
    """Whether a time stamp among the posts is none of theirs: a post with a second stamp
    (its "Updated at 13.50"), which then counts as no post; such a blog is left as it is
    (QA stop 64 J3: that post was read as lines between others, and told last)."""
    parent = posts[0][0].getparent()
    own = {id(marker) for _, marker in posts}
    return any(id(marker) not in own and parent in marker.iterancestors()
               for marker in markers)
