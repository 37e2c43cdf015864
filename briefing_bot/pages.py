"""Text out of markup: feed HTML to plain text, a page's main text, boilerplate removed."""

from __future__ import annotations

import dataclasses
import hashlib
import html
import importlib
import re
import threading
import unicodedata
from datetime import UTC, datetime

import lxml.etree
import lxml.html

from briefing_bot.liveblogs import live_blog
from briefing_bot.models import InputKind
from briefing_bot.text import (
    CALL_TO_READERS,
    NO_COMMENT,
    TITLE_MAX,
    detect_language,
    feed_headline,
    furniture_line,
    strip_credits,
    terms,
    without_captions,
    without_opening_caption,
)

# Fewer words than this and an entry is a teaser, not the article itself.
FULL_TEXT_MIN_WORDS = 75
# Site furniture (a byline, a share prompt, a credit) is never longer than this.
_FURNITURE_MAX_WORDS = 12
# A page read whole holds the article itself from this many words (below: a caption, a
# video's line, a stub).
_WHOLE_PAGE_MIN_WORDS = 30
# Texts shorter than this are too generic to identify an article by their hash.
_HASH_MIN_WORDS = 40

_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
})
_DROP_TAGS = ("script", "style", "noscript", "template", "figcaption", "iframe", "svg", "button")

# Lines that belong to the site, not to the story.
_BOILERPLATE_LINE = re.compile(
    r"""^(?:
        (?:share|tweet|e-?mail|print|save|copy\ link)(?:\ (?:this|on|via|article|story)\b.*)?
      | (?:subscribe|sign\ up|register|log\ ?in|newsletter|get\ our|download\ our|join\ us)\b.*
      | (?:follow|like)\ us\b.*
      | (?:read|see|watch|listen)\ (?:more|also|next|now|the\ full)\b.*
      | advertisement|sponsored(?:\ content)?|skip\ to\ (?:main\ )?content|back\ to\ top
      | (?:photo|image|picture|video)(?:\ credit)?\s*[:|/-].*
      | (?:getty\ images|ap\ photo|reuters/|afp\ via).*
      | (?:©|\(c\)|copyright)\s*(?:\d{4}|.*rights\ reserved).*
      | all\ rights\ reserved.*
      | click\ here\b.*
      | (?:by|written\ by)\ (?-i:[A-Z][\w.'-]+(?:\ [A-Z][\w.'-]+){0,3})(?:,\ [^.!?]*)?
      | (?:published|updated|posted)\ (?:on\ )?\d.*
      | \d+\ min(?:ute)?s?\ read
      # The same furniture in German, French and Spanish (exploratory QA: "Jetzt teilen:",
      # "Melden Sie sich an und diskutieren Sie mit" reached titles and summaries). Only the
      # button's words, a colon or a network's name after them: "Kommentieren wollte das
      # Unternehmen die Vorwürfe nicht." is news (review).
      | (?:(?:jetzt|artikel)\ )?teilen(?:\ (?:auf|per|via)\ \w+)?
        (?:\s*:\s*(?:jetzt\ )?teilen)*\s*:?
      | (?:jetzt\ )?(?:abonnieren|anmelden|registrieren|kommentieren)\s*:?
        (?:\ pfeil\ nach\ rechts)?   # the button's arrow, as a screen reader names it
      | melden\ sie\ sich\ an(?:\ und\ diskutieren\ sie\ mit)?\.?
        (?:\ anmelden)?(?:\ pfeil\ nach\ rechts)?
      | zum\ newsletter(?:\ anmelden)?
      | (?:mehr\ zum\ thema|(?:lesen|sehen|hören)\ sie\ (?:auch|mehr))(?:\s*[:|].*)?
      | lesezeit\s*:?\s*\d+\ min.* | (?:bild|foto|fotos)\s*:.*
      | partager(?:\ (?:sur|par)\ \w+|\ cet\ article)?\s*:?
      | lire\ (?:aussi|la\ suite|plus)(?:\s*[:|].*)?
      | (?:abonnez-vous|s'abonner|se\ connecter|inscrivez-vous)
        (?:\ à\ (?:notre|la)\ newsletter)?\s*:?
      | compartir(?:\ en\ \w+|\ (?:este|el)\ artículo)?\s*:?
      | (?:leer|ver|lee)\ (?:más|también)(?:\s*[:|].*)?
      | (?:suscríbete|suscribirse|iniciar\ sesión|regístrate)
        (?:\ al?\ (?:nuestro\ )?(?:boletín|newsletter))?\s*:?
      | publicité | publicidad
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A heading that introduces a list of other headlines; the list goes with it.
_LIST_HEADING = re.compile(
    r"^(?:related|more\ from|more\ on|more\ stories|most\ (?:read|popular|viewed)|top\ stories"
    r"|recommended|you\ may\ also\ like|trending|latest|related\ \w+|read\ next)\b.{0,40}$",
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)]\s*$")
# An article's last line that ends it (not an ellipsis, a colon or a dangling word).
_ARTICLE_END = re.compile(r"(?<![.…])[.!?][\"'”’»)]*\s*$")
# A paywalled page tells search engines so (schema.org's isAccessibleForFree, which Google asks
# such sites to set, as JSON-LD or microdata), and tells readers in a line at the end of what
# they may read, such as "Subscribe to continue reading" (only there: "prices for subscribers"
# in an article is news; review).
_PAYWALL_MARK = re.compile(
    rb'isAccessibleForFree"?\s*(?::\s*"?|content\s*=\s*")(?:https?://schema\.org/)?false',
    re.IGNORECASE)
_CUT_OFF = re.compile(
    r"""(?ix)\b(?:
        (?:to\ )?continue\ reading | read\ the\ (?:full|whole|rest\ of\ the|entire)
            \ (?:story|article) | keep\ reading
      | already\ a\ (?:subscriber|member) | subscribers?\ only | only\ for\ subscribers
      | (?:subscribe|sign\ in|log\ ?in|register)\ (?:now\ )?to\ (?:read|continue|unlock|access)
      | (?:artikel\ )?weiterlesen | lire\ la\ suite | (?:seguir|sigue|continuar)\ leyendo
      | continua\ a\ leggere | continue\ lendo | lees\ verder | czytaj\ dalej
      | r[ée]serv[ée]e?s?\ aux\ abonn[ée]s | nur\ für\ abonnenten | exclusivo\ para\ suscriptores
      | lesen\ sie\ (?:jetzt\ |hier\ )?weiter
    )""")
_PROMPT_WORDS = 25  # a prompt to read on is a line of its own, shorter than this
_CUT_OFF_LINES = 3  # the text's last lines, where a paywall's prompt sits
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# ...and the marks that turn text around on screen (U+202A-202E, U+2066-2069): a title
# "\u202eevil" reads backwards in a chat and in `sources list` (operator QA).
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text without control characters (a NUL, which PostgreSQL refuses to store and XML to
    hold: operator QA, `&#0;` in a feed stopped a fetch) nor direction overrides."""
    return _UNPRINTABLE.sub("", text)
_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def word_count(text: str) -> int:
    return len(text.split())


def input_kind(text: str) -> InputKind:
    """Classify what an article's text is: the full article, a teaser, or nothing. A consent
    banner's words are not the article's (reader QA: a German item, its headline and its
    site's cookie banner, counted as a full report and named its story's event: French
    readers got no summary of the English report beside it)."""
    # (a teaser too: a feed item whose text was the first sentence of its site's banner was a
    # German reader's news, beside the story's full English report: German QA, stop 57 F1)
    words = word_count(without_banners(text))
    if words == 0:
        return InputKind.TITLE
    return InputKind.FULL if words >= FULL_TEXT_MIN_WORDS else InputKind.TEASER


def page_kind(page: Page) -> InputKind:
    """What an article page's text is. A short page read whole is the article itself: reader
    QA saw news briefs of 50-70 words, shown in full from their pages, labelled "(from the
    teaser only)". By length alone otherwise (a cut or paywalled page, a few words)."""
    if page.whole and word_count(page.text) >= _WHOLE_PAGE_MIN_WORDS:
        return InputKind.FULL
    return input_kind(page.text)


def _cut_off(text: str) -> bool:
    """Whether a text ends with a prompt to read on ("Continue reading", "Weiterlesen"),
    in its last lines: the rest is elsewhere, or for subscribers."""
    return bool(_CUT_OFF.search("\n".join(text.strip().splitlines()[-_CUT_OFF_LINES:])))


def without_prompt(text: str) -> str:
    """A text without the prompt to read on that ends it ("Continue reading: subscribe for
    $1 a week", "Lesen Sie weiter mit SZ Plus"): the reader is told the text is the free
    part, and the publisher's pitch is no sentence of the article (QA stop 63 F3: half of a
    paywalled page's summary was it)."""
    lines = text.rstrip().splitlines()
    while len(lines) > 1 and (
            not lines[-1].strip() or (_CUT_OFF.search(lines[-1])
                                      and len(lines[-1].split()) < _PROMPT_WORDS)):
        lines.pop()
    return "\n".join(lines)


def text_kind(text: str) -> InputKind:
    """What a text is that is all there is of its article: a file in an article folder, a
    feed's item without a link. Read whole as a page is, when it ends like an article and no
    "continue reading" cuts it (reader QA, stop 50: a 68-word Dutch news brief, as a file
    and as a linkless item, was labelled "(from the teaser only)"). By length otherwise."""
    if (word_count(text) >= _WHOLE_PAGE_MIN_WORDS and _ARTICLE_END.search(text)
            and not _cut_off(text)):
        return InputKind.FULL
    return input_kind(text)


# A page fetched for a feed's teaser must share a quarter of the teaser's content words
# (its title and text, stemmed; at least one), and one of the names they use inside a
# sentence, when they use any: a teaser about privacy shares a consent wall's words
# ("cookies", "personal data": review) but not "Chrome" or "TikTok". Measured on the tuning
# halves (scratch script): with the openings of 319 Multi-News articles as teasers (a title
# and one sentence), no article refuses its own page, 13 accept an unrelated article and none
# a consent wall; with 268 BBC headlines alone, 7 refuse their own article ("Radcliffe
# proves doubters wrong"), 51 accept an unrelated one and 4 the consent wall (before the
# names and with two shared words required, titles of under four words were let through:
# 26 accepted the wall).
_TELLS_SHARE = 0.25
_TELLS_MIN_TERMS = 2
# A capitalised word inside a sentence, not after its end: a name ("Chrome", "TikTok").
_INNER_NAME = re.compile(r"(?<![.!?:\n])(?<![.!?:]\s)\s(\w*[A-Z]\w*)")


def tells_teaser(page_text: str, teaser: str, *, title: str = "") -> bool:
    """Whether the text of an item's page tells what the feed's teaser says, so that it may
    replace the teaser (QA: a page whose start was a cookie notice replaced the teaser).
    `teaser` is the item's text (may be empty), `title` its headline."""
    whole = f"{title}\n{teaser}"
    # The page's language when the teaser's is unsure: a short German title read with English
    # stop words counts "der" and "und" as content (review).
    language = detect_language(whole) or detect_language(page_text) or "en"
    wanted = set(terms(whole, language))
    if len(wanted) < _TELLS_MIN_TERMS:
        return True  # too little to judge by
    found = set(terms(page_text, language))
    if len(wanted & found) < max(1.0, _TELLS_SHARE * len(wanted)):
        return False
    names = {term for line in (title, teaser) for name in _INNER_NAME.findall(line)
             for term in terms(name, language)}
    return not names or bool(names & found)


def normalize_whitespace(text: str) -> str:
    """One space between words, one newline between paragraphs, no blank runs."""
    lines = (_WS.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed's description), paragraphs on their own lines."""
    # Control characters mean nothing in text, and lxml refuses to hold them (found by fuzzing).
    fragment = _CONTROL.sub("", fragment)
    if "<" not in fragment:
        return normalize_whitespace(html.unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError, AssertionError):
        # lxml asserts on some fragments ("<!doctype><head": "too many bodies"); found by
        # fuzzing. Tags stripped by hand are good enough text for a broken fragment.
        return normalize_whitespace(html.unescape(re.sub(r"<[^>]*>", " ", fragment)))
    for bad in root.iter(*_DROP_TAGS):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            # A character reference can spell a control character ("&#x7;") that the
            # parser kept and lxml will not take back: drop it here too (found by fuzzing).
            element.tail = "\n" + _CONTROL.sub("", element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + _CONTROL.sub("", element.text or "")
    return normalize_whitespace(_CONTROL.sub("", root.text_content()))


# What a consent banner says of itself, in the site's first person (reader QA: /summarize of
# a page behind a consent wall summarized the banner). A paragraph is the banner when it
# says three of these, one of them only a banner says: news about privacy rulings quotes
# "legitimate interest", "personalised ads", "accept all" and "reject all", and a minister
# "we and our partners" (found by review), but not "store and/or access information".
_CONSENT_ONLY = re.compile(
    r"""we\ and\ our\ \d+\ partners | our\ \d+\ partners | store\ and/or\ access |
      click\ to\ consent | refuse\ consenting | right\ to\ object\ to\ such\ processing |
      your\ preferences\ will\ apply | by\ returning\ to\ this\ site |
      ad\ and\ content\ measurement | wir\ und\ unsere\ \d+\ partner |
      nous\ et\ nos\ \d+\ partenaires | nosotros\ y\ nuestros\ \d+\ socios |
      # A German news site's own wording (reader QA: Sputnik's banner was a story's summary).
      akzeptieren\ und\ schließen | cookies-nutzung | regeln\ der\ cookies |
      # ...and the commonest German one (second QA stop 63 G6: a short page's summary opened
      # "Wir verwenden Cookies und ähnliche Technologien…")
      wir\ verwenden\ cookies | mit\ klick\ auf\ \W?alle\ akzeptieren |
      sammeln\ wir\ [^.]{0,60}informationen\ über\ sie |
      (?:ihre\ )?(?:zustimmung|einwilligung)\ (?:können|kannst)\ (?:sie|du)\ [^.]{0,40}
      widerrufen""",
    re.IGNORECASE | re.VERBOSE)
_CONSENT = re.compile(
    _CONSENT_ONLY.pattern + r"""| we\ and\ our\ partners | our\ partners |
      personali[sz]ed\ (?:ads|advertising)(?:\ and\ content)? | legitimate\ interest |
      withdraw\ your\ consent | (?:change|manage)\ your\ (?:preferences|choices|settings) |
      accept\ all | reject\ all | (?:our|the)\ (?:cookie|privacy)\ (?:policy|notice) |
      wir\ und\ unsere\ partner | ihre\ einwilligung | nous\ et\ nos\ partenaires |
      votre\ consentement | nosotros\ y\ nuestros\ socios | tu\ consentimiento |
      datenschutzrichtlinien? | datenschutzerklärung | datenverarbeitung | unserer\ partner |
      verarbeitung\ ihrer | (?:persönlichen|personenbezogenen)\ daten |
      (?:zielgerichtete|zielgrichtete|personalisierte)\ werbung |
      funktion\ unserer\ (?:web)?seite | alle\ akzeptieren | nutzungserlebnis |
      stimmen\ sie\ der\ verarbeitung | cookies\ und\ ähnliche\ technologien""",
    re.IGNORECASE | re.VERBOSE)
_CONSENT_MARKS = 3


def _is_consent_banner(line: str) -> bool:
    if not _CONSENT_ONLY.search(line):
        return False
    return len({match.lower() for match in _CONSENT.findall(line)}) >= _CONSENT_MARKS


def _is_short_line(line: str) -> bool:
    return word_count(line) <= 10 and not _SENTENCE_END.search(line)


def without_banners(text: str) -> str:
    """The text without a consent banner's paragraphs (and nothing else of the page's)."""
    kept: list[str] = []
    banner = False  # the line before was a banner's
    for line in normalize_whitespace(text).split("\n"):
        # A banner's next paragraph goes with it on one of the words only a banner says
        # ("Ihre Zustimmung können Sie … widerrufen"): it need not repeat the others.
        banner = _is_consent_banner(line) or bool(banner and _CONSENT_ONLY.search(line))
        if not banner:
            kept.append(line)
    return "\n".join(kept)


# A line that reads as a link's words rather than prose: short, no full stop at its end (a
# question mark is allowed: "How could 'zip wire prat' become prime minister?"), not an item
# of a list ("- rates up", "1. …").
_LINK_WORDS = 12
_LIST_ITEM = re.compile(r"[-–—•*·▪►\d]")
_ENDS_PROSE = re.compile(r"[.!…,:;][\"'”’)]*\s*$")


def _reads_as_link(line: str) -> bool:
    words = line.split()
    return (0 < len(words) <= _LINK_WORDS and line[:1].isupper()
            and not _LIST_ITEM.match(line) and not _ENDS_PROSE.search(line))


_ENDS_LINE_OF_PROSE = re.compile(r"[.!?…:;][\"'”’)]*\s*$")


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether most of a text's longer lines end inside a sentence: it is wrapped by hand."""
    longer = [line for line in lines if word_count(line) >= 6]
    return len(longer) >= 4 and 2 * sum(
        not _ENDS_LINE_OF_PROSE.search(line) for line in longer) >= len(longer)


def without_link_runs(lines: list[str]) -> list[str]:
    """Lines without the runs of two or more related-article links that a page sets between
    its paragraphs ("Profile: Boris Johnson" / "How could 'zip wire prat' become prime
    minister?" / "Read more about…"), pasted or stored with its text: QA stop 63 F11, one
    was picked as a sentence of the summary. A single short line (a subheading) stays."""
    said = [number for number, line in enumerate(lines) if line.strip()]
    # A text wrapped by hand (a mail, a PDF, a text file) breaks its sentences over short
    # lines: there a link is a paragraph of its own, between blank lines (review stop 64:
    # 98 of 200 BBC texts wrapped at 66 columns lost words).
    wrapped = _hard_wrapped([lines[number] for number in said])

    def linked(number: int) -> bool:
        if not _reads_as_link(lines[number].strip()):
            return False
        return not wrapped or ((number == 0 or not lines[number - 1].strip())
                               and (number + 1 == len(lines) or not lines[number + 1].strip()))

    dropped: set[int] = set()
    start = 0
    while start < len(said):
        end = start
        while end < len(said) and linked(said[end]):
            end += 1
        introduced = start > 0 and lines[said[start - 1]].rstrip().endswith(":")
        if end - start >= 2 and start > 0 and end < len(said) and not introduced:
            # (between paragraphs of prose; a list under "What the rules mean for you:" is the
            # text's own: QA stop 64 H4)
            dropped.update(said[start:end])
        start = end + 1 if end > start else start + 1
    return [line for number, line in enumerate(lines) if number not in dropped]


def strip_boilerplate(text: str) -> str:
    """Drop site furniture: share/subscribe lines, bylines, credits, headline lists, menus."""
    # A caption run into the opening paragraph goes with its credit, before the credits go
    # from every line (a caption's own line stays: `without_captions` judges those): a pasted
    # article's "Markus Söder mit Maske - … trägt eine Gesichtsmaske… - © Foto: …/dpa Nach
    # viel Streit…" lost only its credit here, and the caption opened its summary (reader QA,
    # stop 73 R4).
    lines = without_opening_caption(without_banners(text)).split("\n")
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _LIST_HEADING.match(line) and _is_short_line(line):
            # Skip the heading and the run of bare headlines below it.
            index += 1
            while index < len(lines) and word_count(lines[index]) <= 16 and not (
                _SENTENCE_END.search(lines[index]) and word_count(lines[index]) > 8
            ):
                index += 1
            continue
        # Furniture lines are short; a long line that starts alike is a real sentence.
        if word_count(line) <= _FURNITURE_MAX_WORDS and _BOILERPLATE_LINE.match(line):
            index += 1
            continue
        # ...and a longer line of calls to sign up, follow or read on ("Sign up for our
        # Morning Briefing newsletter and get the news you need delivered to your inbox every
        # day." was stored as a page's opening and shown as its lead: reader QA). Its
        # sentences are read only when the line opens as one: most lines do not. A line
        # saying a newsroom asked for comment stays in the text (review: out of summaries, but
        # the LLM and readers of /summarize should see it).
        if CALL_TO_READERS.match(line) and furniture_line(line) and not NO_COMMENT.match(line):
            index += 1
            continue
        # A run of three or more short unpunctuated lines is a menu or a tag list.
        run_end = index
        while run_end < len(lines) and word_count(lines[run_end]) <= 4 and not \
                _SENTENCE_END.search(lines[run_end]):
            run_end += 1
        if run_end - index >= 3:
            index = run_end
            continue
        kept.append(strip_credits(line))
        index += 1
    return "\n".join(line for line in kept if line)



@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    """What an article page holds for us."""

    title: str | None
    text: str
    published: datetime | None = None
    # Read to its end, not paywalled, ending a sentence: the text is the article as published.
    whole: bool = False
    # Marked as for subscribers (schema.org, or a "Continue reading" prompt at its end): the
    # text is the free part.
    paywalled: bool = False
    # A live blog's posts, oldest first, each cleaned as the text is: a summary tells the
    # blog's day by them (`liveblogs`); () for any other page.
    posts: tuple[str, ...] = ()


def parse_date(text: str) -> datetime | None:
    """An ISO date or date-time as UTC; None when it is not one."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _cleaned(raw_text: str, title: str | None) -> str:
    """The extractor's text without boilerplate, captions, and the headline opening it."""
    # Captions go before their credits do: without its credit a caption reads as the
    # article's first sentence (reader QA: "Bernie Sanders (2nd row down, center) liked what
    # he heard." opened the summary of five readers' top story).
    text = strip_boilerplate(without_captions(printable(raw_text)))
    if title and text.split("\n", 1)[0].strip() == title:
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return _without_headline_run_in(text, title) if title else text


_RUN_IN_HEADLINE_WORDS = 4  # a page's headline this long at least, a lead five words at least
_RUN_IN_LEAD_WORDS = 5
_RUN_IN_LEAD_LOWER = 10


def _without_headline_run_in(text: str, title: str) -> str:
    """The text without the page's own headline opening its first paragraph, run into the
    lead without a full stop (reader QA, stop 71 N2: /summarize of a press release opened
    "Nestlé S.A. maintains … in light of coronavirus The Board of Directors of Nestlé S.A. has
    confirmed…"). The headline as the page gives it, or as it is kept (`feed_headline`: the
    page's furniture run on after it gone); the lead opens with a capital."""
    for headline in dict.fromkeys((title.strip(), feed_headline(title, max_chars=TITLE_MAX))):
        rest = text[len(headline):] if text.startswith(headline) else ""
        if (len(headline.split()) >= _RUN_IN_HEADLINE_WORDS and rest[:1] == " "
                and rest.lstrip()[:1].isupper()
                and len(rest.split("\n", 1)[0].split()) >= _RUN_IN_LEAD_WORDS
                # ...a lead, not the title-case rest of a longer headline ("Apple To Buy
                # Beats" on a page opening "Apple To Buy Beats For Billions Of Dollars, Sources
                # Say": review): a word of four letters in lower case soon
                and any(word[:1].islower() and len(word) >= 4
                        for word in rest.split("\n", 1)[0].split()[:_RUN_IN_LEAD_LOWER])):
            return rest.lstrip()
    return text


# htmldate (trafilatura's date finder) imports dateparser the first time a page's date needs
# it, in whichever thread reads the page: two pages read at once in two threads deadlocked
# on that import (`_DeadlockError`), and the feed's other articles were lost with it (reader
# QA, stop 69 S2). They are imported once, under a lock, before the first page is read; not at
# start: a bot that reads no page (its feeds carry whole articles) never holds them. The page
# reader (trafilatura, htmldate, justext, courlan) is some 12 MB of the running bot's memory
# and dateparser a few more (`bench/memory.py`).
_READER_IMPORTED = threading.Lock()
_reader_ready = False


def _import_page_reader() -> None:
    global _reader_ready  # noqa: PLW0603 - a once-per-process flag
    if _reader_ready:
        return
    with _READER_IMPORTED:
        if not _reader_ready:
            for module in ("trafilatura", "dateparser", "dateparser.languages.loader"):
                importlib.import_module(module)
            _reader_ready = True


def extract_page(markup: str | bytes, url: str | None = None) -> Page:
    """The title, main text and date of an article page (trafilatura), boilerplate removed."""
    if isinstance(markup, bytes) and b"\x00" in markup[:4096]:
        return Page(None, "")  # binary data (an image, a PDF) has no article text for us
    _import_page_reader()
    import trafilatura  # noqa: PLC0415 - loaded by _import_page_reader, at the first page

    try:
        document = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, favor_precision=True, include_comments=False,
            include_tables=False, include_images=False)
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return Page(None, "")
    if document is None:
        return Page(None, "")
    if isinstance(document, dict):
        raw_title, raw_text = document.get("title"), document.get("text")
        raw_date = document.get("date")
    else:
        raw_title, raw_text, raw_date = document.title, document.text, document.date
    title = normalize_whitespace(printable(raw_title or "")) or None
    text = _cleaned(raw_text or "", title)
    raw = markup if isinstance(markup, bytes) else markup.encode("utf-8", "replace")
    paywalled = bool(_PAYWALL_MARK.search(raw) or _cut_off(raw_text or ""))
    # Whole by the page's own end, whatever order its text is given in.
    whole = bool(_ARTICLE_END.search(text)) and not paywalled
    blog = live_blog(raw, raw_text or "", title)
    text = _cleaned(blog.text, title) if blog else text
    text = without_prompt(text) if paywalled else text
    # (a paywalled blog's posts are not all there: its text alone is read)
    posts = tuple(cleaned for post in blog.posts if (cleaned := _cleaned(post, title))
                  ) if blog and not paywalled else ()
    # (the headline as a feed's is kept: without furniture run on after it, cut where a reader
    # sees it is; reader QA stop 71 N2, a /summarize of a press release's page)
    return Page(title and feed_headline(title, max_chars=TITLE_MAX),
                text, parse_date(raw_date) if raw_date else None, whole=whole,
                paywalled=paywalled, posts=posts)


# A line of prose: long enough (six words, or 25 characters of a script written without
# spaces), ending as a sentence does in any script (Hindi's danda, the Chinese full stop,
# the Armenian, Amharic and Burmese ones: review 2 found a Hindi article refused), a closing
# quote after.
_SENTENCE_END = re.compile(
    "[.!?…:;\u0964\u0965\u3002\uff01\uff1f\u0589\u1362\u104b\u061f\u06d4]"
    "[\"'”’»)\u300d\u300f]*\\s*$")


def _prose(line: str) -> bool:
    words = len(line.split())
    return bool(_SENTENCE_END.search(line)) and (words >= 6 or (len(line) >= 25 and words < 3))

_LIST_MIN_LINES = 5
_LIST_PROSE_SHARE = 0.3
_LIST_LINE_WORDS = 25  # a longer line is a paragraph, whatever its ending


def is_link_list(text: str) -> bool:
    """Whether a page's text is a list of headlines (a home or section page: "Markets close
    mixed as oil slips / 50 minutes ago / Five things to do…") rather than an article: short
    lines only, most of its words in lines that are no sentences (reader QA: /summarize of a
    home page ran ten headlines and their time stamps together as a "summary"). On the
    Multi-News tuning half, 1 of 347 texts is one: a video's credits, a list of links."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < _LIST_MIN_LINES or any(len(line.split()) > _LIST_LINE_WORDS
                                           for line in lines):
        return False
    prose = sum(len(line.split()) for line in lines if _prose(line))
    return prose < _LIST_PROSE_SHARE * sum(len(line.split()) for line in lines)


_LISTED_HEADLINE_WORDS = 3  # a link's words that may be a headline
_LISTED_SHARE = 0.6  # of a page's words, in items that open with a link's headline
_TEASER_WORDS = 40  # a teaser's line under its headline is no longer than this


def is_teaser_list(markup: str | bytes, text: str) -> bool:
    """Whether a page's text (`text`, from `markup`) is a list of its links' headlines, each
    with a teaser (a home page: "- Ad sales boost Time Warner profit Quarterly profits at US
    media giant…", or the headline on a line of its own, the teaser on the next): most of its
    words in five or more items that open with the words of one of the page's links, or in
    five or more teasers cut short ("…long term gro…"). QA stop 63 F2 and its second QA's G2:
    unrelated stories, headline glued to teaser, came back as such a page's "summary";
    `is_link_list` sees the teasers as prose. An article's own links sit inside its
    sentences, not at the head of its lines, and its paragraphs end."""
    lines = [line.strip().lstrip("-•*· ").strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < _LIST_MIN_LINES:
        return False
    total = sum(len(line.split()) for line in lines)
    cut = [line for line in lines if line.endswith(("…", "..."))]
    if len(cut) >= _LIST_MIN_LINES and sum(len(line.split()) for line in cut) >= (
            _LISTED_SHARE * total):
        return True
    try:
        document = lxml.html.fromstring(markup)
    except (ValueError, lxml.etree.LxmlError):
        return False
    headlines = {joined for anchor in document.iter("a") if _to_another_page(anchor)
                 and len((joined := " ".join(anchor.text_content().split())).split())
                 >= _LISTED_HEADLINE_WORDS}
    if _teasers_under_linked_headings(document, headlines, lines) >= _LISTED_SHARE * total:
        return True
    heads = [any(line.startswith(headline) for headline in headlines) for line in lines]
    items = listed = 0
    for number, line in enumerate(lines):
        if not heads[number]:
            continue
        items += 1
        listed += len(line.split())
        after = lines[number + 1] if number + 1 < len(lines) else ""
        if after and not heads[number + 1] and len(after.split()) <= _TEASER_WORDS:
            listed += len(after.split())  # its teaser, on a line of its own
    return items >= _LIST_MIN_LINES and listed >= _LISTED_SHARE * total


_LEAD_META = ("og:description", "description", "twitter:description")


def described(markup: str | bytes) -> tuple[str, str]:
    """A page's headline and lead as it describes itself to link previews (its `og:title`
    and `og:description` meta tags, or their plain forms): what is left of an article whose
    text only a script shows, or a wall hides. ("", "") when it has none, or does not say it
    is an article (`og:type`, a publication time, schema.org's NewsArticle): a site's own
    description is its slogan (review, stop 63: an app shell's home page was "summarized" as
    "Aktuelle Nachrichten aus Berlin…")."""
    try:
        document = lxml.html.fromstring(markup)
    except (ValueError, lxml.etree.LxmlError):
        return "", ""
    metas: dict[str, str] = {}
    for meta in document.iter("meta"):
        name = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = normalize_whitespace(printable(html.unescape(meta.get("content") or "")))
        if name and content:
            metas.setdefault(name, content)
    raw = markup if isinstance(markup, bytes) else markup.encode("utf-8", "replace")
    if not (metas.get("og:type", "").lower() == "article" or "article:published_time" in metas
            or _NEWS_ARTICLE.search(raw)):
        return "", ""
    title = metas.get("og:title") or metas.get("twitter:title") or ""
    return title, next((metas[name] for name in _LEAD_META if name in metas), "")


_NEWS_ARTICLE = re.compile(rb'"@type"\s*:\s*"(?:News|Reportage|Analysis)?Article"')


_HEADINGS = ("h2", "h3", "h4")


def _to_another_page(anchor: lxml.html.HtmlElement) -> bool:
    """Whether a link leads to another page: not a section of this one (a heading's own
    permalink, "#what-we-know": review, stop 63, an explainer's linked headings read as a home
    page's cards), nor a script."""
    target = (anchor.get("href") or "").strip().lower()
    return bool(target) and not target.startswith(("#", "javascript:"))


def _teasers_under_linked_headings(document: lxml.html.HtmlElement, headlines: set[str],
                                   lines: list[str]) -> int:
    """The words of the page's text in teasers that come right after a linked heading (a
    home page's cards: `<h3><a>headline</a></h3><p>teaser</p>`, whose headlines the extractor
    may leave out), when five or more do; else 0. A related-stories box of linked headings
    has no teasers among the article's lines."""
    order = [element for element in document.iter() if isinstance(element.tag, str)]
    found = 0
    items = 0
    for number, element in enumerate(order):
        if element.tag not in _HEADINGS or not (
                " ".join(element.text_content().split()) in headlines
                or any(parent.tag == "a" and _to_another_page(parent)
                       for parent in element.iterancestors())):
            continue
        for after in order[number + 1:number + 8]:
            if after.tag in _HEADINGS:
                break
            teaser = " ".join(after.text_content().split()) if after.tag == "p" else ""
            if teaser and len(teaser.split()) <= _TEASER_WORDS and any(
                    line.endswith(teaser) for line in lines):
                items += 1
                found += len(teaser.split())
                break
    return found if items >= _LIST_MIN_LINES else 0


def content_hash(text: str) -> str | None:
    """A fingerprint of an article's words, or None when the text is too short to tell.

    The title is left out on purpose: outlets that run the same wire copy retitle it.
    """
    if word_count(text) < _HASH_MIN_WORDS:
        return None
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = re.findall(r"\w+", folded)
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
