"""Benchmark: load time of the data layer at the real size and at synthetic multiples of it.

    python -m bench.data_layer_load [--scales 1 10 100] [--repeat 5]

Prints the median load time per scale and the time per observation, which stays roughly flat
when loading grows linearly. Target (issue 2): the 100x layer loads in under 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.synthetic import build_synthetic_layer
from components.data_layer import DEFAULT_PATH, load_data_layer


def median_load_seconds(path: Path, repeat: int) -> tuple[float, int]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        layer = load_data_layer(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(layer.observations)


def measure(scales: list[int], repeat: int) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for scale in scales:
            path = DEFAULT_PATH if scale == 1 else build_synthetic_layer(Path(folder) / f"x{scale}", scale)
            seconds, count = median_load_seconds(path, repeat)
            rows.append({"scale": scale, "observations": count, "seconds": seconds})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    load_data_layer()  # import and schema compilation are one-off costs, not load time
    print(f"{'scale':>6} {'observations':>13} {'median load':>12} {'per observation':>16}")
    for row in measure(args.scales, args.repeat):
        per_obs = 1e6 * row["seconds"] / row["observations"]
        print(f"{row['scale']:>5}x {row['observations']:>13,} {row['seconds'] * 1000:>10.1f} ms {per_obs:>13.1f} µs")


if __name__ == "__main__":
    main()
