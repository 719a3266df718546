"""Screenshots of the running app for the README, taken in headless Chromium:
    python scripts/take_screenshots.py [--dark] [--lang zh]
writes docs/screenshots/<page>[_<lang>][_dark].png (a light or dark colour scheme, in any interface language)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from components.i18n import DEFAULT_LANGUAGE, languages
from components.page_list import PAGES
from tests.e2e.app_server import CHROMIUM, CHROMIUM_ARGS, REPO, serve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dark", action="store_true", help="use the browser's dark colour scheme")
    parser.add_argument("--lang", choices=list(languages()), default=DEFAULT_LANGUAGE, help="the interface language")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serve() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="dark" if args.dark else "light")
        for info in PAGES:
            name = info.name
            page.goto(url + info.path + ("" if args.lang == DEFAULT_LANGUAGE else f"?lang={args.lang}"))
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
            page.wait_for_timeout(1000)  # let Vega finish drawing
            suffix = ("" if args.lang == DEFAULT_LANGUAGE else f"_{args.lang}") + ("_dark" if args.dark else "")
            page.screenshot(path=args.out / f"{name}{suffix}.png")
            print(f"saved {args.out / f'{name}{suffix}.png'}")
        browser.close()


if __name__ == "__main__":
    main()
