"""Build a synthetic data layer N times the size of the real one: every indicator and observation
is cloned N times under new ids, so the files, schema checks and frames grow N-fold."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from components.data_layer import DEFAULT_PATH


def build_synthetic_layer(target: Path, scale: int, source: Path = DEFAULT_PATH) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in ("themes.yaml", "units.yaml", "sources.yaml"):
        shutil.copy(source / name, target / name)

    indicators = yaml.safe_load((source / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]
    clones = []
    for copy in range(scale):
        for indicator in indicators:
            clone = {**indicator, "id": f"{indicator['id']}_{copy}"}
            if "not_comparable_with" in indicator:
                link = indicator["not_comparable_with"]
                clone["not_comparable_with"] = {**link, "indicator": f"{link['indicator']}_{copy}"}
            clones.append(clone)
    _dump(target / "indicators.yaml", {"indicators": clones})

    (target / "observations").mkdir(exist_ok=True)
    for path in sorted((source / "observations").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        observations = [
            {**item, "id": f"{item['id']}-{copy}", "indicator": f"{item['indicator']}_{copy}"}
            for copy in range(scale)
            for item in document["observations"]
        ]
        _dump(target / "observations" / path.name, {"source": document["source"], "observations": observations})
    return target


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
