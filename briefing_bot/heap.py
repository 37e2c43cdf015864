"""Freed heap handed back to the system after large transient work (a batch of briefings, a
batch of embeddings): glibc keeps freed memory in its arenas, and a long-running bot would
otherwise hold its highest peak for good (`bench/memory.py`)."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


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
