"""Indicator: one indicator's history over time, every target and outcome with its source; linked
from every table that names an indicator, and kept in the link as ?indicator=<id>."""

import streamlit as st

from components import markdown
from components.ui.cache import cached
from components.ui.choices import INDICATOR_PARAM, current_choice, synced, write_link
from components.ui.layout import chart_block, empty_notice, page_header
from components.views.indicator import indicator_choice, indicator_page

choice = current_choice()
offered = cached(indicator_choice)(choice)
page_header(offered.header)
if offered.empty:
    empty_notice(offered.empty)
    st.stop()
first = next(iter(offered.indicators))
key = synced(INDICATOR_PARAM, list(offered.indicators), first)
indicator = st.selectbox(
    offered.label, list(offered.indicators), format_func=offered.indicators.__getitem__, key=key, help=offered.help
)
write_link(INDICATOR_PARAM, indicator, "")  # always in the link, so it can be shared
view = cached(indicator_page)(choice, indicator)

st.caption(markdown.escape(f"{view.description} {view.facts}"))
if view.chart:
    chart_block(view.chart, key="indicator", lang=choice.lang)
else:
    empty_notice(view.empty)
for note in view.notes:
    st.caption(markdown.escape(note))
st.subheader(view.figures_heading)
st.markdown(markdown.table(view.figures, links={view.source_column: view.addresses}))
