"""Entry point of the `briefing-bot` command."""

from __future__ import annotations

import os
import sys

from briefing_bot.cli import run
from briefing_bot.heap import limit_arenas


def main() -> None:
    # The one place the project touches the environment: PTB 22 warns that
    # RetryAfter.retry_after becomes a timedelta, and this opts in to that now.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    # The bundled embedding engine's OpenMP threads sleep between its steps instead of
    # spinning: on a loaded machine each step waited for a thread the kernel had put aside,
    # and the same vectors took 3-6 times as long (perf, reader QA stop 51 F7). The work is
    # split among the threads as before, so the vectors are the same to the bit. Read when
    # the engine loads (its first use); an operator's own OMP_WAIT_POLICY stands.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    limit_arenas(os.environ)  # before the bot's threads allocate
    try:
        code = run(sys.argv[1:], os.environ)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`briefing-bot stories | head`): not an error worth a traceback.
        # Point stdout at devnull so the interpreter's final flush does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    main()
