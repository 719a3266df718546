"""The first visitors of a freshly started server get the whole app, whichever page they open first."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from components.page_list import PAGES
from tests.e2e.app_server import CHROMIUM

if not Path(CHROMIUM).is_file():
    pytest.skip(
        f"Chromium not found at {CHROMIUM}; install it (apt-get install chromium) to run the browser tests",
        allow_module_level=True,
    )

pytestmark = pytest.mark.e2e

APP_PATHS = [page.path for page in PAGES]


def test_first_visitors_get_the_app_frame(fresh_app):
    # Until a run reaches st.navigation, Streamlit treats an app with a folder named pages/ beside
    # its main script as a legacy folder app: a first deep link ran the page without the frame (no
    # theme filter, file-name navigation) and the next showed "Page not found". Fixed by moving the
    # pages to app_pages/; this keeps it fixed.
    problems = []
    fresh_app.open("/themes")
    if fresh_app.page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Themes").count() != 1:
        problems.append("/themes: no Themes filter in the sidebar")
    links = fresh_app.page.locator('[data-testid="stSidebarNavLink"]')
    paths = [urlsplit(href).path for href in links.evaluate_all("(links) => links.map((a) => a.href)")]
    if paths != APP_PATHS:
        problems.append(f"/themes: sidebar links to {paths}, not the app's pages")

    fresh_app.open("/plan-vs-outcome")
    problems += [f"/plan-vs-outcome: {problem}" for problem in fresh_app.on_page_problems()]
    problems += fresh_app.log.errors + fresh_app.log.dialogs

    assert problems == []
