"""Freed heap handed back to the system after large transient work (a batch of briefings, a
batch of embeddings): glibc keeps freed memory in its arenas, and a long-running bot would
otherwise hold its highest peak for good (`bench/memory.py`)."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Mapping


@functools.cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def give_back_memory() -> None:
    """Return freed heap pages to the system (glibc only; elsewhere a no-op)."""
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


# mallopt's parameter for the number of arenas (glibc's malloc.h: M_ARENA_MAX).
_M_ARENA_MAX = -8
# glibc gives each thread that allocates while another holds the lock an arena of its own, up
# to eight per core; the database's and the embedding engine's threads then kept freed memory
# in arenas `give_back_memory` could not empty. With two, `bench/memory.py`'s peak over two
# briefing ticks went from 376 MB to 346 MB (docs/benchmarks.md, stop 41); with one, from
# 352 MB to 345 MB at stop 47's code (the first tick 336 to 326 MB), no tick slower for it
# that the runs could show: the threads take turns under the GIL anyway.
ARENAS = 1


def limit_arenas(environ: Mapping[str, str], count: int = ARENAS) -> None:
    """Cap glibc's malloc arenas for this process (elsewhere a no-op). Called once at start;
    an operator's own MALLOC_ARENA_MAX, which glibc read at start, is left to stand."""
    if "MALLOC_ARENA_MAX" in environ:
        return
    mallopt = getattr(_libc(), "mallopt", None)
    if mallopt is not None:
        mallopt(_M_ARENA_MAX, count)
