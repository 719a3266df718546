"""Themes: one theme's indicators grouped as targets, growth rates, shares, and levels and ranks."""

import streamlit as st

from components import charts
from components.data_layer import views
from components.ui import chart_block, chosen_themes, data_layer

layer = data_layer()
themes = layer.themes.set_index("id")
choices = chosen_themes() or list(themes.index)

st.title("Themes")
theme = st.selectbox("Theme", choices, format_func=lambda t: themes.loc[t, "label"], key="theme_page_choice")
st.caption(themes.loc[theme, "description"])
observations = views.for_themes(layer.observations, [theme])
pairs = views.for_themes(layer.plan_vs_outcome, [theme])
label = themes.loc[theme, "label"]


def metric_grid(figures) -> None:
    for start in range(0, len(figures), 3):
        for column, figure in zip(st.columns(3), figures.iloc[start : start + 3].itertuples(), strict=False):
            column.metric(figure.indicator, figure.value_short, border=True, help=figure.note or None)
            column.caption(f"{figure.value_label}, {figure.period_label} · {figure.source_title}")


sections = [
    ("Targets", not pairs.empty),
    ("Growth rates", not views.rows_with_targets(observations, "yoy_growth").empty),
    ("Shares", not views.rows_with_targets(observations, "share").empty),
    ("Levels and counts", not views.outcomes_of(observations, ["level", "added"]).empty),
    ("Ranks", not views.outcomes_of(observations, ["rank", "rank_change"]).empty),
]
st.markdown(" · ".join(f"{name}" for name, present in sections if present) or "No figures for this theme yet.")

if not pairs.empty:
    st.subheader("Targets")
    chart_block(
        charts.plan_vs_outcome_chart(pairs),
        name=f"{label} targets",
        description=charts.describe_plan_vs_outcome(pairs),
        data=pairs[["indicator", "period", "target_label", "outcome_label", "gap_label", "status", "status_reason"]],
        key="theme-targets",
    )
for measure, heading, axis, domain in [
    ("yoy_growth", "Growth rates", "Year-on-year growth (%)", None),
    ("share", "Shares", "Share of the total (%)", (0, 100)),
]:
    rows = views.rows_with_targets(observations, measure)
    if rows.empty:
        continue
    st.subheader(heading)
    chart_block(
        charts.bars_with_targets(rows, layer.themes, axis, f"{label}: {heading.lower()}", domain),
        name=f"{label} {heading}",
        description=charts.describe_bars(rows, heading.lower()),
        data=rows.drop(columns=["row_label", "indicator_id", "theme", "period"]),
        key=f"theme-{measure}",
    )
for heading, measures in [("Levels and counts", ["level", "added"]), ("Ranks", ["rank", "rank_change"])]:
    figures = views.outcomes_of(observations, measures)
    if not figures.empty:
        st.subheader(heading)
        metric_grid(figures)
