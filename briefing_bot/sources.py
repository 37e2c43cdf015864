"""Reading sources: feeds over HTTP (conditional GET, caps), feed files and article folders.

The only module that talks to httpx or feedparser; their errors become `SourceError`.
"""

from __future__ import annotations

import asyncio
import calendar
import codecs
import dataclasses
import hashlib
import html
import io
import json
import os
import re
import ssl
import zlib
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import httpx

from briefing_bot.errors import NotAFeed, SourceError, SourceRefused, SourceTooLarge
from briefing_bot.extractive import ends_a_sentence
from briefing_bot.models import Entry, FeedPage, SourceKind
from briefing_bot.pages import (
    FULL_TEXT_MIN_WORDS,
    Page,
    extract_page,
    html_to_text,
    input_kind,
    normalize_whitespace,
    parse_date,
    printable,
    text_kind,
    word_count,
)
from briefing_bot.retry import retry_after
from briefing_bot.text import (
    DATE_PREFIX,
    TITLE_MAX,
    declared_language,
    feed_headline,
    sentences,
    strip_credits,
    title_from_text,
)
from briefing_bot.urls import is_web_url

# Web pages whose start can stand for the whole: the article comes before the comments,
# scripts and inline data that make a page huge.
PAGE_TYPES = ("text/html", "application/xhtml+xml")
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_FEED_LINK = re.compile(
    r"<link\b[^>]*\btype=[\"']application/(?:rss|atom|feed)\+(?:xml|json)[\"'][^>]*>", re.I)
_DATE_LINE = re.compile(r"^(?:date|published)\s*:\s*(\S.*)$", re.IGNORECASE)
_HREF = re.compile(r"\bhref=[\"']([^\"']+)[\"']", re.I)


def make_http_client(*, user_agent: str, timeout: float,
                     transport: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
    """The HTTP client for feeds and pages: honest User-Agent, timeouts, few redirects.

    `transport` is required on purpose: sources get `Guard.transport()`, so that neither a feed
    nor its links nor a redirect reach a private address; only a client whose every URL is
    checked by `Guard.fetch` may pass None.
    """
    return httpx.AsyncClient(
        transport=transport,
        headers={"User-Agent": user_agent,
                 "Accept": "application/rss+xml, application/atom+xml, application/feed+json, "
                           "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"},
        timeout=httpx.Timeout(timeout), follow_redirects=True, max_redirects=5,
        # Never through the environment's proxy: the guard checks the address it connects to,
        # and through a proxy it would check the proxy's (operator QA: users' links went
        # through HTTP_PROXY while feeds did not; docs/reliability.md said neither did). The
        # environment's certificates still count (review: a TLS-inspecting egress).
        trust_env=False, verify=_certificates(),
    )


def _certificates() -> ssl.SSLContext | bool:
    """The certificates SSL_CERT_FILE or SSL_CERT_DIR name, as httpx reads them when it trusts
    the environment; else its own (certifi's)."""
    cafile, capath = os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR")
    if not (cafile or capath):
        return True
    return ssl.create_default_context(cafile=cafile or None, capath=capath or None)


class BodyTooLarge(Exception):
    """The decoded body passed its cap; `start` is what was read up to the cap."""

    def __init__(self, start: bytes = b"") -> None:
        super().__init__("body over the cap")
        self.start = start


async def read_body(response: httpx.Response, max_bytes: int) -> bytes:
    """A response body, decoded, stopping as soon as it passes `max_bytes`.

    httpx inflates each compressed chunk whole, so a small gzip bomb could fill memory before
    a cap on decoded chunks is checked; gzip and deflate are therefore inflated here, a bounded
    step at a time. Other encodings (br, zstd) are left to httpx.
    """
    encoding = response.headers.get("content-encoding", "").lower().strip()
    body = bytearray()
    if response.is_stream_consumed:  # already in memory (a response built from bytes)
        if len(response.content) > max_bytes:
            raise BodyTooLarge(response.content[:max_bytes])
        return response.content
    if encoding in ("gzip", "x-gzip", "deflate"):
        body = await _inflate(response, max_bytes)
    elif encoding in ("", "identity"):
        async for raw in response.aiter_raw():
            body.extend(raw)
            if len(body) > max_bytes:
                raise BodyTooLarge(bytes(body[:max_bytes]))
    else:
        async for chunk in response.aiter_bytes():
            body.extend(chunk)
            if len(body) > max_bytes:
                raise BodyTooLarge(bytes(body[:max_bytes]))
    if len(body) > max_bytes:
        raise BodyTooLarge(bytes(body[:max_bytes]))
    return bytes(body)


async def _inflate(response: httpx.Response, max_bytes: int) -> bytearray:
    body = bytearray()
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, detected
    try:
        async for raw in response.aiter_raw():
            body.extend(inflater.decompress(raw, max_bytes + 1 - len(body)))
            if len(body) > max_bytes or inflater.unconsumed_tail:
                raise BodyTooLarge(bytes(body[:max_bytes]))
        body.extend(inflater.flush())
    except zlib.error as exc:
        raise httpx.DecodingError(f"bad compressed data: {exc}") from exc
    return body


def _mb(size: int) -> str:
    megabytes = size / 1_000_000
    return f"{megabytes:,.0f} MB" if megabytes >= 100 else f"{megabytes:.3g} MB"


async def _download(
    http: httpx.AsyncClient, url: str, *, headers: Mapping[str, str], max_bytes: int,
    page_start: bool = False,
) -> tuple[httpx.Response, bytes]:
    """GET a URL, reading at most `max_bytes`; network failures become SourceError.
    `page_start`: a web page over `max_bytes` gives its first `max_bytes` (its article comes
    before the comments and scripts that make it huge) instead of an error.

    httpx's timeouts apply to each read; a server dripping one byte at a time would never
    trip them, so the whole download also has a deadline of the same length.
    """
    deadline = http.timeout.read or 30.0
    try:
        async with asyncio.timeout(deadline), http.stream(
                "GET", url, headers=dict(headers)) as response:
            if response.status_code == 304:
                return response, b""
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                wait = (retry_after(response.headers)
                        if response.status_code in (429, 503) else None)
                said = f" (retry after {wait:.0f} s)" if wait else ""
                raise SourceRefused(f"HTTP {response.status_code} {reason}{said}",
                                    status=response.status_code, retry_after=wait)
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            page = page_start and kind in PAGE_TYPES
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes and not page:
                raise SourceTooLarge(
                    f"response is {_mb(int(declared))}, over the {_mb(max_bytes)} limit")
            try:
                return response, await read_body(response, max_bytes)
            except BodyTooLarge as exc:
                if page:
                    return response, exc.start
                raise SourceTooLarge(
                    f"response is over the {_mb(max_bytes)} limit; stopped") from None
    except (httpx.TimeoutException, TimeoutError) as exc:
        raise SourceError(f"timed out after {deadline:g} s") from exc
    except httpx.TooManyRedirects as exc:
        raise SourceError("too many redirects", lasting=True) from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:  # a redirect to ftp:// too
        raise SourceError(f"invalid URL: {exc}", lasting=True) from exc
    except httpx.HTTPError as exc:
        detail = str(exc) or type(exc).__name__
        if getattr(exc.__cause__, "private", False):
            # The address guard refused a private address: nothing was tried ("could not
            # connect: refused: 127.0.0.1 points to a loopback address" read as a network
            # failure: reader QA, stop 51): its own words. (A host not found is a failure to
            # connect, and says so: review.)
            raise SourceError(detail, lasting=_refused_for_good(exc)) from exc
        if _plain_http_at_https(exc):
            # An https:// address of a server that speaks plain HTTP there: a wrong address,
            # not a server that is down (operator QA, stop 59 T11: added, "will be tried
            # again", with OpenSSL's words only).
            raise SourceError("could not connect: the server does not speak HTTPS at this "
                              "address (an http:// one?)", lasting=True) from exc
        raise SourceError(f"could not connect: {detail}", lasting=_refused_for_good(exc)) from exc


def _plain_http_at_https(problem: BaseException) -> bool:
    """Whether a TLS handshake met a server speaking plain HTTP (OpenSSL's wrong version
    number), anywhere in the error's chain."""
    seen: BaseException | None = problem
    while seen is not None:
        if isinstance(seen, ssl.SSLError) and seen.reason == "WRONG_VERSION_NUMBER":
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _refused_for_good(problem: httpx.HTTPError) -> bool:
    """Whether a connection failed on a refusal that trying again cannot mend: the address
    guard's (netguard.RefusedAddress, for a host that does not exist or a private address),
    which httpx raises its ConnectError from. Only that direct cause counts: an error raised
    while another was being handled carries the other in its context (review: a page's "not
    a feed" made its named feed's dropped connection look lasting)."""
    return bool(getattr(problem.__cause__, "lasting", False))


async def fetch_feed(
    http: httpx.AsyncClient, url: str, *, etag: str | None = None,
    last_modified: str | None = None, max_bytes: int, now: datetime,
) -> FeedPage:
    """Fetch and parse a feed with a conditional GET; a 304 gives `not_modified=True`."""
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    response, body = await _download(http, url, headers=headers, max_bytes=max_bytes)
    if response.status_code == 304:
        return FeedPage(entries=(), etag=etag, last_modified=last_modified, not_modified=True)
    page = await asyncio.to_thread(
        parse_feed, body, content_type=response.headers.get("content-type", ""),
        base_url=str(response.url), now=now)
    return dataclasses.replace(
        page, etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"))


async def fetch_page(http: httpx.AsyncClient, url: str, *, max_bytes: int) -> Page:
    """An article page's title, main text and date; SourceError if it cannot be had."""
    response, body = await _download(http, url, headers={}, max_bytes=max_bytes,
                                     page_start=True)
    content_type = response.headers.get("content-type", "").lower()
    if content_type and not any(kind in content_type for kind in ("html", "xml", "text/plain")):
        raise SourceError(f"not a web page ({content_type.split(';')[0]})")
    page = await asyncio.to_thread(extract_page, body, str(response.url))
    if len(body) >= max_bytes:
        if word_count(page.text) < FULL_TEXT_MIN_WORDS:
            # Only its start was read, and it holds no article (a cookie notice, a menu): the
            # teaser stays (found by review).
            raise SourceError(f"the page is over the {_mb(max_bytes)} limit, and its start "
                              "holds no article")
        return dataclasses.replace(page, whole=False)  # only its start was read
    return page


def read_feed_file(path: Path, *, max_bytes: int, now: datetime) -> FeedPage:
    """Parse a feed file on disk."""
    body = _read_capped(path, max_bytes)
    suffix = path.suffix.lower()
    content_type = "application/feed+json" if suffix == ".json" else ""
    return parse_feed(body, content_type=content_type, base_url=None, now=now)


def _read_capped(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(f"{path.name} is {_mb(size)}, over the {_mb(max_bytes)} limit")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceError(f"{path} does not exist") from exc
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc


# Bounds of a folder source (operator QA, stop 76 T5: `sources add /tmp` walked 2.3 GB for ten
# minutes, every outlet's refresh waiting behind it). A folder of articles holds articles: the
# walk looks at so many names at most, reads the newest so many article files, and so many
# bytes of them in all; past a bound it reads what it has and says what it left.
FOLDER_MAX_LOOKED = 20_000   # names (files and folders) looked at
FOLDER_MAX_ARTICLES = 1_000  # article files read, the newest first
FOLDER_MAX_BYTES = 50_000_000  # bytes read from them in all
# Folders no article lives in: version control's and tools' (hidden ones are skipped too).
_NOT_ARTICLE_FOLDERS = frozenset({"CVS", "_darcs", "node_modules", "__pycache__",
                                  "site-packages"})
# What a saved page or a notes folder holds beside its articles: pictures, styles, scripts,
# fonts, media. They do not count against a folder being one of articles (review, stop 76: a
# browser's "Save page, complete" folder of 30 articles and their 630 assets was refused).
_ASSET_SUFFIXES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp", ".avif", ".css",
    ".js", ".mjs", ".map", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4",
    ".webm", ".ogg", ".wav", ".pdf", ".json"})


@dataclasses.dataclass(frozen=True, slots=True)
class FolderSurvey:
    """What walking a folder found: its article files (the newest `FOLDER_MAX_ARTICLES`,
    with their sizes), how many names were looked at, and what was left out and why."""

    articles: tuple[tuple[Path, int, float], ...]  # path, size, time; the newest first
    found: int  # article files found, read or not
    looked: int
    assets: int  # of those looked at, pictures, styles, scripts and the like (`_ASSET_SUFFIXES`)
    complete: bool  # the walk looked at every name (not stopped at FOLDER_MAX_LOOKED)
    outside: int  # links to files outside the folder, not followed


def survey_folder(path: Path, *, max_looked: int = FOLDER_MAX_LOOKED,
                  max_articles: int = FOLDER_MAX_ARTICLES) -> FolderSurvey:
    """The article files of a folder and its subfolders, without following a link out of it
    nor into a hidden or tool's folder; names only, and the article files' sizes and times.
    The newest articles are kept when there are more: a folder of news grows at its new end."""
    root = path.resolve()
    found: list[tuple[float, str, Path, int]] = []
    looked, outside, assets, complete = 0, 0, 0, True
    pending = [root]
    while pending and complete:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                names = sorted(listing, key=lambda item: item.name)
        except OSError:
            continue  # a subfolder it may not read is none of its articles
        for item in names:
            looked += 1
            if looked > max_looked:
                complete = False
                break
            if item.name.startswith("."):
                continue
            try:
                if item.is_dir(follow_symlinks=False):
                    if item.name not in _NOT_ARTICLE_FOLDERS:
                        pending.append(Path(item.path))
                    continue
                suffix = Path(item.name).suffix.lower()
                if suffix not in ARTICLE_SUFFIXES:
                    assets += suffix in _ASSET_SUFFIXES
                    continue
                file = Path(item.path)
                if item.is_symlink():
                    target = file.resolve()
                    if not target.is_relative_to(root) or not target.is_file():
                        outside += 1
                        continue
                elif not item.is_file(follow_symlinks=False):
                    continue  # a device, a pipe
                stat = item.stat(follow_symlinks=True)
            except OSError:
                continue
            found.append((stat.st_mtime, file.relative_to(root).as_posix(), file,
                          stat.st_size))
    newest = sorted(found, key=lambda one: (-one[0], one[1]))[:max_articles]
    articles = tuple((file, size, mtime) for mtime, _, file, size in newest)
    return FolderSurvey(articles=articles, found=len(found), looked=min(looked, max_looked),
                        assets=assets, complete=complete, outside=outside)


_ARTICLE_TYPES = ", ".join(ARTICLE_SUFFIXES)


def _left_out(survey: FolderSurvey, *, max_looked: int, max_articles: int) -> list[str]:
    """What a folder's bounds left unread, in the operator's words (nothing silently)."""
    said: list[str] = []
    if not survey.complete:
        said.append(f"the folder holds over {max_looked:,} files and folders; only the article "
                    f"files among the first {max_looked:,} are read (a folder of articles "
                    "should hold them alone)")
    if survey.found > max_articles:
        said.append(f"{survey.found:,} article files: the newest {max_articles:,} are read "
                    "(move older ones out of the folder)")
    if survey.outside:
        said.append(f"{survey.outside} link{'s' if survey.outside != 1 else ''} to files "
                    "outside the folder not followed")
    return said


def folder_refusal(path: Path) -> str | None:
    """Why a folder is no source of articles, if it is none: it holds no article file, or
    more files than a folder of articles does (`sources add /tmp`: operator QA, stop 76 T5).
    A walk of names only, bounded as a refresh's is."""
    survey = survey_folder(path, max_looked=FOLDER_MAX_LOOKED)  # (read now: tests lower it)
    if not survey.complete:
        return (f"it holds over {FOLDER_MAX_LOOKED:,} files and folders (in its subfolders "
                "too), more than a folder of articles does; name the folder that holds only "
                "the articles")
    if not survey.articles:
        return (f"it holds no article file ({_ARTICLE_TYPES}; looked through "
                f"{survey.looked:,} files and folders); put one article per file in it, or "
                "name the folder that holds them")
    weighed = survey.looked - survey.assets  # (pictures and styles beside articles aside)
    if weighed >= _MIXED_AT_LEAST and survey.found * _MIXED_SHARE < weighed:
        # /tmp on the QA machine: 865 text and HTML files (tools' output, projects' notes)
        # among 9,697 names; every one would have been briefed as news.
        return (f"only {survey.found:,} of its {weighed:,} files and folders are article "
                f"files ({_ARTICLE_TYPES}): it looks like a project's or the system's folder, "
                "not a folder of articles; name the folder that holds only the articles")
    return None


# A folder of this many names or more, fewer than one in this many of them article files, is
# no folder of articles (one with a picture or two beside each article still is).
_MIXED_AT_LEAST = 500
_MIXED_SHARE = 5


def read_directory(path: Path, *, max_bytes: int, max_looked: int | None = None,
                   max_articles: int | None = None, max_total: int | None = None) -> FeedPage:
    """Articles from a folder of .txt, .md and .html files (one article per file), within
    the folder's bounds (by default the FOLDER_MAX_* ones); what they left out is one of the
    page's problems."""
    max_looked = FOLDER_MAX_LOOKED if max_looked is None else max_looked
    max_articles = FOLDER_MAX_ARTICLES if max_articles is None else max_articles
    max_total = FOLDER_MAX_BYTES if max_total is None else max_total
    if not path.is_dir():
        # (a folder deleted or moved is not "not a directory": operator QA, stop 59 F11)
        raise SourceError(f"{path} is not a directory" if path.exists() else
                          f"{path}: no such folder (moved or deleted?)")
    survey = survey_folder(path, max_looked=max_looked, max_articles=max_articles)
    root = path.resolve()
    entries: list[Entry] = []
    problems = list(_left_out(survey, max_looked=max_looked, max_articles=max_articles))
    chosen: list[tuple[Path, float]] = []
    budget, over_budget = max_total, 0
    for file, size, mtime in survey.articles:  # the newest first
        if min(size, max_bytes) > budget:
            over_budget += 1
            continue
        budget -= min(size, max_bytes)
        chosen.append((file, mtime))
    if over_budget:
        problems.append(f"{over_budget} older article file{'s' if over_budget != 1 else ''} "
                        f"not read: the folder's articles pass {_mb(max_total)} in all")
    for file, mtime in sorted(chosen, key=lambda one: one[0]):
        relative = file.relative_to(root).as_posix()
        try:
            raw = _read_capped(file, max_bytes)
        except SourceError as exc:
            problems.append(str(exc))
            continue
        if b"\x00" in raw[:4096]:
            problems.append(f"{relative}: binary file, skipped")
            continue
        text, legacy = file_text(raw)
        if legacy and file.suffix.lower() not in (".html", ".htm"):  # (a page says its own)
            # Read, and said: "M\ufffdnchen" reached readers from a Latin-1 file (reader QA,
            # stop 47 F11), with no word to the operator.
            problems.append(f"{relative}: {NOT_UTF8}")
        if file.suffix.lower() in (".html", ".htm"):
            page = extract_page(raw)
            # Without a headline, named as a feed's item without one is, by its text (review,
            # stop 48: "2026 12 04 tram"), else by the file's name.
            title = page.title or title_from_text(page.text) or file.stem.replace(
                "-", " ").replace("_", " ")
            body, dated = page.text, page.published
            titled = bool(page.title)
        else:
            title, body, dated = _split_title(text, fallback="")
            titled = bool(title)  # (a file named after its headline has one: review)
            title = title or title_from_text(body) or file.stem[:TITLE_MAX]
        if not normalize_whitespace(text):
            problems.append(f"{relative}: empty, skipped")
            continue
        if not titled and not normalize_whitespace(body):
            problems.append(f"{relative}: no headline and no article text (only menus or "
                            "buttons?), skipped")
            continue
        # A date written in the file wins; else the file's time (never in the future).
        modified = datetime.fromtimestamp(mtime, UTC)
        published = dated or min(modified, datetime.now(UTC))
        title, body = printable(title), printable(body)  # as a feed's (operator QA)
        # Named after its file, it had no headline: a page of menus and share buttons is then
        # no news, as a feed's item without one (reader QA, stop 48: "page.html" holding a
        # menu and "Share on Facebook" became a top story, "page").
        entries.append(Entry(guid=relative, url=None, title=title, text=body,
                             kind=text_kind(body), published_at=published, titled=titled))
    return FeedPage(entries=tuple(entries), title=folder_title(path.name),
                    problems=tuple(problems))


NOT_UTF8 = ("not UTF-8; read as Windows-1252 (Western European): if its letters look wrong, "
            "save it as UTF-8")


def file_text(raw: bytes) -> tuple[str, bool]:
    """A text file's text, and whether it was not UTF-8: then each byte that is not part of a
    UTF-8 character is read as Windows-1252, the superset of Latin-1 that Western European
    files not in UTF-8 mostly are, and the rest as UTF-8 (review: a UTF-8 file with one stray
    Windows quote, read whole as Windows-1252, showed "StraÃŸe" in every line). Bytes that
    Windows-1252 leaves unused, control characters there, are dropped."""
    try:
        return raw.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        return raw.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors=_LEGACY_BYTES), True


def _legacy_bytes(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    stray = error.object[error.start:error.end]
    return stray.decode("cp1252", errors="ignore"), error.end


_LEGACY_BYTES = "briefing_bot.cp1252_bytes"
codecs.register_error(_LEGACY_BYTES, _legacy_bytes)


def folder_title(name: str) -> str:
    """A folder's name as an outlet's: "lakeside-notes" reads "Lakeside Notes" (reader QA:
    the demo's sources line named a file-like "lakeside-notes"); a name written with
    capitals stays as written."""
    spaced = " ".join(name.replace("-", " ").replace("_", " ").split())
    return spaced.title() if spaced.islower() else spaced or name


def _split_title(text: str, *, fallback: str) -> tuple[str, str, datetime | None]:
    """A text or Markdown file: the first line is the title (a leading `#` is dropped), and
    a `Date: 2026-11-24T09:10:00Z` line right below it, if present, is its date."""
    lines = normalize_whitespace(text).split("\n")
    first = lines[0].lstrip("#").strip() if lines and lines[0] else ""
    rest = lines[1:]
    dated = None
    if rest and (match := _DATE_LINE.match(rest[0])):
        dated = parse_date(match.group(1))
        if dated is not None:
            rest = rest[1:]
    body = "\n".join(line.lstrip("#").strip() if line.startswith("#") else line
                     for line in rest)
    # (a file that opens with a blank line has no headline either, unless a Markdown heading
    # follows it: reviews)
    blank_first = not text.lstrip(" \t\ufeff").split("\n", 1)[0].strip()
    heading = bool(lines) and lines[0].startswith("#")
    if (_paragraph(first) or (blank_first and not heading)) and dated is None:
        # A text saved without its headline opens with a paragraph: that is text, and the
        # item is titled by it as a feed's item without a headline is (reader QA, stop 49:
        # "…the capital city of Turkmenist", the rest of the article lost).
        return fallback, "\n".join(filter(None, (first, body))), None
    return feed_headline(strip_credits(first) or fallback, max_chars=TITLE_MAX), body, dated


# A headline runs to a sentence or two (a standfirst run on, without a closing full stop:
# "Trump says he will sign the bill. Democrats vow to fight on as…", 29 words, review); a
# first line longer than a title may be, or of several sentences and more words (fewer when
# it closes with a full stop, as a paragraph does: second review), is the text's opening.
_HEADLINE_MAX_WORDS = 35
_CLOSED_HEADLINE_MAX_WORDS = 25


def _paragraph(line: str) -> bool:
    if len(line) > TITLE_MAX:
        return True
    if len(sentences(line)) < 2:
        return False
    limit = _CLOSED_HEADLINE_MAX_WORDS if ends_a_sentence(line) else _HEADLINE_MAX_WORDS
    return len(line.split()) > limit


# -- parsing ---------------------------------------------------------------------------------


def _looks_like_json(body: bytes, content_type: str) -> bool:
    return "json" in content_type.lower() or body.lstrip()[:1] == b"{"


def parse_feed(
    body: bytes, *, content_type: str, base_url: str | None, now: datetime
) -> FeedPage:
    """Entries of an RSS, Atom or JSON Feed document; SourceError if it is none of those."""
    if not body.strip():
        # (a file on disk is no "response": operator QA, stop 59 F11)
        raise NotAFeed("empty response; expected a feed" if base_url and base_url.startswith(
            ("http://", "https://")) else "empty; expected a feed")
    if _looks_like_json(body, content_type):
        return _parse_json_feed(body, now=now)
    headers = {"content-type": content_type} if content_type else {}
    if base_url:
        headers["content-location"] = base_url
    try:
        parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=True)
    except (ValueError, LookupError) as exc:
        # feedparser lets a few hostile byte sequences through as exceptions (an encoding
        # declaration of b"\x80", a NUL in it); found by fuzzing, they are just a broken feed.
        raise NotAFeed(f"not a valid RSS, Atom or JSON feed ({type(exc).__name__})") from exc
    entries = tuple(
        entry for entry in (_entry_from_feedparser(item, now) for item in parsed.entries)
        if entry is not None)
    if not parsed.version or (parsed.bozo and not entries and _is_syntax_error(parsed)):
        raise _not_a_feed(body, parsed, base_url)
    problems: tuple[str, ...] = ()
    if parsed.bozo and _is_syntax_error(parsed):
        problems = (f"the feed is {_broken_xml(parsed.bozo_exception, body)}; "
                    f"kept the {len(entries)} items that could be read",)
    feed_title = normalize_whitespace(printable(html_to_text(parsed.feed.get("title", "")))
                                      ) or None
    return FeedPage(entries=entries, title=feed_title, problems=problems,
                    language=_feed_language(parsed))


def _feed_language(parsed: Any) -> str | None:
    """The language a feed declares: RSS's `<language>` or `dc:language`, the feed element's
    `xml:lang` in Atom (feedparser gives each as the feed's `language`); else the one every
    item that declares one does (Atom's `xml:lang` on its entries)."""
    declared = declared_language(parsed.feed.get("language"))
    if declared is not None:
        return declared
    found = {declared_language((item.get(field) or {}).get("language"))
             for item in parsed.entries for field in ("title_detail", "summary_detail")}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def _first_line(error: object) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _is_syntax_error(parsed: Any) -> bool:
    """A broken document, as opposed to feedparser's notes about encodings it corrected."""
    error = parsed.get("bozo_exception")
    return error is not None and not isinstance(
        error, feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType)


def _not_a_feed(body: bytes, parsed: Any, base_url: str | None) -> NotAFeed:
    head = body[:4096].lower()
    if b"<html" in head or b"<!doctype html" in head:
        link = _FEED_LINK.search(body[:200_000].decode("utf-8", "replace"))
        href = _HREF.search(link.group(0)) if link else None
        found = None
        if href:
            named = html.unescape(href.group(1)).strip()  # "&amp;" in an attribute is "&"
            try:
                found = str(httpx.URL(base_url).join(named)) if base_url else named
            except httpx.InvalidURL:
                found = None  # a broken link names nothing (found by review: a traceback)
        if found:
            return NotAFeed(f"this is a web page, not a feed; it names a feed at {found}",
                            feed_url=found)
        return NotAFeed("this is a web page, not a feed")
    return NotAFeed(_what_it_is(body, parsed))


# What a body that is no feed is, by its first bytes (said as `summarize` says a link is
# no web page: operator QA, stop 76 T6, got expat's "<unknown>:2:8: not well-formed (invalid
# token)" for a PDF).
_SIGNATURES = ((b"%PDF-", "a PDF document"), (b"\x89PNG", "a PNG image"),
               (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
               (b"PK\x03\x04", "a ZIP archive (or an office document)"),
               (b"\x1f\x8b", "a gzip archive"))


def _what_it_is(body: bytes, parsed: Any) -> str:
    """Why a body is not a feed, in words: what it is instead, or where its XML breaks."""
    start = body.lstrip()[:8]
    for signature, kind in _SIGNATURES:
        if start.startswith(signature):
            return f"not a feed: it is {kind}"
    if not start.startswith(b"<") and b"<rss" not in body[:4096].lower():
        return "not a feed: it is plain text, not RSS, Atom or JSON Feed"
    reason = parsed.get("bozo_exception")
    if reason is not None and _is_syntax_error(parsed):
        return f"not a valid feed: {_broken_xml(reason, body)}"
    root = parsed.get("feed") is not None and parsed.get("namespaces") is not None
    return ("not a feed: it is XML, but neither RSS nor Atom" if root
            else "not a valid RSS, Atom or JSON feed")


def _broken_xml(reason: object, body: bytes) -> str:
    """expat's "<unknown>:2:16: not well-formed (invalid token)" as "not well-formed XML at
    line 2"."""
    line = getattr(reason, "getLineNumber", None)  # (expat's SAXParseException)
    number = line() if callable(line) else None
    declared = body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml")
    if isinstance(number, int) and not declared:
        number -= 1  # feedparser put a declaration of its own, on a line of its own, first
    if isinstance(number, int) and number > 0:
        return f"not well-formed XML at line {number}"
    return "not well-formed XML"


# Markup a feed may leave in a title it declares plain text ("&lt;b&gt;Breaking&lt;/b&gt;").
_TITLE_TAG = re.compile(
    r"</?(?:a|abbr|audio|b|big|blockquote|br|button|cite|code|div|em|embed|font|form|h[1-6]|hr|"
    r"i|iframe|img|input|li|link|mark|meta|object|ol|p|q|s|script|small|span|strike|strong|"
    r"style|sub|sup|svg|table|td|tr|u|ul|video)\b[^<>]*>", re.IGNORECASE)


def _clean_title(raw: str, *, plain: bool = False) -> str:
    """A headline as text. A title the feed declares plain text keeps what only looks like a
    tag ("Is <AI> safe?" lost its subject; found by reader QA); known markup still goes."""
    text = normalize_whitespace(_TITLE_TAG.sub("", raw)) if plain else html_to_text(raw)
    text = text.replace("\n", " ").strip()
    # A wire's state before its headline is not the news (reader QA: "UPDATE: Air New
    # Zealand Rights Issue Greeted Positively"; Reuters writes "UPDATE 2-Stocks fall").
    bare = _TITLE_STATE.sub("", text, count=1)
    if bare != text and bare[:1].isalpha() and bare.split()[0].islower():
        # ...and what followed it opens the headline: "Breaking: man charged with arson…"
        # read "man charged…" (reader QA stop 72 Q6); "iPhone"s and "eBay"s keep their case.
        bare = bare[0].upper() + bare[1:]
    # ...nor a page's furniture after it; and a long one is cut where a reader sees it is.
    return feed_headline(bare if len(bare.split()) >= _STATE_LEFT else text,
                         max_chars=TITLE_MAX)


# ...nor a kicker in capitals (reader QA: "JUST IN: Youzhny sends champion Henman crashing
# out of Paris", "DEVELOPING: Glaxo Settles Paxil 'Suicide Pill' Suit"), nor a wire's column
# ("Briefly: China interest in key Yukos unit").
_TITLE_STATE = re.compile(r"^(?:(?-i:UPDATE[D]?(?:\s?\d{1,2})?|CORRECTED|REFILE|RPT)\s*[:\-–—]"
                          r"|(?-i:JUST IN|BREAKING(?: NEWS)?|DEVELOPING(?: STORY)?|Briefly"
                          # (in title case too: "Breaking: man charged with arson after fire
                          # at Waitrose in Wellington", reader QA stop 43)
                          r"|Just [Ii]n|Breaking(?: [Nn]ews)?|Developing(?: [Ss]tory)?"
                          # ("Update 4: Belo to Cut 250 Jobs": reader QA, stop 47; in a chat
                          # it read as the bot's own "🔄 Update")
                          # (a live page's stamp too: "Update 10:45: Evacuation order
                          # lifted", not "45: Evacuation…": review)
                          r"|Update[d]?(?:\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\s?\d{1,2}(?![:.]\d))?"
                          r"|EILMELDUNG|ÚLTIMA HORA|DERNIÈRE MINUTE|ULTIM'ORA|URGENTE)\s*:"
                          # ...nor a date glued on with a dash ("27/09/2013-Turkmenistan to
                          # hold…": reader QA, stop 44)
                          rf"|{DATE_PREFIX}(?=\s*[^\W\d_]))"
                          r"\s*")
_STATE_LEFT = 3  # words a headline keeps without its state, or it keeps the state

def _entry_text(item: Mapping[str, Any]) -> str:
    candidates = [part.get("value", "") for part in item.get("content", []) or []]
    candidates.append(item.get("summary", "") or "")
    texts = [html_to_text(candidate) for candidate in candidates if candidate]
    return max(texts, key=len, default="")


def _published(item: Mapping[str, Any], now: datetime) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # Plain dict lookup: feedparser's own maps a missing `updated_parsed` to the published
        # date with a DeprecationWarning (found by fuzzing: a published date that is empty).
        value = dict.get(item, key) if isinstance(item, dict) else item.get(key)
        if value:
            try:
                stamp = datetime.fromtimestamp(calendar.timegm(value), UTC)
            except (OverflowError, ValueError, TypeError):
                continue
            # A date in the future is a publisher's mistake; it must not pin the item on top.
            return min(stamp, now)
    return None


def _make_entry(
    *, guid: str | None, url: str | None, title: str, text: str, published: datetime | None
) -> Entry | None:
    # What PostgreSQL cannot store (a NUL) or index (a key of thousands of bytes: a tracking
    # link of 9,000 characters) stopped the read of every source after it (operator QA).
    title, text = printable(title), printable(text)
    if not title and not text:
        return None
    titled = bool(title)
    title = title or title_from_text(text)
    # Keys as before for what was stored before (a guid cut at 1,000 characters; a link as
    # the key of an item without one), hashed only past what an index holds.
    guid = (printable(guid or "") or printable(url or "")
            or hashlib.sha256(f"{title}\n{text}".encode()).hexdigest())[:1000]
    if len(guid.encode()) > MAX_GUID_BYTES:
        guid = "sha256:" + hashlib.sha256(guid.encode()).hexdigest()
    if url is not None:
        url = printable(url)
        url = url if len(url) <= MAX_URL_CHARS else None
    # (an item without a link is all there is of its article: read whole, as a file is)
    return Entry(guid=guid, url=url, title=title, text=text,
                 kind=input_kind(text) if url else text_kind(text),
                 published_at=published, titled=titled)


# Keys kept within what a database index holds (PostgreSQL's B-tree: about 2,700 bytes).
MAX_URL_CHARS = 2_000
MAX_GUID_BYTES = 2_000


def _entry_from_feedparser(item: Mapping[str, Any], now: datetime) -> Entry | None:
    url = item.get("link") or None
    if url and not url.lower().startswith(("http://", "https://")):
        url = None
    return _make_entry(
        guid=item.get("id") or None, url=url, title=_clean_title(
            item.get("title", "") or "",
            plain=(item.get("title_detail") or {}).get("type") == "text/plain"),
        text=_entry_text(item), published=_published(item, now))


def _parse_json_feed(body: bytes, *, now: datetime) -> FeedPage:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org); feedparser 6.0 does not read it."""
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotAFeed(f"not a valid JSON feed: {exc}") from exc
    if not isinstance(document, dict) or "jsonfeed.org" not in str(document.get("version", "")):
        raise NotAFeed("not a valid JSON feed: no jsonfeed.org version")
    items = document.get("items")
    if not isinstance(items, list):
        raise NotAFeed("not a valid JSON feed: no items list")
    parsed = (_entry_from_json(item, now) for item in items if isinstance(item, dict))
    entries = tuple(entry for entry in parsed if entry is not None)
    title = printable(str(document.get("title") or "")).strip()
    return FeedPage(entries=entries, title=title or None,
                    language=declared_language(document.get("language")))  # (JSON Feed 1.1)


def _text_field(item: Mapping[str, Any], key: str) -> str:
    value = item.get(key)
    return value if isinstance(value, str) else ""


def _entry_from_json(item: Mapping[str, Any], now: datetime) -> Entry | None:
    texts = [html_to_text(_text_field(item, "content_html")),
             normalize_whitespace(_text_field(item, "content_text")),
             html_to_text(_text_field(item, "summary"))]
    url = _text_field(item, "url") or _text_field(item, "external_url") or None
    if url and not url.lower().startswith(("http://", "https://")):
        url = None
    published = None
    for key in ("date_published", "date_modified"):
        raw = _text_field(item, key)
        if raw:
            try:
                stamp = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            except ValueError:
                continue
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=UTC)
            published = min(stamp.astimezone(UTC), now)
            break
    guid = item.get("id")
    return _make_entry(
        guid=str(guid) if guid not in (None, "") else None, url=url,
        title=_clean_title(_text_field(item, "title"), plain=True), text=max(texts, key=len),
        published=published)



def locate(text: str) -> tuple[str, SourceKind]:
    """Where a source lives and what kind it is: an http(s) URL, a feed file or a folder."""
    candidate = text.strip()
    if not candidate:
        # An unset variable in a script ("sources add \"$FEED_URL\"") named the working folder,
        # whose every text file, in every subfolder, was then briefed to every reader
        # (operator QA). A folder must be named.
        raise SourceError("the source is empty: name an http(s) URL, a feed file or a folder "
                          "(\".\" for this one)")
    if is_web_url(candidate):
        return candidate, SourceKind.FEED
    if "://" in candidate:
        raise SourceError(f"{candidate}: only http(s) URLs, feed files and folders are sources")
    path = Path(candidate).expanduser()
    if path.is_dir():
        return str(path.resolve()), SourceKind.DIRECTORY
    if path.is_file():
        return str(path.resolve()), SourceKind.FILE
    raise SourceError(f"{candidate}: no such file or folder, and not an http(s) URL")


def is_opml_file(path: Path) -> bool:
    """True when a file on disk is an OPML document (judged by its first bytes)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(2048).lower()
    except OSError:
        return False
    return b"<opml" in head
