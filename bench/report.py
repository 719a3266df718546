"""The page benchmark's printed tables; bench/README.md says what each column measures."""

from __future__ import annotations

from bench.comparison import READY_RATIO_TARGET, RERUN_TARGET_MS, LayerGrowth, ModeFigures, PageRow
from bench.servers import Server, ServerFigures


def verdict(passed: bool | None, beyond_noise: bool = True) -> str:
    """pass/FAIL, with '?' when the noise interval straddles the target; '-' when there is none."""
    return "-" if passed is None else ("pass" if passed else "FAIL") + ("" if beyond_noise else "?")


def _interval(figures: ModeFigures) -> str:
    low, high = figures.ratio_interval
    return f"{low:.2f}-{high:.2f}"


def print_pages(rows: list[PageRow], loads: int) -> None:
    print(f"\nPages: median of {loads} loads each; cold = fresh browser context per load, warm = HTTP cache primed")
    header = (
        f"{'page':<17} {'cold ms':>8} {'x bare':>6} {'90% range':>9} {'x frame':>7} "
        f"{'warm ms':>8} {'x bare':>6} {'90% range':>9} {'x frame':>7} "
        f"{'kB cold':>8} {'kB warm':>8} "
        f"{'spec kB':>7} {'data kB':>7} {'runs':>4} {'rerun ms':>8} {'cpu ms':>7} {'ready':>5} {'rerun':>5}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        cold, warm, script = row.cold, row.warm, row.script
        rerun = f"{script.rerun_ms:>8.1f} {script.rerun_cpu_ms:>7.1f}" if script else f"{'':>8} {'':>7}"
        print(
            f"{row.page:<17} {cold.ready_ms:>8.0f} {cold.ratio:>6.2f} {_interval(cold):>9} "
            f"{cold.ratio_to_frame:>7.2f} {warm.ready_ms:>8.0f} {warm.ratio:>6.2f} "
            f"{_interval(warm):>9} {warm.ratio_to_frame:>7.2f} "
            f"{cold.total_bytes / 1000:>8.1f} {warm.total_bytes / 1000:>8.1f} "
            f"{row.spec_json_bytes / 1000:>7.1f} {row.chart_data_bytes / 1000:>7.1f} "
            f"{row.script_runs_per_load:>4.0f} {rerun} "
            f"{verdict(row.ready_pass, row.ready_beyond_noise):>5} {verdict(row.rerun_pass):>5}"
        )
    print(
        f"Targets: ready within {READY_RATIO_TARGET}x the bare page (cold and warm); "
        f"warm script rerun within {RERUN_TARGET_MS:.0f} ms (wall, median).\n"
        f"90% range: a bootstrap interval of the ratio over the loads; '?' after a verdict: that range straddles "
        f"{READY_RATIO_TARGET}x, so load-to-load noise alone could turn it.\n"
        "x frame: the same time against the bare frame (app.py's navigation and filter around a title, a "
        "caption and the bare page's chart), for reading only."
    )


def print_breakdown(rows: list[PageRow]) -> None:
    print("\nWhere the time goes, median ms (boot: to websocket open; server: to the last message; draw: to ready;")
    print("page CPU: the renderer main thread's CPU time until ready; JS: time running JavaScript; warm loads):")
    print(
        f"{'page':<17} {'cold boot':>9} {'server':>7} {'draw':>6}  {'warm boot':>9} {'server':>7} {'draw':>6}  "
        f"{'page CPU':>8} {'x bare':>6} {'JS':>6}"
    )
    for row in rows:
        cells = "  ".join(
            f"{mode.boot_ms:>9.0f} {mode.server_ms:>7.0f} {mode.draw_ms:>6.0f}" for mode in (row.cold, row.warm)
        )
        cpu, ratio, js = row.warm.renderer_cpu_ms, row.renderer_cpu_ratio, row.warm.renderer_script_ms
        print(f"{row.page:<17} {cells}  {cpu:>8.0f} {ratio:>6.2f} {js:>6.0f}")


def print_script_runs(rows: list[PageRow], reruns: int) -> None:
    print(f"\nScripts in AppTest, ms in the script thread (first runs with empty caches; warm: median of {reruns}):")
    print(f"{'page':<17} {'entry run':>9} {'first run':>9} {'warm rerun':>10} {'cpu':>6} {'AppTest.run':>11}")
    for row in rows:
        if row.script is None:
            continue
        script = row.script
        print(
            f"{row.page:<17} {script.entry_run_ms:>9.0f} {script.first_run_ms:>9.0f} {script.rerun_ms:>10.1f} "
            f"{script.rerun_cpu_ms:>6.1f} {script.apptest_run_ms:>11.1f}"
        )
    print(
        "entry run: the main script's first run (app.py's shows its default page and loads the data layer); "
        "first run: the page's own first run after it (the same run for the default page and the floors)."
    )


def print_defaults(rows: list[PageRow], defaults: list[PageRow]) -> None:
    if not defaults:
        return
    print("\nThe app with Streamlit's defaults (no config.toml: file watcher auto, postScriptGC true) vs the repo's:")
    print(f"{'page':<17} {'cold ms':>8} {'repo cfg':>8} {'warm ms':>8} {'repo cfg':>8}")
    by_page = {row.page: row for row in rows}
    for row in defaults:
        repo = by_page[row.page]
        print(
            f"{row.page:<17} {row.cold.ready_ms:>8.0f} {repo.cold.ready_ms:>8.0f} "
            f"{row.warm.ready_ms:>8.0f} {repo.warm.ready_ms:>8.0f}"
        )


def print_servers(servers: dict[Server, ServerFigures]) -> None:
    print("\nServers: memory in MB (VmRSS now / VmHWM peak); CPU (user + system) idle, and per load less idle:")
    moments = ("after first visits", "after all loads")
    print(
        f"{'server':<26}" + "".join(f" {moment:>22}" for moment in moments) + f" {'idle ms/s':>9} {'CPU ms/load':>11}"
    )
    for server, figures in servers.items():
        cells = "".join(
            f" {usage.rss_mb:>13.1f} / {usage.peak_mb:>6.1f}"
            for usage in (figures.after_first_visits, figures.after_all_loads)
        )
        print(f"{server:<26}{cells} {figures.idle_cpu_ms_per_s:>9.1f} {figures.cpu_ms_per_load:>11.0f}")


def print_data_layer(growth: list[LayerGrowth], repeat: int, noise: float) -> None:
    print(f"\nData layer load, median of {repeat} (pass: CPU per obs. at most {noise:.0%} above any smaller scale):")
    print(f"{'scale':>6} {'observations':>13} {'wall ms':>9} {'per obs':>10} {'CPU ms':>9} {'per obs':>10} "
          f"{'vs 1x':>6} {'vs prev':>7} linear")  # fmt: skip
    for row in growth:
        load = row.load
        print(
            f"{load.scale:>5}x {load.observations:>13,} {load.seconds * 1000:>9.1f} "
            f"{load.us_per_observation:>7.1f} µs {load.cpu_seconds * 1000:>9.1f} "
            f"{load.cpu_us_per_observation:>7.1f} µs {row.cpu_vs_smallest:>6.2f} {row.cpu_vs_previous:>7.2f} "
            f"{verdict(row.linear_pass):>6}"
        )
