"""The project's exception tree; each class says what a user may be told."""


class BriefingError(Exception):
    """Base class; `user_message` is safe to show to a user (by default, a general apology)."""

    user_message = "Something went wrong on our side. Please try again later."


class UserFacingError(BriefingError):
    """An error whose own message is written for the person who asked: it is what they see.
    `lasting`: trying again cannot mend it (a wrong address, a host that does not exist), as
    opposed to a server down or a timeout."""

    lasting = False

    def __init__(self, message: str = "", *, lasting: bool | None = None) -> None:
        super().__init__(message)
        if lasting is not None:
            self.lasting = lasting

    @property
    def user_message(self) -> str:  # type: ignore[override]
        return str(self)


class ConfigError(UserFacingError):
    """A setting is missing or malformed; the message names it."""


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
    """The server answered with an HTTP error status (a 404: the address is wrong)."""

    def __init__(self, message: str, *, status: int) -> None:
        # 5xx and a few others (a timeout, too early, too many requests) may clear by themselves.
        super().__init__(message, lasting=status < 500 and status not in (408, 425, 429))
        self.status = status


class OPMLError(SourceError):
    """An OPML file could not be read at all."""


class StoreError(BriefingError):
    """The database failed; the message says which and why (never a password) for the operator.

    Users of the bot get the general apology: the reason may name hosts and tables.
    """


class StoreUnavailable(StoreError):
    """The database cannot be reached or is busy (connection refused, lost, locked, timed out)."""

    user_message = "The database is not reachable right now. Please try again in a minute."


class DuplicateError(StoreError):
    """A write broke a unique rule: another writer stored the same thing first."""
