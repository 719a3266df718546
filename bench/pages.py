"""Benchmark: every page of the app against a bare Streamlit page, the framework's floor.

    python -m bench.pages [--loads 7] [--reruns 15] [--repeat 5] [--json PATH] [--no-defaults] [--profile]

Prints the pages' ready times in headless Chromium and their ratio to the bare page, bytes, chart
spec bytes, script runs in AppTest, pass/fail, the servers' memory and CPU, and the data layer's
load per observation. bench/README.md says how each number is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from dataclasses import asdict
from pathlib import Path

from bench import provenance, report
from bench.browser import browse
from bench.comparison import READY_RATIO_TARGET, RERUN_TARGET_MS, layer_growth, page_rows
from bench.data_layer_load import measure
from bench.reruns import all_script_figures, profile_reruns
from bench.servers import APP_DEFAULTS, APP_REPO_CONFIG, BARE, FRAME, running
from bench.targets import BARE_FRAME, BARE_PAGE, app_targets

LAYER_SCALES = [1, 10, 100]


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=7, help="browser loads per page and cache mode (median)")
    parser.add_argument("--reruns", type=int, default=15, help="warm AppTest reruns per page (median)")
    parser.add_argument("--warmups", type=int, default=2, help="AppTest runs before timing reruns")
    parser.add_argument("--repeat", type=int, default=5, help="data-layer loads per scale (median)")
    parser.add_argument("--noise", type=float, default=0.25, help="allowed rise in per-observation load time")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--no-defaults", action="store_true", help="skip the app under Streamlit's defaults")
    parser.add_argument("--profile", action="store_true", help="profile the reruns of pages over the target")
    return parser.parse_args()


def main() -> None:
    args = parse_arguments()
    started, load_before, code_before = time.time(), os.getloadavg(), provenance.code_version()
    # The data layer and AppTest run first, before any server or browser adds to the machine's load.
    layer = layer_growth(measure(LAYER_SCALES, args.repeat), args.noise)
    app = app_targets(APP_REPO_CONFIG)
    defaults = [] if args.no_defaults else app_targets(APP_DEFAULTS)
    measured = [BARE_PAGE, BARE_FRAME, *app]
    scripts = all_script_figures(measured, args.reruns, args.warmups)
    charts = {name: figures.charts for name, figures in scripts.items()}

    servers = [BARE, FRAME, APP_REPO_CONFIG] + ([APP_DEFAULTS] if defaults else [])
    with running(servers) as urls:
        browsing = browse(measured + defaults, urls, charts, args.loads)
    rows = page_rows(measured, browsing, scripts)
    default_rows = page_rows(defaults, browsing, {})

    report.print_pages(rows, args.loads)
    report.print_breakdown(rows)
    report.print_script_runs(rows, args.reruns)
    report.print_defaults(rows, default_rows)
    report.print_servers(browsing.servers)
    report.print_data_layer(layer, args.repeat, args.noise)
    overall = all(row.passed for row in rows) and all(growth.linear_pass for growth in layer)
    code_changed = provenance.code_version() != code_before
    if code_changed:
        print("\nWARNING: the app's code changed during the run, so these figures may mix two versions.")
    print(
        f"\nOverall: {report.verdict(overall)}. {os.cpu_count()} CPUs, load average {load_before[0]:.1f} before and "
        f"{os.getloadavg()[0]:.1f} after; {time.time() - started:.0f} s."
    )

    if args.profile:
        for target in app:
            if scripts[target.name].rerun_ms > RERUN_TARGET_MS:
                print(f"\nProfile of {args.reruns} warm reruns: {target.name}\n{profile_reruns(target, args.reruns)}")

    if args.json:
        import streamlit

        everything = {
            "machine": {"cpus": os.cpu_count(), "load_average": {"before": load_before, "after": os.getloadavg()}},
            "versions": {"python": platform.python_version(), "streamlit": streamlit.__version__},
            "commit": provenance.commit(),
            "uncommitted_changes": provenance.uncommitted_changes(),
            "code_changed_during_run": code_changed,
            "settings": vars(args) | {"json": str(args.json)},
            "targets": {"ready_ratio": READY_RATIO_TARGET, "rerun_ms": RERUN_TARGET_MS, "noise": args.noise},
            "pages": [asdict(row) for row in rows],
            "app_with_streamlit_defaults": [asdict(row) for row in default_rows],
            "servers": {server: asdict(figures) for server, figures in browsing.servers.items()},
            "data_layer": [asdict(growth) for growth in layer],
            "pass": overall,
        }
        args.json.write_text(json.dumps(everything, indent=2, default=float), encoding="utf-8")
        print(f"Wrote {args.json}")


if __name__ == "__main__":
    main()
