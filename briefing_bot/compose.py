"""Briefings as text, Telegram HTML and JSON. Pure functions: data in, strings out.

Telegram HTML: every interpolated value is escaped here, and nowhere else; messages are at most
4096 UTF-16 code units (measured on the markup itself, which is never shorter than the text
Telegram counts) and split only between items, never inside a tag or an entity.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from collections.abc import Sequence
from datetime import UTC, date
from typing import Any

from briefing_bot.extractive import split_sentences
from briefing_bot.models import Briefing, BriefingItem, InputKind, RelatedLink, Section
from briefing_bot.wording import Wording, wording

TELEGRAM_LIMIT = 4096
MAX_LINKS = 5
# Articles the clustering filed with a story that tell another event, shown by headline.
MAX_RELATED = 3
_LABELS = {InputKind.TEASER: "teaser_only", InputKind.TITLE: "headline_only"}
_EARLIER_TITLE = 80  # characters of an earlier story's headline said in a retelling's mark


def utf16_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji can be two)."""
    return len(text.encode("utf-16-le")) // 2


def _labels(item: BriefingItem, words: Wording, had_also: int = 0) -> list[str]:
    """What the summary rests on and how it was made; an item without a summary has no teaser
    or engine to speak of (exploratory QA: an update read "(from the teaser only)" over
    nothing but a Related line): it is its headline only. `had_also`: as `_dated` takes it."""
    dated = (([words.say("had_before")] if item.had else []) + _dated(item, words, had_also)
             + ([words.say("corrected")] if item.corrected else []))
    told_in = ([words.say("in_language", language=words.language_name(item.language))]
               if item.language else [])
    if not item.summary:
        # Nothing but its headline (a teaser that only repeats it): said, unless the item is
        # an update whose news is all in its Related line; and the headline's language
        # (reader QA: an English headline alone reached an Italian reader unlabelled).
        return dated + ([] if item.related else [words.say(_told(item)), *told_in])
    labels = dated + ([words.say(_LABELS[item.basis])] if item.basis in _LABELS else [])
    labels += told_in
    if item.fallback:
        labels.append(words.say("offline"))
    return labels


def _told(item: BriefingItem) -> str:
    """What an item with no summary rests on. Its headline only, unless its title tells all
    its reports say (`BriefingItem.whole`, as the summarizer found): a full report's is "the
    whole report", as /summarize says of its page, not "headline only" (stop 74); a teaser's
    is the teaser, shown as its title, and its page may say more: "from the teaser only",
    as over a summary of one (stop 75), not "headline only", which its headline is not when
    made from the teaser's sentence, nor "the whole report"."""
    if item.whole and item.basis is InputKind.FULL:
        return "whole_report"
    if item.whole and item.basis is InputKind.TEASER:
        return _LABELS[InputKind.TEASER]
    return _LABELS[InputKind.TITLE]


def _dated(item: BriefingItem, words: Wording, had_also: int = 0) -> list[str]:
    """Old news said as such: an event first told days before, with the earlier story's
    headline ("earlier story 4 days ago: “…”"; the date alone for one marked before headlines
    were kept: "first reported 4 days ago"),
    else a story whose newest report is over a day old ("reported 1 day ago"). Said as an
    age, not a date: a briefing is shared by readers in many time zones, whose dates differ
    (review: a date in UTC showed the wrong day far from it).

    `had_also`: how many other stories the chat had the update's reports under besides the
    one `had_under` names ("…as part of “A” and 1 other story")."""
    now = item.as_of or item.updated_at
    if item.had_under is not None:
        # Not "earlier story": the story it was told with may be another event (a re-check
        # parted them), whose headline would read as this one's past (QA stop 61 F1).
        at, title = item.had_under
        return [words.say("had_under_others" if had_also else "had_under", n=had_also,
                          ago=words.ago(at, now), title=_shortened(title, _EARLIER_TITLE))]
    if item.first_told is not None:
        ago = words.ago(item.first_told, now)
        if item.first_told_title:
            # The earlier story named, not this one called old news: a retelling and a
            # sibling event (a rule, then its reversal) can score alike (reader QA).
            return [words.say("earlier_story", ago=ago,
                              title=_shortened(item.first_told_title, _EARLIER_TITLE))]
        return [words.say("first_told", ago=ago)]
    if item.published is not None:
        return [words.say("published", ago=words.ago(item.published, now))]
    return []


def _shortened(title: str, limit: int) -> str:
    """A headline cut at a word to `limit` characters, with "…" when cut."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    # At the last space within the limit, or just after it (a word ending at the limit).
    cut = title[:limit + 1].rsplit(" ", 1)[0] if " " in title[:limit + 1] else title[:limit]
    return cut.rstrip(" ,;:–—-…") + "…"


def _why(item: BriefingItem, words: Wording) -> str:
    """"Why you got this": the reader's topic the story matched, and how."""
    if item.topic is None:
        return ""
    if not item.why:
        return item.topic
    why = words.why(item.why)
    # The section is headed by the topic already: "sport: sport story" and "ferry: title
    # mentions ferry" say it twice. The topic leads only when the reason does not name it
    # ("Wirtschaft: business story"), nor a form of it ("esportes: seção esporte", QA stop
    # 62: the topic as the plural of the category's name).
    if item.topic.casefold() in why.casefold() or _names_its_category(item, words):
        return why
    return f"{item.topic}{words.colon}{why}"


def _names_its_category(item: BriefingItem, words: Wording) -> bool:
    """Whether the item's topic is its category's name in the reader's language, in another
    form: one starts with the other ("sports" and "sport", "esportes" and "esporte")."""
    found = _CATEGORY_WHY.fullmatch(item.why or "")
    if found is None or item.topic is None:
        return False
    name = words.table("categories").get(found[1], "").casefold()  # (a branch: "calcio")
    topic = item.topic.casefold()
    return min(len(topic), len(name)) >= 4 and (topic.startswith(name) or name.startswith(topic))


_CATEGORY_WHY = re.compile(r"([a-z]+) story(?:, [a-z]+ news too)?")


def _more(briefing: Briefing, words: Wording) -> str:
    # A reader without topics gets the top stories: "on your topics" would be untrue.
    key = "more_line" if any(s.topic for s in briefing.sections) else "more_line_all"
    if briefing.waiting:  # topics that have stories only among these
        key = "more_line_also"
    line = words.say(key, stories=words.count("more_stories", briefing.more),
                     topics=", ".join(briefing.waiting))
    # A line of its own opens with a capital ("mais 3 notícias…" did not: reader QA).
    return line[:1].upper() + line[1:]


def _excluded(briefing: Briefing, words: Wording) -> str:
    """'Six Nations: 4 stories, all left out by -sport.' ('1 story, left out': not "all" of
    one, wording review stop 62.)"""
    return " ".join(words.say("excluded_one" if e.stories == 1 else "excluded", topic=e.topic,
                              stories=words.count("stories", e.stories),
                              by=", ".join(e.by) or words.say("your_exclusions"))
                    for e in briefing.excluded)


def _elsewhere(briefing: Briefing, words: Wording, *, more: bool = True) -> str:
    """'central bank: in Wirtschaft.' A story is shown once, under the reader's topic it fits
    best; "nothing new" would be untrue of the others. Without `more`, a story past the
    briefing is not pointed to the bot's /more (the command line has none: reader QA,
    stop 51)."""
    later = "elsewhere_more" if more else "elsewhere_later"
    return " ".join(words.say(later if e.later else "elsewhere", topic=e.topic,
                              under=", ".join(e.under))
                    for e in briefing.elsewhere)


def _section_name(section: Section, words: Wording) -> str:
    """The topic as the reader wrote it, capitalised only when written all in lower case:
    str.title() made "AT&T" "At&T" and "iPhone" "Iphone"."""
    topic = section.topic
    if not topic:
        return words.say("top_stories")
    return topic if any(ch.isupper() for ch in topic) else topic[:1].upper() + topic[1:]


# -- plain text ------------------------------------------------------------------------------


def render_text(briefing: Briefing, *, more_line: bool = True) -> str:
    """The briefing as plain text; `more_line=False` leaves out the line that points to the
    bot's /more (the command line says how to list them instead)."""
    words = wording(briefing.language)
    lines = [words.say("text_heading", date=words.date(briefing.generated_at)), ""]
    if not briefing.sections and not (briefing.any_news and briefing.quiet_topics):
        lines.append(_nothing_since(briefing, words))
    for section in briefing.sections:
        lines.append(f"== {_section_name(section, words)} ==")
        if section.intro:
            lines.append(section.intro)
        lines.append("")
        for item in section.items:
            lines.extend(_item_text(item, words))
            lines.append("")
    if briefing.quiet_topics:
        lines.append(words.say("nothing_on", topics=", ".join(briefing.quiet_topics)))
    if briefing.elsewhere:
        lines.append(_elsewhere(briefing, words, more=more_line))
    if briefing.excluded:
        lines.append(_excluded(briefing, words))
    if briefing.more and more_line:
        lines.append(_more(briefing, words))
    return "\n".join(lines).rstrip() + "\n"


def _nothing_since(briefing: Briefing, words: Wording) -> str:
    """Nothing new since the briefing's start, said as a moment: `brief` has no "last
    briefing" to speak of (operator QA, stop 47: "Nothing new since the last briefing" for
    `brief --since 1m`)."""
    since = briefing.since.astimezone(UTC)
    return words.say("nothing_since_last", when=f"{words.moment(since)} UTC")


def _item_text(item: BriefingItem, words: Wording) -> list[str]:
    lines = [f"* {item.title}"]
    if item.summary:
        lines.append(f"  {item.summary}")
    labels = _labels(item, words)
    if labels:
        lines.append(f"  ({words.semicolon.join(labels)})")
    names = ", ".join(link.name for link in item.sources[:MAX_LINKS])
    more = item.source_count - min(len(item.sources), MAX_LINKS)
    lines.append(f"  {_count(item, words)}{words.colon}{names}"
                 + (f" {words.say('and_more', n=more)}" if more > 0 else ""))
    lines.extend(f"    {link.url}" for link in item.sources[:MAX_LINKS] if link.url)
    related_word = words.say("text_related")
    for related in item.related[:MAX_RELATED]:
        lines.append(f"  {related_word}{words.colon}{related.title} ({related.name})")
        if related.lead:
            lines.append(f"    {related.lead}")
        if related.url:
            lines.append(f"    {related.url}")
    if len(item.related) > MAX_RELATED:
        lines.append(f"  {related_word}{words.colon}"
                     f"{words.say('related_more', n=len(item.related) - MAX_RELATED)}")
    if _why(item, words):
        lines.append(f"  {words.say('text_why')}{words.colon}{_why(item, words)}")
    return lines


# -- Telegram HTML ---------------------------------------------------------------------------


# Bidirectional overrides let a title display "moc.live//:sptth" as a URL; news needs none.
_BIDI_OVERRIDES = str.maketrans("", "", "\u202a\u202b\u202c\u202d\u202e")


def _e(text: str) -> str:
    return html.escape(text.translate(_BIDI_OVERRIDES), quote=True)


def _link(name: str, url: str | None) -> str:
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}">{_e(name)}</a>'
    return _e(name)


def render_item_html(item: BriefingItem, words: Wording, *, summary: str | None = None,
                     links: bool = True, had_also: int = 0) -> str:
    """One story as Telegram HTML; every value from outside is escaped. `had_also`: as
    `_dated` takes it."""
    text = item.summary if summary is None else summary
    parts = [f"<b>{_e(item.title)}</b>"]
    if text:
        parts.append(_e(text))
    labels = _labels(item, words, had_also)
    if labels:
        parts.append(f"<i>({_e(words.semicolon.join(labels))})</i>")
    shown = item.sources[:MAX_LINKS] if links else ()
    sources = " · ".join(_link(link.name, link.url) for link in shown)
    count = _e(_count(item, words))
    if sources:
        parts.append(f"{sources} · {count}")
    elif item.sources or not item.related:
        parts.append(count)
    # else an update whose new articles all tell another event: "1 source" with no link under
    # it would read as a report of this story; the related line says what came.
    if item.related:
        parts.append(_related_html(item.related, words, links=links))
    if _why(item, words):
        parts.append(f"<i>{_e(words.say('why'))}{words.colon}{_e(_why(item, words))}</i>")
    return "\n".join(parts)


def _count(item: BriefingItem, words: Wording) -> str:
    """'3 sources'; an update's 'Global Dispatch · 2 sources in all', its links being only
    the new articles' outlets."""
    key = ("sources_new" if item.counts_new
           else "sources_in_all" if item.links_new_only and item.source_count != len(item.sources)
           else "sources")
    return words.count(key, item.source_count)


def _related_html(related: Sequence[RelatedLink], words: Wording, *, links: bool) -> str:
    """'Related: <headline> (outlet) · …': what the story's title does not tell, apart from
    its sources, so that "3 sources" counts only outlets telling this story."""
    heading = _e(words.say("related"))
    if not links:
        return f"<i>{heading}{words.colon}{_e(words.count('articles', len(related)))}</i>"
    shown = [f"{_link(r.title, r.url)} ({_e(r.name)})" for r in related[:MAX_RELATED]]
    if len(related) > MAX_RELATED:
        shown.append(_e(words.say("related_more", n=len(related) - MAX_RELATED)))
    if not any(r.lead for r in related[:MAX_RELATED]):
        return f"<i>{heading}{words.colon.rstrip()}</i> {' · '.join(shown)}"
    # An update's related articles with their openings: one a line.
    leads = [f"{line}{words.colon}{_e(r.lead)}" if r.lead else line
             for line, r in zip(shown, related[:MAX_RELATED], strict=False)]
    return (f"<i>{heading}{words.colon.rstrip()}</i>\n"
            + "\n".join(f"• {line}" for line in leads + shown[len(leads):]))


def _fit_item(item: BriefingItem, limit: int, words: Wording, had_also: int = 0) -> str:
    """An item that fits one message: shorten the summary by whole sentences, then drop links.
    `had_also`: as `_dated` takes it."""
    block = render_item_html(item, words, had_also=had_also)
    if utf16_length(block) <= limit:
        return block
    sentences = split_sentences(item.summary)
    while sentences:
        sentences.pop()
        block = render_item_html(item, words, summary=" ".join(sentences), had_also=had_also)
        if utf16_length(block) <= limit:
            return block
    block = render_item_html(item, words, summary="", links=False, had_also=had_also)
    if utf16_length(block) <= limit:
        return block
    title = item.title
    while title and utf16_length(block) > limit:  # a pathological title: shorten it too
        title = title[: len(title) // 2]
        block = render_item_html(dataclasses.replace(item, title=title + "…"), words,
                                 summary="", links=False, had_also=had_also)
    return block


def pack_messages(units: Sequence[str], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Pack blocks into as few messages as fit, in order; a block is never split."""
    messages: list[str] = []
    current = ""
    for unit in units:
        candidate = f"{current}\n\n{unit}" if current else unit
        if utf16_length(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
        current = unit
    if current:
        messages.append(current)
    return messages


def render_html(briefing: Briefing, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Telegram messages (HTML parse mode) for a briefing, each within `limit`."""
    return [message.text for message in render_html_messages(briefing, limit)]


# -- one story told once: briefings with the stories each message carries, and updates -------


@dataclasses.dataclass(frozen=True, slots=True)
class Message:
    """One Telegram message, and the stories in it (each gets its "Mute" button)."""

    text: str
    story_ids: tuple[int, ...] = ()


def render_html_messages(briefing: Briefing, limit: int = TELEGRAM_LIMIT, *,
                         more: bool = False, day: date | None = None, top: bool = False,
                         more_line: bool = True) -> list[Message]:
    """Telegram messages (HTML parse mode) for a briefing, each within `limit`, and which
    stories each message carries (each gets its "Mute" button), in the briefing's language.
    `more`: headed "More", for the stories past a briefing's budget, which are not a
    briefing of their own; `top`: headed as the latest top stories a reader asked for, had or
    not. `day`: the reader's date (default: the briefing's, in UTC). `more_line` False: no
    line points to /more (pages with a "More" button of their own)."""
    words = wording(briefing.language)
    heading = words.say("more_heading" if more else "top_heading" if top else "briefing")
    dated = words.date(day or briefing.generated_at)
    units: list[tuple[str, tuple[int, ...]]] = [(f"<b>{_e(heading)}</b> · {_e(dated)}", ())]
    for section in briefing.sections:
        header = f"<b>{_e(_section_name(section, words))}</b>"
        intro = f"\n<i>{_e(section.intro)}</i>" if section.intro else ""
        if utf16_length(header + intro) <= limit // 4:
            header += intro
        items = [(_fit_item(item, limit - utf16_length(header) - 2, words), (item.story_id,))
                 for item in section.items]
        if items:
            units.append((f"{header}\n\n{items[0][0]}", items[0][1]))
            units.extend(items[1:])
        else:
            units.append((header, ()))
    if not briefing.sections and not (briefing.any_news and briefing.quiet_topics):
        units.append((_e(_nothing_since(briefing, words)), ()))
    if briefing.quiet_topics:
        units.append((f"<i>{_e(words.say('nothing_on', topics=', '.join(briefing.quiet_topics)))}"
                      "</i>", ()))
    if briefing.elsewhere:
        units.append((f"<i>{_e(_elsewhere(briefing, words, more=more_line))}</i>", ()))
    if briefing.excluded:
        units.append((f"<i>{_e(_excluded(briefing, words))}</i>", ()))
    if briefing.more:
        units.append((f"<i>{_e(_more(briefing, words))}</i>", ()))
    return pack_units(units, limit)


def pack_units(units: Sequence[tuple[str, tuple[int, ...]]],
               limit: int = TELEGRAM_LIMIT) -> list[Message]:
    """`pack_messages` for blocks that carry stories: each message knows its stories."""
    messages: list[Message] = []
    text = ""
    ids: tuple[int, ...] = ()
    for unit, unit_ids in units:
        candidate = f"{text}\n\n{unit}" if text else unit
        if utf16_length(candidate) <= limit:
            text, ids = candidate, (*ids, *unit_ids)
            continue
        if text:
            messages.append(Message(text, ids))
        text, ids = unit, unit_ids
    if text:
        messages.append(Message(text, ids))
    return messages


def render_update_html(item: BriefingItem, limit: int = TELEGRAM_LIMIT, *,
                       language: str | None = None, had_also: int = 0) -> str:
    """A story the reader already has, told again only for what is new: marked as an update,
    its summary says what the new articles add, its links are the new articles'. `had_also`:
    how many other stories than the one `item.had_under` names the chat had its reports under
    (`updates.Composer._carriers`)."""
    words = wording(language)
    # Only coverage of another event came (shown as related): no update of this story is
    # claimed (reader QA: "🔄 Update" over nothing but a "See also" link).
    only_related = not item.summary and not item.sources and bool(item.related)
    # ...but said as related coverage: unmarked, the story's title over a list read as the
    # same story sent again (reader QA).
    mark = (f"🔗 <b>{_e(words.say('related_coverage'))}</b> · " if only_related
            else f"🔄 <b>{_e(words.say('update'))}</b> · ")
    return mark + _fit_item(item, limit - utf16_length(mark), words, had_also)


def render_nothing_new(when: str | None, aside: str = "", language: str | None = None) -> str:
    """`/briefing` (or a briefing time) with nothing the reader has not had yet; `aside`
    (plain text) says what the reader's exclusions left out meanwhile."""
    words = wording(language)
    said = _e(words.say("nothing_in_24h") if when is None
              else words.say("nothing_since", when=when))
    return f"{said}\n<i>{_e(aside)}</i>" if aside else said


def excluded_line(briefing: Briefing) -> str:
    """What the reader's exclusions left out of a briefing's quiet topics, or ""."""
    return _excluded(briefing, wording(briefing.language)) if briefing.excluded else ""


# -- JSON ------------------------------------------------------------------------------------


def briefing_json(briefing: Briefing) -> dict[str, Any]:
    return {
        "generated_at": briefing.generated_at.isoformat(),
        "since": briefing.since.isoformat(),
        "language": briefing.language,
        "sections": [
            {"topic": section.topic, "intro": section.intro, "stories": [
                {"story_id": item.story_id, "title": item.title, "summary": item.summary,
                 # (an item with no summary rests on its headline, as its text label says:
                 # operator QA, stop 59 F7, "basis": "teaser" beside "(headline only)"; one
                 # whose title tells its report or teaser whole on it, `_told`)
                 "basis": (item.basis if item.summary or item.whole
                           else InputKind.TITLE).value,
                 "engine": item.engine, "fallback": item.fallback,
                 "language": item.language,
                 "source_count": item.source_count, "updated_at": item.updated_at.isoformat(),
                 "latest_report_at": item.latest.isoformat() if item.latest else None,
                 "topic": item.topic, "why": item.why,
                 **({"first_told_at": item.first_told.isoformat(),
                     "first_told_title": item.first_told_title} if item.first_told else {}),
                 **({"published_at": item.published.isoformat()} if item.published else {}),
                 "sources": [{"name": link.name, "url": link.url} for link in item.sources],
                 "related": [{"title": r.title, "name": r.name, "url": r.url,
                              **({"lead": r.lead} if r.lead else {})}
                             for r in item.related]}
                for item in section.items]}
            for section in briefing.sections
        ],
        "quiet_topics": list(briefing.quiet_topics),
        "excluded": [{"topic": e.topic, "stories": e.stories, "by": list(e.by)}
                     for e in briefing.excluded],
        "elsewhere": [{"topic": e.topic, "under": list(e.under), "with_more": e.later}
                      for e in briefing.elsewhere],
        "more": briefing.more,
        # topics whose stories are all among the `more`
        "more_topics": list(briefing.waiting),
    }


def render_json(briefing: Briefing) -> str:
    return json.dumps(briefing_json(briefing), indent=2, ensure_ascii=False)
