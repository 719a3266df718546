"""Themes: one theme's promises, growth rates and shares as charts, and its levels and ranks as tables."""

import streamlit as st

from components import markdown
from components.ui.cache import cached
from components.ui.choices import current_choice
from components.ui.layout import chart_block, linked_table, page_header
from components.views.themes import theme_choice, theme_page

choice = current_choice()
offered = cached(theme_choice)(choice)
page_header(offered.header)
theme = st.selectbox(
    offered.label, list(offered.themes), format_func=offered.themes.__getitem__, key="theme_page_choice"
)
view = cached(theme_page)(choice, theme)
st.caption(markdown.escape(view.description))
st.markdown(markdown.escape(view.summary))

if view.targets:
    st.subheader(view.targets_heading)
    link_column = view.targets[0].link_column
    st.markdown(linked_table(view.targets_table, link_column, view.targets_ids, choice))
for index, (heading, chart) in enumerate(view.charts):
    st.subheader(heading)
    chart_block(chart, key=f"theme-chart-{index}", lang=choice.lang)
for (heading, figures), indicators in zip(view.tables, view.table_ids, strict=True):
    st.subheader(heading)
    st.markdown(linked_table(figures, view.link_column, indicators, choice))
