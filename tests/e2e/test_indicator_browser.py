"""The Indicator page in Chromium as a reader meets it: opened from its link, its history chart drawn,
its sources linked to their addresses, and reached from a promise on the plan page with the language
kept; with no browser error."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.app_server import CHROMIUM

if not Path(CHROMIUM).is_file():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.e2e


def test_the_indicator_page_opens_from_its_link_with_its_chart_and_linked_sources(app):
    app.open("/indicator?indicator=clean_power_share")
    main = app.page.locator('[data-testid="stMain"]')
    assert main.get_by_role("heading", name="Indicator").is_visible()
    assert app.wait_for_charts(1) == [True]
    sources = main.locator("table a[href^='https://example.org/fixtures/']")
    assert sources.count() == 2  # the target's and the outcome's source, each a link to where it was read
    assert app.query.get("indicator") == ["clean_power_share"]
    assert app.on_page_problems() == []


def test_a_promise_on_the_plan_page_leads_to_its_indicator_in_the_same_language(app):
    app.open("/plan-vs-outcome?lang=zh")
    link = app.page.locator('[data-testid="stMain"] table a[href*="indicator=clean_power_share"]').first
    # Streamlit opens a Markdown link in a new tab: the reader keeps their place on the plan page.
    with app.page.context.expect_page() as opened:
        link.click()
    indicator_tab = opened.value
    indicator_tab.wait_for_load_state()
    query = parse_qs(urlsplit(indicator_tab.url).query)
    assert urlsplit(indicator_tab.url).path == "/indicator"
    assert query.get("indicator") == ["clean_power_share"] and query.get("lang") == ["zh"]
    heading = indicator_tab.locator('[data-testid="stMain"]').get_by_role("heading", name="指标").first
    heading.wait_for(state="visible", timeout=60_000)
    indicator_tab.locator(
        '[data-testid="stMain"] .vega-embed svg, [data-testid="stMain"] .vega-embed canvas'
    ).first.wait_for(state="visible", timeout=60_000)
