"""Where a page's browser time goes: Chromium's sampling profiler over warm loads of one app page
and of the bare page, summed by script file (and optionally by function), until each is ready.

    python -m bench.browser_profile                     # the Overview, 5 warm loads each
    python -m bench.browser_profile --page /growth-rates --loads 9 --functions 20

A load is ready by bench.browser's rule (script finished, every chart drawn). "(program)" is the
renderer's own work outside JavaScript (style, layout, paint); "(idle)" the main thread waiting.
"""

from __future__ import annotations

import argparse
import contextlib
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bench.browser import LOAD_TIMEOUT_MS, READY_JS, SOCKET_CLOCK_JS
from bench.reruns import script_figures
from bench.servers import APP_REPO_CONFIG, BARE, SCRIPTS
from bench.targets import BARE_PAGE, app_targets
from tests.e2e.app_server import CHROMIUM, CHROMIUM_ARGS, serve

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

SAMPLING_INTERVAL_US = 200
WARMUPS = 2  # uncounted loads first, so the HTTP cache and V8's code cache are primed as in a warm load


@dataclass
class Profile:
    """Summed self time in ms over `loads` loads, by script file and by function."""

    loads: int = 0
    by_script: Counter[str] = field(default_factory=Counter)
    by_function: Counter[str] = field(default_factory=Counter)

    def add(self, profile: dict[str, Any]) -> None:
        nodes = {node["id"]: node["callFrame"] for node in profile["nodes"]}
        for sample, delta_us in zip(profile["samples"], profile["timeDeltas"], strict=True):
            frame = nodes[sample]
            script = frame["url"].rsplit("/", 1)[-1] or frame["functionName"] or "?"
            self.by_script[script] += delta_us / 1000
            self.by_function[f"{frame['functionName'] or '(anonymous)'} in {script}:{frame['lineNumber']}"] += (
                delta_us / 1000
            )
        self.loads += 1


def profiled_load(context: BrowserContext, url: str, charts: int) -> dict[str, Any]:
    page = context.new_page()
    page.add_init_script(SOCKET_CLOCK_JS)  # READY_JS reads its clock
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": SAMPLING_INTERVAL_US})
        cdp.send("Profiler.start")
        page.goto(url, wait_until="commit")
        page.wait_for_function(READY_JS, arg=charts, polling="raf", timeout=LOAD_TIMEOUT_MS)
        return cdp.send("Profiler.stop")["profile"]
    finally:
        page.close()


def print_profile(name: str, profile: Profile, bare: Profile, scripts: int, functions: int) -> None:
    def per_load(counter: Counter[str], key: str, loads: int) -> float:
        return counter[key] / loads if loads else 0.0

    print(f"\n{name}: self time in ms per warm load (mean of {profile.loads} loads), beside the bare page")
    print(f"{'script':48} {'page':>8} {'bare':>8}")
    for script, _ in profile.by_script.most_common(scripts):
        page_ms = per_load(profile.by_script, script, profile.loads)
        print(f"{script[:48]:48} {page_ms:8.1f} {per_load(bare.by_script, script, bare.loads):8.1f}")
    total = sum(profile.by_script.values()) / profile.loads
    bare_total = sum(bare.by_script.values()) / bare.loads
    print(f"{'all, until ready':48} {total:8.1f} {bare_total:8.1f}")
    if functions:
        print(f"\n{'function (self time)':90} {'page':>8}")
        for function, ms in profile.by_function.most_common(functions):
            print(f"{function[:90]:90} {ms / profile.loads:8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="/", help="the app page's URL path, e.g. /growth-rates (default: Overview)")
    parser.add_argument("--loads", type=int, default=5, help="counted warm loads of each page")
    parser.add_argument("--scripts", type=int, default=14, help="script files to list")
    parser.add_argument("--functions", type=int, default=0, help="functions of the app page to list by self time")
    args = parser.parse_args()

    target = next((t for t in app_targets(APP_REPO_CONFIG) if t.path == args.page), None)
    if target is None:
        parser.error(
            f"no page at {args.page}; the pages are at {', '.join(t.path for t in app_targets(APP_REPO_CONFIG))}"
        )
    charts = script_figures(target, reruns=1, warmups=0).charts  # as many charts as AppTest sees the page build
    from playwright.sync_api import sync_playwright

    profiles = {BARE_PAGE.name: Profile(), target.name: Profile()}
    with contextlib.ExitStack() as stack:
        urls = {
            BARE_PAGE.name: stack.enter_context(serve(SCRIPTS[BARE])) + BARE_PAGE.path,
            target.name: stack.enter_context(serve(SCRIPTS[APP_REPO_CONFIG])) + target.path,
        }
        expected = {BARE_PAGE.name: 1, target.name: charts}
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        contexts = {name: browser.new_context() for name in urls}
        for name in urls:
            for _ in range(WARMUPS):
                profiled_load(contexts[name], urls[name], expected[name])
        for _ in range(args.loads):  # alternate, so load on the machine falls on both alike
            for name in urls:
                profiles[name].add(profiled_load(contexts[name], urls[name], expected[name]))
    print_profile(target.name, profiles[target.name], profiles[BARE_PAGE.name], args.scripts, args.functions)


if __name__ == "__main__":
    main()
