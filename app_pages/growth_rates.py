"""Growth rates: year-on-year growth, sorted, coloured by theme, with matching targets as ticks."""

import streamlit as st

from components import markdown, page_views
from components.ui import PERIOD_PARAM, cached, chart_block, chosen_themes, empty_notice, gettext, page_header

_ = gettext()
themes = tuple(chosen_themes())
periods = cached(page_views.growth)((), None)  # the period list does not depend on the filter

page_header(_("Growth rates"))
st.caption(_("Year-on-year change on the same period a year before, as the sources report it."))
if not periods.periods:
    empty_notice(_("No growth rates in the data. The sources hold no year-on-year figures yet."))
    st.stop()
period = st.selectbox(
    _("Period"), periods.periods, format_func=periods.period_labels.__getitem__, key=PERIOD_PARAM,
    bind="query-params", help=_("Periods with reported growth come first; the last ones hold only targets."),
)  # fmt: skip
view = cached(page_views.growth)(themes, period)
if view.chart is None:
    empty_notice(
        _(
            "No growth rates in {period} for the chosen themes. Widen the theme filter in the sidebar to see more."
        ).format(period=view.period_labels[period])
    )
else:
    chart_block(view.chart, key="growth")
    if view.only_targets:
        st.caption(_("No outcome has been reported yet for this period: the ticks are the targets."))

for figure in view.not_in_percent:
    st.caption(_("Not on the chart (given as a multiple, not a percent): ") + markdown.escape(figure))
