"""CPU and memory of every process a benchmark drives, and CPU per call as a table.

The bench samples each service process, the Kafka broker's JVM and the load generator
(itself): CPU seconds (user + system, from /proc through psutil) over a step and peak
resident memory. Divided by the calls of the step, the CPU seconds give what a call
costs in each process, which is what says where a faster pipeline must save.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from shared.settings import REPO_ROOT

# Members of a group are looked up again every this many samples (a sample a second):
# the look-up reads /proc for every candidate, in the load generator's own process.
REFRESH_EVERY = 10

Members = Callable[[], Iterable[int]]


@dataclass
class CpuAccount:
    """CPU seconds a group of processes spent since ``begin``, from readings of each
    member's cumulative CPU: a member first read after ``begin`` counts from zero (it
    started within the span, as a database backend a pool opens does); one that is gone
    keeps its last reading."""

    start: dict[int, float] = field(default_factory=dict)
    last: dict[int, float] = field(default_factory=dict)

    def begin(self, readings: Mapping[int, float]) -> None:
        self.start, self.last = dict(readings), dict(readings)

    def observe(self, readings: Mapping[int, float]) -> None:
        for pid, cpu in readings.items():
            self.start.setdefault(pid, 0.0)
            self.last[pid] = cpu

    def seconds(self) -> float:
        return sum(cpu - self.start[pid] for pid, cpu in self.last.items())


class ProcessSampler:
    """CPU seconds and peak RSS of each named process, or group of processes, over a step
    (begin, sample, end). A group (``groups``: name → its members' pids now) is counted
    as one row: its CPU summed, its RSS summed at each sample."""

    def __init__(self, pids: Mapping[str, int],
                 groups: Mapping[str, Members] | None = None) -> None:
        self.members: dict[str, Members] = {}
        for name, pid in pids.items():
            with contextlib.suppress(psutil.Error):
                psutil.Process(pid)
                self.members[name] = _just(pid)
        self.members.update(groups or {})
        self.procs: dict[str, dict[int, psutil.Process]] = {n: {} for n in self.members}
        self.accounts = {name: CpuAccount() for name in self.members}
        self.peak_rss: dict[str, int] = dict.fromkeys(self.members, 0)
        self.samples = 0
        self.wall_start = 0.0

    @staticmethod
    def _cpu(proc: psutil.Process) -> float:
        times = proc.cpu_times()
        return float(times.user + times.system)

    def _refresh(self, name: str) -> None:
        """Look the group's members up again; the ones gone drop out of the readings."""
        try:
            pids = set(self.members[name]())
        except psutil.Error:
            return
        procs = self.procs[name]
        for pid in set(procs) - pids:
            del procs[pid]
        for pid in pids - set(procs):
            with contextlib.suppress(psutil.Error):
                procs[pid] = psutil.Process(pid)

    def _readings(self, name: str) -> dict[int, float]:
        readings = {}
        rss = 0
        for pid, proc in self.procs[name].items():
            with contextlib.suppress(psutil.Error):
                with proc.oneshot():
                    readings[pid] = self._cpu(proc)
                    rss += proc.memory_info().rss
        self.peak_rss[name] = max(self.peak_rss[name], rss)
        return readings

    def begin(self) -> None:
        self.wall_start = time.perf_counter()
        self.peak_rss = dict.fromkeys(self.members, 0)
        self.samples = 0
        for name, account in self.accounts.items():
            self._refresh(name)
            account.begin(self._readings(name))

    def sample(self, refresh: bool = False) -> None:
        self.samples += 1
        refresh = refresh or self.samples % REFRESH_EVERY == 0
        for name, account in self.accounts.items():
            if refresh:
                self._refresh(name)
            account.observe(self._readings(name))

    def end(self) -> dict[str, dict[str, float]]:
        wall = time.perf_counter() - self.wall_start
        self.sample(refresh=True)
        out = {}
        for name, account in self.accounts.items():
            cpu = account.seconds()
            out[name] = {"cpu_seconds": round(cpu, 3),
                         "cpu_percent": round(100 * cpu / wall, 1),
                         "peak_rss_mb": round(self.peak_rss[name] / 2**20, 1),
                         "processes": len(account.last)}
        return out


def _just(pid: int) -> Members:
    return lambda: [pid]


def listening_pid(port: int) -> int | None:
    """The process listening on TCP ``port`` on this machine, if it can be seen."""
    with contextlib.suppress(psutil.Error):
        for conn in psutil.net_connections(kind="tcp"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port:
                return conn.pid
    return None


def broker_pid(port: int, run_dir: Path = REPO_ROOT / ".run") -> int | None:
    """The pid of the broker's JVM serving ``port``: from the pid file deploy/kafka/broker.sh
    writes under ``run_dir``, else the process listening on the port (a broker started
    elsewhere, by the test suite say). None when neither is found."""
    pidfile = run_dir / f"kafka-{port}" / "broker.pid"
    with contextlib.suppress(OSError, ValueError):
        pid = int(pidfile.read_text().strip())
        if psutil.pid_exists(pid):
            return pid
    return listening_pid(port)


def database_backends(clients: Iterable[int], server_port: int) -> Members | None:
    """The pids of the PostgreSQL backends serving the connections ``clients`` (pids) hold
    to the server on ``server_port`` of this machine, looked up on each call: a backend
    per connection, a child of the server's postmaster. The server's own background
    processes (WAL writer, checkpointer) serve every database on it, and are not counted.
    None when no local server listens on the port."""
    server = listening_pid(server_port)
    if server is None:
        return None
    client_pids = list(clients)

    def members() -> list[int]:
        client_ports = {conn.laddr.port for pid in client_pids for conn in _connections(pid)
                        if conn.raddr and conn.raddr.port == server_port}
        backends = []
        with contextlib.suppress(psutil.Error):
            for child in psutil.Process(server).children():
                if any(conn.raddr and conn.raddr.port in client_ports
                       and conn.laddr.port == server_port for conn in _connections(child.pid)):
                    backends.append(child.pid)
        return backends

    return members


def _connections(pid: int) -> list[Any]:
    with contextlib.suppress(psutil.Error):
        return list(psutil.Process(pid).net_connections(kind="tcp"))
    return []


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
    lines = [title, f"       {'process':<18} {'CPU s':>8} {'ms/call':>8}"]
    for row in rows:
        per_call = "-" if row["ms_per_call"] is None else f"{row['ms_per_call']:.2f}"
        lines.append(f"       {row['process']:<18} {row['cpu_seconds']:>8.2f} {per_call:>8}")
    return "\n".join(lines)
