"""Indicator: one indicator's history, every target and outcome over time, with its sources. The
page a reader can link to (?indicator=<id>) from any table that names an indicator."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from babel import Locale

from components import charts
from components.data_layer import DataLayer, queries
from components.i18n import N_, language

from .common import MEASURE_NAMES, ChartView, Choice, Header, chart_view, header, status_badge, translated, words

FIGURE_HEADERS = {
    "value_label": N_("Value as stated"), "kind_label": N_("Kind"), "period_label": N_("Period"),
    "source_title": N_("Source"), "edition": N_("Edition"), "status_label": N_("Status"), "note": N_("Note"),
}  # fmt: skip
CSV_HEADERS = {**FIGURE_HEADERS, "value": N_("Value (base unit)"), "unit": N_("Unit"), "source_id": N_("Source id"),
               "address": N_("Address")}  # fmt: skip
# Units that run into millions and billions: the chart's axis shows them in a larger unit, as a reader says them.
_SCALED_UNITS = {"yuan", "kilowatts", "kilowatt_hours", "cubic_meters", "tonnes"}


@dataclass(frozen=True)
class IndicatorChoice:
    header: Header
    empty: str  # why there is nothing to choose, when the edition holds no figures; "" otherwise
    label: str
    help: str
    indicators: dict[str, str]  # id -> "name (theme)", by theme and name


def indicator_choice(layer: DataLayer, choice: Choice) -> IndicatorChoice:
    _ = words(choice)
    themes = dict(zip(layer.themes["id"], layer.themes["label"], strict=True))
    order = {theme: position for position, theme in enumerate(layer.themes["id"])}
    held = set(queries.for_themes(layer.observations, choice.themes)["indicator_id"])
    listed = layer.indicators[layer.indicators["id"].isin(held)]
    listed = listed.assign(_theme=listed["theme"].map(order)).sort_values(["_theme", "name"])
    return IndicatorChoice(
        header(layer, "Indicator"),
        ""
        if len(listed)
        else _("No figures for the chosen themes. Widen the theme filter in the sidebar to see more.")
        if choice.themes
        else _("No figures were public on this date."),
        _("Indicator"),
        _("Every indicator with a figure in this edition and the chosen themes, by theme."),
        {row.id: f"{row.name} ({themes[row.theme]})" for row in listed.itertuples()},
    )


@dataclass(frozen=True)
class IndicatorPage:
    header: Header
    id: str
    name: str
    description: str
    facts: str  # theme, unit and measure in one line
    empty: str  # why there is no chart; "" when there is one
    chart: ChartView | None
    figures_heading: str
    figures: pd.DataFrame  # every figure (FIGURE_HEADERS), oldest period first
    source_column: str  # the header of the figures' column of sources
    addresses: list[str]  # each figure's source address, row for row: the Source cell links to it
    notes: list[str]  # what to read with care: a look-alike indicator that measures something else


def indicator_page(layer: DataLayer, choice: Choice, indicator: str) -> IndicatorPage:
    _ = words(choice)
    info = layer.indicators.set_index("id").loc[indicator]
    units = layer.units.set_index("id")
    theme = layer.themes.set_index("id").loc[info["theme"], "label"]
    figures = queries.indicator_figures(layer.observations, indicator)
    statuses = dict(zip(layer.plan_vs_outcome["target_id"], layer.plan_vs_outcome["status"], strict=True))
    editions = layer.sources.set_index("id")["edition_date"].dt.strftime("%Y-%m-%d")
    addresses = dict(zip(layer.sources["id"], layer.sources["address"], strict=True))
    rows = figures.assign(
        kind_label=figures["kind"].map(_),
        edition=figures["source_id"].map(editions),
        status_label=[status_badge(statuses[obs], _) if obs in statuses else "" for obs in figures["observation_id"]],
        address=[addresses.get(source, "") for source in figures["source_id"]],
    )
    chart = None
    plotted = rows[rows["value"].notna()]
    if len(plotted):
        largest = plotted["value"].abs().max() if info["unit"] in _SCALED_UNITS else 0
        divisor, scale_word = axis_scale(largest, language(layer.lang).locale)
        unit_label = units.loc[info["unit"], "label"]
        axis = f"{info['name']} ({scale_word}{unit_label})"
        data = plotted.assign(plot_value=plotted["value"] / divisor)
        chart = chart_view(
            charts.indicator_history_chart(data, axis, info["name"], _),
            f"Indicator {indicator}",
            charts.describe_history(plotted, info["name"], _),
            rows, CSV_HEADERS, choice, tuple(FIGURE_HEADERS), layer=layer, sources=rows["source_id"],
        )  # fmt: skip
    notes = []
    if info["not_comparable_with"]:
        other = layer.indicators.set_index("id").loc[info["not_comparable_with"], "name"]
        notes.append(
            _("Not comparable with {other}: {reason}").format(other=other, reason=info["not_comparable_reason"])
        )
    return IndicatorPage(
        header=header(layer, "Indicator"),
        id=indicator,
        name=info["name"],
        description=info["description"],
        facts=_("Theme: {theme} · Unit: {unit} · Measure: {measure}").format(
            theme=theme, unit=units.loc[info["unit"], "label"], measure=_(MEASURE_NAMES[info["measure"]])
        ),
        empty="" if chart else _("No figure of this indicator is a number that can be drawn; the table has them all."),
        chart=chart,
        figures_heading=_("Every figure"),
        figures=rows[list(FIGURE_HEADERS)].rename(columns=translated(FIGURE_HEADERS, _)),
        source_column=_(FIGURE_HEADERS["source_title"]),
        addresses=list(rows["address"]),
        notes=notes,
    )


def axis_scale(largest: float, locale: str) -> tuple[float, str]:
    """The divisor and its word for an axis whose values reach `largest`: (1e9, 'billion ') in English,
    (1e8, '亿') in Chinese, from CLDR's long compact forms; (1, '') below the first of them that
    names a unit of its own (a million, 万)."""
    patterns = Locale.parse(locale).compact_decimal_formats["long"]["other"]
    units = [(float(size), pattern.pattern.replace("0", "")) for size, pattern in patterns.items()
             if pattern.pattern.count("0") == 1 and float(size) >= 1e4]  # fmt: skip
    fitting = [unit for unit in units if largest >= unit[0]]
    if not fitting:
        return 1.0, ""
    divisor, word = max(fitting)
    return divisor, word.strip() + (" " if word.startswith(" ") else "")
