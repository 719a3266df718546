"""Themes: one theme's promises under their status, its growth rates and shares as charts, and its
levels, counts and ranks as tables."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from components import charts
from components.data_layer import DataLayer, Measure, queries
from components.i18n import N_

from .common import (
    TARGET_ROW_HEADERS,
    TARGET_ROW_SHOWN,
    ChartView,
    Choice,
    Header,
    StatusGroup,
    chart_view,
    compared_chart,
    header,
    tracker_groups,
    translated,
    words,
)  # fmt: skip

FIGURE_HEADERS = {
    "indicator": N_("Figure"), "value_label": N_("Value"), "period_label": N_("Period"),
    "source_title": N_("Source"), "note": N_("Note"),
}  # fmt: skip


@dataclass(frozen=True)
class ThemeChoice:
    header: Header
    label: str  # what the theme choice is called
    themes: dict[str, str]  # id -> label of the themes the page offers: the chosen ones, or all


def theme_choice(layer: DataLayer, choice: Choice) -> ThemeChoice:
    labels = dict(zip(layer.themes["id"], layer.themes["label"], strict=True))
    offered = {theme: labels[theme] for theme in choice.themes if theme in labels} or labels
    return ThemeChoice(header(layer, "Themes"), words(choice)("Theme"), offered)


@dataclass(frozen=True)
class ThemePage:
    header: Header
    theme: str
    label: str
    description: str
    summary: str  # the page's sections in one line, or that the theme has no figures yet
    targets_heading: str
    targets: list[StatusGroup] = field(default_factory=list)  # the theme's promises, as on the plan page
    charts: list[tuple[str, ChartView]] = field(default_factory=list)  # (section heading, chart)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)  # (section heading, FIGURE_HEADERS)
    table_ids: list[tuple[str, ...]] = field(default_factory=list)  # each table's rows' indicators, for links
    link_column: str = ""  # the header of the tables' column that links to the indicator's page

    @property
    def targets_ids(self) -> tuple[str, ...]:
        """The indicator of each row of `targets_table`."""
        return tuple(indicator for group in self.targets for indicator in group.indicator_ids)

    @property
    def targets_table(self) -> pd.DataFrame:
        """The theme's promises in one table, grouped by status (TRACKER_HEADERS, translated)."""
        return (
            pd.concat([group.targets for group in self.targets], ignore_index=True) if self.targets else pd.DataFrame()
        )


def theme_page(layer: DataLayer, choice: Choice, theme: str) -> ThemePage:
    _ = words(choice)
    info = layer.themes.set_index("id").loc[theme]
    observations = queries.for_themes(layer.observations, [theme])
    pairs = queries.for_themes(layer.plan_vs_outcome, [theme])
    name = theme  # file names stay ASCII in every language: the theme's id
    chart_list: list[tuple[str, ChartView]] = []
    if compared := compared_chart(layer, pairs, f"{name} targets", choice):
        chart_list.append((_("Targets against outcomes"), compared))
    measures: list[tuple[Measure, str, str, tuple[float, float] | None]] = [
        ("yoy_growth", N_("Growth rates"), N_("Year-on-year growth (%)"), None),
        ("share", N_("Shares"), N_("Share of the total (%)"), (0, 100)),
    ]
    for measure, heading, axis, domain in measures:
        rows = queries.rows_with_targets(observations, measure)
        if not rows.empty:
            title = _("{theme}: {what}").format(theme=info["label"], what=_(heading).lower())
            chart = charts.bars_with_targets(rows, layer.themes, _(axis), title, domain, _)
            description = charts.describe_bars(rows, _(heading).lower(), _)
            chart_list.append(
                (_(heading), chart_view(chart, f"{name} {heading}", description, rows, TARGET_ROW_HEADERS, choice,
                                        TARGET_ROW_SHOWN, layer=layer, sources=rows["source_ids"]))
            )  # fmt: skip
    tables: list[tuple[str, pd.DataFrame]] = []
    table_ids: list[tuple[str, ...]] = []
    for heading, table_measures in (
        (N_("Levels and counts"), ["level", "added"]),
        (N_("Ranks"), ["rank", "rank_change"]),
    ):
        figures = queries.outcomes_of(observations, table_measures)  # type: ignore[arg-type]
        if not figures.empty:
            tables.append((_(heading), figures[list(FIGURE_HEADERS)].rename(columns=translated(FIGURE_HEADERS, _))))
            table_ids.append(tuple(figures["indicator_id"]))
    targets = tracker_groups(pairs, layer.themes, _, queries.latest_interim(layer.observations, pairs))
    sections = ([_("Targets")] if targets else []) + [heading for heading, _chart in chart_list]
    sections += [heading for heading, _table in tables]
    return ThemePage(
        header=header(layer, "Themes"),
        theme=theme,
        label=info["label"],
        description=info["description"],
        summary=" · ".join(sections) or _("No figures for this theme yet."),
        targets_heading=_("Targets"),
        targets=targets,
        charts=chart_list,
        tables=tables,
        table_ids=table_ids,
        link_column=_(FIGURE_HEADERS["indicator"]),
    )
