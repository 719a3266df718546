"""The streamlit servers the page benchmark loads: which script each runs and from which folder,
started with tests/e2e's serve(), and their memory and CPU read from /proc."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tests.e2e.app_server import REPO, serve

Server = Literal["bare page", "bare frame", "app", "app, Streamlit defaults"]
BARE: Server = "bare page"
FRAME: Server = "bare frame"
APP_REPO_CONFIG: Server = "app"
APP_DEFAULTS: Server = "app, Streamlit defaults"
FLOORS: tuple[Server, ...] = (BARE, FRAME)

APP = REPO / "app.py"
# bench/bare_page.py is the floor the targets are set against; bench/bare_frame.py, app.py's frame
# around the same chart, is a second floor for reading only.
SCRIPTS: dict[Server, Path] = {
    BARE: Path(__file__).resolve().with_name("bare_page.py"),
    FRAME: Path(__file__).resolve().with_name("bare_frame.py"),
    APP_REPO_CONFIG: APP,
    APP_DEFAULTS: APP,
}
IDLE_SECONDS = 10  # with no visitor, to tell a server's upkeep from the CPU its loads cost


@contextlib.contextmanager
def running(servers: Iterable[Server]) -> Iterator[dict[Server, str]]:
    """Serve each of `servers` on a free loopback port and yield their base URLs; stops them all on exit.

    All but "app, Streamlit defaults" run in the repo, so .streamlit/config.toml applies to the
    floors as to the app; that one runs from an empty folder, where no config.toml does."""
    with contextlib.ExitStack() as stack:
        urls: dict[Server, str] = {}
        for server in servers:
            cwd = REPO
            if server == APP_DEFAULTS:
                cwd = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-defaults-")))
            urls[server] = stack.enter_context(serve(SCRIPTS[server], cwd=cwd))
        yield urls


@dataclass(frozen=True)
class ProcessUsage:
    """A process's memory and CPU so far, from /proc/<pid>/status and /proc/<pid>/stat."""

    rss_mb: float  # VmRSS: resident now
    peak_mb: float  # VmHWM: peak resident
    cpu_s: float  # user + system

    @classmethod
    def of(cls, pid: int) -> ProcessUsage:
        memory = {}
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                memory[name] = int(value.split()[0]) / 1024
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu_s = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
        return cls(rss_mb=memory["VmRSS"], peak_mb=memory["VmHWM"], cpu_s=cpu_s)


@dataclass(frozen=True)
class ServerFigures:
    after_first_visits: ProcessUsage
    after_all_loads: ProcessUsage
    idle_cpu_ms_per_s: float
    cpu_ms_per_load: float  # with the idle rate taken out


def server_pid(url: str) -> int:
    """The PID of the streamlit process serve() started for `url` (a child of this process)."""
    port = url.rsplit(":", 1)[1]
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
            if parent == os.getpid() and b"streamlit" in b" ".join(arguments) and port.encode() in arguments:
                return int(entry.name)
    raise LookupError(f"no streamlit child process serves {url}")


class ServerWatch:
    """Reads every server's usage after the first visits, after an idle spell, and after the counted loads."""

    def __init__(self, urls: dict[Server, str]) -> None:
        self.pids = {server: server_pid(url) for server, url in urls.items()}
        self.after_first_visits: dict[Server, ProcessUsage] = {}
        self.after_idle: dict[Server, ProcessUsage] = {}
        self.after_all_loads: dict[Server, ProcessUsage] = {}
        self.loads_started = self.loads_took = 0.0

    def _usage(self) -> dict[Server, ProcessUsage]:
        return {server: ProcessUsage.of(pid) for server, pid in self.pids.items()}

    def first_visits_done(self) -> None:
        """Note usage, then idle IDLE_SECONDS: what a server burns with no visitor (file watcher, session
        upkeep) is taken out of the per-load figure, as the bare page's server idles through most loads."""
        self.after_first_visits = self._usage()
        time.sleep(IDLE_SECONDS)
        self.after_idle = self._usage()
        self.loads_started = time.monotonic()

    def loads_done(self) -> None:
        self.after_all_loads = self._usage()
        self.loads_took = time.monotonic() - self.loads_started

    def figures(self, loads_per_server: dict[Server, int]) -> dict[Server, ServerFigures]:
        figures = {}
        for server in self.pids:
            first, idle, last = self.after_first_visits[server], self.after_idle[server], self.after_all_loads[server]
            idle_rate = (idle.cpu_s - first.cpu_s) / IDLE_SECONDS
            spent = last.cpu_s - idle.cpu_s - idle_rate * self.loads_took
            figures[server] = ServerFigures(
                after_first_visits=first,
                after_all_loads=last,
                idle_cpu_ms_per_s=1000 * idle_rate,
                cpu_ms_per_load=1000 * spent / loads_per_server[server],
            )
        return figures
