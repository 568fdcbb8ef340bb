"""``rightresponse audit ...``: verify the hash chain (database or export) and export it.

Verification trusts one thing it is given: the public key file (``--public-key-file``).
It never derives the key from a private key, since whoever could rewrite the record
might have replaced that key too.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from services.audit.chain import FreshnessPolicy, VerifyResult, public_key_b64


def _settings() -> Any:
    from services.audit.settings import AuditSettings

    return AuditSettings()


def _database_url(args: argparse.Namespace) -> str:
    if args.database_url:
        return str(args.database_url)
    return str(_settings().store_url())


def _pinned_key(args: argparse.Namespace) -> Ed25519PublicKey | None:
    """The key checkpoints must be signed with: the file or value given, else the
    configured pinned public key file if there is one."""
    from services.audit.signing import load_pinned_public_key, parse_public_key

    if args.public_key_file:
        path = Path(args.public_key_file)
        if not path.exists():
            raise ValueError(f"public key file {path} does not exist")
        return load_pinned_public_key(path)
    if args.public_key:
        return parse_public_key(args.public_key)
    return load_pinned_public_key(_settings().public_key_path())


def _anchor_dir(args: argparse.Namespace) -> Path | None:
    """The anchor directory to check against: given, or the service's own when verifying
    its own database (no --database-url, no --export)."""
    if args.anchor_dir:
        return Path(args.anchor_dir)
    if args.database_url or args.export:
        return None
    return Path(_settings().anchor_path())


def _freshness(args: argparse.Namespace) -> FreshnessPolicy | None:
    if args.no_freshness:
        return None
    default = _settings().freshness()
    return FreshnessPolicy(
        max_entries=args.max_unsigned_entries or default.max_entries,
        max_seconds=args.max_unsigned_seconds or default.max_seconds)


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


def verify_export(
    path: Path, public_key: Ed25519PublicKey | None, *,
    anchored: list[dict[str, Any]] | None = None, freshness: FreshnessPolicy | None = None,
) -> VerifyResult:
    from services.audit.verification import verify_entries

    entries, checkpoints = read_export(path)
    return verify_entries(entries, checkpoints + list(anchored or []), public_key,
                          freshness=freshness)


def _verify(args: argparse.Namespace) -> int:
    from services.audit.anchor import read_anchor

    freshness = _freshness(args)
    try:
        public_key = _pinned_key(args)
        anchor_dir = _anchor_dir(args)
        # Lines are sampled (each one's signature still checked): see read_anchor.
        anchored = read_anchor(anchor_dir, public_key, keep_every=(
            freshness.max_entries if freshness else 1)) if anchor_dir is not None else []
    except ValueError as err:
        print(f"cannot verify: {err}", file=sys.stderr)
        return 2
    if public_key is None and not args.no_signatures:
        print("no public key: pass --public-key-file (the pinned key an auditor was "
              "given), or --no-signatures to check the hashes only", file=sys.stderr)
        return 2
    if args.export:
        result = verify_export(Path(args.export), public_key, anchored=anchored,
                               freshness=freshness)
        source = str(args.export)
    else:
        from services.audit.verification import verify_store
        from shared.db import make_engine

        engine = make_engine(_database_url(args))
        try:
            result = verify_store(engine, public_key, anchored=anchored, freshness=freshness)
        finally:
            engine.dispose()
        source = "database"
    if anchor_dir is not None:
        source += f" and anchor {anchor_dir}"
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
    """The operator's side: the public half of the configured signing key, to hand out."""
    from services.audit.signing import parse_private_key, public_key_pem

    settings = _settings()
    if settings.signing_key:
        key = parse_private_key(settings.signing_key)
    elif settings.signing_key_path().exists():
        key = parse_private_key(settings.signing_key_path().read_text())
    else:
        print("no signing key configured", file=sys.stderr)
        return 2
    if args.out:
        Path(args.out).write_bytes(public_key_pem(key.public_key()))
    print(public_key_b64(key.public_key()))
    return 0


def _keygen(args: argparse.Namespace) -> int:
    from services.audit.signing import generate_key_pair

    out = Path(args.out)
    if out.exists():
        print(f"{out} exists: refusing to replace a signing key", file=sys.stderr)
        return 2
    generate_key_pair(out)
    print(f"private key {out} (mode 600; give it to audit as RR_SIGNING_KEY), "
          f"public key {out.with_suffix('.pub')} (give it to auditors)")
    return 0


def _grant(args: argparse.Namespace) -> int:
    from services.audit.grants import grant_writer
    from shared.db import make_engine

    engine = make_engine(_database_url(args))
    try:
        grant_writer(engine, args.role)
    except ValueError as err:
        print(f"cannot grant: {err}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"{args.role} may insert into and read the audit chain, and never change it")
    return 0


def _reindex(args: argparse.Namespace) -> int:
    from services.audit.reindex import reindex_missing
    from shared.db import make_engine

    engine = make_engine(_database_url(args))
    try:
        added = reindex_missing(engine)
    finally:
        engine.dispose()
    print(f"added {added} decision index rows")
    return 0


def add_subparsers(subparsers: Any) -> None:
    """Add ``audit verify|export|public-key|keygen|grant|reindex`` to the ``rightresponse``
    parser."""
    audit = subparsers.add_parser("audit", help="the audit record: verify and export its chain")
    sub = audit.add_subparsers(dest="audit_command", required=True)

    verify = sub.add_parser("verify", help="check the hash chain and its signed checkpoints")
    source = verify.add_mutually_exclusive_group()
    source.add_argument("--database-url", help="the audit database (default: from settings)")
    source.add_argument("--export", help="a JSONL export made by `rightresponse audit export`")
    key = verify.add_mutually_exclusive_group()
    key.add_argument("--public-key-file", help="the pinned public key (PEM or base64) the "
                     "checkpoints must be signed with (default: RR_AUDIT_PUBLIC_KEY_FILE)")
    key.add_argument("--public-key", help="the pinned public key as base64")
    verify.add_argument("--anchor-dir", help="a copy of the anchor directory: its signed "
                        "checkpoints must match the chain (default: the service's own, "
                        "when verifying its own database)")
    verify.add_argument("--max-unsigned-entries", type=int,
                        help="fail when more entries than this follow the last checkpoint "
                        "(default: RR_CHECKPOINT_EVERY)")
    verify.add_argument("--max-unsigned-seconds", type=float,
                        help="fail when the unsigned entries span more seconds than this "
                        "(default: twice RR_CHECKPOINT_INTERVAL_S)")
    verify.add_argument("--no-freshness", action="store_true",
                        help="do not require a recent checkpoint (a chain never signed)")
    verify.add_argument("--no-signatures", action="store_true",
                        help="check hashes only when no public key is available")
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.set_defaults(func=_verify)

    export = sub.add_parser("export", help="write the chain and checkpoints as JSONL")
    export.add_argument("--database-url", help="the audit database (default: from settings)")
    export.add_argument("--out", required=True, help="file to write")
    export.set_defaults(func=_export)

    pub = sub.add_parser("public-key", help="print the checkpoints' public key (base64)")
    pub.add_argument("--out", help="also write it as a PEM public key file")
    pub.set_defaults(func=_public_key_cmd)

    keygen = sub.add_parser("keygen", help="a new signing key and its public key file")
    keygen.add_argument("--out", required=True,
                        help="private key file to write; the public key goes beside it (.pub)")
    keygen.set_defaults(func=_keygen)

    grant = sub.add_parser("grant", help="PostgreSQL, as the owner: create the audit tables "
                           "and let the service's role only insert into and read the chain")
    grant.add_argument("--database-url", help="the database, as its owner (default: settings)")
    grant.add_argument("--role", default="rightresponse_audit",
                       help="the role audit connects as (default: rightresponse_audit)")
    grant.set_defaults(func=_grant)

    reindex = sub.add_parser("reindex", help="add the decision index rows a store recorded "
                             "before their kind of event became a decision (idempotent)")
    reindex.add_argument("--database-url", help="the audit database (default: from settings)")
    reindex.set_defaults(func=_reindex)
