"""How long a server asks us to wait before asking again (HTTP "Retry-After"): a feed's
publisher answering 429 or 503, and the LLM server's rate limit."""

from __future__ import annotations

import contextlib
import email.utils
import math
from collections.abc import Mapping
from datetime import UTC, datetime

# No server's wait is taken as longer than this (callers cap it lower still): "inf" or a date
# in the year 9999 must not overflow a timedelta in the code that plans the next try.
LONGEST = 7 * 24 * 3600.0


def retry_after(headers: Mapping[str, str], *, now: datetime | None = None) -> float | None:
    """The seconds a server asks us to wait ("Retry-After: 30", or an HTTP date;
    "retry-after-ms" as OpenAI sends it), at most LONGEST; None when it says nothing we can
    read."""
    if (millis := headers.get("retry-after-ms")) is not None:
        with contextlib.suppress(ValueError):
            wait = _bounded(float(millis) / 1000)
            if wait is not None:  # "nan" says nothing: Retry-After may (review)
                return wait
    said = headers.get("retry-after")
    if said is None:
        return None
    with contextlib.suppress(ValueError):
        return _bounded(float(said))
    with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
        moment = email.utils.parsedate_to_datetime(said)
        when = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return _bounded((when - (now or datetime.now(UTC))).total_seconds())
    return None


def _bounded(seconds: float) -> float | None:
    if math.isnan(seconds):
        return None
    return min(max(0.0, seconds), LONGEST)
