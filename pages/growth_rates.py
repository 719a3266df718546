"""Growth rates: year-on-year growth, sorted, coloured by theme, with matching targets as ticks."""

import streamlit as st

from components import charts
from components.data_layer import views
from components.ui import PERIOD_PARAM, chart_block, chosen_themes, data_layer, empty_notice

layer = data_layer()
observations = views.for_themes(layer.observations, chosen_themes())

st.title("Growth rates")
st.caption("Year-on-year change on the same period a year before, as the sources report it.")
periods = views.figure_periods(layer.observations, "yoy_growth")
labels = views.period_labels(layer.observations)
period = st.selectbox(
    "Period", periods, format_func=labels.get, key=PERIOD_PARAM, bind="query-params",
    help="Periods with reported growth come first; the last ones hold only targets.",
)  # fmt: skip
rows = views.rows_with_targets(observations, "yoy_growth", period)
if rows.empty:
    empty_notice(f"growth rates in {labels[period]}")
else:
    chart_block(
        charts.bars_with_targets(rows, layer.themes, "Year-on-year growth (%)", f"Growth rates, {labels[period]}"),
        name=f"Growth rates {period}",
        description=charts.describe_bars(rows, f"growth rates for {labels[period]}"),
        data=rows,
        key="growth",
        columns={
            "indicator": "Indicator", "period_label": "Period", "theme_label": "Theme", "outcome_value": "Growth (%)",
            "outcome_label": "Reported as", "target_value": "Target (%)", "target_label": "Target as stated",
            "source": "Source", "note": "Note",
        },
    )  # fmt: skip
    if rows["outcome_value"].isna().all():
        st.caption("No outcome has been reported yet for this period: the ticks are the targets.")

others = views.growth_outside_percent(observations)
for row in others.itertuples():
    figure = f"{row.indicator}, {row.period_label}: {row.value_label}"
    st.caption(f"Not on the chart (given as a multiple, not a percent): {figure}. {row.note}")
