"""Chart images and the Vega bundle made in worker processes, beside the build that asks for them.

vl-convert holds the GIL while it renders (0.1 to 0.5 s an image), so threads would take turns;
separate processes render side by side while the build goes on with the next page. The workers are
plain Python processes running `main` below: each reads one job a line on stdin, writes the file,
and answers "ok" (or the error) on a line of its own. Unlike multiprocessing's spawn, nothing
re-imports the caller's main module, so any script may build a site, guarded or not.

Images are rendered by exports.chart_image, the same bytes as the app's downloads."""

from __future__ import annotations

import atexit
import json
import os
import queue
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

MAX_WORKERS = 4


class WorkerFailed(RuntimeError):
    """A worker could not make a file, or stopped answering."""


def job_image(spec_json: str, fmt: str, path: Path) -> dict[str, str]:
    return {"spec": spec_json, "fmt": fmt, "path": str(path)}


def job_bundle(path: Path) -> dict[str, str]:
    return {"bundle": str(path)}


def do(job: dict[str, Any]) -> None:
    """Make the file a job asks for: an image of a spec, or the Vega bundle."""
    path = Path(job.get("path") or job["bundle"])
    if "bundle" in job:
        path.write_text(vega_bundle(), encoding="utf-8")
    else:
        from components import exports

        path.write_bytes(exports.chart_image(json.loads(job["spec"]), job["fmt"]))


def vega_bundle() -> str:
    """vl-convert's own build of Vega-Embed, Vega-Lite and Vega, the versions it renders the images
    with (about 2 s to make)."""
    import vl_convert as vlc

    # The stub makes `snippet` required; at run time it is optional, and without it the bundle sets
    # window.vegaEmbed, window.vegaLite and window.vega.
    return vlc.javascript_bundle()  # type: ignore[call-arg]


class Workers:
    """A few worker processes and a thread for each that hands it one job at a time."""

    def __init__(self, count: int) -> None:
        self._processes = [_start() for _ in range(count)]
        self._idle: queue.SimpleQueue[subprocess.Popen[str]] = queue.SimpleQueue()
        for process in self._processes:
            self._idle.put(process)
        self._threads = ThreadPoolExecutor(count, thread_name_prefix="snapshot-images")
        self.broken = False

    def submit(self, job: dict[str, str]) -> Future[None]:
        return self._threads.submit(self._run, job)

    def _run(self, job: dict[str, str]) -> None:
        process = self._idle.get()
        try:
            stdin, stdout = _pipes(process)
            stdin.write(json.dumps(job) + "\n")
            stdin.flush()
            answer = stdout.readline().rstrip("\n")
        except OSError as error:
            answer = f"no answer ({error})"
        finally:
            self._idle.put(process)
        if answer != "ok":
            if not answer or process.poll() is not None:
                self.broken = True
                answer = answer or f"worker {process.pid} exited with code {process.poll()}"
            raise WorkerFailed(f"{job.get('path') or job.get('bundle')}: {answer}")

    def close(self) -> None:
        """Stop every worker by its PID: end of input first, then a kill for one that lingers."""
        self._threads.shutdown(wait=True, cancel_futures=True)
        for process in self._processes:
            stdin, _ = _pipes(process)
            try:
                stdin.close()
                process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()


def _pipes(process: subprocess.Popen[str]) -> tuple[IO[str], IO[str]]:
    assert process.stdin is not None and process.stdout is not None  # both are pipes (see _start)
    return process.stdin, process.stdout


def _start() -> subprocess.Popen[str]:
    root = Path(__file__).resolve().parents[2]  # so `components` imports whatever the caller's folder
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen(
        [sys.executable, "-c", "from components.snapshot.images import main; main()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=environment,
    )  # fmt: skip


_running: list[Workers] = []


def workers() -> Workers | None:
    """The process's workers, started on its first build and kept for the next (starting one costs
    about a second); None with a single CPU, where the build renders in its own process."""
    if _running and not _running[0].broken:
        return _running[0]
    if _running:
        _running.pop().close()
    count = min(MAX_WORKERS, len(os.sched_getaffinity(0)))
    if count < 2:
        return None
    _running.append(Workers(count))
    return _running[0]


@atexit.register
def _stop() -> None:
    while _running:
        _running.pop().close()


def main() -> None:
    """The worker: one JSON job a line on stdin, one answer a line on its own copy of stdout (what a
    library prints goes to stderr instead, so it cannot garble the answers)."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    for line in sys.stdin:
        try:
            do(json.loads(line))
        except Exception as error:  # reported to the build, which fails with it
            answers.write(" ".join(f"{type(error).__name__}: {error}".split()) + "\n")
        else:
            answers.write("ok\n")
