"""The places an article reports from, without a table of cities: countries by
`places.countries_named`, and the names English puts after "in", "near", "outside"... ("in
Banstead", "in the town of Wellington", "in a Somerset town", "Story County", "in High Street,
Wellington": the part after the comma), and a dateline's city. Keys are normalized names; a
country's is `COUNTRY` and its first alias. Used by `cluster` to keep apart two stories alike in
words but reported from different places (two supermarket fires: review, QA stop 62)."""
from __future__ import annotations

import re

from briefing_bot import places, text

COUNTRY = "K:"


def _words(listed: str) -> frozenset[str]:
    return frozenset(listed.split())


# Words of the opening read for the places a story is reported from.
OPENING_WORDS = 70
_JOINERS = ("of", "de", "du", "la", "le", "upon")
_STOP = text.stop_words("en") | _words("""said says say told new one two three first last year
years week day days time people mr mrs ms dr january february march april may june july august
september october november december""")
_CAP = r"[A-Z][\w'’-]*"
_NAME = rf"{_CAP}(?:[ ](?:{_CAP}|{'|'.join(_JOINERS)}))*"
_CUE = re.compile(
    r"\b(?:in|near|outside|across|around|towards)\s+"
    r"(?:(?:the|a|an)\s+(?:\w+\s+)?(?:town|city|village|county|province|state|region|district|"
    r"suburb|borough|municipality|island|capital|port|neighbourhood|neighborhood)\s+of\s+)?"
    rf"({_NAME})")
_KIND_ADJ = re.compile(
    rf"\b(?:in|near|outside|at)\s+(?:a|an|the)\s+({_CAP}(?:\s+{_CAP})?)\s+"
    r"(?:town|city|village|suburb|county|neighbou?rhood|community|resort|port)\b")
_COUNTY = re.compile(rf"\b({_CAP}(?:[ ]{_CAP})?)[ ](?:County|Province|Prefecture|Parish|"
                     r"Governorate|Oblast|Shire)\b")
_TAIL = re.compile(rf",[ ]({_CAP}(?:[ ]{_CAP})?)(?=[.,;:)]|\s+(?:on|in|and|where|after|when|"
                   r"last|this|early|late)\b|$)")
# A building, a street or an institution, not a place: the phrase is dropped.
_FACILITY = _words("""street st road rd avenue ave lane square park way drive boulevard
blvd hall center centre hospital school university college church court station airport
stadium arena hotel mall store market prison jail house building bridge tower academy institute
club theatre theater museum office ministry department council party company group bank
high times post news journal herald tribune guardian""")
_NOT_PLACE = _words("""the a an this that these those his her their its our my your
mr mrs ms dr sir lord lady president prime minister king queen prince princess pope sen rep gov
judge general gen col capt lt sgt officer chief secretary justice governor mayor senator
congressman congresswoman saint
conservative conservatives labour liberal liberals democrat democrats democratic republican
republicans tory tories socialist socialists communist green greens
congress parliament senate house government court cabinet assembly
north south east west central upper lower northern southern eastern western greater
god christ islam allah jesus internet twitter facebook instagram youtube google tv radio
game games round week act bill part chapter section article phase stage season series episode
english french spanish arabic latin
christmas easter ramadan thanksgiving halloween eid hanukkah diwali olympics oscars
monday tuesday wednesday thursday friday saturday sunday""")
# "an interest in Crossroads GPS", "a stake in Vodafone", "starred in Titanic": no place.
_NOT_AFTER = _words("""interest interests interested stake stakes invest invests invested
investing investment investments believe believes believed trust faith confidence role roles
part participate participated participating involved engaged share shares starred starring
star stars appear appears appeared appearing featured published written printed listed
lead leads led rank ranked seat seats shown result results included include includes""")
_SMALL = _words("a an the of in on at to for and or but by with from as is are vs via")


def mentions(title: str, body: str, language: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the places of the title and the first `OPENING_WORDS` words, those of the whole text).
    Names after a cue are read in English texts only."""
    cues = language == "en"
    # a headline in title case ("Three People Shot in Office Shooting") has no telling capitals
    shown = title if cues and not _title_case(title) else title.lower()
    date = _dateline(body)
    head = _places_in(f"{shown}.\n{' '.join(body.split()[:OPENING_WORDS])}", cues) | date
    whole = _places_in(f"{shown}.\n{body}", cues) | date
    return frozenset(head), frozenset(whole | head)


def _places_in(found_in: str, cues: bool) -> set[str]:
    found = {COUNTRY + aliases[0] for phrase, aliases in places.countries_named(found_in).items()
             if not places.is_nationality(phrase)}
    if not cues:
        return found
    for pattern in (_CUE, _KIND_ADJ, _COUNTY):
        for match in pattern.finditer(found_in):
            before = found_in[max(0, match.start() - 20):match.start()].split()
            if before and before[-1].lower().strip(",;:") in _NOT_AFTER:
                continue
            key = _key(_cleaned(match.group(1)))
            if key is None:
                continue
            found.add(key)
            # "in Wellington, Somerset": the part after the comma
            tail = _TAIL.match(found_in, match.end())
            if tail and (second := _key(_cleaned(tail.group(1)))) is not None:
                found.add(second)
    return found


def _cleaned(phrase: str) -> list[str]:
    words = [word.rstrip(".,'’").removesuffix("'s").removesuffix("’s") for word in phrase.split()]
    if any(word.lower() in _FACILITY for word in words):
        return []
    for n, word in enumerate(words[1:], 1):
        lower = word.lower()
        if (lower in _STOP and lower not in _JOINERS) or lower in _NOT_PLACE:
            words = words[:n]
            break
    while words and words[-1].lower() in _JOINERS:
        words.pop()
    return words


def _key(words: list[str]) -> str | None:
    if not words or len(words[0]) < 3:
        return None
    first = words[0].lower()
    if first in _STOP or first in _NOT_PLACE or any(c.isdigit() for c in "".join(words)):
        return None
    if any(word.isupper() and len(word) >= 2 for word in words):  # NATO, "Crossroads GPS"
        return None
    key = places.normalize(" ".join(words))
    if not key or places.is_nationality(key) or places.country_aliases(key):
        return None
    return key


def _dateline(body: str) -> set[str]:
    place = text.dateline_place(body.lstrip().split("\n", 1)[0])
    key = _key(_cleaned(place.city.title())) if place is not None else None
    return {key} if key is not None else set()


def _title_case(title: str) -> bool:
    words = [word for word in title.split() if word[:1].isalpha() and word.lower() not in _SMALL]
    return len(words) >= 3 and sum(word[0].isupper() for word in words) >= 0.7 * len(words)
