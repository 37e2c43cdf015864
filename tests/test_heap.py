"""The process's heap: glibc's malloc arenas capped at start (`heap.limit_arenas`)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# A fresh interpreter: eight threads allocate at once, then glibc's malloc_info counts the
# arenas ("<heap nr=…>"); the cap is applied as `briefing-bot` applies it at start.
_COUNT_ARENAS = """
import ctypes, ctypes.util, os, re, tempfile, threading
from briefing_bot.heap import limit_arenas
limit_arenas(os.environ)
barrier = threading.Barrier(8)
def work():
    barrier.wait()
    for _ in range(100):
        junk = [bytearray(64) for _ in range(2000)]
        del junk
threads = [threading.Thread(target=work) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.fopen.restype = ctypes.c_void_p
with tempfile.NamedTemporaryFile() as report:
    handle = libc.fopen(report.name.encode(), b"w")
    libc.malloc_info(0, ctypes.c_void_p(handle))
    libc.fclose(ctypes.c_void_p(handle))
    print(len(re.findall('<heap nr="', open(report.name).read())))
"""


def arenas(**environ: str) -> int:
    env = {key: value for key, value in os.environ.items() if key != "MALLOC_ARENA_MAX"}
    result = subprocess.run([sys.executable, "-c", _COUNT_ARENAS], capture_output=True,
                            text=True, env={**env, **environ}, timeout=60, check=True)
    return int(result.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_the_bot_keeps_one_malloc_arena_unless_the_operator_says_otherwise() -> None:
    """bench/memory.py: with an arena per busy thread (up to eight per core), the database
    and embedding threads kept freed memory, and two briefing ticks peaked at 376 MB against
    the 350 MB target; with two arenas, 346 MB (352 MB at stop 47); with one, 345 MB."""
    assert arenas() == 1
    assert 2 < arenas(MALLOC_ARENA_MAX="4") <= 4  # the operator's own setting stands
