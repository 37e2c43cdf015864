"""The project's exception tree; each class says what a user may be told.

What a reader is told is also said in their language: `key` names the sentence in the bot's
catalog (`data/answers.toml`) and `values` fill its blanks; `user_message` stays the English
one (the CLI's and the logs'). An error without a key is told in English.
"""

from collections.abc import Mapping
from types import MappingProxyType

_NO_VALUES: Mapping[str, object] = MappingProxyType({})


class BriefingError(Exception):
    """Base class; `user_message` is safe to show to a user (by default, a general apology)."""

    user_message = "Something went wrong on our side. Please try again later."
    key: str | None = "sorry"
    values: Mapping[str, object] = _NO_VALUES


class UserFacingError(BriefingError):
    """An error whose own message is written for the person who asked: it is what they see.
    `lasting`: trying again cannot mend it (a wrong address, a host that does not exist), as
    opposed to a server down or a timeout."""

    lasting = False
    key = None  # its own message, in English, unless raised with one

    def __init__(self, message: str = "", *, lasting: bool | None = None,
                 key: str | None = None, **values: object) -> None:
        super().__init__(message)
        if lasting is not None:
            self.lasting = lasting
        if key is not None:
            self.key = key
            self.values = MappingProxyType(values)

    @property
    def user_message(self) -> str:  # type: ignore[override]
        return str(self)


class ConfigError(UserFacingError):
    """A setting is missing or malformed; the message names it."""


class TokenRevoked(UserFacingError):
    """Telegram refuses the bot's token (401): nothing can be sent or heard until an operator
    sets the current one; exit 78 (sysexits' EX_CONFIG), which a service does not restart."""


class SourceError(UserFacingError):
    """A source could not be fetched or read; the message is one line for that source."""


class NotAFeed(SourceError):
    """A source answered with something that is not a feed (a web page, a broken document);
    `feed_url` is the feed a web page names in its head, when it names one."""

    lasting = True

    def __init__(self, message: str, *, feed_url: str | None = None) -> None:
        super().__init__(message)
        self.feed_url = feed_url


class SourceTooLarge(SourceError):
    """A feed or page over the size limit the operator set."""

    lasting = True


class SourceRefused(SourceError):
    """The server answered with an HTTP error status (a 404: the address is wrong);
    `retry_after`: the seconds it asked us to wait (a 429 or 503 may say)."""

    def __init__(self, message: str, *, status: int, retry_after: float | None = None) -> None:
        # 5xx and a few others (a timeout, too early, too many requests) may clear by themselves.
        super().__init__(message, lasting=status < 500 and status not in (408, 425, 429))
        self.status = status
        self.retry_after = retry_after


class OPMLError(SourceError):
    """An OPML file could not be read at all."""


class StoreError(BriefingError):
    """The database failed; the message says which and why (never a password) for the operator.

    Users of the bot get the general apology: the reason may name hosts and tables.
    """


class StoreUnavailable(StoreError):
    """The database cannot be reached or is busy (connection refused, lost, locked, timed out)."""

    user_message = "The database is not reachable right now. Please try again in a minute."
    key = "err_database"


class DuplicateError(StoreError):
    """A write broke a unique rule: another writer stored the same thing first."""


class Unusable(ValueError):
    """A value a reader typed that cannot be used (a time, a zone, a topic list); the message
    says what works. `key` and `values` as BriefingError's, for the reader's language."""

    key: str | None = None
    values: Mapping[str, object] = _NO_VALUES

    def __init__(self, message: str, *, key: str | None = None, **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = MappingProxyType(values)
