"""Themes: one theme's indicators grouped as targets, growth rates, shares, and levels and ranks."""

import streamlit as st

from components import markdown, page_data
from components.ui import cached, chart_block, chosen_themes, data_layer

labels = dict(zip(data_layer().themes["id"], data_layer().themes["label"], strict=True))

st.title("Themes")
choices = chosen_themes() or list(labels)
theme = st.selectbox("Theme", choices, format_func=labels.get, key="theme_page_choice")
view = cached(page_data.theme_page, theme)
st.caption(view.description)
sections = [heading for heading, _ in view.charts] + [heading for heading, _ in view.tables]
st.markdown(" · ".join(sections) or "No figures for this theme yet.")

for index, (heading, chart) in enumerate(view.charts):
    st.subheader(heading)
    chart_block(chart, key=f"theme-chart-{index}")
for heading, figures in view.tables:
    st.subheader(heading)
    st.markdown(markdown.table(figures))
