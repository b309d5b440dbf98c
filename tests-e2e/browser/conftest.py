"""Debian's Chromium driven by Playwright through the gateway: a screenshot and an axe check per step."""

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).parent))

from browser_visit import AXE, Visit

ROOT = Path(__file__).parents[2]
ARTIFACTS = ROOT / "tests-e2e/artifacts/browser"
CHROMIUM = "/usr/bin/chromium"
# No sandbox (root in a container), and nothing that reaches the internet on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not AXE.exists():
        pytest.fail(
            f"{AXE} is missing: run deploy/local/web_assets.sh (make test runs it through install.sh)"
        )
    with sync_playwright() as playwright:
        found = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield found
        found.close()


@pytest.fixture
def visit(browser: Browser, base_url: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    folder = ARTIFACTS / re.sub(r"[^\w-]", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    context = browser.new_context(base_url=base_url, locale="fr-FR", viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    yield Visit(context.new_page(), folder)
    context.close()
