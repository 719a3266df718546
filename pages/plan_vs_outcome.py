"""Plan vs outcome: every target beside its outcome, coloured by status, with gaps and caveats."""

import streamlit as st

from components import charts
from components.data_layer import STATUSES, views
from components.ui import STATUS_PARAM, chart_block, chosen_themes, data_layer, empty_notice

layer = data_layer()
pairs = views.for_themes(layer.plan_vs_outcome, chosen_themes())

st.title("Plan vs outcome")
st.caption(
    "Each target from the plans and work reports, with the outcome reported for the same indicator and "
    "period. How a status is decided is set out on the Data and sources page."
)
statuses = st.pills(
    "Status", STATUSES, selection_mode="multi", key=STATUS_PARAM, bind="query-params", help="Leave empty for all."
)
if statuses:
    pairs = pairs[pairs["status"].isin(statuses)]
if pairs.empty:
    empty_notice("targets")
    st.stop()

# Chart and table stacked, not side by side: the row labels need the width on a laptop screen.
columns = {
    "indicator": "Indicator", "period": "Period", "target_label": "Target", "outcome_label": "Outcome",
    "gap_label": "Gap", "status": "Status", "status_reason": "Why", "gap": "Gap (units)", "gap_percent": "Gap (%)",
    "target_source_id": "Target source", "outcome_source_id": "Outcome source",
}  # fmt: skip
chart_block(
    charts.plan_vs_outcome_chart(pairs),
    name="Plan vs outcome",
    description=charts.describe_plan_vs_outcome(pairs),
    data=pairs,
    key="plan-vs-outcome",
    columns=columns,
    table_open=True,
)

caveats = pairs[
    (pairs["status"] == "not comparable") | (pairs["target_qualifier"] != "") | (pairs["outcome_qualifier"] != "")
]
if not caveats.empty:
    st.subheader("Read with care")
    for row in caveats.itertuples():
        outcome = f"; outcome {row.outcome_label} ({row.outcome_indicator})" if row.outcome_label else ""
        st.markdown(f"- **{row.indicator}, {row.period}**: target {row.target_label}{outcome}. {row.status_reason}")
