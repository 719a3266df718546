"""Each page's script in AppTest, timed inside Streamlit's script thread: its first run with empty
caches, its warm reruns, and the chart specs it builds. `profile_reruns` profiles the warm reruns."""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bench.servers import APP, SCRIPTS
from bench.targets import Target

if TYPE_CHECKING:
    from pyinstrument import Profiler
    from streamlit.testing.v1 import AppTest

APPTEST_TIMEOUT_S = 120


@dataclass(frozen=True)
class ScriptFigures:
    """Server side, from AppTest: run times in ms and the chart specs the page builds."""

    entry_run_ms: float  # the main script's first run with empty caches (app.py: its default page and the data layer)
    first_run_ms: float  # the page's first run: after the entry run, or the entry run itself if it shows the page
    rerun_ms: float  # median wall time of a warm rerun, inside Streamlit's script thread
    rerun_cpu_ms: float  # the same runs' CPU time on that thread (unaffected by other processes)
    apptest_run_ms: float  # median of AppTest.run() as a whole (adds AppTest's own overhead)
    charts: int
    spec_json_bytes: int
    chart_data_bytes: int
    samples_ms: list[float] = field(default_factory=list)


@contextlib.contextmanager
def timed_script_runs(profiler: Profiler | None = None) -> Iterator[list[tuple[float, float]]]:
    """While open, every AppTest script run appends (wall s, CPU s) measured in the script thread.

    All runs share one ScriptCache, as every session of the real server does: AppTest otherwise
    compiles each script (with Streamlit's magic rewrite) afresh on every run, a cost the server
    pays once. With a pyinstrument `profiler`, each run is also profiled in its own thread.
    """
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared_cache = ScriptCache()
    runs: list[tuple[float, float]] = []
    run_script = script_runner.ScriptRunner._run_script

    def timed(self, rerun_data) -> None:
        if profiler is not None:
            profiler.start()
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            run_script(self, rerun_data)
        finally:
            runs.append((time.perf_counter() - wall, time.thread_time() - cpu))
            if profiler is not None:
                profiler.stop()

    patches = [
        (script_runner.ScriptRunner, "_run_script", timed),
        (app_test, "ScriptCache", lambda: shared_cache),
        (local_script_runner, "ScriptCache", lambda: shared_cache),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    for owner, name, value in patches:
        setattr(owner, name, value)
    try:
        yield runs
    finally:
        for owner, name, value in saved:
            setattr(owner, name, value)


def _new_app_test(target: Target) -> AppTest:
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(SCRIPTS[target.server]), default_timeout=APPTEST_TIMEOUT_S)


def _run_ms(app_test: AppTest, runs: list[tuple[float, float]]) -> float:
    """Runs `app_test` once and returns the wall time of the script runs that took (a page may rerun itself)."""
    before = len(runs)
    app_test.run()
    return 1000 * sum(wall for wall, _ in runs[before:])


def _raise_on_exception(app_test: AppTest, target: Target) -> None:
    if app_test.exception:
        raise RuntimeError(f"{target.name}: {app_test.exception[0].message}")


def script_figures(target: Target, reruns: int, warmups: int) -> ScriptFigures:
    """The page's first run with empty caches, then the median of `reruns` reruns after `warmups` more."""
    import streamlit as st

    # As on a fresh server, so the first run pays for whatever the page (or the frame) caches.
    st.cache_data.clear()
    st.cache_resource.clear()
    with timed_script_runs() as runs:
        app_test = _new_app_test(target)
        entry_ms = first_ms = _run_ms(app_test, runs)
        if target.page_file:
            app_test.switch_page(target.page_file)
            first_ms = _run_ms(app_test, runs)
        _raise_on_exception(app_test, target)
        for _ in range(warmups):
            app_test.run()
        _raise_on_exception(app_test, target)
        runs.clear()
        outer = []
        for _ in range(reruns):
            start = time.perf_counter()
            app_test.run()
            outer.append(time.perf_counter() - start)
    charts = [element.proto for element in app_test.get("vega_lite_chart")]
    return ScriptFigures(
        entry_run_ms=entry_ms,
        first_run_ms=first_ms,
        rerun_ms=1000 * statistics.median(wall for wall, _ in runs),
        rerun_cpu_ms=1000 * statistics.median(cpu for _, cpu in runs),
        apptest_run_ms=1000 * statistics.median(outer),
        charts=len(charts),
        spec_json_bytes=sum(len(chart.spec.encode()) for chart in charts),
        chart_data_bytes=sum(len(chart.data.data) + sum(len(d.data.data) for d in chart.datasets) for chart in charts),
        samples_ms=[round(1000 * wall, 2) for wall, _ in runs],
    )


def all_script_figures(targets: list[Target], reruns: int, warmups: int) -> dict[str, ScriptFigures]:
    """script_figures for each target, by name, after one untimed run of app.py, so that importing the
    app's modules (paid once per process) falls on no page's first run."""
    from streamlit.testing.v1 import AppTest

    AppTest.from_file(str(APP), default_timeout=APPTEST_TIMEOUT_S).run()
    return {target.name: script_figures(target, reruns, warmups) for target in targets}


def profile_reruns(target: Target, reruns: int) -> str:
    """pyinstrument's view of `reruns` warm reruns of a page (wall clock, script thread only)."""
    from pyinstrument import Profiler

    app_test = _new_app_test(target)
    app_test.run()
    if target.page_file:
        app_test.switch_page(target.page_file)
    app_test.run()
    app_test.run()
    profiler = Profiler(interval=0.001)
    with timed_script_runs(profiler):
        for _ in range(reruns):
            app_test.run()
    return profiler.output_text(unicode=False, color=False, show_all=False)
