"""The transparency dashboard in headless Chromium: it loads with no internet, draws the
charts from the public metrics, shows suppressed values as such, and is screenshotted."""

from __future__ import annotations

import asyncio
import shutil
import threading
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
import uvicorn
from playwright.async_api import async_playwright

from services.audit.main import create_app
from services.audit.settings import AuditSettings
from services.audit.store import append_entries, entry_from_envelope
from shared.events import Envelope, UnitType
from shared.settings import REPO_ROOT, ServiceSettings
from shared.stack import free_port
from tests.audit_support import T0, assigned, queued, received, triaged

pytestmark = pytest.mark.kafka

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


def demo_events() -> list[Envelope]:
    events: list[Envelope] = []
    plan = [  # (pathway, units, tags, district, calls, policy)
        ("behavioral_health", (UnitType.bcr,), ("behavioral_health",), "3", 24, "2"),
        ("behavioral_health", (UnitType.police, UnitType.ems), ("behavioral_health", "weapon"),
         "3", 11, "2"),
        ("police", (UnitType.police,), ("violence",), "5", 30, "2"),
        ("cso_report", (UnitType.cso,), ("property",), "5", 18, "2"),
        ("animal", (UnitType.animal_control,), ("animal",), "1", 4, "2"),
        ("police", (UnitType.police,), ("violence",), "5", 12, "1"),
    ]
    n = 0
    for pathway, units, tags, district, calls, version in plan:
        for i in range(calls):
            n += 1
            at = T0 + timedelta(days=i % 3, minutes=n)
            r = received(f"dash-{n}", at, district=district)
            t = triaged(r, pathway=pathway, units=units, tags=tags, district=district,
                        policy_version=version, rule=f"{pathway}.rule")
            events += [r, t, *(assigned(t, u, f"{u.value}-{n}", after_s=1.5 + (n * 7) % 40)
                               for u in units)]
            if "weapon" in tags:  # BCR asked for by the pathway, none free: a fallback
                events.append(queued(t, UnitType.bcr))
    return events


@pytest.fixture
async def served(kafka_settings: ServiceSettings) -> AsyncIterator[str]:
    settings = AuditSettings(**kafka_settings.model_dump())
    app = create_app(settings)
    append_entries(app.state.engine, [entry_from_envelope(e) for e in demo_events()])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None,
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        await asyncio.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await asyncio.to_thread(thread.join, 15)


async def test_the_dashboard_draws_the_public_metrics_offline(
    served: str, tmp_path: Path
) -> None:
    requests: list[str] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1280, "height": 1400})
            page.on("request", lambda r: requests.append(r.url))
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            await page.goto(f"{served}/dashboard")
            await page.wait_for_selector("body[data-ready=true]", timeout=15_000)
            cards = await page.locator(".card .value").all_inner_texts()
            svg_count = await page.locator("figure svg").count()
            suppressed_labels = await page.locator("text=suppressed (<10)").count()
            versions = await page.locator("#policy option").all_inner_texts()
            pathway_svg = await page.locator("#chart-pathway svg").inner_html()
            shot = tmp_path / "dashboard.png"
            await page.screenshot(path=str(shot), full_page=True)
            await page.select_option("#policy", "1")
            cards_v1 = await page.locator(".card .value").all_inner_texts()
        finally:
            await browser.close()
    out = REPO_ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, out / "dashboard.png")

    assert not errors
    assert all(u.startswith(served) for u in requests), requests  # nothing from a CDN
    assert versions == ["1", "2"]
    # Policy 2: 87 triaged calls, 46 sent no police (24 BCR, 18 CSO, 4 animal control).
    assert cards[0] == "87"
    assert cards[1] == f"{46 / 87 * 100:.1f}%"
    # Diversion by four dimensions, time to assign, fallbacks, the floor's override rate
    # by pathway (overrides by reason: none to draw).
    assert svg_count == 7
    assert "behavioral_health" in pathway_svg and "cso_report" in pathway_svg
    assert suppressed_labels >= 1  # the 4 animal-control calls
    assert cards[4] == "11"  # fallbacks: the weapon calls queued for BCR
    # No call waited for the floor: no rate to show, and nothing suppressed.
    assert cards[5:] == ["none yet", "0", "0", "none yet", "none yet"]
    assert cards_v1[0] == "12" and cards_v1[1] == "0.0%"  # zero is not a small cell
    assert shot.stat().st_size > 10_000
