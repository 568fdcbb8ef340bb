"""The public page of policy versions in headless Chromium: newest first, each with its
hash, when it was first used and its differences from the one before; no login, nothing
fetched from elsewhere. RR_POLICIES_SCREENSHOT=docs/policies.png refreshes the picture in
the docs (otherwise it goes into the test's own directory)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.async_api import async_playwright, expect

from services.audit.policy_api import policy_router
from services.audit.policy_versions import archivable, archive
from services.audit.store import entry_from_envelope, init_store
from services.triage.policy import load_policy
from services.triage.policy_archive import policy_version_used
from shared.db import make_engine
from shared.events import make_event
from shared.http import install_problem_handlers
from shared.policy_contracts import PolicyVersionUsed, pack_reader, policy_digest
from shared.topics import POLICY_VERSIONS
from tests.page_support import CHROMIUM, CHROMIUM_ARGS, served_in_thread


def revised(base: PolicyVersionUsed, version: str, edits: list[tuple[str, str]],
            reader: bytes) -> PolicyVersionUsed:
    text = base.policy_text
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    return base.model_copy(update={
        "policy_version": version, "policy_text": text,
        "reader_sha256": hashlib.sha256(reader).hexdigest(),
        "reader_gzip_base64": pack_reader(reader),
        "policy_hash": policy_digest(text.encode(), reader)})


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[str, list[PolicyVersionUsed]]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'audit.db'}")
    init_store(engine)
    v1 = policy_version_used(load_policy())
    first_line = v1.policy_text.splitlines()[0] + "\n"
    v2 = revised(v1, "1.1.0", [(first_line, first_line + "# 2: crisis teams answer welfare "
                            "checks without police when the caller is screened safe\n")],
                 b'{"weights": {}}')
    v3 = revised(v2, "1.2.0", [("# 2: crisis", "# 3: a knife named anywhere keeps police\n# 2: "
                            "crisis")], b'{"weights": {}}')
    t0 = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
    entries = [entry_from_envelope(make_event(v, producer="triage", call_id=None,
                                              key=v.policy_hash,
                                              occurred_at=t0 + timedelta(days=9 * i)),
                                   POLICY_VERSIONS) for i, v in enumerate((v1, v2, v3))]
    archive(engine, archivable(entries))
    app = FastAPI()
    install_problem_handlers(app)
    app.include_router(policy_router)
    app.state.engine = engine
    async with served_in_thread(app) as url:
        yield url, [v1, v2, v3]
    engine.dispose()


async def test_the_page_lists_versions_newest_first_with_their_differences(
    served: tuple[str, list[PolicyVersionUsed]], tmp_path: Path,
) -> None:
    url, (v1, _, v3) = served
    requests: list[str] = []
    errors: list[str] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            await page.goto(f"{url}/policies")
            await page.wait_for_selector("body[data-ready=true]", timeout=15_000)
            await expect(page.locator("#status")).to_have_text("3 versions, newest first.")
            cards = page.locator("section.version")
            await expect(cards.locator("h2")).to_have_text([
                f"{v1.policy_id}, version 1.2.0", f"{v1.policy_id}, version 1.1.0",
                f"{v1.policy_id}, version {v1.policy_version}"])
            await expect(cards.nth(0).locator(".hash")).to_have_text(v3.policy_hash)
            await expect(cards.nth(0).locator(".meta")).to_contain_text(
                "First used 2026-11-20 14:00:00 UTC")
            newest = cards.nth(0)
            await expect(newest.locator(".counts")).to_contain_text(
                "+1 \u22120 lines of policy text; the learned reader is the same.")
            await expect(newest.locator(".diff .add")).to_have_text(
                ["+# 3: a knife named anywhere keeps police"])
            await expect(cards.nth(1).locator(".counts")).to_contain_text(
                "the learned reader changed.")
            # older differences are folded away, the newest is open
            assert await newest.locator("details").get_attribute("open") is not None
            assert await cards.nth(1).locator("details").get_attribute("open") is None
            await expect(cards.nth(2)).to_contain_text("The first version archived")
            shot = Path(os.environ.get("RR_POLICIES_SCREENSHOT") or tmp_path / "policies.png")
            png = await page.screenshot(path=str(shot), full_page=True)
        finally:
            await browser.close()
    assert not errors
    assert all(u.startswith(url) for u in requests), requests
    assert len(png) > 10_000
