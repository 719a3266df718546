"""Accessibility in the browser. axe-core (pinned, tests/e2e/axe.py) finds no serious or critical
violation on any page, in the light and the dark theme, beyond those a bare Streamlit page (a title
and one chart) already has; and a keyboard alone reaches and operates the controls a reader uses:
the theme filter, the status pills, a chart's Download popover and its buttons, the Data table."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from components.data_layer import DataLayer
from components.page_list import PAGE_BY_NAME, PAGES
from components.views.overview import overview
from tests.conftest import choice_for
from tests.e2e.app_server import CHROMIUM, REPO, serve
from tests.e2e.axe import AXE_VERSION, axe_violations, describe, install
from tests.e2e.conftest import ARTIFACTS, DOWNLOAD_TIMEOUT_MS, AppPage, fail_on_problems, open_tab
from tests.e2e.test_browser import THEME, assert_charts_drawn, expected_chart_count, theme_label

if not Path(CHROMIUM).is_file():
    pytest.skip(
        f"Chromium not found at {CHROMIUM}; install it (apt-get install chromium) to run the browser tests",
        allow_module_level=True,
    )

pytestmark = pytest.mark.e2e

SCHEMES = ("light", "dark")
BARE_PAGE = REPO / "bench" / "bare_page.py"  # a title and one chart: Streamlit's own floor
# The stApp background's mean RGB channel: Streamlit's light theme is white, its dark one #171614.
DARK_BELOW, LIGHT_ABOVE = 64, 192
BACKGROUND = """
() => {
  const rgb = getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor.match(/\\d+/g);
  return (Number(rgb[0]) + Number(rgb[1]) + Number(rgb[2])) / 3;
}
"""
MAX_PRESSES = 60


@pytest.fixture(scope="module")
def axe_ready() -> None:
    try:
        install()
    except OSError as error:
        pytest.fail(f"axe-core {AXE_VERSION} is missing and could not be fetched ({error}): python -m tests.e2e.axe")


@contextlib.contextmanager
def tab_in(browser: Browser, base_url: str, scheme: str) -> Iterator[AppPage]:
    """A fresh context in the given colour scheme (Streamlit follows the system's, as a visitor's
    browser reports it); any browser error fails the test, as with the `app` fixture."""
    with open_tab(browser, base_url, color_scheme=scheme) as app_page:
        yield app_page
    fail_on_problems(app_page.log)


def assert_scheme(app: AppPage, scheme: str) -> None:
    """The page really is drawn in `scheme`, so the two runs do not check one theme twice."""
    brightness = app.page.evaluate(BACKGROUND)
    assert brightness < DARK_BELOW if scheme == "dark" else brightness > LIGHT_ABOVE, (scheme, brightness)


def rule_ids(violations: list[dict]) -> set[str]:
    return {violation["id"] for violation in violations}


@pytest.fixture(scope="module")
def bare_violations(browser: Browser, axe_ready: None) -> dict[str, list[dict]]:
    """The serious and critical violations of a bare Streamlit page, per colour scheme: what
    Streamlit itself brings, which the app is not asked to fix."""
    found = {}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(BARE_PAGE, log=ARTIFACTS / "e2e-server-bare-page.log") as url:
        for scheme in SCHEMES:
            with tab_in(browser, url, scheme) as bare:
                bare.open("/")
                assert_charts_drawn(bare, 1)
                assert_scheme(bare, scheme)
                found[scheme] = axe_violations(bare.page)
    print("\nBare Streamlit page:", {scheme: sorted(rule_ids(found[scheme])) for scheme in SCHEMES})
    return found


# --- axe-core on every page, light and dark ---------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("info", PAGES, ids=[page.name for page in PAGES])
def test_no_serious_violation_beyond_a_bare_streamlit_page(browser, app_url, layer, bare_violations, info, scheme):
    with tab_in(browser, app_url, scheme) as app:
        app.open(info.path)
        assert_charts_drawn(app, expected_chart_count(layer, info.name))
        assert_scheme(app, scheme)
        violations = axe_violations(app.page)

    own = [violation for violation in violations if violation["id"] not in rule_ids(bare_violations[scheme])]
    print(f"\n{info.name} ({scheme}): {len(violations)} serious or critical, {len(own)} beyond the bare page")
    assert not own, f"axe-core {AXE_VERSION} on {info.path} in the {scheme} theme:\n{describe(own)}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_open_downloads_and_data_table_add_no_serious_violation(browser, app_url, bare_violations, scheme):
    with tab_in(browser, app_url, scheme) as app:
        app.open(PAGE_BY_NAME["growth_rates"].path)
        app.open_data_table()
        app.open_chart_downloads()
        violations = axe_violations(app.page)

    own = [violation for violation in violations if violation["id"] not in rule_ids(bare_violations[scheme])]
    assert not own, f"axe-core {AXE_VERSION} with the chart's popover and table open ({scheme}):\n{describe(own)}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_scorecard_with_empty_statuses_adds_no_serious_violation(browser, app_url, layer, bare_violations, scheme):
    # Filtered to one theme, some statuses have no targets: their cards say so instead of linking.
    counts = {card.status: card.count for card in overview(layer, choice_for(layer, (THEME,))).scorecard}
    assert 0 in counts.values(), f"the fixture's {THEME} theme should leave a status empty: {counts}"
    with tab_in(browser, app_url, scheme) as app:
        app.open(f"/?theme={quote(theme_label(layer, THEME))}")
        assert app.chips() == [theme_label(layer, THEME)]
        violations = axe_violations(app.page)

    own = [violation for violation in violations if violation["id"] not in rule_ids(bare_violations[scheme])]
    assert not own, f"axe-core {AXE_VERSION} on the filtered Overview ({scheme}):\n{describe(own)}"


# --- the keyboard alone -----------------------------------------------------------------------------------------------


def is_focused(target: Locator) -> bool:
    return target.evaluate("(element) => element === document.activeElement")


def press_until(page: Page, key: str, target: Locator) -> None:
    """Press `key` (Tab, Shift+Tab, an arrow) until `target` has the focus; fail if it never does."""
    for _ in range(MAX_PRESSES):
        page.keyboard.press(key)
        if is_focused(target):
            return
    raise AssertionError(f"{MAX_PRESSES} presses of {key} never reached {target}")


def active_option(page: Page) -> str:
    """The text of the option the focused combobox has highlighted (its aria-activedescendant)."""
    return page.evaluate(
        """() => {
          const id = document.activeElement.getAttribute('aria-activedescendant');
          return id ? document.getElementById(id).innerText.trim() : '';
        }"""
    )


def test_keyboard_alone_reaches_and_operates_every_control(app, layer: DataLayer):
    page = app.page
    sidebar = page.locator('[data-testid="stSidebar"]')
    main = page.locator('[data-testid="stMain"]')
    label = theme_label(layer, "energy")
    app.open("/")
    assert_charts_drawn(app, expected_chart_count(layer, "overview"))

    # The theme filter: Tab to it, open its list and walk to a theme with the arrow keys, Enter picks it.
    themes = sidebar.get_by_role("combobox", name="Themes")
    press_until(page, "Tab", themes)
    for _ in range(MAX_PRESSES):
        page.keyboard.press("ArrowDown")
        if active_option(page) == label:
            break
    app.after_rerun(lambda: page.keyboard.press("Enter"))
    page.keyboard.press("Escape")
    assert app.chips() == [label]
    assert app.query.get("theme") in (["energy"], [label])
    assert_charts_drawn(app, expected_chart_count(layer, "overview", ("energy",)))

    # A chart's Download popover: Tab to it, Enter opens it, Tab to its CSV button, Enter downloads.
    downloads = main.locator('[data-testid="stPopover"] button').first
    press_until(page, "Tab", downloads)
    app.after_rerun(lambda: page.keyboard.press("Enter"))
    csv_button = page.locator('[data-testid="stPopoverBody"]').get_by_role("button", name="CSV", exact=True)
    expect(csv_button).to_have_count(1)  # the popover's buttons are built by the rerun that opening it starts
    press_until(page, "Tab", csv_button)
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv") and "energy" in download.value.suggested_filename
    page.keyboard.press("Escape")
    expect(page.locator('[data-testid="stPopoverBody"]')).to_be_hidden()

    # The Data table expander: Tab to its summary, Enter opens it and builds the table.
    summary = main.locator('[data-testid="stExpander"] summary').first
    press_until(page, "Tab", summary)
    app.after_rerun(lambda: page.keyboard.press("Enter"))
    expect(main.locator('[data-testid="stExpander"] table').first).to_be_visible()

    # Back up to the page menu with Shift+Tab, Enter follows the link; the filter comes along.
    plan_link = sidebar.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Plan vs outcome")
    press_until(page, "Shift+Tab", plan_link)
    app.after_rerun(lambda: page.keyboard.press("Enter"))
    assert app.path == PAGE_BY_NAME["plan_vs_outcome"].path
    assert app.chips() == [label]

    # The status pills: Tab reaches the first, Space picks it; the arrow keys move on, Enter adds another.
    pills = main.locator('[data-testid="stButtonGroup"] button[aria-pressed]')  # not the group's help button
    achieved, not_comparable = pills.filter(has_text="achieved"), pills.filter(has_text="not comparable")
    press_until(page, "Tab", achieved)
    app.after_rerun(lambda: page.keyboard.press("Space"))
    expect(achieved).to_have_attribute("aria-pressed", "true")
    assert app.query.get("status") == ["achieved"]
    expect(main.get_by_role("heading", name="not comparable")).to_have_count(0)
    press_until(page, "ArrowRight", not_comparable)
    app.after_rerun(lambda: page.keyboard.press("Enter"))
    expect(not_comparable).to_have_attribute("aria-pressed", "true")
    assert app.query.get("status") == ["achieved", "not comparable"]
    expect(main.get_by_role("heading", name="not comparable")).to_have_count(1)
    assert app.on_page_problems() == []
