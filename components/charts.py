"""Chart builders: plain functions that take a DataFrame and return an Altair chart. No Streamlit,
so they are testable alone. Shared look (fonts, sizes) lives in the theme (components/chart_theme.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd

from components.data_layer.vocabulary import ACHIEVED, MISSED, NOT_COMPARABLE, NOT_REPORTED, PENDING, STATUSES
from components.i18n import N_

Translate = Callable[[str], str]


def _untranslated(message: str) -> str:
    return message


ROW_HEIGHT = 26  # px per bar or dot row: room for a 12-px label at a laptop's width
LABEL_LIMIT = 400  # px of row label before it is cut with an ellipsis (full text in the tooltip)
# Legends go below the plot, set on each encoding because Streamlit's theme would move them right,
# where they take width from the plot in a narrow column.
LEGEND_BELOW: dict[str, Any] = {"orient": "bottom", "direction": "horizontal"}

# Okabe-Ito colours plus distinct shapes, so a status reads without colour too.
STATUS_COLOURS = {
    ACHIEVED: "#0072B2", MISSED: "#D55E00", NOT_COMPARABLE: "#CC79A7", PENDING: "#999999", NOT_REPORTED: "#E69F00",
}  # fmt: skip
STATUS_SHAPES = {
    ACHIEVED: "circle", MISSED: "cross", NOT_COMPARABLE: "diamond", PENDING: "triangle-up", NOT_REPORTED: "square",
}  # fmt: skip
KIND_COLOURS = {"outcome": "#0072B2", "target": "#E69F00"}


def theme_colour_scale(themes: pd.DataFrame, shown: pd.Series) -> alt.Scale:
    """Theme label -> its colour from data/themes.yaml, the same in every chart; only the themes
    `shown` enter the legend."""
    present = themes[themes["label"].isin(set(shown))]
    return alt.Scale(domain=list(present["label"]), range=list(present["colour"]))


def _status_scales(_: Translate) -> tuple[alt.Scale, alt.Scale]:
    names = [_(status) for status in STATUSES]
    return (
        alt.Scale(domain=names, range=[STATUS_COLOURS[s] for s in STATUSES]),
        alt.Scale(domain=names, range=[STATUS_SHAPES[s] for s in STATUSES]),
    )


def plan_vs_outcome_chart(pairs: pd.DataFrame, _: Translate = _untranslated) -> alt.TopLevelMixin:
    """Dumbbell per target on a common scale, '% of target': the target sits at 100, a comparable
    outcome is a dot joined to it, and a target without one is marked on its tick by its status."""
    data = pairs.assign(
        row_label=pairs["indicator"] + " · " + pairs["period"],
        # A target of zero has no percent scale; such a pair keeps its marker on the target tick.
        outcome_percent=(100 * pairs["outcome_value"] / pairs["target_value"]).where(
            pairs["status"].isin([ACHIEVED, MISSED]) & (pairs["target_value"] != 0)
        ),
        target_percent=100.0,
        status_label=pairs["status"].map(_),
    )[
        ["row_label", "indicator", "period", "status", "status_label", "status_reason", "target_label", "outcome_label",
         "gap_label", "outcome_percent", "target_percent", "target_source_id", "outcome_source_id"]
    ]  # fmt: skip
    colour, shape = _status_scales(_)
    order = data.sort_values(["status", "row_label"], key=lambda c: c.map(STATUSES.index) if c.name == "status" else c)
    y = alt.Y("row_label:N", sort=list(order["row_label"]), title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT))
    tooltip = [
        alt.Tooltip("indicator:N", title=_("Indicator")),
        alt.Tooltip("period:N", title=_("Period")),
        alt.Tooltip("target_label:N", title=_("Target")),
        alt.Tooltip("outcome_label:N", title=_("Outcome")),
        alt.Tooltip("gap_label:N", title=_("Gap")),
        alt.Tooltip("status_label:N", title=_("Status")),
        alt.Tooltip("status_reason:N", title=_("Why")),
        alt.Tooltip("target_source_id:N", title=_("Target source")),
        alt.Tooltip("outcome_source_id:N", title=_("Outcome source")),
    ]
    # Room right of the furthest dot for its label ("more than 50%").
    furthest = float(data["outcome_percent"].max()) if data["outcome_percent"].notna().any() else 100.0
    x_max = max(130.0, furthest * 1.3)
    lowest = float(data["outcome_percent"].min()) if data["outcome_percent"].notna().any() else 0.0
    x_scale = alt.Scale(domain=[min(0.0, lowest * 1.1), x_max], nice=False)  # room for a negative outcome
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    target_bar = base.mark_bar(opacity=0.18, height=10, color="#888888").encode(
        x=alt.X("target_percent:Q", title=_("Outcome as % of the target (target = 100)"), scale=x_scale),
        x2=alt.datum(0),
    )
    target_tick = base.mark_tick(thickness=2, size=18, color="#666666").encode(x="target_percent:Q")
    compared = base.transform_filter("isValid(datum.outcome_percent)")
    # A layer that draws nothing is hidden from assistive technology (aria=False): Vega would make it
    # a graphic with no name (axe-core: svg-img-alt). Drawn marks keep their descriptions.
    has_compared = bool(data["outcome_percent"].notna().any())
    has_uncompared = bool(data["outcome_percent"].isna().any())
    status_legend = alt.Legend(title=_("Status"), symbolStrokeWidth=2, **LEGEND_BELOW)
    # One colour-and-shape encoding for both kinds of status mark, so they share one legend.
    by_status = {
        "color": alt.Color("status_label:N", scale=colour, legend=status_legend),
        "shape": alt.Shape("status_label:N", scale=shape, legend=status_legend),
    }
    connector = compared.mark_rule(strokeWidth=2, aria=has_compared).encode(
        x="target_percent:Q", x2="outcome_percent:Q", color=alt.Color("status_label:N", scale=colour)
    )
    outcome_dot = compared.mark_point(size=130, filled=True, opacity=1, aria=has_compared).encode(
        x="outcome_percent:Q", **by_status
    )
    status_marker = (
        base.transform_filter("!isValid(datum.outcome_percent)")
        .mark_point(size=110, filled=True, opacity=0.9, aria=has_uncompared)
        .encode(x="target_percent:Q", **by_status)
    )
    outcome_label = compared.mark_text(align="left", dx=10, fontSize=11).encode(
        x="outcome_percent:Q", text="outcome_label:N"
    )
    return alt.layer(target_bar, target_tick, connector, outcome_dot, status_marker, outcome_label).properties(
        height=alt.Step(ROW_HEIGHT),
        title=alt.Title(
            _("Targets and outcomes"), subtitle=_("Each target at 100; a dot where an outcome can be compared")
        ),
    )


def bars_with_targets(
    rows: pd.DataFrame,
    themes: pd.DataFrame,
    value_title: str,
    title: str,
    domain: tuple[float, float] | None = None,
    _: Translate = _untranslated,
) -> alt.TopLevelMixin:
    """Sorted horizontal bars of outcomes, coloured by theme, with a zero line and each matching
    target as a black tick. Rows with only a target show the tick alone. `rows` comes from
    `queries.rows_with_targets`."""
    data = rows[
        ["row_label", "indicator", "theme_label", "period_label", "outcome_value", "outcome_label",
         "target_value", "target_label", "source", "note"]
    ]  # fmt: skip
    tooltip = [
        alt.Tooltip("indicator:N", title=_("Indicator")),
        alt.Tooltip("period_label:N", title=_("Period")),
        alt.Tooltip("outcome_label:N", title=_("Outcome")),
        alt.Tooltip("target_label:N", title=_("Target")),
        alt.Tooltip("theme_label:N", title=_("Theme")),
        alt.Tooltip("source:N", title=_("Source")),
        alt.Tooltip("note:N", title=_("Note")),
    ]
    x_scale = alt.Scale(domain=list(domain)) if domain else alt.Scale(zero=True)
    y = alt.Y("row_label:N", sort=list(data["row_label"]), title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT))
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    # As in the plan chart: a layer that draws nothing is hidden from assistive technology.
    has_outcomes, has_targets = bool(data["outcome_value"].notna().any()), bool(data["target_value"].notna().any())
    bars = (
        base.transform_filter("isValid(datum.outcome_value)")
        .mark_bar(height={"band": 0.7}, aria=has_outcomes)
        .encode(
            x=alt.X("outcome_value:Q", title=value_title, scale=x_scale),
            color=alt.Color(
                "theme_label:N",
                # Only themes with a bar enter the legend; target-only rows draw no colour.
                scale=theme_colour_scale(themes, data.loc[data["outcome_value"].notna(), "theme_label"]),
                legend=alt.Legend(title=_("Theme"), **LEGEND_BELOW),
            ),
        )
    )
    labels = (
        base.transform_filter("isValid(datum.outcome_value)")
        .mark_text(align="left", dx=4, fontSize=11)
        .encode(x="outcome_value:Q", text="outcome_label:N")
    )
    targets = (
        base.transform_filter("isValid(datum.target_value)")
        .mark_tick(thickness=3, size=20, color="#222222", stroke="#FFFFFF", strokeWidth=1, aria=has_targets)
        .encode(x=alt.X("target_value:Q", scale=x_scale))
    )
    target_labels = (
        base.transform_filter("isValid(datum.target_value) && !isValid(datum.outcome_value)")
        .mark_text(align="left", dx=8, fontSize=11, fontStyle="italic")
        .encode(x="target_value:Q", text=alt.Text("target_label:N"))
    )
    # One rule, not one per row: aggregate the rows away first. It only marks the axis's zero, so
    # assistive technology skips it (an undescribed rule would be a graphic with no name).
    zero = (
        alt.Chart(data)
        .transform_aggregate(rows="count()")
        .mark_rule(color="#888888", aria=False)
        .encode(x=alt.datum(0))
    )
    return alt.layer(bars, labels, targets, target_labels, zero).properties(
        height=alt.Step(ROW_HEIGHT),
        title=alt.Title(title, subtitle=_bars_subtitle(data, _)),
    )


def _bars_subtitle(data: pd.DataFrame, _: Translate) -> str:
    has_bars, has_ticks = data["outcome_value"].notna().any(), data["target_value"].notna().any()
    parts = ([_("Bars: reported outcome.")] if has_bars else []) + (
        [_("Black tick: the target for the same period.")] if has_ticks else []
    )
    return " ".join(parts)


def coverage_chart(observations: pd.DataFrame, _: Translate = _untranslated) -> alt.Chart:
    """How many figures each theme has, split into outcomes and targets."""
    counts = observations.groupby(["theme_label", "kind"], sort=False).size().reset_index(name="figures")
    counts["kind"] = counts["kind"].map(_)
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            y=alt.Y("theme_label:N", title=None, sort=list(dict.fromkeys(observations["theme_label"]))),
            x=alt.X("figures:Q", title=_("Figures (count)"), stack="zero"),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=[_(kind) for kind in KIND_COLOURS], range=list(KIND_COLOURS.values())),
                legend=alt.Legend(title=_("Kind"), **LEGEND_BELOW),
            ),
            tooltip=[
                alt.Tooltip("theme_label:N", title=_("Theme")),
                alt.Tooltip("kind:N", title=_("Kind")),
                alt.Tooltip("figures:Q", title=_("Figures")),
            ],
        )
        .properties(height=alt.Step(ROW_HEIGHT), title=_("Figures by theme"))
    )


def describe_plan_vs_outcome(pairs: pd.DataFrame, _: Translate = _untranslated) -> str:
    counts = pairs["status"].value_counts()
    parts = _(", ").join(f"{int(counts[s])} {_(s)}" for s in STATUSES if s in counts)
    return _(
        "Dumbbell chart of {count} targets, each scaled to 100, with comparable outcomes as dots: {parts}."
    ).format(count=len(pairs), parts=parts)


def describe_bars(rows: pd.DataFrame, what: str, _: Translate = _untranslated) -> str:
    outcomes = rows.dropna(subset=["outcome_value"])
    text = _("Bar chart of {count} {what}").format(count=len(outcomes), what=what)
    if len(outcomes):
        top = outcomes.iloc[0]
        text += _(", highest {indicator} at {value} ({period})").format(
            indicator=top["indicator"], value=top["outcome_label"], period=top["period_label"]
        )
    targets = int(rows["target_value"].notna().sum())
    return text + (_("; {count} targets marked as ticks.").format(count=targets) if targets else _("."))


def describe_coverage(observations: pd.DataFrame, _: Translate = _untranslated) -> str:
    kinds = observations["kind"].value_counts()
    return _("Bar chart of {count} figures across {themes} themes: {outcomes} outcomes and {targets} targets.").format(
        count=len(observations),
        themes=observations["theme"].nunique(),
        outcomes=int(kinds.get("outcome", 0)),
        targets=int(kinds.get("target", 0)),
    )


# How a figure is drawn on an indicator's history: by kind and hedge, in shape and fill as well as
# colour, so the difference reads without colour. A lower bound ("more than", "at least") is an
# open triangle pointing up: the value lies above it.
HISTORY_MARKS = {
    N_("outcome"): ("circle", True), N_("outcome, lower bound"): ("triangle-up", False),
    N_("outcome, about"): ("diamond", True), N_("target"): ("square", True),
    N_("target, lower bound"): ("triangle-up", False), N_("target, about"): ("diamond", False),
}  # fmt: skip


def history_mark(kind: str, qualifier: str) -> str:
    """The HISTORY_MARKS key of a figure."""
    if qualifier in ("more than", "at least"):
        return f"{kind}, lower bound"
    return f"{kind}, about" if qualifier == "about" else kind


def indicator_history_chart(
    figures: pd.DataFrame, value_title: str, title: str, _: Translate = _untranslated
) -> alt.TopLevelMixin:
    """Every figure of one indicator over time, at the end of its period: outcomes joined by a thin
    line, targets as squares, hedged values drawn as hedged (see HISTORY_MARKS). `figures` has
    `plot_value` (the value in the axis's scale), `period_end`, `kind`, `qualifier`, `value_label`,
    `period_label`, `source_title` and `edition`."""
    marks = [
        history_mark(kind, qualifier) for kind, qualifier in zip(figures["kind"], figures["qualifier"], strict=True)
    ]
    data = figures.assign(
        mark=[_(mark) for mark in marks],
        end=figures["period_end"].dt.strftime("%Y-%m-%d"),
    )[["end", "plot_value", "mark", "kind", "value_label", "period_label", "source_title", "edition"]]
    shown = list(dict.fromkeys(marks))
    names = [_(mark) for mark in shown]
    colours = [KIND_COLOURS[mark.split(",")[0]] for mark in shown]
    legend = alt.Legend(title=None, **LEGEND_BELOW)
    tooltip = [
        alt.Tooltip("value_label:N", title=_("Value")),
        alt.Tooltip("mark:N", title=_("Kind")),
        alt.Tooltip("period_label:N", title=_("Period")),
        alt.Tooltip("source_title:N", title=_("Source")),
        alt.Tooltip("edition:N", title=_("Edition")),
    ]
    x = alt.X("end:T", title=_("End of the period"), axis=alt.Axis(format="%Y-%m", labelAngle=0))
    y = alt.Y("plot_value:Q", title=value_title, scale=alt.Scale(zero=False))
    base = alt.Chart(data).encode(x=x, y=y, tooltip=tooltip)
    line = (
        base.transform_filter("datum.kind == 'outcome'")
        .mark_line(strokeWidth=1, color=KIND_COLOURS["outcome"], opacity=0.5, aria=False)
        .encode(tooltip=alt.value(None))
    )
    shapes = [HISTORY_MARKS[mark][0] for mark in shown]
    fills = [colour if HISTORY_MARKS[mark][1] else "#FFFFFF" for mark, colour in zip(shown, colours, strict=True)]
    # One legend for colour, shape and fill: an open mark is white inside.
    points = base.mark_point(size=120, strokeWidth=2, opacity=1).encode(
        color=alt.Color("mark:N", scale=alt.Scale(domain=names, range=colours), legend=legend),
        shape=alt.Shape("mark:N", scale=alt.Scale(domain=names, range=shapes), legend=legend),
        fill=alt.Fill("mark:N", scale=alt.Scale(domain=names, range=fills), legend=legend),
    )
    layers = [line, points] if (data["kind"] == "outcome").sum() > 1 else [points]
    # Only the width fits the column: a fixed height in a chart that fits both ways would be its whole
    # height, titles and legend included, leaving the plot a sliver (Streamlit fits both by default).
    return alt.layer(*layers).properties(
        height=260,
        title=alt.Title(title, subtitle=_history_subtitle(marks, _)),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )


def _history_subtitle(marks: list[str], _: Translate) -> str:
    parts = [_("Each figure at the end of its period.")]
    if any("lower bound" in mark for mark in marks):
        parts.append(_("An open triangle: the value is stated as more than (or at least) the figure."))
    return " ".join(parts)


def describe_history(figures: pd.DataFrame, name: str, _: Translate = _untranslated) -> str:
    kinds = figures["kind"].value_counts()
    text = _("Chart of {name} over time: {outcomes} outcomes and {targets} targets").format(
        name=name, outcomes=int(kinds.get("outcome", 0)), targets=int(kinds.get("target", 0))
    )
    outcomes = figures[figures["kind"] == "outcome"]
    if len(outcomes):
        last = outcomes.iloc[-1]
        text += _(", the latest {value} ({period})").format(value=last["value_label"], period=last["period_label"])
    return text + _(".")


def growth_over_time_chart(
    rows: pd.DataFrame, value_title: str, title: str, _: Translate = _untranslated
) -> alt.TopLevelMixin:
    """Each growth indicator's yearly values over time, one small chart per indicator: outcomes as
    dots joined by a line, targets as black ticks. `rows` has `indicator`, `year`, `value`, `kind`,
    `value_label`, `period_label` and `source_title`."""
    data = rows.assign(kind_label=rows["kind"].map(_))[
        ["indicator", "year", "value", "kind", "kind_label", "value_label", "period_label", "source_title"]
    ]
    tooltip = [
        alt.Tooltip("indicator:N", title=_("Indicator")),
        alt.Tooltip("kind_label:N", title=_("Kind")),
        alt.Tooltip("value_label:N", title=_("Value")),
        alt.Tooltip("period_label:N", title=_("Period")),
        alt.Tooltip("source_title:N", title=_("Source")),
    ]
    base = alt.Chart(data).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=value_title),
        tooltip=tooltip,
    )
    outcomes = base.transform_filter("datum.kind == 'outcome'")
    line = outcomes.mark_line(color=KIND_COLOURS["outcome"], strokeWidth=1.5, aria=False).encode(
        tooltip=alt.value(None)
    )
    dots = outcomes.mark_point(filled=True, size=70, color=KIND_COLOURS["outcome"], opacity=1)
    ticks = base.transform_filter("datum.kind == 'target'").mark_tick(thickness=3, size=18, color="#222222")
    layers = [line, dots] + ([ticks] if (data["kind"] == "target").any() else [])
    return (
        alt.layer(*layers)
        .properties(width=200, height=140)
        .facet(facet=alt.Facet("indicator:N", title=None, header=alt.Header(labelLimit=220)), columns=3)
        .resolve_scale(y="independent")
        .resolve_axis(x="independent")  # every small chart shows its years, not only the bottom row
        .properties(title=alt.Title(title, subtitle=_("Dots: reported growth. Black tick: the target for the year.")))
    )


def describe_growth_over_time(rows: pd.DataFrame, _: Translate = _untranslated) -> str:
    return _(
        "Small charts of {count} growth indicators over {years} years: outcomes as dots, targets as ticks."
    ).format(count=rows["indicator"].nunique(), years=rows["year"].nunique())
