"""The sidebar on a 1366x768 laptop screen: the theme filter, the control the monitor is used for
most, is in sight without scrolling on every page and in both languages (issue 20). Screenshots of
the sidebar at that size go to test-artifacts/screenshots/sidebar_<lang>.png."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.i18n import languages
from components.page_list import PAGES
from tests.e2e.app_server import CHROMIUM
from tests.e2e.conftest import SCREENSHOTS, AppPage

if not Path(CHROMIUM).is_file():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1366, "height": 768}
THEME_FILTER = '[data-testid="stSidebar"] [data-testid="stMultiSelect"]'
# The sidebar's scrolling box: the filter must be in sight with it at the top, as a page opens.
SIDEBAR_SCROLL = """
() => [...document.querySelectorAll('[data-testid="stSidebar"] *')]
  .filter((e) => e.scrollHeight > e.clientHeight && getComputedStyle(e).overflowY !== 'visible')
  .map((e) => e.scrollTop)
"""


def open_on_a_laptop(app: AppPage, path: str, lang: str) -> None:
    app.page.set_viewport_size(LAPTOP)
    app.open(f"{path}?lang={lang}")
    app.page.locator(THEME_FILTER).wait_for()


def filter_bottom(app: AppPage) -> float:
    """Where the theme filter ends, in pixels from the top of the window, as the page opened."""
    assert all(top == 0 for top in app.page.evaluate(SIDEBAR_SCROLL)), "the sidebar is scrolled"
    box = app.page.locator(THEME_FILTER).bounding_box()
    assert box is not None, "the theme filter is not drawn"
    return box["y"] + box["height"]


@pytest.mark.parametrize("lang", list(languages()))
@pytest.mark.parametrize("info", PAGES, ids=[page.name for page in PAGES])
def test_the_theme_filter_ends_above_the_fold_on_a_laptop(app, info, lang):
    open_on_a_laptop(app, info.path, lang)
    bottom = filter_bottom(app)
    assert bottom <= LAPTOP["height"], f"the theme filter ends at {bottom:.0f} px on {info.path} in {lang}"
    if info.name == "overview":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        app.page.screenshot(path=SCREENSHOTS / f"sidebar_{lang}.png")


def test_the_check_fails_when_the_filter_is_pushed_below_the_fold(app):
    # The same measure, with the sidebar's content pushed down as more choices above the filter would.
    open_on_a_laptop(app, PAGES[0].path, "en")
    in_sight = filter_bottom(app)
    app.page.add_style_tag(content='[data-testid="stSidebarUserContent"] { padding-top: 800px !important; }')
    app.page.wait_for_timeout(200)  # let the layout settle
    assert filter_bottom(app) > LAPTOP["height"] >= in_sight
