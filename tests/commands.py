"""`briefing-bot` command lines run in the test process, for the steps around an end-to-end test.

The command line and its environment are the operator's; only the process is the test's own,
which saves the interpreter's start-up (seconds on a loaded machine) for steps that merely set
the scene. The end-to-end tests still run the real binary for what they are about.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from briefing_bot.cli import run
from tests.fakes import keep_output


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


def run_command(*argv: str, env: dict[str, str]) -> Result:
    out, err = io.StringIO(), io.StringIO()
    # The command sets up logging for a process of its own (basicConfig with force=True, which
    # would remove the test run's handlers). Here the run's handlers must keep seeing every
    # record: an error logged fails the test, and no secret may appear (conftest.py).
    configure = logging.basicConfig
    logging.basicConfig = lambda **kwargs: None
    try:
        code = run(list(argv), env, out=out, err=err)
    finally:
        logging.basicConfig = configure
    keep_output(out.getvalue(), err.getvalue())
    return Result(code, out.getvalue(), err.getvalue())
