"""Benchmark: the static snapshot, built from the real data, against a bare Streamlit page.

    python -m bench.snapshot [--loads 9] [--json PATH]

Builds the site with the command a publisher runs (`python -m components.snapshot`, timed whole,
imports included) into a temporary folder and prints its pages, files and size by kind. Then loads
the snapshot's front page, over HTTP from `python -m http.server` and from file://, and the bare
Streamlit page (bench/bare_page.py), cold and warm, in shuffled rounds in the same run, and prints
each median ready time and its multiple of the bare page's, with a bootstrap interval.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bench import provenance
from bench.browser import MODES, Mode, Traffic, load_page
from bench.comparison import ratio_interval
from bench.servers import BARE, SCRIPTS
from tests.e2e.app_server import CHROMIUM, CHROMIUM_ARGS, REPO, free_port, serve

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

RATIO_TARGET = 0.5  # the snapshot's front page is ready in at most half the bare Streamlit page's time
LOAD_TIMEOUT_MS = 60_000
BARE_CHARTS = 1
BARE_TARGET, HTTP_TARGET, FILE_TARGET = "bare Streamlit page", "snapshot over HTTP", "snapshot from file://"

# Ready as bench.browser reads a Streamlit page: every chart holds an svg or canvas with a size.
# Returns null while waiting, or {ms, charts} from navigation start.
SNAPSHOT_READY_JS = """() => {
  if (document.readyState === 'loading') return null;
  const drawings = [...document.querySelectorAll('[data-chart-spec]')];
  for (const drawing of drawings) {
    const box = [...drawing.querySelectorAll('svg, canvas')].map((e) => e.getBoundingClientRect());
    if (!box.some((b) => b.width > 0 && b.height > 0)) return null;
  }
  return {ms: performance.now(), charts: drawings.length};
}"""


@dataclass(frozen=True)
class BuildFigures:
    seconds: float  # the whole command, wall clock
    cpu_seconds: float  # its CPU time, its image workers' included: what a busy machine does not stretch
    pages: int
    files: int
    bytes_by_kind: dict[str, int]  # html, assets, png, svg, pdf, csv, other

    @property
    def size(self) -> int:
        return sum(self.bytes_by_kind.values())


@dataclass(frozen=True)
class Figures:
    target: str
    mode: Mode
    ready_ms: float  # median
    ratio: float  # to the bare page's median, same mode
    ratio_interval: tuple[float, float]
    kilobytes: float  # median bytes received over HTTP (file:// loads count none)
    samples_ms: list[float]


def build(out: Path) -> BuildFigures:
    started, cpu_before = time.perf_counter(), _children_cpu()
    subprocess.run([sys.executable, "-m", "components.snapshot", str(out)], cwd=REPO, check=True, capture_output=True)
    seconds, cpu_seconds = time.perf_counter() - started, _children_cpu() - cpu_before
    sizes: Counter[str] = Counter()
    files = [path for path in out.rglob("*") if path.is_file()]
    for path in files:
        kind = "assets" if "assets" in path.relative_to(out).parts else path.suffix.lstrip(".") or "other"
        sizes[kind if kind in ("assets", "html", "png", "svg", "pdf", "csv") else "other"] += path.stat().st_size
    pages = len(json.loads((out / "snapshot.json").read_text())["pages"])
    return BuildFigures(seconds, cpu_seconds, pages, len(files), dict(sizes.most_common()))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # of every waited-for descendant
    return usage.ru_utime + usage.ru_stime


@contextlib.contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """`python -m http.server` on a free loopback port serving `folder`; stopped by its PID on leaving."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/index.html", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the static server did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def load_snapshot(context: BrowserContext, url: str) -> tuple[float, int]:
    """Open `url` in a new tab of `context`; its ready time in ms and the bytes it received over HTTP."""
    page = context.new_page()
    traffic = Traffic()
    try:
        cdp = context.new_cdp_session(page)
        cdp.on("Network.responseReceived", traffic.on_response)
        cdp.on("Network.loadingFinished", traffic.on_loading_finished)
        cdp.send("Network.enable")
        page.goto(url, wait_until="commit")
        ready = page.wait_for_function(SNAPSHOT_READY_JS, polling="raf", timeout=LOAD_TIMEOUT_MS).json_value()
        if not ready["charts"]:
            raise RuntimeError(f"{url} has no chart: the front page should draw one")
    finally:
        page.close()
    return ready["ms"], traffic.http_bytes


def browse(urls: dict[str, str], loads: int) -> dict[tuple[str, Mode], list[tuple[float, int]]]:
    """Each target `loads` times cold and warm, in a shuffled order each round, after one uncounted visit."""
    from playwright.sync_api import sync_playwright

    samples: dict[tuple[str, Mode], list[tuple[float, int]]] = {(t, m): [] for t in urls for m in MODES}
    order = random.Random(0)  # noqa: S311 - a fixed shuffle, not a secret
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm = {target: browser.new_context() for target in urls}

        def load(target: str, mode: Mode) -> tuple[float, int]:
            context = warm[target] if mode == "warm" else browser.new_context()
            try:
                if target == BARE_TARGET:
                    bare = load_page(context, urls[target], BARE_CHARTS)
                    return bare.ready_ms, bare.http_bytes
                return load_snapshot(context, urls[target])
            finally:
                if mode == "cold":
                    context.close()

        try:
            for target in urls:  # first visits: Streamlit's first run, the caches primed; not counted
                load(target, "warm")
            for _ in range(loads):
                jobs = [(target, mode) for target in urls for mode in MODES]
                order.shuffle(jobs)
                for target, mode in jobs:
                    samples[target, mode].append(load(target, mode))
        finally:
            browser.close()
    return samples


def figures(samples: dict[tuple[str, Mode], list[tuple[float, int]]]) -> list[Figures]:
    rows = []
    for (target, mode), loads in samples.items():
        times = [ms for ms, _ in loads]
        bare = [ms for ms, _ in samples[BARE_TARGET, mode]]
        rows.append(
            Figures(
                target, mode, statistics.median(times), statistics.median(times) / statistics.median(bare),
                ratio_interval(times, bare), statistics.median(size for _, size in loads) / 1000,
                [round(ms, 1) for ms in times],
            )
        )  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=9, help="loads per target and cache mode (median)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args()
    started, load_before = time.time(), os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-snapshot-") as folder:
        site = Path(folder) / "site"
        built = build(site)
        print(
            f"Build: {built.seconds:.1f} s for {built.pages} pages and {built.files} files, {built.size / 1e6:.2f} MB"
        )
        print("  by kind: " + ", ".join(f"{kind} {size / 1e6:.2f} MB" for kind, size in built.bytes_by_kind.items()))
        with serve(SCRIPTS[BARE]) as bare_url, static_server(site) as site_url:
            urls = {
                BARE_TARGET: bare_url + "/",
                HTTP_TARGET: site_url + "/",
                FILE_TARGET: (site / "index.html").as_uri(),
            }
            rows = figures(browse(urls, args.loads))

    print(f"\nFront page ready time: median of {args.loads} loads; cold = fresh browser context, warm = cache primed")
    header = f"{'target':<22} {'mode':<5} {'ready ms':>8} {'x bare':>6} {'90% range':>10} {'kB':>7}"
    print(header + "\n" + "-" * len(header))
    for row in sorted(rows, key=lambda row: (row.mode, row.target)):
        low, high = row.ratio_interval
        print(
            f"{row.target:<22} {row.mode:<5} {row.ready_ms:>8.0f} {row.ratio:>6.2f} {low:>4.2f}-{high:<5.2f} "
            f"{row.kilobytes:>7.1f}"
        )
    snapshot = [row for row in rows if row.target != BARE_TARGET]
    passed = all(row.ratio <= RATIO_TARGET for row in snapshot)
    print(
        f"\nTarget: the snapshot's front page within {RATIO_TARGET}x the bare page, cold and warm: "
        f"{'pass' if passed else 'FAIL'} (worst {max(row.ratio for row in snapshot):.2f}x). "
        f"{os.cpu_count()} CPUs, load average {load_before[0]:.1f} before and {os.getloadavg()[0]:.1f} after; "
        f"{time.time() - started:.0f} s."
    )
    if args.json:
        everything = {
            "commit": provenance.commit(),
            "uncommitted_changes": provenance.uncommitted_changes(),
            "machine": {"cpus": os.cpu_count(), "load_average": {"before": load_before, "after": os.getloadavg()}},
            "settings": {"loads": args.loads},
            "build": asdict(built) | {"size": built.size},
            "ready": [asdict(row) for row in rows],
            "target": RATIO_TARGET,
            "pass": passed,
        }
        args.json.write_text(json.dumps(everything, indent=2), encoding="utf-8")
        print(f"Wrote {args.json}")


if __name__ == "__main__":
    main()
