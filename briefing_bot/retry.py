"""How long a server asks us to wait before asking again (HTTP "Retry-After"): a feed's
publisher answering 429 or 503, and the LLM server's rate limit."""

from __future__ import annotations

import contextlib
import email.utils
from collections.abc import Mapping
from datetime import UTC, datetime


def retry_after(headers: Mapping[str, str], *, now: datetime | None = None) -> float | None:
    """The seconds a server asks us to wait ("Retry-After: 30", or an HTTP date;
    "retry-after-ms" as OpenAI sends it); None when it says nothing we can read."""
    if (millis := headers.get("retry-after-ms")) is not None:
        with contextlib.suppress(ValueError):
            return max(0.0, float(millis) / 1000)
    said = headers.get("retry-after")
    if said is None:
        return None
    with contextlib.suppress(ValueError):
        return max(0.0, float(said))
    with contextlib.suppress(TypeError, ValueError, IndexError):
        moment = email.utils.parsedate_to_datetime(said)
        when = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
    return None
