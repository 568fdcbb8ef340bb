"""Start and stop the whole stack as real processes: the broker and the four services.

Used by ``rightresponse run`` and by the end-to-end tests, so both exercise the same path.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from shared.settings import REPO_ROOT, ServiceSettings

BROKER_SCRIPT = REPO_ROOT / "deploy" / "kafka" / "broker.sh"

SERVICE_PORTS: dict[str, int] = {"intake": 8001, "triage": 8002, "assignment": 8003, "audit": 8004}

# The demo city's precincts, which the demo's synthetic calls fall in.
DEMO_DISTRICTS_FILE = REPO_ROOT / "deploy" / "roster" / "districts.geojson"


def development_env(environment: str, env: Mapping[str, str]) -> dict[str, str]:
    """What a local ``rightresponse run`` adds to the services' environment so that
    ``make demo`` fills the public dashboard at once: the demo city's districts, and the
    week in progress published (a replayed day is in it; production refuses that). A
    variable already set wins; a production run gets nothing added."""
    if environment == "production":
        return {}
    wanted = {"RR_DISTRICT_POLYGONS_FILE": str(DEMO_DISTRICTS_FILE),
              "RR_PUBLIC_INCLUDE_OPEN_WEEK": "true"}
    return {name: value for name, value in wanted.items() if name not in env}


def service_ports(env: Mapping[str, str]) -> dict[str, int]:
    """The services' ports: ``RR_<SERVICE>_PORT`` where set (so a second stack, e.g. the
    test suite's, can run beside ``make run``), else :data:`SERVICE_PORTS`."""
    return {name: int(env.get(f"RR_{name.upper()}_PORT", default))
            for name, default in SERVICE_PORTS.items()}


def port_open(port: int) -> bool:
    """Something listens on 127.0.0.1:port."""
    with socket.socket() as s:
        s.settimeout(1.0)
        return s.connect_ex(("127.0.0.1", port)) == 0


# Listening ports come from below Linux's ephemeral range (32768-60999 by default). A
# port inside it can be taken while its server is down, by the local end of a client's
# connection (even a connection to itself, when nothing listens): the broker restarted
# by the fault tests then failed with "Address already in use".
LISTEN_PORTS = range(20_000, 32_000)


_HANDED_OUT: set[int] = set()


def free_port(consecutive: int = 1) -> int:
    """A port nothing uses now, with the ``consecutive - 1`` ports after it (the broker
    takes port + 1 for its controller), chosen outside the ephemeral range."""
    for _ in range(200):
        first = random.randrange(LISTEN_PORTS.start, LISTEN_PORTS.stop - consecutive)
        chosen = range(first, first + consecutive)
        # A port handed out but not yet bound (a stack's ports are all chosen before its
        # first process starts) is as taken as one in use.
        if _HANDED_OUT.isdisjoint(chosen) and all(_bindable(port) for port in chosen):
            _HANDED_OUT.update(chosen)
            return first
    raise RuntimeError(f"no {consecutive} free consecutive ports in {LISTEN_PORTS}")


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def pin_kafka_credentials() -> Path:
    """Fix, in this process's environment, the Kafka credentials file its settings name
    now (``RR_KAFKA_CREDENTIALS_FILE``): settings built later with another run directory,
    and the services it starts, then still log in to the one broker. Returns the path."""
    path = ServiceSettings().kafka_credentials_path()
    os.environ["RR_KAFKA_CREDENTIALS_FILE"] = str(path)
    return path


def broker(command: str, *, port: int = 19092, env: Mapping[str, str] | None = None) -> None:
    """Run the broker script (fetch, start, stop); raises when it fails. The script
    writes the users' passwords to the credentials file these settings name."""
    full_env = {**os.environ, "KAFKA_PORT": str(port),
                "KAFKA_CREDENTIALS_FILE": str(ServiceSettings().kafka_credentials_path()),
                **(env or {})}
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
    last_answer = "no answer"
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
                last_answer = f"{response.status_code} {response.text[:300]}"
            except httpx.HTTPError as err:
                last_answer = type(err).__name__
            await asyncio.sleep(0.1)
    # The log is gone with the run's temporary directory on CI: carry its warnings here.
    raise TimeoutError(
        f"{svc.name} not ready within {timeout_s}s; last /readyz: {last_answer}; "
        f"log {svc.log_path} ends:\n{_log_warnings(svc.log_path)}"
    )


def _log_warnings(path: Path, lines: int = 25) -> str:
    """The last warnings and errors of a service's log (logs never hold narratives)."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    noisy = ("Connection refused", "Unable to update metadata", "NodeNotReadyError")
    kept = [line for line in text.splitlines()
            if ('"INFO"' not in line or "shared.kafka" in line)
            and not any(n in line for n in noisy)]
    return "\n".join(line[:400] for line in kept[-lines:])


async def start_stack(
    env: Mapping[str, str], log_dir: Path, ports: Mapping[str, int] | None = None,
    names: tuple[str, ...] = ("audit", "assignment", "triage", "intake"),
    timeout_s: float = 60.0, service_env: Mapping[str, Mapping[str, str]] | None = None,
) -> Stack:
    """Start the services (the broker must be up and the topics created) and wait until
    ready; ``service_env`` adds to ``env`` for one service (its own RR_DATABASE_URL)."""
    ports = ports or SERVICE_PORTS
    stack = Stack()
    try:
        for name in names:
            own = {**env, **(service_env or {}).get(name, {})}
            stack.services[name] = start_service(name, ports[name], own, log_dir)
        await asyncio.gather(*(wait_ready(s, timeout_s) for s in stack.services.values()))
    except BaseException:
        stack.stop()
        raise
    return stack
