"""Page loads in headless Chromium: one load's ready time, bytes and phases, and the shuffled rounds
of cold and warm loads over every target, with the servers' usage read between them."""

from __future__ import annotations

import base64
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from bench.servers import Server, ServerFigures, ServerWatch
from bench.targets import Target
from tests.e2e.app_server import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

Mode = Literal["cold", "warm"]  # cold: a fresh browser context per load; warm: the HTTP cache primed
MODES: tuple[Mode, ...] = ("cold", "warm")
LOAD_TIMEOUT_MS = 60_000
SETTLE_MS = 250  # after a page is ready, frames still in flight (script_finished) are counted too

# The page is ready when the script has finished and every chart has drawn something with a size.
# Returns null while waiting, or {ms, charts, error} once ready (or once Streamlit shows an error).
READY_JS = """(expectedCharts) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const exception = document.querySelector('[data-testid="stException"]');
  if (exception) return {ms: performance.now(), charts: 0, error: exception.innerText.slice(0, 500)};
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return null;
  const embeds = [...document.querySelectorAll('.vega-embed')];
  if (embeds.length < expectedCharts) return null;
  for (const embed of embeds) {
    const drawing = embed.querySelector('canvas, svg');
    if (!drawing) return null;
    const box = drawing.getBoundingClientRect();
    if (!(box.width > 0 && box.height > 0)) return null;
  }
  return {ms: performance.now(), charts: embeds.length, error: false, socket: {...window.__benchSocket}};
}"""

# Runs before the page's own scripts: notes when Streamlit's websocket opens and when its first and
# latest messages arrive (listeners added here run before Streamlit's own), to split a load into
# booting the frontend, the server's answer, and drawing.
SOCKET_CLOCK_JS = """(() => {
  const clock = window.__benchSocket = {open: null, first: null, last: null};
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => { clock.open ??= performance.now(); });
      this.addEventListener('message', () => { clock.last = performance.now(); clock.first ??= clock.last; });
    }
  };
})();"""


@dataclass(frozen=True)
class Load:
    """One page load in the browser; times in ms from navigation start."""

    ready_ms: float
    http_bytes: int  # encoded (on-the-wire) bytes of every HTTP response, headers included
    ws_bytes: int  # payload bytes of every websocket frame the browser received
    spec_json_bytes: int  # Vega-Lite spec JSON in the chart deltas received
    chart_data_bytes: int  # Arrow datasets in the chart deltas received
    script_runs: int  # script_finished messages received
    charts: int
    socket_open_ms: float  # Streamlit's websocket open: the frontend has booted
    last_message_ms: float  # the last websocket message before the page was ready
    renderer_cpu_ms: float  # CPU time of the page's renderer main thread until ready (CDP ThreadTime)
    renderer_script_ms: float  # time spent running JavaScript until ready (CDP ScriptDuration)
    ws_bytes_by_kind: dict[str, int] = field(default_factory=dict)
    http_bytes_by_url: dict[str, int] = field(default_factory=dict)

    @property
    def boot_ms(self) -> float:
        return self.socket_open_ms

    @property
    def server_ms(self) -> float:  # rerun request, script run and deltas, as the browser sees them
        return self.last_message_ms - self.socket_open_ms

    @property
    def draw_ms(self) -> float:
        return self.ready_ms - self.last_message_ms

    @property
    def total_bytes(self) -> int:
        return self.http_bytes + self.ws_bytes


class Traffic:
    """Counts what one page receives, from Chrome DevTools Protocol network events."""

    def __init__(self) -> None:
        self.http_bytes = 0
        self.ws_bytes = 0
        self.spec_json_bytes = 0
        self.chart_data_bytes = 0
        self.script_runs = 0
        self.by_kind: Counter[str] = Counter()
        self.urls: dict[str, str] = {}
        self.by_url: Counter[str] = Counter()

    def on_response(self, event: dict[str, Any]) -> None:
        self.urls[event["requestId"]] = event["response"]["url"].split("?")[0]

    def on_loading_finished(self, event: dict[str, Any]) -> None:
        size = int(event.get("encodedDataLength", 0))
        self.http_bytes += size
        self.by_url[self.urls.get(event["requestId"], "?").rsplit("/", 1)[-1]] += size

    def on_frame(self, event: dict[str, Any]) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        response = event["response"]
        if response["opcode"] != 2:  # Streamlit's messages are binary; count any text frame as-is
            payload = response["payloadData"].encode()
            self.ws_bytes += len(payload)
            self.by_kind["text"] += len(payload)
            return
        payload = base64.b64decode(response["payloadData"])
        self.ws_bytes += len(payload)
        message = ForwardMsg()
        message.ParseFromString(payload)
        kind: str = message.WhichOneof("type") or "unknown"
        if kind == "script_finished":
            self.script_runs += 1
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            kind = f"element:{element.WhichOneof('type')}"
            if element.HasField("vega_lite_chart"):
                chart = element.vega_lite_chart
                self.spec_json_bytes += len(chart.spec.encode())
                self.chart_data_bytes += len(chart.data.data) + sum(len(d.data.data) for d in chart.datasets)
        self.by_kind[kind] += len(payload)


def load_page(context: BrowserContext, url: str, charts: int) -> Load:
    """Open `url` in a new tab of `context`, wait until it is ready, and count what it received."""
    page = context.new_page()
    page.add_init_script(SOCKET_CLOCK_JS)
    traffic = Traffic()
    try:
        cdp = context.new_cdp_session(page)
        cdp.on("Network.responseReceived", traffic.on_response)
        cdp.on("Network.loadingFinished", traffic.on_loading_finished)
        cdp.on("Network.webSocketFrameReceived", traffic.on_frame)
        cdp.send("Network.enable")
        cdp.send("Performance.enable")
        page.goto(url, wait_until="commit")
        ready = page.wait_for_function(READY_JS, arg=charts, polling="raf", timeout=LOAD_TIMEOUT_MS).json_value()
        # Each navigation gets a fresh renderer process here, so these count this page's work only.
        metrics = {metric["name"]: metric["value"] for metric in cdp.send("Performance.getMetrics")["metrics"]}
        if ready["error"]:
            raise RuntimeError(f"{url} shows an exception: {ready['error']}")
        if ready["charts"] != charts:
            raise RuntimeError(f"{url} drew {ready['charts']} charts, AppTest built {charts}")
        page.wait_for_timeout(SETTLE_MS)
    finally:
        page.close()
    return Load(
        ready_ms=ready["ms"],
        http_bytes=traffic.http_bytes,
        ws_bytes=traffic.ws_bytes,
        spec_json_bytes=traffic.spec_json_bytes,
        chart_data_bytes=traffic.chart_data_bytes,
        script_runs=traffic.script_runs,
        charts=ready["charts"],
        socket_open_ms=ready["socket"]["open"],
        last_message_ms=ready["socket"]["last"],
        renderer_cpu_ms=1000 * metrics["ThreadTime"],
        renderer_script_ms=1000 * metrics["ScriptDuration"],
        ws_bytes_by_kind=dict(traffic.by_kind.most_common()),
        http_bytes_by_url=dict(traffic.by_url.most_common(12)),
    )


@dataclass(frozen=True)
class Browsing:
    """Every load of a run: the counted ones by target and mode, the uncounted first visits, and the servers."""

    samples: dict[tuple[Target, Mode], list[Load]]
    first_visits: dict[Target, Load]
    servers: dict[Server, ServerFigures]

    def loads(self, target: Target, mode: Mode) -> list[Load]:
        return self.samples[target, mode]


def browse(targets: list[Target], urls: dict[Server, str], charts: dict[str, int], loads: int) -> Browsing:
    """Load every target `loads` times cold and `loads` times warm, interleaved in a shuffled
    order each round so that load on the machine falls on every page alike.

    `charts` gives, by target name, how many charts AppTest saw the page build: it is ready when as many have drawn.
    """
    from playwright.sync_api import sync_playwright

    samples: dict[tuple[Target, Mode], list[Load]] = {(t, mode): [] for t in targets for mode in MODES}
    first_visits: dict[Target, Load] = {}
    watch = ServerWatch(urls)
    order = random.Random(0)  # noqa: S311 - a fixed shuffle, not a secret
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # One context per server keeps its HTTP cache between warm loads.
        warm = {server: browser.new_context() for server in urls}

        def load(target: Target, mode: Mode) -> Load:
            url, expected = urls[target.server] + target.path, charts[target.name]
            context = warm[target.server] if mode == "warm" else browser.new_context()  # fresh: nothing cached
            try:
                return load_page(context, url, expected)
            except Exception as error:
                raise RuntimeError(f"{target.server}, {target.name}, {mode} load: {error}") from error
            finally:
                if mode == "cold":
                    context.close()

        try:
            # The first visit after start-up pays for imports and the data layer's first load; it
            # also primes the warm contexts. Reported apart, not in the medians.
            for target in targets:
                first_visits[target] = load(target, "warm")
            watch.first_visits_done()
            for _ in range(loads):
                jobs = [(target, mode) for target in targets for mode in MODES]
                order.shuffle(jobs)
                for target, mode in jobs:
                    samples[target, mode].append(load(target, mode))
            watch.loads_done()
        finally:
            browser.close()
    counted = Counter(target.server for target, _ in samples for _ in range(loads))
    return Browsing(samples, first_visits, watch.figures(dict(counted)))
