"""Public routes of the policy archive: every triage policy version that decided a call,
its full text, what changed from the version before, and a page that lists them."""

from __future__ import annotations

import re
from pathlib import Path as FsPath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, Field

from services.audit.deps import ConnDep, reject_unknown_params
from services.audit.policy_diff import policy_change
from services.audit.policy_versions import (
    LIST_LIMIT,
    PolicyVersionRow,
    get_version,
    list_versions,
    previous_version,
)
from shared.policy_contracts import ReaderUnpackError, unpack_reader

PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
STATIC = FsPath(__file__).parent / "static"
SAFE_NAME = re.compile(r"[A-Za-z0-9._-]{1,100}")

policy_router = APIRouter(tags=["public"], dependencies=[Depends(reject_unknown_params)],
                          responses={400: PROBLEM, 422: PROBLEM})

HashPath = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$",
                               description="The policy hash a decision records.")]


class PolicyVersionSummary(BaseModel):
    policy_hash: str = Field(description="SHA-256 of the policy (and its reader file).")
    policy_id: str = Field(examples=["rightresponse-default"])
    policy_version: str = Field(description="The version label the file states.",
                                examples=["1"])
    first_used_at: str = Field(description="When triage first decided a call under it (UTC).")
    previous_hash: str | None = Field(description="The version used before it, if any.")


class PolicyVersionList(BaseModel):
    versions: list[PolicyVersionSummary] = Field(
        description=f"Oldest first (at most the {LIST_LIMIT} newest).")


class PolicyVersionText(BaseModel):
    policy_hash: str
    policy_id: str
    policy_version: str
    first_used_at: str
    policy_file: str
    policy_text: str = Field(description="The policy file's full text.")
    reader_file: str | None = Field(description="Its learned reader's file, if any "
                                    "(served at .../reader).")
    reader_sha256: str | None


class PolicyVersionDiff(BaseModel):
    policy_hash: str
    previous_hash: str | None = Field(description="Null for the first version archived.")
    diff: str = Field(description="Unified diff of the policy text from the previous "
                      "version (empty for the first).")
    lines_added: int
    lines_removed: int
    reader_changed: bool = Field(description="Whether the learned reader's file differs "
                                 "from the previous version's.")


def _version(conn: ConnDep, policy_hash: str) -> PolicyVersionRow:
    version = get_version(conn, policy_hash)
    if version is None:
        raise HTTPException(404, f"No policy version {policy_hash} has been archived")
    return version


@policy_router.get("/v1/public/policies", response_model=PolicyVersionList)
def policy_versions(conn: ConnDep) -> PolicyVersionList:
    """Every triage policy version that decided a call, oldest first."""
    summaries = list_versions(conn)
    previous = [None, *(s.policy_hash for s in summaries)][:len(summaries)]
    return PolicyVersionList(versions=[
        PolicyVersionSummary(policy_hash=s.policy_hash, policy_id=s.policy_id,
                             policy_version=s.policy_version, first_used_at=s.first_used_at,
                             previous_hash=p)
        for s, p in zip(summaries, previous, strict=True)])


@policy_router.get("/v1/public/policies/{policy_hash}", response_model=PolicyVersionText,
                   responses={404: PROBLEM})
def policy_version(conn: ConnDep, policy_hash: HashPath) -> PolicyVersionText:
    """One version's full text, by the hash its decisions record."""
    return PolicyVersionText(**_version(conn, policy_hash).model_dump(
        exclude={"reader_gzip_base64", "event_id"}))


@policy_router.get("/v1/public/policies/{policy_hash}/diff", response_model=PolicyVersionDiff,
                   responses={404: PROBLEM})
def policy_version_diff(conn: ConnDep, policy_hash: HashPath) -> PolicyVersionDiff:
    """What changed from the version used before it."""
    version = _version(conn, policy_hash)
    before = previous_version(conn, version)
    if before is None:
        return PolicyVersionDiff(policy_hash=policy_hash, previous_hash=None, diff="",
                                 lines_added=0, lines_removed=0, reader_changed=False)
    change = policy_change(
        before.policy_text, version.policy_text,
        f"{before.policy_file} (version {before.policy_version}, {before.policy_hash[:12]})",
        f"{version.policy_file} (version {version.policy_version}, "
        f"{version.policy_hash[:12]})",
        before.reader_sha256, version.reader_sha256)
    return PolicyVersionDiff(policy_hash=policy_hash, previous_hash=before.policy_hash,
                             diff=change.diff, lines_added=change.lines_added,
                             lines_removed=change.lines_removed,
                             reader_changed=change.reader_changed)


@policy_router.get("/v1/public/policies/{policy_hash}/reader",
                   responses={200: {"content": {"application/json": {}}}, 404: PROBLEM})
def policy_version_reader(conn: ConnDep, policy_hash: HashPath) -> Response:
    """The version's learned reader file, byte for byte."""
    version = _version(conn, policy_hash)
    if version.reader_gzip_base64 is None:
        raise HTTPException(404, f"Policy version {policy_hash} has no reader file")
    try:
        raw = unpack_reader(version.reader_gzip_base64)
    except ReaderUnpackError as err:  # archived only after its hash held: never expected
        raise HTTPException(500, "The archived reader file cannot be read") from err
    name = version.reader_file if SAFE_NAME.fullmatch(version.reader_file or "") \
        else "reader.json"
    return Response(raw, media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


PAGE_ASSETS = {"policies.js": "text/javascript", "policies.css": "text/css"}


@policy_router.get("/policies", include_in_schema=False)
def policies_page() -> FileResponse:
    """The public page of policy versions and their differences (no login)."""
    return FileResponse(STATIC / "policies.html", media_type="text/html")


@policy_router.get("/policies/assets/{name}", include_in_schema=False)
def policies_asset(name: str) -> FileResponse:
    if name not in PAGE_ASSETS:
        raise HTTPException(404, "No such asset")
    return FileResponse(STATIC / name, media_type=PAGE_ASSETS[name])
