"""Plan vs outcome: every target beside its outcome, coloured by status, with gaps and caveats."""

import streamlit as st

from components import markdown, page_views
from components.data_layer import STATUSES
from components.ui import STATUS_PARAM, cached, chart_block, chosen_themes, empty_notice

st.title("Plan vs outcome")
st.caption(
    "Each target from the plans and work reports, with the outcome reported for the same indicator and "
    "period. How a status is decided is set out on the Data and sources page."
)
statuses = st.pills(
    "Status", STATUSES, selection_mode="multi", key=STATUS_PARAM, bind="query-params", help="Leave empty for all."
)
view = cached(page_views.plan_vs_outcome)(tuple(chosen_themes()), tuple(statuses))
if view.chart is None:
    empty_notice("targets for the chosen themes and statuses", "Clear the status pills or widen the theme filter.")
    st.stop()

# Chart and table stacked, not side by side: the row labels need the width on a laptop screen.
chart_block(view.chart, key="plan-vs-outcome", table_open=True)

if view.caveats:
    st.subheader("Read with care")
    st.markdown(
        markdown.bullet_list([f"**{markdown.escape(c.heading)}**: {markdown.escape(c.text)}" for c in view.caveats])
    )
