"""Growth rates: year-on-year growth of one period, sorted, coloured by theme, with matching targets
as ticks; or, over time, each growth indicator's yearly values with its targets."""

import streamlit as st

from components import markdown
from components.ui.cache import cached
from components.ui.choices import PERIOD_PARAM, current_choice
from components.ui.layout import chart_block, empty_notice, page_header
from components.views.growth_rates import growth, growth_over_time

choice = current_choice()
periods = cached(growth)(choice)  # the period list and the words, before the reader's period is known

page_header(periods.header)
st.caption(periods.caption)
if not periods.periods:
    empty_notice(periods.empty)
    st.stop()
# A radio: a selected segment of a segmented control fails colour contrast (see ui.choices.language_choice).
shown = st.radio(
    periods.views["period"], list(periods.views), format_func=periods.views.__getitem__, key="growth_view",
    label_visibility="collapsed", horizontal=True,
)  # fmt: skip
if shown == "time":
    over_time = cached(growth_over_time)(choice)
    if over_time:
        chart_block(over_time, key="growth-over-time", lang=choice.lang)
    st.stop()

period = st.selectbox(
    periods.period_label, periods.periods, format_func=periods.period_labels.__getitem__, key=PERIOD_PARAM,
    bind="query-params", help=periods.period_help,
)  # fmt: skip
view = cached(growth)(choice, period)
if view.chart is None:
    empty_notice(view.empty)
else:
    chart_block(view.chart, key="growth", lang=choice.lang)
for note in view.notes:
    st.caption(markdown.escape(note))
