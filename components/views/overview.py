"""The Overview: what the monitor is, the newest source, the target scorecard, headline figures per
theme and what the monitor holds."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components import charts
from components.data_layer import DataLayer, Status, queries
from components.formatting import format_day
from components.i18n import N_

from .common import (
    ChartView,
    Choice,
    Header,
    Translate,
    chart_view,
    header,
    status_anchor,
    status_badge,
    translated,
    words,
)  # fmt: skip

HEADLINE_HEADERS = {
    "theme_label": N_("Theme"), "indicator": N_("Figure"), "value_label": N_("Value"), "period_label": N_("Period"),
    "source_title": N_("Source"),
}  # fmt: skip
COVERAGE_HEADERS = {"theme_label": N_("Theme"), "kind": N_("Kind"), "figures": N_("Figures")}
NO_HEADLINE = N_("No outcome with a number reported yet")


@dataclass(frozen=True)
class ScoreCard:
    status: Status
    anchor: str  # the plan page's section of this status
    badge: str  # mark and word
    name: str  # the status in the reader's words, as the plan page's status choice writes it in a link
    count: int
    link: str  # what the count's link says ("See the 3 target(s)"); the word for none when there are none


@dataclass(frozen=True)
class Overview:
    header: Header
    intro: str
    newest_source: str  # the newest source's title, outlet and date, in one line
    empty: str  # why nothing is shown, when the chosen themes hold no figures; "" otherwise
    scorecard_heading: str
    scorecard: list[ScoreCard]
    headlines_heading: str
    headlines_caption: str
    headlines: pd.DataFrame  # a few outcomes per theme (HEADLINE_HEADERS)
    headline_ids: tuple[str, ...]  # each headline's indicator ("" for a theme's no-headline row)
    headline_link_column: str  # the header of the column that links to the indicator's page
    coverage_heading: str
    coverage: ChartView | None  # None when the chosen themes hold no figures


def overview(layer: DataLayer, choice: Choice) -> Overview:
    _ = words(choice)
    observations = queries.for_themes(layer.observations, choice.themes)
    pairs = queries.for_themes(layer.plan_vs_outcome, choice.themes)
    coverage = None
    if not observations.empty:
        grouped = observations.groupby(["theme_label", "kind"], sort=False)
        counts = grouped.size().reset_index(name="figures")
        counts["sources"] = list(grouped["source_id"].agg(lambda ids: "; ".join(dict.fromkeys(ids))))
        counts["kind"] = counts["kind"].map(_)
        coverage = chart_view(
            charts.coverage_chart(observations, _), "Figures by theme", charts.describe_coverage(observations, _),
            counts, COVERAGE_HEADERS, choice, layer=layer, sources=counts["sources"],
        )  # fmt: skip
    headline_ids = set(layer.indicators.loc[layer.indicators["headline"], "id"])
    headlines = _with_silent_themes(queries.headline_outcomes(observations, headline_ids), observations, _)
    scorecard = [
        ScoreCard(status, status_anchor(status), status_badge(status, _), _(status), count,
                  _("See the {count} target(s)").format(count=count) if count else _("None"))
        for status, count in queries.status_counts(pairs).items()
    ]  # fmt: skip
    return Overview(
        header=header(layer, "Shanxi Transformation Monitor"),
        intro=_(
            "How Shanxi, China's coal heartland, is reshaping its economy: what the province planned, what it "
            "reported achieving, and how fast each area grows. Every figure comes from a named source document, "
            "with its period and whether it is a target or an outcome."
        ),
        newest_source=_newest_source(layer, _),
        empty=_("No figures for the chosen themes. Widen the theme filter in the sidebar to see more.")
        if coverage is None
        else "",
        scorecard_heading=_("Target scorecard"),
        scorecard=scorecard,
        headlines_heading=_("Headline figures by theme"),
        headlines_caption=_("The newest reported outcomes, up to three per theme. The Themes page has every figure."),
        headlines=headlines[list(HEADLINE_HEADERS)].rename(columns=translated(HEADLINE_HEADERS, _)),
        headline_ids=tuple(headlines["indicator_id"].fillna("")),
        headline_link_column=_(HEADLINE_HEADERS["indicator"]),
        coverage_heading=_("What the monitor holds"),
        coverage=coverage,
    )


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


def _newest_source(layer: DataLayer, _: Translate) -> str:
    """'Newest source: <title> (<outlet>), dated <day>.' for the source with the latest date."""
    sources = layer.sources
    dated = sources.dropna(subset=["latest_date"])
    newest = dated.loc[dated["latest_date"].idxmax()] if not dated.empty else sources.iloc[0]
    day = "" if dated.empty else _(", dated {day}").format(day=format_day(newest["latest_date"].date(), layer.lang))
    return _("Newest source: {title} ({outlet}){dated}.").format(
        title=newest["title"], outlet=newest["outlet"], dated=day
    )
