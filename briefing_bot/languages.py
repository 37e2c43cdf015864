"""Which language a text is in, roughly, from its commonest words. Offline and dependency-free.

Enough to tell a reader that an offline summary (which cannot translate) is in German, not
enough for anything subtle: it knows the languages below and answers None for the rest.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_COMMON = {
    "en": "the and of to in is that for on with was said it as by at from are this have",
    "de": "der die und das ist nicht ein eine zu den mit von sich des auf für im dem auch wird",
    "fr": "le la les et des est une un du que dans pour pas qui sur au par il a avec",
    "es": "el la de que y en los las del se por un una para con no es al lo como",
    "it": "il di che la e per un una non del della sono le si con è gli da al",
    "pt": "o a de que e do da em um uma para com não os no se na por mais",
    "nl": "de het een en van is dat op te in niet met voor zijn er aan ook als",
    "sv": "och att det som en på är av för med till den har inte om ett var",
    "pl": "i w na nie się z że do jest to o jak po ale za od co tak przez",
    "tr": "ve bir bu da de için ile olarak çok daha ne gibi olan ama en kadar",
}
_SETS = {code: frozenset(words.split()) for code, words in _COMMON.items()}


def detect_language(text: str) -> str | None:
    """The likeliest language code among those known, or None when unsure."""
    words = [word.lower() for word in _WORD.findall(text[:5000])]
    if len(words) < 8:
        return None
    scores = {code: sum(word in common for word in words) for code, common in _SETS.items()}
    best = max(scores, key=lambda code: scores[code])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < max(3, len(words) * 0.08) or ranked[0] < ranked[1] * 1.5:
        return None
    return best
