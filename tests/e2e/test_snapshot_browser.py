"""The snapshot in headless Chromium, opened from disk as someone who downloaded it would, with every
request that is not a local file refused: every chart drawn, no console error, every download a
real file of its type, no serious or critical axe-core finding, links that work from file:// and
from a sub-path of a web server, and the observations' filter box.

Each page is opened once (the `visits` fixture) and what it showed is then checked by theme."""

from __future__ import annotations

import contextlib
import csv
import functools
import http.server
import io
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from components.snapshot import Site, build_site
from tests.e2e import axe
from tests.e2e.app_server import CHROMIUM, REPO

if not Path(CHROMIUM).is_file():
    pytest.skip(
        f"Chromium not found at {CHROMIUM}; install it (apt-get install chromium) to run the browser tests",
        allow_module_level=True,
    )

pytestmark = pytest.mark.e2e

NEXT = REPO / "tests" / "fixtures" / "next_edition"  # has an earlier edition, so What changed is built too
TIMEOUT_MS = 30_000
# Per chart on the page: drawn by Vega-Embed (the site's script marks it) into an svg or canvas with a size,
# in place of the chart drawn at build time.
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-chart-spec]')].map((drawing) =>
  drawing.hasAttribute('data-drawn') && drawing.querySelector('.vega-embed') !== null &&
  drawing.querySelector('.static-chart') === null &&
  [...drawing.querySelectorAll('svg, canvas')].some((e) => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  }))"""
ALL_DRAWN = f"() => ({CHARTS_DRAWN})().every(Boolean)"
DOWNLOADS = "() => [...document.querySelectorAll('a[download]')].map((a) => a.href)"


@dataclass
class Visit:
    """What one page showed and said while it was open."""

    charts: list[bool]  # per chart: drawn
    downloads: list[str]  # the download links, as the browser resolved them
    violations: list[dict[str, Any]]  # serious and critical axe-core findings
    errors: list[str] = field(default_factory=list)  # console errors, uncaught errors, JS dialogs
    blocked: list[str] = field(default_factory=list)  # requests for anything but a local file


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(tmp_path_factory.mktemp("snapshot") / "site", data=NEXT)


@contextlib.contextmanager
def offline_context(browser: Browser) -> Iterator[tuple[BrowserContext, list[str]]]:
    """A browser context that serves local files only (and 127.0.0.1, for the sub-path test); every
    other request is aborted and listed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    blocked: list[str] = []

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith("file://") or urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", route)
    axe.load_into(context)
    try:
        yield context, blocked
    finally:
        context.close()


def watch(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    return errors


@pytest.fixture(scope="module")
def visits(browser: Browser, site: Site) -> dict[str, Visit]:
    """Every page of the site, opened from file:// in one tab."""
    found = {}
    with offline_context(browser) as (context, blocked):
        page = context.new_page()
        errors = watch(page)
        for name in site.pages:
            page.goto((site.root / name).as_uri())
            with contextlib.suppress(Exception):  # an undrawn chart is reported below, not as a timeout
                page.wait_for_function(ALL_DRAWN, timeout=TIMEOUT_MS)
            found[name] = Visit(
                page.evaluate(CHARTS_DRAWN), page.evaluate(DOWNLOADS), axe.axe_violations(page), errors[:], blocked[:]
            )
            errors.clear()
            blocked.clear()
    return found


def test_every_chart_is_drawn_offline_with_no_console_error(visits):
    problems = []
    for name, visit in visits.items():
        problems += [f"{name}: chart {index + 1} not drawn" for index, drawn in enumerate(visit.charts) if not drawn]
        problems += [f"{name}: {error}" for error in visit.errors]
        problems += [f"{name}: asked the network for {url}" for url in visit.blocked]
    assert problems == []
    assert sum(len(visit.charts) for visit in visits.values()) >= len(visits) // 2, "the fixture draws charts"


def signature_problem(path: Path) -> str | None:
    """Why `path` is not a real file of the type its extension says, or None."""
    data = path.read_bytes()
    if path.suffix == ".png":
        return None if data.startswith(b"\x89PNG\r\n\x1a\n") else "no PNG signature"
    if path.suffix == ".pdf":
        return None if data.startswith(b"%PDF-") else "no PDF header"
    if path.suffix == ".svg":
        try:
            root = ET.fromstring(data)  # noqa: S314 - a file this build wrote, not one from outside
        except ET.ParseError as error:
            return f"SVG does not parse: {error}"
        return None if root.tag.endswith("svg") else f"root element is {root.tag}"
    if path.suffix == ".csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        return None if rows and rows[0] and all(cell.strip() for cell in rows[0]) else "no header row"
    return f"unexpected type {path.suffix}"


def test_every_download_link_points_at_a_real_file_of_its_type(visits):
    problems, checked = [], 0
    for name, visit in visits.items():
        for url in visit.downloads:
            path = Path(unquote(urlsplit(url).path))
            problem = "missing" if not path.is_file() else signature_problem(path)
            problems += [f"{name}: {path.name}: {problem}"] if problem else []
            checked += 1
    assert problems == []
    assert checked >= 4 * sum(len(visit.charts) for visit in visits.values())


def test_axe_core_finds_no_serious_or_critical_violation(visits):
    problems = [f"{name}:\n{axe.describe(visit.violations)}" for name, visit in visits.items() if visit.violations]
    assert problems == []


def test_the_menu_and_the_scorecard_lead_to_their_pages_from_file(browser, site):
    with offline_context(browser) as (context, blocked):
        page = context.new_page()
        errors = watch(page)
        page.goto((site.root / "index.html").as_uri())
        page.get_by_role("navigation", name="Pages").get_by_role("link", name="Data and sources").click()
        assert (
            page.url.endswith("/data.html") and page.get_by_role("heading", level=1).inner_text() == "Data and sources"
        )
        page.go_back()
        page.locator(".scorecard a.count").first.click()
        anchor = urlsplit(page.url).fragment
        assert page.url.split("#")[0].endswith("/plan-vs-outcome.html") and anchor
        assert page.locator(f"#{anchor}").is_visible()
    assert errors == [] and blocked == []


def test_the_filter_box_narrows_the_observations(browser, site):
    with offline_context(browser) as (context, _):
        page = context.new_page()
        page.goto((site.root / "data.html").as_uri())
        rows = page.locator("#observations tbody tr")
        total = rows.count()
        page.get_by_label("Filter the observations").fill("industrial growth")
        shown = [text.lower() for text in page.locator("#observations tbody tr:not([hidden])").all_inner_texts()]
        assert 0 < len(shown) < total
        assert all("industrial" in text and "growth" in text for text in shown)
        assert page.get_by_role("status").inner_text() == f"{len(shown)} of {total} observations shown."


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """`folder` over HTTP on 127.0.0.1, in a thread of this process, stopped on leaving."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_from_a_sub_path_of_a_web_server_the_pages_draw_and_link_within_it(browser, site):
    with served(site.root.parent) as url, offline_context(browser) as (context, blocked):
        page = context.new_page()
        errors = watch(page)
        page.goto(f"{url}/{site.root.name}/")
        page.wait_for_function(ALL_DRAWN, timeout=TIMEOUT_MS)
        page.get_by_role("navigation", name="Pages").get_by_role("link", name="Plan vs outcome").click()
        assert urlsplit(page.url).path == f"/{site.root.name}/plan-vs-outcome.html"
        page.wait_for_function(ALL_DRAWN, timeout=TIMEOUT_MS)
    assert errors == [] and blocked == []
