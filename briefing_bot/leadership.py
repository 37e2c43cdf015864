"""Which of several running instances does the scheduled work: one at a time, by a lease.

Several `briefing-bot run` processes may share one database (replicas behind a load balancer,
or a standby). Fetching, composing briefings and draining the outbox must happen in exactly one
of them, or chats would get a briefing twice. The instances compete for one row in the `leases`
table: the holder renews it every third of its lifetime, and another instance may take it only
once it has run out. So when the active instance dies, a standby takes over within
`lease_seconds` plus one renewal interval.

The holder trusts its lease for less than its full lifetime (a safety margin, measured on its
own monotonic clock from before it asked), so it stops sending before anyone else could start,
as long as the machines' wall clocks agree to within that margin (NTP keeps them far closer).
A lease row works the same on SQLite and PostgreSQL: no second code path to maintain.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from briefing_bot.errors import StoreError
from briefing_bot.store import Store, head_revision, schema_state
from briefing_bot.store.leases import SCHEDULER_LEASE

log = logging.getLogger(__name__)

_OUTAGE_REPEAT = 300.0  # seconds between lines while renewals keep failing


def instance_name() -> str:
    """Who holds the lease, as an operator reading the database would want to see it."""
    return f"{socket.gethostname()}:{os.getpid()}:{os.urandom(3).hex()}"


class Leadership:
    """The lease this instance holds or waits for; `active` says whether to do the work now."""

    def __init__(self, store: Store, *, lease_seconds: float, clock: Callable[[], datetime],
                 holder: str | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._store = store
        self._lease = lease_seconds
        self._margin = lease_seconds / 3
        self._clock = clock
        self._monotonic = monotonic
        self.holder = holder or instance_name()
        self._trusted_until = 0.0
        self._leading = False  # what the callbacks were last told
        self._waited = False  # whether another instance held the lease since we started
        self._lost = False  # whether this instance lost the lease it held
        self._stopped = False
        self._failing_since: float | None = None  # when renewals began failing (monotonic)
        self._said_at = 0.0  # when that was last logged
        self._said_too_new = False  # whether a newer schema was said
        self.stopping = asyncio.Event()  # set by step_down: work in progress may give up
        self.on_gain: Callable[[], Awaitable[None]] | None = None
        self.on_loss: Callable[[], Awaitable[None]] | None = None
        self.on_schema_ahead: Callable[[str], None] | None = None

    @property
    def renew_interval(self) -> float:
        return self._lease / 3

    @property
    def active(self) -> bool:
        return self._monotonic() < self._trusted_until

    async def renew(self) -> bool:
        """Take or keep the lease; runs the gain/loss callbacks when that changes."""
        if self._stopped:
            return False
        if await self._schema_too_new():
            await self._give_up_leading()
            return False
        started = self._monotonic()
        now = self._clock()
        handed_over = False
        try:
            if self._waited and not self._leading:
                # Given up (its row deleted by a clean stop) or run out (a crash, a split)?
                handed_over = await self._store.lease_holder(SCHEDULER_LEASE) is None
            held = await self._store.claim_lease(
                SCHEDULER_LEASE, self.holder, now=now, until=now + timedelta(seconds=self._lease))
        except StoreError as exc:
            # Cannot reach the database: keep working only while the lease surely still holds.
            # Said when it starts, then once in a while with how long (operator QA: a line
            # every renewal, 6 a minute, for the whole outage).
            self._say_failing(started, exc)
            held = False
        else:
            if self._failing_since is not None:
                log.warning("the database answers again (scheduler lease: %s)",
                            "held here" if held else "held by another instance")
            self._failing_since = None
            self._trusted_until = started + self._lease - self._margin if held else 0.0
            if not held:  # another instance holds it: a later gain is a takeover
                self._waited, self._lost = True, False
        leading = self.active
        if leading and not self._leading:
            self._say_gained(handed_over=handed_over)
            self._leading = True
            if self.on_gain is not None:
                await self.on_gain()
        elif self._leading and not leading:
            log.warning("this instance (%s) lost the scheduler lease; standing by", self.holder)
            self._leading = False
            self._lost = True
            if self.on_loss is not None:
                await self.on_loss()
        return held

    async def _give_up_leading(self) -> None:
        if self._leading:
            self._leading, self._trusted_until = False, 0.0
            if self.on_loss is not None:
                await self.on_loss()

    async def _schema_too_new(self) -> bool:
        """Whether a newer version has upgraded the schema (review: an older standby could
        take the lease after a newer instance migrated the database, and write rows without
        the new columns' meaning; in webhook mode every replica answers readers). Said once,
        and `on_schema_ahead` is told (the bot stops): this instance does no more work."""
        try:
            revision = await self._store.revision()
        except StoreError:
            return False  # the claim says what is wrong with the database
        if schema_state(revision) != "ahead":
            return False
        if not self._said_too_new:
            self._said_too_new = True
            why = (f"the database's schema is {revision}, newer than this version of "
                   f"briefing-bot knows ({head_revision()}): this instance ({self.holder}) "
                   "stops; start it on the newer version")
            if self.on_schema_ahead is not None:
                self.on_schema_ahead(why)  # says it once, as the bot's last line
            else:
                log.error("%s", why)
        return True

    def _say_gained(self, *, handed_over: bool) -> None:
        if self._lost:
            # After "lost the scheduler lease" (a database outage) the log must say it
            # ended (found by operator QA: its last line said "standing by").
            log.warning("this instance (%s) runs the scheduled work again", self.holder)
        elif self._waited:
            # A standby taking over at 03:00 must leave a line in the operator's log
            # (found by operator QA: only INFO said so, which the default level hides);
            # a planned restart's hand-over in words of its own, not a crash's (N4).
            log.warning("this instance (%s) took over the scheduled work: the instance "
                        "that held it %s", self.holder,
                        "stopped and handed it over" if handed_over
                        else "stopped renewing its lease")
        else:
            log.info("this instance (%s) now runs the scheduled work", self.holder)

    def _say_failing(self, started: float, exc: StoreError) -> None:
        if self._failing_since is None:
            self._failing_since = self._said_at = started
            log.warning("cannot renew the scheduler lease: %s", exc)
        elif started >= self._said_at + _OUTAGE_REPEAT:
            self._said_at = started
            log.warning("cannot renew the scheduler lease (failing for %.0f min): %s",
                        (started - self._failing_since) / 60, exc)

    def step_down(self) -> None:
        """Stop doing scheduled work now (shutting down); the lease row stays until release."""
        self._stopped = True
        self._trusted_until = 0.0
        self.stopping.set()

    async def release(self) -> None:
        """Hand the lease over at once on a clean shutdown, once this instance's work stopped."""
        self.step_down()
        self._leading = False
        try:
            await self._store.release_lease(SCHEDULER_LEASE, self.holder)
        except StoreError as exc:
            log.warning("could not release the scheduler lease (it will expire): %s", exc)
