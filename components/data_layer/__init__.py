"""The curated data layer: YAML under data/ -> validated, tidy pandas frames.

One pass, one function per step: read -> check schema -> check rules -> build frames
(`read_data_layer`); then, for an edition on a date in a language, word it and pair plan with
outcome, once (`edition`). Nothing here writes to data/ or imports Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from components.i18n import DEFAULT_LANGUAGE, Language, language

from .frames import (
    indicators_frame,
    observations_frame,
    sources_editions,
    sources_frame,
    themes_frame,
    units_frame,
)
from .localize import localized
from .plan_vs_outcome import COLUMNS as PAIR_COLUMNS
from .plan_vs_outcome import build_plan_vs_outcome
from .problems import DataLayerError, Problem
from .reading import OBSERVATIONS_DIR, OBSERVATIONS_SCHEMA, TOP_LEVEL_FILES, YamlDocument, check_schema, read_yaml
from .rules import check_rules
from .vocabulary import KINDS, MEASURES, QUALIFIERS, STATUSES, Kind, Measure, Qualifier, Status

__all__ = [
    "DEFAULT_PATH", "KINDS", "MEASURES", "QUALIFIERS", "STATUSES", "DataLayer", "DataLayerError", "Kind",
    "Measure", "Problem", "Qualifier", "Status", "data_files", "edition", "load_data_layer", "read_data_layer",
]  # fmt: skip

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data"


AS_READ = ""  # the language of the layer as read, before an edition words it


@dataclass(frozen=True)
class DataLayer:
    """The monitor as known on `as_of` in `lang`: only sources whose edition date (the day their figures
    became public) is on or before it, with every target judged on that day, and every text, value
    and period in that language. `read_data_layer` gives the whole data as read instead (lang
    AS_READ: English texts, no worded values, no pairs), from which `edition` builds these."""

    observations: pd.DataFrame
    indicators: pd.DataFrame
    themes: pd.DataFrame
    units: pd.DataFrame
    sources: pd.DataFrame
    plan_vs_outcome: pd.DataFrame
    as_of: date
    editions: pd.DataFrame  # every edition in the data, newest first: date, source_id, title, inferred
    lang: Language = DEFAULT_LANGUAGE


def edition(layer: DataLayer, as_of: date | None = None, lang: Language | None = None) -> DataLayer:
    """The monitor as known on `as_of` (any date; None: the newest edition) in `lang` (None: the
    layer's), built once: its texts translated, its values and periods worded, its targets paired and
    judged. From the layer as read, or from an edition in `lang` known on that day or later (What
    changed asks for an earlier one). A date before the first edition gives a layer with no figures."""
    lang = lang or layer.lang or DEFAULT_LANGUAGE
    language(lang)  # a language with a record, or ValueError
    if layer.lang not in (AS_READ, lang):
        raise ValueError(f"an edition in {layer.lang!r} cannot be put into {lang!r}: start from read_data_layer")
    as_of = as_of or layer.editions["date"].max().date()
    published = layer.observations["source_id"].isin(
        layer.sources.loc[layer.sources["edition_date"].dt.date <= as_of, "id"]
    )
    observations = layer.observations[published].reset_index(drop=True)
    worded = (
        localized(layer, lang, observations) if layer.lang == AS_READ else replace(layer, observations=observations)
    )
    sources = worded.sources[worded.sources["edition_date"].dt.date <= as_of].reset_index(drop=True)
    pairs = build_plan_vs_outcome(
        worded.observations, worded.indicators, worded.units, sources.set_index("id")["edition_date"], as_of, lang
    )
    return replace(worded, sources=sources, plan_vs_outcome=pairs, as_of=as_of)


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


def load_data_layer(
    path: str | Path = DEFAULT_PATH, as_of: date | None = None, lang: Language = DEFAULT_LANGUAGE
) -> DataLayer:
    """Load and check the data layer, as known on `as_of` (None: the newest edition) in `lang`;
    raise DataLayerError listing every problem found."""
    return edition(read_data_layer(path), as_of, lang)


def read_data_layer(path: str | Path = DEFAULT_PATH) -> DataLayer:
    """The whole data layer as read and checked, before any edition: the frames in the data's own
    words, every source, no pairs. Raise DataLayerError listing every problem found."""
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
    pairs = pd.DataFrame(columns=PAIR_COLUMNS)
    return DataLayer(observations, indicators, themes, units, sources, pairs, newest, editions, AS_READ)
