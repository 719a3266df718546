"""The snapshot with JavaScript turned off, as some newsrooms and readers browse, and as a printer
sees it: every chart is there, drawn at build time as an inline SVG of a real size, named by its
text alternative, with its data table; nothing on the page is broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from components.snapshot import Site, build_site
from tests.e2e.app_server import CHROMIUM, REPO

if not Path(CHROMIUM).is_file():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.e2e

NEXT = REPO / "tests" / "fixtures" / "next_edition"
# Per chart: the figure's name, the size of its drawing, and whether its data table is there.
CHARTS = """() => [...document.querySelectorAll('figure.chart')].map((figure) => {
  const drawing = figure.querySelector('[role="img"]');
  const svg = drawing && drawing.querySelector('svg');
  const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  return {name: drawing ? drawing.getAttribute('aria-label') : '', width: box.width, height: box.height,
          marks: svg ? svg.querySelectorAll('path, text').length : 0,
          table: figure.querySelectorAll('table tbody tr').length};
})"""
BROKEN_IMAGES = "() => [...document.images].filter((image) => !image.complete || image.naturalWidth === 0).length"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(tmp_path_factory.mktemp("snapshot") / "site", data=NEXT, languages=("en", "zh"))


def test_every_chart_shows_with_scripts_off(site: Site, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        seen = 0
        for name in site.pages:
            page.goto((site.root / name).as_uri())
            charts = page.evaluate(CHARTS)
            for chart in charts:
                assert chart["name"], f"{name}: a chart has no text alternative"
                assert chart["width"] > 200 and chart["height"] > 100, f"{name}: a chart is not drawn: {chart}"
                assert chart["marks"] > 5, f"{name}: a chart's drawing is empty"
                assert chart["table"] > 0, f"{name}: a chart has no data table"
            assert page.evaluate(BROKEN_IMAGES) == 0, f"{name}: a broken image"
            seen += len(charts)
        assert seen >= 10  # the fixture's site has charts on the front, plan, growth, theme and indicator pages
    finally:
        context.close()
