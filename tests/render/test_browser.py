"""The HTML report in a real browser: Debian's headless Chromium, driven through Playwright.

No layout engine but a browser's can say whether a page overflows sideways on a phone, and the
filters are JavaScript: both are checked in Chromium itself.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.render.base import RenderContext
from auditor.render.html import render_html

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(path).is_file(), "Debian's chromium is missing: run scripts/install-test-system.sh"
    return path


@pytest.fixture(scope="module")
def page_url(run_ctx: RenderContext, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("html") / "report.html"
    out.write_text(render_html(run_ctx), encoding="utf-8")
    return out.as_uri()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")  # empty --user-data-dir
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=_chromium(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield context
        finally:
            context.close()


def _overflow(context: object, url: str, width: int) -> dict[str, object]:
    page = context.new_page()  # type: ignore[attr-defined]
    try:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        return page.evaluate(
            """() => {
              const root = document.documentElement;
              const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
                .slice(0, 5).map(e => e.tagName + '.' + e.className);
              return {scroll: root.scrollWidth, client: root.clientWidth, wide};
            }"""
        )
    finally:
        page.close()


@pytest.mark.parametrize("width", [390, 1400])
def test_no_horizontal_overflow(browser: object, page_url: str, width: int) -> None:
    got = _overflow(browser, page_url, width)
    assert got["client"] == width or got["client"] <= width  # scrollbars may take a few pixels
    assert got["scroll"] <= got["client"], got


def test_status_filter_shows_only_failing_rows(
    browser: object, page_url: str, run_ctx: RenderContext
) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.set_viewport_size({"width": 390, "height": 900})
        page.goto(page_url)
        page.select_option("#f-status", "fail")
        statuses = page.eval_on_selector_all(
            ".clause-row", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.status)"
        )
        failing = [c.id for c in run_ctx.results.clauses if c.status == "fail"]
        assert failing and len(statuses) == len(failing)
        assert set(statuses) == {"fail"}
        page.fill("#f-text", failing[0])
        shown = page.eval_on_selector_all(
            ".clause-row", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.id)"
        )
        assert f"clause-{failing[0]}" in shown and len(shown) < len(failing) + 1
        page.select_option("#f-status", "")
        page.fill("#f-text", "")
        visible = page.eval_on_selector_all(
            ".clause-row", "rows => rows.filter(r => r.offsetParent !== null).length"
        )
        assert visible == len(run_ctx.results.clauses)
    finally:
        page.close()
