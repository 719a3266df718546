"""Benchmark: many visitors arriving at once, on one Streamlit server reached directly and on two
replicas behind HAProxy (scripts/run_cluster.sh), in the same run.

    python -m bench.cluster [--client browser|socket] [--visitors 20 50 100] [--browsers 4] [--page overview]

For each number of visitors and each setup, that many new visitors (nothing cached) open the page at
the same moment, and each one's time runs from that moment until its page is done:
  browser  headless Chromium, one fresh context per visitor, `--browsers` processes shared: until
           the page is drawn (the script run finished and every chart drawn, bench.browser's rule).
  socket   a replay of what such a browser asks the server for, recorded from a real visit first:
           the same files over one keep-alive connection, the websocket with the same rerun
           request, until the script run's last message and every file are in. Nothing is drawn,
           so the machine's CPU goes to the servers: what a second replica changes shows.
Prints the median and the 95th percentile, the CPU time the servers and the whole machine spent, and
how the proxy split the visitors. bench/README.md says what limits the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import http.cookies
import json
import math
import os
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from bench.browser import READY_JS
from bench.servers import APP, ProcessUsage, server_pid
from components.page_list import PAGE_BY_NAME
from tests.e2e.app_server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    consecutive_free_ports,
    free_port,
    serve,
    wait_until_healthy,
)

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer
    from playwright.async_api import Page
    from playwright.sync_api import Page as SyncPage

Setup = Literal["one replica", "two replicas + HAProxy"]
ONE: Setup = "one replica"
TWO: Setup = "two replicas + HAProxy"
Client = Literal["browser", "socket"]
TIMEOUT_S = 300  # a visitor that waits longer counts as failed
POLL_MS = 50  # how often each browser page checks whether it is drawn: those figures' resolution
SETTLE_S = 5.0  # between bursts, for the last one's processes and sessions to wind down
# What Chromium sends, so that the server compresses what it would for a browser.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"


@dataclass(frozen=True)
class Served:
    """A setup being served: its URL, and the PIDs of its Streamlit processes and of its proxy."""

    url: str
    pids: list[int]
    proxy_pids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Recording:
    """What a browser's first visit to the page asked the server for, to replay without a browser."""

    charts: int
    before_socket: list[str]  # paths, in order, requested before the websocket opened
    after_socket: list[str]  # requested after (the chunks of the elements the page draws)
    rerun: bytes  # the BackMsg the browser sent on connecting: run the script for this page


@dataclass
class Outcome:
    """What the visitors of one burst got."""

    ready_s: list[float] = field(default_factory=list)  # per visitor that got its page, from the moment all were sent
    failures: list[str] = field(default_factory=list)
    replicas: Counter[str] = field(default_factory=Counter)  # visitors per SERVERID cookie


@dataclass(frozen=True)
class Burst:
    """One burst of visitors on one setup, with the CPU time spent while it lasted."""

    setup: Setup
    client: Client
    visitors: int
    ready_s: list[float]
    failed: int
    server_cpu_s: float  # the Streamlit processes'
    proxy_cpu_s: float  # HAProxy's
    client_cpu_s: float  # the visitors': the Chromium processes, or the replaying threads
    machine_cpu_s: float  # every process's, from /proc/stat: browsers or client, and anyone else's
    wall_s: float
    replicas: dict[str, int]

    @property
    def median_s(self) -> float:
        return statistics.median(self.ready_s) if self.ready_s else math.nan

    @property
    def p95_s(self) -> float:
        """Nearest rank: the time by which 95% of the visitors that got a page had it."""
        ordered = sorted(self.ready_s)
        return ordered[math.ceil(0.95 * len(ordered)) - 1] if ordered else math.nan


def process_tree_cpu_s(root: int, leave_out: set[int]) -> dict[int, float]:
    """CPU time so far of `root` and every process under it, except the trees rooted in `leave_out`."""
    children: dict[int, list[int]] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    tree, waiting = {}, [root]
    while waiting:
        pid = waiting.pop()
        if pid not in leave_out and pid in cpu:
            tree[pid] = cpu[pid]
            waiting += children.get(pid, [])
    return tree


class Meter:
    """CPU time between start() and stop(): the setup's Streamlit processes, its proxy, the visitors
    (this process and the Chromium processes under it, leaving out every server), and the machine."""

    def __init__(self, served: Served, servers: set[int]) -> None:
        self.served, self.servers = served, servers
        self.server_cpu_s = self.proxy_cpu_s = self.client_cpu_s = self.machine_cpu_s = self.wall_s = 0.0
        self._client_before: dict[int, float] = {}

    def _client(self) -> dict[int, float]:
        return process_tree_cpu_s(os.getpid(), self.servers)

    @staticmethod
    def _cpu(pids: list[int]) -> float:
        return sum(ProcessUsage.of(pid).cpu_s for pid in pids)

    @staticmethod
    def _machine() -> float:
        """CPU time the whole machine has spent busy since boot (all but idle and iowait)."""
        ticks = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        return (sum(ticks[:8]) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")

    def start(self) -> float:
        """Start counting; returns the moment (epoch s) the visitors are sent."""
        self.server_cpu_s, self.proxy_cpu_s = -self._cpu(self.served.pids), -self._cpu(self.served.proxy_pids)
        self.machine_cpu_s, self.wall_s = -self._machine(), -time.monotonic()
        self._client_before = self._client()
        return time.time()

    def stop(self) -> None:
        after = self._client()  # a process that ended meanwhile is not counted: none should
        self.client_cpu_s = sum(cpu - self._client_before.get(pid, 0.0) for pid, cpu in after.items())
        self.server_cpu_s += self._cpu(self.served.pids)
        self.proxy_cpu_s += self._cpu(self.served.proxy_pids)
        self.machine_cpu_s += self._machine()
        self.wall_s += time.monotonic()


# --- the setups -------------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def cluster(replicas: int) -> Iterator[Served]:
    """scripts/run_cluster.sh with `replicas` replicas on free ports; SIGTERM to the script at the end."""
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as state:
        port = free_port()
        env = {
            **os.environ,
            "REPLICAS": str(replicas),
            "PORT": str(port),
            "REPLICA_PORT": str(consecutive_free_ports(replicas)),
            "CLUSTER_STATE_DIR": state,
        }
        with open(Path(state) / "script.log", "w") as log:
            script = subprocess.Popen(
                ["bash", "scripts/run_cluster.sh"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
            try:
                url = f"http://127.0.0.1:{port}"
                wait_until_healthy(url, script, timeout=120)
                pids = [int((Path(state) / f"r{index}.pid").read_text()) for index in range(1, replicas + 1)]
                yield Served(url, pids, [int((Path(state) / "haproxy.pid").read_text())])
            finally:
                script.send_signal(signal.SIGTERM)
                try:
                    script.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(script.pid, signal.SIGKILL)
                    script.wait()
                # A replica the health checks took for dead during the run skews the split and the times.
                for line in (Path(state) / "script.log").read_text().splitlines():
                    if " is DOWN" in line:
                        print(f"HAProxy: {line}")


def first_visits(url: str, visits: int) -> Recording:
    """`visits` browser visits to `url`, one after another, which bring each replica (new visitors
    take them in turn) past its start-up. The first is recorded; every one must draw alike."""
    from playwright.sync_api import sync_playwright

    recordings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(visits):
                context = browser.new_context()
                try:
                    recordings.append(record_visit(context.new_page(), url))
                finally:
                    context.close()
        finally:
            browser.close()
    if len({recording.charts for recording in recordings}) != 1:
        raise RuntimeError(f"{url} drew different numbers of charts: {[r.charts for r in recordings]}")
    return recordings[0]


def record_visit(page: SyncPage, url: str) -> Recording:
    """Load `url` in `page`, noting every request to its server and the websocket's messages, until
    the page is drawn: as many charts as the script run sent, each drawn."""
    from playwright.sync_api import WebSocket
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    origin = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
    before: list[str] = []
    after: list[str] = []
    sent: list[bytes | str] = []
    charts, finished = 0, False

    def on_frame(payload: bytes | str) -> None:
        nonlocal charts, finished
        message = ForwardMsg()
        message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        if message.WhichOneof("type") == "script_finished":
            finished = True
        elif message.WhichOneof("type") == "delta" and message.delta.new_element.HasField("vega_lite_chart"):
            charts += 1

    def on_socket(socket: WebSocket) -> None:
        socket.on("framesent", lambda payload: sent.append(payload))
        socket.on("framereceived", on_frame)

    page.on("websocket", on_socket)
    page.on(
        "request",
        lambda request: (
            (after if sent else before).append(request.url[len(origin) :])
            if request.url.startswith(origin + "/")
            else None
        ),
    )
    page.goto(url, wait_until="commit")
    deadline = time.monotonic() + TIMEOUT_S
    while not finished and time.monotonic() < deadline:
        page.wait_for_timeout(50)  # lets Playwright deliver the websocket frames
    ready = page.wait_for_function(READY_JS, arg=charts, timeout=TIMEOUT_S * 1000).json_value()
    if not finished or ready["error"] or ready["charts"] != charts:
        raise RuntimeError(f"{url} did not draw cleanly: {ready['error'] or 'drew ' + str(ready['charts'])}")
    if len(sent) != 1 or not isinstance(sent[0], bytes):
        raise RuntimeError(f"{url}: the browser sent {len(sent)} websocket messages, not one rerun request")
    return Recording(charts, before, after, sent[0])


# --- the clients ------------------------------------------------------------------------------------------------------


async def browser_visit(page: Page, url: str, charts: int, sent_s: float) -> float:
    """Load `url` in `page`; seconds from `sent_s` (epoch) until it is drawn."""
    await page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
    handle = await page.wait_for_function(READY_JS, arg=charts, polling=POLL_MS, timeout=TIMEOUT_S * 1000)
    ready = await handle.json_value()
    if ready["error"] or ready["charts"] != charts:
        raise RuntimeError(f"{url}: {ready['error'] or str(ready['charts']) + ' charts'}")
    origin_ms = await page.evaluate("performance.timeOrigin")  # the page's clock starts at its navigation
    return (origin_ms + ready["ms"]) / 1000 - sent_s


async def browser_burst(url: str, visitors: int, charts: int, browsers: int, meter: Meter) -> Outcome:
    """`visitors` fresh contexts, spread over `browsers` Chromium processes, all sent to `url` at once."""
    from playwright.async_api import async_playwright

    outcome = Outcome()
    async with async_playwright() as playwright:
        launched = [
            await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS) for _ in range(browsers)
        ]
        try:
            contexts = [await launched[i % browsers].new_context() for i in range(visitors)]
            pages = [await context.new_page() for context in contexts]
            sent_s = meter.start()
            visits = [browser_visit(page, url, charts, sent_s) for page in pages]
            results = await asyncio.gather(*visits, return_exceptions=True)
            meter.stop()
            for context in contexts:
                cookies = await context.cookies()
                outcome.replicas.update(cookie["value"] for cookie in cookies if cookie["name"] == "SERVERID")
        finally:
            for browser in launched:
                await browser.close()
    for result in results:
        if isinstance(result, float):
            outcome.ready_s.append(result)
        else:
            outcome.failures.append(str(result).splitlines()[0])
    return outcome


class QuickAckSocket(socket.socket):
    """A TCP socket that acknowledges what it receives at once. The server writes a response's head
    and body separately and waits for the first to be acknowledged before sending the second, while
    Linux delays acknowledging a lone small segment by up to 40 ms: a replayed visit stalled that long
    on each of its ~120 files, which a browser's loads do not show."""

    @classmethod
    def connected(cls, netloc: str) -> QuickAckSocket:
        host, port = netloc.rsplit(":", 1)
        sock = cls(socket.AF_INET, socket.SOCK_STREAM)
        sock.settimeout(TIMEOUT_S)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.connect((host, int(port)))
        return sock

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        self.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        return super().recv(bufsize, flags)

    def recv_into(self, buffer: WriteableBuffer, nbytes: int = 0, flags: int = 0) -> int:
        self.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        return super().recv_into(buffer, nbytes, flags)


class QuickAckConnection(http.client.HTTPConnection):
    def connect(self) -> None:
        self.sock = QuickAckSocket.connected(f"{self.host}:{self.port}")


class SocketVisitor:
    """One visitor replayed from a recording: the same files over one keep-alive connection (its
    cookies kept, as a browser keeps them), then the websocket with the same rerun request."""

    def __init__(self, url: str, recording: Recording) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        self.base = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
        self.recording = recording
        self.cookies: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
        self.connection = QuickAckConnection(urlsplit(url).netloc, timeout=TIMEOUT_S)
        rerun = BackMsg()
        rerun.ParseFromString(recording.rerun)
        rerun.rerun_script.context_info.url = url  # the page's address as this setup's visitor sees it
        self.rerun = rerun.SerializeToString()

    def _cookie_header(self) -> dict[str, str]:
        pairs = "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())
        return {"Cookie": pairs} if pairs else {}

    def _get(self, path: str) -> http.client.HTTPResponse:
        self.connection.request("GET", path, headers={"Accept-Encoding": ACCEPT_ENCODING, **self._cookie_header()})
        return self.connection.getresponse()

    def _fetch(self, paths: list[str]) -> None:
        for path in paths:
            try:
                response = self._get(path)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed the kept-alive connection while it sat idle (uvicorn after 5 s, as
                # the script ran): a browser sends the request again on a new one, and so does this.
                self.connection.close()
                response = self._get(path)
            response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status} for {path}")
            for header in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(header)

    def _run_script(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from websockets.sync.client import connect
        from websockets.typing import Origin, Subprotocol

        stream = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        with connect(
            stream,
            sock=QuickAckSocket.connected(urlsplit(self.base).netloc),
            origin=Origin(self.base),
            subprotocols=[Subprotocol("streamlit")],
            additional_headers=self._cookie_header(),
            open_timeout=TIMEOUT_S,
            max_size=None,
        ) as websocket:
            websocket.send(self.rerun)
            message = ForwardMsg()
            while message.WhichOneof("type") != "script_finished":
                message.ParseFromString(websocket.recv(timeout=TIMEOUT_S))

    def visit(self, go: threading.Event, sent_s: list[float]) -> float:
        go.wait()
        try:
            self._fetch(self.recording.before_socket)
            self._run_script()
            self._fetch(self.recording.after_socket)
        finally:
            self.connection.close()
        return time.time() - sent_s[0]

    @property
    def replica(self) -> str | None:
        morsel = self.cookies.get("SERVERID")
        return morsel.value if morsel else None


def socket_burst(url: str, visitors: int, recording: Recording, meter: Meter) -> Outcome:
    """`visitors` replayed visitors, each in a thread, all let go at once."""
    outcome, go, sent_s = Outcome(), threading.Event(), [0.0]
    clients = [SocketVisitor(url, recording) for _ in range(visitors)]
    lock = threading.Lock()

    def run(client: SocketVisitor) -> None:
        try:
            ready = client.visit(go, sent_s)
        except Exception as error:
            with lock:
                outcome.failures.append(f"{type(error).__name__}: {error}")
            return
        with lock:
            outcome.ready_s.append(ready)

    threads = [threading.Thread(target=run, args=(client,), daemon=True) for client in clients]
    for thread in threads:
        thread.start()
    sent_s[0] = meter.start()
    go.set()
    for thread in threads:
        thread.join()
    meter.stop()
    outcome.replicas.update(client.replica for client in clients if client.replica)
    return outcome


# --- the run ----------------------------------------------------------------------------------------------------------


def run_bursts(
    served: dict[Setup, Served], recordings: dict[Setup, Recording], path: str, args: argparse.Namespace
) -> list[Burst]:
    """A burst per number of visitors and setup; the setups take turns going first."""
    bursts = []
    for index, visitors in enumerate(args.visitors):
        for setup in [ONE, TWO] if index % 2 == 0 else [TWO, ONE]:
            time.sleep(SETTLE_S)
            servers = {pid for each in served.values() for pid in each.pids + each.proxy_pids}
            meter, url = Meter(served[setup], servers), served[setup].url + path
            if args.client == "browser":
                outcome = asyncio.run(browser_burst(url, visitors, recordings[setup].charts, args.browsers, meter))
            else:
                outcome = socket_burst(url, visitors, recordings[setup], meter)
            for failure in outcome.failures[:3]:
                print(f"  {setup}, {visitors} visitors failed: {failure}")
            bursts.append(
                Burst(
                    setup=setup,
                    client=args.client,
                    visitors=visitors,
                    ready_s=sorted(outcome.ready_s),
                    failed=len(outcome.failures),
                    server_cpu_s=meter.server_cpu_s,
                    proxy_cpu_s=meter.proxy_cpu_s,
                    client_cpu_s=meter.client_cpu_s,
                    machine_cpu_s=meter.machine_cpu_s,
                    wall_s=meter.wall_s,
                    replicas=dict(sorted(outcome.replicas.items())),
                )
            )
            print_burst(bursts[-1])
    return bursts


# The table's columns after the setup's name: title, and how wide (the last, the split, is left as it comes).
COLUMNS = [("visitors", 9), ("median s", 9), ("p95 s", 7), ("max s", 7), ("failed", 7), ("Streamlit CPU s", 16),
           ("proxy CPU s", 12), ("client CPU s", 13), ("machine CPU s", 14)]  # fmt: skip


def print_header() -> None:
    print(
        f"{'setup':<24}" + "".join(f"{title:>{width}}" for title, width in COLUMNS) + "   visitors per replica",
        flush=True,
    )


def print_burst(result: Burst) -> None:
    times = (result.median_s, result.p95_s, max(result.ready_s, default=math.nan))
    cpu = (result.server_cpu_s, result.proxy_cpu_s, result.client_cpu_s, result.machine_cpu_s)
    values = [str(result.visitors), *(f"{t:.2f}" for t in times), str(result.failed), *(f"{c:.1f}" for c in cpu)]
    split = " / ".join(f"{name} {count}" for name, count in result.replicas.items()) or "-"
    print(
        f"{result.setup:<24}"
        + "".join(f"{value:>{width}}" for value, (_, width) in zip(values, COLUMNS, strict=True))
        + f"   {split}",
        flush=True,
    )


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--client", choices=["browser", "socket"], default="browser", help="who the visitors are")
    parser.add_argument(
        "--visitors", type=int, nargs="+", help="visitors per burst (default: 20 50 100 socket, 20 50 browser)"
    )
    parser.add_argument("--browsers", type=int, default=4, help="Chromium processes the visitors share (browser)")
    parser.add_argument("--page", choices=sorted(PAGE_BY_NAME), default="overview", help="the page every visitor opens")
    parser.add_argument("--json", type=Path, help="also write every visitor's time to this file")
    return parser.parse_args()


def main() -> None:
    args = parse_arguments()
    # 100 cold Chromium pages at once do not all draw within TIMEOUT_S on two cores.
    args.visitors = args.visitors or ([20, 50] if args.client == "browser" else [20, 50, 100])
    started, load_before = time.time(), os.getloadavg()
    path = PAGE_BY_NAME[args.page].path
    with serve(APP) as one_url, cluster(2) as two:
        served = {ONE: Served(one_url, [server_pid(one_url)]), TWO: two}
        # Uncounted first visits, one per replica: a replica's first visitor pays for its start-up.
        recordings = {ONE: first_visits(one_url + path, 1), TWO: first_visits(two.url + path, 2)}
        print(
            f"{os.cpu_count()} CPUs; {args.client} visitors; page {path} ({recordings[ONE].charts} charts, "
            f"{len(recordings[ONE].before_socket) + len(recordings[ONE].after_socket)} files)"
            + (f"; {args.browsers} Chromium processes" if args.client == "browser" else "")
        )
        print_header()
        bursts = run_bursts(served, recordings, path, args)
    print(
        f"took {time.time() - started:.0f} s; load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}"
    )
    if args.json:
        args.json.write_text(json.dumps([asdict(result) for result in bursts], indent=2))


if __name__ == "__main__":
    main()
