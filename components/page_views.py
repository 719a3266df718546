"""What each page shows, as data: frames with reader-facing headers, plain strings and ready
Vega-Lite specs, computed from the data layer and a few cheap choices (theme ids, a period,
statuses, filters). Pure functions without Streamlit or Markdown, so the app caches them on cheap
keys, a static site can present them as HTML, and tests call them directly. Each presentation
escapes text for its own medium.

Building an Altair chart and turning it into a validated spec is the costly part of a page; done
here once per choice, a page's rerun only lays the results out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import altair as alt
import pandas as pd

from components import charts
from components.data_layer import DataLayer, Kind, Measure, Status, queries
from components.data_layer.vocabulary import KINDS, STATUSES

README = Path(__file__).resolve().parents[1] / "README.md"
METHOD_START, METHOD_END = "<!-- method:start -->", "<!-- method:end -->"


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
    chart: alt.TopLevelMixin,
    name: str,
    description: str,
    data: pd.DataFrame,
    headers: dict[str, str],
    shown: tuple[str, ...] = (),
) -> ChartView:
    table = data[list(headers)].rename(columns=headers)
    return ChartView(name, chart.to_dict(), description, table, tuple(headers[column] for column in shown))


# Frame column -> the header a reader sees, for each kind of table the pages show.
PAIR_HEADERS = {
    "indicator": "Indicator", "period": "Period", "target_label": "Target", "outcome_label": "Outcome",
    "gap_label": "Gap", "status": "Status", "status_reason": "Why", "gap": "Gap (units)", "gap_percent": "Gap (%)",
    "target_source_id": "Target source", "outcome_source_id": "Outcome source",
}  # fmt: skip
# On screen, the plan table leaves out the reasons (the page lists those worth reading below the
# chart), the numeric gaps and the source ids; the target-row table, the numbers repeated in words.
PAIR_SHOWN = ("indicator", "period", "target_label", "outcome_label", "gap_label", "status")
TARGET_ROW_HEADERS = {
    "indicator": "Indicator", "period_label": "Period", "theme_label": "Theme", "outcome_value": "Outcome (%)",
    "outcome_label": "Outcome as stated", "target_value": "Target (%)", "target_label": "Target as stated",
    "source": "Source", "note": "Note",
}  # fmt: skip
TARGET_ROW_SHOWN = ("indicator", "period_label", "theme_label", "outcome_label", "target_label", "source", "note")
HEADLINE_HEADERS = {
    "theme_label": "Theme", "indicator": "Figure", "value_label": "Value", "period_label": "Period",
    "source_title": "Source",
}  # fmt: skip
FIGURE_HEADERS = {
    "indicator": "Figure", "value_label": "Value", "period_label": "Period", "source_title": "Source", "note": "Note",
}  # fmt: skip
OBSERVATION_HEADERS = {
    "indicator": "Indicator", "theme_label": "Theme", "kind": "Kind", "value": "Value", "unit_label": "Unit",
    "qualifier": "Qualifier", "value_label": "As stated", "period_label": "Period", "measure": "Measure",
    "source_id": "Source", "note": "Note",
}  # fmt: skip


# --- Overview ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceLine:
    title: str
    outlet: str
    date: date | None  # the newest date the source gives; None when it gives none


@dataclass(frozen=True)
class Overview:
    newest_source: SourceLine
    status_counts: dict[Status, int]
    headlines: pd.DataFrame  # a few outcomes per theme (HEADLINE_HEADERS)
    coverage: ChartView | None  # None when the chosen themes hold no figures


def overview(layer: DataLayer, themes: tuple[str, ...]) -> Overview:
    observations = queries.for_themes(layer.observations, themes)
    pairs = queries.for_themes(layer.plan_vs_outcome, themes)
    headline_ids = set(layer.indicators.loc[layer.indicators["headline"], "id"])
    counts = observations.groupby(["theme_label", "kind"], sort=False).size().reset_index(name="figures")
    coverage = None
    if not observations.empty:
        coverage = _chart_view(
            charts.coverage_chart(observations), "Figures by theme", charts.describe_coverage(observations),
            counts, {"theme_label": "Theme", "kind": "Kind", "figures": "Figures"},
        )  # fmt: skip
    headlines = queries.headline_outcomes(observations, headline_ids)
    return Overview(
        newest_source=_newest_source(layer.sources),
        status_counts=queries.status_counts(pairs),
        headlines=headlines[list(HEADLINE_HEADERS)].rename(columns=HEADLINE_HEADERS),
        coverage=coverage,
    )


def _newest_source(sources: pd.DataFrame) -> SourceLine:
    dated = sources.dropna(subset=["latest_date"])
    if dated.empty:
        first = sources.iloc[0]
        return SourceLine(first["title"], first["outlet"], None)
    newest = dated.loc[dated["latest_date"].idxmax()]
    return SourceLine(newest["title"], newest["outlet"], newest["latest_date"].date())


# --- Plan vs outcome ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Caveat:
    heading: str  # the indicator and period
    text: str  # target, outcome and why to read them with care


@dataclass(frozen=True)
class PlanVsOutcome:
    pairs: pd.DataFrame
    chart: ChartView | None  # None when no target matches the choices
    caveats: list[Caveat]  # pairs not comparable or with a hedged figure


def plan_vs_outcome(layer: DataLayer, themes: tuple[str, ...], statuses: tuple[Status, ...]) -> PlanVsOutcome:
    pairs = queries.for_themes(layer.plan_vs_outcome, themes)
    if statuses:
        pairs = pairs[pairs["status"].isin(statuses)]
    hedged = (pairs["status"] == "not comparable") | (pairs["target_qualifier"] != "")
    hedged |= pairs["outcome_qualifier"] != ""
    chart = None
    if not pairs.empty:
        chart = _chart_view(
            charts.plan_vs_outcome_chart(pairs), "Plan vs outcome", charts.describe_plan_vs_outcome(pairs),
            pairs, PAIR_HEADERS, PAIR_SHOWN,
        )  # fmt: skip
    return PlanVsOutcome(pairs, chart, [_caveat(row) for row in pairs[hedged].itertuples()])


def _caveat(pair) -> Caveat:
    outcome = f"; outcome {pair.outcome_label} ({pair.outcome_indicator})" if pair.outcome_label else ""
    return Caveat(f"{pair.indicator}, {pair.period}", f"target {pair.target_label}{outcome}. {pair.status_reason}")


# --- Growth rates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Growth:
    periods: list[str]  # every period with growth figures, the one to open first at the head
    period_labels: dict[str, str]
    chart: ChartView | None  # None when the chosen themes have no growth in the period
    only_targets: bool  # the period has targets but no reported growth yet
    not_in_percent: list[str]  # growth given as a multiple, which a percent axis cannot show


def growth(layer: DataLayer, themes: tuple[str, ...], period: str | None) -> Growth:
    """Growth rates of `period` (None: the first of `periods`)."""
    observations = queries.for_themes(layer.observations, themes)
    periods = queries.figure_periods(layer.observations, "yoy_growth")
    labels = queries.period_labels(layer.observations)
    period = period or (periods[0] if periods else None)
    rows = queries.rows_with_targets(observations, "yoy_growth", period) if period else pd.DataFrame()
    chart = None
    if period and not rows.empty:
        title = f"Growth rates, {labels[period]}"
        chart = _chart_view(
            charts.bars_with_targets(rows, layer.themes, "Year-on-year growth (%)", title),
            f"Growth rates {period}", charts.describe_bars(rows, f"growth rates for {labels[period]}"),
            rows, TARGET_ROW_HEADERS, TARGET_ROW_SHOWN,
        )  # fmt: skip
    multiples = queries.growth_outside_percent(observations)
    return Growth(
        periods=periods,
        period_labels=labels,
        chart=chart,
        only_targets=chart is not None and bool(rows["outcome_value"].isna().all()),
        not_in_percent=[
            f"{row.indicator}, {row.period_label}: {row.value_label}. {row.note}".strip()
            for row in multiples[multiples["period"] == period].itertuples()
        ],
    )


# --- Themes ------------------------------------------------------------------------------------


def theme_choices(layer: DataLayer, themes: tuple[str, ...]) -> dict[str, str]:
    """Theme id -> label of the themes the Themes page offers: the chosen ones, or all."""
    labels = dict(zip(layer.themes["id"], layer.themes["label"], strict=True))
    return {theme: labels[theme] for theme in themes if theme in labels} or labels


@dataclass(frozen=True)
class ThemePage:
    label: str
    description: str
    charts: list[tuple[str, ChartView]] = field(default_factory=list)  # (section heading, chart)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)  # (section heading, FIGURE_HEADERS)

    @property
    def sections(self) -> list[str]:
        return [heading for heading, _ in self.charts] + [heading for heading, _ in self.tables]


def theme_page(layer: DataLayer, theme: str) -> ThemePage:
    info = layer.themes.set_index("id").loc[theme]
    observations = queries.for_themes(layer.observations, [theme])
    pairs = queries.for_themes(layer.plan_vs_outcome, [theme])
    page = ThemePage(info["label"], info["description"])
    if not pairs.empty:
        chart = charts.plan_vs_outcome_chart(pairs)
        description = charts.describe_plan_vs_outcome(pairs)
        page.charts.append(
            ("Targets", _chart_view(chart, f"{info['label']} targets", description, pairs, PAIR_HEADERS, PAIR_SHOWN))
        )
    measures: list[tuple[Measure, str, str, tuple[float, float] | None]] = [
        ("yoy_growth", "Growth rates", "Year-on-year growth (%)", None),
        ("share", "Shares", "Share of the total (%)", (0, 100)),
    ]
    for measure, heading, axis, domain in measures:
        rows = queries.rows_with_targets(observations, measure)
        if not rows.empty:
            chart = charts.bars_with_targets(rows, layer.themes, axis, f"{info['label']}: {heading.lower()}", domain)
            description = charts.describe_bars(rows, heading.lower())
            view = _chart_view(
                chart, f"{info['label']} {heading}", description, rows, TARGET_ROW_HEADERS, TARGET_ROW_SHOWN
            )
            page.charts.append((heading, view))
    tables: list[tuple[str, list[Measure]]] = [
        ("Levels and counts", ["level", "added"]),
        ("Ranks", ["rank", "rank_change"]),
    ]
    for heading, table_measures in tables:
        figures = queries.outcomes_of(observations, table_measures)
        if not figures.empty:
            page.tables.append((heading, figures[list(FIGURE_HEADERS)].rename(columns=FIGURE_HEADERS)))
    return page


# --- Data and sources --------------------------------------------------------------------------


@dataclass(frozen=True)
class DataChoices:
    kinds: tuple[Kind, ...]
    measures: tuple[Measure, ...]  # those the data holds


def data_choices(layer: DataLayer) -> DataChoices:
    return DataChoices(KINDS, tuple(queries.measures_present(layer.observations)))


@dataclass(frozen=True)
class ObservationTable:
    table: pd.DataFrame  # the matching observations to show (OBSERVATION_HEADERS)
    csv: pd.DataFrame  # the same rows with every column, for the download
    total: int  # observations in the whole layer, before any filter


def observation_table(
    layer: DataLayer, themes: tuple[str, ...], kinds: tuple[Kind, ...], measures: tuple[Measure, ...], search: str
) -> ObservationTable:
    observations = queries.for_themes(layer.observations, themes)
    matching = queries.matching_observations(observations, kinds, measures, search)
    return ObservationTable(
        table=matching[list(OBSERVATION_HEADERS)].rename(columns=OBSERVATION_HEADERS),
        csv=matching.drop(columns=["period_start", "period_end"]),
        total=len(layer.observations),
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


def sources(layer: DataLayer) -> list[SourceDetails]:
    return [
        SourceDetails(row.id, row.file, row.title, row.outlet, row.dates, row.summary, row.date_note,
                      tuple(row.other_figures))
        for row in layer.sources.itertuples()
    ]  # fmt: skip


@cache
def method_notes() -> str:
    """The README's section on statuses and periods (authored Markdown, not data), written once and
    shown in the app too; empty when the README has no such section."""
    readme = README.read_text(encoding="utf-8") if README.is_file() else ""
    start, end = readme.find(METHOD_START), readme.find(METHOD_END)
    if start < 0 or end < start:
        return ""
    return readme[start + len(METHOD_START) : end].strip()


# --- The frame ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkValues:
    """What the frame's and pages' choices accept, as their widgets write them into a link."""

    themes: list[str]  # theme labels
    statuses: list[str]
    periods: list[str]  # growth-period labels


def link_values(layer: DataLayer) -> LinkValues:
    labels = queries.period_labels(layer.observations)
    periods = [labels[period] for period in queries.figure_periods(layer.observations, "yoy_growth")]
    return LinkValues(list(layer.themes["label"]), list(STATUSES), periods)
