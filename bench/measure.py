"""Clocks, percentiles, peak memory and the description of the machine."""

from __future__ import annotations

import math
import os
import platform
import resource
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Latency:
    """Milliseconds over ``runs`` calls."""

    p50: float
    p95: float
    runs: int

    def text(self) -> str:
        return f"p50 {_ms(self.p50)} · p95 {_ms(self.p95)}" + (
            f" ({self.runs} runs)" if self.runs < 20 else ""
        )


def _ms(value: float) -> str:
    return (
        f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    )


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def latency(
    call: Callable[[], object], *, runs: int, warmup: int = 3, budget: float = 30.0
) -> Latency:
    """Time ``runs`` calls after ``warmup`` ones; stop early (after 3) past ``budget`` seconds."""
    started = time.perf_counter()
    for _ in range(warmup):
        call()
        if time.perf_counter() - started > budget / 4:
            break
    samples: list[float] = []
    started = time.perf_counter()
    while len(samples) < runs:
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
        if len(samples) >= 3 and time.perf_counter() - started > budget:
            break
    return Latency(percentile(samples, 0.5), percentile(samples, 0.95), len(samples))


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def reset_peak_rss() -> bool:
    """Start the peak-RSS count afresh (Linux ≥ 4.0); False when the kernel does not allow it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_rss_mb() -> float:
    """Peak resident memory of this process since the last reset (or its start), in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count() or "?"),
        "ram": ram or "?",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }
