"""A group's repeated requests for what posts to every member.

Reader QA: any member of a group could post the day's top stories to everyone with "Latest top
stories anyway", or "Nothing new since…" with /briefing, as often as they liked. In a group the
same request is answered once per `window`; a repeat is refused in a note to the one who
tapped (a button), or in one short reply per window (a command), then not answered again until
the window has passed. Private chats are not limited: a reader asking twice bothers no one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

# Requests kept at most (oldest dropped): a few bytes each, never a growing table.
_KEPT = 1000


class Repeats:
    def __init__(self, window: timedelta) -> None:
        self.window = window
        self._asked: dict[tuple[int, str], tuple[datetime, bool]] = {}  # -> (when, refusal said)

    def refused(self, chat_id: int, request: str, now: datetime) -> datetime | None:
        """When the chat last had this request answered, if that is within the window (the
        request is refused); None when it may be answered now (and it is counted as answered)."""
        key = (chat_id, request)
        last = self._asked.get(key)
        if last is not None and now - last[0] < self.window:
            return last[0]
        self._asked.pop(key, None)  # re-inserted last: the dict stays oldest first
        self._asked[key] = (now, False)
        while len(self._asked) > _KEPT:
            self._asked.pop(next(iter(self._asked)))
        return None

    def forget(self, chat_id: int, request: str) -> None:
        """The request failed (nothing was posted): it may be asked again at once."""
        self._asked.pop((chat_id, request), None)

    def first_refusal(self, chat_id: int, request: str) -> bool:
        """Whether a refusal of this request has yet to be said in this window (once only:
        a refusal per repeat would be the flood it stops)."""
        key = (chat_id, request)
        when, said = self._asked.get(key, (None, True))
        if said or when is None:
            return False
        self._asked[key] = (when, True)
        return True
