"""The project's exception tree; each class says what a user may be told."""


class BriefingError(Exception):
    """Base class; `user_message` is safe to show to a user."""

    user_message = "Something went wrong on our side. Please try again later."


class ConfigError(BriefingError):
    """A setting is missing or malformed; the message names it."""

    @property
    def user_message(self) -> str:  # type: ignore[override]
        return str(self)


class SourceError(BriefingError):
    """A source could not be fetched or read; the message is one line for that source."""

    @property
    def user_message(self) -> str:  # type: ignore[override]
        return str(self)


class OPMLError(SourceError):
    """An OPML file could not be read at all."""


class StoreError(BriefingError):
    """The database could not be opened or migrated; the message says which and why."""

    @property
    def user_message(self) -> str:  # type: ignore[override]
        return str(self)
