"""What a visitor meets when something goes wrong or the data holds markup: one short message
instead of a traceback, and every text from the data shown literally on every page."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from components.page_list import PAGES
from components.ui.cache import DATA_DIR_VARIABLE
from components.ui.layout import UNEXPECTED_ERROR
from tests.conftest import FIXTURE
from tests.e2e.app_server import CHROMIUM, REPO
from tests.e2e.conftest import FIXTURE_ENV, own_app

if not Path(CHROMIUM).is_file():
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)

pytestmark = pytest.mark.e2e

# The app with one page view made to fail. It must sit beside app.py: pages are found from the
# main script's folder.
BROKEN_APP = """
import runpy
from components.views import growth_rates

def broken(*args, **kwargs):
    raise RuntimeError("secret detail at /srv/monitor/components/views/growth_rates.py")

growth_rates.growth = broken
runpy.run_path("app.py", run_name="__main__")
"""


@pytest.fixture
def broken_app_script() -> Iterator[Path]:
    script = REPO / "_e2e_broken_app.py"
    script.write_text(BROKEN_APP, encoding="utf-8")
    try:
        yield script
    finally:
        script.unlink(missing_ok=True)


def test_an_unexpected_error_shows_one_short_message_and_no_traceback(browser, broken_app_script):
    with own_app(browser, "broken", script=broken_app_script, env=FIXTURE_ENV) as app:
        app.open("/growth-rates")
        main = app.page.locator('[data-testid="stMain"]')
        expect(main.get_by_text(UNEXPECTED_ERROR)).to_be_visible()
        assert app.page.locator('[data-testid="stException"]').count() == 0
        text = app.page.locator("body").inner_text()
        for secret in ("Traceback", "RuntimeError", "secret detail", "/srv/", str(REPO)):
            assert secret not in text, f"the visitor can read {secret!r}"
        app.screenshot("unexpected-error")
        app.go_to("Overview")  # the rest of the monitor still works
        assert app.on_page_problems() == []


# Markup a curator might paste by mistake, or an attacker on purpose.
LACE = " **bold** _em_ $x^2$ <b>html</b> [link](javascript:alert(1)) ![img](x.png) :material/warning:"


def laced_copy(folder: Path) -> None:
    """Add LACE to every free text in a copy of the fixture (not theme labels: links carry them)."""

    def lace(path: Path, key: str, fields: list[str]) -> None:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in document[key]:
            for field in fields:
                if isinstance(item.get(field), str):
                    item[field] += LACE
                elif isinstance(item.get(field), list):
                    item[field] = [text + LACE for text in item[field]]
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")

    lace(folder / "themes.yaml", "themes", ["description"])
    lace(folder / "indicators.yaml", "indicators", ["name", "description"])
    lace(folder / "sources.yaml", "sources", ["title", "outlet", "summary", "date_note", "other_figures"])
    for path in (folder / "observations").glob("*.yaml"):
        lace(path, "observations", ["note"])


# Elements that LACE would become if it were read as Markdown or HTML (the app's own bold headings
# around an escaped text are fine: their text is the whole escaped string).
MARKUP_FROM_DATA = """() => {
  const made = {STRONG: 'bold', EM: 'em', B: 'html', A: 'link'};
  const found = [];
  for (const root of document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebar"]')) {
    for (const el of root.querySelectorAll('strong, em, b, a, img, .katex, [data-testid="stIconMaterial"]')) {
      const text = el.textContent.trim();
      if (made[el.tagName] === text || el.tagName === 'IMG' && /x\\.png/.test(el.src)
          || el.classList.contains('katex') || (el.getAttribute('href') || '').startsWith('javascript')
          || text === 'warning') {
        found.push(el.outerHTML.slice(0, 120));
      }
    }
  }
  return found;
}"""


def test_markup_in_the_data_is_shown_as_text_on_every_page(browser, tmp_path):
    laced = tmp_path / "laced"
    shutil.copytree(FIXTURE, laced)
    laced_copy(laced)
    with own_app(browser, "laced", env={DATA_DIR_VARIABLE: str(laced)}) as app:
        for info in PAGES:
            app.open(info.path)
            assert app.on_page_problems() == [], info.name
            assert app.page.evaluate(MARKUP_FROM_DATA) == [], f"markup from the data rendered on {info.name}"
            assert app.log.dialogs == [], f"a script from the data ran on {info.name}"
            if info.name in ("themes", "data_and_sources", "plan_vs_outcome", "overview"):
                expect(
                    app.page.locator('[data-testid="stMain"]').get_by_text("**bold**").filter(visible=True).first
                ).to_be_visible()
        app.screenshot("laced-data")
