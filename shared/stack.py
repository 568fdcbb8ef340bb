"""Start and stop the whole stack as real processes: the broker and the four services.

Used by ``rightresponse run`` and by the end-to-end tests, so both exercise the same path.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from shared.settings import REPO_ROOT

BROKER_SCRIPT = REPO_ROOT / "deploy" / "kafka" / "broker.sh"

SERVICE_PORTS: dict[str, int] = {"intake": 8001, "triage": 8002, "assignment": 8003, "audit": 8004}


def port_open(port: int) -> bool:
    """Something listens on 127.0.0.1:port."""
    with socket.socket() as s:
        s.settimeout(1.0)
        return s.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    """A port nothing listens on now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def broker(command: str, *, port: int = 19092, env: Mapping[str, str] | None = None) -> None:
    """Run the broker script (fetch, start, stop); raises when it fails."""
    full_env = {**os.environ, "KAFKA_PORT": str(port), **(env or {})}
    subprocess.run(["bash", str(BROKER_SCRIPT), command], check=True, env=full_env)


def broker_running(port: int = 19092) -> bool:
    env = {**os.environ, "KAFKA_PORT": str(port)}
    return subprocess.run(["bash", str(BROKER_SCRIPT), "status"], env=env,
                          capture_output=True).returncode == 0


@dataclass
class ServiceProcess:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Stack:
    services: dict[str, ServiceProcess] = field(default_factory=dict)

    def url(self, name: str) -> str:
        return self.services[name].url

    def stop(self, timeout_s: float = 15.0) -> None:
        for svc in self.services.values():
            if svc.process.poll() is None:
                svc.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        for svc in self.services.values():
            remaining = max(0.1, deadline - time.monotonic())
            try:
                svc.process.wait(timeout=remaining)
            except subprocess.TimeoutExpired:
                svc.process.kill()
                svc.process.wait(timeout=5)


def start_service(
    name: str, port: int, env: Mapping[str, str], log_dir: Path
) -> ServiceProcess:
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{name}.log"
    full_env = {**os.environ, **env, "RR_PORT": str(port)}
    with log_path.open("ab") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "shared.cli", "serve", name, "--port", str(port)],
            env=full_env, stdout=log_file, stderr=subprocess.STDOUT, cwd=REPO_ROOT,
        )
    return ServiceProcess(name, port, process, log_path)


async def wait_ready(svc: ServiceProcess, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    async with httpx.AsyncClient(timeout=2.0) as client:
        while time.monotonic() < deadline:
            if svc.process.poll() is not None:
                raise RuntimeError(
                    f"{svc.name} exited with {svc.process.returncode}; see {svc.log_path}"
                )
            try:
                response = await client.get(f"{svc.url}/readyz")
                if response.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise TimeoutError(f"{svc.name} not ready within {timeout_s}s; see {svc.log_path}")


async def start_stack(
    env: Mapping[str, str], log_dir: Path, ports: Mapping[str, int] | None = None,
    names: tuple[str, ...] = ("audit", "assignment", "triage", "intake"),
    timeout_s: float = 60.0,
) -> Stack:
    """Start the services (the broker must be up and the topics created) and wait until ready."""
    ports = ports or SERVICE_PORTS
    stack = Stack()
    try:
        for name in names:
            stack.services[name] = start_service(name, ports[name], env, log_dir)
        await asyncio.gather(*(wait_ready(s, timeout_s) for s in stack.services.values()))
    except BaseException:
        stack.stop()
        raise
    return stack
