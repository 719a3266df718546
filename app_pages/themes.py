"""Themes: one theme's promises, growth rates and shares as charts, and its levels and ranks as tables."""

import streamlit as st

from components import markdown, page_views
from components.ui import cached, chart_block, chosen_themes, gettext, page_header

_ = gettext()
labels = cached(page_views.theme_choices)(tuple(chosen_themes()))

page_header(_("Themes"))
theme = st.selectbox(_("Theme"), list(labels), format_func=labels.__getitem__, key="theme_page_choice")
view = cached(page_views.theme_page)(theme)
st.caption(markdown.escape(view.description))
st.markdown(" · ".join(map(markdown.escape, view.sections)) or _("No figures for this theme yet."))

if view.targets:
    st.subheader(view.targets_heading)
    st.markdown(markdown.table(view.targets_table))
for index, (heading, chart) in enumerate(view.charts):
    st.subheader(heading)
    chart_block(chart, key=f"theme-chart-{index}")
for heading, figures in view.tables:
    st.subheader(heading)
    st.markdown(markdown.table(figures))
