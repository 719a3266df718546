"""Growth rates: year-on-year growth of one period, sorted, coloured by theme, with matching targets
as ticks; and the growth figures no percent axis can show."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components import charts
from components.data_layer import DataLayer, queries
from components.i18n import N_

from .common import TARGET_ROW_HEADERS, TARGET_ROW_SHOWN, ChartView, Choice, Header, chart_view, header, words


@dataclass(frozen=True)
class Growth:
    header: Header
    caption: str
    period_label: str  # what the period choice is called
    period_help: str
    periods: list[str]  # every period with growth figures, the one to open first at the head
    period_labels: dict[str, str]
    period: str | None  # the period shown
    empty: str  # why no chart is shown; "" when there is one
    chart: ChartView | None
    notes: list[str]  # below the chart: that only targets are shown, and growth not in percent
    views: dict[str, str]  # the page's two views, "period" and "time", in the reader's words


OVER_TIME_HEADERS = {
    "indicator": N_("Indicator"), "period_label": N_("Period"), "kind_label": N_("Kind"),
    "value_label": N_("Value"), "source_title": N_("Source"),
}  # fmt: skip


def growth(layer: DataLayer, choice: Choice, period: str | None = None) -> Growth:
    """Growth rates of `period` (None or a period with no growth figures: the first of `periods`)."""
    _ = words(choice)
    observations = queries.for_themes(layer.observations, choice.themes)
    periods = queries.figure_periods(layer.observations, "yoy_growth")
    labels = queries.period_labels(layer.observations)
    period = period if period in periods else (periods[0] if periods else None)
    rows = queries.rows_with_targets(observations, "yoy_growth", period) if period else pd.DataFrame()
    chart, empty, notes = None, "", []
    if period is None:
        empty = _("No growth rates in the data. The sources hold no year-on-year figures yet.")
    elif rows.empty:
        empty = (
            _("No growth rates in {period} for the chosen themes. Widen the theme filter in the sidebar to see more.")
            if choice.themes
            else _("No growth rates in {period}.")
        ).format(period=labels[period])
    else:
        title = _("Growth rates, {period}").format(period=labels[period])
        chart = chart_view(
            charts.bars_with_targets(rows, layer.themes, _("Year-on-year growth (%)"), title, _=_),
            f"Growth rates {period}",
            charts.describe_bars(rows, _("growth rates for {period}").format(period=labels[period]), _),
            rows, TARGET_ROW_HEADERS, choice, TARGET_ROW_SHOWN, layer=layer, sources=rows["source_ids"],
        )  # fmt: skip
        if rows["outcome_value"].isna().all():
            notes.append(_("No outcome has been reported yet for this period: the ticks are the targets."))
    # Every period's: such a period may have no percent growth, and so no place in the list.
    for row in queries.growth_outside_percent(observations).itertuples():
        figure = _("{indicator}, {period}: {value}. {note}").format(
            indicator=row.indicator, period=row.period_label, value=row.value_label, note=row.note
        )
        notes.append(_("Not on the chart (given as a multiple, not a percent): ") + figure.strip())
    return Growth(
        header=header(layer, "Growth rates"),
        caption=_("Year-on-year change on the same period a year before, as the sources report it."),
        period_label=_("Period"),
        period_help=_("Periods with reported growth come first; the last ones hold only targets."),
        periods=periods,
        period_labels=labels,
        period=period,
        empty=empty,
        chart=chart,
        notes=notes,
        views={"period": _("By period"), "time": _("Over time")},
    )


def growth_over_time(layer: DataLayer, choice: Choice) -> ChartView | None:
    """Each growth indicator's yearly values over time, with its targets; None when there are none."""
    _ = words(choice)
    observations = queries.for_themes(layer.observations, choice.themes)
    yearly = observations[
        (observations["measure"] == "yoy_growth") & (observations["unit"] == "percent")
        & (observations["period_type"] == "year")
    ]  # fmt: skip
    if len(yearly):
        yearly = yearly.drop_duplicates(["indicator_id", "kind", "period"], keep="last")  # a restatement wins
        rows_by_year = yearly.assign(year=yearly["period_end"].dt.year, kind_label=yearly["kind"].map(_))
        return chart_view(
            charts.growth_over_time_chart(rows_by_year, _("Year-on-year growth (%)"), _("Growth rates over time"), _),
            "Growth rates over time", charts.describe_growth_over_time(rows_by_year, _),
            rows_by_year, OVER_TIME_HEADERS, choice, layer=layer, sources=rows_by_year["source_id"],
        )  # fmt: skip
    return None
