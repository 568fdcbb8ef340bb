"""CPU and memory of every process a benchmark drives, and CPU per call as a table.

The bench samples each service process, the Kafka broker's JVM and the load generator
(itself): CPU seconds (user + system, from /proc through psutil) over a step and peak
resident memory. Divided by the calls of the step, the CPU seconds give what a call
costs in each process, which is what says where a faster pipeline must save.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import psutil

from shared.settings import REPO_ROOT


class ProcessSampler:
    """CPU seconds and peak RSS of each named process over a step (begin, sample, end)."""

    def __init__(self, pids: Mapping[str, int]) -> None:
        self.procs: dict[str, psutil.Process] = {}
        for name, pid in pids.items():
            with contextlib.suppress(psutil.Error):
                self.procs[name] = psutil.Process(pid)
        self.peak_rss: dict[str, int] = dict.fromkeys(self.procs, 0)
        self.cpu_start: dict[str, float] = {}
        self.wall_start = 0.0

    @staticmethod
    def _cpu(proc: psutil.Process) -> float:
        times = proc.cpu_times()
        return float(times.user + times.system)

    def begin(self) -> None:
        self.wall_start = time.perf_counter()
        self.peak_rss = dict.fromkeys(self.procs, 0)
        for name, proc in self.procs.items():
            with contextlib.suppress(psutil.Error):
                self.cpu_start[name] = self._cpu(proc)

    def sample(self) -> None:
        for name, proc in self.procs.items():
            with contextlib.suppress(psutil.Error):
                self.peak_rss[name] = max(self.peak_rss[name], proc.memory_info().rss)

    def end(self) -> dict[str, dict[str, float]]:
        wall = time.perf_counter() - self.wall_start
        self.sample()
        out = {}
        for name, proc in self.procs.items():
            try:
                cpu = self._cpu(proc) - self.cpu_start.get(name, 0.0)
            except psutil.Error:
                cpu = float("nan")
            out[name] = {"cpu_seconds": round(cpu, 3),
                         "cpu_percent": round(100 * cpu / wall, 1),
                         "peak_rss_mb": round(self.peak_rss[name] / 2**20, 1)}
        return out


def broker_pid(port: int, run_dir: Path = REPO_ROOT / ".run") -> int | None:
    """The pid of the broker's JVM serving ``port``: from the pid file deploy/kafka/broker.sh
    writes under ``run_dir``, else the process listening on the port (a broker started
    elsewhere, by the test suite say). None when neither is found."""
    pidfile = run_dir / f"kafka-{port}" / "broker.pid"
    with contextlib.suppress(OSError, ValueError):
        pid = int(pidfile.read_text().strip())
        if psutil.pid_exists(pid):
            return pid
    with contextlib.suppress(psutil.Error):
        for conn in psutil.net_connections(kind="tcp"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port:
                return conn.pid
    return None


def cpu_per_call(resources: Mapping[str, Mapping[str, float]],
                 calls: int) -> list[dict[str, Any]]:
    """One row per process (CPU seconds, ms of CPU per call), most expensive first, then
    their total. ``calls``: the calls of the step (those accepted)."""
    rows: list[dict[str, Any]] = [{"process": name, "cpu_seconds": r["cpu_seconds"],
                                   "ms_per_call": (round(1000 * r["cpu_seconds"] / calls, 2)
                                                   if calls else None)}
                                  for name, r in resources.items() if "cpu_seconds" in r]
    rows.sort(key=lambda row: -row["cpu_seconds"])
    total = sum(row["cpu_seconds"] for row in rows)
    rows.append({"process": "total", "cpu_seconds": round(total, 3),
                 "ms_per_call": round(1000 * total / calls, 2) if calls else None})
    return rows


def format_cpu_table(rows: list[dict[str, Any]], title: str) -> str:
    lines = [title, f"       {'process':<16} {'CPU s':>8} {'ms/call':>8}"]
    for row in rows:
        per_call = "-" if row["ms_per_call"] is None else f"{row['ms_per_call']:.2f}"
        lines.append(f"       {row['process']:<16} {row['cpu_seconds']:>8.2f} {per_call:>8}")
    return "\n".join(lines)
