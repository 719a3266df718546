"""The data layer in an interface language: each text from the data replaced by its translation
(`<field>_<code>`, the English where a text has none yet; translations.TRANSLATABLE says which), and
values and periods written as that language writes them (components/formatting.py). Ids, values and
statuses stay as they are. English is localized too: its values and periods are worded here."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from components.formatting import format_period, format_value
from components.i18n import DEFAULT_LANGUAGE, N_, Language, language, translator

from .periods import parse_period
from .translations import translated_columns, translation

if TYPE_CHECKING:
    from . import DataLayer


def _translated(frame: pd.DataFrame, name: str, lang: Language) -> pd.DataFrame:
    """`frame` (the layer's frame called `name`) with each translatable column in `lang` where it has a text."""
    if lang == DEFAULT_LANGUAGE:
        return frame
    frame = frame.copy()
    for column in translated_columns(name):
        translated = frame[translation(column, lang)]
        if translated.dtype == object and translated.map(lambda text: isinstance(text, list)).any():
            frame[column] = [new or old for old, new in zip(frame[column], translated, strict=True)]
        else:
            frame[column] = translated.where(translated != "", frame[column])
    return frame


def localized_sources(sources: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """The sources in `lang`; a title of ours marked as a translation (（译名）), an official one not."""
    if lang == DEFAULT_LANGUAGE:
        return sources
    translated = _translated(sources, "sources", lang)
    title = translation("title", lang)
    mark = pd.Series(language(lang).title_mark, index=sources.index).where(~sources[f"{title}_official"], "")
    translated["title"] = (sources[title] + mark).where(sources[title] != "", sources["title"])
    return translated


SECONDARY_MARK = N_(" (secondary source)")


def localized(layer: DataLayer, lang: Language, observations: pd.DataFrame | None = None) -> DataLayer:
    """`layer` with its texts in `lang` and every value and period worded in it; `observations`
    (a subset of the layer's, e.g. those of an edition) instead of all of them."""
    units = _translated(layer.units, "units", lang)
    themes = _translated(layer.themes, "themes", lang)
    indicators = _translated(layer.indicators, "indicators", lang)
    sources = localized_sources(layer.sources, lang)
    titles = dict(zip(sources["id"], sources["title"], strict=True))
    observations = _translated(layer.observations if observations is None else observations, "observations", lang)
    if lang == DEFAULT_LANGUAGE:
        observations = observations.copy()  # its labels are written below; the layer's frame stays as it is
    else:
        observations["indicator"] = observations["indicator_id"].map(indicators.set_index("id")["name"])
        observations["theme_label"] = observations["theme"].map(themes.set_index("id")["label"])
        observations["unit_label"] = observations["unit"].map(units.set_index("id")["label"])
        observations["source_title"] = observations["source_id"].map(titles)
    symbols = dict(zip(units["id"], units["symbol"], strict=True))
    observations["value_label"] = [
        format_value(value, unit, symbols[unit], qualifier, kind, lang)
        for value, unit, qualifier, kind in zip(
            observations["value"], observations["unit"], observations["qualifier"], observations["kind"], strict=True
        )
    ]
    # A figure from a secondary source says so wherever it is shown: its label carries the mark.
    secondary = observations["source_id"].isin(sources.loc[sources["standing"] == "secondary", "id"])
    if secondary.any():
        observations.loc[secondary, "value_label"] += translator(lang)(SECONDARY_MARK)
    observations["period_label"] = [
        format_period(parse_period(period), inferred, lang)
        for period, inferred in zip(observations["period"], observations["period_inferred"], strict=True)
    ]
    separator = translator(lang)("; ")
    editions = layer.editions.assign(
        title=[separator.join(titles[source] for source in ids.split("; ")) for ids in layer.editions["source_id"]]
    )
    return replace(
        layer, observations=observations, themes=themes, indicators=indicators, units=units, sources=sources,
        editions=editions, lang=lang,
    )  # fmt: skip
