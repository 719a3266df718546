"""Plan vs outcome: every promise with its outcome and status as known on the chosen edition,
grouped by status, with the compared pairs charted and notes on what to read with care."""

import streamlit as st

from components import markdown, page_views
from components.data_layer import STATUSES
from components.ui import STATUS_PARAM, cached, chart_block, chosen_themes, empty_notice, gettext, page_header

_ = gettext()
page_header(_("Plan vs outcome"))
st.caption(
    _(
        "What the plans and work reports promised, in their own words and units, beside what was reported "
        "for the same indicator and period. How a status is decided is set out on the Data and sources page."
    )
)
statuses = st.pills(
    _("Status"), STATUSES, format_func=_, selection_mode="multi", key=STATUS_PARAM, bind="query-params",
    help=_("Leave empty for all."),
)  # fmt: skip
view = cached(page_views.plan_vs_outcome)(tuple(chosen_themes()), tuple(statuses))
if not view.groups:
    empty_notice(_("No targets for the chosen themes and statuses. Clear the status pills or widen the theme filter."))
    st.stop()

st.markdown(" · ".join(f"{markdown.escape(group.badge)}: {len(group.targets)}" for group in view.groups))
for group in view.groups:
    st.subheader(f"{group.badge} ({len(group.targets)})", anchor=group.status.replace(" ", "-"))
    st.markdown(markdown.table(group.targets))

if view.chart:
    st.subheader(_("Targets against outcomes"))
    chart_block(view.chart, key="plan-vs-outcome")

if view.caveats:
    st.subheader(_("Read with care"))
    items = [f"**{markdown.escape(caveat.heading)}**: {markdown.escape(caveat.text)}" for caveat in view.caveats]
    st.markdown(markdown.bullet_list(items))
