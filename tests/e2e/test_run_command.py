"""The README's run command: Kafka and the four services come up with development keys,
and SIGTERM stops everything it started, the broker's JVM included."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from shared.settings import REPO_ROOT
from shared.stack import SERVICE_PORTS, free_port, port_open

pytestmark = pytest.mark.e2e


def wait_for_line(log: Path, text: str, process: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while text not in log.read_text():
        assert process.poll() is None, f"run exited early:\n{log.read_text()[-2000:]}"
        assert time.monotonic() < deadline, f"no {text!r} within {timeout_s}s"
        time.sleep(0.2)


def test_run_starts_everything_and_sigterm_stops_everything(tmp_path: Path) -> None:
    # its own ports, broker and state: a developer's `make run` may be up beside the suite
    kafka_port = free_port(consecutive=2)
    ports = {name: free_port() for name in SERVICE_PORTS}
    # Its own Kafka credentials too: the broker writes them into the run dir.
    inherited = {k: v for k, v in os.environ.items() if k != "RR_KAFKA_CREDENTIALS_FILE"}
    env = {**inherited, "RR_KAFKA_BOOTSTRAP": f"127.0.0.1:{kafka_port}",
           "RR_RUN_DIR": str(tmp_path), "KAFKA_DATA_DIR": str(tmp_path / "kafka"),
           **{f"RR_{name.upper()}_PORT": str(port) for name, port in ports.items()}}
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "shared.cli", "run"], env=env,
                                   cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_line(log, "Press Ctrl-C to stop everything.", process, timeout_s=180)
        for port in ports.values():
            assert httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200
        credentials = tmp_path / "credentials.json"
        assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
        kafka_users = tmp_path / "kafka-credentials"
        assert stat.S_IMODE(kafka_users.stat().st_mode) == 0o600
        assert [line.split("=")[0] for line in kafka_users.read_text().split()] == [
            "admin", "intake", "triage", "assignment", "audit"]
        broker_pid = int((tmp_path / "kafka" / "broker.pid").read_text())
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=90) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert not any(port_open(p) for p in (*ports.values(), kafka_port))
    with pytest.raises(ProcessLookupError):
        os.kill(broker_pid, 0)
