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
from components.data_layer import DataLayer, Kind, Measure, Status, edition_of, queries
from components.data_layer.changes import CHANGES, Change, changes_between
from components.data_layer.vocabulary import ACHIEVED, KINDS, MISSED, STATUSES

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
    headlines = _with_silent_themes(queries.headline_outcomes(observations, headline_ids), observations)
    return Overview(
        newest_source=_newest_source(layer.sources),
        status_counts=queries.status_counts(pairs),
        headlines=headlines[list(HEADLINE_HEADERS)].rename(columns=HEADLINE_HEADERS),
        coverage=coverage,
    )


NO_HEADLINE = "No outcome with a number reported yet"


def _with_silent_themes(headlines: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """The headline rows, plus one row saying so for each theme that has figures but no numeric
    outcome (only targets, or only a place "among the top"), so no theme silently drops out."""
    themes = observations.drop_duplicates("theme")
    silent = themes[~themes["theme"].isin(headlines["theme"])]
    if silent.empty:
        return headlines
    rows = pd.DataFrame(
        {"theme": silent["theme"], "theme_label": silent["theme_label"], "indicator": NO_HEADLINE,
         "value_label": "", "period_label": "", "source_title": ""}
    )  # fmt: skip
    order = {theme: position for position, theme in enumerate(themes["theme"])}
    merged = pd.concat([headlines, rows], ignore_index=True)
    return merged.sort_values("theme", key=lambda column: column.map(order), kind="stable")


def _newest_source(sources: pd.DataFrame) -> SourceLine:
    dated = sources.dropna(subset=["latest_date"])
    if dated.empty:
        first = sources.iloc[0]
        return SourceLine(first["title"], first["outlet"], None)
    newest = dated.loc[dated["latest_date"].idxmax()]
    return SourceLine(newest["title"], newest["outlet"], newest["latest_date"].date())


# --- Plan vs outcome ---------------------------------------------------------------------------

# A status reads as a mark and a word, never by colour alone.
STATUS_MARKS: dict[Status, str] = {
    "achieved": "✔", "missed": "✘", "not comparable": "≠", "pending": "…", "not reported": "?",
}  # fmt: skip
TRACKER_HEADERS = {
    "status_badge": "Status", "indicator": "Promise", "target_label": "Target as stated",
    "outcome_label": "Outcome as stated", "period_label": "Period", "gap_label": "Gap", "sources": "Sources",
}  # fmt: skip
MIN_CHARTED_PAIRS = 2  # fewer compared pairs than this read better as the list alone


def status_badge(status: Status) -> str:
    return f"{STATUS_MARKS[status]} {status}"


@dataclass(frozen=True)
class StatusGroup:
    status: Status
    badge: str  # mark and word
    targets: pd.DataFrame  # one row per target (TRACKER_HEADERS), by theme and promise


@dataclass(frozen=True)
class Caveat:
    heading: str  # the indicator and period
    text: str  # target, outcome and why to read them with care


@dataclass(frozen=True)
class PlanVsOutcome:
    as_of: date
    pairs: pd.DataFrame  # every target matching the choices, judged on `as_of`
    groups: list[StatusGroup]  # the tracker: the targets under their status, in STATUSES order
    chart: ChartView | None  # the compared pairs (achieved or missed), when there are enough to chart
    caveats: list[Caveat]  # pairs not comparable or with a hedged figure


def plan_vs_outcome(layer: DataLayer, themes: tuple[str, ...], statuses: tuple[Status, ...]) -> PlanVsOutcome:
    pairs = queries.for_themes(layer.plan_vs_outcome, themes)
    if statuses:
        pairs = pairs[pairs["status"].isin(statuses)]
    hedged = (pairs["status"] == "not comparable") | (pairs["target_qualifier"] != "")
    hedged |= pairs["outcome_qualifier"] != ""
    return PlanVsOutcome(
        as_of=layer.as_of,
        pairs=pairs,
        groups=tracker_groups(pairs, layer.themes),
        chart=_compared_chart(pairs, "Plan vs outcome"),
        caveats=[_caveat(row) for row in pairs[hedged].itertuples()],
    )


def tracker_groups(pairs: pd.DataFrame, themes: pd.DataFrame) -> list[StatusGroup]:
    """The targets under their status, each group by theme (themes.yaml order) and then promise."""
    order = {theme: position for position, theme in enumerate(themes["id"])}
    rows = pairs.assign(
        status_badge=pairs["status"].map(status_badge),
        sources=[
            "; ".join(dict.fromkeys(title for title in pair if title))
            for pair in zip(pairs["target_source_title"], pairs["outcome_source_title"], strict=True)
        ],
        _theme=pairs["theme"].map(order),
    ).sort_values(["_theme", "indicator", "period_end"])
    return [
        StatusGroup(status, status_badge(status), group[list(TRACKER_HEADERS)].rename(columns=TRACKER_HEADERS))
        for status in STATUSES
        if not (group := rows[rows["status"] == status]).empty
    ]


def _compared_chart(pairs: pd.DataFrame, name: str) -> ChartView | None:
    """The dumbbell of the pairs with numbers on both sides, or None when fewer than two have them."""
    compared = pairs[pairs["status"].isin([ACHIEVED, MISSED])]
    if len(compared) < MIN_CHARTED_PAIRS:
        return None
    chart = charts.plan_vs_outcome_chart(compared)
    return _chart_view(chart, name, charts.describe_plan_vs_outcome(compared), compared, PAIR_HEADERS, PAIR_SHOWN)


def _caveat(pair) -> Caveat:
    outcome = f"; outcome {pair.outcome_label} ({pair.outcome_indicator})" if pair.outcome_label else ""
    return Caveat(
        f"{pair.indicator}, {pair.period_label}", f"target {pair.target_label}{outcome}. {pair.status_reason}"
    )


# --- Growth rates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Growth:
    periods: list[str]  # every period with growth figures, the one to open first at the head
    period_labels: dict[str, str]
    chart: ChartView | None  # None when the chosen themes have no growth in the period
    only_targets: bool  # the period has targets but no reported growth yet
    not_in_percent: list[str]  # growth given as a multiple, which a percent axis cannot show (every period)


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
            # Every period's: such a period may have no percent growth, and so no place in the list.
            for row in multiples.itertuples()
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
    targets: list[StatusGroup] = field(default_factory=list)  # the theme's promises, as on the plan page
    charts: list[tuple[str, ChartView]] = field(default_factory=list)  # (section heading, chart)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)  # (section heading, FIGURE_HEADERS)

    @property
    def sections(self) -> list[str]:
        targets = ["Targets"] if self.targets else []
        return targets + [heading for heading, _ in self.charts] + [heading for heading, _ in self.tables]


def theme_page(layer: DataLayer, theme: str) -> ThemePage:
    info = layer.themes.set_index("id").loc[theme]
    observations = queries.for_themes(layer.observations, [theme])
    pairs = queries.for_themes(layer.plan_vs_outcome, [theme])
    page = ThemePage(info["label"], info["description"], tracker_groups(pairs, layer.themes))
    if compared := _compared_chart(pairs, f"{info['label']} targets"):
        page.charts.append(("Targets against outcomes", compared))
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


# --- What changed ------------------------------------------------------------------------------

CHANGE_HEADERS = {
    "indicator": "Figure", "theme": "Theme", "period_label": "Period", "before": "Before", "after": "After",
    "source_before": "Source before", "source_after": "Source after",
}  # fmt: skip


@dataclass(frozen=True)
class WhatChanged:
    as_of: date
    since: date | None  # the earlier edition compared with; None when `as_of` is the first edition
    earlier: list[Edition]  # the editions before `as_of`, newest first: what `since` may be
    sections: list[tuple[Change, pd.DataFrame]]  # each kind of change with its rows (CHANGE_HEADERS), even empty
    csv: pd.DataFrame  # every change in one table, with a column saying which


def what_changed(layer: DataLayer, themes: tuple[str, ...], since: str | None) -> WhatChanged:
    """The monitor as known on `layer.as_of` against an earlier edition, `since` (an ISO date; None or
    a date that is not an earlier edition: the previous one)."""
    earlier = [edition for edition in editions(layer) if edition.date < layer.as_of]
    chosen = next((edition.date for edition in earlier if edition.date.isoformat() == since), None)
    since_date = chosen or (earlier[0].date if earlier else None)
    table = changes_between(edition_of(layer, since_date), layer) if since_date else changes_between(layer, layer)
    labels = dict(zip(layer.themes["id"], layer.themes["label"], strict=True))
    chosen_labels = {labels[theme] for theme in themes if theme in labels}
    if chosen_labels:
        table = table[table["theme"].isin(chosen_labels)]
    sections = [
        (change, table.loc[table["change"] == change, list(CHANGE_HEADERS)].rename(columns=CHANGE_HEADERS))
        for change in CHANGES
    ]
    csv = table.rename(columns={"change": "Change", **CHANGE_HEADERS})
    return WhatChanged(layer.as_of, since_date, earlier, sections, csv)


# --- The frame ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edition:
    date: date  # the day a source's figures became public
    title: str  # the source's title, marked when the date was inferred
    label: str  # the date and the title


def editions(layer: DataLayer) -> list[Edition]:
    """Every edition of the monitor, newest first."""
    editions = []
    for row in layer.editions.itertuples():
        title = row.title + (" (date inferred)" if row.inferred else "")
        editions.append(Edition(row.date.date(), title, f"{row.date:%Y-%m-%d} · {title}"))
    return editions


@dataclass(frozen=True)
class LinkValues:
    """What the frame's and pages' choices accept, as their widgets write them into a link."""

    themes: list[str]  # theme labels
    statuses: list[str]
    periods: list[str]  # growth-period labels
    editions: list[str]  # edition dates, YYYY-MM-DD


def link_values(layer: DataLayer) -> LinkValues:
    labels = queries.period_labels(layer.observations)
    periods = [labels[period] for period in queries.figure_periods(layer.observations, "yoy_growth")]
    dates = [edition.date.isoformat() for edition in editions(layer)]
    return LinkValues(list(layer.themes["label"]), list(STATUSES), periods, dates)
