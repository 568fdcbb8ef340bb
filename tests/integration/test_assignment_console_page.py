"""The 911 floor's console in headless Chromium against a real assignment process on the
real broker: a dispatcher signs in, a call waiting for confirmation arrives live in the
queue, the dispatcher overrides it from the keyboard with a reason, the unit goes and the
call leaves the queue; the session's cookie is refused from another site and worthless
once signed out."""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Route, async_playwright, expect

from shared.events import TriageReason
from shared.settings import ServiceSettings
from shared.topics import CALLS_ASSIGNED
from tests.conftest import bearer
from tests.integration.assignment_support import (
    Running,
    of_type,
    running_service,
    send,
    triaged,
    triaged_event,
    unit,
    wait_events,
    write_roster,
)
from tests.page_support import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.kafka, pytest.mark.e2e]

CONFIRM_FIRST = json.dumps({"rules": [{"pathway": "behavioral_health", "dispatch": "confirm",
                                       "wait_s": 600}]})


@pytest.fixture
async def service(kafka_settings: ServiceSettings, tmp_path: Path) -> AsyncIterator[Running]:
    roster = write_roster(tmp_path / "roster.yaml", [
        unit("BCR-1", "bcr", 44.9500, -93.2600), unit("P3-31", "police", 44.9480, -93.2330)])
    async for running in running_service(kafka_settings, tmp_path, roster,
                                         RR_FLOOR=CONFIRM_FIRST, RR_STREAM_RECHECK_S="0.2"):
        yield running


async def test_a_dispatcher_overrides_a_call_from_the_console(
    service: Running, kafka_settings: ServiceSettings, credentials: dict[str, Any],
    tmp_path: Path,
) -> None:
    token = credentials["dispatcher"]
    call = str(uuid.uuid4())
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                   args=CHROMIUM_ARGS)
        context = await browser.new_context(viewport={"width": 1280, "height": 760})
        page = await context.new_page()
        try:
            await page.goto(f"{service.url}/console")
            await page.fill("#token", credentials["responders"]["BCR-1"])
            await page.click("button[type=submit]")
            await expect(page.locator("#login-error")).to_have_text(
                "That key was not accepted.")
            await page.fill("#token", token)
            await page.click("button[type=submit]")
            await expect(page.locator("#who")).to_have_text("dev-dispatcher (dispatcher)")
            await expect(page.locator("#live")).to_have_text("live")
            await expect(page.locator("tr.call")).to_have_count(0)
            cookie = next(c for c in await context.cookies() if c["name"] == "rr_console")
            assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
            assert token not in cookie["value"] and cookie["path"] == "/v1"

            # A call triage flagged for review arrives while the console is open.
            flagged = triaged(["bcr"], 3, address="2633 Minnehaha Ave").model_copy(
                update={"review": True, "review_reason": "diversion rests on the narrative "
                                                         "alone",
                        "reasons": [TriageReason(rule_id="bh.distress_no_risk",
                                                 evidence="very upset")]})
            await send(kafka_settings, [triaged_event(call, flagged)])
            row = page.locator(f'tr[data-call-id="{call}"]')
            await expect(row).to_be_visible(timeout=20_000)
            await expect(page.locator("h2", has_text="Flagged for review")).to_have_text(
                "Flagged for review (1)")
            await expect(row).to_contain_text("Review: diversion rests on the narrative alone")
            await expect(row).to_contain_text("bh: distress no risk (\u201cvery upset\u201d)")
            await expect(row.locator("td.timer")).to_have_text(
                re.compile(r"^(9|10):\d\d$"))
            assert await of_type(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", call) == []

            # Keyboard only: the row, override, police, a reason and a note.
            await row.focus()
            await page.keyboard.press("o")
            await expect(page.locator("input[name=action][value=override]")).to_be_checked()
            await page.check("input[name=unit][value=police]")
            await page.keyboard.press("r")
            await page.select_option("#reason", "safety_concern")
            await page.keyboard.press("Escape")
            await row.focus()
            await page.keyboard.press("n")
            await page.keyboard.type("caller mentions a knife in the kitchen")
            # the checkout stays as it was: the screenshot goes where RR_CONSOLE_SCREENSHOT
            # says (docs/console.png is refreshed that way), else into the test's own dir
            screenshot = Path(os.environ.get("RR_CONSOLE_SCREENSHOT")
                              or tmp_path / "console.png")
            png = await page.screenshot(path=str(screenshot), full_page=True)
            assert len(png) > 10_000

            # The live queue drops the call before the action's answer reaches the page
            # (its answer is held until then): the notice still names the call acted on.
            async def answer_after_the_queue_moved(route: Route) -> None:
                answer = await route.fetch()
                await expect(row).to_have_count(0, timeout=20_000)
                await route.fulfill(response=answer)

            await page.route("**/v1/calls/*/actions", answer_after_the_queue_moved)
            await page.keyboard.press("Control+Enter")

            await expect(page.locator("#notice")).to_contain_text("is now overridden")
            await expect(row).to_have_count(0)
            [sent] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1,
                                       call)
            assert sent.payload["unit_id"] == "P3-31"
            [overridden] = await wait_events(kafka_settings, CALLS_ASSIGNED,
                                             "DecisionOverridden", 1, call)
            assert overridden.payload["by_key"] == "dev-dispatcher"
            assert overridden.payload["reason_code"] == "safety_concern"
            assert overridden.payload["units"] == ["police"]
            async with httpx.AsyncClient() as http:
                decision = await http.get(f"{service.url}/v1/calls/{call}/decision",
                                          headers=bearer(token))
                assert decision.json()["state"] == "overridden"
                # The session's cookie acts only from the console's own origin.
                cross_site = await http.post(
                    f"{service.url}/v1/calls/{call}/actions",
                    json={"action": "confirm", "reason_code": "other"},
                    headers={"Cookie": f"rr_console={cookie['value']}",
                             "Origin": "https://evil.example"})
                assert cross_site.status_code == 403

            await page.click("#sign-out")
            await expect(page.locator("#login")).to_be_visible()
            assert "rr_console" not in {c["name"] for c in await context.cookies()}
            async with httpx.AsyncClient() as http:
                reused = await http.get(f"{service.url}/v1/floor/queue",
                                        headers={"Cookie": f"rr_console={cookie['value']}"})
            assert reused.status_code == 401
        finally:
            await context.close()
            await browser.close()
    assert token not in service.svc.log_path.read_text()
