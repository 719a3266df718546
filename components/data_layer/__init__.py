"""The curated data layer: YAML under data/ -> validated, tidy pandas frames.

One pass, one function per step: read -> check schema -> check rules -> build frames -> pair plan
with outcome. Nothing here writes to data/ or imports Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from components.i18n import Language, translator

from .frames import (
    format_value,
    indicators_frame,
    observations_frame,
    sources_editions,
    sources_frame,
    themes_frame,
    units_frame,
)
from .plan_vs_outcome import build_plan_vs_outcome
from .problems import DataLayerError, Problem
from .reading import OBSERVATIONS_DIR, OBSERVATIONS_SCHEMA, TOP_LEVEL_FILES, YamlDocument, check_schema, read_yaml
from .rules import check_rules
from .vocabulary import KINDS, MEASURES, QUALIFIERS, STATUSES, Kind, Measure, Qualifier, Status

__all__ = [
    "DEFAULT_PATH", "KINDS", "MEASURES", "QUALIFIERS", "STATUSES", "DataLayer", "DataLayerError", "Kind",
    "Measure", "Problem", "Qualifier", "Status", "data_files", "edition_of", "format_value", "load_data_layer",
]  # fmt: skip

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class DataLayer:
    """The monitor as known on `as_of`: only sources whose edition date (the day their figures became
    public) is on or before it, with every target judged on that day."""

    observations: pd.DataFrame
    indicators: pd.DataFrame
    themes: pd.DataFrame
    units: pd.DataFrame
    sources: pd.DataFrame
    plan_vs_outcome: pd.DataFrame
    as_of: date
    editions: pd.DataFrame  # every edition in the data, newest first: date, source_id, title, inferred
    lang: Language = "en"  # the language of the texts (see localize.localized)


def edition_of(layer: DataLayer, as_of: date | None = None) -> DataLayer:
    """The monitor as known on `as_of` (any date; None: the newest edition), from a layer known on
    that day or later. A date before the first edition gives a layer with no figures."""
    as_of = as_of or layer.editions["date"].max().date()
    published = layer.sources[layer.sources["edition_date"].dt.date <= as_of]
    observations = layer.observations[layer.observations["source_id"].isin(published["id"])].reset_index(drop=True)
    # In another language, the reasons and gaps are written in it, with the units' own words.
    symbols = dict(zip(layer.units["id"], layer.units["symbol"], strict=True))
    # A gap between two percentages is in percentage points (个百分点), not percent.
    points = symbols.get("percentage_points", symbols.get("percent", ""))
    unit_words = None if layer.lang == "en" else {**symbols, "percent": points}
    pairs = build_plan_vs_outcome(
        observations, layer.indicators, published.set_index("id")["edition_date"], as_of, translator(layer.lang),
        unit_words,
    )  # fmt: skip
    return replace(layer, observations=observations, sources=published.reset_index(drop=True),
                   plan_vs_outcome=pairs, as_of=as_of)  # fmt: skip


def data_files(path: str | Path = DEFAULT_PATH) -> list[Path]:
    """Every file the layer reads, so a cache can notice when one changes."""
    root = Path(path)
    return [root / name for name in TOP_LEVEL_FILES] + sorted((root / OBSERVATIONS_DIR).glob("*.yaml"))


def _read_all(
    root: Path, problems: list[Problem]
) -> tuple[dict[str, YamlDocument | None], list[tuple[str, YamlDocument]]]:
    shown = str(root)
    if not root.is_dir():
        raise DataLayerError([Problem(shown, "folder", "no such data folder")])
    top: dict[str, YamlDocument | None] = {}
    for name, definition in TOP_LEVEL_FILES.items():
        if not (root / name).is_file():
            problems.append(Problem(f"{shown}/{name}", "file", "missing"))
            top[name] = None
            continue
        document = top[name] = read_yaml(root / name, f"{shown}/{name}", problems)
        if document:
            check_schema(document, definition, problems)  # the rules still run on a failing file
    for stray in sorted(root.glob("*.y*ml")):
        if stray.name not in TOP_LEVEL_FILES and stray.name != "schema.yaml":
            problems.append(
                Problem(
                    f"{shown}/{stray.name}", "file", f"not a data-layer file; expected {', '.join(TOP_LEVEL_FILES)}"
                )
            )
    observation_files = []
    paths = sorted((root / OBSERVATIONS_DIR).glob("*"))
    if not paths:
        problems.append(
            Problem(
                f"{shown}/{OBSERVATIONS_DIR}",
                "folder",
                "missing or empty: observations go here, one YAML file per source",
            )
        )
    for path in paths:
        shown_as = f"{shown}/{OBSERVATIONS_DIR}/{path.name}"
        if path.suffix != ".yaml":
            problems.append(Problem(shown_as, "file", "observation files must end in .yaml"))
            continue
        document = read_yaml(path, shown_as, problems)
        if document:
            check_schema(document, OBSERVATIONS_SCHEMA, problems)
            observation_files.append((path.stem, document))
    return top, observation_files


def load_data_layer(path: str | Path = DEFAULT_PATH, as_of: date | None = None) -> DataLayer:
    """Load and check the data layer as known on `as_of` (None: the newest edition); raise
    DataLayerError listing every problem found."""
    return edition_of(_load(path), as_of)


def _load(path: str | Path) -> DataLayer:
    problems: list[Problem] = []
    top, observation_files = _read_all(Path(path), problems)
    check_rules(
        top["themes.yaml"], top["units.yaml"], top["sources.yaml"], top["indicators.yaml"], observation_files, problems
    )
    if problems:
        raise DataLayerError(problems)
    data = {name: document.data for name, document in top.items() if document}  # all there, or a problem said so
    themes = themes_frame(data["themes.yaml"])
    units = units_frame(data["units.yaml"])
    sources = sources_frame(data["sources.yaml"])
    indicators = indicators_frame(data["indicators.yaml"])
    observations = observations_frame([doc.data for _, doc in observation_files], indicators, themes, units, sources)
    editions = sources_editions(sources)
    newest = editions["date"].max().date()
    pairs = build_plan_vs_outcome(observations, indicators, sources.set_index("id")["edition_date"], newest)
    return DataLayer(observations, indicators, themes, units, sources, pairs, newest, editions)
