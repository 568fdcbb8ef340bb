"""The bench's CPU table: what a call costs in each process, the broker's JVM included."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import psutil
import pytest

from benchmarks.e2e.stack import local_database_port
from benchmarks.process_cpu import (
    CpuAccount,
    ProcessSampler,
    broker_pid,
    cpu_per_call,
    format_cpu_table,
)


def test_cpu_per_call_gives_each_process_and_the_total_most_expensive_first() -> None:
    resources = {"intake": {"cpu_seconds": 2.0, "cpu_percent": 20.0, "peak_rss_mb": 90.0},
                 "kafka-broker": {"cpu_seconds": 3.0, "cpu_percent": 30.0, "peak_rss_mb": 500.0},
                 "load-generator": {"cpu_seconds": 1.0, "cpu_percent": 10.0, "peak_rss_mb": 80.0}}
    rows = cpu_per_call(resources, calls=1000)
    assert [(r["process"], r["ms_per_call"]) for r in rows] == [
        ("kafka-broker", 3.0), ("intake", 2.0), ("load-generator", 1.0), ("total", 6.0)]
    table = format_cpu_table(rows, "CPU per call:")
    assert "kafka-broker" in table and "6.00" in table


def test_cpu_per_call_of_a_step_without_calls_has_no_figure() -> None:
    rows = cpu_per_call({"intake": {"cpu_seconds": 1.0}}, calls=0)
    assert rows[-1] == {"process": "total", "cpu_seconds": 1.0, "ms_per_call": None}
    assert "-" in format_cpu_table(rows, "")


def test_the_broker_is_found_by_the_port_it_listens_on_without_a_pid_file(
        tmp_path: Path) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert broker_pid(port, run_dir=tmp_path) == os.getpid()


def test_the_broker_pid_file_is_read_first(tmp_path: Path) -> None:
    (tmp_path / "kafka-9").mkdir()
    (tmp_path / "kafka-9" / "broker.pid").write_text(f"{os.getpid()}\n")
    assert broker_pid(9, run_dir=tmp_path) == os.getpid()


def test_a_groups_cpu_counts_members_found_late_from_zero_and_keeps_the_gone_ones() -> None:
    account = CpuAccount()
    account.begin({1: 10.0, 2: 5.0})
    account.observe({1: 12.0, 2: 6.0, 3: 0.5})  # 3 opened within the step
    account.observe({1: 13.0, 3: 1.5})  # 2 gone: its last reading stands
    assert account.seconds() == pytest.approx(3.0 + 1.0 + 1.5)


def test_the_sampler_gives_a_group_one_row_with_its_members_cpu() -> None:
    me = psutil.Process()
    found: list[int] = []
    sampler = ProcessSampler({"load-generator": me.pid}, {"late-group": lambda: found})
    sampler.begin()
    found.append(me.pid)  # a member that appears after the step began
    before = sum(me.cpu_times()[:2])
    rows = sampler.end()
    # Found after begin, the member's CPU counts whole; the same process as a fixed row
    # counts only the step's share.
    assert rows["late-group"]["cpu_seconds"] >= round(before, 3) - 0.001
    assert rows["late-group"]["processes"] == 1
    assert rows["load-generator"]["cpu_seconds"] < rows["late-group"]["cpu_seconds"]
    assert rows["load-generator"]["peak_rss_mb"] > 0


def test_only_a_database_on_this_machine_has_its_backends_sampled() -> None:
    assert local_database_port("postgresql://u:p@127.0.0.1:5433/db?options=x") == 5433
    assert local_database_port("postgresql+psycopg://u:p@localhost/db") == 5432
    assert local_database_port("postgresql://u:p@db.example.org:5432/db") is None
