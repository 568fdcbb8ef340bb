"""Shared fixtures. One real Kafka broker serves the whole test session; every test gets
its own topic prefix and consumer group prefix, so tests never see each other's events.

The suite never touches the checkout's own local state: the default ``run_dir`` (stores,
keys, credentials, signing key, logs) points at a temporary directory for the whole
session, the broker runs on its own port with its data there too, and the session fails
if the checkout's ``.run/`` changed while it ran. So ``make test`` neither depends on
what a developer did with ``make run`` nor changes it, and runs beside a ``make run``."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import psutil
import pytest
from aiokafka import AIOKafkaConsumer

from shared.auth import generate_dev_credentials
from shared.events import use_event_id_secret
from shared.kafka import connection_options, create_topics, delete_topics
from shared.settings import REPO_ROOT, ServiceSettings
from shared.stack import broker, broker_running, pin_kafka_credentials, port_open
from shared.topics import topic_name

# Not 19092: that is `make run`'s broker, which may be up beside the suite.
KAFKA_PORT = int(os.environ.get("RR_TEST_KAFKA_PORT", "19192"))
KAFKA_BOOTSTRAP = f"127.0.0.1:{KAFKA_PORT}"
SESSION_RUN_DIR = Path(tempfile.mkdtemp(prefix="rr-test-run-"))
# Every ServiceSettings built without an explicit run_dir, in this process or a service
# it starts, keeps its state here rather than in the checkout's .run/.
os.environ["RR_RUN_DIR"] = str(SESSION_RUN_DIR)
# The Kafka users' passwords (<session run dir>/kafka-credentials unless set: to reuse a
# broker already running, point RR_KAFKA_CREDENTIALS_FILE at its file): written by the
# session's broker when it formats its storage, read by every client, whatever run dir
# it is given (tests log in as the super user, the services as themselves).
pin_kafka_credentials()
CHECKOUT_RUN_DIR = REPO_ROOT / ".run"
# One event id secret for the session, in this process and every service it starts
# (a test of the secret's own handling sets or removes it).
TEST_EVENT_ID_SECRET = "test-event-id-secret-" + "0" * 32
os.environ["RR_EVENT_ID_SECRET"] = TEST_EVENT_ID_SECRET
use_event_id_secret(TEST_EVENT_ID_SECRET.encode())


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root``: its size and modification time."""
    if not root.is_dir():
        return {}
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in root.rglob("*") if p.is_file()}


_BEFORE = _snapshot(CHECKOUT_RUN_DIR)


def _held_by_a_running_stack(root: Path) -> set[str]:
    """Files under ``root`` that a developer's running ``make run`` writes on its own: those
    a process outside this test session holds open, and a live broker's data directory.
    (While such a stack runs, a test writing one of its stores would go unnoticed; CI runs
    the suite with nothing up, where every change is caught.)"""
    mine = {os.getpid()} | {p.pid for p in psutil.Process().children(recursive=True)}
    held: set[str] = set()
    for proc in psutil.process_iter():
        if proc.pid in mine:
            continue
        try:
            paths = [f.path for f in proc.open_files()]
        except (psutil.AccessDenied, psutil.NoSuchProcess, psutil.ZombieProcess):
            continue
        held.update(str(Path(p).relative_to(root)) for p in paths
                    if Path(p).is_relative_to(root))
    for pidfile in root.glob("kafka-*/broker.pid"):
        try:
            alive = psutil.pid_exists(int(pidfile.read_text().strip()))
        except (OSError, ValueError):
            alive = False
        if alive:
            held.update(str(p.relative_to(root)) for p in pidfile.parent.rglob("*"))
    return held


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the session if any test wrote the checkout's local state."""
    after = _snapshot(CHECKOUT_RUN_DIR)
    changed = sorted(k for k in _BEFORE.keys() | after.keys() if _BEFORE.get(k) != after.get(k))
    if changed:
        held = _held_by_a_running_stack(CHECKOUT_RUN_DIR)
        changed = [k for k in changed if k not in held]
    if changed:
        print(f"\nthe test session changed the checkout's {CHECKOUT_RUN_DIR}: "
              + ", ".join(changed[:20]), file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

T = TypeVar("T")


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    """The real broker: reused when already running, else started for this session."""
    started = False
    # A broker already listening (this checkout's or another's) is reused and left running.
    env = {"KAFKA_DATA_DIR": str(SESSION_RUN_DIR / f"kafka-{KAFKA_PORT}")}
    if not broker_running(KAFKA_PORT) and not port_open(KAFKA_PORT):
        broker("start", port=KAFKA_PORT, env=env)
        started = True
    yield KAFKA_BOOTSTRAP
    if started:
        broker("stop", port=KAFKA_PORT, env=env)


@pytest.fixture
def unique_prefix() -> str:
    return f"t{uuid.uuid4().hex[:10]}."


DEMO_UNITS = ("BCR-1", "P3-31", "CSO-1")


@pytest.fixture
def credentials(tmp_path: Path) -> dict[str, Any]:
    """Fresh API keys for this test: the tokens, and their digests in tmp_path/keys.json."""
    return generate_dev_credentials(tmp_path / "credentials.json", tmp_path / "keys.json",
                                    DEMO_UNITS)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def kafka_settings(
    kafka_bootstrap: str, unique_prefix: str, tmp_path: Path, credentials: dict[str, Any]
) -> AsyncIterator[ServiceSettings]:
    """Settings pointing at the real broker with this test's own, freshly created topics
    (and every service's ACLs on them), logged in as the Kafka super user: a service
    built from them in-process logs in as admin, not as itself (tests/security and the
    e2e stack log in as the services)."""
    settings = ServiceSettings(
        kafka_bootstrap=kafka_bootstrap, topic_prefix=unique_prefix, group_prefix=unique_prefix,
        run_dir=tmp_path, kafka_retry_backoff_s=0.2, key_file=tmp_path / "keys.json",
    )
    await create_topics(settings)
    yield settings
    await delete_topics(settings)


async def wait_for(
    check: Callable[[], Awaitable[T | None]], timeout_s: float = 10.0, interval_s: float = 0.05,
    what: str = "condition",
) -> T:
    """Poll ``check`` until it returns something truthy, or fail after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while True:
        result = await check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s}s waiting for {what}")
        await asyncio.sleep(interval_s)


async def read_topic(
    settings: ServiceSettings, topic: str, count: int, timeout_s: float = 15.0
) -> list[Any]:
    """Read ``count`` records from the start of a topic (no group: reading commits nothing)."""
    consumer = AIOKafkaConsumer(
        topic_name(settings.topic_prefix, topic), **connection_options(settings),
        auto_offset_reset="earliest", enable_auto_commit=False, group_id=None,
    )
    await consumer.start()
    records: list[Any] = []
    try:
        deadline = time.monotonic() + timeout_s
        while len(records) < count and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=200)
            for recs in batch.values():
                records.extend(recs)
    finally:
        await consumer.stop()
    if len(records) < count:
        raise AssertionError(f"expected {count} records on {topic}, got {len(records)}")
    return records
