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
from dataclasses import dataclass
from pathlib import Path

from bench.synthetic import build_synthetic_layer
from components.data_layer import DEFAULT_PATH, load_data_layer


@dataclass(frozen=True)
class LayerLoad:
    """The data layer at one scale: its size and the median of its loads."""

    scale: int
    observations: int
    seconds: float  # wall time
    cpu_seconds: float  # this process's CPU time: unlike wall time, other processes do not stretch it

    @property
    def us_per_observation(self) -> float:
        return 1e6 * self.seconds / self.observations

    @property
    def cpu_us_per_observation(self) -> float:
        return 1e6 * self.cpu_seconds / self.observations


def median_load(path: Path, scale: int, repeat: int) -> LayerLoad:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        layer = load_data_layer(path)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return LayerLoad(scale, len(layer.observations), statistics.median(walls), statistics.median(cpus))


def measure(scales: list[int], repeat: int) -> list[LayerLoad]:
    """The median of `repeat` loads at each scale; 1 is the real data, larger ones synthetic copies."""
    load_data_layer()  # import and schema compilation are one-off costs, not load time
    loads = []
    with tempfile.TemporaryDirectory() as folder:
        for scale in scales:
            path = DEFAULT_PATH if scale == 1 else build_synthetic_layer(Path(folder) / f"x{scale}", scale)
            loads.append(median_load(path, scale, repeat))
    return loads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'scale':>6} {'observations':>13} {'median load':>12} {'per observation':>16}")
    for load in measure(args.scales, args.repeat):
        print(
            f"{load.scale:>5}x {load.observations:>13,} {load.seconds * 1000:>10.1f} ms "
            f"{load.us_per_observation:>13.1f} µs"
        )


if __name__ == "__main__":
    main()
