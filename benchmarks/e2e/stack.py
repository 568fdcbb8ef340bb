"""The stack under test: a roster, the four services as real processes, and the pids
whose CPU the bench samples (every service, the broker's JVM, the load generator)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import yaml

from benchmarks.process_cpu import ProcessSampler, broker_pid, database_backends
from shared.settings import REPO_ROOT, ServiceSettings
from shared.stack import ServiceProcess, Stack, free_port, start_service, wait_ready

DEMO_ROSTER = REPO_ROOT / "deploy" / "roster" / "demo.yaml"


def make_roster(path: Path, copies: int, demo: Path = DEMO_ROSTER) -> list[str]:
    """``copies`` copies of the demo roster's units (same stations and fields), unit ids
    suffixed, every unit on duty around the clock: with the demo's shifts the figures
    depended on the hour the bench ran. The roster's other parts (kinds of unit, service
    areas, preferences, companions) come along, the areas' file by its absolute path
    since the copy is written elsewhere."""
    data = yaml.safe_load(demo.read_text())
    units = []
    for i in range(copies):
        for unit in data["units"]:
            fields = {k: v for k, v in unit.items() if k != "shift"}
            units.append({**fields, "unit_id": f"{unit['unit_id']}-B{i}"})
    roster = {**data, "units": units}
    if roster.get("service_areas"):
        roster["service_areas"] = str((demo.parent / str(roster["service_areas"])).resolve())
    path.write_text(yaml.safe_dump(roster, sort_keys=False))
    return [u["unit_id"] for u in units]


@dataclass
class BenchStack:
    stack: Stack
    env: dict[str, str]

    def processes(self) -> dict[str, ServiceProcess]:
        return self.stack.services


def postgres_url(schema: str) -> str | None:
    """A URL into a fresh schema of the project's local PostgreSQL (deploy/postgres/setup.sh),
    or None when there is none."""
    import subprocess

    try:
        done = subprocess.run(["bash", str(REPO_ROOT / "deploy" / "postgres" / "setup.sh")],
                              capture_output=True, text=True, timeout=300, check=True)
        url = done.stdout.strip().splitlines()[-1]
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    except Exception as err:  # no PostgreSQL here: the caller falls back to SQLite
        print(f"  (no PostgreSQL: {type(err).__name__}; using SQLite)", flush=True)
        return None
    return f"{url}?options=-csearch_path%3D{schema}"


async def start_bench_stack(settings: ServiceSettings, run_dir: Path, instances: int,
                            roster: Path, database_url: str | None) -> BenchStack:
    env = {
        "RR_KEY_FILE": str(run_dir / "keys.json"),
        "RR_KAFKA_BOOTSTRAP": settings.kafka_bootstrap,
        "RR_TOPIC_PREFIX": settings.topic_prefix,
        "RR_GROUP_PREFIX": settings.group_prefix,
        "RR_RUN_DIR": str(run_dir),
        "RR_ROSTER_FILE": str(roster),
        "RR_LOG_LEVEL": "WARNING",
        # Intake's per-key rate limit protects production from one runaway CAD; the bench
        # is one key on purpose, so it is off here.
        "RR_RATE_LIMIT_PER_S": "0",
    }
    stack = Stack()

    def start(name: str, instance: int) -> ServiceProcess:
        # Each process has its own run dir (triage keeps SQLite there); intake, assignment
        # and audit share PostgreSQL when there is one.
        label = name if instance == 1 else f"{name}-{instance}"
        own = {**env, "RR_RUN_DIR": str(run_dir / label)}
        if database_url and name != "triage":
            own["RR_DATABASE_URL"] = database_url
        svc = start_service(name, free_port(), own, run_dir / "logs" / label)
        svc.name = label
        stack.services[label] = svc
        return svc

    try:
        # One at a time: assignment seeds the roster into its store at first start.
        for name in ("audit", "assignment", "triage", "intake"):
            await wait_ready(start(name, 1), 120)
        for i in range(2, instances + 1):
            for name in ("triage", "assignment", "audit"):
                start(name, i)
        await asyncio.gather(*(wait_ready(s, 120) for s in stack.services.values()))
    except BaseException:
        stack.stop()
        raise
    return BenchStack(stack, env)


def sampled_pids(stack: Stack, bootstrap_port: int) -> dict[str, int]:
    """Every process a call costs CPU in, by name: each service instance, the broker's
    JVM (when it can be found) and the bench's own process, which is the load generator
    with its observer consumer and the crews."""
    pids = {name: svc.process.pid for name, svc in stack.services.items()}
    bpid = broker_pid(bootstrap_port)
    if bpid:
        pids["kafka-broker"] = bpid
    else:
        print("  (the broker's process was not found: its CPU is not in the table)", flush=True)
    pids["load-generator"] = psutil.Process().pid
    return pids


LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def local_database_port(database_url: str) -> int | None:
    """The port of the database server the URL names, when it runs on this machine."""
    parts = urlsplit(database_url)
    if parts.hostname not in LOCAL_HOSTS:
        return None
    return parts.port or 5432


def process_sampler(stack: Stack, bootstrap_port: int, database_url: str | None) -> ProcessSampler:
    """The sampler of every process a call costs CPU in (``sampled_pids``) and, on a
    local PostgreSQL, of the backends serving the services' connections, as one row."""
    groups = {}
    port = local_database_port(database_url) if database_url else None
    backends = None if port is None else database_backends(
        [svc.process.pid for svc in stack.services.values()], port)
    if backends is not None:
        groups["postgres-backends"] = backends
    elif database_url:
        print("  (PostgreSQL is not on this machine: its CPU is not in the table)", flush=True)
    return ProcessSampler(sampled_pids(stack, bootstrap_port), groups)
