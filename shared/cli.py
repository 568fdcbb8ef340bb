"""The ``rightresponse`` command. Later issues add their subcommands here."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from shared.settings import REPO_ROOT, ServiceSettings

SERVICES = ("intake", "triage", "assignment", "audit")
# The services' own subcommands, by module name: each module has ``add_subparsers(sub)``.
# Named, not imported, so that shared/ never depends on services/ (the services depend
# on shared/); the command line resolves them when it builds its parser.
SERVICE_COMMAND_MODULES = ("services.audit.cli", "services.intake.replay", "services.triage.cli",
                           "services.demo.cli")
# Each service's ASGI app factory, for uvicorn.
APP_FACTORY = "services.{service}.main:app"


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    uvicorn.run(
        APP_FACTORY.format(service=args.service), factory=True, host=args.host, port=args.port,
        log_config=None, access_log=False, timeout_graceful_shutdown=10,
        # Forwarded headers are believed only from RR_TRUSTED_PROXIES (shared/service.py),
        # not from uvicorn's default of any local process.
        proxy_headers=False,
        timeout_keep_alive=ServiceSettings().http_keep_alive_s,
    )
    return 0


def _topics(args: argparse.Namespace) -> int:
    from shared.kafka import create_topics

    settings = ServiceSettings()
    created = asyncio.run(create_topics(settings))
    print(f"topics created: {', '.join(created) if created else 'none (all exist)'}")
    return 0


def _broker(args: argparse.Namespace) -> int:
    from shared.stack import broker

    broker(args.action, port=ServiceSettings().kafka_bootstrap_port())
    return 0


def _run(args: argparse.Namespace) -> int:
    """Broker, topics, the four services; everything stops on Ctrl-C or SIGTERM."""
    from shared.kafka import create_topics
    from shared.stack import (
        broker,
        broker_running,
        development_env,
        pin_kafka_credentials,
        service_ports,
        start_stack,
    )

    kafka_credentials = pin_kafka_credentials()
    settings = ServiceSettings()
    port = settings.kafka_bootstrap_port()
    started_broker = not broker_running(port)
    broker("start", port=port)
    stop_requested = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop_requested.set())
    signal.signal(signal.SIGINT, lambda *_: stop_requested.set())
    stack = None
    try:
        asyncio.run(create_topics(settings))
        credentials_file = _write_dev_credentials(settings)
        log_dir = settings.run_dir / "logs"
        ports = service_ports(os.environ)
        stack = asyncio.run(start_stack(development_env(settings.environment, os.environ),
                                        log_dir, ports))
        print("\nRightResponse is running:")
        for name in SERVICES:
            print(f"  {name:<11} http://127.0.0.1:{ports[name]}/docs")
        print(f"  kafka       127.0.0.1:{port} (SCRAM logins; passwords in "
              f"{kafka_credentials}, mode 600)")
        print(f"  logs        {log_dir}")
        print(f"  API keys    {credentials_file} (development only; mode 600)")
        print("Press Ctrl-C to stop everything.", flush=True)
        while not stop_requested.wait(0.5):
            for svc in stack.services.values():
                if svc.process.poll() is not None:
                    print(f"{svc.name} exited; stopping", file=sys.stderr)
                    stop_requested.set()
    finally:
        print("stopping...", flush=True)
        if stack is not None:
            stack.stop()
        if started_broker:
            broker("stop", port=port)
    return 0


def _write_dev_credentials(settings: ServiceSettings) -> Path:
    """Fresh development keys for the demo roster, written where the README says."""
    import yaml

    from shared.auth import generate_dev_credentials

    roster = yaml.safe_load((REPO_ROOT / "deploy" / "roster" / "demo.yaml").read_text())
    credentials_file = settings.run_dir / "credentials.json"
    generate_dev_credentials(credentials_file, settings.key_file_path(),
                             [u["unit_id"] for u in roster["units"]])
    return credentials_file


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rightresponse", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run one service")
    serve.add_argument("service", choices=SERVICES)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, required=True)
    serve.set_defaults(func=_serve)

    run = sub.add_parser("run", help="run Kafka and the four services until Ctrl-C")
    run.set_defaults(func=_run)

    topics = sub.add_parser("topics", help="create the project's topics")
    topics.add_argument("action", choices=["create"])
    topics.set_defaults(func=_topics)

    broker = sub.add_parser("broker", help="the local Kafka broker")
    broker.add_argument("action", choices=["fetch", "start", "stop", "status"])
    broker.set_defaults(func=_broker)

    for module in SERVICE_COMMAND_MODULES:
        importlib.import_module(module).add_subparsers(sub)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["REPO_ROOT", "main"]
