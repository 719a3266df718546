"""Fixtures for the browser tests: one app server and one headless Chromium for the whole session,
and per test a fresh browser context wrapped in `AppPage`, which drives the app the way a user
does and fails the test on any browser error except the framework's own probe noise."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from google.protobuf.message import DecodeError
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Locator, Page, Response, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from components.data_layer import DataLayer, load_data_layer
from components.ui.cache import DATA_DIR_VARIABLE
from tests.conftest import FIXTURE
from tests.e2e.app_server import CHROMIUM, CHROMIUM_ARGS, REPO, serve

# The browser tests drive the app on the small fixture data, like the AppTest page tests.
FIXTURE_ENV = {DATA_DIR_VARIABLE: str(FIXTURE)}

ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CONSOLE_LOG = ARTIFACTS / "e2e-console.log"

VIEWPORT = {"width": 1400, "height": 900}
MAX_SCREENSHOT_HEIGHT = 6000
TIMEOUT_MS = 30_000
# Rendering an image export is the slowest thing a click does (vl-convert, cold on first use).
DOWNLOAD_TIMEOUT_MS = 60_000

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
RERUN_INTERRUPTED = ForwardMsg.FINISHED_EARLY_FOR_RERUN
CHARTS_DRAWN = """
() => [...document.querySelectorAll('.vega-embed')].map((embed) => {
  const boxes = [...embed.querySelectorAll('canvas, svg')].map((e) => e.getBoundingClientRect());
  return boxes.some((box) => box.width > 0 && box.height > 0);
})
"""
Y_AXIS_LABELS = """
(embed) => {
  const axis = [...embed.querySelectorAll('.role-axis')]
    .find((g) => (g.getAttribute('aria-label') || '').startsWith('Y-axis'));
  return axis ? [...axis.querySelectorAll('.role-axis-label text')].map((t) => t.textContent) : [];
}
"""
# The frontend of a sub-page (e.g. /themes) probes <page path>/_stcore/health and host-config, gets
# 404 and logs it; the real endpoints live at /_stcore/. Only exactly that is forgiven.
PROBE_404_TEXT = "Failed to load resource: the server responded with a status of 404 (Not Found)"
PROBE_ENDPOINTS = {"/_stcore/health", "/_stcore/host-config"}


@dataclass
class BrowserLog:
    """What the browser said during one test, sorted into what fails it and what is only noted."""

    errors: list[str] = field(default_factory=list)
    forgiven: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


class AppPage:
    """One browser tab on the app, with the steps and look-ups the tests share."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.log = BrowserLog()
        self.finished_runs = 0
        page.on("websocket", lambda socket: socket.on("framereceived", self._on_frame))
        page.on("console", self._on_console)
        page.on("response", self._on_response)
        page.on("pageerror", lambda error: self.log.errors.append(f"uncaught page error: {error}"))
        page.on("dialog", self._on_dialog)

    # --- browser events --------------------------------------------------------------------------------------------

    def _is_probe(self, url: str) -> bool:
        """A request for <current sub-page path>/_stcore/<endpoint> on this app's server."""
        page_path = urlsplit(self.page.url).path.rstrip("/")
        if not page_path or not url.startswith(self.base_url + page_path + "/"):
            return False
        return urlsplit(url).path[len(page_path) :] in PROBE_ENDPOINTS and not urlsplit(url).query

    def _on_console(self, message: ConsoleMessage) -> None:
        source = message.location.get("url", "")
        line = f"{message.type}: {message.text} [{source}]"
        if message.type == "error":
            forgiven = message.text == PROBE_404_TEXT and self._is_probe(source)
            (self.log.forgiven if forgiven else self.log.errors).append(line)
        elif message.type == "warning":
            self.log.warnings.append(line)

    def _on_response(self, response: Response) -> None:
        if response.status < 400:
            return
        line = f"HTTP {response.status}: {response.url}"
        forgiven = response.status == 404 and self._is_probe(response.url)
        (self.log.forgiven if forgiven else self.log.errors).append(line)

    def _on_frame(self, payload: bytes | str) -> None:
        # The app's idle flag is no clock: a quick rerun can pass without the DOM ever showing
        # "running", so a run is known to be over by the server's own script_finished message.
        if not isinstance(payload, bytes):
            return
        message = ForwardMsg()
        try:
            message.ParseFromString(payload)
        except DecodeError:
            return
        if message.WhichOneof("type") == "script_finished" and message.script_finished != RERUN_INTERRUPTED:
            self.finished_runs += 1

    def _on_dialog(self, dialog: Dialog) -> None:
        # A dialog means script from the page (or a link) ran: always a failure, never a wait.
        self.log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    # --- moving around ---------------------------------------------------------------------------------------------

    def open(self, path: str) -> None:
        """Load `path` (with any query) from scratch and wait until the script has run and drawn."""
        self.after_rerun(lambda: self.page.goto(self.base_url + path))

    def reload(self) -> None:
        self.after_rerun(self.page.reload)

    def after_rerun(self, action: Callable[[], object]) -> None:
        """Do `action` (a load, or a click that reruns the script) and wait until that run has
        finished and the page shows its result."""
        runs = self.finished_runs
        action()
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while self.finished_runs <= runs:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no script run finished within {TIMEOUT_MS} ms on {self.page.url}")
            self.page.wait_for_timeout(50)  # lets Playwright deliver the websocket frames
        self.page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
        self.page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=TIMEOUT_MS)
        # One more painted frame, so React has applied the run's last messages.
        self.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")

    def go_to(self, title: str) -> None:
        """Follow the sidebar navigation link titled `title`."""
        link = self.page.locator('[data-testid="stSidebarNavLink"]').filter(
            has=self.page.get_by_text(title, exact=True)
        )
        self.after_rerun(link.click)

    def select_themes(self, *labels: str) -> None:
        """Pick themes in the sidebar's "Themes" multiselect: type each name, click its option."""
        box = self.page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Themes")
        for label in labels:
            # Typing first leaves a short list: a click on an option in the long, still-open list just
            # after the previous pick's rerun was sometimes lost (about 1 pick in 30).
            box.fill(label)
            self.after_rerun(self.page.get_by_role("option", name=label, exact=True).click)
        self.page.keyboard.press("Escape")

    def choose_edition(self, day: str) -> None:
        """Pick the edition of `day` (YYYY-MM-DD) in the sidebar's "As of" selectbox, whose options
        read "YYYY-MM-DD · short title"."""
        self.page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="As of").click()
        option = self.page.get_by_role("option").filter(has_text=re.compile(rf"^{re.escape(day)} · "))
        self.after_rerun(option.click)

    # --- reading the page ------------------------------------------------------------------------------------------

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.page.url).query, keep_blank_values=True)

    @property
    def path(self) -> str:
        return urlsplit(self.page.url).path

    def chips(self) -> list[str]:
        """The themes shown as selected in the sidebar filter."""
        tags = self.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] [data-tag]')
        return [text.strip() for text in tags.all_inner_texts()]

    def charts(self) -> Locator:
        return self.page.locator(".vega-embed")

    def wait_for_charts(self, expected: int) -> list[bool]:
        """Wait until `expected` charts are on the page and each has drawn; return, per chart,
        whether it has a canvas or svg of non-zero size (the caller asserts)."""
        # On a timeout the caller's assertion says what is wrong better than the timeout would.
        with contextlib.suppress(PlaywrightTimeoutError):
            self.page.wait_for_function(
                f"(n) => {{ const drawn = ({CHARTS_DRAWN})(); return drawn.length === n && drawn.every(Boolean); }}",
                arg=expected,
                timeout=TIMEOUT_MS,
            )
        return self.page.evaluate(CHARTS_DRAWN)

    def y_axis_labels(self, chart: int = 0) -> list[str]:
        return self.charts().nth(chart).evaluate(Y_AXIS_LABELS)

    def view(self) -> tuple[str, list[list[str]]]:
        """What the main area shows, to compare two moments: its text and each chart's row labels
        (drawn in SVG, so not in the text)."""
        rows = [self.y_axis_labels(index) for index in range(self.charts().count())]
        return self.page.locator('[data-testid="stMain"]').inner_text(), rows

    def warnings(self) -> list[str]:
        return self.page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()

    def on_page_problems(self) -> list[str]:
        """What a user would see go wrong: exception boxes, error alerts, modal dialogs."""
        problems = []
        for selector, what in [
            ('[data-testid="stException"]', "exception box"),
            ('[data-testid="stAlertContentError"]', "error alert"),
            ('[role="dialog"]', "modal dialog"),
        ]:
            problems += [f"{what}: {text.strip()[:300]}" for text in self.page.locator(selector).all_inner_texts()]
        return problems

    def open_chart_downloads(self, chart: int = 0) -> None:
        """Open the Download popover under the `chart`-th chart: its buttons are built by the rerun
        that opening it starts."""
        popover = self.page.locator('[data-testid="stPopover"] button').nth(chart)
        self.after_rerun(popover.click)
        self.page.locator('[data-testid="stPopoverBody"] [data-testid="stDownloadButton"]').first.wait_for()

    def open_data_table(self, chart: int = 0) -> Locator:
        """Open the Data table expander under the `chart`-th chart and return its drawn table."""
        expander = self.page.locator('[data-testid="stExpander"]').nth(chart)
        self.after_rerun(expander.locator("summary").click)
        table = expander.locator("table")
        table.wait_for()
        return table

    def download(self, label: str) -> tuple[str, bytes]:
        """Click the first download button labelled `label` and return the file's name and bytes."""
        buttons = self.page.locator('[data-testid="stDownloadButton"] button')
        button = buttons.filter(has=self.page.get_by_text(label, exact=True)).first
        with self.page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
            button.click()
        download = info.value
        return download.suggested_filename, Path(download.path()).read_bytes()

    def screenshot(self, name: str) -> Path:
        """A full-height picture of the page: Streamlit scrolls inside stMain, so the viewport is
        made as tall as that element's content first (capped), then put back."""
        height = self.page.locator('[data-testid="stMain"]').evaluate("(main) => main.scrollHeight")
        self.page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(height, 1), MAX_SCREENSHOT_HEIGHT)})
        self.page.wait_for_timeout(300)  # let the layout settle at the new height
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=path, full_page=True)
        self.page.set_viewport_size(VIEWPORT)
        return path


@pytest.fixture(scope="session")
def layer() -> DataLayer:
    """The same data the app loads, for deriving what each page should show."""
    return load_data_layer(FIXTURE)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():  # the test modules skip first; this guards any newcomer
        pytest.skip(f"Chromium not found at {CHROMIUM}; install it (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The app served once for the session, its log in test-artifacts/e2e-server.log."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(log=ARTIFACTS / "e2e-server.log", env=FIXTURE_ENV) as url:
        yield url


@contextlib.contextmanager
def own_app(
    browser: Browser, name: str, *, script: Path = REPO / "app.py", env: dict[str, str] = FIXTURE_ENV
) -> Iterator[AppPage]:
    """A tab on an app server of its own (a few seconds to start), its log in test-artifacts/e2e-server-<name>.log."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(script, log=ARTIFACTS / f"e2e-server-{name}.log", env=env) as url, open_tab(browser, url) as app_page:
        yield app_page


@pytest.fixture
def fresh_app(browser: Browser) -> Iterator[AppPage]:
    """A tab on an app server of its own that nobody has visited yet."""
    with own_app(browser, "fresh") as app_page:
        yield app_page


@pytest.fixture(scope="session")
def console_report() -> Iterator[list[str]]:
    """Every forgiven console message and warning of the session, written to test-artifacts/."""
    lines: list[str] = []
    yield lines
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    CONSOLE_LOG.write_text("\n".join(lines) + "\n", encoding="utf-8")


@contextlib.contextmanager
def open_tab(browser: Browser, base_url: str, **context_options: Any) -> Iterator[AppPage]:
    """A fresh browser context (with `context_options`, e.g. color_scheme) and one tab on the app;
    closed on exit. Its `log` keeps what the browser reported, for `fail_on_problems`."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield AppPage(context.new_page(), base_url)
    finally:
        context.close()


def fail_on_problems(log: BrowserLog) -> None:
    """Any browser error or JS dialog fails the test."""
    problems = log.errors + [f"JS dialog opened: {text}" for text in log.dialogs]
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems))


@pytest.fixture
def app(browser: Browser, app_url: str, console_report: list[str], request: pytest.FixtureRequest) -> Iterator[AppPage]:
    """A fresh context and tab; after the test, any browser error or JS dialog fails it."""
    with open_tab(browser, app_url) as app_page:
        yield app_page
    log = app_page.log
    console_report += [f"{request.node.nodeid} forgiven {line}" for line in log.forgiven]
    console_report += [f"{request.node.nodeid} {line}" for line in log.warnings]
    fail_on_problems(log)
