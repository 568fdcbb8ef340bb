"""``rightresponse audit ...``: verify the hash chain (database or export) and export it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from services.audit.chain import ChainVerifier, VerifyResult, load_public_key, public_key_b64


def _database_url(args: argparse.Namespace) -> str:
    from services.audit.settings import AuditSettings

    if args.database_url:
        return str(args.database_url)
    return AuditSettings().store_url()


def _public_key(args: argparse.Namespace) -> Ed25519PublicKey | None:
    """The key checkpoints must be signed with: given, or the configured signing key's."""
    if args.public_key:
        return load_public_key(args.public_key)
    from services.audit.settings import AuditSettings
    from services.audit.signing import parse_private_key

    settings = AuditSettings()
    if settings.signing_key:
        return parse_private_key(settings.signing_key).public_key()
    if settings.signing_key_path().exists():
        return parse_private_key(settings.signing_key_path().read_text()).public_key()
    return None


def read_export(path: Path) -> tuple[Iterator[dict[str, Any]], list[dict[str, Any]]]:
    """An export's entries (streamed, in file order) and its checkpoints."""
    checkpoints = []
    with path.open() as fh:
        for line in fh:
            if line.strip():
                record = json.loads(line)
                if record.get("record") == "checkpoint":
                    checkpoints.append(record)

    def entries() -> Iterator[dict[str, Any]]:
        with path.open() as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    if record.get("record") == "entry":
                        yield record

    return entries(), checkpoints


def verify_export(path: Path, public_key: Ed25519PublicKey | None) -> VerifyResult:
    entries, checkpoints = read_export(path)
    verifier = ChainVerifier()
    verifier.want_hashes_at(int(c["seq"]) for c in checkpoints)
    for entry in entries:
        if not verifier.feed(entry):
            break
    return verifier.check_checkpoints(checkpoints, public_key)


def _verify(args: argparse.Namespace) -> int:
    public_key = _public_key(args)
    if public_key is None and not args.no_signatures:
        print("no public key: pass --public-key, set RR_SIGNING_KEY, or "
              "--no-signatures to check the hashes only", file=sys.stderr)
        return 2
    if args.export:
        result = verify_export(Path(args.export), public_key)
        source = str(args.export)
    else:
        from services.audit.queries import verify_store
        from shared.db import make_engine

        engine = make_engine(_database_url(args))
        try:
            result = verify_store(engine, public_key)
        finally:
            engine.dispose()
        source = "database"
    if args.json:
        print(json.dumps(result.as_dict()))
    elif result.ok:
        print(f"OK: {result.entries} entries and {result.checkpoints} signed checkpoints "
              f"verify ({source}); head seq {result.head_seq} hash {result.head_hash}")
    else:
        print(f"FAILED at seq {result.first_bad_seq} (event {result.first_bad_event_id}): "
              f"{result.reason}; {result.entries} entries before it verify", file=sys.stderr)
    return 0 if result.ok else 1


def _export(args: argparse.Namespace) -> int:
    from services.audit.queries import checkpoints, iter_entries
    from shared.db import make_engine

    engine = make_engine(_database_url(args))
    count = 0
    try:
        with engine.connect() as conn, Path(args.out).open("w") as out:
            for entry in iter_entries(conn):
                out.write(json.dumps({"record": "entry", **entry}, sort_keys=True) + "\n")
                count += 1
            for cp in checkpoints(conn):
                cp.pop("id", None)
                out.write(json.dumps({"record": "checkpoint", **cp}, sort_keys=True) + "\n")
    finally:
        engine.dispose()
    print(f"exported {count} entries to {args.out}")
    return 0


def _public_key_cmd(args: argparse.Namespace) -> int:
    key = _public_key(args)
    if key is None:
        print("no signing key configured", file=sys.stderr)
        return 2
    print(public_key_b64(key))
    return 0


def add_subparsers(subparsers: Any) -> None:
    """Add ``audit verify|export|public-key`` to the ``rightresponse`` parser."""
    audit = subparsers.add_parser("audit", help="the audit record: verify and export its chain")
    sub = audit.add_subparsers(dest="audit_command", required=True)

    verify = sub.add_parser("verify", help="check the hash chain and its signed checkpoints")
    source = verify.add_mutually_exclusive_group()
    source.add_argument("--database-url", help="the audit database (default: from settings)")
    source.add_argument("--export", help="a JSONL export made by `rightresponse audit export`")
    verify.add_argument("--public-key", help="base64 Ed25519 public key of the checkpoints")
    verify.add_argument("--no-signatures", action="store_true",
                        help="check hashes only when no public key is available")
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.set_defaults(func=_verify)

    export = sub.add_parser("export", help="write the chain and checkpoints as JSONL")
    export.add_argument("--database-url", help="the audit database (default: from settings)")
    export.add_argument("--out", required=True, help="file to write")
    export.set_defaults(func=_export)

    pub = sub.add_parser("public-key", help="print the checkpoints' public key (base64)")
    pub.add_argument("--public-key", help=argparse.SUPPRESS)
    pub.set_defaults(func=_public_key_cmd)
