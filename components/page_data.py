"""What each page shows, computed from the data layer and a few simple choices (theme ids, a
period, statuses): frames to list and charts as ready Vega-Lite specs. Pure functions without
Streamlit, so the app can cache them on cheap keys and tests can call them directly.

Building an Altair chart and turning it into a validated spec takes tens of milliseconds per
chart; done here once per choice, a page's rerun only lays the results out."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from components import charts, markdown
from components.data_layer import DataLayer, views


@dataclass(frozen=True)
class ChartView:
    name: str  # what the chart shows; also names the downloaded files
    spec: dict  # Vega-Lite, built and validated by Altair
    description: str  # the chart's text alternative
    table: pd.DataFrame  # the data behind the chart, with reader-facing column names (the CSV)
    shown: tuple[str, ...] = ()  # the columns of `table` to show on screen; empty: all

    @property
    def screen_table(self) -> pd.DataFrame:
        """The table to show under the chart: the columns a reader scans, where the CSV has them all."""
        return self.table[list(self.shown)] if self.shown else self.table


def _chart_view(
    chart, name: str, description: str, data: pd.DataFrame, columns: dict[str, str], shown: tuple[str, ...] = ()
) -> ChartView:
    table = data[list(columns)].rename(columns=columns)
    return ChartView(name, chart.to_dict(), description, table, tuple(columns[column] for column in shown))


PAIR_COLUMNS = {
    "indicator": "Indicator", "period": "Period", "target_label": "Target", "outcome_label": "Outcome",
    "gap_label": "Gap", "status": "Status", "status_reason": "Why", "gap": "Gap (units)", "gap_percent": "Gap (%)",
    "target_source_id": "Target source", "outcome_source_id": "Outcome source",
}  # fmt: skip
# On screen, the plan table leaves out the reasons (the page lists those worth reading below the
# chart), the numeric gaps and the source ids; the rows table, the numbers repeated in words.
PAIR_SHOWN = ("indicator", "period", "target_label", "outcome_label", "gap_label", "status")
ROW_COLUMNS = {
    "indicator": "Indicator", "period_label": "Period", "theme_label": "Theme", "outcome_value": "Outcome (%)",
    "outcome_label": "Outcome as stated", "target_value": "Target (%)", "target_label": "Target as stated",
    "source": "Source", "note": "Note",
}  # fmt: skip
ROW_SHOWN = ("indicator", "period_label", "theme_label", "outcome_label", "target_label", "source", "note")


HEADLINE_COLUMNS = {
    "theme_label": "Theme", "indicator": "Figure", "value_label": "Value", "period_label": "Period",
    "source_title": "Source",
}  # fmt: skip


@dataclass(frozen=True)
class Overview:
    newest_source: pd.Series
    status_counts: dict[str, int]
    headlines: pd.DataFrame  # a few outcomes per theme, as a table to show (HEADLINE_COLUMNS)
    coverage: ChartView | None


def overview(layer: DataLayer, themes: tuple[str, ...]) -> Overview:
    observations = views.for_themes(layer.observations, themes)
    pairs = views.for_themes(layer.plan_vs_outcome, themes)
    headline_ids = set(layer.indicators.loc[layer.indicators["headline"], "id"])
    counts = observations.groupby(["theme_label", "kind"], sort=False).size().reset_index(name="figures")
    coverage = None
    if not observations.empty:
        coverage = _chart_view(
            charts.coverage_chart(observations), "Figures by theme", charts.describe_coverage(observations),
            counts, {"theme_label": "Theme", "kind": "Kind", "figures": "Figures"},
        )  # fmt: skip
    return Overview(
        newest_source=layer.sources.loc[layer.sources["latest_date"].idxmax()],
        status_counts=views.status_counts(pairs),
        headlines=views.headline_outcomes(observations, headline_ids)[list(HEADLINE_COLUMNS)].rename(
            columns=HEADLINE_COLUMNS
        ),
        coverage=coverage,
    )


@dataclass(frozen=True)
class PlanVsOutcome:
    pairs: pd.DataFrame
    chart: ChartView | None
    caveats: list[str]  # Markdown notes on pairs not comparable or with a hedged figure


def plan_vs_outcome(layer: DataLayer, themes: tuple[str, ...], statuses: tuple[str, ...]) -> PlanVsOutcome:
    pairs = views.for_themes(layer.plan_vs_outcome, themes)
    if statuses:
        pairs = pairs[pairs["status"].isin(statuses)]
    hedged = (pairs["status"] == "not comparable") | (pairs["target_qualifier"] != "")
    hedged |= pairs["outcome_qualifier"] != ""
    chart = None
    if not pairs.empty:
        chart = _chart_view(
            charts.plan_vs_outcome_chart(pairs), "Plan vs outcome", charts.describe_plan_vs_outcome(pairs),
            pairs, PAIR_COLUMNS, PAIR_SHOWN,
        )  # fmt: skip
    return PlanVsOutcome(pairs, chart, [_caveat(row) for row in pairs[hedged].itertuples()])


def _caveat(pair) -> str:
    outcome = f"; outcome {pair.outcome_label} ({pair.outcome_indicator})" if pair.outcome_label else ""
    heading = markdown.escape(f"{pair.indicator}, {pair.period}")
    return f"**{heading}**: " + markdown.escape(f"target {pair.target_label}{outcome}. {pair.status_reason}")


@dataclass(frozen=True)
class Growth:
    periods: list[str]
    period_labels: dict[str, str]
    chart: ChartView | None
    only_targets: bool  # the period has targets but no reported growth yet
    not_in_percent: pd.DataFrame  # growth given as a multiple, which a percent axis cannot show


def growth(layer: DataLayer, themes: tuple[str, ...], period: str | None) -> Growth:
    observations = views.for_themes(layer.observations, themes)
    periods = views.figure_periods(layer.observations, "yoy_growth")
    labels = views.period_labels(layer.observations)
    period = period or periods[0]
    rows = views.rows_with_targets(observations, "yoy_growth", period)
    chart = None
    if not rows.empty:
        title = f"Growth rates, {labels[period]}"
        chart = _chart_view(
            charts.bars_with_targets(rows, layer.themes, "Year-on-year growth (%)", title),
            f"Growth rates {period}", charts.describe_bars(rows, f"growth rates for {labels[period]}"),
            rows, ROW_COLUMNS, ROW_SHOWN,
        )  # fmt: skip
    return Growth(
        periods=periods,
        period_labels=labels,
        chart=chart,
        only_targets=not rows.empty and bool(rows["outcome_value"].isna().all()),
        not_in_percent=views.growth_outside_percent(observations).query("period == @period"),
    )


FIGURE_COLUMNS = {
    "indicator": "Figure", "value_label": "Value", "period_label": "Period", "source_title": "Source", "note": "Note",
}  # fmt: skip


@dataclass(frozen=True)
class ThemePage:
    label: str
    description: str
    charts: list[tuple[str, ChartView]] = field(default_factory=list)  # (section heading, chart)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)  # (section heading, FIGURE_COLUMNS)


def theme_page(layer: DataLayer, theme: str) -> ThemePage:
    info = layer.themes.set_index("id").loc[theme]
    observations = views.for_themes(layer.observations, [theme])
    pairs = views.for_themes(layer.plan_vs_outcome, [theme])
    page = ThemePage(info["label"], info["description"])
    if not pairs.empty:
        chart = charts.plan_vs_outcome_chart(pairs)
        description = charts.describe_plan_vs_outcome(pairs)
        page.charts.append(
            ("Targets", _chart_view(chart, f"{info['label']} targets", description, pairs, PAIR_COLUMNS, PAIR_SHOWN))
        )
    for measure, heading, axis, domain in [
        ("yoy_growth", "Growth rates", "Year-on-year growth (%)", None),
        ("share", "Shares", "Share of the total (%)", (0, 100)),
    ]:
        rows = views.rows_with_targets(observations, measure)
        if not rows.empty:
            chart = charts.bars_with_targets(rows, layer.themes, axis, f"{info['label']}: {heading.lower()}", domain)
            description = charts.describe_bars(rows, heading.lower())
            view = _chart_view(chart, f"{info['label']} {heading}", description, rows, ROW_COLUMNS, ROW_SHOWN)
            page.charts.append((heading, view))
    for heading, measures in [("Levels and counts", ["level", "added"]), ("Ranks", ["rank", "rank_change"])]:
        figures = views.outcomes_of(observations, measures)
        if not figures.empty:
            page.tables.append((heading, figures[list(FIGURE_COLUMNS)].rename(columns=FIGURE_COLUMNS)))
    return page
