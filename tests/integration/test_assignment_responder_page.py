"""The responder page in headless Chromium against a real assignment process: sign in, a
call with a weapon arrives live with police as co-responders, the crew accepts, stages
until police report the scene secure, goes in, asks for EMS, clears with an outcome and a
note, then signs out."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import async_playwright, expect

from shared.auth import Role, key_entry, write_key_file
from shared.settings import ServiceSettings
from shared.topics import CALLS_ASSIGNED, UNITS_STATUS
from tests.conftest import bearer
from tests.integration.assignment_support import (
    Running,
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



@pytest.fixture
async def service(kafka_settings: ServiceSettings, tmp_path: Path) -> AsyncIterator[Running]:
    roster = write_roster(tmp_path / "roster.yaml", [
        unit("BCR-1", "bcr", 44.9500, -93.2600), unit("P3-31", "police", 44.9480, -93.2330),
        unit("EMS-1", "ems", 44.9730, -93.2620)])
    async for running in running_service(kafka_settings, tmp_path, roster,
                                         RR_STREAM_RECHECK_S="0.2"):
        yield running


async def test_a_crew_works_a_call_from_the_responder_page(
    service: Running, kafka_settings: ServiceSettings, credentials: dict[str, Any],
    tmp_path: Path,
) -> None:
    token = credentials["responders"]["BCR-1"]
    call = str(uuid.uuid4())
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                   args=CHROMIUM_ARGS)
        context = await browser.new_context(viewport={"width": 390, "height": 844},
                                            device_scale_factor=2, is_mobile=True,
                                            has_touch=True)
        page = await context.new_page()
        try:
            await page.goto(f"{service.url}/responder")
            await page.fill("#token", "rr_responder_not-a-real-key")
            await page.click("button[type=submit]")
            await expect(page.locator("#login-error")).to_have_text(
                "That key was not accepted.")
            await page.fill("#token", token)
            await page.click("button[type=submit]")
            await expect(page.locator("#unit")).to_have_text("BCR-1")
            await expect(page.locator("#idle")).to_be_visible()
            cookie = next(c for c in await context.cookies() if c["name"] == "rr_responder")
            assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
            # It names a session, never the key, and goes to the unit's own routes only.
            assert token not in cookie["value"] and cookie["path"] == "/v1/units/BCR-1"
            # Reloading the page finds its session again.
            await page.reload()
            await expect(page.locator("#unit")).to_have_text("BCR-1")
            await expect(page.locator("#idle")).to_be_visible()
            # A call arrives while the page is open: it shows up live.
            await send(kafka_settings, [triaged_event(call, triaged(
                ["bcr", "police"], 2, address="2633 Minnehaha Ave",
                safety_flags=["weapon", "suspect_on_scene"]))])
            await expect(page.locator("#address")).to_have_text("2633 Minnehaha Ave",
                                                                timeout=20_000)
            await expect(page.locator("#safety li")).to_have_text(
                ["A weapon was mentioned", "The suspect may still be there"])
            await expect(page.locator("#found")).to_contain_text("behavioral health")
            await expect(page.locator("#status")).to_have_text("dispatched")
            # Police are on the call too, and a weapon was mentioned: the crew stages.
            await expect(page.locator("#team li")).to_have_text(["P3-31 · policedispatched"])
            await expect(page.locator("#stage")).to_be_visible()
            await expect(page.locator("#btn-on_scene")).to_be_disabled()

            await page.click("#btn-accept")
            await expect(page.locator("#notice")).to_have_text("Accepted")
            await wait_events(kafka_settings, CALLS_ASSIGNED, "AssignmentAccepted", 1, call)
            await page.click("#btn-en_route")
            await expect(page.locator("#status")).to_have_text("en route")
            await page.click("#btn-staged")
            await expect(page.locator("#status")).to_have_text("staged")

            # Police arrive and report the scene secure: the page says so, live.
            police = bearer(credentials["responders"]["P3-31"])
            async with httpx.AsyncClient() as http:
                arrived = await http.post(f"{service.url}/v1/units/P3-31/status",
                                          json={"status": "on_scene"}, headers=police)
                assert arrived.status_code == 200, arrived.text
                await expect(page.locator("#team li")).to_have_text(
                    ["P3-31 · policeon scene"])
                secured = await http.post(f"{service.url}/v1/units/P3-31/scene-secure",
                                          json={"call_id": call}, headers=police)
                assert secured.json()["told_to_go_in"] == ["BCR-1"], secured.text
            await expect(page.locator("#notice")).to_have_text(
                "scene secured by P3-31: go in")
            await expect(page.locator("#stage")).to_be_hidden()
            await page.click("#btn-on_scene")
            await expect(page.locator("#status")).to_have_text("on scene")

            # The crew asks for EMS; the ambulance appears among its co-responders.
            await page.click("#btn-backup")
            await page.check("input[name=requested][value=ems]")
            await page.select_option("#backup-reason", "medical")
            await page.click("#backup-form button[type=submit]")
            await expect(page.locator("#notice")).to_have_text("Backup requested: ems")
            await expect(page.locator("#team li")).to_have_text(
                ["EMS-1 · emsdispatched", "P3-31 · policeon scene"])
            # the checkout stays as it was: the screenshot goes where
            # RR_RESPONDER_SCREENSHOT says (docs/responder.png is refreshed that way)
            screenshot = Path(os.environ.get("RR_RESPONDER_SCREENSHOT")
                              or tmp_path / "responder.png")
            png = await page.screenshot(path=str(screenshot), full_page=True)
            assert len(png) > 10_000

            await page.click("#btn-available")
            await page.select_option("#outcome", "referred_to_services")
            await page.fill("#note", "connected with county case manager")
            await page.click("#clear-form button[type=submit]")
            await expect(page.locator("#idle")).to_be_visible()
            await expect(page.locator("#status")).to_have_text("available")
            await expect(page.locator("#notice")).to_have_text(
                "Cleared: referred to services")
            # Signing out ends the session: the page asks for the key again, and the
            # cookie it held is worthless to anyone who copied it.
            await page.click("#sign-out")
            await expect(page.locator("#login")).to_be_visible()
            assert "rr_responder" not in {c["name"] for c in await context.cookies()}
            async with httpx.AsyncClient() as http:
                reused = await http.get(f"{service.url}/v1/units/BCR-1/session",
                                        headers={"Cookie": f"rr_responder={cookie['value']}"})
            assert reused.status_code == 401
            await page.reload()
            await expect(page.locator("#login")).to_be_visible()
            # Signed in again, the page goes back to its sign-in as soon as the unit's key
            # is revoked: its live feed closes.
            await page.fill("#token", token)
            await page.click("button[type=submit]")
            await expect(page.locator("#idle")).to_be_visible()
            write_key_file(kafka_settings.key_file_path(), [
                key_entry(credentials["admin"], "ops-admin", Role.admin)])
            await expect(page.locator("#login")).to_be_visible(timeout=10_000)
        finally:
            await context.close()
            await browser.close()
    statuses = await wait_events(kafka_settings, UNITS_STATUS, "UnitStatusChanged", 8)
    crew = [e for e in statuses if e.key == "BCR-1"]
    assert [e.payload["status"] for e in crew] == [
        "dispatched", "en_route", "staged", "on_scene", "available"]
    assert {e.call_id for e in crew} == {call}  # each names the call it is about
    [cleared] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitCleared", 1, call)
    assert cleared.payload["outcome"] == "referred_to_services"
    assert cleared.payload["note"] == "connected with county case manager"
    [asked] = await wait_events(kafka_settings, CALLS_ASSIGNED, "BackupRequested", 1, call)
    assert asked.payload["requested"] == ["ems"]
    assigned = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 3, call)
    [ems] = [e for e in assigned if e.payload["unit_id"] == "EMS-1"]
    assert ems.payload["rule"] == "backup_request" and ems.causation_id == asked.event_id
    [secured_event] = await wait_events(kafka_settings, CALLS_ASSIGNED, "SceneSecured", 1,
                                        call)
    assert secured_event.payload["staged_units"] == ["BCR-1"]
    [released] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitReleased", 1, call)
    assert released.payload["reason"] == "cleared by the crew: referred_to_services"
    # Neither the key nor the crew's note reached the service's log.
    log = service.svc.log_path.read_text()
    assert token not in log and "county case manager" not in log
