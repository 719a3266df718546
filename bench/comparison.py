"""The benchmark's targets and verdicts: each page's medians against the bare page and the bare frame,
with a bootstrap interval for the noise, and the data layer's growth from scale to scale."""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bench.browser import MODES, Browsing, Load, Mode
from bench.data_layer_load import LayerLoad
from bench.reruns import ScriptFigures
from bench.servers import Server
from bench.targets import BARE_FRAME, BARE_PAGE, Target

READY_RATIO_TARGET = 1.3  # a page is ready in at most this multiple of the bare page's time
RERUN_TARGET_MS = 30.0  # a warm script rerun takes at most this long
# Load times vary from load to load on a shared machine, so each ratio to the bare page comes with
# a bootstrap interval: how far that noise alone could move it.
RATIO_CONFIDENCE = 0.9
BOOTSTRAP_DRAWS = 2000


def median(loads: Iterable[Load], figure: Callable[[Load], float]) -> float:
    return statistics.median(figure(load) for load in loads)


def ratio_interval(page: list[float], floor: list[float]) -> tuple[float, float]:
    """A bootstrap interval (RATIO_CONFIDENCE) for median(page) / median(floor), resampling each side's loads."""
    draw = random.Random(0)  # noqa: S311 - repeatable resampling, not a secret
    ratios = sorted(
        statistics.median(draw.choices(page, k=len(page))) / statistics.median(draw.choices(floor, k=len(floor)))
        for _ in range(BOOTSTRAP_DRAWS)
    )
    tail = int(BOOTSTRAP_DRAWS * (1 - RATIO_CONFIDENCE) / 2)
    return ratios[tail], ratios[-tail - 1]


@dataclass(frozen=True)
class ModeFigures:
    """A page's medians over the loads of one cache mode, and its ready time against the floors'."""

    ready_ms: float
    total_bytes: float
    boot_ms: float
    server_ms: float
    draw_ms: float
    renderer_cpu_ms: float
    renderer_script_ms: float
    ratio: float  # ready time over the bare page's
    ratio_interval: tuple[float, float]
    ratio_to_frame: float
    samples_ms: list[float]


def mode_figures(loads: list[Load], bare: list[Load], frame: list[Load]) -> ModeFigures:
    ready_ms = median(loads, lambda load: load.ready_ms)
    ready_times = [load.ready_ms for load in loads]
    return ModeFigures(
        ready_ms=ready_ms,
        total_bytes=median(loads, lambda load: load.total_bytes),
        boot_ms=median(loads, lambda load: load.boot_ms),
        server_ms=median(loads, lambda load: load.server_ms),
        draw_ms=median(loads, lambda load: load.draw_ms),
        renderer_cpu_ms=median(loads, lambda load: load.renderer_cpu_ms),
        renderer_script_ms=median(loads, lambda load: load.renderer_script_ms),
        ratio=ready_ms / median(bare, lambda load: load.ready_ms),
        ratio_interval=ratio_interval(ready_times, [load.ready_ms for load in bare]),
        ratio_to_frame=ready_ms / median(frame, lambda load: load.ready_ms),
        samples_ms=[round(time, 1) for time in ready_times],
    )


@dataclass(frozen=True)
class PageRow:
    """One page's row: browser figures per cache mode, AppTest's figures, and the verdicts."""

    page: str
    server: Server
    path: str
    cold: ModeFigures
    warm: ModeFigures
    # Medians over the cold loads, where nothing comes from the HTTP cache.
    http_bytes: float
    ws_bytes: float
    spec_json_bytes: float
    chart_data_bytes: float
    script_runs_per_load: float
    first_visit_ms: float
    # The page's own CPU in the browser barely depends on other processes: a steadier ratio.
    renderer_cpu_ratio: float
    ws_bytes_by_kind: dict[str, int]  # of the first cold load
    http_bytes_by_file: dict[str, int]  # of the first cold load, the largest files
    ready_pass: bool | None  # None for the floors, which the target is set against
    ready_beyond_noise: bool  # the verdict stands anywhere in the noise intervals
    script: ScriptFigures | None
    rerun_pass: bool | None

    @property
    def passed(self) -> bool:
        return self.ready_pass is not False and self.rerun_pass is not False


def ready_verdict(cold: ModeFigures, warm: ModeFigures) -> tuple[bool, bool]:
    """Whether the page is ready within READY_RATIO_TARGET cold and warm, and whether that verdict
    holds across the noise intervals rather than straddling the target."""
    passed = max(cold.ratio, warm.ratio) <= READY_RATIO_TARGET
    intervals = (cold.ratio_interval, warm.ratio_interval)
    if passed:
        return passed, all(high <= READY_RATIO_TARGET for _, high in intervals)
    return passed, any(low > READY_RATIO_TARGET for low, _ in intervals)


def page_rows(targets: list[Target], browsing: Browsing, scripts: dict[str, ScriptFigures]) -> list[PageRow]:
    """A row per target, against the bare page and the bare frame loaded in the same rounds."""
    bare_cpu_ms = median(browsing.loads(BARE_PAGE, "warm"), lambda load: load.renderer_cpu_ms)
    rows = []
    for target in targets:
        modes: dict[Mode, ModeFigures] = {
            mode: mode_figures(
                browsing.loads(target, mode), browsing.loads(BARE_PAGE, mode), browsing.loads(BARE_FRAME, mode)
            )
            for mode in MODES
        }
        cold_loads, script = browsing.loads(target, "cold"), scripts.get(target.name)
        ready_pass, beyond_noise = (None, True) if target.is_floor else ready_verdict(modes["cold"], modes["warm"])
        rows.append(
            PageRow(
                page=target.name,
                server=target.server,
                path=target.path,
                cold=modes["cold"],
                warm=modes["warm"],
                http_bytes=median(cold_loads, lambda load: load.http_bytes),
                ws_bytes=median(cold_loads, lambda load: load.ws_bytes),
                spec_json_bytes=median(cold_loads, lambda load: load.spec_json_bytes),
                chart_data_bytes=median(cold_loads, lambda load: load.chart_data_bytes),
                script_runs_per_load=median(cold_loads, lambda load: load.script_runs),
                first_visit_ms=browsing.first_visits[target].ready_ms,
                renderer_cpu_ratio=modes["warm"].renderer_cpu_ms / bare_cpu_ms,
                ws_bytes_by_kind=cold_loads[0].ws_bytes_by_kind,
                http_bytes_by_file=cold_loads[0].http_bytes_by_url,
                ready_pass=ready_pass,
                ready_beyond_noise=beyond_noise,
                script=script,
                rerun_pass=None if script is None else script.rerun_ms <= RERUN_TARGET_MS,
            )
        )
    return rows


@dataclass(frozen=True)
class LayerGrowth:
    """The data layer at one scale, its CPU time per observation against smaller scales', and the verdict."""

    load: LayerLoad
    cpu_vs_smallest: float
    cpu_vs_previous: float
    linear_pass: bool


def layer_growth(loads: list[LayerLoad], noise: float) -> list[LayerGrowth]:
    """Linear growth keeps the time per observation flat (or falling, as fixed costs spread): a larger
    layer may not cost more CPU per observation than any smaller one, beyond `noise`. CPU time, not
    wall time, since other processes stretch the long loads' wall time most."""
    growth = []
    for index, load in enumerate(loads):
        per_observation = [smaller.cpu_us_per_observation for smaller in loads[: index + 1]]
        growth.append(
            LayerGrowth(
                load=load,
                cpu_vs_smallest=per_observation[-1] / per_observation[0],
                cpu_vs_previous=per_observation[-1] / per_observation[max(index - 1, 0)],
                linear_pass=all(per_observation[-1] <= smaller * (1 + noise) for smaller in per_observation[:-1]),
            )
        )
    return growth
