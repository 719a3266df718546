"""Data and sources: every observation with filters and search, its CSV, the source documents, and
the notes on method."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components import exports
from components.data_layer import DataLayer, Kind, Measure, queries
from components.data_layer.vocabulary import KINDS
from components.formatting import format_day
from components.i18n import N_, method_notes, translated_languages

from .common import MEASURE_NAMES, Choice, Header, header, published_at, translated, words

OBSERVATION_HEADERS = {
    "indicator": N_("Indicator"), "theme_label": N_("Theme"), "kind": N_("Kind"), "value": N_("Value"),
    "unit_label": N_("Unit"), "qualifier": N_("Qualifier"), "value_label": N_("As stated"),
    "period_label": N_("Period"), "measure": N_("Measure"), "source_id": N_("Source"), "note": N_("Note"),
}  # fmt: skip


@dataclass(frozen=True)
class Filter:
    label: str
    options: dict[str, str]  # value -> what the reader sees
    placeholder: str


@dataclass(frozen=True)
class DataFilters:
    header: Header
    kinds: Filter
    measures: Filter  # those the data holds
    search_label: str
    search_placeholder: str


def data_filters(layer: DataLayer, choice: Choice) -> DataFilters:
    _ = words(choice)
    return DataFilters(
        header(layer, "Data and sources"),
        Filter(_("Kind"), {kind: _(kind) for kind in KINDS}, _("Outcomes and targets")),
        Filter(
            _("Measure"),
            {measure: _(MEASURE_NAMES[measure]) for measure in queries.measures_present(layer.observations)},
            _("All measures"),
        ),
        _("Search"),
        _("Indicator, note or source"),
    )


@dataclass(frozen=True)
class SourceDetails:
    id: str
    file: str
    title: str
    outlet: str
    dates: str  # each date the source gives, with what happened on it
    summary: str
    date_note: str
    other_figures: tuple[str, ...]  # numbers in the document that are not indicators
    address: str  # where the text was read: the outlet's page, or a copy of it
    standing: str  # primary, secondary or copy (a primary text read from a mirror), in the reader's words

    @property
    def heading(self) -> str:
        return f"{self.title} · {self.outlet} · {self.dates}"


@dataclass(frozen=True)
class DataAndSources:
    header: Header
    empty: str  # why the table is empty, when nothing matches; "" otherwise
    count: str  # how many observations are shown, of how many
    table: pd.DataFrame  # the matching observations to show (OBSERVATION_HEADERS)
    csv: pd.DataFrame  # the same rows with every column, for the download
    csv_label: str
    csv_file: str
    value_column: str  # the table's column of numbers
    sources_heading: str
    sources: list[SourceDetails]
    source_file: str  # 'Source id and file: {id} ({file})'
    date_label: str
    other_figures_label: str
    address_label: str
    standing_label: str
    cite_heading: str
    cite_monitor: str  # how to cite the monitor
    cite_edition: str  # how to cite the edition shown
    method_heading: str
    method: str  # the notes on method (authored Markdown), or that they are missing


def data_and_sources(
    layer: DataLayer,
    choice: Choice,
    kinds: tuple[Kind, ...] = (),
    measures: tuple[Measure, ...] = (),
    search: str = "",
) -> DataAndSources:
    _ = words(choice)
    observations = queries.for_themes(layer.observations, choice.themes)
    matching = queries.matching_observations(observations, kinds, measures, search)
    shown = matching.assign(
        kind=matching["kind"].map(_),
        measure=matching["measure"].map(lambda measure: _(MEASURE_NAMES[measure])),
        qualifier=[_(qualifier) if qualifier else "" for qualifier in matching["qualifier"]],
    )
    filtered = bool(kinds or measures or search or choice.themes)
    return DataAndSources(
        header=header(layer, "Data and sources"),
        empty=_("No observations match these filters. Loosen the filters or the search.") if matching.empty else "",
        count=(
            _("{shown} of {total} observations.").format(shown=len(matching), total=len(layer.observations))
            if filtered
            else _("{count} observations.").format(count=len(matching))
        ),
        table=shown[list(OBSERVATION_HEADERS)].rename(columns=translated(OBSERVATION_HEADERS, _)),
        # Every column but the period's dates and the translations, which the texts already are in.
        csv=matching.drop(columns=["period_start", "period_end", *_translation_columns(matching.columns)]).assign(
            source_outlet=matching["source_id"].map(layer.sources.set_index("id")["outlet"]),
            source_address=matching["source_id"].map(layer.sources.set_index("id")["address"]),
        ),
        csv_label=_("Download these observations (CSV)"),
        csv_file=exports.export_filename("observations", choice.themes, "csv", choice.edition_in_name),
        value_column=_("Value"),
        sources_heading=_("Sources"),
        sources=[
            SourceDetails(
                row.id,
                row.file,
                row.title,
                row.outlet,
                row.dates,
                row.summary,
                row.date_note,
                tuple(row.other_figures),
                row.address,
                _(STANDINGS[_standing(row.standing, row.copy)]),
            )
            for row in layer.sources.itertuples()
        ],
        source_file=_("Source id and file: {id} ({file})"),
        date_label=_("Date:"),
        other_figures_label=_("Other numbers in the document, not counted as indicators:"),
        address_label=_("Read at:"),
        standing_label=_("Kind of source:"),
        cite_heading=_("How to cite"),
        cite_monitor=_cite_monitor(_),
        cite_edition=_cite_edition(layer, _),
        method_heading=_("How to read the figures"),
        method=method_notes(layer.lang) or _("The notes on method are missing from this copy of the monitor."),
    )


# A source's standing, as the page names it.
STANDINGS = {
    "primary": N_("primary: the outlet's own text"),
    "copy": N_("primary, read from a copy of the outlet's page"),
    "secondary": N_("secondary: a retelling of official figures"),
}


def _standing(standing: str, copy: bool) -> str:
    return "secondary" if standing == "secondary" else "copy" if copy else "primary"


def _with_address(text: str) -> str:
    """`text`, then the address where the monitor is published, when one is configured."""
    address = published_at()
    return f"{text} {address}" if address else text


def _cite_monitor(_) -> str:
    return _with_address(
        _("Shanxi Transformation Monitor: what Shanxi planned and reported, from curated, sourced figures.")
    )


def _cite_edition(layer: DataLayer, _) -> str:
    newest = layer.sources["edition_date"].max()
    named = _("; ").join(
        f"{row.outlet}, {format_day(row.edition_date.date(), layer.lang)}"
        for row in layer.sources[layer.sources["edition_date"] == newest].itertuples()
    )
    return _with_address(
        _("Shanxi Transformation Monitor, edition as known on {day} (newest source: {sources}).").format(
            day=format_day(layer.as_of, layer.lang), sources=named
        )
    )


def _translation_columns(columns: pd.Index) -> list[str]:
    """The columns holding a text's translation (note_zh): the layer's texts are already in the reader's language."""
    suffixes = tuple(f"_{lang}" for lang in translated_languages())
    return [column for column in columns if column.endswith(suffixes)]
