"""The program dashboard in headless Chromium: it loads with no internet, draws the
figures of whole weeks of calls (diversion as the City counts it, crisis-team demand,
intervals, outcomes, backup, repeat calls) and the district map, never names a small
group, and is screenshotted (to RR_DASHBOARD_SCREENSHOT when set: docs/dashboard.png is
refreshed that way)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from services.audit.main import create_app
from services.audit.rollups import refresh_rollups
from services.audit.settings import AuditSettings
from services.audit.store import append_entries, entry_from_envelope
from shared.settings import ServiceSettings
from tests.page_support import CHROMIUM, CHROMIUM_ARGS, served_in_thread
from tests.program_support import CHICAGO, districts_geojson, monday_weeks_ago, week_of_calls

pytestmark = pytest.mark.kafka

WEEKS = (5, 4, 3)


@pytest.fixture
async def served(kafka_settings: ServiceSettings, tmp_path: Path) -> AsyncIterator[str]:
    settings = AuditSettings(**kafka_settings.model_dump(),
                             district_polygons_file=districts_geojson(tmp_path / "d.geojson"))
    app = create_app(settings)
    for weeks_ago in WEEKS:
        events = week_of_calls(monday_weeks_ago(weeks_ago), f"w{weeks_ago}", scale=3)
        for i in range(0, len(events), 200):
            append_entries(app.state.engine, [entry_from_envelope(e, topic)
                                              for topic, e in events[i:i + 200]])
    refresh_rollups(app.state.engine, CHICAGO, app.state.districts)
    async with served_in_thread(app, lifespan="on") as url:
        yield url


async def test_the_dashboard_draws_the_program_figures_offline(
    served: str, tmp_path: Path,
) -> None:
    requests: list[str] = []
    first, last = monday_weeks_ago(WEEKS[0]), monday_weeks_ago(WEEKS[-1])
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1280, "height": 1400})
            page.on("request", lambda r: requests.append(r.url))
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            await page.goto(f"{served}/dashboard?from={first.isoformat()}"
                            f"&to={last.isoformat()}")
            await page.wait_for_selector("body[data-ready=true]", timeout=15_000)
            labels = await page.locator(".card .label").all_inner_texts()
            values = await page.locator(".card .value").all_inner_texts()
            cards = dict(zip(labels, values, strict=True))
            response_svg = await page.locator("#chart-response svg").inner_html()
            map_paths = await page.locator("#map svg path.district").count()
            map_text = await page.locator("#map svg").inner_html()
            trend_weeks = await page.locator("#chart-trend svg polyline").get_attribute(
                "points")
            outcomes = await page.locator("#chart-outcomes svg").inner_html()
            unmet_by_hour = await page.locator("#chart-unmet-hour svg").inner_html()
            times = await page.locator("#chart-time-pathway svg").inner_html()
            snapped = await page.locator("#snapped").is_visible()
            zone = await page.locator("#zone").inner_text()
            screenshot = Path(os.environ.get("RR_DASHBOARD_SCREENSHOT")
                              or tmp_path / "dashboard.png")
            png = await page.screenshot(path=str(screenshot), full_page=True)
            # a range cut inside a day is refused, clearly
            await page.evaluate("document.getElementById('from').type = 'text'")
            await page.fill("#from", "2026-01-01T10:00")
            await page.click("button[type=submit]")
            await page.wait_for_selector("body[data-ready=error]", timeout=15_000)
            refused = await page.locator("#status").inner_text()
            # the policy versions behind these figures are a link away, and back
            await page.get_by_role("link", name="triage policy versions").click()
            await page.wait_for_url(f"{served}/policies")
            await page.get_by_role("link", name="program dashboard").click()
            await page.wait_for_url(f"{served}/dashboard")
            await page.wait_for_selector("body[data-ready=true]", timeout=15_000)
        finally:
            await browser.close()

    assert not errors
    assert all(u.startswith(served) for u in requests), requests  # nothing from a CDN
    assert len(png) > 10_000
    # Three weeks of 3 x 94 calls: 53 in 94 answered without police, 10 by EMS/fire only.
    assert cards["Triaged calls"] == "846"
    assert cards["Diversion (answered without police)"] == f"{53 / 94 * 100:.1f}%"
    assert cards["EMS/fire only (counted apart)"] == "90"
    assert cards["Crisis team: eligible calls served"] == f"{28 / 39 * 100:.1f}%"
    assert cards["Crisis team: unmet demand (calls)"] == "99"
    assert cards["Backup requested"] == f"{12 / 94 * 100:.1f}%"
    assert cards["Repeat calls to the same place (30 days)"] != "withheld"
    assert cards["Median time to dispatch"].endswith(" min")
    assert "ems fire only" in response_svg and "bcr" in response_svg
    assert "animal" not in response_svg  # 3 a week: never named
    # district 3's calls came without a district: the polygons placed them
    assert map_paths == 3 and "3 " in map_text
    assert "url(#hatch)" not in map_text  # every district shaded by its rate
    assert len((trend_weeks or "").split()) == len(WEEKS)
    assert "22:00" in unmet_by_hour and "100.0%" in unmet_by_hour  # the night gap
    assert "arrest" in outcomes and "dispatch: behavioral_he" in times  # labels are cut at 24
    assert zone == "America/Chicago" and snapped  # "to" was a Monday: whole weeks shown
    assert "whole local day" in refused
