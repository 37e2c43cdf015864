"""When each reader's briefing is due, in their local time. Pure functions over zoneinfo.

Daylight saving time is handled by computing every next run from the local wall clock: a
briefing at 07:30 stays at 07:30 local through the change. A wall time that does not exist on
a spring-forward day is moved to the first moment that does; an ambiguous one on a fall-back
day is taken the first time it happens. Nothing here keeps a job per reader: the scheduler
only asks the store which readers are due.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from briefing_bot.errors import Unusable

# 7:30, 07.30, 19h05, 7, 1930; and 7pm, 7:30 a.m. (12-hour clocks, as many readers write).
# "19 Uhr", "7 Uhr 30", "19h", "7 h 30", "7 heures 30", "19:30 hrs", "um 7", "à 7h", "a las 7",
# "a la 1", "alle ore 7", "ore 7", "om 8 uur", "7u30", "o 7", "godz. 7", "7 de la tarde",
# "7 du soir" as German, French, Spanish, Italian, Dutch and Polish readers write them
# (exploratory QA and review).
# (and "19 ч", "19 часа", "στις 7 μ.μ.": Telegram QA, stop 56 #7)
_UNIT = (r"(?:uhr|h|hrs?\.?|horas?|heures?|ore|uur|u|ч\.?|часа|часов|час|год\.?|години|годині"
         r"|година|годин"
         # (Japanese "7時30分", Chinese "7点30分", Korean "7시 30분": reader QA, stop 76 T9)
         r"|時|时|点|點|시)")
# (and Portuguese "às 19h", "7 da manhã", Dutch "7 uur 's avonds", Polish "7 wieczorem":
# reader QA, stop 52 F10)
# (Dutch "'s" with the curly apostrophe phones type: review, stop 52)
_EVENING = (r"(?:de\ la\ (?:tarde|noche)|du\ soir|de\ l'après-midi|abends|di\ sera"
            r"|del\ pomeriggio|da\ (?:tarde|noite)|['’]s\ avonds|wieczorem|po\ południu"
            # (Russian, Ukrainian, Bulgarian and Greek: "7 вечера", "3 дня", "7 вечора", "7
            # вечерта", "7 μ.μ.": Telegram QA, stop 56 #7)
            r"|вечера|вечора|вечерта|дня|следобед|μ\.?\ ?μ\.?)")
_MORNING = r"(?:de\ la\ mañana|du\ matin|morgens|di\ mattina|del\ mattino|da\ manhã" \
    r"|['’]s\ (?:ochtends|morgens)|rano|утра|ранку|сутринта|π\.?\ ?μ\.?)"
# Of those, the afternoon's: its 12 is noon ("12 da tarde"), the night's is midnight.
_AFTERNOON = re.compile(r"tarde|après-midi|pomeriggio|południu|дня|следобед|μ\.?\s?μ",
                        re.IGNORECASE)
_CLOCK = re.compile(
    r"^\s*(?:at|um|à|às|as|a|a\ las?|alle(?:\ ore)?|ore|om|(?:o\ )?(?:godz\.?|godzinie)"
    r"|godzina|o|в|о|об|στις)?"
    r"\s*(?P<hour>\d{1,2})"
    rf"(?:\s*(?:[:.hu]|{_UNIT})\s*(?P<minute>\d{{2}})(?:\s*(?:分|분))?|(?P<glued>\d{{2}}))?"
    rf"\s*(?:(?P<half>[ap])\.?\s*m\.?|{_UNIT})?\s*(?:(?P<evening>{_EVENING})"
    rf"|(?P<morning>{_MORNING}))?"
    r"\s*$", re.IGNORECASE | re.VERBOSE)
# A clock as Japanese, Chinese and Korean readers write it: the half of the day first
# ("午後7時", "下午7点", "오후 7시"), a half hour as "半" or "반" ("7時半", "7시 반"), minutes
# in one digit ("7時5分"). Reader QA, stop 76: "午後7時" and "7時半" were refused.
CJK_CLOCK = re.compile(
    r"^\s*(?P<period>午前|午後|上午|下午|早上|晚上|凌晨|中午|오전|오후|아침|저녁)?\s*"
    r"(?P<hour>\d{1,2})\s*[時时点點시]\s*(?:(?P<minute>\d{1,2})\s*[分분]|(?P<half>[半반]))?\s*$")
# The halves of the day by their words: "中午" (noon) is the afternoon's ("中午12点" is
# noon, "中午1点" one o'clock); the evening's 12 is midnight ("晚上12点"), the afternoon's
# 0 noon ("午後0時30分", as Japanese writes it: review).
_CJK_AFTERNOON = frozenset({"午後", "下午", "晚上", "中午", "오후", "저녁"})
_CJK_EVENING = frozenset({"晚上", "저녁"})
_ETC_GMT = re.compile(r"^Etc/GMT([+-])(\d{1,2})$")
_OFFSET = re.compile(r"^\s*(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?\s*$", re.IGNORECASE)


class ScheduleError(Unusable):
    """A time or time zone a reader typed that we cannot use; the message says what works."""


# Noon and midnight as readers say them (reader QA: "/time midi" was no time).
_NAMED = {"noon": time(12), "midday": time(12), "midnight": time(0), "mittag": time(12),
          "mittags": time(12), "mitternacht": time(0), "midi": time(12), "minuit": time(0),
          "mediodía": time(12), "mediodia": time(12), "medianoche": time(0),
          "mezzogiorno": time(12), "mezzanotte": time(0), "meio-dia": time(12),
          "meia-noite": time(0), "meio dia": time(12), "meia noite": time(0),
          "middaguur": time(12), "middernacht": time(0), "południe": time(12),
          "północ": time(0), "północy": time(0),  # (Dutch "middag" is the afternoon: review)
          "полдень": time(12), "полночь": time(0), "полудень": time(12), "північ": time(0),
          "пладне": time(12), "полунощ": time(0), "μεσημέρι": time(12),
          "μεσάνυχτα": time(0)}
_NAMED_TIME = re.compile(
    r"^\s*(?:at|um|à|a|al|a\ las?|alle|ao|om|o|w|в|о(?:пів)?|το)?\s*"
    r"(?:le\ |la\ |el\ |o\ |das\ )?"
    r"(?:12\s+)?(?P<name>[^\W\d_][\w-]*(?:\ (?:dia|noite))?)\s*$", re.IGNORECASE)


# What a refusal repeats of the reader's words, at most (Telegram QA, stop 54 F3: 4,000
# characters pasted after /timezone came back whole, over Telegram's limit, and the reader got
# "Something went wrong on our side").
_ECHOED = 40


def _echo(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _ECHOED else f"{text[:_ECHOED].rstrip()}…"


# German and Dutch say a half hour before the next one: "halb acht", "half acht" is 7:30
# (German QA, stop 57: "halb acht" was "not a time"); and its quarters, "Viertel nach sieben",
# "Viertel vor acht", "dreiviertel acht", "kwart over zeven". In the morning unless said.
_HOURS = {word: number for number, names in enumerate((
    (), ("ein", "eins", "een"), ("zwei", "twee"), ("drei", "drie"), ("vier",),
    ("fünf", "fuenf", "vijf"), ("sechs", "zes"), ("sieben", "zeven"), ("acht",),
    ("neun", "negen"), ("zehn", "tien"), ("elf",), ("zwölf", "zwoelf", "twaalf")))
    for word in names}
_QUARTERS = re.compile(
    r"^\s*(?:um\s+|om\s+)?(?P<part>halb|half|viertel\s+nach|kwart\s+over|viertel\s+vor"
    r"|kwart\s+voor|dreiviertel|drei\s+viertel)\s+(?P<hour>\d{1,2}|[^\W\d_]+)"
    r"(?:\s+(?:uhr\s+)?(?P<when>morgens|früh|vormittags|nachmittags|abends|'s\s+ochtends"
    r"|'s\s+middags|'s\s+avonds))?\s*$", re.IGNORECASE)
_BEFORE = {"halb": -30, "half": -30, "viertel nach": 15, "kwart over": 15, "viertel vor": -15,
           "kwart voor": -15, "dreiviertel": -15, "drei viertel": -15}


def _quarter_clock(text: str) -> time | None:
    """'halb acht' -> 07:30, 'Viertel vor acht abends' -> 19:45; None for any other text."""
    found = _QUARTERS.match(text)
    if not found:
        return None
    word = found["hour"].lower()
    hour = int(word) if word.isdigit() else _HOURS.get(word)
    if hour is None or not 1 <= hour <= 12:
        return None
    if (found["when"] or "").lower() in ("nachmittags", "abends", "'s middags", "'s avonds"):
        hour += 12
    minutes = hour * 60 + _BEFORE[" ".join(found["part"].lower().split())]
    return time((minutes // 60) % 24, minutes % 60)


def _cjk_clock(text: str) -> str:
    """A CJK clock ("午後7時半") as the clock the other rules read ("7:30 pm"); any other
    text as it is."""
    found = CJK_CLOCK.match(text)
    if found is None:
        return text
    minute = 30 if found["half"] else int(found["minute"] or 0)
    period = found["period"]
    hour = int(found["hour"])
    if period is None:
        return f"{hour}:{minute:02d}"
    if hour == 0:  # "午前0時" is midnight, "午後0時" noon
        return f"{12 if period in _CJK_AFTERNOON else 0}:{minute:02d}"
    if hour == 12 and period in _CJK_EVENING:
        return f"0:{minute:02d}"
    return f"{hour}:{minute:02d} {'pm' if period in _CJK_AFTERNOON else 'am'}"


def parse_clock(text: str) -> time:
    """'7:30', '07:30', '19.05', '7', '1930', '7pm', '7:30 a.m.', '19 Uhr', '7 h 30', 'noon',
    'midi', 'halb acht' -> a wall-clock time."""
    said = text
    # Full-width digits and colon as Chinese and Japanese keyboards type them (seven, a full-
    # width colon, 30 was refused: reader QA, stop 76 T9) read as their ASCII forms (NFKC); the
    # answer quotes what was typed.
    text = unicodedata.normalize("NFKC", text)
    if (named := _NAMED_TIME.match(text)) and named["name"].lower() in _NAMED:
        return _NAMED[named["name"].lower()]
    if (quarter := _quarter_clock(text)) is not None:
        return quarter
    text = _cjk_clock(text)
    match = _CLOCK.match(text)
    if not match:
        raise ScheduleError(f"{_echo(said)!r} is not a time; write it as HH:MM, e.g. 07:30",
                            key="err_not_a_time", text=_echo(said))
    hour, half = int(match["hour"]), match["half"]
    minute = int(match["minute"] or match["glued"] or 0)
    if match["evening"] or match["morning"]:  # "7 de la tarde": a 12-hour clock in words
        meant = "p" if match["evening"] and (hour != 12 or _AFTERNOON.search(
            match["evening"])) else "a"  # "12 de la noche": midnight; "12 da tarde": noon
        if half is not None and half.lower() != meant and hour != 12:
            # "7 pm morgens" says two times (review, stop 52): asked, not guessed. (The
            # answer quotes the reader's words: it had quoted 'a', the half of the day meant.)
            raise ScheduleError(f"{_echo(said)!r} is not a time; write it as HH:MM, e.g. "
                                "07:30", key="err_not_a_time", text=_echo(said))
        half = meant
    if half is not None:
        if not 1 <= hour <= 12:
            raise ScheduleError(f"{_echo(said)!r} is not a time of day; a 12-hour clock "
                                "runs from 1 to 12", key="err_twelve_hours", text=_echo(said))
        hour = hour % 12 + (12 if half.lower() == "p" else 0)
    if hour > 23 or minute > 59:
        raise ScheduleError(f"{_echo(said)!r} is not a time of day; use 00:00 to 23:59",
                            key="err_not_a_time_of_day", text=_echo(said))
    return time(hour, minute)


@functools.cache
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def parse_timezone(text: str) -> tuple[tzinfo, str]:
    """An IANA name ('Europe/Berlin', any case) or a UTC offset ('UTC+5:30', '-03:00').

    Returns the zone and the name to store and show.
    """
    cleaned = text.strip().replace(" ", "_")
    if cleaned.lower() in ("utc", "gmt", "z"):
        return UTC, "UTC"
    match = _OFFSET.match(text)
    if match:
        sign = 1 if match.group(1) == "+" else -1
        hours, minutes = int(match.group(2)), int(match.group(3) or 0)
        if minutes > 59 or hours * 60 + minutes > (14 if sign > 0 else 12) * 60:
            raise ScheduleError(f"{_echo(text)!r} is not a UTC offset; they run from -12 to +14",
                                key="err_not_an_offset", text=_echo(text))
        offset = timedelta(hours=hours, minutes=minutes) * sign
        label = f"UTC{'+' if sign > 0 else '-'}{hours:02d}:{minutes:02d}"
        return timezone(offset, label), label
    name = _zone_names().get(cleaned.lower())
    etc = _ETC_GMT.match(name or "")
    if etc:
        # tzdata's "Etc/GMT+5" is UTC-5 (POSIX signs): shown as what it means (exploratory
        # QA: a reader who chose it was shown "Etc/GMT+5" and no hint).
        return parse_timezone(f"UTC{'-' if etc.group(1) == '+' else '+'}{etc.group(2)}")
    if name is None:
        close = difflib.get_close_matches(cleaned, sorted(_zone_names().values()), n=3)
        if close:
            raise ScheduleError(f"{_echo(text)!r} is not a time zone I know; did you mean "
                                f"{' or '.join(close)}?", key="err_zone_close",
                                text=_echo(text), close=close)
        raise ScheduleError(f"{_echo(text)!r} is not a time zone I know; use a name like "
                            "Europe/Berlin or America/New_York, or an offset like UTC+2",
                            key="err_not_a_zone", text=_echo(text))
    return zoneinfo.ZoneInfo(name), name


def zone(name: str) -> tzinfo:
    """The zone for a stored name (as returned by parse_timezone); UTC for a name this
    machine's tz database does not know (a database moved from a machine with newer tzdata):
    the chat is still briefed, at its time in UTC, and told so (`known_zone`). Raising here
    left such a chat unscheduled for good, said only in the operator's log (operator QA)."""
    return _stored_zone(name) or UTC


def known_zone(name: str) -> bool:
    """Whether a stored zone name is one this machine's tz database knows."""
    return _stored_zone(name) is not None


@functools.lru_cache(maxsize=1024)
def _stored_zone(name: str) -> tzinfo | None:
    # Cached: asked for every chat of a cycle, and an unknown name costs a fuzzy search.
    try:
        return parse_timezone(name)[0]
    except ScheduleError:
        return None


def _local_moment(day: date, at: time, tz: tzinfo) -> datetime:
    """The instant the wall clock in `tz` shows `at` on `day` (first one; gaps move forward)."""
    local = datetime.combine(day, at).replace(tzinfo=tz, fold=0)
    instant = local.astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != local.replace(tzinfo=None):
        # The wall time does not exist (clocks jumped forward): the jump's end is the moment.
        instant = (local + timedelta(hours=1)).astimezone(UTC)
        instant = instant.astimezone(tz).replace(minute=0, second=0).astimezone(UTC) \
            if instant.astimezone(tz).time() > at else instant
    return instant


def next_run(at: time, tz: tzinfo, after: datetime) -> datetime:
    """The first moment strictly after `after` when it is `at` local time, in UTC."""
    local_day = after.astimezone(tz).date()
    for offset in range(3):
        candidate = _local_moment(local_day + timedelta(days=offset), at, tz)
        if candidate > after:
            return candidate
    raise AssertionError("unreachable: a wall time recurs every day")  # pragma: no cover


def due_action(next_at: datetime, now: datetime, grace: timedelta) -> str:
    """'wait', 'send' (due, or missed within the grace window), or 'skip' (missed too long ago)."""
    if next_at > now:
        return "wait"
    return "send" if now - next_at <= grace else "skip"


def next_briefing(brief_time: str, timezone: str, after: datetime) -> datetime | None:
    """A chat's next briefing after a moment, or None if its stored time is unusable (an
    unknown stored zone counts as UTC: `zone`)."""
    try:
        return next_run(parse_clock(brief_time), zone(timezone), after)
    except ScheduleError:
        return None
