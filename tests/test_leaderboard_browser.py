"""The generated leaderboard page in headless Chromium (Debian's ``chromium``; no browser downloads).

Skipped cleanly when the ``playwright`` package or the chromium binary is
missing. The browser is started from the system binary with networking
features off; the page must render, sort on a header click, show a hostile
system name as text without running it, and fetch nothing but itself.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from harness.leaderboard import build
from harness.metrics import METRIC_NAMES

from test_leaderboard import XSS, standard_leaderboard

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def _chromium() -> str | None:
    for candidate in (os.environ.get("ATTRIB_BENCH_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    exe = _chromium()
    if exe is None:
        pytest.skip("chromium not found (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, tmp_path):
    lb, gold, _ = standard_leaderboard(tmp_path)
    build(lb, gold)
    context = browser.new_context(java_script_enabled=True)
    pg = context.new_page()
    pg.dialogs = []
    pg.requests = []
    pg.errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.goto((lb / "index.html").as_uri())
    pg.wait_for_load_state("load")
    yield pg
    context.close()


def _order(pg) -> list[str]:
    return pg.eval_on_selector_all("#leaderboard tbody tr", "rows => rows.map(r => r.getAttribute('data-name'))")


def test_table_renders_with_every_system(page):
    assert page.locator("#leaderboard tbody tr").count() == 3
    assert _order(page) == ["alpha", "xss-probe", "beta"]
    assert page.locator("#leaderboard thead th").count() == 3 + len(METRIC_NAMES)
    assert page.locator("svg#chart-phenomenon rect").count() > 0
    assert page.locator("#signature").inner_text().startswith("attrib-bench:")
    assert page.errors == []  # no script error, no CSP violation


def test_clicking_a_metric_header_sorts_the_rows(page):
    header = page.locator('#leaderboard th[data-metric="content_partial"]')

    def values() -> list[float]:
        return page.eval_on_selector_all(
            "#leaderboard tbody tr",
            "rows => rows.map(r => parseFloat(r.querySelector('td:nth-child(' + "
            "(document.querySelector('th[data-metric=content_partial]').cellIndex + 1) + ')').getAttribute('data-value')))",
        )

    header.click()
    assert header.get_attribute("aria-sort") == "descending"
    desc = values()
    assert desc == sorted(desc, reverse=True)
    assert _order(page) == ["alpha", "beta", "xss-probe"]  # beta keeps all contents, xss-probe lost a document
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert values() == sorted(desc)
    assert _order(page) == ["xss-probe", "alpha", "beta"]  # equal values keep name order
    page.locator('#leaderboard th[data-sort="text"]').click()
    assert _order(page) == ["xss-probe", "alpha", "beta"]  # by system name: "<script...", "alpha...", "beta..."
    assert page.errors == []


def test_hostile_system_name_shows_as_text_and_never_runs(page):
    assert page.dialogs == []
    cell = page.locator('#leaderboard tr[data-name="xss-probe"] td.name a')
    assert cell.inner_text() == XSS
    assert cell.is_visible()
    assert page.get_by_text(XSS, exact=True).first.is_visible()
    assert page.locator("script").count() == 1
    assert page.locator("img").count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    # nothing fetched but the page itself (no CDN, fonts or images)
    assert all(u.startswith("file://") for u in page.requests), page.requests
    assert len(page.requests) == 1
