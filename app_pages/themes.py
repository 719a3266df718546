"""Themes: one theme's indicators grouped as targets, growth rates, shares, and levels and ranks."""

import streamlit as st

from components import markdown, page_views
from components.ui import cached, chart_block, chosen_themes, page_header

labels = cached(page_views.theme_choices)(tuple(chosen_themes()))

page_header("Themes")
theme = st.selectbox("Theme", list(labels), format_func=labels.__getitem__, key="theme_page_choice")
view = cached(page_views.theme_page)(theme)
st.caption(markdown.escape(view.description))
st.markdown(" · ".join(map(markdown.escape, view.sections)) or "No figures for this theme yet.")

for index, (heading, chart) in enumerate(view.charts):
    st.subheader(heading)
    chart_block(chart, key=f"theme-chart-{index}")
for heading, figures in view.tables:
    st.subheader(heading)
    st.markdown(markdown.table(figures))
