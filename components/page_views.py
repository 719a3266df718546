"""What each page shows, as data: frames with reader-facing headers, plain strings and ready
Vega-Lite specs, computed from the data layer and a few cheap choices (theme ids, a period,
statuses, filters). Pure functions without Streamlit or Markdown, so the app caches them on cheap
keys, a static site can present them as HTML, and tests call them directly. Each presentation
escapes text for its own medium.

Building an Altair chart and turning it into a validated spec is the costly part of a page; done
here once per choice, a page's rerun only lays the results out."""

from __future__ import annotations

from collections.abc import Callable
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
from components.i18n import N_, Language, translator

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


Translate = Callable[[str], str]


def translated(headers: dict[str, str], _: Translate) -> dict[str, str]:
    """Column -> header in the reader's language."""
    return {column: _(header) for column, header in headers.items()}


def _chart_view(
    chart: alt.TopLevelMixin,
    name: str,
    description: str,
    data: pd.DataFrame,
    headers: dict[str, str],
    shown: tuple[str, ...] = (),
    _: Translate = str,
) -> ChartView:
    """`name` stays English: it names the downloaded files, which must be ASCII in every language."""
    headers = translated(headers, _)
    table = data[list(headers)].rename(columns=headers)
    return ChartView(name, chart.to_dict(), description, table, tuple(headers[column] for column in shown))


# Frame column -> the header a reader sees, for each kind of table the pages show.
PAIR_HEADERS = {
    "indicator": N_("Indicator"), "period": N_("Period"), "target_label": N_("Target"), "outcome_label": N_("Outcome"),
    "gap_label": N_("Gap"), "status_label": N_("Status"), "status_reason": N_("Why"), "gap": N_("Gap (units)"),
    "gap_percent": N_("Gap (%)"), "target_source_id": N_("Target source"), "outcome_source_id": N_("Outcome source"),
}  # fmt: skip
# On screen, the plan table leaves out the reasons (the page lists those worth reading below the
# chart), the numeric gaps and the source ids; the target-row table, the numbers repeated in words.
PAIR_SHOWN = ("indicator", "period", "target_label", "outcome_label", "gap_label", "status_label")
TARGET_ROW_HEADERS = {
    "indicator": N_("Indicator"), "period_label": N_("Period"), "theme_label": N_("Theme"),
    "outcome_value": N_("Outcome (%)"), "outcome_label": N_("Outcome as stated"), "target_value": N_("Target (%)"),
    "target_label": N_("Target as stated"), "source": N_("Source"), "note": N_("Note"),
}  # fmt: skip
TARGET_ROW_SHOWN = ("indicator", "period_label", "theme_label", "outcome_label", "target_label", "source", "note")
HEADLINE_HEADERS = {
    "theme_label": N_("Theme"), "indicator": N_("Figure"), "value_label": N_("Value"), "period_label": N_("Period"),
    "source_title": N_("Source"),
}  # fmt: skip
FIGURE_HEADERS = {
    "indicator": N_("Figure"), "value_label": N_("Value"), "period_label": N_("Period"),
    "source_title": N_("Source"), "note": N_("Note"),
}  # fmt: skip
OBSERVATION_HEADERS = {
    "indicator": N_("Indicator"), "theme_label": N_("Theme"), "kind": N_("Kind"), "value": N_("Value"),
    "unit_label": N_("Unit"), "qualifier": N_("Qualifier"), "value_label": N_("As stated"),
    "period_label": N_("Period"), "measure": N_("Measure"), "source_id": N_("Source"), "note": N_("Note"),
}  # fmt: skip
COVERAGE_HEADERS = {"theme_label": N_("Theme"), "kind": N_("Kind"), "figures": N_("Figures")}
# How a measure reads in a table or a filter.
MEASURE_NAMES: dict[Measure, str] = {
    "level": N_("level"), "share": N_("share"), "yoy_growth": N_("year-on-year growth"),
    "added": N_("added in the period"), "rank": N_("rank"), "rank_change": N_("change in rank"),
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
    _ = translator(layer.lang)
    observations = queries.for_themes(layer.observations, themes)
    pairs = queries.for_themes(layer.plan_vs_outcome, themes)
    headline_ids = set(layer.indicators.loc[layer.indicators["headline"], "id"])
    counts = observations.groupby(["theme_label", "kind"], sort=False).size().reset_index(name="figures")
    counts["kind"] = counts["kind"].map(_)
    coverage = None
    if not observations.empty:
        coverage = _chart_view(
            charts.coverage_chart(observations, _), "Figures by theme", charts.describe_coverage(observations, _),
            counts, COVERAGE_HEADERS, _=_,
        )  # fmt: skip
    headlines = _with_silent_themes(queries.headline_outcomes(observations, headline_ids), observations, _)
    return Overview(
        newest_source=_newest_source(layer.sources),
        status_counts=queries.status_counts(pairs),
        headlines=headlines[list(HEADLINE_HEADERS)].rename(columns=translated(HEADLINE_HEADERS, _)),
        coverage=coverage,
    )


NO_HEADLINE = N_("No outcome with a number reported yet")


def _with_silent_themes(headlines: pd.DataFrame, observations: pd.DataFrame, _: Translate) -> pd.DataFrame:
    """The headline rows, plus one row saying so for each theme that has figures but no numeric
    outcome (only targets, or only a place "among the top"), so no theme silently drops out."""
    themes = observations.drop_duplicates("theme")
    silent = themes[~themes["theme"].isin(headlines["theme"])]
    if silent.empty:
        return headlines
    rows = pd.DataFrame(
        {"theme": silent["theme"], "theme_label": silent["theme_label"], "indicator": _(NO_HEADLINE),
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
    "status_badge": N_("Status"), "indicator": N_("Promise"), "target_label": N_("Target as stated"),
    "outcome_label": N_("Outcome as stated"), "period_label": N_("Period"), "gap_label": N_("Gap"),
    "sources": N_("Sources"),
}  # fmt: skip
MIN_CHARTED_PAIRS = 2  # fewer compared pairs than this read better as the list alone


def status_badge(status: Status, _: Translate = str) -> str:
    return f"{STATUS_MARKS[status]} {_(status)}"


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
    _ = translator(layer.lang)
    return PlanVsOutcome(
        as_of=layer.as_of,
        pairs=pairs,
        groups=tracker_groups(pairs, layer.themes, _),
        chart=_compared_chart(pairs, "Plan vs outcome", _),
        caveats=[_caveat(row, _) for row in pairs[hedged].itertuples()],
    )


def tracker_groups(pairs: pd.DataFrame, themes: pd.DataFrame, _: Translate = str) -> list[StatusGroup]:
    """The targets under their status, each group by theme (themes.yaml order) and then promise."""
    order = {theme: position for position, theme in enumerate(themes["id"])}
    rows = pairs.assign(
        status_badge=[status_badge(status, _) for status in pairs["status"]],
        sources=[
            "; ".join(dict.fromkeys(title for title in pair if title))
            for pair in zip(pairs["target_source_title"], pairs["outcome_source_title"], strict=True)
        ],
        _theme=pairs["theme"].map(order),
    ).sort_values(["_theme", "indicator", "period_end"])
    return [
        StatusGroup(
            status, status_badge(status, _), group[list(TRACKER_HEADERS)].rename(columns=translated(TRACKER_HEADERS, _))
        )
        for status in STATUSES
        if not (group := rows[rows["status"] == status]).empty
    ]


def _compared_chart(pairs: pd.DataFrame, name: str, _: Translate) -> ChartView | None:
    """The dumbbell of the pairs with numbers on both sides, or None when fewer than two have them."""
    compared = pairs[pairs["status"].isin([ACHIEVED, MISSED])]
    if len(compared) < MIN_CHARTED_PAIRS:
        return None
    chart = charts.plan_vs_outcome_chart(compared, _)
    description = charts.describe_plan_vs_outcome(compared, _)
    data = compared.assign(status_label=compared["status"].map(_))
    return _chart_view(chart, name, description, data, PAIR_HEADERS, PAIR_SHOWN, _)


def _caveat(pair, _: Translate) -> Caveat:
    text = _("target {target}").format(target=pair.target_label)
    if pair.outcome_label:
        text += _("; outcome {outcome} ({indicator})").format(
            outcome=pair.outcome_label, indicator=pair.outcome_indicator
        )
    return Caveat(_("{indicator}, {period}").format(indicator=pair.indicator, period=pair.period_label),
                  f"{text}{_('.')} {pair.status_reason}")  # fmt: skip


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
    _ = translator(layer.lang)
    observations = queries.for_themes(layer.observations, themes)
    periods = queries.figure_periods(layer.observations, "yoy_growth")
    labels = queries.period_labels(layer.observations)
    period = period or (periods[0] if periods else None)
    rows = queries.rows_with_targets(observations, "yoy_growth", period) if period else pd.DataFrame()
    chart = None
    if period and not rows.empty:
        title = _("Growth rates, {period}").format(period=labels[period])
        chart = _chart_view(
            charts.bars_with_targets(rows, layer.themes, _("Year-on-year growth (%)"), title, _=_),
            f"Growth rates {period}",
            charts.describe_bars(rows, _("growth rates for {period}").format(period=labels[period]), _),
            rows, TARGET_ROW_HEADERS, TARGET_ROW_SHOWN, _,
        )  # fmt: skip
    multiples = queries.growth_outside_percent(observations)
    return Growth(
        periods=periods,
        period_labels=labels,
        chart=chart,
        only_targets=chart is not None and bool(rows["outcome_value"].isna().all()),
        not_in_percent=[
            _("{indicator}, {period}: {value}. {note}")
            .format(indicator=row.indicator, period=row.period_label, value=row.value_label, note=row.note)
            .strip()
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

    targets_heading: str = N_("Targets")

    @property
    def targets_table(self) -> pd.DataFrame:
        """The theme's promises in one table, grouped by status (TRACKER_HEADERS, translated)."""
        return (
            pd.concat([group.targets for group in self.targets], ignore_index=True) if self.targets else pd.DataFrame()
        )

    @property
    def sections(self) -> list[str]:
        targets = [self.targets_heading] if self.targets else []
        return targets + [heading for heading, _ in self.charts] + [heading for heading, _ in self.tables]


def theme_page(layer: DataLayer, theme: str) -> ThemePage:
    _ = translator(layer.lang)
    info = layer.themes.set_index("id").loc[theme]
    observations = queries.for_themes(layer.observations, [theme])
    pairs = queries.for_themes(layer.plan_vs_outcome, [theme])
    name = theme  # file names stay ASCII in every language: the theme's id
    page = ThemePage(
        info["label"], info["description"], tracker_groups(pairs, layer.themes, _), targets_heading=_("Targets")
    )
    if compared := _compared_chart(pairs, f"{name} targets", _):
        page.charts.append((_("Targets against outcomes"), compared))
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
            view = _chart_view(chart, f"{name} {heading}", description, rows, TARGET_ROW_HEADERS, TARGET_ROW_SHOWN, _)
            page.charts.append((_(heading), view))
    tables: list[tuple[str, list[Measure]]] = [
        (N_("Levels and counts"), ["level", "added"]),
        (N_("Ranks"), ["rank", "rank_change"]),
    ]
    for heading, table_measures in tables:
        figures = queries.outcomes_of(observations, table_measures)
        if not figures.empty:
            page.tables.append(
                (_(heading), figures[list(FIGURE_HEADERS)].rename(columns=translated(FIGURE_HEADERS, _)))
            )
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
    _ = translator(layer.lang)
    observations = queries.for_themes(layer.observations, themes)
    matching = queries.matching_observations(observations, kinds, measures, search)
    shown = matching.assign(
        kind=matching["kind"].map(_),
        measure=matching["measure"].map(lambda measure: _(MEASURE_NAMES[measure])),
        qualifier=[_(qualifier) if qualifier else "" for qualifier in matching["qualifier"]],
    )
    return ObservationTable(
        table=shown[list(OBSERVATION_HEADERS)].rename(columns=translated(OBSERVATION_HEADERS, _)),
        # Every column but the period's dates and the Chinese columns, which the texts already are in Chinese.
        csv=matching.drop(
            columns=["period_start", "period_end", *matching.columns[matching.columns.str.endswith("_zh")]]
        ),
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


# The method section in Chinese: written for the Chinese interface, not generated from the README.
METHOD_ZH = Path(__file__).resolve().parents[1] / "locales" / "zh" / "method.md"


@cache
def method_notes(lang: Language = "en") -> str:
    """How to read statuses and periods (authored Markdown, not data): the README's method section,
    written once and shown in the app too, or its Chinese counterpart; empty when missing."""
    if lang == "zh":
        return METHOD_ZH.read_text(encoding="utf-8").strip() if METHOD_ZH.is_file() else ""
    readme = README.read_text(encoding="utf-8") if README.is_file() else ""
    start, end = readme.find(METHOD_START), readme.find(METHOD_END)
    if start < 0 or end < start:
        return ""
    return readme[start + len(METHOD_START) : end].strip()


# --- What changed ------------------------------------------------------------------------------

CHANGE_HEADERS = {
    "indicator": N_("Figure"), "theme": N_("Theme"), "period_label": N_("Period"), "before": N_("Before"),
    "after": N_("After"), "source_before": N_("Source before"), "source_after": N_("Source after"),
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
    _ = translator(layer.lang)
    earlier = earlier_editions(layer)
    chosen = next((edition.date for edition in earlier if edition.date.isoformat() == since), None)
    since_date = chosen or (earlier[0].date if earlier else None)
    table = changes_between(edition_of(layer, since_date), layer) if since_date else changes_between(layer, layer)
    labels = dict(zip(layer.themes["id"], layer.themes["label"], strict=True))
    chosen_labels = {labels[theme] for theme in themes if theme in labels}
    if chosen_labels:
        table = table[table["theme"].isin(chosen_labels)]
    moved = table["change"] == "status moved"
    for side in ("before", "after"):  # a status moved from one status to another: say them in the reader's words
        table.loc[moved, side] = table.loc[moved, side].map(_)
    headers = translated(CHANGE_HEADERS, _)
    sections = [
        (change, table.loc[table["change"] == change, list(CHANGE_HEADERS)].rename(columns=headers))
        for change in CHANGES
    ]
    csv = table.assign(change=table["change"].map(_)).rename(columns={"change": _("Change"), **headers})
    return WhatChanged(layer.as_of, since_date, earlier, sections, csv)


def earlier_editions(layer: DataLayer) -> list[Edition]:
    """The editions before `layer.as_of`, newest first: what What changed may compare with."""
    return [edition for edition in editions(layer) if edition.date < layer.as_of]


# --- The frame ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edition:
    date: date  # the day a source's figures became public
    title: str  # the source's title, marked when the date was inferred
    label: str  # the date and the title


def editions(layer: DataLayer) -> list[Edition]:
    """Every edition of the monitor, newest first."""
    _ = translator(layer.lang)
    editions = []
    for row in layer.editions.itertuples():
        title = row.title + (_(" (date inferred)") if row.inferred else "")
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
    _ = translator(layer.lang)
    return LinkValues(list(layer.themes["label"]), [_(status) for status in STATUSES], periods, dates)
