"""Plan vs outcome: every promise with its outcome and status as known on the chosen edition,
grouped by status, with the compared pairs charted and notes on what to read with care."""

import streamlit as st

from components import markdown
from components.ui.cache import cached
from components.ui.choices import STATUS_PARAM, current_choice
from components.ui.layout import chart_block, empty_notice, linked_table, page_header
from components.views.plan_vs_outcome import plan_intro, plan_vs_outcome

choice = current_choice()
intro = cached(plan_intro)(choice)
page_header(intro.header)
st.caption(intro.caption)
statuses = st.pills(
    intro.status_label, list(intro.status_names), format_func=intro.status_names.__getitem__, selection_mode="multi",
    key=STATUS_PARAM, bind="query-params", help=intro.status_help,
)  # fmt: skip
view = cached(plan_vs_outcome)(choice, tuple(statuses))
if view.empty:
    empty_notice(view.empty)
    st.stop()

st.markdown(markdown.escape(view.counts))
for group in view.groups:
    st.subheader(markdown.escape(group.heading), anchor=group.anchor)
    st.markdown(linked_table(group.targets, group.link_column, group.indicator_ids, choice))

if view.chart:
    st.subheader(view.chart_heading)
    chart_block(view.chart, key="plan-vs-outcome", lang=choice.lang)

if view.caveats:
    st.subheader(view.caveats_heading)
    items = [f"**{markdown.escape(caveat.heading)}**: {markdown.escape(caveat.text)}" for caveat in view.caveats]
    st.markdown(markdown.bullet_list(items))
